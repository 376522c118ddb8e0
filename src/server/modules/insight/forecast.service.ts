import type { z } from 'zod';
import type { AccuracyQuery, DashboardQuery, DashboardResponse, ForecastQuery, ForecastResponse, ListTargetsQuery, PutTargetRequest, TakeSnapshotsRequest, TargetResponse } from '../../../contracts/insight.js';
import { addSums, forecastAccuracy, forecastFigures, ZERO_SUMS, type ForecastSums } from '../../../domain/forecast/forecast.js';
import { monthsEndingWith, type Period } from '../../../domain/forecast/period.js';
import { orderTeamTree, rollUpTeams } from '../../../domain/forecast/rollup.js';
import { winRate } from '../../../domain/insight/insight.js';
import type { Dialect } from '../../db/database.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { forbidden, notFound, staleVersion } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { hasRole, type Actor } from '../../lib/policy.js';
import { salesReach } from '../sales/sales.access.js';
import * as frepo from './forecast.repository.js';
import * as repo from './insight.repository.js';
import { periodFrom, requireSalesUser } from './insight.service.js';

/**
 * Whose numbers the actor sees: a rep only themself; a sales manager the people of the team trees
 * they manage (narrowed to one of those teams with teamId); executives every sales team (or any
 * team with teamId). Reps are the users whose team is in the visible tree; each counts once.
 */
export async function forecastScope(db: Executor, actor: Actor, teamId?: string): Promise<{ teams: frepo.ScopeTeam[]; reps: frepo.ScopeRep[] }> {
  requireSalesUser(actor, 'Forecast');
  const exec = hasRole(actor, 'executive');
  const manager = hasRole(actor, 'sales_manager');
  if (teamId) {
    const team = await frepo.findTeam(db, actor.orgId, teamId);
    if (!team || !(exec || (manager && (await frepo.teamIsManagedBy(db, actor.orgId, teamId, actor.id))))) throw notFound('Team');
    const teams = await frepo.teamsUnder(db, actor.orgId, [teamId]);
    return { teams, reps: await frepo.usersInTeams(db, actor.orgId, teams.map((t) => t.id)) };
  }
  if (exec) {
    const teams = await frepo.teamsUnder(db, actor.orgId, 'all');
    return { teams, reps: await frepo.usersInTeams(db, actor.orgId, teams.map((t) => t.id)) };
  }
  if (manager) {
    const roots = await frepo.teamsManagedBy(db, actor.orgId, actor.id);
    if (roots.length) {
      const teams = await frepo.teamsUnder(db, actor.orgId, roots);
      return { teams, reps: await frepo.usersInTeams(db, actor.orgId, teams.map((t) => t.id)) };
    }
  }
  const self = (await frepo.findUser(db, actor.orgId, actor.id))!;
  return { teams: [], reps: [{ ...self, teamId: null }] };
}

export async function computeForecast(db: Executor, actor: Actor, period: Period, teamId?: string, dialect: Dialect = 'postgres'): Promise<Omit<z.infer<typeof ForecastResponse>, 'abilities' | 'currency'>> {
  const scope = await forecastScope(db, actor, teamId);
  const repIds = scope.reps.map((r) => r.id);
  const teamIds = scope.teams.map((t) => t.id);
  const sums = await frepo.forecastSumsByOwner(db, actor.orgId, repIds, period, dialect);
  const quotas = await frepo.quotasOf(db, actor.orgId, period, repIds, teamIds);
  const repSums = scope.reps.map((r) => ({ userId: r.id, teamId: r.teamId, sums: sums.get(r.id) ?? ZERO_SUMS }));
  const rolled = rollUpTeams(scope.teams, repSums);
  const repQuota = (metric: frepo.QuotaMetric, id: string) => quotas[metric].users.get(id) ?? null;
  // A team's quota is its own target, else the sum of its reps' targets (null when none has one).
  const teamQuota = (metric: frepo.QuotaMetric, id: string, ids: string[]) => {
    if (quotas[metric].teams.has(id)) return quotas[metric].teams.get(id)!;
    const qs = ids.map((r) => repQuota(metric, r)).filter((q): q is number => q !== null);
    return qs.length ? qs.reduce((a, b) => a + b, 0) : null;
  };
  const figures = (sums: ForecastSums, quota: (m: frepo.QuotaMetric) => number | null) => forecastFigures(sums, quota('revenue'), { orders: quota('orders'), newCustomers: quota('new_customers') });
  // New customers of a group are its distinct new accounts: two people signing one new account count it once.
  const newAccounts = await frepo.newCustomerAccounts(db, actor.orgId, repIds, period);
  const distinctNew = (ids: string[]) => new Set(ids.flatMap((id) => newAccounts.get(id) ?? [])).size;
  const total = { ...repSums.reduce((acc, r) => addSums(acc, r.sums), ZERO_SUMS), newCustomers: distinctNew(repIds) };
  const roots = orderTeamTree(scope.teams).filter((t) => t.depth === 0);
  const totalQuota = (m: frepo.QuotaMetric) => (roots.length === 1 ? teamQuota(m, roots[0]!.id, rolled.get(roots[0]!.id)!.repIds) : teamQuota(m, '', repIds));
  return {
    period: { kind: period.kind, start: period.start, end: period.end },
    reps: scope.reps.map((r, i) => ({ userId: r.id, name: r.name, teamId: r.teamId, ...figures(repSums[i]!.sums, (m) => repQuota(m, r.id)) })),
    teams: orderTeamTree(scope.teams).map((t) => {
      const acc = rolled.get(t.id)!;
      return { teamId: t.id, name: t.name, parentId: t.parentId, depth: t.depth, managerId: t.managerId, repIds: acc.repIds, ...figures({ ...acc.sums, newCustomers: distinctNew(acc.repIds) }, (m) => teamQuota(m, t.id, acc.repIds)) };
    }),
    total: figures(total, totalQuota),
  };
}

export async function getForecast(ctx: Ctx, q: z.infer<typeof ForecastQuery>): Promise<z.infer<typeof ForecastResponse>> {
  requireSalesUser(ctx.actor, 'Forecast');
  const period = periodFrom(q.periodKind, q.periodStart);
  const f = await computeForecast(ctx.db, ctx.actor, period, q.teamId, ctx.dialect);
  return { ...f, currency: await repo.orgCurrency(ctx.db, ctx.actor.orgId), abilities: { takeSnapshot: hasRole(ctx.actor, 'sales_manager'), setQuota: hasRole(ctx.actor, 'sales_manager') } };
}

// ---- targets ----

const presentTarget = (r: frepo.TargetWithNames): z.infer<typeof TargetResponse> => ({
  id: r.id, userId: r.user_id, userName: r.user_name, teamId: r.team_id, teamName: r.team_name, periodKind: r.period_kind, periodStart: r.period_start, metric: r.metric, amount: Number(r.amount), version: r.version,
});

/** Targets of a period: a rep their own and their team's; a manager those of their tree; executives all. */
export async function listTargets(ctx: Ctx, q: z.infer<typeof ListTargetsQuery>) {
  requireSalesUser(ctx.actor, 'Sales targets');
  const period = periodFrom(q.periodKind, q.periodStart);
  if (hasRole(ctx.actor, 'executive')) return { items: (await frepo.listTargets(ctx.db, ctx.actor.orgId, period.kind, period.start, 'all', 'all')).map(presentTarget) };
  const scope = await forecastScope(ctx.db, ctx.actor);
  const userIds = [...new Set([ctx.actor.id, ...scope.reps.map((r) => r.id)])];
  const teamIds = scope.teams.length ? scope.teams.map((t) => t.id) : ctx.actor.teamId ? [ctx.actor.teamId] : [];
  return { items: (await frepo.listTargets(ctx.db, ctx.actor.orgId, period.kind, period.start, userIds, teamIds)).map(presentTarget) };
}

/** Sets a quota: a sales manager, for a person or a team in a tree they manage (404 otherwise; 403 for those who set none). */
export async function putTarget(ctx: Ctx, input: z.infer<typeof PutTargetRequest>) {
  requireSalesUser(ctx.actor, 'Sales targets');
  if (!hasRole(ctx.actor, 'sales_manager')) throw forbidden('Only a sales manager sets quotas.');
  const period = periodFrom(input.periodKind, input.periodStart);
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    if (input.userId) {
      const user = await frepo.findUser(trx, ctx.actor.orgId, input.userId);
      if (!user || !user.teamId || !(await frepo.teamIsManagedBy(trx, ctx.actor.orgId, user.teamId, ctx.actor.id))) throw notFound('Person');
    } else if (!(await frepo.teamIsManagedBy(trx, ctx.actor.orgId, input.teamId!, ctx.actor.id))) throw notFound('Team');
    const subject = input.userId ? `user:${input.userId}` : `team:${input.teamId}`;
    const before = await frepo.findTarget(trx, ctx.actor.orgId, period.kind, period.start, subject, input.metric);
    const at = now.toISOString();
    let id: string;
    if (before) {
      // Replacing a quota needs the version the client saw (none, or a stale one: 409 with the current).
      if (input.version !== before.version) throw staleVersion(presentTarget(before));
      const after = await frepo.updateTargetIfVersion(trx, before.id, before.version, { amount: input.amount, updated_at: at });
      if (!after) throw staleVersion(presentTarget(before));
      id = before.id;
      await recordAudit(trx, { orgId: ctx.actor.orgId, actorId: ctx.actor.id, action: 'update', entityType: 'sales_target', entityId: id, changes: diffRecords({ amount: Number(before.amount) }, { amount: input.amount }), ip: ctx.ip, at: now });
    } else {
      id = uuidv7(now.getTime());
      await frepo.insertTarget(trx, { id, org_id: ctx.actor.orgId, user_id: input.userId, team_id: input.teamId, subject, period_kind: period.kind, period_start: period.start, metric: input.metric, amount: input.amount, created_at: at, updated_at: at, version: 1 });
      await recordAudit(trx, { orgId: ctx.actor.orgId, actorId: ctx.actor.id, action: 'create', entityType: 'sales_target', entityId: id, changes: { subject: [null, subject], period: [null, `${period.kind}:${period.start}`], metric: [null, input.metric], amount: [null, input.amount] }, ip: ctx.ip, at: now });
    }
    return presentTarget((await frepo.findTarget(trx, ctx.actor.orgId, period.kind, period.start, subject, input.metric))!);
  });
}

// ---- snapshots and accuracy ----

function snapshotRows(orgId: string, period: Period, takenAt: Date, users: string[], sums: Map<string, ForecastSums>): frepo.SnapshotRow[] {
  const at = takenAt.toISOString();
  return users.map((userId) => {
    const f = forecastFigures(sums.get(userId) ?? ZERO_SUMS, null);
    return { id: uuidv7(takenAt.getTime()), org_id: orgId, period_kind: period.kind, period_start: period.start, user_id: userId, taken_at: at, commit: f.commit, best_case: f.bestCase, pipeline: f.pipeline, weighted: f.weighted, closed: f.closedWon, created_at: at, updated_at: at, version: 1 };
  });
}

/** A sales manager snapshots the forecast of every rep in the trees they manage, now. */
export async function takeSnapshotsNow(ctx: Ctx, input: z.infer<typeof TakeSnapshotsRequest>) {
  requireSalesUser(ctx.actor, 'Forecast');
  if (!hasRole(ctx.actor, 'sales_manager')) throw forbidden('Only a sales manager takes forecast snapshots.');
  const period = periodFrom(input.periodKind, input.periodStart);
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const scope = await forecastScope(trx, ctx.actor);
    const ids = scope.reps.map((r) => r.id);
    const rows = snapshotRows(ctx.actor.orgId, period, now, ids, await frepo.forecastSumsByOwner(trx, ctx.actor.orgId, ids, period, ctx.dialect));
    await frepo.insertSnapshots(trx, rows);
    await recordAudit(trx, { orgId: ctx.actor.orgId, actorId: ctx.actor.id, action: 'snapshot', entityType: 'forecast', entityId: null, changes: { period: [null, `${period.kind}:${period.start}`], users: [null, rows.length] }, ip: ctx.ip, at: now });
    return { takenAt: now.toISOString(), count: rows.length };
  });
}

/** Exported for the sweep in snapshots.ts: the snapshot rows of every rep with deals or a sales team. */
export async function snapshotOrg(db: Executor, orgId: string, period: Period, takenAt: Date, opts: { onlyMissing?: boolean } = {}): Promise<number> {
  const teams = await frepo.teamsUnder(db, orgId, 'all');
  const reps = await frepo.usersInTeams(db, orgId, teams.map((t) => t.id));
  // The sweep fills in whoever has no snapshot of the period yet (a manager may have taken their team's already).
  const have = opts.onlyMissing ? await frepo.usersWithSnapshotSince(db, orgId, period) : new Set<string>();
  if (opts.onlyMissing && reps.every((r) => have.has(r.id))) return 0;
  const sums = await frepo.forecastSumsByOwner(db, orgId, 'all', period);
  const users = [...new Set([...reps.map((r) => r.id), ...sums.keys()])].filter((u) => !have.has(u));
  if (!users.length) return 0;
  const rows = snapshotRows(orgId, period, takenAt, users, sums);
  await frepo.insertSnapshots(db, rows);
  return rows.length;
}

export async function forecastAccuracyOf(ctx: Ctx, q: z.infer<typeof AccuracyQuery>) {
  requireSalesUser(ctx.actor, 'Forecast');
  const period = periodFrom(q.periodKind, q.periodStart);
  const scope = await forecastScope(ctx.db, ctx.actor);
  const ids = scope.reps.map((r) => r.id);
  const sums = await frepo.forecastSumsByOwner(ctx.db, ctx.actor.orgId, ids, period, ctx.dialect);
  const snaps = await frepo.firstSnapshotsOfPeriod(ctx.db, ctx.actor.orgId, period, ids);
  let commitTotal = 0;
  let bookedTotal = 0;
  let anySnapshot = false;
  const reps = scope.reps.map((r) => {
    const booked = sums.get(r.id)?.booked ?? 0;
    const snap = snaps.get(r.id);
    bookedTotal += booked;
    if (snap) {
      anySnapshot = true;
      commitTotal += snap.commit;
    }
    return { userId: r.id, name: r.name, commitAtStart: snap?.commit ?? null, snapshotAt: snap?.takenAt ?? null, booked, accuracy: snap ? forecastAccuracy(snap.commit, booked) : null };
  });
  return {
    period: { kind: period.kind, start: period.start, end: period.end },
    reps,
    total: { commitAtStart: anySnapshot ? commitTotal : null, booked: bookedTotal, accuracy: anySnapshot ? forecastAccuracy(commitTotal, bookedTotal) : null },
  };
}

// ---- dashboard ----

export async function salesDashboard(ctx: Ctx, q: z.infer<typeof DashboardQuery>): Promise<z.infer<typeof DashboardResponse>> {
  requireSalesUser(ctx.actor, 'Sales dashboard');
  const period = periodFrom(q.periodKind, q.periodStart);
  const forecast = await computeForecast(ctx.db, ctx.actor, period, undefined, ctx.dialect);
  const pipeline = await frepo.defaultPipeline(ctx.db, ctx.actor.orgId);
  const reach = await salesReach(ctx.db, ctx.actor, 'opportunity');
  const funnel = pipeline ? await frepo.funnel(ctx.db, ctx.actor, reach, pipeline.id) : [];
  // Win rate and feedback over the twelve months that end with the period's last month.
  const months = monthsEndingWith(period.end, 12);
  const fromDate = months[0]!;
  const wl = await frepo.wonLostByMonth(ctx.db, ctx.actor, reach, months, period.endExclusive);
  const trends = await repo.feedbackTrends(ctx.db, ctx.actor.orgId, fromDate, period.end);
  const monthKeys = months.map((m) => m.slice(0, 7));
  return {
    period: { kind: period.kind, start: period.start, end: period.end },
    currency: await repo.orgCurrency(ctx.db, ctx.actor.orgId),
    pipelineId: pipeline?.id ?? null,
    funnel,
    attainment: forecast.reps.map((r) => ({ userId: r.userId, name: r.name, closedWon: r.closedWon, booked: r.booked, quota: r.quota, attainment: r.attainment })),
    forecastVsTarget: forecast.total,
    winRate: monthKeys.map((month) => {
      const won = wl.find((x) => x.month === month && x.status === 'won')?.count ?? 0;
      const lost = wl.find((x) => x.month === month && x.status === 'lost')?.count ?? 0;
      return { month, won, lost, winRate: winRate(won, lost) };
    }),
    feedbackTrends: { months: monthKeys, points: trends },
  };
}
