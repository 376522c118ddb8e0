import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, buildUser } from '../../../../test/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../test/setup.js';
import { uuidv7 } from '../../lib/ids.js';

let t: TestApp;
let orgId: string;
const c: Record<string, Client> = {};
const id: Record<string, string> = {};
let projectId: string;
let build: { id: string };
let test: { id: string };
let other: { id: string };

const put = (client: Client, json: unknown) => client.request({ method: 'PUT', url: '/api/v1/timesheets/week', json });
const week = (client: Client, weekStart: string) => client.get(`/api/v1/timesheets?weekStart=${weekStart}`);
const entriesOf = (userId: string) => t.database.db.selectFrom('timesheet_entries').selectAll().where('user_id', '=', userId).orderBy('date').orderBy('task_id').execute();

beforeAll(async () => {
  t = await createTestApp();
  orgId = (await buildOrg(t.database.db)).id;
  const people: [string, Parameters<typeof buildUser>[2]][] = [
    ['pm', { roles: ['project_manager'], jobRole: 'project_manager' }],
    ['pmo', { roles: ['pmo'], jobRole: 'project_manager' }],
    ['dev', { roles: ['team_member'], jobRole: 'delivery', name: 'Dev' }],
    ['dev2', { roles: ['team_member'], jobRole: 'delivery', name: 'Dev Two' }],
    ['rep', { roles: ['sales_rep'] }],
  ];
  for (const [key, opts] of people) {
    const u = await buildUser(t.database.db, orgId, opts);
    id[key] = u.id;
    c[key] = await new Client(t.app).signIn(u.email, u.password);
  }
  const p = await c.pm.post('/api/v1/projects', { code: 'TS1', name: 'Timesheets', plannedStart: '2026-03-02' });
  projectId = p.json().id;
  for (const u of ['dev', 'dev2']) expect((await c.pm.post(`/api/v1/projects/${projectId}/members`, { userId: id[u] })).statusCode).toBe(201);
  build = (await c.pm.post(`/api/v1/projects/${projectId}/tasks`, { name: 'Build', durationDays: 5, assignments: [{ userId: id.dev, units: 1 }] })).json();
  test = (await c.pm.post(`/api/v1/projects/${projectId}/tasks`, { name: 'Test', durationDays: 5, assignments: [{ userId: id.dev2, units: 1 }] })).json();
  // A project dev is not on.
  const q = await c.pm.post('/api/v1/projects', { code: 'TS2', name: 'Elsewhere', plannedStart: '2026-03-02' });
  other = (await c.pm.post(`/api/v1/projects/${q.json().id}/tasks`, { name: 'Secret', durationDays: 1 })).json();
  // Dev's rate history: 100.00/h from 2026-01-01, 200.00/h from Wednesday 2026-03-04 (users.cost_rate is 300.00/h).
  const at = new Date().toISOString();
  for (const [from, rate] of [['2026-01-01', 10000], ['2026-03-04', 20000]] as const) {
    await t.database.db.insertInto('user_rates').values({ id: uuidv7(), org_id: orgId, user_id: id.dev, effective_from: from, cost_rate: rate, bill_rate: 0, created_at: at, updated_at: at, version: 1 }).execute();
  }
});
afterAll(() => t.close());

describe('timesheets: the week', () => {
  it('lists the caller\'s assigned tasks on active projects', async () => {
    const res = await week(c.dev, '2026-03-02');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.days).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    expect(body.rows.map((r: { taskName: string }) => r.taskName)).toEqual(['Build']);
    expect(body.status).toBe('empty');
    expect((await week(c.dev, '2026-03-03')).statusCode).toBe(400);
  });

  it('lists only the tasks open in the week, not every task the person ever had', async () => {
    // Build runs 2–6 March: not in the weeks before or long after (it is not started, so a late week still shows it).
    expect((await week(c.dev, '2026-02-23')).json().rows).toEqual([]);
    expect((await week(c.dev, '2026-04-06')).json().rows.map((r: { taskName: string }) => r.taskName)).toEqual(['Build']);
    // Done before the week: gone from it.
    const done = (await c.pm.post(`/api/v1/projects/${projectId}/tasks`, { name: 'Done early', durationDays: 1, assignments: [{ userId: id.dev, units: 1 }] })).json();
    const patched = await c.pm.patch(`/api/v1/tasks/${done.id}`, { version: done.version, status: 'done', percentComplete: 100 });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await week(c.dev, '2026-03-02')).json().rows.map((r: { taskName: string }) => r.taskName)).toEqual(['Build', 'Done early']);
    expect((await week(c.dev, '2026-03-09')).json().rows.map((r: { taskName: string }) => r.taskName)).toEqual(['Build']);
    const del = await c.pm.request({ method: 'DELETE', url: `/api/v1/tasks/${done.id}`, json: { version: patched.json().version } });
    expect(del.statusCode, del.body).toBeLessThan(300);
  });

  it('costs each entry at the rate in force on its date', async () => {
    const res = await put(c.dev, {
      weekStart: '2026-03-02',
      entries: [
        { taskId: build.id, date: '2026-03-02', hours: 2, billable: true, note: 'kick-off' },
        { taskId: build.id, date: '2026-03-04', hours: 3 },
        { taskId: test.id, date: '2026-03-05', hours: 1.25 }, // a member of the project, not assigned: allowed
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const rows = await entriesOf(id.dev);
    expect(rows.map((r) => [r.date, r.hours, Number(r.cost), r.status])).toEqual([
      ['2026-03-02', 2, 20000, 'draft'],
      ['2026-03-04', 3, 60000, 'draft'],
      ['2026-03-05', 1.25, 25000, 'draft'],
    ]);
    expect(res.json().dayTotals).toEqual([2, 0, 3, 1.25, 0, 0, 0]);
    expect(res.json().rows.map((r: { taskName: string; assigned: boolean }) => [r.taskName, r.assigned])).toEqual([['Build', true], ['Test', false]]);
    // Before any rate history: the user's own rate (300.00/h).
    const older = await put(c.dev, { weekStart: '2025-12-01', entries: [{ taskId: build.id, date: '2025-12-01', hours: 1 }] });
    expect(older.statusCode, older.body).toBe(200);
    expect(older.json().rows[0].entries[0].cost).toBe(30000);
  });

  it('refuses a day over 24 hours with the path of the offending hours, and writes nothing', async () => {
    const before = await entriesOf(id.dev);
    const res = await put(c.dev, {
      weekStart: '2026-03-02',
      entries: [
        { taskId: build.id, date: '2026-03-02', hours: 4 },
        { taskId: build.id, date: '2026-03-03', hours: 16 },
        { taskId: test.id, date: '2026-03-03', hours: 9 },
      ],
    });
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path)).toEqual(['entries.1.hours', 'entries.2.hours']);
    expect(details[0].message).toContain('2026-03-03');
    expect(await entriesOf(id.dev)).toEqual(before);
  });

  it('refuses bad hours, dates outside the week and tasks not on the caller\'s projects', async () => {
    const before = await entriesOf(id.dev);
    const cases: [unknown, string][] = [
      [{ taskId: build.id, date: '2026-03-02', hours: 1.3 }, 'entries.0.hours'],
      [{ taskId: build.id, date: '2026-03-02', hours: 25 }, 'entries.0.hours'],
      [{ taskId: build.id, date: '2026-03-09', hours: 1 }, 'entries.0.date'],
      [{ taskId: other.id, date: '2026-03-02', hours: 1 }, 'entries.0.taskId'],
    ];
    for (const [entry, path] of cases) {
      const res = await put(c.dev, { weekStart: '2026-03-02', entries: [entry] });
      expect(res.statusCode, JSON.stringify(entry)).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect(await entriesOf(id.dev)).toEqual(before);
  });

  it('submits the week; the PM approves; a member cannot approve (403); others do not see the entry (404)', async () => {
    const sub = await c.dev.post('/api/v1/timesheets/submit', { weekStart: '2026-03-02' });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json().status).toBe('submitted');
    expect((await c.dev.post('/api/v1/timesheets/submit', { weekStart: '2026-03-02' })).statusCode).toBe(422);
    // Submitted hours are locked.
    const change = await put(c.dev, { weekStart: '2026-03-02', entries: [{ taskId: build.id, date: '2026-03-02', hours: 5 }] });
    expect(change.statusCode).toBe(400);

    const list = await c.pm.get(`/api/v1/projects/${projectId}/timesheets?status=submitted&limit=2`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toHaveLength(2);
    expect(list.json().nextCursor).not.toBeNull();
    const rest = (await c.pm.get(`/api/v1/projects/${projectId}/timesheets?status=submitted&limit=2&cursor=${list.json().nextCursor}`)).json();
    expect(rest.items).toHaveLength(1);
    const entry = list.json().items[0];
    expect(entry).toMatchObject({ userName: 'Dev', taskName: 'Build', status: 'submitted' });

    expect((await c.dev.post(`/api/v1/timesheet-entries/${entry.id}/approve`, { version: entry.version })).statusCode).toBe(403);
    for (const who of ['dev2', 'rep']) expect((await c[who].post(`/api/v1/timesheet-entries/${entry.id}/approve`, { version: entry.version })).statusCode, who).toBe(404);
    expect((await c.pmo.post(`/api/v1/timesheet-entries/${entry.id}/approve`, { version: entry.version })).statusCode).toBe(403);
    expect((await c.dev2.get(`/api/v1/projects/${projectId}/timesheets`)).json().items).toEqual([]);
    expect((await c.rep.get(`/api/v1/projects/${projectId}/timesheets`)).statusCode).toBe(404);
    expect((await c.pm.post(`/api/v1/timesheet-entries/${entry.id}/approve`, { version: entry.version + 5 })).statusCode).toBe(409);

    const ok = await c.pm.post(`/api/v1/timesheet-entries/${entry.id}/approve`, { version: entry.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', approvedBy: id.pm });
    expect((await c.pm.post(`/api/v1/timesheet-entries/${entry.id}/approve`, { version: ok.json().version })).statusCode).toBe(422);

    const rej = await c.pm.post(`/api/v1/timesheet-entries/${rest.items[0].id}/reject`, { version: rest.items[0].version });
    expect(rej.json().status).toBe('rejected');
    // A rejected cell is editable again and goes back to draft.
    const again = await put(c.dev, {
      weekStart: '2026-03-02',
      entries: [
        { taskId: build.id, date: '2026-03-02', hours: 2 },
        { taskId: build.id, date: '2026-03-04', hours: 3 },
        { taskId: test.id, date: '2026-03-05', hours: 1 },
      ],
    });
    expect(again.statusCode, again.body).toBe(200);
    expect((await entriesOf(id.dev)).filter((e) => e.date >= '2026-03-02').map((e) => e.status).sort()).toEqual(['approved', 'draft', 'submitted']);
  });
});

describe('expenses', () => {
  it('members record expenses; the PM approves; a member cannot', async () => {
    const res = await c.dev.post(`/api/v1/projects/${projectId}/expenses`, { category: 'travel', amount: 12345, date: '2026-03-03', note: 'Train' });
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({ currency: 'CNY', status: 'submitted', userName: 'Dev' });
    expect((await c.dev.post(`/api/v1/projects/${projectId}/expenses`, { category: 'travel', amount: 1, date: '2026-03-03', currency: 'USD' })).statusCode).toBe(400);
    expect((await c.rep.post(`/api/v1/projects/${projectId}/expenses`, { category: 'travel', amount: 1, date: '2026-03-03' })).statusCode).toBe(404);
    expect((await c.pmo.post(`/api/v1/projects/${projectId}/expenses`, { category: 'travel', amount: 1, date: '2026-03-03' })).statusCode).toBe(403);
    expect((await c.dev.post(`/api/v1/expenses/${e.id}/approve`, { version: e.version })).statusCode).toBe(403);
    expect((await c.dev2.post(`/api/v1/expenses/${e.id}/approve`, { version: e.version })).statusCode).toBe(404);
    expect((await c.dev2.get(`/api/v1/projects/${projectId}/expenses`)).json().items).toEqual([]);
    expect((await c.pm.get(`/api/v1/projects/${projectId}/expenses?status=submitted`)).json().items.map((x: { id: string }) => x.id)).toEqual([e.id]);
    const ok = await c.pm.post(`/api/v1/expenses/${e.id}/approve`, { version: e.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('approved');
  });

  it('refuses an amount that is negative, zero, fractional minor units or not a number (400 on amount), and writes nothing', async () => {
    const before = await t.database.db.selectFrom('expenses').select('id').execute();
    for (const amount of [-500, 0, 12.5, '12', null]) {
      const res = await c.dev.post(`/api/v1/projects/${projectId}/expenses`, { category: 'travel', amount, date: '2026-03-03' });
      expect(res.statusCode, `${amount}: ${res.body}`).toBe(400);
      expect(JSON.stringify(res.json().error.details), String(amount)).toContain('amount');
    }
    expect(await t.database.db.selectFrom('expenses').select('id').execute()).toHaveLength(before.length);
  });
});
