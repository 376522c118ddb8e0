import { sql, type Selectable } from 'kysely';
import type { ForecastSnapshotTable, SalesTargetTable } from '../../db/tables/sales-insight.js';
import type { Dialect } from '../../db/database.js';
import type { Executor } from '../../db/transaction.js';
import { ZERO_SUMS, type ForecastSums } from '../../../domain/forecast/forecast.js';
import type { Period, PeriodKind } from '../../../domain/forecast/period.js';
import { boardTotals } from '../deals/opportunity.repository.js';
import { reachCondition, type SalesReach } from '../sales/sales.access.js';
import type { Actor } from '../../lib/policy.js';
import { keysetPage, type PageQuery } from '../../lib/pagination.js';

export type TargetRow = Selectable<SalesTargetTable>;
export type SnapshotRow = Selectable<ForecastSnapshotTable>;

export interface ScopeTeam {
  id: string;
  name: string;
  parentId: string | null;
  managerId: string | null;
}
export interface ScopeRep {
  id: string;
  name: string;
  teamId: string | null;
}

// ---- the forecast's people ----

/** Teams of the org that are (or are under) one of `rootIds`; or every sales team when rootIds is 'all'. */
export async function teamsUnder(db: Executor, orgId: string, rootIds: string[] | 'all'): Promise<ScopeTeam[]> {
  let q = db.selectFrom('teams').select(['teams.id', 'teams.name', 'teams.parent_id', 'teams.manager_id']).where('teams.org_id', '=', orgId);
  if (rootIds === 'all') q = q.where('teams.kind', '=', 'sales');
  else {
    if (rootIds.length === 0) return [];
    q = q.where('teams.id', 'in', (eb) => eb.selectFrom('team_closure').select('descendant_id').where('ancestor_id', 'in', rootIds));
  }
  const rows = await q.orderBy('teams.name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id, managerId: r.manager_id }));
}

export async function teamsManagedBy(db: Executor, orgId: string, userId: string): Promise<string[]> {
  return (await db.selectFrom('teams').select('id').where('org_id', '=', orgId).where('manager_id', '=', userId).execute()).map((r) => r.id);
}

export const findTeam = (db: Executor, orgId: string, id: string) => db.selectFrom('teams').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();

/** Whether `teamId` is one of the teams the user manages or under one of them. */
export async function teamIsManagedBy(db: Executor, orgId: string, teamId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('team_closure')
    .innerJoin('teams', 'teams.id', 'team_closure.ancestor_id')
    .select('team_closure.descendant_id')
    .where('team_closure.descendant_id', '=', teamId)
    .where('teams.manager_id', '=', userId)
    .where('teams.org_id', '=', orgId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function usersInTeams(db: Executor, orgId: string, teamIds: string[]): Promise<ScopeRep[]> {
  if (teamIds.length === 0) return [];
  const rows = await db.selectFrom('users').select(['id', 'name', 'team_id']).where('org_id', '=', orgId).where('team_id', 'in', teamIds).where('status', '!=', 'disabled').orderBy('name').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, teamId: r.team_id }));
}

export async function findUser(db: Executor, orgId: string, id: string): Promise<ScopeRep | undefined> {
  const r = await db.selectFrom('users').select(['id', 'name', 'team_id']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return r && { id: r.id, name: r.name, teamId: r.team_id };
}

// ---- the forecast's numbers ----

const n = (v: unknown) => Number(v ?? 0);

/**
 * ONE grouped query over the owners' deals closing in the period (index
 * opportunities_owner_status_close): per owner, closed won, commit, best case only, pipeline and
 * Σ amount × probability of the open deals that are not omitted.
 */
export async function forecastSumsByOwner(db: Executor, orgId: string, ownerIds: string[] | 'all', period: Period, dialect: Dialect = 'postgres'): Promise<Map<string, ForecastSums>> {
  const out = new Map<string, ForecastSums>();
  if (ownerIds !== 'all' && ownerIds.length === 0) return out;
  // The owners are users of the organisation already: filtering on org_id as well would lead the
  // planner to the org-wide (org_id, close_date) index and read every rep's deals of the period.
  // SQLite (without ANALYZE statistics) prefers (owner_id, close_date) and then reads each row;
  // told to, it answers from the covering (owner_id, status, close_date, category, amount, probability).
  const hint = dialect === 'sqlite' && ownerIds !== 'all' ? sql`indexed by opportunities_owner_status_close` : sql``;
  const scope = ownerIds === 'all' ? sql`org_id = ${orgId}` : sql`owner_id in (${sql.join(ownerIds)})`;
  const counted = sql`status = 'open' and forecast_category <> 'omitted'`;
  const { rows } = await sql<{ owner_id: string; closed_won: unknown; commit_sum: unknown; best_case_only: unknown; pipeline: unknown; weighted_x100: unknown }>`
    select owner_id,
      sum(case when status = 'won' then amount_base else 0 end) as closed_won,
      sum(case when status = 'open' and forecast_category = 'commit' then amount_base else 0 end) as commit_sum,
      sum(case when status = 'open' and forecast_category = 'best_case' then amount_base else 0 end) as best_case_only,
      sum(case when ${counted} then amount_base else 0 end) as pipeline,
      sum(case when ${counted} then amount_base * probability else 0 end) as weighted_x100
    from opportunities ${hint}
    where ${scope} and status in ('open', 'won') and close_date >= ${period.start} and close_date < ${period.endExclusive}
    group by owner_id`.execute(db);
  for (const r of rows) {
    out.set(r.owner_id, { ...ZERO_SUMS, closedWon: n(r.closed_won), commit: n(r.commit_sum), bestCaseOnly: n(r.best_case_only), pipeline: n(r.pipeline), weightedTimes100: n(r.weighted_x100) });
  }
  for (const [owner, b] of await bookedByOwner(db, orgId, ownerIds, period)) out.set(owner, { ...(out.get(owner) ?? ZERO_SUMS), ...b });
  return out;
}

/**
 * Per owner, their contracts signed in the period (index contracts_owner_signed): booked revenue
 * (Σ value), orders (how many) and new customers (the accounts with no contract signed before the period).
 */
async function bookedByOwner(db: Executor, orgId: string, ownerIds: string[] | 'all', period: Period): Promise<Map<string, { booked: number; orders: number; newCustomers: number }>> {
  let q = db
    .selectFrom('contracts as c')
    .select((eb) => [
      'c.owner_id',
      sql<number | string>`sum(c.value_base)`.as('booked'),
      sql<number | string>`count(*)`.as('orders'),
      eb.fn
        .count<number | string>('c.account_id')
        .distinct()
        .filterWhere((w) => w.not(w.exists(w.selectFrom('contracts as p').select('p.id').whereRef('p.account_id', '=', 'c.account_id').where('p.signed_on', '<', period.start))))
        .as('new_customers'),
    ])
    .where('c.signed_on', '>=', period.start)
    .where('c.signed_on', '<', period.endExclusive)
    .groupBy('c.owner_id');
  q = ownerIds === 'all' ? q.where('c.org_id', '=', orgId) : q.where('c.owner_id', 'in', ownerIds);
  return new Map((await q.execute()).map((r) => [r.owner_id, { booked: n(r.booked), orders: n(r.orders), newCustomers: n(r.new_customers) }]));
}

/**
 * Per owner, the new customers among the accounts of their contracts signed in the period (no
 * contract signed before it): the ids, so that a team counts an account two of its people signed once.
 */
export async function newCustomerAccounts(db: Executor, orgId: string, ownerIds: string[], period: Period): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!ownerIds.length) return out;
  const rows = await db
    .selectFrom('contracts as c')
    .select(['c.owner_id', 'c.account_id'])
    .distinct()
    .where('c.owner_id', 'in', ownerIds)
    .where('c.org_id', '=', orgId)
    .where('c.signed_on', '>=', period.start)
    .where('c.signed_on', '<', period.endExclusive)
    .where((w) => w.not(w.exists(w.selectFrom('contracts as p').select('p.id').whereRef('p.account_id', '=', 'c.account_id').where('p.signed_on', '<', period.start))))
    .execute();
  for (const r of rows) out.set(r.owner_id, [...(out.get(r.owner_id) ?? []), r.account_id]);
  return out;
}

export type QuotaMetric = 'revenue' | 'orders' | 'new_customers';
export type Quotas = Record<QuotaMetric, { users: Map<string, number>; teams: Map<string, number> }>;

/** The quotas (every metric) of these users and teams for exactly this period. */
export async function quotasOf(db: Executor, orgId: string, period: Period, userIds: string[], teamIds: string[]): Promise<Quotas> {
  const out: Quotas = { revenue: { users: new Map(), teams: new Map() }, orders: { users: new Map(), teams: new Map() }, new_customers: { users: new Map(), teams: new Map() } };
  if (userIds.length === 0 && teamIds.length === 0) return out;
  const rows = await db
    .selectFrom('sales_targets')
    .select(['user_id', 'team_id', 'metric', 'amount'])
    .where('org_id', '=', orgId)
    .where('period_kind', '=', period.kind)
    .where('period_start', '=', period.start)
    .where((eb) => eb.or([...(userIds.length ? [eb('user_id', 'in', userIds)] : []), ...(teamIds.length ? [eb('team_id', 'in', teamIds)] : [])]))
    .execute();
  for (const r of rows) {
    const m = out[r.metric as QuotaMetric];
    if (!m) continue;
    if (r.user_id) m.users.set(r.user_id, n(r.amount));
    else if (r.team_id) m.teams.set(r.team_id, n(r.amount));
  }
  return out;
}

// ---- targets ----

export type TargetWithNames = TargetRow & { user_name: string | null; team_name: string | null };

const targetsWithNames = (db: Executor) =>
  db
    .selectFrom('sales_targets')
    .leftJoin('users', 'users.id', 'sales_targets.user_id')
    .leftJoin('teams', 'teams.id', 'sales_targets.team_id')
    .selectAll('sales_targets')
    .select(['users.name as user_name', 'teams.name as team_name']);

/** Targets of a period for these users and teams ('all': the whole organisation). */
export function listTargets(db: Executor, orgId: string, kind: PeriodKind, start: string, userIds: string[] | 'all', teamIds: string[] | 'all'): Promise<TargetWithNames[]> {
  let q = targetsWithNames(db).where('sales_targets.org_id', '=', orgId).where('sales_targets.period_kind', '=', kind).where('sales_targets.period_start', '=', start);
  if (userIds !== 'all' || teamIds !== 'all') {
    q = q.where((eb) =>
      eb.or([
        userIds === 'all' ? eb('sales_targets.user_id', 'is not', null) : userIds.length ? eb('sales_targets.user_id', 'in', userIds) : sql<boolean>`1 = 0`,
        teamIds === 'all' ? eb('sales_targets.team_id', 'is not', null) : teamIds.length ? eb('sales_targets.team_id', 'in', teamIds) : sql<boolean>`1 = 0`,
      ]),
    );
  }
  return q.orderBy('sales_targets.metric').orderBy('users.name').orderBy('teams.name').orderBy('sales_targets.id').execute();
}

export const findTarget = (db: Executor, orgId: string, kind: PeriodKind, start: string, subject: string, metric: string): Promise<TargetWithNames | undefined> =>
  targetsWithNames(db)
    .where('sales_targets.org_id', '=', orgId)
    .where('sales_targets.period_kind', '=', kind)
    .where('sales_targets.period_start', '=', start)
    .where('sales_targets.subject', '=', subject)
    .where('sales_targets.metric', '=', metric as TargetRow['metric'])
    .executeTakeFirst();

export const insertTarget = (db: Executor, row: TargetRow) => db.insertInto('sales_targets').values(row).execute();

export const updateTargetIfVersion = (db: Executor, id: string, version: number, patch: Partial<TargetRow>) =>
  db.updateTable('sales_targets').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();

// ---- snapshots ----

export async function insertSnapshots(db: Executor, rows: SnapshotRow[]) {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('forecast_snapshots').values(rows.slice(i, i + 200)).execute();
}


/** The users who have a snapshot of the period taken at or after its start. */
export async function usersWithSnapshotSince(db: Executor, orgId: string, period: Period): Promise<Set<string>> {
  const rows = await db
    .selectFrom('forecast_snapshots')
    .select('user_id')
    .distinct()
    .where('org_id', '=', orgId)
    .where('period_kind', '=', period.kind)
    .where('period_start', '=', period.start)
    .where('taken_at', '>=', `${period.start}T00:00:00.000Z`)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/** Each user's first snapshot taken at or after the period's start: the commit "at period start". */
export async function firstSnapshotsOfPeriod(db: Executor, orgId: string, period: Period, userIds: string[]) {
  if (userIds.length === 0) return new Map<string, { commit: number; takenAt: string }>();
  const startAt = `${period.start}T00:00:00.000Z`;
  const rows = await db
    .selectFrom('forecast_snapshots as s')
    .select(['s.user_id', 's.commit', 's.taken_at'])
    .where('s.org_id', '=', orgId)
    .where('s.period_kind', '=', period.kind)
    .where('s.period_start', '=', period.start)
    .where('s.user_id', 'in', userIds)
    .where('s.taken_at', '>=', startAt)
    .where((eb) =>
      eb('s.taken_at', '=', eb.selectFrom('forecast_snapshots as f').select((e) => e.fn.min('f.taken_at').as('m')).whereRef('f.user_id', '=', 's.user_id').where('f.org_id', '=', orgId).where('f.period_kind', '=', period.kind).where('f.period_start', '=', period.start).where('f.taken_at', '>=', startAt)),
    )
    .execute();
  return new Map(rows.map((r) => [r.user_id, { commit: n(r.commit), takenAt: r.taken_at }]));
}

/** Organisations that have any sales team or any opportunity: where the sweep takes snapshots. */
export async function salesOrgIds(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('organisations').select('id').where((eb) => eb.or([eb.exists(eb.selectFrom('teams').select('teams.id').whereRef('teams.org_id', '=', 'organisations.id').where('teams.kind', '=', 'sales')), eb.exists(eb.selectFrom('opportunities').select('opportunities.id').whereRef('opportunities.org_id', '=', 'organisations.id'))])).execute();
  return rows.map((r) => r.id);
}

// ---- market insight and the dashboard (scope inside the SQL) ----

/** The deals' columns for the reach's condition. */
const DEAL_COLS = { owner: 'o.owner_id', org: 'o.org_id', id: 'o.id', entity: 'opportunity' as const };

const inPeriod = (period: Period) => (eb: any) => eb.and([eb('o.close_date', '>=', period.start), eb('o.close_date', '<', period.endExclusive)]);

/** Per competitor: deals won while the competitor was on them, deals lost to it (lost_to_competitor_id), and the amount lost. */
export async function winLossByCompetitor(db: Executor, actor: Actor, reach: SalesReach, period: Period) {
  const won = await db
    .selectFrom('opportunity_competitors as oc')
    .innerJoin('opportunities as o', 'o.id', 'oc.opportunity_id')
    .select(['oc.competitor_id', sql<number | string>`count(*)`.as('n')])
    .where('o.status', '=', 'won')
    .where(inPeriod(period))
    .where((eb) => reachCondition(eb, actor, reach, DEAL_COLS, 'owners'))
    .groupBy('oc.competitor_id')
    .execute();
  const lost = await db
    .selectFrom('opportunities as o')
    .select(['o.lost_to_competitor_id', sql<number | string>`count(*)`.as('n'), sql<number | string>`sum(o.amount_base)`.as('amount')])
    .where('o.status', '=', 'lost')
    .where('o.lost_to_competitor_id', 'is not', null)
    .where(inPeriod(period))
    .where((eb) => reachCondition(eb, actor, reach, DEAL_COLS, 'owners'))
    .groupBy('o.lost_to_competitor_id')
    .execute();
  return {
    won: new Map(won.map((r) => [r.competitor_id, n(r.n)])),
    lost: new Map(lost.map((r) => [r.lost_to_competitor_id!, { count: n(r.n), amount: n(r.amount) }])),
  };
}

export async function lostReasons(db: Executor, actor: Actor, reach: SalesReach, period: Period) {
  const rows = await db
    .selectFrom('opportunities as o')
    .select(['o.lost_reason', sql<number | string>`count(*)`.as('n'), sql<number | string>`sum(o.amount_base)`.as('amount')])
    .where('o.status', '=', 'lost')
    .where(inPeriod(period))
    .where((eb) => reachCondition(eb, actor, reach, DEAL_COLS, 'owners'))
    .groupBy('o.lost_reason')
    .orderBy(sql`count(*)`, 'desc')
    .execute();
  return rows.map((r) => ({ reason: r.lost_reason, count: n(r.n), amount: n(r.amount) }));
}

export const allCompetitors = (db: Executor, orgId: string) => db.selectFrom('competitors').select(['id', 'name']).where('org_id', '=', orgId).orderBy('name').execute();
export const allSegments = (db: Executor, orgId: string) => db.selectFrom('market_segments').select(['id', 'name']).where('org_id', '=', orgId).orderBy('name').execute();

/** Booked revenue per segment: contracts signed in the period, by their account's segment (the whole organisation). */
export async function bookedBySegment(db: Executor, orgId: string, period: Period) {
  const rows = await db
    .selectFrom('contracts as c')
    .innerJoin('accounts as a', 'a.id', 'c.account_id')
    .select(['a.segment_id', sql<number | string>`sum(c.value_base)`.as('amount')])
    .where('c.org_id', '=', orgId)
    .where('c.signed_on', '>=', period.start)
    .where('c.signed_on', '<', period.endExclusive)
    .where('a.segment_id', 'is not', null)
    .groupBy('a.segment_id')
    .execute();
  return new Map(rows.map((r) => [r.segment_id!, n(r.amount)]));
}

export async function marketSizesOf(db: Executor, orgId: string, kind: string, start: string) {
  const rows = await db.selectFrom('segment_market_sizes').select(['segment_id', 'market_size']).where('org_id', '=', orgId).where('period_kind', '=', kind as 'year').where('period_start', '=', start).execute();
  return new Map(rows.map((r) => [r.segment_id, n(r.market_size)]));
}

/** The deals behind a win/loss chart element, newest close first (keyset). */
export function winLossDeals(db: Executor, actor: Actor, reach: SalesReach, period: Period, f: { outcome: 'won' | 'lost'; competitorId?: string; segmentId?: string; reason?: string }, page: PageQuery) {
  let q = db
    .selectFrom('opportunities as o')
    .innerJoin('accounts as a', 'a.id', 'o.account_id')
    .leftJoin('users as u', 'u.id', 'o.owner_id')
    .select(['o.id', 'o.name', 'a.name as account_name', 'u.name as owner_name', 'o.status', 'o.amount_base', 'o.close_date', 'o.lost_reason'])
    .where('o.status', '=', f.outcome)
    .where(inPeriod(period))
    .where((eb) => reachCondition(eb, actor, reach, DEAL_COLS));
  if (f.competitorId && f.outcome === 'lost') q = q.where('o.lost_to_competitor_id', '=', f.competitorId);
  if (f.competitorId && f.outcome === 'won') q = q.where('o.id', 'in', (eb) => eb.selectFrom('opportunity_competitors').select('opportunity_id').where('competitor_id', '=', f.competitorId!));
  if (f.segmentId) q = q.where('a.segment_id', '=', f.segmentId);
  if (f.reason !== undefined) q = f.reason === '' ? q.where('o.lost_reason', 'is', null) : q.where('o.lost_reason', '=', f.reason);
  return keysetPage(q, { sort: [{ column: 'o.close_date', direction: 'desc' }, { column: 'o.id', direction: 'asc' }], page, keyOf: (r) => [r.close_date, r.id] });
}

export async function defaultPipeline(db: Executor, orgId: string) {
  return db.selectFrom('pipelines').select(['id', 'name']).where('org_id', '=', orgId).where('archived', '=', 0).orderBy('is_default', 'desc').orderBy('name').limit(1).executeTakeFirst();
}

/**
 * Open deals per stage of a pipeline that the actor may see: count and amount — the board's column
 * totals (kept by the database per owner and stage when the reach is by owner).
 */
export async function funnel(db: Executor, actor: Actor, reach: SalesReach, pipelineId: string) {
  const stages = await db.selectFrom('pipeline_stages').select(['id', 'name', 'position']).where('pipeline_id', '=', pipelineId).where('kind', '=', 'open').where('archived', '=', 0).orderBy('position').execute();
  const by = new Map((await boardTotals(db, pipelineId, { actor, mine: false }, reach)).map((t) => [t.stageId, t]));
  return stages.map((s) => ({ stageId: s.id, name: s.name, position: s.position, count: by.get(s.id)?.count ?? 0, amount: by.get(s.id)?.amountBase ?? 0 }));
}

/**
 * Won and lost deals per month of won_at / lost_at, for the months starting at `monthStarts` (the
 * last one ends at `toExclusive`), that the actor may see.
 *
 * A rep's or a team's closed deals are read once through the owners' (owner, status, …) index and
 * grouped by month. The whole organisation's are counted month by month on
 * opportunities_org_closed — one index range each, without the table: grouping by
 * `substr(coalesce(…))` would read every row's table entry (31,000 deals a year at the benchmark's
 * scale: ~100 ms, against ~9 ms).
 */
export async function wonLostByMonth(db: Executor, actor: Actor, reach: SalesReach, monthStarts: string[], toExclusive: string) {
  const at = sql<string>`coalesce(o.won_at, o.lost_at)`;
  const closed = () => db.selectFrom('opportunities as o').where('o.status', 'in', ['won', 'lost']);
  if (reach.kind !== 'all') {
    const month = sql<string>`substr(coalesce(o.won_at, o.lost_at), 1, 7)`;
    const rows = await closed()
      .select(['o.status', month.as('month'), sql<number | string>`count(*)`.as('n')])
      .where(at, '>=', monthStarts[0]!)
      .where(at, '<', toExclusive)
      .where((eb) => reachCondition(eb, actor, reach, DEAL_COLS, 'owners'))
      .groupBy(['o.status', month])
      .execute();
    return rows.map((r) => ({ status: r.status, month: r.month, count: n(r.n) }));
  }
  const arm = (i: number) =>
    closed()
      .select(['o.status', sql<number>`${sql.lit(i)}`.as('month_index'), sql<number | string>`count(*)`.as('n')])
      .where('o.org_id', '=', actor.orgId)
      .where(at, '>=', monthStarts[i]!)
      .where(at, '<', monthStarts[i + 1] ?? toExclusive)
      .groupBy('o.status');
  let q = arm(0);
  for (let i = 1; i < monthStarts.length; i++) q = q.unionAll(arm(i));
  const rows = await q.execute();
  return rows.map((r) => ({ status: r.status, month: monthStarts[Number(r.month_index)]!.slice(0, 7), count: n(r.n) }));
}
