import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildOrg, buildUser } from '../../../../test/factories.js';
import { Client, createTestApp, type TestApp } from '../../../../test/setup.js';
import { HOUR, MINUTE } from '../../lib/clock.js';
import { hashToken } from '../../lib/ids.js';

let t: TestApp;
let orgId: string;
let admin: { id: string; email: string; password: string };

beforeAll(async () => {
  t = await createTestApp();
  orgId = (await buildOrg(t.database.db)).id;
  admin = await buildUser(t.database.db, orgId, { roles: ['admin'], jobRole: 'admin', name: 'Admin' });
});
afterAll(() => t.close());
beforeEach(() => t.clock.set('2026-03-02T09:00:00.000Z'));

const auditActions = async (actorId: string) =>
  (await t.database.db.selectFrom('audit_events').select('action').where('actor_id', '=', actorId).orderBy('id').execute()).map((r) => r.action);

describe('sign-in', () => {
  it('signs in, sets an HttpOnly SameSite=Lax cookie and answers the user with roles and abilities', async () => {
    const u = await buildUser(t.database.db, orgId, { roles: ['sales_rep'] });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: u.email.toUpperCase(), password: u.password } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'tandem_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{22}$/); // 128 bits, base64url
    const body = res.json();
    expect(body.user.email).toBe(u.email);
    expect(body.user.orgCurrency).toBe('CNY');
    expect(body.roles).toEqual(['sales_rep']);
    expect(body.abilities).toMatchObject({ salesWorkspace: true, deliveryWorkspace: false, admin: false });
    // Only the hash of the token is stored.
    const stored = await t.database.db.selectFrom('sessions').select('token_hash').where('user_id', '=', u.id).execute();
    expect(stored.map((s) => s.token_hash)).toEqual([hashToken(cookie.value)]);
    expect(stored[0].token_hash).not.toContain(cookie.value);
    expect(await auditActions(u.id)).toContain('sign_in.success');
  });

  it('reads the roles afresh on every request: a change by an admin applies to the next one', async () => {
    const u = await buildUser(t.database.db, orgId, { roles: ['sales_rep', 'executive'] });
    const c = await new Client(t.app).signIn(u.email, u.password);
    expect((await c.get('/api/v1/auth/me')).json().roles).toEqual(['executive', 'sales_rep']);
    const adminClient = await new Client(t.app).signIn(admin.email, admin.password);
    const current = (await adminClient.get(`/api/v1/users/${u.id}`)).json();
    expect((await adminClient.patch(`/api/v1/users/${u.id}`, { version: current.version, roles: ['project_manager'] })).statusCode).toBe(200);
    const me = (await c.get('/api/v1/auth/me')).json();
    expect(me.roles).toEqual(['project_manager']);
    expect(me.abilities).toMatchObject({ salesWorkspace: false, deliveryWorkspace: true });
    expect((await adminClient.patch(`/api/v1/users/${u.id}`, { version: current.version + 1, roles: [] })).statusCode).toBe(200);
    expect((await c.get('/api/v1/auth/me')).json()).toMatchObject({ roles: [], abilities: { salesWorkspace: false, deliveryWorkspace: false } });
  });

  it('marks the cookie Secure with the __Host- prefix behind HTTPS', async () => {
    const u = await buildUser(t.database.db, orgId);
    const tls = await createTestApp({ trustProxy: true });
    try {
      const org = await buildOrg(tls.database.db);
      const v = await buildUser(tls.database.db, org.id, { email: u.email });
      const res = await tls.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { 'x-forwarded-proto': 'https' }, payload: { email: v.email, password: v.password } });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === '__Host-tandem_session')!;
      expect(cookie.secure).toBe(true);
      expect(cookie.path).toBe('/');
    } finally {
      await tls.close();
    }
  });

  it('answers 401 with the same message for a wrong password and an unknown email', async () => {
    const u = await buildUser(t.database.db, orgId);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: u.email, password: 'not the password' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'nobody@example.test', password: 'whatever1' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
    expect(wrong.cookies.find((c) => c.name === 'tandem_session')).toBeUndefined();
    expect(await auditActions(u.id)).toEqual(['sign_in.failure']);
  });

  it('locks the account after repeated failures, even against the right password, until the lock expires', async () => {
    const u = await buildUser(t.database.db, orgId);
    for (let i = 0; i < t.config.lockout.threshold; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: u.email, password: `wrong-${i}-pass` } });
      expect(r.statusCode).toBe(401);
    }
    expect(await auditActions(u.id)).toContain('sign_in.lock');
    const locked = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: u.email, password: u.password } });
    expect(locked.statusCode).toBe(401);
    t.clock.advance(t.config.lockout.minutes * MINUTE + 1000);
    const after = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: u.email, password: u.password } });
    expect(after.statusCode).toBe(200);
  });

  it('rate-limits sign-in attempts from one address with 429', async () => {
    const limited = await createTestApp({ signInRatePerMinute: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'x@example.test', password: 'whatever1' } })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const body = (await limited.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'x@example.test', password: 'whatever1' } })).json();
      expect(body.error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });

  it('refuses a disabled or invited user', async () => {
    const d = await buildUser(t.database.db, orgId, { status: 'disabled' });
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: d.email, password: d.password } });
    expect(r.statusCode).toBe(401);
  });

  it('answers 400 with field paths for a malformed body', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 42 } });
    expect(r.statusCode).toBe(400);
    const paths = r.json().error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['email', 'password']);
  });
});

describe('sessions', () => {
  it('gives a new token at each sign-in and drops the one presented before', async () => {
    const u = await buildUser(t.database.db, orgId);
    const c = await new Client(t.app).signIn(u.email, u.password);
    const first = c.cookie;
    await c.signIn(u.email, u.password);
    expect(c.cookie).not.toBe(first);
    const stale = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: first! } });
    expect(stale.statusCode).toBe(401);
  });

  it('ends after the idle time-out, but activity keeps it alive', async () => {
    const u = await buildUser(t.database.db, orgId);
    const c = await new Client(t.app).signIn(u.email, u.password);
    t.clock.advance(t.config.session.idleMinutes * MINUTE - MINUTE);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    t.clock.advance(t.config.session.idleMinutes * MINUTE - MINUTE);
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    t.clock.advance(t.config.session.idleMinutes * MINUTE + 1);
    const res = await c.get('/api/v1/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('ends at the absolute time-out however active it is', async () => {
    const u = await buildUser(t.database.db, orgId);
    const c = await new Client(t.app).signIn(u.email, u.password);
    const steps = Math.ceil((t.config.session.absoluteHours * HOUR) / (30 * MINUTE));
    let last = 200;
    for (let i = 0; i < steps; i++) {
      t.clock.advance(30 * MINUTE);
      last = (await c.get('/api/v1/auth/me')).statusCode;
    }
    expect(last).toBe(401);
  });

  it('signs out on the server: the old cookie no longer works', async () => {
    const u = await buildUser(t.database.db, orgId);
    const c = await new Client(t.app).signIn(u.email, u.password);
    const cookie = c.cookie!;
    const out = await c.post('/api/v1/auth/sign-out');
    expect(out.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect(await auditActions(u.id)).toContain('sign_out');
  });

  it('disabling a user ends their sessions at once', async () => {
    const u = await buildUser(t.database.db, orgId);
    const c = await new Client(t.app).signIn(u.email, u.password);
    const a = await new Client(t.app).signIn(admin.email, admin.password);
    const user = (await a.get(`/api/v1/users/${u.id}`)).json();
    const res = await a.post(`/api/v1/users/${u.id}/disable`, { version: user.version });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await new Client(t.app).post('/api/v1/auth/sign-in', { email: u.email, password: u.password })).statusCode).toBe(401);
  });

  it('remembers the language per user', async () => {
    const u = await buildUser(t.database.db, orgId);
    const c = await new Client(t.app).signIn(u.email, u.password);
    const res = await c.patch('/api/v1/auth/me', { locale: 'zh-CN' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.locale).toBe('zh-CN');
    const again = await new Client(t.app).signIn(u.email, u.password);
    expect((await again.get('/api/v1/auth/me')).json().user.locale).toBe('zh-CN');
    expect((await c.patch('/api/v1/auth/me', { locale: 'fr' })).statusCode).toBe(400);
  });

  it('changing the password ends the other sessions and keeps this one', async () => {
    const u = await buildUser(t.database.db, orgId);
    const here = await new Client(t.app).signIn(u.email, u.password);
    const there = await new Client(t.app).signIn(u.email, u.password);
    expect((await here.post('/api/v1/auth/password', { currentPassword: 'wrong-one', newPassword: 'a new password' })).json().error.details[0].path).toBe('currentPassword');
    expect((await here.post('/api/v1/auth/password', { currentPassword: u.password, newPassword: 'short' })).statusCode).toBe(400);
    expect((await here.post('/api/v1/auth/password', { currentPassword: u.password, newPassword: 'a new password' })).statusCode).toBe(200);
    expect((await here.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await there.get('/api/v1/auth/me')).statusCode).toBe(401);
    await new Client(t.app).signIn(u.email, 'a new password');
  });
});

describe('cross-site request forgery', () => {
  it('refuses an unsafe request from another origin even with a valid session', async () => {
    const c = await new Client(t.app).signIn(admin.email, admin.password);
    const res = await c.request({ method: 'POST', url: '/api/v1/teams', headers: { origin: 'https://evil.example' }, json: { name: 'Evil', kind: 'sales' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('csrf_rejected');
    const site = await c.request({ method: 'POST', url: '/api/v1/teams', headers: { 'sec-fetch-site': 'cross-site' }, json: { name: 'Evil', kind: 'sales' } });
    expect(site.statusCode).toBe(403);
    const teams = await t.database.db.selectFrom('teams').select('name').where('name', '=', 'Evil').execute();
    expect(teams).toEqual([]);
  });

  it('accepts the same origin', async () => {
    const c = await new Client(t.app).signIn(admin.email, admin.password);
    const res = await c.request({ method: 'POST', url: '/api/v1/teams', headers: { origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' }, json: { name: 'Good', kind: 'sales' } });
    expect(res.statusCode).toBe(201);
  });

  it('refuses a form-encoded body (what an HTML form on another site could send) with 415', async () => {
    const c = await new Client(t.app).signIn(admin.email, admin.password);
    const res = await c.request({ method: 'POST', url: '/api/v1/teams', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=x&kind=sales' });
    expect(res.statusCode).toBe(415);
  });
});

describe('security headers', () => {
  it('sends a content security policy and the other helmet headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});
