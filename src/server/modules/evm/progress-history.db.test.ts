import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInCast } from '../../../../test/cast.js';
import { Client, createTestApp, type TestApp } from '../../../../test/setup.js';

let t: TestApp;
const c: Record<string, Client> = {};
const creds: Record<string, { email: string; password: string }> = {};
const id: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-03-02T09:00:00.000Z');
  const cast = await signInCast(t);
  Object.assign(c, cast.c);
  Object.assign(id, cast.id);
  Object.assign(creds, cast.login);
});
afterAll(() => t.close());

type Res = { statusCode: number; body: string; json(): any };
const ok = async (p: Promise<Res>, status = 200) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.body ? r.json() : null;
};
/** Moves the clock (far enough that sessions lapse) and signs everyone in again. */
async function setClock(at: string) {
  t.clock.set(at);
  for (const [key, u] of Object.entries(creds)) c[key] = await new Client(t.app).signIn(u.email, u.password);
}

describe('earned value from the progress history', () => {
  it('reads each task’s % complete as of the status date; a task without history counts at its current %', async () => {
    // Every cast member costs 300.00/h (30000 minor units); Monday–Friday, 8 h a day; no baseline, so
    // tasks earn at their current cost. A: 5 days × 8 h × 300.00 = 12,000.00; B: 10 h × 300.00 = 3,000.00.
    const p = await ok(c.pm.post('/api/v1/projects', { code: 'PH1', name: 'History', plannedStart: '2026-03-02', budgetLabour: 2_000_000 }), 201);
    await ok(c.pm.post(`/api/v1/projects/${p.id}/members`, { userId: id.dev }), 201);
    const a = await ok(c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'A', durationDays: 5, assignments: [{ userId: id.dev, units: 1 }] }), 201);
    const b = await ok(c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'B', durationDays: 2, estimatedHours: 10, percentComplete: 50, status: 'in_progress', assignments: [{ userId: id.dev, units: 1 }] }), 201);
    // B stands for a plan from before progress was recorded: no history at all.
    await t.database.db.deleteFrom('task_progress').where('task_id', '=', b.id).execute();

    // Day 1 (Mon 2026-03-02): the member reports A at 40 %; day 8 (Mon 03-09): 80 %.
    await ok(c.dev.patch(`/api/v1/tasks/${a.id}`, { version: a.version, percentComplete: 40, status: 'in_progress' }));
    await setClock('2026-03-09T09:00:00.000Z');
    const a1 = (await ok(c.pm.get(`/api/v1/projects/${p.id}/plan`))).tasks.find((x: { id: string }) => x.id === a.id);
    await ok(c.dev.patch(`/api/v1/tasks/${a.id}`, { version: a1.version, percentComplete: 80 }));
    const rows = await t.database.db.selectFrom('task_progress').select(['task_id', 'date', 'percent_complete']).where('project_id', '=', p.id).orderBy('date').execute();
    // One row per task and day: the creation at 0 % was replaced by the report the same day.
    expect(rows.map((r) => [r.task_id, r.date, Number(r.percent_complete)])).toEqual([
      [a.id, '2026-03-02', 40],
      [a.id, '2026-03-09', 80],
    ]);

    const evAt = async (date: string) => (await ok(c.pm.get(`/api/v1/projects/${p.id}/earned-value?statusDate=${date}`))) as { ev: number; series: { date: string; ev: number | null }[] };
    // B counts at its current 50 % (1,500.00) on every date.
    expect((await evAt('2026-03-01')).ev).toBe(150_000);
    expect((await evAt('2026-03-04')).ev).toBe(480_000 + 150_000);
    expect((await evAt('2026-03-08')).ev).toBe(480_000 + 150_000);
    const now = await evAt('2026-03-11');
    expect(now.ev).toBe(960_000 + 150_000);
    // The S-curve's weekly points before the status date come from the history too.
    expect(now.series.map((s) => [s.date, s.ev])).toEqual([
      ['2026-03-01', 0],
      ['2026-03-08', 480_000 + 150_000],
      ['2026-03-11', 960_000 + 150_000],
      ['2026-03-15', null],
    ]);

    // Last week's status report, drafted now, shows what was earned by its end (Sunday 03-08).
    const draft = await ok(c.pm.post(`/api/v1/projects/${p.id}/status-reports/draft?weekOf=2026-03-02`), 201);
    expect(draft.reportDate).toBe('2026-03-08');
    expect(draft.snapshot.earnedValue.ev).toBe(480_000 + 150_000);
    const thisWeek = await ok(c.pm.post(`/api/v1/projects/${p.id}/status-reports/draft`), 201);
    expect(thisWeek.snapshot.earnedValue.ev).toBe(960_000 + 150_000);
  });

  it('a task reported only after the status date had earned nothing then', async () => {
    await setClock('2026-03-16T09:00:00.000Z');
    const p = await ok(c.pm.post('/api/v1/projects', { code: 'PH2', name: 'Late', plannedStart: '2026-03-02', budgetLabour: 1_000_000 }), 201);
    await ok(c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'Done late', durationDays: 5, estimatedHours: 10, percentComplete: 100, status: 'done', assignments: [{ userId: id.pm, units: 1 }] }), 201);
    expect((await ok(c.pm.get(`/api/v1/projects/${p.id}/earned-value?statusDate=2026-03-13`))).ev).toBe(0);
    expect((await ok(c.pm.get(`/api/v1/projects/${p.id}/earned-value?statusDate=2026-03-16`))).ev).toBe(300_000);
  });
});
