import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, buildUser } from '../../../../test/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../test/setup.js';

let t: TestApp;
let admin: Client;
let adminId: string;

beforeAll(async () => {
  t = await createTestApp();
  const org = await buildOrg(t.database.db);
  const a = await buildUser(t.database.db, org.id, { roles: ['admin'], name: 'Auditor' });
  adminId = a.id;
  admin = await new Client(t.app).signIn(a.email, a.password);
});
afterAll(() => t.close());

describe('audit log', () => {
  it('records who changed which fields from what to what, and filters by entity, action and actor', async () => {
    const team = (await admin.post('/api/v1/teams', { name: 'Before', kind: 'sales' })).json();
    await admin.patch(`/api/v1/teams/${team.id}`, { version: team.version, name: 'After' });
    const res = await admin.get(`/api/v1/audit-events?entityType=team&entityId=${team.id}`);
    const items = res.json().items;
    expect(items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(items[0]).toMatchObject({ actorId: adminId, actorName: 'Auditor', changes: { name: ['Before', 'After'] } });
    const signIns = (await admin.get('/api/v1/audit-events?action=sign_in.*')).json().items;
    expect(signIns.length).toBeGreaterThan(0);
    expect(signIns.every((e: { action: string }) => e.action.startsWith('sign_in.'))).toBe(true);
    const byActor = (await admin.get(`/api/v1/audit-events?actorId=${adminId}&limit=1`)).json();
    expect(byActor.items).toHaveLength(1);
    expect(byActor.nextCursor).toEqual(expect.any(String));
  });

  it('keeps hostile input as data: a newline in an email cannot forge another event or log line', async () => {
    const forged = 'x@example.test\n{"action":"sign_in.success"}';
    const res = await new Client(t.app).post('/api/v1/auth/sign-in', { email: forged, password: 'whatever1' });
    expect(res.statusCode).toBe(401);
    const rows = await t.database.db.selectFrom('audit_events').select(['action', 'changes']).where('org_id', 'is', null).execute();
    const row = rows.find((r) => r.changes?.includes('x@example.test'))!;
    expect(row.action).toBe('sign_in.failure');
    expect(JSON.parse(row.changes!).email).toBe(forged.toLowerCase());
  });

  it('is for admins only', async () => {
    const org = await buildOrg(t.database.db);
    const u = await buildUser(t.database.db, org.id, { roles: ['executive'] });
    const c = await new Client(t.app).signIn(u.email, u.password);
    expect((await c.get('/api/v1/audit-events')).statusCode).toBe(403);
  });
});
