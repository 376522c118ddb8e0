import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, buildUser } from '../../../../test/factories.js';
import { signInCast } from '../../../../test/cast.js';
import { Client, createTestApp, type TestApp } from '../../../../test/setup.js';
import { PlanResponse } from '../../../contracts/projects.js';
import { insertBigPlan } from '../../../../test/fixtures/big-plan.js';

let t: TestApp;
let orgId: string;
const c: Record<string, Client> = {};
const id: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const cast = await signInCast(t);
  orgId = cast.orgId;
  Object.assign(c, cast.c);
  Object.assign(id, cast.id);
});
afterAll(() => t.close());

async function newProject(client = c.pm, over: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/projects', { code: `P${Math.random().toString(36).slice(2, 8)}`, name: 'Website relaunch', plannedStart: '2026-03-02', budgetLabour: 5_000_000, ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
async function addTask(projectId: string, body: Record<string, unknown>) {
  const res = await c.pm.post(`/api/v1/projects/${projectId}/tasks`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
/** The plan as the client gets it; the route skips its response check, so every answer here is checked against the schema. */
const plan = async (projectId: string, client = c.pm) => {
  const body = (await client.get(`/api/v1/projects/${projectId}/plan`)).json();
  const checked = PlanResponse.safeParse(body);
  expect(checked.success, checked.error?.message).toBe(true);
  return body;
};
const byName = (p: { tasks: { name: string }[] }, name: string) => p.tasks.find((x) => x.name === name) as Record<string, any>;

describe('projects: access', () => {
  it('a PM opens a project and manages it; PMO and executives read it; others do not see it (404)', async () => {
    const p = await newProject();
    expect(p).toMatchObject({ managerId: id.pm, status: 'planning', abilities: { update: true, editPlan: true } });
    for (const who of ['pmo', 'exec']) {
      const r = await c[who].get(`/api/v1/projects/${p.id}`);
      expect(r.statusCode).toBe(200);
      expect(r.json().abilities.update).toBe(false);
      expect((await c[who].patch(`/api/v1/projects/${p.id}`, { version: p.version, name: 'x' })).statusCode).toBe(403);
    }
    for (const who of ['pm2', 'dev', 'rep', 'foreign']) {
      expect((await c[who].get(`/api/v1/projects/${p.id}`)).statusCode, who).toBe(404);
      expect((await c[who].get(`/api/v1/projects/${p.id}/plan`)).statusCode, who).toBe(404);
      expect((await c[who].patch(`/api/v1/projects/${p.id}`, { version: p.version, name: 'Hijacked' })).statusCode, who).toBe(404);
      expect((await c[who].post(`/api/v1/projects/${p.id}/tasks`, { name: 'sneaky' })).statusCode, who).toBe(404);
      const listed = (await c[who].get('/api/v1/projects?limit=200')).json().items.map((x: { id: string }) => x.id);
      expect(listed, who).not.toContain(p.id);
    }
    expect((await c.pmo.get('/api/v1/projects?limit=200')).json().items.map((x: { id: string }) => x.id)).toContain(p.id);
    expect((await t.database.db.selectFrom('tasks').select('id').where('project_id', '=', p.id).execute())).toEqual([]);
  });

  it('only project managers and the PMO open projects', async () => {
    expect((await c.rep.post('/api/v1/projects', { code: 'X1', name: 'x', plannedStart: '2026-03-02' })).statusCode).toBe(403);
    expect((await c.dev.post('/api/v1/projects', { code: 'X2', name: 'x', plannedStart: '2026-03-02' })).statusCode).toBe(403);
  });

  it('does not open a project already closing or closed (the closing checks run on the way there)', async () => {
    for (const status of ['closing', 'closed']) {
      const res = await c.pm.post('/api/v1/projects', { code: `C-${status}`, name: 'x', plannedStart: '2026-03-02', status });
      expect(res.statusCode, status).toBe(400);
      expect(res.json().error.details[0].path).toBe('status');
    }
  });

  it('a member sees the project, reports progress on their own tasks only, and cannot change the plan', async () => {
    const p = await newProject();
    await c.pm.post(`/api/v1/projects/${p.id}/members`, { userId: id.dev, projectRole: 'member', allocationPct: 50 });
    await c.pm.post(`/api/v1/projects/${p.id}/members`, { userId: id.dev2 });
    const mine = await addTask(p.id, { name: 'Build', durationDays: 3, assignments: [{ userId: id.dev, units: 1 }] });
    const theirs = await addTask(p.id, { name: 'Test', durationDays: 2, assignments: [{ userId: id.dev2, units: 1 }] });
    expect((await c.dev.get('/api/v1/projects?mine=true')).json().items.map((x: { id: string }) => x.id)).toContain(p.id);
    const progress = await c.dev.patch(`/api/v1/tasks/${mine.id}`, { version: mine.version, percentComplete: 40, status: 'in_progress' });
    expect(progress.statusCode).toBe(200);
    expect(progress.json().percentComplete).toBe(40);
    expect((await c.dev.patch(`/api/v1/tasks/${mine.id}`, { version: mine.version + 1, name: 'Renamed' })).statusCode).toBe(403);
    expect((await c.dev.patch(`/api/v1/tasks/${theirs.id}`, { version: theirs.version, percentComplete: 10 })).statusCode).toBe(403);
    expect((await c.dev.post(`/api/v1/projects/${p.id}/tasks`, { name: 'Mine now' })).statusCode).toBe(403);
    expect((await c.pm2.patch(`/api/v1/tasks/${mine.id}`, { version: mine.version + 1, percentComplete: 90 })).statusCode).toBe(404);
    expect((await plan(p.id)).project.percentComplete).toBe(24); // 3 days at 40 %, 2 days at 0 %
  });

  it('assignees must be on the project team', async () => {
    const p = await newProject();
    const res = await c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'x', assignments: [{ userId: id.dev, units: 1 }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('assignments.0.userId');
  });
});

describe('plans: schedule, outline, links', () => {
  it('schedules FS links on working days and marks the critical path; the milestone lands at the finish', async () => {
    const p = await newProject();
    const a = await addTask(p.id, { name: 'Design', durationDays: 3 });
    const b = await addTask(p.id, { name: 'Build', durationDays: 5 });
    const s = await addTask(p.id, { name: 'Docs', durationDays: 2 });
    const m = await addTask(p.id, { name: 'Go live', kind: 'milestone' });
    for (const [pred, succ] of [[a, b], [a, s], [b, m], [s, m]]) {
      const r = await c.pm.post(`/api/v1/projects/${p.id}/dependencies`, { predecessorId: pred.id, successorId: succ.id, type: 'FS', lagDays: 0 });
      expect(r.statusCode, r.body).toBe(201);
    }
    const pl = await plan(p.id);
    // 2026-03-02 is a Monday. Design Mon–Wed, Build Thu 5th – Wed 11th, Docs Thu–Fri, milestone at Build's finish.
    expect(byName(pl, 'Design')).toMatchObject({ wbs: '1', earlyStart: '2026-03-02', earlyFinish: '2026-03-04', critical: true, totalFloat: 0 });
    expect(byName(pl, 'Build')).toMatchObject({ earlyStart: '2026-03-05', earlyFinish: '2026-03-11', critical: true });
    expect(byName(pl, 'Docs')).toMatchObject({ earlyStart: '2026-03-05', earlyFinish: '2026-03-06', lateFinish: '2026-03-11', totalFloat: 3, freeFloat: 3, critical: false });
    expect(byName(pl, 'Go live')).toMatchObject({ kind: 'milestone', earlyStart: '2026-03-11', durationDays: 0, critical: true });
    expect(pl.criticalPath).toEqual([a.id, b.id, m.id]);
    expect(pl.project.plannedFinish).toBe('2026-03-11');
  });

  it('serves the scheduler\'s critical path: one linked chain even where two branches are equally critical', async () => {
    const p = await newProject();
    const a = await addTask(p.id, { name: 'Survey', durationDays: 2 });
    const b = await addTask(p.id, { name: 'Wiring', durationDays: 3 });
    const d = await addTask(p.id, { name: 'Plumbing', durationDays: 3 });
    const m = await addTask(p.id, { name: 'Handover', kind: 'milestone' });
    for (const [pred, succ] of [[a, b], [a, d], [b, m], [d, m]]) {
      expect((await c.pm.post(`/api/v1/projects/${p.id}/dependencies`, { predecessorId: pred.id, successorId: succ.id, type: 'FS', lagDays: 0 })).statusCode).toBe(201);
    }
    const pl = await plan(p.id);
    expect(pl.tasks.filter((t: { critical: boolean }) => t.critical)).toHaveLength(4);
    // Both branches are critical, but the path is a chain: every step is a link of the plan.
    expect(pl.criticalPath).toHaveLength(3);
    expect(pl.criticalPath[0]).toBe(a.id);
    expect(pl.criticalPath[2]).toBe(m.id);
    const linked = new Set(pl.dependencies.map((l: { predecessorId: string; successorId: string }) => `${l.predecessorId}>${l.successorId}`));
    for (let i = 1; i < pl.criticalPath.length; i++) expect(linked.has(`${pl.criticalPath[i - 1]}>${pl.criticalPath[i]}`)).toBe(true);
    // The same chain the calculator gives for the same network.
    const calc = await c.pm.post('/api/v1/calc/schedule', {
      tasks: pl.tasks.map((t: { id: string; durationDays: number }) => ({ id: t.id, durationDays: t.durationDays })),
      dependencies: pl.dependencies.map((l: { predecessorId: string; successorId: string }) => ({ predecessorId: l.predecessorId, successorId: l.successorId, type: 'FS', lagDays: 0 })),
      start: '2026-03-02',
    });
    expect(calc.json().criticalPath).toEqual(pl.criticalPath);
  });

  it('serves the critical tasks in schedule order for a plan scheduled before the path was stored', async () => {
    const p = await newProject();
    const a = await addTask(p.id, { name: 'First', durationDays: 2 });
    const b = await addTask(p.id, { name: 'Second', durationDays: 2 });
    expect((await c.pm.post(`/api/v1/projects/${p.id}/dependencies`, { predecessorId: a.id, successorId: b.id, type: 'FS', lagDays: 0 })).statusCode).toBe(201);
    await t.database.db.updateTable('tasks').set({ critical_order: null }).where('project_id', '=', p.id).execute();
    expect((await plan(p.id)).criticalPath).toEqual([a.id, b.id]);
  });

  it('numbers and schedules a plan of 1,000 tasks written straight to the database with one change, and renumbers it all when a phase moves up', async () => {
    const p = await newProject();
    await insertBigPlan(t.database.db, p.id, 20, 49); // 20 phases of 48 tasks and a milestone: more rows than one batched write takes
    expect((await c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'Closed', kind: 'milestone' })).statusCode).toBe(201);
    let pl = await plan(p.id);
    expect(pl.tasks).toHaveLength(1001);
    expect(pl.tasks.map((x: { wbs: string }) => x.wbs).slice(0, 3)).toEqual(['1', '1.1', '1.2']);
    expect(byName(pl, 'Closed')).toMatchObject({ wbs: '21', earlyStart: '2026-03-02', critical: false });
    expect(pl.tasks.every((x: { earlyStart: string | null; lateFinish: string | null }) => x.earlyStart && x.lateFinish)).toBe(true);
    // The critical path ends with the phase milestone that finishes the project.
    const end = pl.tasks.find((x: { id: string }) => x.id === pl.criticalPath.at(-1));
    expect(end).toMatchObject({ kind: 'milestone', critical: true, earlyFinish: pl.project.plannedFinish });
    // Phase 20 moves up past phase 19: both phases' tasks get new WBS codes.
    const last = byName(pl, 'Phase 20');
    expect((await c.pm.post(`/api/v1/tasks/${last.id}/move`, { version: last.version, action: 'up' })).statusCode).toBe(200);
    pl = await plan(p.id);
    expect(byName(pl, 'Phase 20').wbs).toBe('19');
    expect(byName(pl, 'Task 20.48').wbs).toBe('19.48');
    expect(byName(pl, 'Phase 19').wbs).toBe('20');
    expect(byName(pl, 'Task 19.1').wbs).toBe('20.1');
  });

  it('refuses a link that closes a cycle with 422 naming the tasks, and keeps the plan as it was', async () => {
    const p = await newProject();
    const a = await addTask(p.id, { name: 'Alpha', durationDays: 1 });
    const b = await addTask(p.id, { name: 'Beta', durationDays: 1 });
    const g = await addTask(p.id, { name: 'Gamma', durationDays: 1 });
    await c.pm.post(`/api/v1/projects/${p.id}/dependencies`, { predecessorId: a.id, successorId: b.id });
    await c.pm.post(`/api/v1/projects/${p.id}/dependencies`, { predecessorId: b.id, successorId: g.id, type: 'SS', lagDays: -1 });
    const res = await c.pm.post(`/api/v1/projects/${p.id}/dependencies`, { predecessorId: g.id, successorId: a.id, type: 'FF' });
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(new Set(body.error.details.taskIds)).toEqual(new Set([a.id, b.id, g.id]));
    expect(body.error.message).toMatch(/Alpha/);
    expect(body.error.message).toMatch(/Gamma/);
    expect((await plan(p.id)).dependencies).toHaveLength(2);
  });

  it('answers 400 with field paths for a self-link, a negative duration, a lag that is not a number, a bad date', async () => {
    const p = await newProject();
    const a = await addTask(p.id, { name: 'A' });
    const self = await c.pm.post(`/api/v1/projects/${p.id}/dependencies`, { predecessorId: a.id, successorId: a.id });
    expect(self.json().error.details[0].path).toBe('successorId');
    expect((await c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'x', durationDays: -2 })).json().error.details[0].path).toBe('durationDays');
    const lag = await c.pm.post(`/api/v1/projects/${p.id}/dependencies`, { predecessorId: a.id, successorId: a.id, lagDays: 'soon' });
    expect(lag.json().error.details.map((d: { path: string }) => d.path)).toContain('lagDays');
    expect((await c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'x', constraintType: 'SNET', constraintDate: '2026-02-31' })).statusCode).toBe(400);
    expect((await c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'x', constraintType: 'SNET' })).json().error.details[0].path).toBe('constraintDate');
    expect((await plan(p.id)).tasks).toHaveLength(1);
  });

  it('indent makes a summary that spans its children; outdent and moves renumber the WBS', async () => {
    const p = await newProject();
    const phase = await addTask(p.id, { name: 'Phase', durationDays: 1 });
    const x = await addTask(p.id, { name: 'X', durationDays: 2 });
    const y = await addTask(p.id, { name: 'Y', durationDays: 4 });
    await c.pm.post(`/api/v1/projects/${p.id}/dependencies`, { predecessorId: x.id, successorId: y.id });
    const ix = await c.pm.post(`/api/v1/tasks/${x.id}/move`, { version: x.version, action: 'indent' });
    expect(ix.statusCode, ix.body).toBe(200);
    expect(ix.json()).toMatchObject({ parentId: phase.id, wbs: '1.1' });
    const yNow = byName(await plan(p.id), 'Y');
    await c.pm.post(`/api/v1/tasks/${y.id}/move`, { version: yNow.version, action: 'indent' });
    let pl = await plan(p.id);
    expect(pl.tasks.map((q: { wbs: string; name: string }) => `${q.wbs} ${q.name}`)).toEqual(['1 Phase', '1.1 X', '1.2 Y']);
    expect(byName(pl, 'Phase')).toMatchObject({ kind: 'summary', earlyStart: '2026-03-02', earlyFinish: '2026-03-09' });
    expect((await c.pm.post(`/api/v1/tasks/${phase.id}/move`, { version: byName(pl, 'Phase').version, action: 'indent' })).statusCode).toBe(422);
    await c.pm.post(`/api/v1/tasks/${y.id}/move`, { version: byName(pl, 'Y').version, action: 'outdent' });
    pl = await plan(p.id);
    expect(pl.tasks.map((q: { wbs: string; name: string }) => `${q.wbs} ${q.name}`)).toEqual(['1 Phase', '1.1 X', '2 Y']);
    const del = await c.pm.delete(`/api/v1/tasks/${phase.id}`, { version: byName(pl, 'Phase').version });
    expect(del.statusCode).toBe(204);
    pl = await plan(p.id);
    expect(pl.tasks.map((q: { wbs: string; name: string }) => `${q.wbs} ${q.name}`)).toEqual(['1 Y']);
    expect(pl.dependencies).toEqual([]);
  });

  it('a start-no-earlier-than constraint moves a task; a stale version answers 409', async () => {
    const p = await newProject();
    const a = await addTask(p.id, { name: 'Later', durationDays: 2 });
    const moved = await c.pm.patch(`/api/v1/tasks/${a.id}`, { version: a.version, constraintType: 'SNET', constraintDate: '2026-03-07' });
    expect(moved.json()).toMatchObject({ earlyStart: '2026-03-09', earlyFinish: '2026-03-10' }); // the 7th is a Saturday
    const stale = await c.pm.patch(`/api/v1/tasks/${a.id}`, { version: a.version, name: 'Stale' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current.name).toBe('Later');
  });

  it('baselines record the plan and report variance after it slips', async () => {
    const p = await newProject();
    await c.pm.post(`/api/v1/projects/${p.id}/members`, { userId: id.dev });
    const a = await addTask(p.id, { name: 'Work', durationDays: 2, assignments: [{ userId: id.dev, units: 1 }] });
    const bl = await c.pm.post(`/api/v1/projects/${p.id}/baselines`, { name: 'Approved plan' });
    expect(bl.statusCode).toBe(201);
    await c.pm.patch(`/api/v1/tasks/${a.id}`, { version: a.version, durationDays: 4 });
    const v = (await c.pm.get(`/api/v1/baselines/${bl.json().id}/variance`)).json();
    expect(v.tasks[0]).toMatchObject({ baselineFinish: '2026-03-03', finish: '2026-03-05', finishVarianceDays: 2, baselineWorkHours: 16, workHours: 32, baselineCost: 16 * 30000, cost: 32 * 30000 });
    expect((await plan(p.id)).baseline).toMatchObject({ name: 'Approved plan', tasks: [{ taskId: a.id, start: '2026-03-02', finish: '2026-03-03' }] });
    expect((await c.pm2.get(`/api/v1/baselines/${bl.json().id}/variance`)).statusCode).toBe(404);
  });
});

describe('calculators', () => {
  it('POST /calc/schedule answers the DOMAIN.md shape', async () => {
    const res = await c.rep.post('/api/v1/calc/schedule', {
      start: '2026-03-02',
      tasks: [{ id: 'A', durationDays: 2 }, { id: 'B', durationDays: 3 }],
      dependencies: [{ predecessorId: 'A', successorId: 'B', type: 'SS', lagDays: 1 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      projectDuration: 4,
      criticalPath: ['A', 'B'],
      tasks: [
        { id: 'A', earlyStart: 0, earlyFinish: 2, totalFloat: 0, earlyStartDate: '2026-03-02', earlyFinishDate: '2026-03-03' },
        { id: 'B', earlyStart: 1, earlyFinish: 4, earlyStartDate: '2026-03-03', earlyFinishDate: '2026-03-05' },
      ],
    });
  });
  it('answers 422 naming a cycle, 400 for bad input, 401 signed out', async () => {
    const cyc = await c.rep.post('/api/v1/calc/schedule', { tasks: [{ id: 'A', durationDays: 1 }, { id: 'B', durationDays: 1 }], dependencies: [{ predecessorId: 'A', successorId: 'B', type: 'FS', lagDays: 0 }, { predecessorId: 'B', successorId: 'A', type: 'FS', lagDays: 0 }] });
    expect(cyc.statusCode).toBe(422);
    expect(cyc.json().error.details.taskIds).toEqual(['A', 'B']);
    const bad = await c.rep.post('/api/v1/calc/schedule', { tasks: [{ id: 'A', durationDays: -1 }], dependencies: [{ predecessorId: 'A', successorId: 'Z', type: 'XX', lagDays: 'x' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['tasks.0.durationDays', 'dependencies.0.type', 'dependencies.0.lagDays']));
    expect((await new Client(t.app).post('/api/v1/calc/schedule', { tasks: [] })).statusCode).toBe(401);
  });
  it('POST /calc/earned-value answers every figure', async () => {
    const res = await c.pm.post('/api/v1/calc/earned-value', { bac: 1000, pv: 500, ev: 400, ac: 450 });
    expect(res.json()).toMatchObject({ sv: -100, cv: -50, spi: 0.8, eacAtypical: 1050 });
    expect(res.json().tcpi).toBeCloseTo(600 / 550, 12);
  });
});
