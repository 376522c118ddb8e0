import { sql, type Selectable } from 'kysely';
import type { OpportunityCompetitorTable, OpportunityStageHistoryTable, OpportunityTable } from '../../db/tables/sales.js';
import type { Executor } from '../../db/transaction.js';
import type { Actor } from '../../lib/policy.js';
import { keysetPage, type PageQuery, type SortKey } from '../../lib/pagination.js';
import { teamTreeMemberIds } from '../../lib/scope.js';
import { salesScope, visibleSales } from '../sales/sales.access.js';

export type OpportunityRow = Selectable<OpportunityTable>;
export type OpportunityWithNames = OpportunityRow & { account_name: string | null; owner_name: string | null; stage_name: string | null };
export type StageHistoryRow = Selectable<OpportunityStageHistoryTable>;
export type OpportunityCompetitorRow = Selectable<OpportunityCompetitorTable>;

const withNames = (db: Executor) =>
  db
    .selectFrom('opportunities')
    .leftJoin('accounts as acc', 'acc.id', 'opportunities.account_id')
    .leftJoin('users as owner', 'owner.id', 'opportunities.owner_id')
    .leftJoin('pipeline_stages as st', 'st.id', 'opportunities.stage_id')
    .selectAll('opportunities')
    .select(['acc.name as account_name', 'owner.name as owner_name', 'st.name as stage_name']);

/** PostgreSQL's bigint comes back as a number (see database.ts); the sums as strings. */
const normalise = <T extends { amount: unknown; amount_base: unknown }>(r: T): T => ({ ...r, amount: Number(r.amount), amount_base: Number(r.amount_base) });

export async function findOpportunity(db: Executor, orgId: string, id: string): Promise<OpportunityWithNames | undefined> {
  const r = await withNames(db).where('opportunities.org_id', '=', orgId).where('opportunities.id', '=', id).executeTakeFirst();
  return r && normalise(r);
}

export const insertOpportunity = (db: Executor, row: OpportunityRow) => db.insertInto('opportunities').values(row).execute();

export async function updateOpportunityIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<OpportunityRow>) {
  const r = await db.updateTable('opportunities').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
  return r && normalise(r);
}

export const insertHistory = (db: Executor, row: StageHistoryRow) => db.insertInto('opportunity_stage_history').values(row).execute();

export async function listHistory(db: Executor, opportunityId: string) {
  const rows = await db
    .selectFrom('opportunity_stage_history as h')
    .leftJoin('pipeline_stages as f', 'f.id', 'h.from_stage_id')
    .leftJoin('pipeline_stages as t', 't.id', 'h.to_stage_id')
    .leftJoin('users as u', 'u.id', 'h.changed_by')
    .selectAll('h')
    .select(['f.name as from_name', 't.name as to_name', 'u.name as changed_by_name'])
    .where('h.opportunity_id', '=', opportunityId)
    .orderBy('h.changed_at', 'desc')
    .orderBy('h.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, amount_base: Number(r.amount_base) }));
}

export function listCompetitors(db: Executor, opportunityId: string) {
  return db
    .selectFrom('opportunity_competitors as oc')
    .innerJoin('competitors as c', 'c.id', 'oc.competitor_id')
    .selectAll('oc')
    .select('c.name as competitor_name')
    .where('oc.opportunity_id', '=', opportunityId)
    .orderBy('c.name')
    .execute();
}

export function findCompetitor(db: Executor, orgId: string, id: string) {
  return db.selectFrom('competitors').select(['id', 'name']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findOpportunityCompetitor(db: Executor, opportunityId: string, competitorId: string) {
  return db.selectFrom('opportunity_competitors').selectAll().where('opportunity_id', '=', opportunityId).where('competitor_id', '=', competitorId).executeTakeFirst();
}

export const insertOpportunityCompetitor = (db: Executor, row: OpportunityCompetitorRow) => db.insertInto('opportunity_competitors').values(row).execute();

export function updateOpportunityCompetitorIfVersion(db: Executor, id: string, version: number, patch: Partial<OpportunityCompetitorRow>) {
  return db.updateTable('opportunity_competitors').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export const deleteOpportunityCompetitor = (db: Executor, id: string) => db.deleteFrom('opportunity_competitors').where('id', '=', id).execute();

/** Bumps the opportunity's version and time (a change to its competitors is a change to it). */
export function touchOpportunity(db: Executor, id: string, at: string) {
  return db.updateTable('opportunities').set((eb) => ({ updated_at: at, version: eb('version', '+', 1) })).where('id', '=', id).execute();
}

export function findAccount(db: Executor, orgId: string, id: string) {
  return db.selectFrom('accounts').select(['id', 'org_id', 'owner_id', 'name']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findContact(db: Executor, orgId: string, id: string) {
  return db.selectFrom('contacts').select(['id', 'account_id']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findUserInOrg(db: Executor, orgId: string, id: string) {
  return db.selectFrom('users').select(['id', 'name']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

// ---- list ----

export interface OpportunityFilter {
  ownerIds?: string[];
  stageIds?: string[];
  status?: OpportunityRow['status'];
  pipelineId?: string;
  accountId?: string;
  closeFrom?: string;
  closeTo?: string;
  minAmount?: number;
  maxAmount?: number;
  forecastCategory?: OpportunityRow['forecast_category'];
  q?: string;
}

const SORTS: Record<'closeDate' | 'amount' | 'updatedAt', { sort: SortKey[]; key: (r: OpportunityRow) => unknown[] }> = {
  closeDate: { sort: [{ column: 'opportunities.close_date', direction: 'asc' }, { column: 'opportunities.id', direction: 'asc' }], key: (r) => [r.close_date, r.id] },
  amount: { sort: [{ column: 'opportunities.amount_base', direction: 'desc' }, { column: 'opportunities.id', direction: 'desc' }], key: (r) => [Number(r.amount_base), r.id] },
  updatedAt: { sort: [{ column: 'opportunities.updated_at', direction: 'desc' }, { column: 'opportunities.id', direction: 'desc' }], key: (r) => [r.updated_at, r.id] },
};

/**
 * The opportunities the actor may see, filtered and sorted by a keyset the indexes serve:
 * (owner_id, stage_id, close_date, id), (owner_id|org_id, close_date|amount_base|updated_at, id).
 * The direction of both keys of a sort is the same, so an index scans it in one pass.
 */
export async function listOpportunities(db: Executor, actor: Actor, f: OpportunityFilter, sort: keyof typeof SORTS, page: PageQuery) {
  let q = withNames(db).where((eb) => visibleSales(eb, actor, { owner: 'opportunities.owner_id', org: 'opportunities.org_id', id: 'opportunities.id', entity: 'opportunity' }));
  if (f.ownerIds?.length) q = q.where('opportunities.owner_id', 'in', f.ownerIds);
  if (f.stageIds?.length) q = q.where('opportunities.stage_id', 'in', f.stageIds);
  if (f.status) q = q.where('opportunities.status', '=', f.status);
  if (f.pipelineId) q = q.where('opportunities.pipeline_id', '=', f.pipelineId);
  if (f.accountId) q = q.where('opportunities.account_id', '=', f.accountId);
  if (f.closeFrom) q = q.where('opportunities.close_date', '>=', f.closeFrom);
  if (f.closeTo) q = q.where('opportunities.close_date', '<=', f.closeTo);
  if (f.minAmount !== undefined) q = q.where('opportunities.amount_base', '>=', f.minAmount);
  if (f.maxAmount !== undefined) q = q.where('opportunities.amount_base', '<=', f.maxAmount);
  if (f.forecastCategory) q = q.where('opportunities.forecast_category', '=', f.forecastCategory);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`lower(opportunities.name) like ${like} escape '\\'`);
  }
  const s = SORTS[sort];
  const page_ = await keysetPage(q, { sort: s.sort, page, keyOf: (r) => s.key(r as OpportunityRow) });
  return { items: page_.items.map(normalise), nextCursor: page_.nextCursor };
}

// ---- board ----

export interface BoardScope {
  actor: Actor;
  ownerId?: string;
  mine: boolean;
}

/**
 * How the board's queries see the actor's deals. Most sales users have nothing shared with them:
 * their visible deals are then exactly those of a known set of owners (themselves and their team
 * tree), which the owner-first indexes serve directly. Executives see the whole pipeline. Anyone
 * with shares goes through visibleSales' general condition (owner, team or share).
 */
type Visibility = { kind: 'owners'; ids: string[] } | { kind: 'all' } | { kind: 'general' };

async function visibility(db: Executor, s: BoardScope): Promise<Visibility> {
  const scope = salesScope(s.actor);
  if (scope === 'all') return { kind: 'all' };
  const shared = await db.selectFrom('record_shares').select('id').where('user_id', '=', s.actor.id).where('entity_type', '=', 'opportunity').limit(1).executeTakeFirst();
  if (shared) return { kind: 'general' };
  if (scope !== 'team') return { kind: 'owners', ids: [s.actor.id] };
  const team = await db.selectFrom('users').select('users.id').where('users.org_id', '=', s.actor.orgId).where((eb) => eb('users.id', 'in', teamTreeMemberIds(eb, s.actor))).execute();
  return { kind: 'owners', ids: [...new Set([s.actor.id, ...team.map((u) => u.id)])] };
}

function scoped<Q extends { where: any }>(q: Q, s: BoardScope, v: Visibility): Q {
  let out: any = q;
  if (v.kind === 'owners') out = out.where('opportunities.owner_id', 'in', v.ids);
  // 'all': the pipeline was found in the actor's organisation, and its deals are of that organisation.
  else if (v.kind === 'general') out = out.where((eb: any) => visibleSales(eb, s.actor, { owner: 'opportunities.owner_id', org: 'opportunities.org_id', id: 'opportunities.id', entity: 'opportunity' }));
  if (s.ownerId) out = out.where('opportunities.owner_id', '=', s.ownerId);
  if (s.mine) out = out.where('opportunities.owner_id', '=', s.actor.id);
  return out;
}

/** Count and amount per stage of a pipeline, in SQL (GROUP BY over a covering index). */
export async function boardTotals(db: Executor, pipelineId: string, s: BoardScope) {
  const v = await visibility(db, s);
  const q = db
    .selectFrom('opportunities')
    .select(['opportunities.stage_id', sql<number | string>`count(*)`.as('n'), sql<number | string>`coalesce(sum(opportunities.amount_base), 0)`.as('total')])
    // For a set of owners, `pipeline_id || ''` keeps the planner off the pipeline-first index: the
    // owner-first covering index (owner, pipeline, stage, amount) reads only those owners' entries.
    .where(v.kind === 'owners' ? sql<string>`opportunities.pipeline_id || ''` : sql.ref<string>('opportunities.pipeline_id'), '=', pipelineId)
    .groupBy('opportunities.stage_id');
  const rows = await scoped(q, s, v).execute();
  return { totals: rows.map((r) => ({ stageId: r.stage_id, count: Number(r.n), amountBase: Number(r.total) })), visibility: v };
}

/** A board column's cards: the stage's deals by close date, keyset-paginated. */
export async function boardCards(db: Executor, stageId: string, s: BoardScope, page: PageQuery, known?: Visibility) {
  const v = known ?? (await visibility(db, s));
  const q = scoped(withNames(db).where('opportunities.stage_id', '=', stageId), s, v);
  const p = await keysetPage(q, { sort: SORTS.closeDate.sort, page, keyOf: (r) => SORTS.closeDate.key(r as OpportunityRow) });
  return { items: p.items.map(normalise), nextCursor: p.nextCursor };
}
