import { sql, type Kysely } from 'kysely';
import { baseColumns } from './helpers.js';

const sqlRange = (column: string) => sql`${sql.ref(column)} between 1 and 5`;

/** The risk and issue register of a project, with every review of a risk kept. */
export async function up(db: Kysely<any>): Promise<void> {
  await baseColumns(db.schema.createTable('issues'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('severity', 'text', (c) => c.notNull())
    // low 1 … critical 4: stored so that lists sort and filter by severity on an index.
    .addColumn('severity_rank', 'integer', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('resolution', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    // The risk this issue came from; no FK because risks also point here (risks.issue_id), and
    // SQLite cannot add a constraint to an existing table to close the cycle.
    .addColumn('risk_id', 'text')
    .addColumn('resolved_at', 'text')
    .execute();
  // Lists sort most severe first, then by id: the indexes hold that order (rank descending, id ascending).
  await db.schema.createIndex('issues_project_rank').on('issues').columns(['project_id', 'severity_rank desc', 'id']).execute();
  await db.schema.createIndex('issues_project_status_rank').on('issues').columns(['project_id', 'status', 'severity_rank desc', 'id']).execute();
  await db.schema.createIndex('issues_project_owner_rank').on('issues').columns(['project_id', 'owner_id', 'severity_rank desc', 'id']).execute();
  await db.schema.createIndex('issues_owner_status').on('issues').columns(['owner_id', 'status']).execute();
  await db.schema.createIndex('issues_risk').on('issues').columns(['risk_id']).execute();

  await baseColumns(db.schema.createTable('risks'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('probability', 'integer', (c) => c.notNull())
    .addColumn('impact', 'integer', (c) => c.notNull())
    // probability × impact, stored so that the register sorts and filters by it on an index.
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.references('users.id'))
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('response_plan', 'text', (c) => c.notNull().defaultTo(''))
    // "trigger" is an SQL keyword; the wire field keeps the plain name.
    .addColumn('trigger_condition', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('next_review_date', 'text')
    .addColumn('last_reviewed_at', 'text')
    .addColumn('issue_id', 'text', (c) => c.references('issues.id').onDelete('set null'))
    .addCheckConstraint('risks_probability_range', sqlRange('probability'))
    .addCheckConstraint('risks_impact_range', sqlRange('impact'))
    .execute();
  // The register sorts by score descending, then id ascending: the indexes hold that order.
  await db.schema.createIndex('risks_project_score').on('risks').columns(['project_id', 'score desc', 'id']).execute();
  await db.schema.createIndex('risks_project_status_score').on('risks').columns(['project_id', 'status', 'score desc', 'id']).execute();
  await db.schema.createIndex('risks_project_owner_score').on('risks').columns(['project_id', 'owner_id', 'score desc', 'id']).execute();
  await db.schema.createIndex('risks_project_cell').on('risks').columns(['project_id', 'probability', 'impact', 'status']).execute();
  await db.schema.createIndex('risks_owner_status').on('risks').columns(['owner_id', 'status']).execute();
  // Reviews falling due, across an organisation (reminders, the KPI pm.risk_management).
  await db.schema.createIndex('risks_org_status_review').on('risks').columns(['org_id', 'status', 'next_review_date']).execute();

  await baseColumns(db.schema.createTable('risk_reviews'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('risk_id', 'text', (c) => c.notNull().references('risks.id').onDelete('cascade'))
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('probability', 'integer', (c) => c.notNull())
    .addColumn('impact', 'integer', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('next_review_date', 'text')
    .execute();
  await db.schema.createIndex('risk_reviews_risk').on('risk_reviews').columns(['risk_id', 'reviewed_at', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
