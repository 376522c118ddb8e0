import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, buildUser } from '../../../../test/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../test/setup.js';

let t: TestApp;
let orgId: string;
let admin: Client;
let rep: Client;
let managerId: string;

beforeAll(async () => {
  t = await createTestApp();
  orgId = (await buildOrg(t.database.db)).id;
  const a = await buildUser(t.database.db, orgId, { roles: ['admin'] });
  const r = await buildUser(t.database.db, orgId, { roles: ['sales_rep'] });
  managerId = (await buildUser(t.database.db, orgId, { roles: ['sales_manager'] })).id;
  admin = await new Client(t.app).signIn(a.email, a.password);
  rep = await new Client(t.app).signIn(r.email, r.password);
});
afterAll(() => t.close());

describe('teams API', () => {
  it('shapes a tree: create, move, refuse a cycle, rename with a version, delete only when empty', async () => {
    const root = (await admin.post('/api/v1/teams', { name: 'Sales', kind: 'sales', managerId })).json();
    const east = (await admin.post('/api/v1/teams', { name: 'East', kind: 'sales', parentId: root.id })).json();
    const north = (await admin.post('/api/v1/teams', { name: 'North', kind: 'sales', parentId: east.id })).json();
    expect(north.parentId).toBe(east.id);

    const cycle = await admin.patch(`/api/v1/teams/${root.id}`, { version: root.version, parentId: north.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error.details[0].path).toBe('parentId');
    const self = await admin.patch(`/api/v1/teams/${root.id}`, { version: root.version, parentId: root.id });
    expect(self.statusCode).toBe(400);

    const moved = await admin.patch(`/api/v1/teams/${north.id}`, { version: north.version, parentId: root.id });
    expect(moved.statusCode).toBe(200);
    const closure = await t.database.db.selectFrom('team_closure').select(['ancestor_id', 'depth']).where('descendant_id', '=', north.id).orderBy('depth').execute();
    expect(closure).toEqual([
      { ancestor_id: north.id, depth: 0 },
      { ancestor_id: root.id, depth: 1 },
    ]);

    expect((await admin.patch(`/api/v1/teams/${east.id}`, { version: 99, name: 'Stale' })).statusCode).toBe(409);

    await buildUser(t.database.db, orgId, { teamId: east.id });
    const busy = await admin.delete(`/api/v1/teams/${east.id}`, { version: east.version });
    expect(busy.statusCode).toBe(422);
    const list = (await admin.get('/api/v1/teams')).json().items;
    expect(list.find((x: { id: string }) => x.id === east.id).memberCount).toBe(1);
    const del = await admin.delete(`/api/v1/teams/${north.id}`, { version: north.version + 1 });
    expect(del.statusCode).toBe(204);
  });

  it('a non-admin lists teams but cannot change them', async () => {
    expect((await rep.get('/api/v1/teams')).statusCode).toBe(200);
    const res = await rep.post('/api/v1/teams', { name: 'Mine', kind: 'sales' });
    expect(res.statusCode).toBe(403);
  });

  it('another organisation’s team answers 404', async () => {
    const other = await buildOrg(t.database.db);
    const oa = await buildUser(t.database.db, other.id, { roles: ['admin'] });
    const c = await new Client(t.app).signIn(oa.email, oa.password);
    const theirs = (await c.post('/api/v1/teams', { name: 'Theirs', kind: 'delivery' })).json();
    expect((await admin.patch(`/api/v1/teams/${theirs.id}`, { version: 1, name: 'x' })).statusCode).toBe(404);
    expect((await admin.delete(`/api/v1/teams/${theirs.id}`, { version: 1 })).statusCode).toBe(404);
    expect((await admin.get('/api/v1/teams')).json().items.map((x: { id: string }) => x.id)).not.toContain(theirs.id);
  });
});

describe('calendars API', () => {
  it('creates a calendar with holidays, keeps one default, validates, and refuses deleting one in use', async () => {
    const bad = await admin.post('/api/v1/calendars', { name: '', workingDays: [0, 8], hoursPerDay: 30, exceptions: [{ date: '2026-02-30', name: 'x', working: false }] });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'workingDays.0', 'workingDays.1', 'hoursPerDay', 'exceptions.0.date']));

    const a = (await admin.post('/api/v1/calendars', { name: 'Standard', workingDays: [5, 1, 2, 3, 4], hoursPerDay: 8, isDefault: true, exceptions: [{ date: '2026-10-01', name: 'National Day', working: false }] })).json();
    expect(a.workingDays).toEqual([1, 2, 3, 4, 5]);
    const b = (await admin.post('/api/v1/calendars', { name: 'Six days', workingDays: [1, 2, 3, 4, 5, 6], hoursPerDay: 7.5, isDefault: true })).json();
    const list = (await admin.get('/api/v1/calendars')).json().items;
    expect(list.filter((c: { isDefault: boolean }) => c.isDefault).map((c: { id: string }) => c.id)).toEqual([b.id]);

    const upd = await admin.patch(`/api/v1/calendars/${a.id}`, { version: a.version, exceptions: [{ date: '2026-10-02', name: 'Day 2', working: false }, { date: '2026-10-10', name: 'Make-up', working: true }] });
    expect(upd.statusCode).toBe(200);
    expect(upd.json().exceptions).toEqual([
      { date: '2026-10-02', name: 'Day 2', working: false },
      { date: '2026-10-10', name: 'Make-up', working: true },
    ]);
    const user = (await admin.post('/api/v1/users', { email: 'cal@example.test', name: 'Cal', jobRole: 'delivery', roles: ['team_member'], calendarId: a.id, password: 'long enough' })).json().user;
    expect(user.calendarId).toBe(a.id);
    expect((await admin.delete(`/api/v1/calendars/${a.id}`, { version: a.version + 1 })).statusCode).toBe(422);
    expect((await rep.patch(`/api/v1/calendars/${b.id}`, { version: b.version, name: 'x' })).statusCode).toBe(403);
  });
});
