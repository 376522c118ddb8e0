import type { Kysely } from 'kysely';
import { baseColumns } from './helpers.js';

/**
 * Quality and change control of a project: deliverables (with their acceptance criteria as a JSON
 * list, since they are only ever read and written with their deliverable), the reviews of each,
 * the defects found, and change requests numbered per project (CR-1, CR-2 …) from a counter row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await baseColumns(db.schema.createTable('deliverables'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // JSON array of { id, text, met }
    .addColumn('criteria', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('task_id', 'text', (c) => c.references('tasks.id').onDelete('set null'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('last_reviewed_at', 'text')
    .execute();
  // The list sorts by due date, then id: the indexes hold that order, with and without a status filter.
  await db.schema.createIndex('deliverables_project_due').on('deliverables').columns(['project_id', 'due_date', 'id']).execute();
  await db.schema.createIndex('deliverables_project_status_due').on('deliverables').columns(['project_id', 'status', 'due_date', 'id']).execute();
  await db.schema.createIndex('deliverables_owner_status').on('deliverables').columns(['owner_id', 'status']).execute();
  await db.schema.createIndex('deliverables_task').on('deliverables').columns(['task_id']).execute();

  await baseColumns(db.schema.createTable('deliverable_reviews'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('deliverable_id', 'text', (c) => c.notNull().references('deliverables.id').onDelete('cascade'))
    .addColumn('reviewer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('review_date', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('comments', 'text', (c) => c.notNull().defaultTo(''))
    // 1 when this was the deliverable's first review (for the KPI pm.deliverable_quality).
    .addColumn('first_review', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('deliverable_reviews_deliverable').on('deliverable_reviews').columns(['deliverable_id', 'review_date', 'id']).execute();
  await db.schema.createIndex('deliverable_reviews_project_date').on('deliverable_reviews').columns(['project_id', 'review_date']).execute();

  await baseColumns(db.schema.createTable('defects'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('deliverable_id', 'text', (c) => c.notNull().references('deliverables.id').onDelete('cascade'))
    .addColumn('review_id', 'text', (c) => c.references('deliverable_reviews.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('severity', 'text', (c) => c.notNull())
    // low 1 … critical 4: stored so that lists sort and filter by severity on an index.
    .addColumn('severity_rank', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('found_by', 'text', (c) => c.references('users.id'))
    .addColumn('resolved_at', 'text')
    .execute();
  await db.schema.createIndex('defects_project_rank').on('defects').columns(['project_id', 'severity_rank desc', 'id']).execute();
  await db.schema.createIndex('defects_project_status_rank').on('defects').columns(['project_id', 'status', 'severity_rank desc', 'id']).execute();
  await db.schema.createIndex('defects_deliverable_status').on('defects').columns(['deliverable_id', 'status', 'severity_rank desc', 'id']).execute();
  await db.schema.createIndex('defects_assignee_status').on('defects').columns(['assignee_id', 'status']).execute();

  await baseColumns(db.schema.createTable('change_requests'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requested_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('scope_impact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('schedule_impact_days', 'integer', (c) => c.notNull().defaultTo(0))
    // minor units of the project's currency
    .addColumn('cost_impact', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amendment_ref', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_date', 'text')
    .addColumn('decision_note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('change_requests_project_number').on('change_requests').columns(['project_id', 'number']).unique().execute();
  await db.schema.createIndex('change_requests_project_status_number').on('change_requests').columns(['project_id', 'status', 'number']).execute();

  // The last CR number given out per project: bumped by an upsert inside the creating transaction,
  // which locks the row on PostgreSQL, so that two requests raised at once never share a number.
  await baseColumns(db.schema.createTable('change_request_counters'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('change_request_counters_project').on('change_request_counters').columns(['project_id']).unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
