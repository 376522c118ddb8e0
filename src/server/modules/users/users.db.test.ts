import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrg, buildTeam, buildUser } from '../../../../test/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../test/setup.js';

let t: TestApp;
let orgA: string;
let orgB: string;
let adminA: Client;
let adminB: Client;
let repA: Client;
let repAId: string;

beforeAll(async () => {
  t = await createTestApp();
  orgA = (await buildOrg(t.database.db, 'Alpha')).id;
  orgB = (await buildOrg(t.database.db, 'Beta')).id;
  const a = await buildUser(t.database.db, orgA, { roles: ['admin'], jobRole: 'admin', name: 'Alpha Admin' });
  const b = await buildUser(t.database.db, orgB, { roles: ['admin'], jobRole: 'admin', name: 'Beta Admin' });
  const r = await buildUser(t.database.db, orgA, { roles: ['sales_rep'], name: 'Alpha Rep' });
  repAId = r.id;
  adminA = await new Client(t.app).signIn(a.email, a.password);
  adminB = await new Client(t.app).signIn(b.email, b.password);
  repA = await new Client(t.app).signIn(r.email, r.password);
});
afterAll(() => t.close());

const newUser = (over: Record<string, unknown> = {}) => ({
  email: `new.${Math.random().toString(36).slice(2)}@example.test`,
  name: 'New Person',
  jobRole: 'sales',
  roles: ['sales_rep'],
  password: 'a good password',
  ...over,
});

describe('users API', () => {
  it('an admin creates a user who can then sign in; the audit log records it with the fields', async () => {
    const res = await adminA.post('/api/v1/users', newUser({ email: 'Created.User@Example.test', costRate: 42000 }));
    expect(res.statusCode).toBe(201);
    const { user, invitationUrl } = res.json();
    expect(user).toMatchObject({ email: 'created.user@example.test', status: 'active', roles: ['sales_rep'], costRate: 42000, version: 1 });
    expect(invitationUrl).toBeNull();
    await new Client(t.app).signIn('created.user@example.test', 'a good password');
    const audit = await adminA.get(`/api/v1/audit-events?entityType=user&entityId=${user.id}`);
    const [event] = audit.json().items;
    expect(event).toMatchObject({ action: 'create', entityType: 'user', entityId: user.id, actorName: 'Alpha Admin' });
    expect(event.changes.email).toEqual([null, 'created.user@example.test']);
    expect(event.changes.cost_rate).toEqual([null, 42000]);
    expect(JSON.stringify(event.changes)).not.toContain('scrypt');
  });

  it('an invited user sets a password through the link and becomes active; the link works once', async () => {
    const res = await adminA.post('/api/v1/users', newUser({ password: undefined, email: 'invitee@example.test' }));
    expect(res.statusCode).toBe(201);
    const { user, invitationUrl } = res.json();
    expect(user.status).toBe('invited');
    // Without TANDEM_PUBLIC_URL the link points where the admin reached the server.
    expect(invitationUrl).toMatch(/^http:\/\/localhost:80\/accept-invitation\?token=/);
    const token = new URL(invitationUrl).searchParams.get('token')!;
    const mail = await t.database.db.selectFrom('mail_outbox').select(['to_address', 'body']).where('to_address', '=', 'invitee@example.test').execute();
    expect(mail[0].body).toContain(token);
    const anon = new Client(t.app);
    expect((await anon.post('/api/v1/auth/accept-invitation', { token, password: 'short' })).statusCode).toBe(400);
    expect((await anon.post('/api/v1/auth/accept-invitation', { token, password: 'invited password' })).statusCode).toBe(200);
    expect((await anon.post('/api/v1/auth/accept-invitation', { token, password: 'invited password' })).statusCode).toBe(422);
    await anon.signIn('invitee@example.test', 'invited password');
  });

  it('answers 400 with field paths for each bad field, and writes nothing', async () => {
    const res = await adminA.post('/api/v1/users', { email: 'not-an-email', name: '', jobRole: 'wizard', roles: ['root'], costRate: -5, weeklyCapacityHours: 'x', timeZone: 'Mars/Olympus', password: 'short' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    const paths = body.error.details.map((d: { path: string }) => d.path);
    for (const p of ['email', 'name', 'jobRole', 'roles.0', 'costRate', 'weeklyCapacityHours', 'timeZone', 'password']) expect(paths).toContain(p);
    const count = await t.database.db.selectFrom('users').select('id').where('email', '=', 'not-an-email').execute();
    expect(count).toEqual([]);
  });

  it('refuses a duplicate email and references into another organisation with field paths', async () => {
    const dup = await adminA.post('/api/v1/users', newUser({ email: 'created.user@example.test' }));
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.details).toEqual([{ path: 'email', message: 'A user with this email already exists.' }]);
    const foreignTeam = await buildTeam(t.database.db, orgB);
    const ref = await adminA.post('/api/v1/users', newUser({ teamId: foreignTeam.id }));
    expect(ref.statusCode).toBe(400);
    expect(ref.json().error.details[0].path).toBe('teamId');
  });

  it('answers 413 for a body over the limit, and writes nothing', async () => {
    const res = await adminA.post('/api/v1/users', newUser({ name: 'x'.repeat(t.config.bodyLimitBytes + 10), email: 'huge@example.test' }));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
    expect(await t.database.db.selectFrom('users').select('id').where('email', '=', 'huge@example.test').execute()).toEqual([]);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await adminA.request({ method: 'POST', url: '/api/v1/users', headers: { 'content-type': 'application/json' }, payload: '{"email": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('a stale version answers 409 with the current record; the fresh one succeeds', async () => {
    const created = (await adminA.post('/api/v1/users', newUser())).json().user;
    const first = await adminA.patch(`/api/v1/users/${created.id}`, { version: created.version, name: 'First edit' });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(created.version + 1);
    const stale = await adminA.patch(`/api/v1/users/${created.id}`, { version: created.version, name: 'Second edit' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict');
    expect(stale.json().error.details.current).toMatchObject({ name: 'First edit', version: created.version + 1 });
    const fresh = await adminA.patch(`/api/v1/users/${created.id}`, { version: created.version + 1, name: 'Second edit' });
    expect(fresh.json().name).toBe('Second edit');
  });

  it('records rate history with an effective date', async () => {
    const created = (await adminA.post('/api/v1/users', newUser({ costRate: 30000, billRate: 80000 }))).json().user;
    await adminA.patch(`/api/v1/users/${created.id}`, { version: created.version, costRate: 35000, rateEffectiveFrom: '2026-07-01' });
    const rates = (await adminA.get(`/api/v1/users/${created.id}/rates`)).json().items;
    expect(rates).toEqual([
      { effectiveFrom: '2026-07-01', costRate: 35000, billRate: 80000 },
      { effectiveFrom: '2026-03-02', costRate: 30000, billRate: 80000 },
    ]);
  });

  it('paginates by keyset without repeats or gaps', async () => {
    const org = (await buildOrg(t.database.db)).id;
    const admin = await buildUser(t.database.db, org, { roles: ['admin'], name: 'A admin' });
    for (let i = 0; i < 23; i++) await buildUser(t.database.db, org, { name: `Person ${String(i % 7).padStart(2, '0')}` });
    const c = await new Client(t.app).signIn(admin.email, admin.password);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await c.get(`/api/v1/users?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      seen.push(...body.items.map((u: { id: string }) => u.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(24);
    expect(new Set(seen).size).toBe(24);
    expect((await c.get('/api/v1/users?cursor=garbage')).statusCode).toBe(400);
    expect((await c.get('/api/v1/users?limit=500')).json().error.details[0].path).toBe('querystring.limit');
  });

  it('searches by name or email and filters by role and status', async () => {
    const res = await adminA.get('/api/v1/users?q=alpha%20rep');
    expect(res.json().items.map((u: { name: string }) => u.name)).toEqual(['Alpha Rep']);
    const admins = await adminA.get('/api/v1/users?role=admin');
    expect(admins.json().items.every((u: { roles: string[] }) => u.roles.includes('admin'))).toBe(true);
    const pct = await adminA.get('/api/v1/users?q=%25');
    expect(pct.json().items).toEqual([]);
  });
});

describe('users: access control', () => {
  it('another organisation’s user answers 404 for read and write, and is not listed', async () => {
    const b = await buildUser(t.database.db, orgB, { name: 'Beta Person' });
    expect((await adminA.get(`/api/v1/users/${b.id}`)).statusCode).toBe(404);
    const w = await adminA.patch(`/api/v1/users/${b.id}`, { version: 1, name: 'Hacked' });
    expect(w.statusCode).toBe(404);
    expect((await adminA.post(`/api/v1/users/${b.id}/disable`, { version: 1 })).statusCode).toBe(404);
    const listed = (await adminA.get('/api/v1/users?limit=200')).json().items.map((u: { id: string }) => u.id);
    expect(listed).not.toContain(b.id);
    const row = await t.database.db.selectFrom('users').select(['name', 'status']).where('id', '=', b.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Beta Person', status: 'active' });
    expect((await adminB.get(`/api/v1/users/${b.id}`)).statusCode).toBe(200);
  });

  it('a non-admin reads the directory but may not change it (403), and sees no pay data of others', async () => {
    const other = await buildUser(t.database.db, orgA, { name: 'Colleague' });
    const res = await repA.get(`/api/v1/users/${other.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().costRate).toBeNull();
    expect(res.json().abilities).toMatchObject({ update: false, disable: false });
    expect((await repA.get(`/api/v1/users/${repAId}`)).json().costRate).toBe(30000);
    expect((await repA.patch(`/api/v1/users/${other.id}`, { version: 1, name: 'x' })).statusCode).toBe(403);
    expect((await repA.post('/api/v1/users', newUser())).statusCode).toBe(403);
    expect((await repA.post(`/api/v1/users/${other.id}/disable`, { version: 1 })).statusCode).toBe(403);
    expect((await repA.get(`/api/v1/users/${other.id}/rates`)).statusCode).toBe(403);
  });

  it('a manager sees the pay data of their reports', async () => {
    const mgr = await buildUser(t.database.db, orgA, { roles: ['sales_manager'] });
    const report = await buildUser(t.database.db, orgA, { managerId: mgr.id });
    const c = await new Client(t.app).signIn(mgr.email, mgr.password);
    expect((await c.get(`/api/v1/users/${report.id}`)).json().costRate).toBe(30000);
  });

  it('signed-out requests answer 401', async () => {
    const res = await new Client(t.app).get('/api/v1/users');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'unauthenticated', message: 'Sign in first.' } });
  });

  it('an admin cannot disable themselves or drop their own admin role', async () => {
    const me = (await adminA.get('/api/v1/auth/me')).json().user;
    const u = (await adminA.get(`/api/v1/users/${me.id}`)).json();
    expect((await adminA.post(`/api/v1/users/${me.id}/disable`, { version: u.version })).statusCode).toBe(422);
    expect((await adminA.patch(`/api/v1/users/${me.id}`, { version: u.version, roles: ['sales_rep'] })).statusCode).toBe(422);
  });
});
