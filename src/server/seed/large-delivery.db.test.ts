import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testConfig } from '../../../test/setup.js';
import { calculateSchedule, type ScheduleRequest } from '../../domain/schedule/index.js';
import { calendarOf } from '../modules/projects/plan.repository.js';
import { seededUuid, seedLarge } from './large.js';
import { createRandom } from './random.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

const config = testConfig();
const USERS = 120;
const PROJECTS = 40;
const now = new Date('2026-03-02T09:00:00.000Z');

let a: TestDatabase;
let b: TestDatabase;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await seedLarge(a.db, { users: USERS, projects: PROJECTS, password: config.demo.password, passwordCost: config.passwordCost, now });
  // Another batch size must not change a single row.
  await seedLarge(b.db, { users: USERS, projects: PROJECTS, password: config.demo.password, passwordCost: config.passwordCost, now, batchSize: 60 });
});
afterAll(async () => {
  await a?.drop();
  await b?.drop();
});

const count = async (database: TestDatabase, table: 'projects' | 'tasks' | 'dependencies' | 'task_assignments' | 'project_members') =>
  Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('seedLarge: projects', () => {
  it('makes the same ids as a generator per row would', () => {
    for (let i = 0; i < 2000; i++) {
      const seed = (i * 2654435761) >>> 0;
      const ms = Date.UTC(2025, 0, 1) + i * 1_000_003;
      expect(seededUuid(seed, ms)).toBe(createRandom(seed).uuid(ms));
    }
  });

  it('creates the projects asked for, about 60 tasks each and 1.5 links per task', async () => {
    expect(await count(a, 'projects')).toBe(PROJECTS);
    const tasks = await count(a, 'tasks');
    expect(tasks / PROJECTS).toBeGreaterThan(50);
    expect(tasks / PROJECTS).toBeLessThan(70);
    const links = await count(a, 'dependencies');
    expect(links / tasks).toBeGreaterThan(1.35);
    expect(links / tasks).toBeLessThan(1.65);
    expect(await count(a, 'task_assignments')).toBeGreaterThan(tasks * 0.8);
    expect(await count(a, 'project_members')).toBe(PROJECTS * 4);
    const statuses = await a.db.selectFrom('projects').select('status').distinct().execute();
    expect(statuses.length).toBeGreaterThanOrEqual(4);
  });

  it('staffs projects with a project manager and delivery people, who are the assignees', async () => {
    const users = new Map((await a.db.selectFrom('users').select(['id', 'job_role']).execute()).map((u) => [u.id, u.job_role]));
    const projects = await a.db.selectFrom('projects').select(['id', 'manager_id']).execute();
    for (const p of projects) {
      expect(users.get(p.manager_id)).toBe('project_manager');
      const members = await a.db.selectFrom('project_members').select(['user_id', 'project_role']).where('project_id', '=', p.id).execute();
      expect(members.filter((m) => m.project_role === 'project_manager').map((m) => m.user_id)).toEqual([p.manager_id]);
      for (const m of members) if (m.user_id !== p.manager_id) expect(users.get(m.user_id)).toBe('delivery');
      const ids = new Set(members.map((m) => m.user_id));
      const assignees = await a.db.selectFrom('task_assignments').select('user_id').where('project_id', '=', p.id).execute();
      for (const x of assignees) expect(ids.has(x.user_id)).toBe(true);
    }
  });

  it('stores plans whose links stay inside the project and whose schedule is what the calculator gives', async () => {
    for (const p of await a.db.selectFrom('projects').selectAll().execute()) {
      const tasks = await a.db.selectFrom('tasks').selectAll().where('project_id', '=', p.id).execute();
      const deps = await a.db.selectFrom('dependencies').selectAll().where('project_id', '=', p.id).execute();
      const ids = new Set(tasks.map((t) => t.id));
      for (const d of deps) expect(ids.has(d.predecessor_id) && ids.has(d.successor_id)).toBe(true);
      const request: ScheduleRequest = {
        start: p.planned_start,
        calendar: await calendarOf(a.db, p),
        tasks: tasks.map((t) => ({ id: t.id, parentId: t.parent_id, durationDays: t.kind === 'milestone' ? 0 : t.duration_days, constraint: t.constraint_type === 'ASAP' || !t.constraint_date ? null : { type: t.constraint_type, date: t.constraint_date } })),
        dependencies: deps.map((d) => ({ predecessorId: d.predecessor_id, successorId: d.successor_id, type: d.type, lagDays: d.lag_days })),
      };
      const result = calculateSchedule(request, p.planned_start);
      const byId = new Map(tasks.map((t) => [t.id, t]));
      for (const r of result.tasks) {
        const t = byId.get(r.id)!;
        expect([t.early_start, t.early_finish, t.late_start, t.late_finish, t.total_float, t.free_float, t.critical], `${p.code} ${t.wbs}`).toEqual([
          r.earlyStartDate, r.earlyFinishDate, r.lateStartDate, r.lateFinishDate, r.totalFloat, r.freeFloat, r.critical ? 1 : 0,
        ]);
      }
      expect(p.planned_finish).toBe(result.tasks.map((r) => r.earlyFinishDate).sort().at(-1));
      if (p.status === 'closed') expect(p.percent_complete).toBe(100);
      if (p.status === 'proposed' || p.status === 'planning') expect(p.percent_complete).toBe(0);
    }
  });

  it('is deterministic: the same rows on another database and batch size', async () => {
    const snapshot = async (database: TestDatabase) => ({
      projects: await database.db.selectFrom('projects').select(['id', 'code', 'name', 'status', 'manager_id', 'planned_start', 'planned_finish', 'percent_complete']).orderBy('id').execute(),
      tasks: await database.db.selectFrom('tasks').select(['id', 'project_id', 'parent_id', 'wbs', 'name', 'duration_days', 'status', 'early_start', 'total_float']).orderBy('id').execute(),
      links: await database.db.selectFrom('dependencies').select(['id', 'predecessor_id', 'successor_id', 'type', 'lag_days']).orderBy('id').execute(),
      assignments: await database.db.selectFrom('task_assignments').select(['id', 'task_id', 'user_id', 'units']).orderBy('id').execute(),
    });
    const [x, y] = await Promise.all([snapshot(a), snapshot(b)]);
    expect(x.tasks.length).toBeGreaterThan(0);
    expect(y).toEqual(x);
  });
});
