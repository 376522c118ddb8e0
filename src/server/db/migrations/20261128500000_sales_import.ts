import type { Kysely } from 'kysely';
import { baseColumns } from './helpers.js';

/**
 * CSV imports of sales records: a job per uploaded file (mapping, dry-run figures, progress) and
 * the rows it rejected with the reason, so that nothing a user sent is lost without a word.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await baseColumns(db.schema.createTable('import_jobs'))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_bytes', 'bigint', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    // JSON: the file's header row, a few sample rows, and the column → field mapping
    .addColumn('header', 'text', (c) => c.notNull())
    .addColumn('sample', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text')
    // uploaded, checking, checked, importing, done, failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('total_rows', 'integer')
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicate_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inserted_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('import_jobs_creator').on('import_jobs').columns(['created_by', 'created_at', 'id']).execute();

  await baseColumns(db.schema.createTable('import_rejections'))
    .addColumn('job_id', 'text', (c) => c.notNull().references('import_jobs.id').onDelete('cascade'))
    // the line of the file (the header is line 1)
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('field', 'text')
    // invalid or duplicate
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    // the row as read, JSON array
    .addColumn('raw', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_rejections_job_line').on('import_rejections').columns(['job_id', 'line', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
