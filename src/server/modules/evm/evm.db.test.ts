import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, buildUser } from '../../../../test/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../test/setup.js';

let t: TestApp;
const c: Record<string, Client> = {};
const id: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const orgId = (await buildOrg(t.database.db)).id;
  const people: [string, Parameters<typeof buildUser>[2]][] = [
    ['pm', { roles: ['project_manager'], jobRole: 'project_manager' }],
    ['exec', { roles: ['executive'], jobRole: 'executive' }],
    ['dev', { roles: ['team_member'], jobRole: 'delivery' }],
    ['rep', { roles: ['sales_rep'] }],
  ];
  for (const [key, opts] of people) {
    const u = await buildUser(t.database.db, orgId, opts);
    id[key] = u.id;
    c[key] = await new Client(t.app).signIn(u.email, u.password);
  }
});
afterAll(() => t.close());

const ok = async (p: Promise<{ statusCode: number; body: string; json(): any }>, status = 200) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
};

describe('earned value', () => {
  it('a hand-worked example: BAC from the baseline, PV spread over working days, EV from % complete, AC from approved cost', async () => {
    // Rates: every factory user costs 300.00/h (30000 minor units). Calendar: Monday–Friday, 8 h a day.
    const p = await ok(c.pm.post('/api/v1/projects', { code: 'EV1', name: 'EV', plannedStart: '2026-03-02', budgetLabour: 2_000_000, budgetExpenses: 100_000 }), 201);
    await ok(c.pm.post(`/api/v1/projects/${p.id}/members`, { userId: id.dev }), 201);
    // A: 5 days × 8 h × 300.00 = 12,000.00 (2026-03-02 … 03-06); B: 20 h estimated × 300.00 = 6,000.00 (03-09 … 03-13).
    const a = await ok(c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'A', durationDays: 5, assignments: [{ userId: id.dev, units: 1 }] }), 201);
    const b = await ok(c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'B', durationDays: 5, estimatedHours: 20, assignments: [{ userId: id.dev, units: 1 }] }), 201);
    await ok(c.pm.post(`/api/v1/projects/${p.id}/dependencies`, { predecessorId: a.id, successorId: b.id }), 201);

    // Without a baseline: BAC is the budget.
    const before = await ok(c.pm.get(`/api/v1/projects/${p.id}/earned-value?statusDate=2026-03-10`));
    expect(before).toMatchObject({ bacSource: 'budget', bac: 2_100_000, ev: 0, ac: 0 });

    await ok(c.pm.post(`/api/v1/projects/${p.id}/baselines`, { name: 'Plan' }), 201);
    const plan = await ok(c.pm.get(`/api/v1/projects/${p.id}/plan`));
    const task = (name: string) => plan.tasks.find((x: { name: string }) => x.name === name);
    await ok(c.pm.patch(`/api/v1/tasks/${a.id}`, { version: task('A').version, percentComplete: 100, status: 'done' }));
    await ok(c.pm.patch(`/api/v1/tasks/${b.id}`, { version: task('B').version, percentComplete: 25, status: 'in_progress' }));

    // AC: 40 h on A (12,000.00) + 2 h on B on 03-09 (600.00), approved; 4 h on B on 03-11 is after the status date.
    const put = (json: unknown) => ok(c.dev.request({ method: 'PUT', url: '/api/v1/timesheets/week', json }));
    await put({ weekStart: '2026-03-02', entries: ['02', '03', '04', '05', '06'].map((d) => ({ taskId: a.id, date: `2026-03-${d}`, hours: 8 })) });
    await put({ weekStart: '2026-03-09', entries: [{ taskId: b.id, date: '2026-03-09', hours: 2 }, { taskId: b.id, date: '2026-03-11', hours: 4 }, { taskId: b.id, date: '2026-03-10', hours: 1 }] });
    await ok(c.dev.post('/api/v1/timesheets/submit', { weekStart: '2026-03-02' }));
    await ok(c.dev.post('/api/v1/timesheets/submit', { weekStart: '2026-03-09' }));
    const submitted = (await ok(c.pm.get(`/api/v1/projects/${p.id}/timesheets?status=submitted&limit=200`))).items as { id: string; version: number; date: string }[];
    // 03-10 stays submitted: not actual cost yet.
    for (const e of submitted.filter((x) => x.date !== '2026-03-10')) await ok(c.pm.post(`/api/v1/timesheet-entries/${e.id}/approve`, { version: e.version }));
    // Expenses: 500.00 approved on 03-05; 999.99 submitted only.
    const ex = await ok(c.dev.post(`/api/v1/projects/${p.id}/expenses`, { category: 'travel', amount: 50_000, date: '2026-03-05' }), 201);
    await ok(c.pm.post(`/api/v1/expenses/${ex.id}/approve`, { version: ex.version }));
    await ok(c.dev.post(`/api/v1/projects/${p.id}/expenses`, { category: 'meals', amount: 99_999, date: '2026-03-05' }), 201);

    const r = await ok(c.pm.get(`/api/v1/projects/${p.id}/earned-value?statusDate=2026-03-10`));
    // BAC = 12,000 + 6,000; PV = 12,000 + 6,000 × 2/5 (Mon, Tue of B's five days); EV = 12,000 × 100 % + 6,000 × 25 %.
    expect(r).toMatchObject({ bacSource: 'baseline', baselineName: 'Plan', bac: 1_800_000, pv: 1_440_000, ev: 1_350_000, acLabour: 1_260_000, acExpenses: 50_000, ac: 1_310_000 });
    expect(r.sv).toBe(-90_000);
    expect(r.cv).toBe(40_000);
    expect(r.spi).toBe(0.9375);
    expect(r.cpi).toBe(1_350_000 / 1_310_000);
    expect(r.eac).toBe(1_800_000 / (1_350_000 / 1_310_000));
    expect(r.tcpi).toBe(450_000 / 490_000);
    // Weekly S-curve from the start, the status date included.
    expect(r.series.map((s: { date: string }) => s.date)).toEqual(['2026-03-01', '2026-03-08', '2026-03-10', '2026-03-15']);
    expect(r.series[0]).toEqual({ date: '2026-03-01', pv: 0, ev: 0, ac: 0 });
    // EV on the weekly dates from the progress history: both reported on 2026-03-02 (the clock's today).
    expect(r.series[1]).toEqual({ date: '2026-03-08', pv: 1_200_000, ev: 1_350_000, ac: 1_250_000 });
    expect(r.series[2]).toEqual({ date: '2026-03-10', pv: 1_440_000, ev: 1_350_000, ac: 1_310_000 });
    expect(r.series[3]).toEqual({ date: '2026-03-15', pv: 1_800_000, ev: null, ac: null });

    // Executives read; members read their project's figures; others do not see it.
    await ok(c.exec.get(`/api/v1/projects/${p.id}/earned-value?statusDate=2026-03-10`));
    await ok(c.dev.get(`/api/v1/projects/${p.id}/earned-value?statusDate=2026-03-10`));
    expect((await c.rep.get(`/api/v1/projects/${p.id}/earned-value`)).statusCode).toBe(404);
    expect((await c.pm.get(`/api/v1/projects/${p.id}/earned-value?statusDate=2026-02-30`)).statusCode).toBe(400);
  });
});
