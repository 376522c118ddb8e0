import { sql, type Selectable } from 'kysely';
import type { OpportunityCompetitorTable, OpportunityStageHistoryTable, OpportunityTable } from '../../db/tables/sales.js';
import type { Executor } from '../../db/transaction.js';
import type { Actor } from '../../lib/policy.js';
import { compiledPerShape } from '../../db/compiled.js';
import { encodeCursor, keysetPage, limitLiteral, type Page, type PageQuery, type SortKey } from '../../lib/pagination.js';
import { reachCondition, type SalesReach } from '../sales/sales.access.js';

export type OpportunityRow = Selectable<OpportunityTable>;
export type OpportunityWithNames = OpportunityRow & { account_name: string | null; owner_name: string | null; stage_name: string | null };
export type StageHistoryRow = Selectable<OpportunityStageHistoryTable>;
export type OpportunityCompetitorRow = Selectable<OpportunityCompetitorTable>;

const DEAL_COLUMNS = { owner: 'opportunities.owner_id', org: 'opportunities.org_id', id: 'opportunities.id', entity: 'opportunity' } as const;

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
export async function listOpportunities(db: Executor, actor: Actor, reach: SalesReach, f: OpportunityFilter, sort: keyof typeof SORTS, page: PageQuery): Promise<Page<OpportunityWithNames>> {
  let q = withNames(db);
  if (reach.kind === 'owners' && f.ownerIds?.length) {
    // Asked for some owners, reached by owner: the owners asked for that the actor reaches, one index range each.
    const owners = f.ownerIds.filter((o) => reach.ownerIds.includes(o));
    if (!owners.length) return { items: [], nextCursor: null };
    q = q.where((eb) => reachCondition(eb, actor, { ...reach, ownerIds: owners }, DEAL_COLUMNS));
  } else {
    q = q.where((eb) => reachCondition(eb, actor, reach, DEAL_COLUMNS));
    if (f.ownerIds?.length) q = q.where('opportunities.owner_id', 'in', f.ownerIds);
  }
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
 * A board query narrowed to what the actor reads. The pipeline and its stages were found in the
 * actor's organisation, and so are their deals: no organisation condition, which the covering
 * indexes do not hold. Reached by owner, the owners' index ranges alone.
 */
function scoped<Q extends { where: any }>(q: Q, s: BoardScope, reach: SalesReach): Q {
  if (reach.kind === 'owners' || reach.kind === 'all') return byOwners(q, ownerFilter(s, reach));
  let out: any = q.where((eb: any) => reachCondition(eb, s.actor, reach, DEAL_COLUMNS));
  if (s.ownerId) out = out.where('opportunities.owner_id', '=', s.ownerId);
  if (s.mine) out = out.where('opportunities.owner_id', '=', s.actor.id);
  return out;
}

/** A board reached by owner (or all of them), as plain values: the owners reached, asked for, and "mine". */
interface OwnerFilter {
  ownerIds: string[] | null;
  ownerId: string | null;
  mineId: string | null;
}
const ownerFilter = (s: BoardScope, reach: SalesReach & { kind: 'owners' | 'all' }): OwnerFilter => ({
  ownerIds: reach.kind === 'owners' ? reach.ownerIds : null,
  ownerId: s.ownerId ?? null,
  mineId: s.mine ? s.actor.id : null,
});

function byOwners<Q extends { where: any }>(q: Q, f: OwnerFilter): Q {
  let out: any = q;
  if (f.ownerIds) out = out.where('opportunities.owner_id', 'in', f.ownerIds);
  if (f.ownerId) out = out.where('opportunities.owner_id', '=', f.ownerId);
  if (f.mineId) out = out.where('opportunities.owner_id', '=', f.mineId);
  return out;
}

/**
 * Count and amount per stage of a pipeline. Reached by owner (or all of them), from the sums the
 * database keeps per (owner, pipeline, stage): owners × stages rows, however many deals. With
 * shares in play, a GROUP BY over the deals the actor reads.
 */
export async function boardTotals(db: Executor, pipelineId: string, s: BoardScope, reach: SalesReach) {
  let rows: { stage_id: string; n: number | string | null; total: number | string | null }[];
  if (reach.kind === 'owners' || reach.kind === 'all') {
    let q = db
      .selectFrom('opportunity_stage_sums as ss')
      .select(['ss.stage_id', sql<number | string>`sum(ss.deals)`.as('n'), sql<number | string>`sum(ss.amount_base)`.as('total')])
      // For a set of owners, `pipeline_id || ''` keeps SQLite's planner on the primary key (owner, pipeline,
      // stage): the pipeline-first index would read every owner's rows of the pipeline.
      .where(reach.kind === 'owners' ? sql<string>`ss.pipeline_id || ''` : sql.ref<string>('ss.pipeline_id'), '=', pipelineId)
      .groupBy('ss.stage_id');
    if (reach.kind === 'owners') q = q.where('ss.owner_id', 'in', reach.ownerIds);
    if (s.ownerId) q = q.where('ss.owner_id', '=', s.ownerId);
    if (s.mine) q = q.where('ss.owner_id', '=', s.actor.id);
    rows = await q.execute();
  } else {
    const q = db
      .selectFrom('opportunities')
      .select(['opportunities.stage_id', sql<number | string>`count(*)`.as('n'), sql<number | string>`coalesce(sum(opportunities.amount_base), 0)`.as('total')])
      .where('opportunities.pipeline_id', '=', pipelineId)
      .groupBy('opportunities.stage_id');
    rows = await scoped(q, s, reach).execute();
  }
  return rows.map((r) => ({ stageId: r.stage_id, count: Number(r.n ?? 0), amountBase: Number(r.total ?? 0) }));
}

/** What a board card shows: a narrow row (no needs, solution or notes) with the account's and owner's names. */
const cardRows = (db: Executor) =>
  db
    .selectFrom('opportunities')
    .leftJoin('accounts as acc', 'acc.id', 'opportunities.account_id')
    .leftJoin('users as owner', 'owner.id', 'opportunities.owner_id')
    .select([
      'opportunities.id', 'opportunities.org_id', 'opportunities.owner_id', 'opportunities.stage_id', 'opportunities.name', 'opportunities.amount', 'opportunities.currency',
      'opportunities.amount_base', 'opportunities.close_date', 'opportunities.probability', 'opportunities.version', 'acc.name as account_name', 'owner.name as owner_name',
    ]);
export type BoardCardRow = Awaited<ReturnType<ReturnType<typeof cardRows>['executeTakeFirstOrThrow']>>;

/** A card's position in its column: SORTS.closeDate's key (close date, id), of the narrow card row. */
const cardKey = (r: Pick<BoardCardRow, 'close_date' | 'id'>) => [r.close_date, r.id];

const byCloseDate = <Q extends { orderBy: any }>(q: Q): Q => (q as any).orderBy('opportunities.close_date').orderBy('opportunities.id');

function firstCards(db: Executor, stageIds: string[], narrow: (q: ReturnType<typeof cardRows>) => ReturnType<typeof cardRows>, limit: number) {
  // The select, joins and reach are built once and shared by every arm (query nodes are immutable).
  const base = narrow(cardRows(db));
  const arm = (stageId: string, i: number) => db.selectFrom(byCloseDate(base.where('opportunities.stage_id', '=', stageId)).limit(limitLiteral(limit + 1)).as(`c${i}`)).selectAll();
  let q = arm(stageIds[0]!, 0);
  for (let i = 1; i < stageIds.length; i++) q = q.unionAll(arm(stageIds[i]!, i));
  return q;
}
const firstCardsByOwner = compiledPerShape((db: Executor, stageIds: string[], f: OwnerFilter, limit: number) => firstCards(db, stageIds, (q) => byOwners(q, f), limit));

/**
 * The first cards of several columns in one statement: per stage, its deals by close date (the
 * first `limit`, and whether there are more), as a UNION ALL of one LIMITed arm per stage, each
 * served by an index in close-date order.
 */
export async function boardColumns(db: Executor, stageIds: string[], s: BoardScope, reach: SalesReach, limit: number): Promise<Map<string, Page<BoardCardRow>>> {
  const out = new Map<string, Page<BoardCardRow>>();
  if (!stageIds.length) return out;
  // Reached by owner (most boards), the statement is compiled once per shape; with shares, built each time.
  const rows = (
    reach.kind === 'owners' || reach.kind === 'all'
      ? await firstCardsByOwner(db, stageIds, ownerFilter(s, reach), limit)
      : await firstCards(db, stageIds, (q) => scoped(q, s, reach), limit).execute()
  ) as BoardCardRow[];
  for (const id of stageIds) out.set(id, { items: [], nextCursor: null });
  for (const r of rows) out.get(r.stage_id)!.items.push(normalise(r));
  for (const page of out.values()) {
    // SQL does not promise the order of a UNION ALL's rows: each column (limit + 1 rows at most) is sorted here.
    page.items.sort((a, b) => (a.close_date < b.close_date ? -1 : a.close_date > b.close_date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (page.items.length > limit) {
      page.items.length = limit;
      const last = page.items[limit - 1];
      page.nextCursor = encodeCursor(cardKey(last));
    }
  }
  return out;
}

/** A board column's next cards: the stage's deals by close date, keyset-paginated. */
export async function boardCards(db: Executor, stageId: string, s: BoardScope, reach: SalesReach, page: PageQuery) {
  const q = scoped(cardRows(db).where('opportunities.stage_id', '=', stageId), s, reach);
  const p = await keysetPage(q, { sort: SORTS.closeDate.sort, page, keyOf: (r) => cardKey(r) });
  return { items: p.items.map(normalise), nextCursor: p.nextCursor };
}
