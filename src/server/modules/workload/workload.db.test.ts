import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, buildTeam, buildUser } from '../../../../test/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../test/setup.js';

let t: TestApp;
const c: Record<string, Client> = {};
const id: Record<string, string> = {};
const project: Record<string, string> = {};
const teams: Record<string, string> = {};

interface Week {
  weekStart: string;
  hours: number;
  capacityHours: number;
  allocation: number | null;
  overAllocated: boolean;
}
interface Row {
  id: string;
  name: string;
  teamName: string | null;
  capacityHours: number;
  totalHours: number;
  overAllocatedWeeks: number;
  weeks: Week[];
}

async function ok(res: { statusCode: number; body: string; json(): any }, status = 201) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

/**
 * The known plan (2026-03-02 is a Monday; the default calendar is Mon–Fri, 8 h, with a holiday on
 * Monday 16 March):
 *   P1 (pm):  Design 5 d  dev ×1                → 2–6 Mar, 40 h
 *             Build  5 d  60 h est., dev ×1 + dev2 ×0.5, after Design → 9–13 Mar: dev 40 h, dev2 20 h
 *             Test   4 d  dev2 ×1, after Build → 17–20 Mar (16th off): 32 h in a 32 h week
 *   P2 (pm2): Support 5 d dev ×0.5 from 9 Mar   → 20 h: dev has 60 h in the week of 9 Mar (150 %)
 *             Ops     5 d dev3 ×1                → 40 h
 */
beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const orgId = (await buildOrg(db)).id;
  const admin = await buildUser(db, orgId, { roles: ['admin'], jobRole: 'admin', name: 'Zed Admin' });
  c.admin = await new Client(t.app).signIn(admin.email, admin.password);
  await ok(await c.admin.post('/api/v1/calendars', { name: 'Standard', workingDays: [1, 2, 3, 4, 5], hoursPerDay: 8, isDefault: true, exceptions: [{ date: '2026-03-16', name: 'Holiday', working: false }] }));

  teams.delivery = (await buildTeam(db, orgId, { name: 'Delivery', kind: 'delivery' })).id;
  teams.engineering = (await buildTeam(db, orgId, { name: 'Engineering', kind: 'delivery', parentId: teams.delivery })).id;
  const people: [string, Parameters<typeof buildUser>[2]][] = [
    ['pm', { roles: ['project_manager'], jobRole: 'project_manager', name: 'Paula PM', teamId: teams.delivery }],
    ['pm2', { roles: ['project_manager'], jobRole: 'project_manager', name: 'Peter PM' }],
    ['pmo', { roles: ['pmo'], jobRole: 'project_manager', name: 'Olga PMO' }],
    ['exec', { roles: ['executive'], jobRole: 'executive', name: 'Eve Exec' }],
    ['dev', { roles: ['team_member'], jobRole: 'delivery', name: 'Dan Dev', teamId: teams.engineering }],
    ['dev2', { roles: ['team_member'], jobRole: 'delivery', name: 'Dora Dev', teamId: teams.engineering }],
    ['dev3', { roles: ['team_member'], jobRole: 'delivery', name: 'Dirk Dev' }],
    ['rep', { roles: ['sales_rep'], name: 'Rita Rep' }],
  ];
  for (const [key, opts] of people) {
    const u = await buildUser(db, orgId, opts);
    id[key] = u.id;
    c[key] = await new Client(t.app).signIn(u.email, u.password);
  }
  await buildUser(db, orgId, { roles: ['team_member'], name: 'Gone Person', status: 'disabled' });
  const other = await buildOrg(db);
  const o = await buildUser(db, other.id, { roles: ['pmo', 'project_manager'], name: 'Foreign PMO' });
  c.foreign = await new Client(t.app).signIn(o.email, o.password);

  const p1 = await ok(await c.pm.post('/api/v1/projects', { code: 'P1', name: 'Portal', plannedStart: '2026-03-02' }));
  const p2 = await ok(await c.pm2.post('/api/v1/projects', { code: 'P2', name: 'Support desk', plannedStart: '2026-03-09' }));
  project.p1 = p1.id;
  project.p2 = p2.id;
  for (const u of ['dev', 'dev2']) await ok(await c.pm.post(`/api/v1/projects/${p1.id}/members`, { userId: id[u], projectRole: 'member' }));
  for (const u of ['dev', 'dev3']) await ok(await c.pm2.post(`/api/v1/projects/${p2.id}/members`, { userId: id[u], projectRole: 'member' }));
  const design = await ok(await c.pm.post(`/api/v1/projects/${p1.id}/tasks`, { name: 'Design', durationDays: 5, assignments: [{ userId: id.dev, units: 1 }] }));
  const build = await ok(await c.pm.post(`/api/v1/projects/${p1.id}/tasks`, { name: 'Build', durationDays: 5, estimatedHours: 60, assignments: [{ userId: id.dev, units: 1 }, { userId: id.dev2, units: 0.5 }] }));
  const test = await ok(await c.pm.post(`/api/v1/projects/${p1.id}/tasks`, { name: 'Test', durationDays: 4, assignments: [{ userId: id.dev2, units: 1 }] }));
  await ok(await c.pm.post(`/api/v1/projects/${p1.id}/dependencies`, { predecessorId: design.id, successorId: build.id }));
  await ok(await c.pm.post(`/api/v1/projects/${p1.id}/dependencies`, { predecessorId: build.id, successorId: test.id }));
  await ok(await c.pm2.post(`/api/v1/projects/${p2.id}/tasks`, { name: 'Support', durationDays: 5, assignments: [{ userId: id.dev, units: 0.5 }] }));
  await ok(await c.pm2.post(`/api/v1/projects/${p2.id}/tasks`, { name: 'Ops', durationDays: 5, assignments: [{ userId: id.dev3, units: 1 }] }));
});
afterAll(() => t.close());

async function workload(who: string, query = 'from=2026-03-02&weeks=4') {
  const res = await c[who].get(`/api/v1/workload?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { from: string; weekStarts: string[]; items: Row[]; nextCursor: string | null };
}
const rowOf = (w: { items: Row[] }, key: string) => w.items.find((r) => r.id === id[key])!;
const names = (w: { items: Row[] }) => w.items.map((r) => r.name);

describe('workload: numbers', () => {
  it('sums a known plan per person per week, lowers capacity by holidays and flags over-allocation', async () => {
    const w = await workload('pmo', 'from=2026-03-04&weeks=4');
    expect(w.from).toBe('2026-03-02');
    expect(w.weekStarts).toEqual(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23']);
    const dev = rowOf(w, 'dev');
    expect(dev).toMatchObject({ name: 'Dan Dev', teamName: 'Engineering', capacityHours: 40, totalHours: 100, overAllocatedWeeks: 1 });
    expect(dev.weeks).toEqual([
      { weekStart: '2026-03-02', hours: 40, capacityHours: 40, allocation: 1, overAllocated: false },
      { weekStart: '2026-03-09', hours: 60, capacityHours: 40, allocation: 1.5, overAllocated: true },
      { weekStart: '2026-03-16', hours: 0, capacityHours: 32, allocation: 0, overAllocated: false },
      { weekStart: '2026-03-23', hours: 0, capacityHours: 40, allocation: 0, overAllocated: false },
    ]);
    const dev2 = rowOf(w, 'dev2');
    expect(dev2.weeks.map((x) => [x.hours, x.capacityHours, x.allocation, x.overAllocated])).toEqual([
      [0, 40, 0, false],
      [20, 40, 0.5, false],
      [32, 32, 1, false],
      [0, 40, 0, false],
    ]);
    expect(rowOf(w, 'dev3').weeks.map((x) => x.hours)).toEqual([0, 40, 0, 0]);
    // A range that starts mid-plan keeps only its part.
    const later = await workload('pmo', 'from=2026-03-09&weeks=1');
    expect(rowOf(later, 'dev').weeks.map((x) => x.hours)).toEqual([60]);
  });

  it('shows the tasks behind a cell with their hours in that week', async () => {
    const res = await c.pmo.get(`/api/v1/workload/cell?userId=${id.dev}&weekStart=2026-03-11`);
    expect(res.statusCode, res.body).toBe(200);
    const cell = res.json();
    expect(cell).toMatchObject({ userId: id.dev, userName: 'Dan Dev', weekStart: '2026-03-09', hours: 60, capacityHours: 40, allocation: 1.5, overAllocated: true });
    expect(cell.items.map((i: Record<string, unknown>) => [i.projectCode, i.taskName, i.hours, i.workHours, i.units, i.start, i.finish])).toEqual([
      ['P1', 'Build', 40, 40, 1, '2026-03-09', '2026-03-13'],
      ['P2', 'Support', 20, 20, 0.5, '2026-03-09', '2026-03-13'],
    ]);
    expect(cell.items.every((i: { visible: boolean }) => i.visible)).toBe(true);
  });

  it('counts the work of subtasks, not of the summary task above them', async () => {
    const p3 = await ok(await c.pm.post('/api/v1/projects', { code: 'P3', name: 'Phased', plannedStart: '2026-04-06' }));
    const phase = await ok(await c.pm.post(`/api/v1/projects/${p3.id}/tasks`, { name: 'Phase', durationDays: 5, assignments: [{ userId: id.pm, units: 1 }] }));
    await ok(await c.pm.post(`/api/v1/projects/${p3.id}/tasks`, { name: 'Child', parentId: phase.id, durationDays: 3, assignments: [{ userId: id.pm, units: 1 }] }));
    expect(rowOf(await workload('pm', 'from=2026-04-06&weeks=1'), 'pm').weeks[0].hours).toBe(24);
    const cell = (await c.pm.get(`/api/v1/workload/cell?userId=${id.pm}&weekStart=2026-04-06`)).json();
    expect(cell.items.map((i: { taskName: string }) => i.taskName)).toEqual(['Child']);
  });

  it('leaves out cancelled projects', async () => {
    const p2 = (await c.pm2.get(`/api/v1/projects/${project.p2}`)).json();
    await ok(await c.pm2.patch(`/api/v1/projects/${project.p2}`, { version: p2.version, status: 'cancelled' }), 200);
    try {
      expect(rowOf(await workload('pmo'), 'dev').weeks.map((x) => x.hours)).toEqual([40, 40, 0, 0]);
    } finally {
      const now = (await c.pm2.get(`/api/v1/projects/${project.p2}`)).json();
      await ok(await c.pm2.patch(`/api/v1/projects/${project.p2}`, { version: now.version, status: 'executing' }), 200);
    }
    expect(rowOf(await workload('pmo'), 'dev').weeks[1].hours).toBe(60);
  });
});

describe('workload: who sees whom', () => {
  it('the PMO and executives see everyone active in their organisation', async () => {
    for (const who of ['pmo', 'exec']) {
      expect(names(await workload(who))).toEqual(['Dan Dev', 'Dirk Dev', 'Dora Dev', 'Eve Exec', 'Olga PMO', 'Paula PM', 'Peter PM', 'Rita Rep', 'Zed Admin']);
    }
  });

  it('a project manager sees themselves and the members of their projects, with their whole load', async () => {
    const w = await workload('pm');
    expect(names(w)).toEqual(['Dan Dev', 'Dora Dev', 'Paula PM']);
    // Dan's week of 9 March counts the 20 h on P2 too, which Paula does not manage.
    expect(rowOf(w, 'dev').weeks[1]).toMatchObject({ hours: 60, overAllocated: true });
    expect(names(await workload('pm2'))).toEqual(['Dan Dev', 'Dirk Dev', 'Peter PM']);
  });

  it('in a cell, work on projects the viewer may not see is one line without names', async () => {
    const cell = (await c.pm.get(`/api/v1/workload/cell?userId=${id.dev}&weekStart=2026-03-09`)).json();
    expect(cell.hours).toBe(60);
    expect(cell.items).toEqual([
      expect.objectContaining({ visible: true, projectCode: 'P1', taskName: 'Build', hours: 40 }),
      { visible: false, projectId: null, projectCode: null, projectName: null, taskId: null, taskName: null, wbs: null, start: null, finish: null, units: null, workHours: null, hours: 20 },
    ]);
    expect(JSON.stringify(cell)).not.toContain('Support');
  });

  it('a team member sees only themselves; a salesperson only themselves', async () => {
    const w = await workload('dev');
    expect(names(w)).toEqual(['Dan Dev']);
    expect(rowOf(w, 'dev').weeks[1].hours).toBe(60);
    expect(names(await workload('rep'))).toEqual(['Rita Rep']);
    expect((await c.dev.get(`/api/v1/workload/cell?userId=${id.dev}&weekStart=2026-03-09`)).json().items).toHaveLength(2);
  });

  it('answers 404 for a cell of someone out of scope, and another organisation sees nothing of this one', async () => {
    for (const [who, whom] of [['pm', 'dev3'], ['pm', 'pm2'], ['dev', 'dev2'], ['rep', 'dev'], ['foreign', 'dev']]) {
      expect((await c[who].get(`/api/v1/workload/cell?userId=${id[whom]}&weekStart=2026-03-09`)).statusCode, `${who} → ${whom}`).toBe(404);
    }
    expect(names(await workload('foreign'))).toEqual(['Foreign PMO']);
  });
});

describe('workload: filters and pages', () => {
  it('filters by a team and its sub-teams, and by name or email', async () => {
    expect(names(await workload('pmo', `from=2026-03-02&weeks=2&teamId=${teams.delivery}`))).toEqual(['Dan Dev', 'Dora Dev', 'Paula PM']);
    expect(names(await workload('pmo', `from=2026-03-02&weeks=2&teamId=${teams.engineering}`))).toEqual(['Dan Dev', 'Dora Dev']);
    expect(names(await workload('pmo', 'from=2026-03-02&weeks=2&q=dora'))).toEqual(['Dora Dev']);
    expect(names(await workload('pm', 'from=2026-03-02&weeks=2&q=dirk'))).toEqual([]);
    expect(names(await workload('pmo', 'from=2026-03-02&weeks=2&q=50%25'))).toEqual([]);
  });

  it('pages people by name with a cursor', async () => {
    const first = await workload('pmo', 'from=2026-03-02&weeks=1&limit=4');
    expect(names(first)).toEqual(['Dan Dev', 'Dirk Dev', 'Dora Dev', 'Eve Exec']);
    const second = await workload('pmo', `from=2026-03-02&weeks=1&limit=4&cursor=${first.nextCursor}`);
    expect(names(second)).toEqual(['Olga PMO', 'Paula PM', 'Peter PM', 'Rita Rep']);
    const last = await workload('pmo', `from=2026-03-02&weeks=1&limit=4&cursor=${second.nextCursor}`);
    expect(names(last)).toEqual(['Zed Admin']);
    expect(last.nextCursor).toBeNull();
  });

  it('defaults to 26 weeks from the current week, and answers 400 for bad input, 401 when signed out', async () => {
    const w = await workload('pmo', '');
    expect(w.weekStarts).toHaveLength(26);
    expect(w.from).toBe('2026-03-02'); // the test clock says Monday 2 March 2026
    for (const q of ['weeks=0', 'weeks=54', 'from=2026-02-30', 'teamId=nope', 'limit=500']) {
      expect((await c.pmo.get(`/api/v1/workload?${q}`)).statusCode, q).toBe(400);
    }
    expect((await c.pmo.get('/api/v1/workload/cell?userId=x&weekStart=2026-03-02')).statusCode).toBe(400);
    expect((await new Client(t.app).get('/api/v1/workload')).statusCode).toBe(401);
  });
});

describe('workload: many people', () => {
  // Runs last: it adds people to the organisation.
  it('gives the same numbers when the query starts from the tasks in the range (a page of many people)', async () => {
    const orgId = (await t.database.db.selectFrom('users').select('org_id').where('id', '=', id.dev).executeTakeFirstOrThrow()).org_id;
    for (let i = 0; i < 25; i++) await buildUser(t.database.db, orgId, { roles: ['team_member'], name: `Filler ${String(i).padStart(2, '0')}` });
    const few = await workload('pmo', 'from=2026-03-02&weeks=4&q=dev');
    expect(few.items).toHaveLength(3);
    const many = await workload('pmo', 'from=2026-03-02&weeks=4&limit=200');
    expect(many.items.length).toBeGreaterThan(30);
    for (const key of ['dev', 'dev2', 'dev3']) expect(rowOf(many, key), key).toEqual(rowOf(few, key));
    expect(rowOf(many, 'dev').weeks.map((w) => w.hours)).toEqual([40, 60, 0, 0]);
    expect(many.items.filter((r) => r.name.startsWith('Filler')).every((r) => r.totalHours === 0)).toBe(true);
  });
});
