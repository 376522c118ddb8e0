import { sql, type Selectable } from 'kysely';
import type { IssueTable, RiskReviewTable, RiskTable } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';
import { keysetPage, type PageQuery } from '../../lib/pagination.js';

export type RiskRow = Selectable<RiskTable>;
export type IssueRow = Selectable<IssueTable>;
export type RiskReviewRow = Selectable<RiskReviewTable>;
export type RiskWithOwner = RiskRow & { owner_name: string | null };
export type IssueWithOwner = IssueRow & { owner_name: string | null; risk_title: string | null };

// ---- risks ----

const risksWithOwner = (db: Executor) => db.selectFrom('risks').leftJoin('users as owner', 'owner.id', 'risks.owner_id').selectAll('risks').select('owner.name as owner_name');

export function findRisk(db: Executor, orgId: string, id: string): Promise<RiskWithOwner | undefined> {
  return risksWithOwner(db).where('risks.org_id', '=', orgId).where('risks.id', '=', id).executeTakeFirst();
}

export interface RiskFilter {
  /** one status, or both open and monitoring */
  status?: RiskRow['status'] | 'active';
  minScore?: number;
  ownerId?: string;
  probability?: number;
  impact?: number;
}

/** The register of one project: highest score first, then by id (creation order). */
export function listRisks(db: Executor, projectId: string, f: RiskFilter, page: PageQuery) {
  let q = risksWithOwner(db).where('risks.project_id', '=', projectId);
  if (f.status === 'active') q = q.where('risks.status', 'in', ['open', 'monitoring']);
  else if (f.status) q = q.where('risks.status', '=', f.status);
  if (f.minScore !== undefined) q = q.where('risks.score', '>=', f.minScore);
  if (f.ownerId) q = q.where('risks.owner_id', '=', f.ownerId);
  if (f.probability !== undefined) q = q.where('risks.probability', '=', f.probability);
  if (f.impact !== undefined) q = q.where('risks.impact', '=', f.impact);
  return keysetPage(q, {
    sort: [
      { column: 'risks.score', direction: 'desc' },
      { column: 'risks.id', direction: 'asc' },
    ],
    page,
    keyOf: (r) => [r.score, r.id],
  });
}

export function insertRisk(db: Executor, row: RiskRow) {
  return db.insertInto('risks').values(row).execute();
}

export function updateRiskIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<RiskRow>) {
  return db.updateTable('risks').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

/** Open and monitoring risks of a project, counted per (probability, impact) cell. */
export async function countActiveRisksByCell(db: Executor, projectId: string) {
  const rows = await db
    .selectFrom('risks')
    .select(['probability', 'impact', sql<number | string>`count(*)`.as('n')])
    .where('project_id', '=', projectId)
    .where('status', 'in', ['open', 'monitoring'])
    .groupBy(['probability', 'impact'])
    .execute();
  // PostgreSQL answers count(*) as a bigint string.
  return rows.map((r) => ({ probability: Number(r.probability), impact: Number(r.impact), count: Number(r.n) }));
}

// ---- reviews ----

export function insertReview(db: Executor, row: RiskReviewRow) {
  return db.insertInto('risk_reviews').values(row).execute();
}

/** A risk's review history, newest first. */
export function listReviews(db: Executor, riskId: string) {
  return db
    .selectFrom('risk_reviews')
    .leftJoin('users as reviewer', 'reviewer.id', 'risk_reviews.reviewed_by')
    .selectAll('risk_reviews')
    .select('reviewer.name as reviewer_name')
    .where('risk_reviews.risk_id', '=', riskId)
    .orderBy('risk_reviews.reviewed_at', 'desc')
    .orderBy('risk_reviews.id', 'desc')
    .execute();
}

// ---- issues ----

const issuesWithOwner = (db: Executor) =>
  db
    .selectFrom('issues')
    .leftJoin('users as owner', 'owner.id', 'issues.owner_id')
    .leftJoin('risks as source', 'source.id', 'issues.risk_id')
    .selectAll('issues')
    .select(['owner.name as owner_name', 'source.title as risk_title']);

export function findIssue(db: Executor, orgId: string, id: string): Promise<IssueWithOwner | undefined> {
  return issuesWithOwner(db).where('issues.org_id', '=', orgId).where('issues.id', '=', id).executeTakeFirst();
}

export interface IssueFilter {
  /** one status, or both open and in progress */
  status?: IssueRow['status'] | 'unresolved';
  severityRank?: number;
  ownerId?: string;
}

/** Issues of one project: most severe first, then by id. */
export function listIssues(db: Executor, projectId: string, f: IssueFilter, page: PageQuery) {
  let q = issuesWithOwner(db).where('issues.project_id', '=', projectId);
  if (f.status === 'unresolved') q = q.where('issues.status', 'in', ['open', 'in_progress']);
  else if (f.status) q = q.where('issues.status', '=', f.status);
  if (f.severityRank !== undefined) q = q.where('issues.severity_rank', '=', f.severityRank);
  if (f.ownerId) q = q.where('issues.owner_id', '=', f.ownerId);
  return keysetPage(q, {
    sort: [
      { column: 'issues.severity_rank', direction: 'desc' },
      { column: 'issues.id', direction: 'asc' },
    ],
    page,
    keyOf: (r) => [r.severity_rank, r.id],
  });
}

export function insertIssue(db: Executor, row: IssueRow) {
  return db.insertInto('issues').values(row).execute();
}

export function updateIssueIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<IssueRow>) {
  return db.updateTable('issues').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}
