import { sql, type Selectable } from 'kysely';
import type { CommunicationItemTable, StakeholderTable, StatusReportTable } from '../../db/tables/engagement.js';
import type { Executor } from '../../db/transaction.js';
import { keysetPage, type PageQuery } from '../../lib/pagination.js';

export type StakeholderRow = Selectable<StakeholderTable>;
export type CommunicationRow = Selectable<CommunicationItemTable>;
export type StatusReportRow = Selectable<StatusReportTable>;
export type CommunicationWithOwner = CommunicationRow & { owner_name: string | null };
export type StatusReportWithNames = StatusReportRow & { created_by_name: string | null; submitted_by_name: string | null };

export const NO_DUE = '9999-12-31';

// ---- stakeholders ----

export function findStakeholder(db: Executor, orgId: string, id: string) {
  return db.selectFrom('stakeholders').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export interface StakeholderFilter {
  /** [min influence, max influence, min interest, max interest] */
  box?: [number, number, number, number];
  attitude?: StakeholderRow['attitude'];
}

/** The register of one project: most influential first, then most interested, then by id. */
export function listStakeholders(db: Executor, projectId: string, f: StakeholderFilter, page: PageQuery) {
  let q = db.selectFrom('stakeholders').selectAll().where('project_id', '=', projectId);
  if (f.box) q = q.where('influence', '>=', f.box[0]).where('influence', '<=', f.box[1]).where('interest', '>=', f.box[2]).where('interest', '<=', f.box[3]);
  if (f.attitude) q = q.where('attitude', '=', f.attitude);
  return keysetPage(q, {
    sort: [
      { column: 'stakeholders.influence', direction: 'desc' },
      { column: 'stakeholders.interest', direction: 'desc' },
      { column: 'stakeholders.id', direction: 'asc' },
    ],
    page,
    keyOf: (r) => [r.influence, r.interest, r.id],
  });
}

export function stakeholderNames(db: Executor, projectId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([] as { id: string; name: string }[]);
  return db.selectFrom('stakeholders').select(['id', 'name']).where('project_id', '=', projectId).where('id', 'in', ids).execute();
}

export function insertStakeholder(db: Executor, row: StakeholderRow) {
  return db.insertInto('stakeholders').values(row).execute();
}

export function updateStakeholderIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<StakeholderRow>) {
  return db.updateTable('stakeholders').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export async function deleteStakeholderIfVersion(db: Executor, orgId: string, id: string, version: number) {
  const res = await db.deleteFrom('stakeholders').where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/** Communication items of a project that address a stakeholder (its id in their JSON list). */
export function itemsAddressing(db: Executor, projectId: string, stakeholderId: string) {
  return db.selectFrom('communication_items').selectAll().where('project_id', '=', projectId).where('stakeholder_ids', 'like', `%${stakeholderId}%`).execute();
}

// ---- communication plan ----

const itemsWithOwner = (db: Executor) => db.selectFrom('communication_items').leftJoin('users as owner', 'owner.id', 'communication_items.owner_id').selectAll('communication_items').select('owner.name as owner_name');

export function findItem(db: Executor, orgId: string, id: string): Promise<CommunicationWithOwner | undefined> {
  return itemsWithOwner(db).where('communication_items.org_id', '=', orgId).where('communication_items.id', '=', id).executeTakeFirst();
}

/** The plan of one project: soonest due first (nothing due last), then by id. */
export function listItems(db: Executor, projectId: string, f: { ownerId?: string }, page: PageQuery) {
  let q = itemsWithOwner(db).where('communication_items.project_id', '=', projectId);
  if (f.ownerId) q = q.where('communication_items.owner_id', '=', f.ownerId);
  return keysetPage(q, {
    sort: [
      { column: 'communication_items.due_sort', direction: 'asc' },
      { column: 'communication_items.id', direction: 'asc' },
    ],
    page,
    keyOf: (r) => [r.due_sort, r.id],
  });
}

export function insertItem(db: Executor, row: CommunicationRow) {
  return db.insertInto('communication_items').values(row).execute();
}

export function updateItemIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<CommunicationRow>) {
  return db.updateTable('communication_items').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export async function deleteItemIfVersion(db: Executor, orgId: string, id: string, version: number) {
  const res = await db.deleteFrom('communication_items').where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/**
 * Items with an owner that fall due on or before `latest` (the latest "today" anywhere on earth),
 * in projects still running, with what a reminder needs of the owner and the project.
 */
export function itemsFallingDue(db: Executor, latest: string, afterId: string | null, limit: number) {
  let q = db
    .selectFrom('communication_items as c')
    .innerJoin('users as u', 'u.id', 'c.owner_id')
    .innerJoin('projects as p', 'p.id', 'c.project_id')
    .select(['c.id', 'c.org_id', 'c.project_id', 'c.topic', 'c.audience', 'c.channel', 'c.next_due_date', 'u.id as owner_id', 'u.email', 'u.name as owner_name', 'u.locale', 'u.time_zone', 'p.name as project_name', 'p.code as project_code'])
    .where('c.next_due_date', 'is not', null)
    .where('c.next_due_date', '<=', latest)
    .where('u.status', '=', 'active')
    .where('p.status', 'not in', ['closed', 'cancelled'])
    // Not those already reminded for this due date (the reminder's dedupe key; its unique index serves this).
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('notifications as n').select(sql`1`.as('one')).whereRef('n.dedupe_key', '=', sql<string>`'comm:' || c.id || ':' || c.next_due_date`))),
    );
  if (afterId) q = q.where('c.id', '>', afterId);
  return q.orderBy('c.id').limit(limit).execute();
}

// ---- status reports ----

const reportsWithNames = (db: Executor) =>
  db
    .selectFrom('status_reports')
    .leftJoin('users as creator', 'creator.id', 'status_reports.created_by')
    .leftJoin('users as submitter', 'submitter.id', 'status_reports.submitted_by')
    .selectAll('status_reports')
    .select(['creator.name as created_by_name', 'submitter.name as submitted_by_name']);

export function findReport(db: Executor, orgId: string, id: string): Promise<StatusReportWithNames | undefined> {
  return reportsWithNames(db).where('status_reports.org_id', '=', orgId).where('status_reports.id', '=', id).executeTakeFirst();
}

export function findReportOfWeek(db: Executor, projectId: string, weekOf: string) {
  return db.selectFrom('status_reports').select(['id', 'status', 'version']).where('project_id', '=', projectId).where('week_of', '=', weekOf).executeTakeFirst();
}

/** A project's reports, newest week first. */
export function listReports(db: Executor, projectId: string, f: { status?: StatusReportRow['status'] }, page: PageQuery) {
  let q = reportsWithNames(db).where('status_reports.project_id', '=', projectId);
  if (f.status) q = q.where('status_reports.status', '=', f.status);
  return keysetPage(q, {
    sort: [
      { column: 'status_reports.week_of', direction: 'desc' },
      { column: 'status_reports.id', direction: 'desc' },
    ],
    page,
    keyOf: (r) => [r.week_of, r.id],
  });
}

export function insertReport(db: Executor, row: StatusReportRow) {
  return db.insertInto('status_reports').values(row).execute();
}

export function updateReportIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<StatusReportRow>) {
  return db.updateTable('status_reports').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

/** Milestones of a project with their planned and actual dates. */
export function milestonesOf(db: Executor, projectId: string) {
  return db
    .selectFrom('tasks')
    .select(['id', 'name', 'status', 'percent_complete', 'early_finish', 'constraint_date', 'actual_finish', 'wbs'])
    .where('project_id', '=', projectId)
    .where('kind', '=', 'milestone')
    .orderBy('early_finish')
    .orderBy('id')
    .execute();
}

export function topActiveRisks(db: Executor, projectId: string, limit: number) {
  return db
    .selectFrom('risks')
    .leftJoin('users as owner', 'owner.id', 'risks.owner_id')
    .select(['risks.id', 'risks.title', 'risks.score', 'risks.probability', 'risks.impact', 'risks.status', 'risks.response_plan', 'owner.name as owner_name'])
    .where('risks.project_id', '=', projectId)
    .where('risks.status', 'in', ['open', 'monitoring'])
    .orderBy('risks.score', 'desc')
    .orderBy('risks.id')
    .limit(limit)
    .execute();
}

export function openIssues(db: Executor, projectId: string, limit: number) {
  return db
    .selectFrom('issues')
    .leftJoin('users as owner', 'owner.id', 'issues.owner_id')
    .select(['issues.id', 'issues.title', 'issues.severity', 'issues.status', 'issues.due_date', 'owner.name as owner_name'])
    .where('issues.project_id', '=', projectId)
    .where('issues.status', 'in', ['open', 'in_progress'])
    .orderBy('issues.severity_rank', 'desc')
    .orderBy('issues.id')
    .limit(limit)
    .execute();
}

/** Unresolved issues of one project (a project holds tens, on an index: not a big-table count). */
export async function countOpenIssues(db: Executor, projectId: string) {
  const r = await db.selectFrom('issues').select(sql<number | string>`count(*)`.as('n')).where('project_id', '=', projectId).where('status', 'in', ['open', 'in_progress']).executeTakeFirstOrThrow();
  return Number(r.n);
}
