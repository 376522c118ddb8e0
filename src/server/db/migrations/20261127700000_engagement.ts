import { sql, type Kysely } from 'kysely';
import { baseColumns } from './helpers.js';

const sqlRange = (column: string) => sql`${sql.ref(column)} between 1 and 5`;

/**
 * Stakeholders and the communication plan of a project, weekly status reports, and the general
 * in-app notifications (with an idempotency key, so a reminder sweep never reminds twice).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await baseColumns(db.schema.createTable('stakeholders'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    // A user of the organisation, or null for an external contact known by name.
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('role_title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('influence', 'integer', (c) => c.notNull())
    .addColumn('interest', 'integer', (c) => c.notNull())
    .addColumn('attitude', 'text', (c) => c.notNull())
    .addColumn('expectations', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('engagement_approach', 'text', (c) => c.notNull().defaultTo(''))
    .addCheckConstraint('stakeholders_influence_range', sqlRange('influence'))
    .addCheckConstraint('stakeholders_interest_range', sqlRange('interest'))
    .execute();
  // The register sorts by influence, then interest (both descending), then id.
  await db.schema.createIndex('stakeholders_project_rank').on('stakeholders').columns(['project_id', 'influence desc', 'interest desc', 'id']).execute();

  await baseColumns(db.schema.createTable('communication_items'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull().defaultTo(''))
    // JSON array of stakeholder ids the item addresses (besides the free-text audience).
    .addColumn('stakeholder_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('next_due_date', 'text')
    // next_due_date, or '9999-12-31' when nothing is due: the plan sorts by it on an index.
    .addColumn('due_sort', 'text', (c) => c.notNull())
    .addColumn('last_done_date', 'text')
    .execute();
  await db.schema.createIndex('communication_items_project_due').on('communication_items').columns(['project_id', 'due_sort', 'id']).execute();
  // The reminder sweep looks for items falling due across every organisation.
  await db.schema.createIndex('communication_items_due').on('communication_items').columns(['next_due_date']).execute();
  await db.schema.createIndex('communication_items_owner').on('communication_items').columns(['owner_id', 'next_due_date']).execute();

  await baseColumns(db.schema.createTable('notifications'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('link', 'text')
    .addColumn('is_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('read_at', 'text')
    // What the notification is about, once: e.g. 'comm:<item>:<due date>'. Unique, so that a sweep
    // run twice (or two at once on PostgreSQL) inserts it once; null for notifications that may repeat.
    .addColumn('dedupe_key', 'text')
    .execute();
  await db.schema.createIndex('notifications_dedupe_key').on('notifications').column('dedupe_key').unique().execute();
  await db.schema.createIndex('notifications_user_newest').on('notifications').columns(['user_id', 'id desc']).execute();
  await db.schema.createIndex('notifications_user_unread').on('notifications').columns(['user_id', 'is_read', 'id desc']).execute();

  await baseColumns(db.schema.createTable('status_reports'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    // The Monday of the reported week.
    .addColumn('week_of', 'text', (c) => c.notNull())
    // The status date the figures were drafted at.
    .addColumn('report_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('health', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('accomplishments', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('next_steps', 'text', (c) => c.notNull().defaultTo(''))
    // JSON: the figures drafted from the data, frozen so that the history never changes.
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('submitted_by', 'text', (c) => c.references('users.id'))
    .addColumn('submitted_at', 'text')
    .execute();
  await db.schema.createIndex('status_reports_project_week').on('status_reports').columns(['project_id', 'week_of']).unique().execute();
  await db.schema.createIndex('status_reports_project_history').on('status_reports').columns(['project_id', 'week_of desc', 'id desc']).execute();
  // On-time reporting across an organisation (the KPI pm.status_reporting).
  await db.schema.createIndex('status_reports_org_week').on('status_reports').columns(['org_id', 'week_of', 'status']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
