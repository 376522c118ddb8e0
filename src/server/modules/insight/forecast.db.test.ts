import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastFigures, sumDeals, type ForecastDeal } from '../../../domain/forecast/forecast.js';
import { buildTeam, buildUser } from '../../../../test/factories.js';
import { buildAccount, buildContract, buildOpportunity, signInSalesCast, type SalesCast } from '../../../../test/sales-factories.js';
import { Client, createTestApp, type TestApp } from '../../../../test/setup.js';
import { takeForecastSnapshots } from './snapshots.js';

let t: TestApp;
let s: SalesCast;
const team: Record<string, string> = {};
let rep4: Client;
let rep4Id: string;
const Q4 = 'periodKind=quarter&periodStart=2026-10-01';

/**
 * Q4 2026, hand-computed (amounts in minor units of CNY, the org currency):
 *  rep  (Sales A):  won 300.00; commit 200.00 @75; best case 100.00 @50; pipeline 401.00 @10; omitted 999.00; lost 50.00; a won 500.00 closing 2027-01-01 (next quarter)
 *                   → closed 300, commit 200, best 300, pipeline 701, weighted 150 + 50 + 40.10 = 240.10
 *  rep2 (Sales A):  a USD deal of 100.00 worth 720.00 CNY, commit @75 → commit = best = pipeline 720, weighted 540
 *  rep4 (Sales A1, under A): won 1,000.00
 *  rep3 (Sales B):  pipeline 400.00 @25 → weighted 100
 * Booked revenue (contracts signed in the quarter, what attainment, gap and accuracy count):
 *  rep 300.00 (signed 2026-10-20; one signed 2026-09-30 and a draft do not count); rep4 900.00 (less than the deal).
 */
beforeAll(async () => {
  t = await createTestApp();
  s = await signInSalesCast(t);
  const db = t.database.db;
  for (const r of await db.selectFrom('teams').select(['id', 'name']).where('org_id', '=', s.orgId).execute()) team[r.name] = r.id;
  team['Sales A1'] = (await buildTeam(db, s.orgId, { name: 'Sales A1', kind: 'sales', parentId: team['Sales A'] })).id;
  const u = await buildUser(db, s.orgId, { roles: ['sales_rep'], name: 'Rep Four', teamId: team['Sales A1'] });
  rep4Id = u.id;
  rep4 = await new Client(t.app).signIn(u.email, u.password);
  const p = s.pipeline;
  const acc = async (owner: string) => (await buildAccount(db, s.orgId, owner)).id;
  const a1 = await acc(s.id.rep);
  await buildOpportunity(db, s.orgId, { ownerId: s.id.rep, accountId: a1, pipeline: p, stage: 'won', amount: 300_00, closeDate: '2026-10-15' });
  await buildOpportunity(db, s.orgId, { ownerId: s.id.rep, accountId: a1, pipeline: p, stage: 'negotiation', amount: 200_00, closeDate: '2026-11-30', forecastCategory: 'commit' });
  await buildOpportunity(db, s.orgId, { ownerId: s.id.rep, accountId: a1, pipeline: p, stage: 'proposal', amount: 100_00, closeDate: '2026-12-31', forecastCategory: 'best_case' });
  await buildOpportunity(db, s.orgId, { ownerId: s.id.rep, accountId: a1, pipeline: p, stage: 'prospecting', amount: 401_00, closeDate: '2026-12-15' });
  await buildOpportunity(db, s.orgId, { ownerId: s.id.rep, accountId: a1, pipeline: p, stage: 'prospecting', amount: 999_00, closeDate: '2026-11-01', forecastCategory: 'omitted' });
  await buildOpportunity(db, s.orgId, { ownerId: s.id.rep, accountId: a1, pipeline: p, stage: 'lost', amount: 50_00, closeDate: '2026-11-01' });
  await buildOpportunity(db, s.orgId, { ownerId: s.id.rep, accountId: a1, pipeline: p, stage: 'won', amount: 500_00, closeDate: '2027-01-01' });
  const usd = await buildOpportunity(db, s.orgId, { ownerId: s.id.rep2, accountId: await acc(s.id.rep2), pipeline: p, stage: 'negotiation', amount: 100_00, currency: 'USD', closeDate: '2026-10-20', forecastCategory: 'commit' });
  await db.updateTable('opportunities').set({ amount_base: 720_00 }).where('id', '=', usd.id).execute();
  await buildOpportunity(db, s.orgId, { ownerId: rep4Id, accountId: await acc(rep4Id), pipeline: p, stage: 'won', amount: 1000_00, closeDate: '2026-12-01' });
  await buildOpportunity(db, s.orgId, { ownerId: s.id.rep3, accountId: await acc(s.id.rep3), pipeline: p, stage: 'qualification', amount: 400_00, closeDate: '2026-10-02' });
  const contract = (ownerId: string, accountId: string, value: number, signedOn: string | null) => buildContract(db, s.orgId, { ownerId, accountId, value, signedOn });
  await contract(s.id.rep, a1, 300_00, '2026-10-20');
  await contract(s.id.rep, a1, 77_00, '2026-09-30');
  await contract(s.id.rep, a1, 55_00, null);
  await contract(rep4Id, await acc(rep4Id), 900_00, '2026-12-01');
});
afterAll(() => t.close());

const REP = { closedWon: 300_00, booked: 300_00, orders: 1, newCustomers: 0, commit: 200_00, bestCase: 300_00, pipeline: 701_00, weighted: 240_10 };
const REP2 = { closedWon: 0, booked: 0, orders: 0, newCustomers: 0, commit: 720_00, bestCase: 720_00, pipeline: 720_00, weighted: 540_00 };
const REP4 = { closedWon: 1000_00, booked: 900_00, orders: 1, newCustomers: 1, commit: 0, bestCase: 0, pipeline: 0, weighted: 0 };
const REP3 = { closedWon: 0, booked: 0, orders: 0, newCustomers: 0, commit: 0, bestCase: 0, pipeline: 400_00, weighted: 100_00 };

async function forecastOf(c: Client, query = Q4) {
  const res = await c.get(`/api/v1/forecast?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const byName = (xs: any[]): Record<string, any> => Object.fromEntries(xs.map((x) => [x.name, x]));

async function putTarget(c: Client, body: Record<string, unknown>) {
  return c.put('/api/v1/sales-targets', { periodKind: 'quarter', periodStart: '2026-10-01', metric: 'revenue', ...body });
}

describe('quotas', () => {
  it('lets a manager set quotas for people and teams in their tree only', async () => {
    const r = await putTarget(s.c.mgr, { userId: s.id.rep, amount: 1000_00 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ userId: s.id.rep, userName: 'Rep One', teamId: null, periodKind: 'quarter', periodStart: '2026-10-01', metric: 'revenue', amount: 1000_00, version: 1 });
    expect((await putTarget(s.c.mgr, { userId: s.id.rep2, amount: 500_00 })).statusCode).toBe(200);
    expect((await putTarget(s.c.director, { teamId: team.Sales, amount: 5000_00 })).statusCode).toBe(200);
    expect((await putTarget(s.c.mgr, { userId: rep4Id, metric: 'orders', amount: 3 })).statusCode).toBe(200);
    // outside the tree, or not a manager
    expect((await putTarget(s.c.mgr, { userId: s.id.rep3, amount: 1 })).statusCode).toBe(404);
    expect((await putTarget(s.c.mgr2, { teamId: team['Sales A'], amount: 1 })).statusCode).toBe(404);
    expect((await putTarget(s.c.mgr, { teamId: team.Sales, amount: 1 })).statusCode).toBe(404);
    expect((await putTarget(s.c.rep, { userId: s.id.rep, amount: 1 })).statusCode).toBe(403);
    expect((await putTarget(s.c.exec, { userId: s.id.rep, amount: 1 })).statusCode).toBe(403);
    expect((await putTarget(s.c.pm, { userId: s.id.rep, amount: 1 })).statusCode).toBe(404);
    expect((await putTarget(s.c.foreign, { userId: s.id.rep, amount: 1 })).statusCode).toBe(404);
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'actor_id']).where('entity_type', '=', 'sales_target').execute();
    expect(audit).toHaveLength(4);
  });

  it('rejects bad input', async () => {
    for (const body of [
      { userId: s.id.rep, teamId: team['Sales A'], amount: 1 },
      { amount: 1 },
      { userId: s.id.rep, amount: -1 },
      { userId: s.id.rep, amount: '12' },
      { userId: s.id.rep, amount: 1.5 },
      { userId: s.id.rep, amount: 1, periodStart: '2026-11-01' },
      { userId: s.id.rep, amount: 1, periodStart: '2026-02-30' },
      { userId: s.id.rep, amount: 1, metric: 'profit' },
      { userId: 'nope', amount: 1 },
    ]) {
      const res = await putTarget(s.c.mgr, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
  });

  it('replaces a quota with its version, and answers 409 when stale or missing', async () => {
    const list = (await s.c.mgr.get('/api/v1/sales-targets?periodKind=quarter&periodStart=2026-10-01')).json().items;
    const target = list.find((x: { userId: string; metric: string }) => x.userId === s.id.rep2 && x.metric === 'revenue');
    expect((await putTarget(s.c.mgr, { userId: s.id.rep2, amount: 600_00 })).statusCode).toBe(409);
    const ok = await putTarget(s.c.mgr, { userId: s.id.rep2, amount: 600_00, version: target.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ amount: 600_00, version: 2 });
    const stale = await putTarget(s.c.mgr, { userId: s.id.rep2, amount: 500_00, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ amount: 600_00, version: 2 });
    expect((await putTarget(s.c.mgr, { userId: s.id.rep2, amount: 500_00, version: 2 })).statusCode).toBe(200);
  });

  it('shows each person the quotas they may see', async () => {
    const q = '/api/v1/sales-targets?periodKind=quarter&periodStart=2026-10-01';
    const subjects = async (c: Client) => ((await c.get(q)).json().items as { userId: string | null; teamId: string | null; metric: string }[]).map((x) => `${x.userId ?? x.teamId}:${x.metric}`).sort();
    expect(await subjects(s.c.rep)).toEqual([`${s.id.rep}:revenue`]);
    expect(await subjects(s.c.rep3)).toEqual([]);
    expect(await subjects(s.c.mgr)).toEqual([`${rep4Id}:orders`, `${s.id.rep}:revenue`, `${s.id.rep2}:revenue`].sort());
    expect(await subjects(s.c.mgr2)).toEqual([]);
    expect(await subjects(s.c.exec)).toHaveLength(4);
    expect(await subjects(s.c.director)).toHaveLength(4);
    expect((await s.c.pm.get(q)).statusCode).toBe(404);
    expect(await subjects(s.c.foreign)).toEqual([]);
    expect((await s.c.mgr.get('/api/v1/sales-targets?periodKind=quarter&periodStart=2026-10-02')).statusCode).toBe(400);
  });
});

describe('forecast', () => {
  it('shows a rep only their own numbers', async () => {
    const f = await forecastOf(s.c.rep);
    expect(f.period).toEqual({ kind: 'quarter', start: '2026-10-01', end: '2026-12-31' });
    expect(f.currency).toBe('CNY');
    expect(f.reps).toEqual([{ userId: s.id.rep, name: 'Rep One', teamId: null, ...REP, quota: 1000_00, attainment: 0.3, gap: 700_00, coverage: 1.0014, ordersQuota: null, newCustomersQuota: null }]);
    expect(f.teams).toEqual([]);
    expect(f.total).toMatchObject({ ...REP, quota: 1000_00 });
    expect(f.abilities).toEqual({ takeSnapshot: false, setQuota: false });
  });

  it('rolls a manager’s tree up, counting the sub-team’s rep once at each level', async () => {
    const f = await forecastOf(s.c.mgr);
    const reps = byName(f.reps);
    expect(Object.keys(reps).sort()).toEqual(['Rep Four', 'Rep One', 'Rep Two']);
    expect(reps['Rep One']).toMatchObject(REP);
    expect(reps['Rep Two']).toMatchObject({ ...REP2, quota: 500_00, attainment: 0, gap: 500_00, coverage: 1.44 });
    expect(reps['Rep Four']).toMatchObject({ ...REP4, quota: null, attainment: null });
    // Orders and new customers against their own quotas: rep4's first contract with a new account, against 3 orders;
    // rep's contract is with an account signed before the quarter (an order, not a new customer).
    expect(reps['Rep Four']).toMatchObject({ orders: 1, ordersQuota: 3, newCustomers: 1, newCustomersQuota: null });
    expect(reps['Rep One']).toMatchObject({ orders: 1, ordersQuota: null, newCustomers: 0 });
    expect(f.teams.map((x: { name: string; depth: number }) => [x.name, x.depth])).toEqual([['Sales A', 0], ['Sales A1', 1]]);
    const teams = byName(f.teams);
    expect(teams['Sales A1']).toMatchObject({ ...REP4, repIds: [rep4Id], quota: null });
    // A = rep + rep2 + rep4; its quota is the sum of its reps' quotas (no team target)
    // attainment and gap count booked revenue (1,200), not closed won (1,300)
    expect(teams['Sales A']).toMatchObject({ closedWon: 1300_00, booked: 1200_00, commit: 920_00, bestCase: 1020_00, pipeline: 1421_00, weighted: 780_10, quota: 1500_00, attainment: 0.8, gap: 300_00, coverage: 4.7367, orders: 2, ordersQuota: 3, newCustomers: 1 });
    expect(teams['Sales A'].repIds).toHaveLength(3);
    expect(f.total).toMatchObject({ closedWon: 1300_00, pipeline: 1421_00, quota: 1500_00 });
    expect(f.abilities).toEqual({ takeSnapshot: true, setQuota: true });
  });

  it('gives the director and executives the whole tree with the top team’s own quota', async () => {
    for (const c of [s.c.director, s.c.exec]) {
      const f = await forecastOf(c);
      expect(f.reps).toHaveLength(4);
      expect(byName(f.reps)['Rep Three']).toMatchObject(REP3);
      expect(f.teams.map((x: { name: string }) => x.name)).toEqual(['Sales', 'Sales A', 'Sales A1', 'Sales B']);
      const top = byName(f.teams).Sales;
      expect(top).toMatchObject({ closedWon: 1300_00, booked: 1200_00, commit: 920_00, bestCase: 1020_00, pipeline: 1821_00, weighted: 880_10, quota: 5000_00, attainment: 0.24, gap: 3800_00 });
      expect(top.repIds).toHaveLength(4);
      expect(f.total).toMatchObject({ closedWon: 1300_00, pipeline: 1821_00, weighted: 880_10, quota: 5000_00 });
    }
  });

  it('narrows to a team the actor manages or, for executives, any team; others answer 404', async () => {
    const f = await forecastOf(s.c.exec, `${Q4}&teamId=${team['Sales B']}`);
    expect(f.reps.map((r: { name: string }) => r.name)).toEqual(['Rep Three']);
    expect((await forecastOf(s.c.director, `${Q4}&teamId=${team['Sales A1']}`)).reps.map((r: { name: string }) => r.name)).toEqual(['Rep Four']);
    for (const c of [s.c.mgr, s.c.rep, s.c.pm, s.c.foreign]) expect((await c.get(`/api/v1/forecast?${Q4}&teamId=${team['Sales B']}`)).statusCode).toBe(404);
    expect((await s.c.pm.get(`/api/v1/forecast?${Q4}`)).statusCode).toBe(404);
    const foreign = await forecastOf(s.c.foreign);
    expect(foreign.reps.every((r: { userId: string }) => r.userId !== s.id.rep)).toBe(true);
    expect(foreign.total.pipeline).toBe(0);
  });

  it('rejects a period that is not one', async () => {
    for (const q of ['periodKind=quarter&periodStart=2026-11-01', 'periodKind=week&periodStart=2026-10-01', 'periodKind=quarter&periodStart=soon', 'periodKind=quarter', `${Q4}&teamId=x`]) {
      expect((await s.c.mgr.get(`/api/v1/forecast?${q}`)).statusCode, q).toBe(400);
    }
  });

  it('finds nothing in a quarter without deals', async () => {
    const f = await forecastOf(s.c.mgr, 'periodKind=quarter&periodStart=2027-04-01');
    expect(f.total).toMatchObject({ closedWon: 0, pipeline: 0, weighted: 0, quota: null });
    expect((await forecastOf(s.c.rep, 'periodKind=year&periodStart=2027-01-01')).total.closedWon).toBe(500_00);
  });
});

describe('new customers up a team', () => {
  it('counts a new account two people of a team signed once for the team and the total', async () => {
    const db = t.database.db;
    const Q2 = 'periodKind=quarter&periodStart=2027-04-01';
    const shared = (await buildAccount(db, s.orgId, rep4Id)).id;
    const own = (await buildAccount(db, s.orgId, s.id.rep)).id;
    await buildContract(db, s.orgId, { ownerId: rep4Id, accountId: shared, value: 100_00, signedOn: '2027-04-10' });
    await buildContract(db, s.orgId, { ownerId: s.id.rep2, accountId: shared, value: 50_00, signedOn: '2027-05-10' });
    await buildContract(db, s.orgId, { ownerId: rep4Id, accountId: shared, value: 20_00, signedOn: '2027-06-10' });
    await buildContract(db, s.orgId, { ownerId: s.id.rep, accountId: own, value: 70_00, signedOn: '2027-04-20' });
    const f = await forecastOf(s.c.mgr, Q2);
    const reps = byName(f.reps);
    expect(reps['Rep Four']).toMatchObject({ orders: 2, newCustomers: 1 });
    expect(reps['Rep Two']).toMatchObject({ orders: 1, newCustomers: 1 });
    expect(reps['Rep One']).toMatchObject({ orders: 1, newCustomers: 1 });
    const teams = byName(f.teams);
    expect(teams['Sales A1']).toMatchObject({ orders: 2, newCustomers: 1 });
    // Sales A: four orders, but two new accounts (the shared one once), not three
    expect(teams['Sales A']).toMatchObject({ orders: 4, booked: 240_00, newCustomers: 2 });
    expect(f.total).toMatchObject({ orders: 4, newCustomers: 2 });
  });
});

describe('snapshots and accuracy', () => {
  it('the sweep snapshots every rep once at the start of the period', async () => {
    t.clock.set('2026-10-01T00:05:00.000Z');
    const written = await takeForecastSnapshots(t.database.db, t.clock);
    expect(written).toBeGreaterThan(0);
    expect(await takeForecastSnapshots(t.database.db, t.clock)).toBe(0);
    t.clock.set('2026-03-02T09:00:00.000Z'); // back, so the sessions stay valid
    const snaps = await t.database.db.selectFrom('forecast_snapshots').selectAll().where('period_kind', '=', 'quarter').where('user_id', '=', s.id.rep).execute();
    expect(snaps).toHaveLength(1);
    expect(snaps[0]).toMatchObject({ period_start: '2026-10-01', taken_at: '2026-10-01T00:05:00.000Z' });
    expect(Number(snaps[0]!.commit)).toBe(200_00);
    expect(Number(snaps[0]!.weighted)).toBe(240_10);
  });

  it('lets a manager take a snapshot now (before the period: not the one accuracy uses); others may not', async () => {
    const res = await s.c.mgr.post('/api/v1/forecast/snapshots', { periodKind: 'quarter', periodStart: '2026-10-01' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ takenAt: '2026-03-02T09:00:00.000Z', count: 3 });
    expect((await s.c.rep.post('/api/v1/forecast/snapshots', { periodKind: 'quarter', periodStart: '2026-10-01' })).statusCode).toBe(403);
    expect((await s.c.exec.post('/api/v1/forecast/snapshots', { periodKind: 'quarter', periodStart: '2026-10-01' })).statusCode).toBe(403);
    expect((await s.c.pm.post('/api/v1/forecast/snapshots', { periodKind: 'quarter', periodStart: '2026-10-01' })).statusCode).toBe(404);
    expect((await s.c.mgr.post('/api/v1/forecast/snapshots', { periodKind: 'quarter', periodStart: '2026-10-05' })).statusCode).toBe(400);
  });

  it('measures accuracy as 1 − |commit at period start − booked| ÷ booked', async () => {
    const res = await s.c.mgr.get('/api/v1/forecast/accuracy?periodKind=quarter&periodStart=2026-10-01');
    expect(res.statusCode, res.body).toBe(200);
    const reps = byName(res.json().reps as { name: string; commitAtStart: number | null; booked: number; accuracy: number | null; snapshotAt: string }[]);
    // rep: commit 200 at start, booked 300 → 1 − 100/300
    expect(reps['Rep One']).toMatchObject({ commitAtStart: 200_00, booked: 300_00, accuracy: 0.6667, snapshotAt: '2026-10-01T00:05:00.000Z' });
    expect(reps['Rep Two']).toMatchObject({ commitAtStart: 720_00, booked: 0, accuracy: null });
    expect(reps['Rep Four']).toMatchObject({ commitAtStart: 0, booked: 900_00, accuracy: 0 });
    // total: commit 920 vs booked 1200 → 1 − 280/1200
    expect(res.json().total).toEqual({ commitAtStart: 920_00, booked: 1200_00, accuracy: 0.7667 });
    const mine = (await s.c.rep.get('/api/v1/forecast/accuracy?periodKind=quarter&periodStart=2026-10-01')).json();
    expect(mine.reps.map((r: { userId: string }) => r.userId)).toEqual([s.id.rep]);
    expect((await s.c.pm.get('/api/v1/forecast/accuracy?periodStart=2026-10-01')).statusCode).toBe(404);
    expect((await s.c.mgr.get('/api/v1/forecast/accuracy?periodStart=2026-10-31')).statusCode).toBe(400);
  });
});

describe('sales dashboard', () => {
  it('returns every series, scoped to what the actor may see', async () => {
    const res = await s.c.mgr.get(`/api/v1/sales-dashboard?${Q4}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.pipelineId).toBe(s.pipeline.id);
    const funnel = Object.fromEntries(d.funnel.map((f: { name: string; count: number; amount: number }) => [f.name, [f.count, f.amount]]));
    // mgr's tree: rep (prospecting 401 + 999, proposal 100, negotiation 200), rep2 (negotiation 720)
    expect(funnel).toEqual({ Prospecting: [2, 1400_00], Qualification: [0, 0], Proposal: [1, 100_00], Negotiation: [2, 920_00] });
    expect(d.attainment).toHaveLength(3);
    expect(d.forecastVsTarget).toMatchObject({ closedWon: 1300_00, booked: 1200_00, quota: 1500_00, attainment: 0.8 });
    expect(d.winRate).toHaveLength(12);
    expect(d.winRate[0].month).toBe('2026-01');
    // factory deals are won/lost on 2026-03-01: rep's two wins and a loss, rep4's win
    expect(d.winRate.find((m: { month: string }) => m.month === '2026-03')).toEqual({ month: '2026-03', won: 3, lost: 1, winRate: 0.75 });
    const mine = (await s.c.rep3.get(`/api/v1/sales-dashboard?${Q4}`)).json();
    expect(mine.funnel.find((f: { name: string }) => f.name === 'Qualification')).toMatchObject({ count: 1, amount: 400_00 });
    expect(mine.winRate.every((m: { won: number; lost: number }) => m.won + m.lost === 0)).toBe(true);
    // the executive reads the whole organisation: both teams' funnels, every close
    const all = (await s.c.exec.get(`/api/v1/sales-dashboard?${Q4}`)).json();
    const allFunnel = Object.fromEntries(all.funnel.map((f: { name: string; count: number; amount: number }) => [f.name, [f.count, f.amount]]));
    expect(allFunnel).toEqual({ Prospecting: [2, 1400_00], Qualification: [1, 400_00], Proposal: [1, 100_00], Negotiation: [2, 920_00] });
    expect(all.winRate.find((m: { month: string }) => m.month === '2026-03')).toEqual({ month: '2026-03', won: 3, lost: 1, winRate: 0.75 });
    expect((await s.c.pm.get(`/api/v1/sales-dashboard?${Q4}`)).statusCode).toBe(404);
    expect((await s.c.mgr.get('/api/v1/sales-dashboard?periodKind=month&periodStart=2026-10-02')).statusCode).toBe(400);
  });
});

// Last: its random deals would change the other tests' hand-computed figures.
describe('forecast SQL against the pure reference', () => {
  it('adds random deals in SQL exactly as sumDeals does (generated with a fixed seed)', async () => {
    const db = t.database.db;
    const account = (await buildAccount(db, s.orgId, s.id.rep3)).id;
    const stageOf = { open: 'proposal', won: 'won', lost: 'lost' } as const;
    const deals = fc.sample(
      fc.record({
        status: fc.constantFrom('open', 'won', 'lost' as const),
        forecastCategory: fc.constantFrom('pipeline', 'best_case', 'commit', 'omitted' as const),
        amountBase: fc.integer({ min: 0, max: 5_000_000_00 }),
        probability: fc.integer({ min: 0, max: 100 }),
        day: fc.integer({ min: 1, max: 30 }),
      }),
      { numRuns: 60, seed: 20261127 },
    );
    for (const d of deals) {
      const row = await buildOpportunity(db, s.orgId, { ownerId: s.id.rep3, accountId: account, pipeline: s.pipeline, stage: stageOf[d.status], amount: d.amountBase, closeDate: `2027-05-${String(d.day).padStart(2, '0')}`, forecastCategory: d.status === 'open' ? d.forecastCategory : undefined });
      await db.updateTable('opportunities').set({ probability: d.probability }).where('id', '=', row.id).execute();
    }
    const reference = sumDeals(deals.map((d): ForecastDeal => ({ ...d, forecastCategory: d.status === 'open' ? d.forecastCategory : d.status === 'won' ? 'closed' : 'omitted' })));
    const f = await forecastOf(s.c.rep3, 'periodKind=quarter&periodStart=2027-04-01');
    expect(f.reps[0]).toMatchObject(forecastFigures(reference, null));
  });
});

describe('the snapshot sweep after a manager’s own snapshot (review)', () => {
  it('fills in the reps the manager’s team snapshot left out, and leaves the others as they are', async () => {
    const res = await s.c.mgr.post('/api/v1/forecast/snapshots', { periodKind: 'quarter', periodStart: '2026-01-01' });
    expect(res.statusCode, res.body).toBe(201);
    await takeForecastSnapshots(t.database.db, t.clock);
    const rows = await t.database.db.selectFrom('forecast_snapshots').select('user_id').where('period_kind', '=', 'quarter').where('period_start', '=', '2026-01-01').execute();
    const count = (id: string) => rows.filter((r) => r.user_id === id).length;
    expect(count(s.id.rep)).toBe(1);
    expect(count(s.id.rep2)).toBe(1);
    expect(count(s.id.rep3)).toBe(1);
  });
});
