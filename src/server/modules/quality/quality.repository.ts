import { sql, type Selectable } from 'kysely';
import type { ChangeRequestTable, DefectTable, DeliverableReviewTable, DeliverableTable } from '../../db/tables/quality.js';
import type { Executor } from '../../db/transaction.js';
import { uuidv7 } from '../../lib/ids.js';
import { keysetPage, type PageQuery } from '../../lib/pagination.js';

export type DeliverableRow = Selectable<DeliverableTable>;
export type ReviewRow = Selectable<DeliverableReviewTable>;
export type DefectRow = Selectable<DefectTable>;
export type ChangeRequestRow = Selectable<ChangeRequestTable>;
export type DeliverableWithNames = DeliverableRow & { owner_name: string | null; task_name: string | null };
export type DefectWithNames = DefectRow & { assignee_name: string | null; found_by_name: string | null; deliverable_name: string | null };
export type ChangeRequestWithNames = ChangeRequestRow & { requested_by_name: string | null; decided_by_name: string | null };

const UNRESOLVED = ['open', 'fixed'] as const;

// ---- deliverables ----

const deliverablesWithNames = (db: Executor) =>
  db
    .selectFrom('deliverables')
    .leftJoin('users as owner', 'owner.id', 'deliverables.owner_id')
    .leftJoin('tasks as task', 'task.id', 'deliverables.task_id')
    .selectAll('deliverables')
    .select(['owner.name as owner_name', 'task.name as task_name']);

export function findDeliverable(db: Executor, orgId: string, id: string): Promise<DeliverableWithNames | undefined> {
  return deliverablesWithNames(db).where('deliverables.org_id', '=', orgId).where('deliverables.id', '=', id).executeTakeFirst();
}

/** Deliverables of a project: earliest due first, then by id. */
export function listDeliverables(db: Executor, projectId: string, f: { status?: DeliverableRow['status'] }, page: PageQuery) {
  let q = deliverablesWithNames(db).where('deliverables.project_id', '=', projectId);
  if (f.status) q = q.where('deliverables.status', '=', f.status);
  return keysetPage(q, {
    sort: [
      { column: 'deliverables.due_date', direction: 'asc' },
      { column: 'deliverables.id', direction: 'asc' },
    ],
    page,
    keyOf: (r) => [r.due_date, r.id],
  });
}

export function insertDeliverable(db: Executor, row: DeliverableRow) {
  return db.insertInto('deliverables').values(row).execute();
}

export function updateDeliverableIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<DeliverableRow>) {
  return db.updateTable('deliverables').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export async function taskInProject(db: Executor, projectId: string, taskId: string) {
  return !!(await db.selectFrom('tasks').select('id').where('project_id', '=', projectId).where('id', '=', taskId).executeTakeFirst());
}

/** Unresolved defects per deliverable, and how many of them are high or critical: one query for a page. */
export async function defectCounts(db: Executor, deliverableIds: string[]) {
  const out = new Map<string, { open: number; blocking: number }>();
  if (!deliverableIds.length) return out;
  const rows = await db
    .selectFrom('defects')
    .select(['deliverable_id', sql<number | string>`count(*)`.as('n'), sql<number | string>`sum(case when severity_rank >= 3 then 1 else 0 end)`.as('b')])
    .where('deliverable_id', 'in', deliverableIds)
    .where('status', 'in', UNRESOLVED)
    .groupBy('deliverable_id')
    .execute();
  for (const r of rows) out.set(r.deliverable_id, { open: Number(r.n), blocking: Number(r.b) });
  return out;
}

/** Unresolved high and critical defects of a deliverable: what stands between it and acceptance. */
export function blockingDefects(db: Executor, deliverableId: string) {
  return db
    .selectFrom('defects')
    .select(['id', 'title', 'severity', 'status'])
    .where('deliverable_id', '=', deliverableId)
    .where('status', 'in', UNRESOLVED)
    .where('severity_rank', '>=', 3)
    .orderBy('severity_rank', 'desc')
    .orderBy('id')
    .execute();
}

// ---- reviews ----

export function insertReview(db: Executor, row: ReviewRow) {
  return db.insertInto('deliverable_reviews').values(row).execute();
}

export async function hasReviews(db: Executor, deliverableId: string) {
  return !!(await db.selectFrom('deliverable_reviews').select('id').where('deliverable_id', '=', deliverableId).limit(1).executeTakeFirst());
}

const reviewsWithNames = (db: Executor) => db.selectFrom('deliverable_reviews').leftJoin('users as reviewer', 'reviewer.id', 'deliverable_reviews.reviewer_id').selectAll('deliverable_reviews').select('reviewer.name as reviewer_name');

export function findReview(db: Executor, id: string) {
  return reviewsWithNames(db).where('deliverable_reviews.id', '=', id).executeTakeFirstOrThrow();
}

/** A deliverable's reviews, newest first. */
export function listReviews(db: Executor, deliverableId: string) {
  return reviewsWithNames(db)
    .where('deliverable_reviews.deliverable_id', '=', deliverableId)
    .orderBy('deliverable_reviews.review_date', 'desc')
    .orderBy('deliverable_reviews.id', 'desc')
    .execute();
}

// ---- defects ----

const defectsWithNames = (db: Executor) =>
  db
    .selectFrom('defects')
    .leftJoin('users as assignee', 'assignee.id', 'defects.assignee_id')
    .leftJoin('users as finder', 'finder.id', 'defects.found_by')
    .leftJoin('deliverables as deliverable', 'deliverable.id', 'defects.deliverable_id')
    .selectAll('defects')
    .select(['assignee.name as assignee_name', 'finder.name as found_by_name', 'deliverable.name as deliverable_name']);

export function findDefect(db: Executor, orgId: string, id: string): Promise<DefectWithNames | undefined> {
  return defectsWithNames(db).where('defects.org_id', '=', orgId).where('defects.id', '=', id).executeTakeFirst();
}

export interface DefectFilter {
  status?: DefectRow['status'] | 'unresolved';
  severityRank?: number;
  deliverableId?: string;
}

/** Defects of a project: most severe first, then by id. */
export function listDefects(db: Executor, projectId: string, f: DefectFilter, page: PageQuery) {
  let q = defectsWithNames(db).where('defects.project_id', '=', projectId);
  if (f.status === 'unresolved') q = q.where('defects.status', 'in', UNRESOLVED);
  else if (f.status) q = q.where('defects.status', '=', f.status);
  if (f.severityRank !== undefined) q = q.where('defects.severity_rank', '=', f.severityRank);
  if (f.deliverableId) q = q.where('defects.deliverable_id', '=', f.deliverableId);
  return keysetPage(q, {
    sort: [
      { column: 'defects.severity_rank', direction: 'desc' },
      { column: 'defects.id', direction: 'asc' },
    ],
    page,
    keyOf: (r) => [r.severity_rank, r.id],
  });
}

export function insertDefect(db: Executor, row: DefectRow) {
  return db.insertInto('defects').values(row).execute();
}

export function updateDefectIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<DefectRow>) {
  return db.updateTable('defects').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

// ---- change requests ----

const changesWithNames = (db: Executor) =>
  db
    .selectFrom('change_requests')
    .leftJoin('users as requester', 'requester.id', 'change_requests.requested_by')
    .leftJoin('users as decider', 'decider.id', 'change_requests.decided_by')
    .selectAll('change_requests')
    .select(['requester.name as requested_by_name', 'decider.name as decided_by_name']);

export function findChangeRequest(db: Executor, orgId: string, id: string): Promise<ChangeRequestWithNames | undefined> {
  return changesWithNames(db).where('change_requests.org_id', '=', orgId).where('change_requests.id', '=', id).executeTakeFirst();
}

/** Change requests of a project: newest number first. */
export function listChangeRequests(db: Executor, projectId: string, f: { status?: ChangeRequestRow['status'] }, page: PageQuery) {
  let q = changesWithNames(db).where('change_requests.project_id', '=', projectId);
  if (f.status) q = q.where('change_requests.status', '=', f.status);
  return keysetPage(q, { sort: [{ column: 'change_requests.number', direction: 'desc' }], page, keyOf: (r) => [r.number] });
}

/**
 * The next CR number of a project. One upsert that bumps the project's counter row: on PostgreSQL
 * the row stays locked until the transaction ends, so concurrent requests wait and take the next one;
 * SQLite has one writer. The unique index on (project_id, number) backs it up.
 */
export async function allocateChangeNumber(db: Executor, orgId: string, projectId: string, at: string): Promise<number> {
  const row = await db
    .insertInto('change_request_counters')
    .values({ id: uuidv7(), org_id: orgId, project_id: projectId, last_number: 1, created_at: at, updated_at: at, version: 1 })
    .onConflict((oc) => oc.column('project_id').doUpdateSet({ last_number: sql`change_request_counters.last_number + 1`, updated_at: at }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return Number(row.last_number);
}

export function insertChangeRequest(db: Executor, row: ChangeRequestRow) {
  return db.insertInto('change_requests').values(row).execute();
}

export function updateChangeRequestIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<ChangeRequestRow>) {
  return db.updateTable('change_requests').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}
