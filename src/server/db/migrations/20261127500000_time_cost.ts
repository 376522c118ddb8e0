import { sql, type Kysely } from 'kysely';
import { baseColumns } from './helpers.js';

/**
 * Actual cost: timesheet entries (hours on a task, costed at the user's rate in force on the day)
 * and expenses. The 24-hours-a-day rule spans rows, so the service enforces it, not a CHECK.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await baseColumns(db.schema.createTable('timesheet_entries'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('hours', 'real', (c) => c.notNull())
    .addColumn('billable', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('approved_by', 'text', (c) => c.references('users.id'))
    .addColumn('approved_at', 'text')
    // hours × the user's cost rate in force on `date`, minor units, fixed when the entry is written.
    .addColumn('cost', 'bigint', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('timesheet_entries_hours_positive', sql`hours > 0 and hours <= 24`)
    .execute();
  await db.schema.createIndex('timesheet_entries_user_date').on('timesheet_entries').columns(['user_id', 'date']).execute();
  await db.schema.createIndex('timesheet_entries_project_date').on('timesheet_entries').columns(['project_id', 'date']).execute();
  await db.schema.createIndex('timesheet_entries_project_status').on('timesheet_entries').columns(['project_id', 'status', 'date', 'id']).execute();
  await db.schema.createIndex('timesheet_entries_task').on('timesheet_entries').columns(['task_id']).execute();

  await baseColumns(db.schema.createTable('expenses'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('submitted'))
    .addColumn('approved_by', 'text', (c) => c.references('users.id'))
    .addColumn('approved_at', 'text')
    .execute();
  await db.schema.createIndex('expenses_project_date').on('expenses').columns(['project_id', 'date']).execute();
  await db.schema.createIndex('expenses_project_status').on('expenses').columns(['project_id', 'status', 'date', 'id']).execute();
  await db.schema.createIndex('expenses_user_date').on('expenses').columns(['user_id', 'date']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
