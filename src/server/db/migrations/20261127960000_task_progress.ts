import type { Kysely } from 'kysely';
import { baseColumns } from './helpers.js';

/**
 * Progress history: each task's % complete as it stood at the end of a day (the reporter's local
 * date), so that earned value can be read at any past status date.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await baseColumns(db.schema.createTable('task_progress'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('percent_complete', 'real', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_progress_task_date').unique().on('task_progress').columns(['task_id', 'date']).execute();
  await db.schema.createIndex('task_progress_project_date').on('task_progress').columns(['project_id', 'date']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
