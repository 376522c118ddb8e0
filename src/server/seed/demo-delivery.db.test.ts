import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestDatabase, testConfig, TEST_PASSWORD_COST } from '../../../test/setup.js';
import { taskWorkAndCost } from '../../domain/plan/work.js';
import { layOut } from '../../domain/plan/outline.js';
import { calculateSchedule, type ScheduleRequest } from '../../domain/schedule/index.js';
import { buildApp } from '../app.js';
import type { ProjectStatus } from '../db/schema.js';
import { calendarOf } from '../modules/projects/plan.repository.js';
import { DEMO_PEOPLE, seedDemo } from './demo.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

const PASSWORD = 'demo-password-for-tests';
const NOW = new Date('2026-03-02T09:00:00.000Z');
const TODAY = '2026-03-02';
const ALL_STATUSES: ProjectStatus[] = ['proposed', 'planning', 'executing', 'closing', 'closed', 'on_hold', 'cancelled'];

let a: TestDatabase;
let b: TestDatabase;
let seedMs = 0;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  const started = performance.now();
  await seedDemo(a.db, { password: PASSWORD, passwordCost: TEST_PASSWORD_COST, now: NOW });
  seedMs = performance.now() - started;
  await seedDemo(b.db, { password: PASSWORD, passwordCost: TEST_PASSWORD_COST, now: NOW });
});
afterAll(async () => {
  await a?.drop();
  await b?.drop();
});

const projectsOf = (database: TestDatabase) => database.db.selectFrom('projects').selectAll().orderBy('code').execute();
const tasksOf = (database: TestDatabase, projectId: string) => database.db.selectFrom('tasks').selectAll().where('project_id', '=', projectId).execute();

describe('demo delivery data', () => {
  it('seeds quickly', () => {
    // The whole demo company, users and delivery data, in one transaction (about a second here).
    expect(seedMs).toBeLessThan(15_000);
  });

  it('has twelve projects at every stage, managed by the PMs and the PMO, with the team as members', async () => {
    const projects = await projectsOf(a);
    expect(projects).toHaveLength(12);
    expect(new Set(projects.map((p) => p.status))).toEqual(new Set(ALL_STATUSES));
    expect(projects.filter((p) => p.status === 'executing').length).toBeGreaterThanOrEqual(4);
    const ids = new Map(DEMO_PEOPLE.map((p) => [p.email, p.key]));
    const users = new Map((await a.db.selectFrom('users').select(['id', 'email']).execute()).map((u) => [u.id, ids.get(u.email)]));
    expect(new Set(projects.map((p) => users.get(p.manager_id)))).toEqual(new Set(['pm1', 'pm2', 'pm3', 'pmo']));
    const calendar = await a.db.selectFrom('calendars').select('id').where('is_default', '=', 1).executeTakeFirstOrThrow();
    for (const p of projects) {
      expect(p.calendar_id).toBe(calendar.id);
      expect(p.currency).toBe('CNY');
      expect(p.budget_labour).toBeGreaterThan(0);
      expect(p.name).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
      expect(p.industry).toBeTruthy();
      expect(JSON.parse(p.tags).length).toBeGreaterThan(0);
      const members = await a.db.selectFrom('project_members').select(['user_id', 'project_role', 'allocation_pct']).where('project_id', '=', p.id).execute();
      expect(members.map((m) => users.get(m.user_id)).sort()).toEqual([users.get(p.manager_id), 'dev1', 'dev2', 'dev3'].sort());
      expect(members.find((m) => m.user_id === p.manager_id)!.project_role).toBe('project_manager');
      for (const m of members) expect(m.allocation_pct).toBeGreaterThan(0);
    }
    // Planned starts spread over the last 18 months (those not started yet begin within weeks).
    const starts = projects.map((p) => p.planned_start).sort();
    expect(starts[0] >= '2024-09-01').toBe(true);
    expect(starts[0] < '2025-06-01').toBe(true);
    expect(starts.at(-1)! < '2026-06-01').toBe(true);
  });

  it('gives every project a plan of 40–150 tasks with summaries, milestones, links of several kinds and assignments', async () => {
    const linkTypes = new Set<string>();
    let negativeLags = 0;
    for (const p of await projectsOf(a)) {
      const tasks = await tasksOf(a, p.id);
      expect(tasks.length, p.code).toBeGreaterThanOrEqual(40);
      expect(tasks.length, p.code).toBeLessThanOrEqual(150);
      const parents = new Set(tasks.map((t) => t.parent_id).filter(Boolean));
      const ids = new Set(tasks.map((t) => t.id));
      for (const t of tasks) if (t.parent_id) expect(ids.has(t.parent_id)).toBe(true);
      // Phases are summaries, each with children; summaries carry no assignment nor estimate.
      const top = tasks.filter((t) => t.parent_id === null);
      expect(top.length).toBeGreaterThanOrEqual(6);
      for (const t of top) expect(parents.has(t.id), `${p.code} ${t.name}`).toBe(true);
      const assignments = await a.db.selectFrom('task_assignments').selectAll().where('project_id', '=', p.id).execute();
      const assigned = new Set(assignments.map((x) => x.task_id));
      for (const t of tasks.filter((x) => parents.has(x.id))) {
        expect(assigned.has(t.id)).toBe(false);
        expect(t.estimated_hours).toBeNull();
      }
      const leaves = tasks.filter((t) => !parents.has(t.id));
      expect(leaves.filter((t) => t.kind === 'milestone').length).toBeGreaterThanOrEqual(5);
      for (const t of leaves) {
        if (t.kind === 'milestone') expect(t.duration_days).toBe(0);
        else {
          expect(t.duration_days).toBeGreaterThanOrEqual(1);
          expect(t.duration_days).toBeLessThanOrEqual(15 + 8); // a slipped task may run longer than planned
          expect(assigned.has(t.id), `${p.code} ${t.name} is assigned`).toBe(true);
        }
      }
      const work = leaves.filter((t) => t.kind === 'task');
      expect(work.filter((t) => t.estimated_hours !== null).length / work.length).toBeGreaterThan(0.6);
      const members = new Set((await a.db.selectFrom('project_members').select('user_id').where('project_id', '=', p.id).execute()).map((m) => m.user_id));
      for (const x of assignments) {
        expect(members.has(x.user_id)).toBe(true);
        expect(x.units).toBeGreaterThan(0);
        expect(x.units).toBeLessThanOrEqual(1);
      }
      // WBS codes follow the outline.
      const placed = new Map(layOut(tasks.map((t) => ({ id: t.id, parentId: t.parent_id, position: t.position }))).map((x) => [x.id, x]));
      for (const t of tasks) {
        expect(placed.get(t.id)!.wbs).toBe(t.wbs);
        expect(placed.get(t.id)!.position).toBe(t.position);
      }
      const deps = await a.db.selectFrom('dependencies').selectAll().where('project_id', '=', p.id).execute();
      expect(deps.length).toBeGreaterThan(tasks.length);
      for (const d of deps) {
        expect(ids.has(d.predecessor_id) && ids.has(d.successor_id), 'links stay inside their project').toBe(true);
        linkTypes.add(d.type);
        if (d.lag_days < 0) negativeLags++;
      }
    }
    expect([...linkTypes].sort()).toEqual(['FF', 'FS', 'SS']);
    expect(negativeLags).toBeGreaterThanOrEqual(2);
  });

  it('stores the schedule a fresh critical-path calculation gives, and the project finish and % complete', async () => {
    for (const p of await projectsOf(a)) {
      const tasks = await tasksOf(a, p.id);
      const deps = await a.db.selectFrom('dependencies').selectAll().where('project_id', '=', p.id).execute();
      const request: ScheduleRequest = {
        start: p.planned_start,
        calendar: await calendarOf(a.db, p),
        tasks: tasks.map((t) => ({
          id: t.id,
          parentId: t.parent_id,
          durationDays: t.kind === 'milestone' ? 0 : t.duration_days,
          constraint: t.constraint_type === 'ASAP' || !t.constraint_date ? null : { type: t.constraint_type, date: t.constraint_date },
        })),
        dependencies: deps.map((d) => ({ predecessorId: d.predecessor_id, successorId: d.successor_id, type: d.type, lagDays: d.lag_days })),
      };
      // No cycle: the calculation succeeds.
      const result = calculateSchedule(request, p.planned_start);
      const byId = new Map(tasks.map((t) => [t.id, t]));
      for (const r of result.tasks) {
        const t = byId.get(r.id)!;
        expect(
          { es: t.early_start, ef: t.early_finish, ls: t.late_start, lf: t.late_finish, tf: t.total_float, ff: t.free_float, critical: t.critical },
          `${p.code} ${t.wbs} ${t.name}`,
        ).toEqual({ es: r.earlyStartDate, ef: r.earlyFinishDate, ls: r.lateStartDate, lf: r.lateFinishDate, tf: r.totalFloat, ff: r.freeFloat, critical: r.critical ? 1 : 0 });
      }
      expect(p.planned_finish).toBe(result.tasks.map((r) => r.earlyFinishDate).sort().at(-1));
      expect(tasks.some((t) => t.critical === 1)).toBe(true);
      const parents = new Set(tasks.map((t) => t.parent_id));
      let weight = 0;
      let done = 0;
      for (const t of tasks) {
        if (parents.has(t.id)) continue;
        const w = Math.max(1, t.kind === 'milestone' ? 0 : t.duration_days);
        weight += w;
        done += (w * t.percent_complete) / 100;
      }
      expect(p.percent_complete).toBe(Math.round((1000 * done) / weight) / 10);
    }
  });

  it('records progress consistent with the status and today', async () => {
    for (const p of await projectsOf(a)) {
      const tasks = await tasksOf(a, p.id);
      const parents = new Set(tasks.map((t) => t.parent_id));
      const leaves = tasks.filter((t) => !parents.has(t.id));
      const count = (s: string) => leaves.filter((t) => t.status === s).length;
      for (const t of leaves) {
        if (t.status === 'done') {
          expect(t.percent_complete).toBe(100);
          expect(t.actual_finish! < TODAY).toBe(true);
          expect(t.actual_start! <= t.actual_finish!).toBe(true);
        }
        if (t.status === 'not_started') {
          expect(t.percent_complete).toBe(0);
          expect(t.actual_start).toBeNull();
        }
        if (t.status === 'in_progress' || t.status === 'blocked') expect(t.actual_start! <= TODAY).toBe(true);
      }
      switch (p.status) {
        case 'closed':
          expect(p.percent_complete).toBe(100);
          expect(count('done')).toBe(leaves.length);
          expect(p.planned_finish! < TODAY).toBe(true);
          break;
        case 'proposed':
        case 'planning':
          expect(p.percent_complete).toBe(0);
          expect(count('not_started')).toBe(leaves.length);
          expect(p.planned_start > TODAY).toBe(true);
          break;
        case 'executing':
          expect(count('done')).toBeGreaterThan(0);
          expect(count('in_progress') + count('blocked')).toBeGreaterThan(0);
          expect(count('not_started')).toBeGreaterThan(0);
          expect(p.planned_start < TODAY && p.planned_finish! > TODAY).toBe(true);
          break;
        case 'closing':
          expect(p.percent_complete).toBeGreaterThan(90);
          expect(p.percent_complete).toBeLessThan(100);
          break;
        default:
          expect(p.percent_complete).toBeGreaterThan(0);
          expect(p.percent_complete).toBeLessThan(100);
      }
    }
    // Some executing projects slip: tasks due before today still open.
    const projects = await projectsOf(a);
    const slipping = projects.filter((p) => p.status === 'executing' && p.health !== 'on_track');
    expect(slipping.length).toBeGreaterThan(0);
    for (const p of slipping) {
      const late = (await tasksOf(a, p.id)).filter((t) => t.status !== 'done' && t.early_finish! < TODAY && t.kind === 'task');
      expect(late.length, p.code).toBeGreaterThan(0);
    }
  });

  it('takes an "Approved plan" baseline of every project past planning, with work and cost as a baseline records them', async () => {
    const rates = new Map((await a.db.selectFrom('users').select(['id', 'cost_rate']).execute()).map((u) => [u.id, u.cost_rate]));
    for (const p of await projectsOf(a)) {
      const baselines = await a.db.selectFrom('baselines').selectAll().where('project_id', '=', p.id).execute();
      if (p.status === 'proposed' || p.status === 'planning') {
        expect(baselines, p.code).toHaveLength(0);
        continue;
      }
      expect(baselines.map((x) => x.name), p.code).toEqual(['Approved plan']);
      expect(baselines[0].taken_by).toBe(p.manager_id);
      const rows = await a.db.selectFrom('baseline_tasks').selectAll().where('baseline_id', '=', baselines[0].id).execute();
      const tasks = await tasksOf(a, p.id);
      expect(rows).toHaveLength(tasks.length);
      const parents = new Set(tasks.map((t) => t.parent_id));
      const assignments = await a.db.selectFrom('task_assignments').selectAll().where('project_id', '=', p.id).execute();
      const byTask = new Map(tasks.map((t) => [t.id, t]));
      let total = 0;
      for (const r of rows) {
        const t = byTask.get(r.task_id)!;
        expect(r.start && r.finish && r.start <= r.finish).toBeTruthy();
        const expected = parents.has(t.id)
          ? { workHours: 0, cost: 0 }
          : taskWorkAndCost({ durationDays: r.duration_days, estimatedHours: t.estimated_hours }, assignments.filter((x) => x.task_id === t.id).map((x) => ({ units: x.units, costRate: rates.get(x.user_id)! })), 8);
        expect({ workHours: r.work_hours, cost: Number(r.cost) }).toEqual(expected);
        total += Number(r.cost);
      }
      // The labour budget covers the baselined labour cost with a reserve.
      expect(Number(p.budget_labour)).toBeGreaterThan(total * 0.95);
      expect(Number(p.budget_labour)).toBeLessThan(total * 1.3);
    }
  });

  it('is deterministic: another database holds the same projects, tasks, WBS and links', async () => {
    const snapshot = async (database: TestDatabase) => ({
      projects: await database.db.selectFrom('projects').select(['id', 'code', 'name', 'planned_start', 'planned_finish', 'percent_complete', 'budget_labour']).orderBy('id').execute(),
      tasks: await database.db.selectFrom('tasks').select(['id', 'project_id', 'wbs', 'name', 'duration_days', 'status', 'percent_complete', 'early_start', 'total_float']).orderBy('id').execute(),
      links: await database.db.selectFrom('dependencies').select(['id', 'predecessor_id', 'successor_id', 'type', 'lag_days']).orderBy('id').execute(),
      assignments: await database.db.selectFrom('task_assignments').select(['id', 'task_id', 'user_id', 'units']).orderBy('id').execute(),
      baselines: await database.db.selectFrom('baseline_tasks').select(['id', 'task_id', 'start', 'finish', 'work_hours', 'cost']).orderBy('id').execute(),
    });
    const [x, y] = await Promise.all([snapshot(a), snapshot(b)]);
    expect(x.projects.length).toBe(12);
    expect(y).toEqual(x);
  });

  it('opens through the API: pm1 lists their projects and reads a plan', async () => {
    const app = await buildApp({ database: a, config: testConfig(), logger: false, serveWeb: false });
    try {
      const pm1 = DEMO_PEOPLE.find((p) => p.key === 'pm1')!;
      const client = await new Client(app).signIn(pm1.email, PASSWORD);
      const list = await client.get('/api/v1/projects?mine=true&limit=50');
      expect(list.statusCode).toBe(200);
      const items = list.json().items as { id: string; code: string; status: string }[];
      expect(items.length).toBeGreaterThanOrEqual(3);
      const executing = items.find((p) => p.status === 'executing')!;
      const plan = await client.get(`/api/v1/projects/${executing.id}/plan`);
      expect(plan.statusCode).toBe(200);
      expect(plan.json().tasks.length).toBeGreaterThanOrEqual(40);
      expect(plan.json().baseline.name).toBe('Approved plan');
      expect(plan.json().criticalPath.length).toBeGreaterThan(0);
      const member = await new Client(app).signIn('member1@tandem.demo', PASSWORD);
      expect((await member.get('/api/v1/projects?mine=true&limit=50')).json().items).toHaveLength(12);
    } finally {
      await app.close();
    }
  });
});
