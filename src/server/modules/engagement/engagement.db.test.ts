import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app.js';
import { buildOrg, buildUser } from '../../../../test/factories.js';
import { signInCast } from '../../../../test/cast.js';
import { Client, createTestApp, testDialect, type TestApp } from '../../../../test/setup.js';
import { FixedClock, MINUTE } from '../../lib/clock.js';
import { sweepCommunicationReminders } from './reminders.js';

let t: TestApp;
let orgId: string;
const c: Record<string, Client> = {};
const id: Record<string, string> = {};
const email: Record<string, string> = {};

beforeAll(async () => {
  // The tests move the clock by days (reports are weekly): sessions must outlive that.
  const base = (await import('../../../../test/setup.js')).testConfig();
  t = await createTestApp({ session: { ...base.session, idleMinutes: 60 * 24 * 60, absoluteHours: 24 * 60 } });
  const cast = await signInCast(t);
  orgId = cast.orgId;
  Object.assign(c, cast.c);
  Object.assign(id, cast.id);
  for (const [key, l] of Object.entries(cast.login)) email[key] = l.email;
});
afterAll(() => t.close());

type Res = { statusCode: number; body: string; json(): any };
const ok = async (p: Promise<Res>, status = 200) => {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
};

/** A project of PM One with Dev and Dev Two on its team. */
async function newProject(extra: Record<string, unknown> = {}) {
  const p = await ok(c.pm.post('/api/v1/projects', { code: `E${Math.random().toString(36).slice(2, 8)}`, name: 'Data centre move', plannedStart: '2026-03-02', status: 'executing', ...extra }), 201);
  for (const u of ['dev', 'dev2']) await ok(c.pm.post(`/api/v1/projects/${p.id}/members`, { userId: id[u] }), 201);
  return p as { id: string; version: number };
}
const auditOf = (entityId: string) => t.database.db.selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).orderBy('created_at').orderBy('id').execute();
const count = async (table: 'stakeholders' | 'communication_items' | 'notifications' | 'status_reports' | 'audit_events' | 'mail_outbox') =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const setTimeZone = (userId: string, tz: string) => t.database.db.updateTable('users').set({ time_zone: tz }).where('id', '=', userId).execute();
const notificationsOf = (userId: string) => t.database.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id').execute();
const mailTo = (address: string) => t.database.db.selectFrom('mail_outbox').selectAll().where('to_address', '=', address).orderBy('id').execute();

describe('stakeholders', () => {
  it('adds a user or an external contact, places them on the grid, edits with the version, deletes, and audits each write', async () => {
    const p = await newProject();
    const cio = await ok(c.pm.post(`/api/v1/projects/${p.id}/stakeholders`, { name: 'Wang Li', organisation: 'Customer', roleTitle: 'CIO', influence: 5, interest: 4, attitude: 'champion', expectations: 'Move without downtime', engagementApproach: 'Fortnightly 1:1' }), 201);
    expect(cio).toMatchObject({ projectId: p.id, userId: null, name: 'Wang Li', roleTitle: 'CIO', influence: 5, interest: 4, quadrant: 'manage_closely', attitude: 'champion', version: 1, abilities: { update: true, delete: true } });
    // A user of the organisation: the name comes from the user.
    const sponsor = await ok(c.pm.post(`/api/v1/projects/${p.id}/stakeholders`, { userId: id.exec, influence: 4, interest: 2 }), 201);
    expect(sponsor).toMatchObject({ userId: id.exec, name: 'Exec', quadrant: 'keep_satisfied', attitude: 'neutral' });
    // Unlinked from the user, they keep the name; linked to another user, they take that user's name.
    expect(await ok(c.pm.patch(`/api/v1/stakeholders/${sponsor.id}`, { version: 1, userId: null }))).toMatchObject({ userId: null, name: 'Exec', version: 2 });
    expect(await ok(c.pm.patch(`/api/v1/stakeholders/${sponsor.id}`, { version: 2, userId: id.exec }))).toMatchObject({ userId: id.exec, name: 'Exec', version: 3 });
    await ok(c.pm.post(`/api/v1/projects/${p.id}/stakeholders`, { name: 'Facilities', influence: 2, interest: 5, attitude: 'critic' }), 201);
    await ok(c.pm.post(`/api/v1/projects/${p.id}/stakeholders`, { name: 'Auditor', influence: 1, interest: 1, attitude: 'neutral' }), 201);

    const list = await ok(c.dev.get(`/api/v1/projects/${p.id}/stakeholders`));
    expect(list.items.map((s: { name: string; quadrant: string }) => [s.name, s.quadrant])).toEqual([
      ['Wang Li', 'manage_closely'], ['Exec', 'keep_satisfied'], ['Facilities', 'keep_informed'], ['Auditor', 'monitor'],
    ]);
    expect(list.abilities).toEqual({ create: false });
    expect((await ok(c.pm.get(`/api/v1/projects/${p.id}/stakeholders?quadrant=keep_informed`))).items.map((s: { name: string }) => s.name)).toEqual(['Facilities']);
    expect((await ok(c.pm.get(`/api/v1/projects/${p.id}/stakeholders?attitude=champion`))).items.map((s: { name: string }) => s.name)).toEqual(['Wang Li']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { name: string }[]; nextCursor: string | null } = await ok(c.pm.get(`/api/v1/projects/${p.id}/stakeholders?limit=3${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...page.items.map((s) => s.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Wang Li', 'Exec', 'Facilities', 'Auditor']);

    const up = await ok(c.pm.patch(`/api/v1/stakeholders/${cio.id}`, { version: 1, interest: 2, attitude: 'critic' }));
    expect(up).toMatchObject({ interest: 2, quadrant: 'keep_satisfied', attitude: 'critic', version: 2 });
    const stale = await c.pm.patch(`/api/v1/stakeholders/${cio.id}`, { version: 1, name: 'Stale' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ name: 'Wang Li', version: 2 });
    expect((await c.pm.delete(`/api/v1/stakeholders/${cio.id}`, { version: 1 })).statusCode).toBe(409);
    expect((await c.pm.delete(`/api/v1/stakeholders/${cio.id}`, { version: 2 })).statusCode).toBe(204);
    expect((await c.pm.get(`/api/v1/stakeholders/${cio.id}`)).statusCode).toBe(404);
    expect((await auditOf(cio.id)).map((a) => a.action)).toEqual(['create', 'update', 'delete']);
    expect(JSON.parse((await auditOf(cio.id))[1]!.changes!)).toEqual({ interest: [4, 2], attitude: ['champion', 'critic'] });
  });

  it('answers 400 with field paths for bad ratings, attitudes, users and a missing name, and writes nothing', async () => {
    const p = await newProject();
    const before = { s: await count('stakeholders'), a: await count('audit_events') };
    const bad: [Record<string, unknown>, string][] = [
      [{ influence: 0 }, 'influence'], [{ interest: 6 }, 'interest'], [{ influence: 2.5 }, 'influence'], [{ attitude: 'hostile' }, 'attitude'],
      [{ userId: id.foreign }, 'userId'], [{ userId: 'x' }, 'userId'], [{ name: '' }, 'name'],
    ];
    for (const [body, path] of bad) {
      const r = await c.pm.post(`/api/v1/projects/${p.id}/stakeholders`, { name: 'Someone', influence: 3, interest: 3, ...body });
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.details.map((d: { path: string }) => d.path), JSON.stringify(body)).toContain(path);
    }
    expect({ s: await count('stakeholders'), a: await count('audit_events') }).toEqual(before);
  });
});

describe('communication plan', () => {
  it('lists soonest due first, flags what is due, checks owner and stakeholders, and "done" moves the due date by the frequency', async () => {
    const p = await newProject();
    const s = await ok(c.pm.post(`/api/v1/projects/${p.id}/stakeholders`, { name: 'Steering board', influence: 5, interest: 5 }), 201);
    // Today (the test clock) is Monday 2026-03-02.
    const weekly = await ok(c.pm.post(`/api/v1/projects/${p.id}/communications`, { topic: 'Weekly status', audience: 'Sponsor', stakeholderIds: [s.id], channel: 'email', frequency: 'weekly', ownerId: id.dev, nextDueDate: '2026-03-02' }), 201);
    expect(weekly).toMatchObject({ topic: 'Weekly status', stakeholders: [{ id: s.id, name: 'Steering board' }], channel: 'email', frequency: 'weekly', ownerId: id.dev, ownerName: 'Dev', nextDueDate: '2026-03-02', lastDoneDate: null, due: true, abilities: { update: true, delete: true, markDone: true } });
    const monthly = await ok(c.pm.post(`/api/v1/projects/${p.id}/communications`, { topic: 'Steering committee', frequency: 'monthly', ownerId: id.pm, nextDueDate: '2026-01-31' }), 201);
    const once = await ok(c.pm.post(`/api/v1/projects/${p.id}/communications`, { topic: 'Kick-off', frequency: 'once', channel: 'meeting', nextDueDate: '2026-03-10' }), 201);
    const undated = await ok(c.pm.post(`/api/v1/projects/${p.id}/communications`, { topic: 'Newsletter', frequency: 'quarterly', nextDueDate: null }), 201);
    const list = await ok(c.dev.get(`/api/v1/projects/${p.id}/communications`));
    expect(list.items.map((i: { topic: string; due: boolean }) => [i.topic, i.due])).toEqual([['Steering committee', true], ['Weekly status', true], ['Kick-off', false], ['Newsletter', false]]);
    expect(list.abilities).toEqual({ create: false });
    const paged = await ok(c.dev.get(`/api/v1/projects/${p.id}/communications?limit=3`));
    expect((await ok(c.dev.get(`/api/v1/projects/${p.id}/communications?limit=3&cursor=${paged.nextCursor}`))).items.map((i: { id: string }) => i.id)).toEqual([undated.id]);

    const outsiderOwner = await c.pm.post(`/api/v1/projects/${p.id}/communications`, { topic: 'x', ownerId: id.outsider, nextDueDate: null });
    expect(outsiderOwner.json().error.details.map((d: { path: string }) => d.path)).toEqual(['ownerId']);
    const other = await newProject();
    const foreignStakeholder = await ok(c.pm.post(`/api/v1/projects/${other.id}/stakeholders`, { name: 'Elsewhere', influence: 1, interest: 1 }), 201);
    const wrongStakeholder = await c.pm.post(`/api/v1/projects/${p.id}/communications`, { topic: 'x', stakeholderIds: [foreignStakeholder.id], nextDueDate: null });
    expect(wrongStakeholder.json().error.details.map((d: { path: string }) => d.path)).toEqual(['stakeholderIds.0']);
    for (const [body, path] of [[{ channel: 'pigeon' }, 'channel'], [{ frequency: 'daily' }, 'frequency'], [{ nextDueDate: '2026-02-30' }, 'nextDueDate'], [{ topic: '' }, 'topic']] as const) {
      const r = await c.pm.post(`/api/v1/projects/${p.id}/communications`, { topic: 'x', nextDueDate: null, ...body });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }

    // The owner (a member) marks their own item done; the next due date moves a week on.
    const done = await ok(c.dev.post(`/api/v1/communications/${weekly.id}/done`, { version: weekly.version }));
    expect(done).toMatchObject({ lastDoneDate: '2026-03-02', nextDueDate: '2026-03-09', due: false, version: 2 });
    // Another member may not; the monthly item, five weeks late, moves past today (31 Jan → 28 Feb → 28 Mar).
    expect((await c.dev2.post(`/api/v1/communications/${weekly.id}/done`, { version: 2 })).statusCode).toBe(403);
    expect((await c.dev.post(`/api/v1/communications/${monthly.id}/done`, { version: 1 })).statusCode).toBe(403);
    expect((await c.dev.post(`/api/v1/communications/${weekly.id}/done`, { version: 1 })).statusCode).toBe(409);
    expect(await ok(c.pm.post(`/api/v1/communications/${monthly.id}/done`, { version: 1 }))).toMatchObject({ lastDoneDate: '2026-03-02', nextDueDate: '2026-03-28' });
    // A one-off is finished; done again is refused; done in the future is refused.
    expect((await c.pm.post(`/api/v1/communications/${once.id}/done`, { version: 1, doneOn: '2026-03-03' })).json().error.details[0].path).toBe('doneOn');
    expect(await ok(c.pm.post(`/api/v1/communications/${once.id}/done`, { version: 1, doneOn: '2026-03-01' }))).toMatchObject({ lastDoneDate: '2026-03-01', nextDueDate: null, due: false });
    expect((await c.pm.post(`/api/v1/communications/${once.id}/done`, { version: 2 })).statusCode).toBe(422);
    expect((await auditOf(weekly.id)).map((a) => [a.action, a.actor_id])).toEqual([['create', id.pm], ['done', id.dev]]);

    // Edits (PM only), and deleting a stakeholder takes them off the items.
    const edited = await ok(c.pm.patch(`/api/v1/communications/${undated.id}`, { version: 1, nextDueDate: '2026-04-01', ownerId: id.dev2, stakeholderIds: [s.id] }));
    expect(edited).toMatchObject({ nextDueDate: '2026-04-01', ownerName: 'Dev Two', stakeholders: [{ name: 'Steering board' }], version: 2 });
    expect((await c.dev2.patch(`/api/v1/communications/${undated.id}`, { version: 2, topic: 'Mine' })).statusCode).toBe(403);
    expect((await c.pm.delete(`/api/v1/stakeholders/${s.id}`, { version: s.version })).statusCode).toBe(204);
    expect((await ok(c.pm.get(`/api/v1/communications/${undated.id}`))).stakeholders).toEqual([]);
    expect((await c.pm.delete(`/api/v1/communications/${undated.id}`, { version: 2 })).statusCode).toBe(409);
    const fresh = await ok(c.pm.get(`/api/v1/communications/${undated.id}`));
    expect((await c.pm.delete(`/api/v1/communications/${undated.id}`, { version: fresh.version })).statusCode).toBe(204);
  });
});

describe('communication reminders', () => {
  it('reminds the owner once per due date, in app and by mail, by the owner\'s own "today"; a second run reminds no one again', async () => {
    const p = await newProject();
    const tz = await buildUser(t.database.db, orgId, { roles: ['team_member'], jobRole: 'delivery', name: 'Far East' });
    await ok(c.pm.post(`/api/v1/projects/${p.id}/members`, { userId: tz.id }), 201);
    await setTimeZone(tz.id, 'Asia/Shanghai');
    await setTimeZone(id.dev2, 'America/Los_Angeles');
    const item = async (topic: string, ownerId: string | null, nextDueDate: string) => ok(c.pm.post(`/api/v1/projects/${p.id}/communications`, { topic, ownerId, nextDueDate, audience: 'Board', channel: 'email' }), 201);
    const devItem = await item('Sponsor update', id.dev, '2026-03-02');
    await item('Far East update', tz.id, '2026-03-03');
    await item('West Coast update', id.dev2, '2026-03-02');
    await item('No owner', null, '2026-03-01');
    await item('Later', id.dev, '2026-03-04');

    // 2026-03-02 20:00 UTC: 03-03 04:00 in Shanghai (due), 03-02 12:00 in Los Angeles (due), 03-02 in UTC.
    const clock = new FixedClock('2026-03-02T20:00:00.000Z');
    const mailBefore = await count('mail_outbox');
    expect(await sweepCommunicationReminders(t.database.db, clock)).toBe(3);
    const devNotes = await notificationsOf(id.dev);
    expect(devNotes.filter((n) => n.dedupe_key?.includes(devItem.id))).toHaveLength(1);
    expect(devNotes[0]).toMatchObject({ kind: 'communication_due', title: 'Communication due: Sponsor update', link: `/delivery/projects/${p.id}?tab=stakeholders`, is_read: 0, dedupe_key: `comm:${devItem.id}:2026-03-02` });
    expect(devNotes[0]!.body).toContain('2026-03-02');
    expect((await notificationsOf(tz.id)).map((n) => n.title)).toEqual(['Communication due: Far East update']);
    expect((await notificationsOf(id.dev2)).map((n) => n.title)).toEqual(['Communication due: West Coast update']);
    expect((await mailTo(email.dev)).map((m) => m.subject)).toEqual(['Communication due: Sponsor update']);
    expect(await count('mail_outbox')).toBe(mailBefore + 3);

    // Again, later the same day, and twice at once: nothing new.
    clock.set('2026-03-02T22:00:00.000Z');
    expect(await sweepCommunicationReminders(t.database.db, clock)).toBe(0);
    const both = await Promise.all([sweepCommunicationReminders(t.database.db, clock), sweepCommunicationReminders(t.database.db, clock)]);
    expect(both).toEqual([0, 0]);
    expect(await count('mail_outbox')).toBe(mailBefore + 3);

    // Not done yet the next days: still once for that due date. Done: the next due date is reminded in its turn.
    clock.set('2026-03-04T09:00:00.000Z');
    expect(await sweepCommunicationReminders(t.database.db, clock)).toBe(1); // 'Later', due 03-04
    expect((await notificationsOf(id.dev)).map((n) => n.title)).toEqual(['Communication due: Sponsor update', 'Communication due: Later']);
    const done = await ok(c.dev.post(`/api/v1/communications/${devItem.id}/done`, { version: 1 }));
    expect(done.nextDueDate).toBe('2026-03-09');
    clock.set('2026-03-09T08:00:00.000Z');
    expect(await sweepCommunicationReminders(t.database.db, clock)).toBeGreaterThanOrEqual(1);
    expect((await notificationsOf(id.dev)).filter((n) => n.dedupe_key === `comm:${devItem.id}:2026-03-09`)).toHaveLength(1);
    expect(await sweepCommunicationReminders(t.database.db, clock)).toBe(0);
  });

  it('runs concurrently without double reminders (the unique key decides)', async () => {
    const p = await newProject();
    for (let n = 0; n < 6; n++) await ok(c.pm.post(`/api/v1/projects/${p.id}/communications`, { topic: `Race ${n}`, ownerId: id.dev, nextDueDate: '2026-02-20' }), 201);
    const clock = new FixedClock('2026-03-01T12:00:00.000Z');
    const results = await Promise.all([1, 2, 3, 4].map(() => sweepCommunicationReminders(t.database.db, clock)));
    expect(results.reduce((a, b) => a + b, 0)).toBe(6);
    const raced = (await notificationsOf(id.dev)).filter((n) => n.title.startsWith('Communication due: Race'));
    expect(raced).toHaveLength(6);
    expect(new Set(raced.map((n) => n.dedupe_key)).size).toBe(6);
    expect((await mailTo(email.dev)).filter((m) => m.subject.startsWith('Communication due: Race'))).toHaveLength(6);
    if (testDialect === 'postgres') expect(results.filter((n) => n > 0).length).toBeGreaterThanOrEqual(1);
  });

  it('does not remind for closed projects or disabled owners, and writes in the owner\'s language', async () => {
    const p = await newProject();
    const zh = await buildUser(t.database.db, orgId, { roles: ['team_member'], jobRole: 'delivery', name: '张伟' });
    await t.database.db.updateTable('users').set({ locale: 'zh-CN' }).where('id', '=', zh.id).execute();
    await ok(c.pm.post(`/api/v1/projects/${p.id}/members`, { userId: zh.id }), 201);
    await ok(c.pm.post(`/api/v1/projects/${p.id}/communications`, { topic: '周报', ownerId: zh.id, nextDueDate: '2026-03-01', channel: 'report' }), 201);
    const closed = await newProject();
    await ok(c.pm.post(`/api/v1/projects/${closed.id}/communications`, { topic: 'Closed project item', ownerId: id.dev2, nextDueDate: '2026-03-01' }), 201);
    // Closing goes through its checklist elsewhere; here only the status matters.
    await t.database.db.updateTable('projects').set({ status: 'closed' }).where('id', '=', closed.id).execute();
    await sweepCommunicationReminders(t.database.db, new FixedClock('2026-03-01T12:00:00.000Z'));
    const notes = await notificationsOf(zh.id);
    expect(notes.map((n) => n.title)).toEqual(['沟通到期：周报']);
    expect(notes[0]!.body).toContain('2026-03-01');
    expect((await notificationsOf(id.dev2)).map((n) => n.title)).not.toContain('Communication due: Closed project item');
    await t.database.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', zh.id).execute();
    await ok(c.pm.post(`/api/v1/projects/${p.id}/communications`, { topic: 'Another', ownerId: zh.id, nextDueDate: '2026-03-01' }), 201);
    await sweepCommunicationReminders(t.database.db, new FixedClock('2026-03-01T12:00:00.000Z'));
    expect(await notificationsOf(zh.id)).toHaveLength(1);
  });
});

describe('notifications', () => {
  it("lists the caller's own, unread first or newest first, pages by keyset, marks one or all read; another's answers 404", async () => {
    const u = await buildUser(t.database.db, orgId, { roles: ['team_member'], jobRole: 'delivery' });
    const me = await new Client(t.app).signIn(u.email, u.password);
    const p = await newProject();
    await ok(c.pm.post(`/api/v1/projects/${p.id}/members`, { userId: u.id }), 201);
    for (const [n, due] of [[1, '2026-02-01'], [2, '2026-02-02'], [3, '2026-02-03'], [4, '2026-02-04']] as const) {
      await ok(c.pm.post(`/api/v1/projects/${p.id}/communications`, { topic: `N${n}`, ownerId: u.id, nextDueDate: due }), 201);
      t.clock.advance(MINUTE);
      await sweepCommunicationReminders(t.database.db, t.clock);
    }
    const newest = await ok(me.get('/api/v1/notifications?order=newest'));
    expect(newest.items.map((n: { title: string }) => n.title)).toEqual(['Communication due: N4', 'Communication due: N3', 'Communication due: N2', 'Communication due: N1']);
    expect(newest.unreadCount).toBe(4);
    const n2 = newest.items[2];
    expect(n2).toMatchObject({ kind: 'communication_due', read: false, readAt: null, link: `/delivery/projects/${p.id}?tab=stakeholders` });
    const read = await ok(me.post(`/api/v1/notifications/${n2.id}/read`));
    expect(read).toMatchObject({ id: n2.id, read: true, readAt: t.clock.now().toISOString() });
    expect(await ok(me.post(`/api/v1/notifications/${n2.id}/read`))).toEqual(read);

    const unreadFirst = await ok(me.get('/api/v1/notifications'));
    expect(unreadFirst.items.map((n: { title: string }) => n.title)).toEqual(['Communication due: N4', 'Communication due: N3', 'Communication due: N1', 'Communication due: N2']);
    expect(unreadFirst.unreadCount).toBe(3);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { title: string }[]; nextCursor: string | null } = await ok(me.get(`/api/v1/notifications?limit=3${cursor ? `&cursor=${cursor}` : ''}`));
      pages.push(...page.items.map((n) => n.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual(unreadFirst.items.map((n: { title: string }) => n.title));
    expect((await ok(me.get('/api/v1/notifications?unread=true'))).items).toHaveLength(3);

    // Someone else's: 404 for everyone but the recipient, whatever their role.
    for (const who of ['pm', 'pmo', 'exec', 'dev', 'foreign']) {
      expect((await c[who].post(`/api/v1/notifications/${n2.id}/read`)).statusCode, who).toBe(404);
      expect((await ok(c[who].get('/api/v1/notifications'))).items.map((n: { id: string }) => n.id)).not.toContain(n2.id);
    }
    const othersBefore = await ok(c.dev.get('/api/v1/notifications'));
    expect(await ok(me.post('/api/v1/notifications/read-all'))).toEqual({ marked: 3 });
    expect((await ok(me.get('/api/v1/notifications'))).unreadCount).toBe(0);
    expect((await ok(c.dev.get('/api/v1/notifications'))).unreadCount).toBe(othersBefore.unreadCount);
    expect((await new Client(t.app).get('/api/v1/notifications')).statusCode).toBe(401);
    expect((await me.get('/api/v1/notifications?cursor=bogus')).statusCode).toBe(400);
  });
});

describe('status reports', () => {
  /** A project with a baseline, progress and cost, milestones and risks, as at Wednesday 2026-03-11. */
  async function projectWithData() {
    t.clock.set('2026-03-02T09:00:00.000Z');
    const p = await newProject({ budgetLabour: 2_000_000 });
    const a = await ok(c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'Survey', durationDays: 5, assignments: [{ userId: id.dev, units: 1 }] }), 201);
    const b = await ok(c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'Move', durationDays: 5, estimatedHours: 20, assignments: [{ userId: id.dev, units: 1 }] }), 201);
    await ok(c.pm.post(`/api/v1/projects/${p.id}/dependencies`, { predecessorId: a.id, successorId: b.id }), 201);
    const m1 = await ok(c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'Survey signed off', kind: 'milestone', durationDays: 0 }), 201);
    await ok(c.pm.post(`/api/v1/projects/${p.id}/dependencies`, { predecessorId: a.id, successorId: m1.id }), 201);
    const m2 = await ok(c.pm.post(`/api/v1/projects/${p.id}/tasks`, { name: 'Go live', kind: 'milestone', durationDays: 0 }), 201);
    await ok(c.pm.post(`/api/v1/projects/${p.id}/dependencies`, { predecessorId: b.id, successorId: m2.id }), 201);
    await ok(c.pm.post(`/api/v1/projects/${p.id}/baselines`, { name: 'Plan' }), 201);
    const plan = await ok(c.pm.get(`/api/v1/projects/${p.id}/plan`));
    const task = (name: string) => plan.tasks.find((x: { name: string }) => x.name === name);
    await ok(c.pm.patch(`/api/v1/tasks/${a.id}`, { version: task('Survey').version, percentComplete: 100, status: 'done' }));
    await ok(c.pm.patch(`/api/v1/tasks/${b.id}`, { version: task('Move').version, percentComplete: 25, status: 'in_progress' }));
    await ok(c.pm.patch(`/api/v1/tasks/${m1.id}`, { version: task('Survey signed off').version, percentComplete: 100, status: 'done', actualFinish: '2026-03-06' }));
    const put = (json: unknown) => ok(c.dev.request({ method: 'PUT', url: '/api/v1/timesheets/week', json }));
    await put({ weekStart: '2026-03-02', entries: ['02', '03', '04', '05', '06'].map((d) => ({ taskId: a.id, date: `2026-03-${d}`, hours: 8 })) });
    await ok(c.dev.post('/api/v1/timesheets/submit', { weekStart: '2026-03-02' }));
    const submitted = (await ok(c.pm.get(`/api/v1/projects/${p.id}/timesheets?status=submitted&limit=200`))).items as { id: string; version: number }[];
    for (const e of submitted) await ok(c.pm.post(`/api/v1/timesheet-entries/${e.id}/approve`, { version: e.version }));
    for (const [title, probability, impact] of [['Racks late', 4, 4], ['Power', 2, 3], ['Cabling', 5, 5], ['Licences', 1, 1], ['Staff', 3, 3], ['Network', 4, 2], ['Closed one', 5, 5]] as const) {
      const r = await ok(c.pm.post(`/api/v1/projects/${p.id}/risks`, { title, probability, impact, status: title === 'Closed one' ? 'closed' : 'open' }), 201);
      expect(r.score).toBe(probability * impact);
    }
    await ok(c.pm.post(`/api/v1/projects/${p.id}/issues`, { title: 'Loading dock closed', severity: 'high' }), 201);
    await ok(c.pm.post(`/api/v1/projects/${p.id}/issues`, { title: 'Badge access', severity: 'low' }), 201);
    t.clock.set('2026-03-11T09:00:00.000Z');
    return { p, a, b };
  }

  it('drafts this week from the data (progress, SPI/CPI, milestones, top risks, issues), edits, submits, and keeps the history unchanged', async () => {
    const { p } = await projectWithData();
    const draft = await ok(c.pm.post(`/api/v1/projects/${p.id}/status-reports/draft`), 201);
    const ev = await ok(c.pm.get(`/api/v1/projects/${p.id}/earned-value?statusDate=2026-03-11`));
    expect(draft).toMatchObject({ projectId: p.id, weekOf: '2026-03-09', reportDate: '2026-03-11', status: 'draft', health: 'on_track', summary: '', createdByName: 'PM One', version: 1, abilities: { update: true, submit: true } });
    expect(draft.snapshot.earnedValue).toMatchObject({ bac: ev.bac, pv: ev.pv, ev: ev.ev, ac: ev.ac, spi: ev.spi, cpi: ev.cpi, bacSource: 'baseline' });
    expect(draft.snapshot.earnedValue.spi).toBeGreaterThan(0);
    expect(draft.snapshot.earnedValue.cpi).toBeGreaterThan(0);
    expect(draft.snapshot.percentComplete).toBe((await ok(c.pm.get(`/api/v1/projects/${p.id}`))).percentComplete);
    expect(draft.snapshot.milestonesDone.map((m: { name: string; date: string }) => [m.name, m.date])).toEqual([['Survey signed off', '2026-03-06']]);
    expect(draft.snapshot.milestonesDue.map((m: { name: string; late: boolean }) => [m.name, m.late])).toEqual([['Go live', false]]);
    expect(draft.snapshot.topRisks.map((r: { title: string; score: number }) => [r.title, r.score])).toEqual([['Cabling', 25], ['Racks late', 16], ['Staff', 9], ['Network', 8], ['Power', 6]]);
    expect(draft.snapshot.openIssues.map((i: { title: string }) => i.title)).toEqual(['Loading dock closed', 'Badge access']);
    expect(draft.snapshot.openIssueCount).toBe(2);

    // One per week: a second draft answers 409 naming the existing one.
    const again = await c.pm.post(`/api/v1/projects/${p.id}/status-reports/draft?weekOf=2026-03-12`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('2026-03-09');
    expect(again.json().error.details).toMatchObject({ existingId: draft.id, weekOf: '2026-03-09' });
    // The future is not reported on.
    expect((await c.pm.post(`/api/v1/projects/${p.id}/status-reports/draft?weekOf=2026-03-16`)).statusCode).toBe(422);
    expect((await c.pm.post(`/api/v1/projects/${p.id}/status-reports/draft?weekOf=next`)).statusCode).toBe(400);

    // No summary, no submission.
    expect((await c.pm.post(`/api/v1/status-reports/${draft.id}/submit`, { version: 1 })).statusCode).toBe(422);
    const edited = await ok(c.pm.patch(`/api/v1/status-reports/${draft.id}`, { version: 1, summary: 'Survey done; move under way.', accomplishments: 'Survey signed off', nextSteps: 'Go live', health: 'at_risk' }));
    expect(edited).toMatchObject({ summary: 'Survey done; move under way.', health: 'at_risk', version: 2 });
    expect((await c.pm.patch(`/api/v1/status-reports/${draft.id}`, { version: 1, summary: 'stale' })).statusCode).toBe(409);
    t.clock.advance(MINUTE);
    const submitted = await ok(c.pm.post(`/api/v1/status-reports/${draft.id}/submit`, { version: 2 }));
    expect(submitted).toMatchObject({ status: 'submitted', submittedBy: id.pm, submittedByName: 'PM One', submittedAt: t.clock.now().toISOString(), version: 3, abilities: { update: false, submit: false } });
    // Submitted is read-only.
    expect((await c.pm.patch(`/api/v1/status-reports/${draft.id}`, { version: 3, summary: 'Rewritten' })).statusCode).toBe(422);
    expect((await c.pm.post(`/api/v1/status-reports/${draft.id}/submit`, { version: 3 })).statusCode).toBe(422);
    expect((await auditOf(draft.id)).map((a) => a.action)).toEqual(['create', 'update', 'submit']);

    // The data moves on; the report does not.
    const risks = (await ok(c.pm.get(`/api/v1/projects/${p.id}/risks`))).items;
    const cabling = risks.find((r: { title: string }) => r.title === 'Cabling');
    await ok(c.pm.patch(`/api/v1/risks/${cabling.id}`, { version: cabling.version, status: 'closed' }));
    expect((await ok(c.pm.get(`/api/v1/status-reports/${draft.id}`))).snapshot).toEqual(draft.snapshot);

    // Last week's report, drafted late: report date is that Sunday. History is newest week first.
    const last = await ok(c.pm.post(`/api/v1/projects/${p.id}/status-reports/draft?weekOf=2026-03-04`), 201);
    expect(last).toMatchObject({ weekOf: '2026-03-02', reportDate: '2026-03-08' });
    expect(last.snapshot.topRisks.map((r: { title: string }) => r.title)).not.toContain('Cabling');
    const history = await ok(c.dev.get(`/api/v1/projects/${p.id}/status-reports`));
    expect(history.items.map((r: { weekOf: string; status: string }) => [r.weekOf, r.status])).toEqual([['2026-03-09', 'submitted'], ['2026-03-02', 'draft']]);
    expect(history).toMatchObject({ thisWeek: '2026-03-09', thisWeekReportId: draft.id, abilities: { create: false } });
    expect((await ok(c.dev.get(`/api/v1/projects/${p.id}/status-reports?status=draft`))).items.map((r: { id: string }) => r.id)).toEqual([last.id]);
    const page1 = await ok(c.pm.get(`/api/v1/projects/${p.id}/status-reports?limit=1`));
    expect((await ok(c.pm.get(`/api/v1/projects/${p.id}/status-reports?limit=1&cursor=${page1.nextCursor}`))).items.map((r: { id: string }) => r.id)).toEqual([last.id]);
  });

  it('is refused for projects that do not report, and two drafts of one week at once make one', async () => {
    t.clock.set('2026-03-11T09:00:00.000Z');
    const proposed = await newProject({ status: 'proposed' });
    expect((await c.pm.post(`/api/v1/projects/${proposed.id}/status-reports/draft`)).statusCode).toBe(422);
    expect((await ok(c.pm.get(`/api/v1/projects/${proposed.id}/status-reports`))).abilities).toEqual({ create: false });
    const p = await newProject();
    const results = await Promise.all([1, 2, 3].map(() => c.pm.post(`/api/v1/projects/${p.id}/status-reports/draft`)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect((await ok(c.pm.get(`/api/v1/projects/${p.id}/status-reports`))).items).toHaveLength(1);
  });
});

describe('access', () => {
  it('the PM manages; members, the PMO and executives read; another PM, an outsider and another organisation get 404', async () => {
    t.clock.set('2026-03-11T09:00:00.000Z');
    const p = await newProject();
    const s = await ok(c.pm.post(`/api/v1/projects/${p.id}/stakeholders`, { name: 'Secret sponsor', influence: 5, interest: 5 }), 201);
    const item = await ok(c.pm.post(`/api/v1/projects/${p.id}/communications`, { topic: 'Secret update', ownerId: id.dev, nextDueDate: '2026-03-11' }), 201);
    const report = await ok(c.pm.post(`/api/v1/projects/${p.id}/status-reports/draft`), 201);
    const reads = [
      `/api/v1/projects/${p.id}/stakeholders`, `/api/v1/stakeholders/${s.id}`, `/api/v1/projects/${p.id}/communications`, `/api/v1/communications/${item.id}`,
      `/api/v1/projects/${p.id}/status-reports`, `/api/v1/status-reports/${report.id}`,
    ];
    const writes: [string, string, Record<string, unknown>][] = [
      ['post', `/api/v1/projects/${p.id}/stakeholders`, { name: 'Sneaky', influence: 1, interest: 1 }],
      ['patch', `/api/v1/stakeholders/${s.id}`, { version: s.version, name: 'Hijacked' }],
      ['delete', `/api/v1/stakeholders/${s.id}`, { version: s.version }],
      ['post', `/api/v1/projects/${p.id}/communications`, { topic: 'Sneaky', nextDueDate: null }],
      ['patch', `/api/v1/communications/${item.id}`, { version: item.version, topic: 'Hijacked' }],
      ['post', `/api/v1/communications/${item.id}/done`, { version: item.version }],
      ['delete', `/api/v1/communications/${item.id}`, { version: item.version }],
      ['post', `/api/v1/projects/${p.id}/status-reports/draft?weekOf=2026-03-02`, {}],
      ['patch', `/api/v1/status-reports/${report.id}`, { version: report.version, summary: 'Hijacked' }],
      ['post', `/api/v1/status-reports/${report.id}/submit`, { version: report.version }],
    ];
    const send = (who: string, [method, url, body]: (typeof writes)[number]) => (method === 'post' ? c[who].post(url, body) : method === 'patch' ? c[who].patch(url, body) : c[who].delete(url, body));

    for (const who of ['dev2', 'pmo', 'exec']) {
      for (const url of reads) expect((await c[who].get(url)).statusCode, `${who} GET ${url}`).toBe(200);
      for (const w of writes) expect((await send(who, w)).statusCode, `${who} ${w[0]} ${w[1]}`).toBe(403);
      expect((await ok(c[who].get(`/api/v1/stakeholders/${s.id}`))).abilities).toEqual({ update: false, delete: false });
      expect((await ok(c[who].get(`/api/v1/communications/${item.id}`))).abilities).toEqual({ update: false, delete: false, markDone: false });
      expect((await ok(c[who].get(`/api/v1/status-reports/${report.id}`))).abilities).toEqual({ update: false, submit: false });
    }
    for (const who of ['pm2', 'outsider', 'foreign']) {
      for (const url of reads) expect((await c[who].get(url)).statusCode, `${who} GET ${url}`).toBe(404);
      for (const w of writes) expect((await send(who, w)).statusCode, `${who} ${w[0]} ${w[1]}`).toBe(404);
    }
    // The item's owner (a member) reads and may mark it done, nothing else.
    for (const url of reads) expect((await c.dev.get(url)).statusCode, `dev GET ${url}`).toBe(200);
    expect((await ok(c.dev.get(`/api/v1/communications/${item.id}`))).abilities).toEqual({ update: false, delete: false, markDone: true });
    expect((await c.dev.patch(`/api/v1/communications/${item.id}`, { version: 1, topic: 'Mine' })).statusCode).toBe(403);
    expect((await c.dev.post(`/api/v1/communications/${item.id}/done`, { version: 1 })).statusCode).toBe(200);
    // Nothing changed by the refused writes; the PM does everything.
    expect(await ok(c.pm.get(`/api/v1/stakeholders/${s.id}`))).toMatchObject({ name: 'Secret sponsor', version: 1 });
    expect(await ok(c.pm.get(`/api/v1/status-reports/${report.id}`))).toMatchObject({ summary: '', status: 'draft', version: 1 });
    expect((await ok(c.pm.get(`/api/v1/projects/${p.id}/stakeholders`))).abilities).toEqual({ create: true });
    expect((await c.pm.patch(`/api/v1/status-reports/${report.id}`, { version: 1, summary: 'Fine' })).statusCode).toBe(200);
    expect((await c.pm.post(`/api/v1/status-reports/${report.id}/submit`, { version: 2 })).statusCode).toBe(200);
    expect((await c.pm.delete(`/api/v1/stakeholders/${s.id}`, { version: 1 })).statusCode).toBe(204);
    expect((await new Client(t.app).get(`/api/v1/projects/${p.id}/stakeholders`)).statusCode).toBe(401);
  });
});

describe('api description', () => {
  it('documents the engagement and notification routes in the OpenAPI description', async () => {
    const doc = await ok(c.pm.get('/api/v1/openapi.json'));
    for (const path of ['/api/v1/projects/{id}/stakeholders', '/api/v1/communications/{id}/done', '/api/v1/projects/{id}/status-reports/draft', '/api/v1/status-reports/{id}/submit', '/api/v1/notifications', '/api/v1/notifications/{id}/read', '/api/v1/notifications/read-all']) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
  });
});

describe('the reminder timer', () => {
  it('buildApp({ jobs: true }) sweeps at start-up and every few minutes, and stops when the app closes', async () => {
    const p = await newProject();
    const dedupe = (itemId: string) => `comm:${itemId}:2026-01-05`;
    const reminded = async (itemId: string) => (await t.database.db.selectFrom('notifications').select('id').where('dedupe_key', '=', dedupe(itemId)).execute()).length;
    const until = async (itemId: string) => {
      for (let i = 0; i < 200 && (await reminded(itemId)) === 0; i++) await new Promise((r) => setTimeout(r, 20));
      return reminded(itemId);
    };
    const first = await ok(c.pm.post(`/api/v1/projects/${p.id}/communications`, { topic: 'Due before the start', ownerId: id.dev2, nextDueDate: '2026-01-05' }), 201);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const app = await buildApp({ database: t.database, config: t.config, clock: t.clock, logger: false, serveWeb: false, jobs: true });
      await app.ready();
      // What fell due while the server was down is reminded at start-up, without waiting for the timer.
      expect(await until(first.id)).toBe(1);
      const second = await ok(c.pm.post(`/api/v1/projects/${p.id}/communications`, { topic: 'Due after the start', ownerId: id.dev2, nextDueDate: '2026-01-05' }), 201);
      await new Promise((r) => setTimeout(r, 100));
      expect(await reminded(second.id)).toBe(0);
      vi.advanceTimersByTime(5 * 60_000);
      expect(await until(second.id)).toBe(1);
      await app.close();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
