import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, signInSalesCast, type SalesCast } from '../../../../test/sales-factories.js';
import { createTestApp, type TestApp } from '../../../../test/setup.js';
import type { Actor } from '../../lib/policy.js';
import { salesRecordOf, visibleSales } from './sales.access.js';
import { nameKey, toBaseAmount } from './money.js';
import { uuidv7 } from '../../lib/ids.js';

let t: TestApp;
let cast: SalesCast;
beforeAll(async () => {
  t = await createTestApp();
  cast = await signInSalesCast(t);
});
afterAll(() => t.close());

const actorOf = async (key: keyof SalesCast['id']): Promise<Actor> => {
  const u = await t.database.db.selectFrom('users').select(['id', 'org_id', 'name', 'email', 'team_id']).where('id', '=', cast.id[key]).executeTakeFirstOrThrow();
  const roles = await t.database.db.selectFrom('user_roles').select('role').where('user_id', '=', u.id).execute();
  return { id: u.id, orgId: u.org_id, name: u.name, email: u.email, teamId: u.team_id, roles: new Set(roles.map((r) => r.role)), locale: 'en' };
};
/** The names of the accounts an actor's list query returns, decided by visibleSales in SQL. */
const visibleAccountNames = async (key: keyof SalesCast['id'], names: string[]) => {
  const actor = await actorOf(key);
  const rows = await t.database.db
    .selectFrom('accounts')
    .select('name')
    .where('name', 'in', names)
    .where((eb) => visibleSales(eb, actor, { owner: 'accounts.owner_id', org: 'accounts.org_id', id: 'accounts.id', entity: 'account' }))
    .orderBy('name')
    .execute();
  return rows.map((r) => r.name);
};

describe('sales row scope', () => {
  it('shows a rep their own rows, a manager their team tree, the director both teams, exec all, others none', async () => {
    const a = await buildAccount(t.database.db, cast.orgId, cast.id.rep, { name: 'Scope A (rep)' });
    const b = await buildAccount(t.database.db, cast.orgId, cast.id.rep2, { name: 'Scope B (rep2)' });
    const c = await buildAccount(t.database.db, cast.orgId, cast.id.rep3, { name: 'Scope C (rep3)' });
    const names = [a.name, b.name, c.name];
    expect(await visibleAccountNames('rep', names)).toEqual([a.name]);
    expect(await visibleAccountNames('rep2', names)).toEqual([b.name]);
    expect(await visibleAccountNames('mgr', names)).toEqual([a.name, b.name]);
    expect(await visibleAccountNames('mgr2', names)).toEqual([c.name]);
    expect(await visibleAccountNames('director', names)).toEqual(names);
    expect(await visibleAccountNames('exec', names)).toEqual(names);
    expect(await visibleAccountNames('pm', names)).toEqual([]);
    expect(await visibleAccountNames('foreign', names)).toEqual([]);
  });

  it('judges a single row the same way: owner, team tree, share', async () => {
    const a = await buildAccount(t.database.db, cast.orgId, cast.id.rep, { name: 'Row record' });
    const rec = async (key: keyof SalesCast['id']) => salesRecordOf(t.database.db, await actorOf(key), a, 'account');
    expect(await rec('rep')).toMatchObject({ ownerId: cast.id.rep, share: null, managed: false });
    expect(await rec('mgr')).toMatchObject({ managed: true });
    expect(await rec('director')).toMatchObject({ managed: true });
    expect(await rec('mgr2')).toMatchObject({ managed: false, share: null });
    expect(await rec('rep2')).toMatchObject({ managed: false, share: null });
  });

  it('gives nothing to someone outside sales even if a share row names them', async () => {
    const a = await buildAccount(t.database.db, cast.orgId, cast.id.rep, { name: 'Stray share' });
    await t.database.db.insertInto('record_shares').values({ id: uuidv7(), org_id: cast.orgId, entity_type: 'account', entity_id: a.id, user_id: cast.id.pm, access: 'edit', created_at: a.created_at, updated_at: a.created_at, version: 1 }).execute();
    expect((await cast.c.pm.get(`/api/v1/sales-shares/account/${a.id}`)).statusCode).toBe(404);
    expect((await cast.c.pm.get(`/api/v1/accounts/${a.id}`)).statusCode).toBe(404);
    expect((await cast.c.pm.patch(`/api/v1/accounts/${a.id}`, { version: 1, notes: 'x' })).statusCode).toBe(404);
  });
});

describe('sharing', () => {
  it('lets the owner share to read or edit, shows the shared row in the colleague\'s lists, and audits it', async () => {
    const a = await buildAccount(t.database.db, cast.orgId, cast.id.rep, { name: 'Shared Co' });
    expect(await visibleAccountNames('rep3', [a.name])).toEqual([]);
    const put = await cast.c.rep.put(`/api/v1/sales-shares/account/${a.id}/${cast.id.rep3}`, { access: 'read' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ items: [{ userId: cast.id.rep3, userName: 'Rep Three', access: 'read' }], abilities: { share: true } });
    expect(await visibleAccountNames('rep3', [a.name])).toEqual([a.name]);
    // rep3 reads the share list but may not share further
    const seen = await cast.c.rep3.get(`/api/v1/sales-shares/account/${a.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities).toEqual({ share: false });
    expect((await cast.c.rep3.put(`/api/v1/sales-shares/account/${a.id}/${cast.id.rep2}`, { access: 'read' })).statusCode).toBe(403);
    // upgrade to edit, then remove
    expect((await cast.c.rep.put(`/api/v1/sales-shares/account/${a.id}/${cast.id.rep3}`, { access: 'edit' })).json().items[0].access).toBe('edit');
    expect((await salesRecordOf(t.database.db, await actorOf('rep3'), a, 'account')).share).toBe('edit');
    const del = await cast.c.rep.delete(`/api/v1/sales-shares/account/${a.id}/${cast.id.rep3}`);
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json().items).toEqual([]);
    expect(await visibleAccountNames('rep3', [a.name])).toEqual([]);
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'actor_id']).where('entity_id', '=', a.id).orderBy('created_at').orderBy('id').execute();
    expect(audit.map((e) => e.action)).toEqual(['share', 'share', 'unshare']);
  });

  it('answers 404 to those who may not see the record, 403 to readers, and lets the manager share', async () => {
    const a = await buildAccount(t.database.db, cast.orgId, cast.id.rep, { name: 'Matrix Co' });
    const url = `/api/v1/sales-shares/account/${a.id}`;
    for (const key of ['rep2', 'rep3', 'mgr2', 'pm', 'foreign'] as const) {
      expect((await cast.c[key].get(url)).statusCode, key).toBe(404);
      expect((await cast.c[key].put(`${url}/${cast.id.rep2}`, { access: 'read' })).statusCode, key).toBe(404);
    }
    expect((await cast.c.exec.get(url)).statusCode).toBe(200);
    expect((await cast.c.exec.put(`${url}/${cast.id.rep2}`, { access: 'read' })).statusCode).toBe(403);
    expect((await cast.c.mgr.put(`${url}/${cast.id.rep2}`, { access: 'read' })).statusCode).toBe(200);
    expect((await cast.c.director.delete(`${url}/${cast.id.rep2}`)).statusCode).toBe(200);
  });

  it('refuses a user of another organisation, the owner, and an unknown kind of record', async () => {
    const a = await buildAccount(t.database.db, cast.orgId, cast.id.rep, { name: 'Bad share Co' });
    const foreign = await cast.c.rep.put(`/api/v1/sales-shares/account/${a.id}/${cast.id.foreign}`, { access: 'read' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details[0].path).toBe('userId');
    expect((await cast.c.rep.put(`/api/v1/sales-shares/account/${a.id}/${cast.id.rep}`, { access: 'edit' })).statusCode).toBe(400);
    // Only sales people receive shares: an executive (who reads all anyway) or a project manager would
    // otherwise gain what their role does not give them.
    for (const key of ['exec', 'pm'] as const) {
      const res = await cast.c.rep.put(`/api/v1/sales-shares/account/${a.id}/${cast.id[key]}`, { access: 'edit' });
      expect([res.statusCode, res.json().error.details[0].message], key).toEqual([400, 'Share with sales reps and sales managers only.']);
    }
    expect((await cast.c.rep.put(`/api/v1/sales-shares/project/${a.id}/${cast.id.rep2}`, { access: 'edit' })).statusCode).toBe(400);
    expect((await cast.c.rep.put(`/api/v1/sales-shares/account/${a.id}/${cast.id.rep2}`, { access: 'admin' })).statusCode).toBe(400);
  });
});

describe('sales settings', () => {
  it('serves the defaults until a manager saves, then keeps versions', async () => {
    const first = await cast.c.rep.get('/api/v1/sales/settings');
    expect(first.json()).toEqual({ discountApprovalPercent: 15, renewalNoticeDays: 60, defaultCadenceDays: 30, currency: 'CNY', version: 0, abilities: { update: false } });
    expect((await cast.c.rep.put('/api/v1/sales/settings', { discountApprovalPercent: 50, renewalNoticeDays: 30, defaultCadenceDays: 14, version: 0 })).statusCode).toBe(403);
    expect((await cast.c.exec.put('/api/v1/sales/settings', { discountApprovalPercent: 50, renewalNoticeDays: 30, defaultCadenceDays: 14, version: 0 })).statusCode).toBe(403);
    expect((await cast.c.pm.get('/api/v1/sales/settings')).statusCode).toBe(404);
    const saved = await cast.c.mgr.put('/api/v1/sales/settings', { discountApprovalPercent: 20, renewalNoticeDays: 45, defaultCadenceDays: 21, version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ discountApprovalPercent: 20, renewalNoticeDays: 45, defaultCadenceDays: 21, version: 1, abilities: { update: true } });
    const stale = await cast.c.mgr2.put('/api/v1/sales/settings', { discountApprovalPercent: 5, renewalNoticeDays: 45, defaultCadenceDays: 21, version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current ?? stale.json().error.details).toMatchObject({ discountApprovalPercent: 20 });
    const bad = await cast.c.mgr.put('/api/v1/sales/settings', { discountApprovalPercent: 120, renewalNoticeDays: -1, defaultCadenceDays: 'x', version: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((d: { path: string }) => d.path).sort()).toEqual(['defaultCadenceDays', 'discountApprovalPercent', 'renewalNoticeDays']);
    // the foreign organisation's settings are its own
    expect((await cast.c.foreign.get('/api/v1/sales/settings')).json()).toMatchObject({ discountApprovalPercent: 15, version: 0 });
  });
});

describe('money', () => {
  it('converts with the rate in force on the date and refuses an unknown currency', async () => {
    const db = t.database.db;
    const at = '2026-01-01T00:00:00.000Z';
    for (const [from, rate] of [['2026-01-01', 7.1], ['2026-04-01', 7.3]] as const) {
      await db.insertInto('exchange_rates').values({ id: uuidv7(), org_id: cast.orgId, currency: 'USD', rate, effective_from: from, created_at: at, updated_at: at, version: 1 }).execute();
    }
    expect(await toBaseAmount(db, cast.orgId, 100_00, 'USD', '2026-03-31')).toBe(710_00);
    expect(await toBaseAmount(db, cast.orgId, 100_00, 'USD', '2026-04-01')).toBe(730_00);
    expect(await toBaseAmount(db, cast.orgId, 100_00, 'CNY', '2020-01-01')).toBe(100_00);
    await expect(toBaseAmount(db, cast.orgId, 100_00, 'USD', '2025-12-31')).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(toBaseAmount(db, cast.orgId, 100_00, 'EUR', '2026-05-01')).rejects.toMatchObject({ code: 'validation_failed' });
    // Amounts are hundredths: a currency whose minor unit is not (yen, dinar) is refused with a reason, not converted 100× off.
    await expect(toBaseAmount(db, cast.orgId, 100_00, 'JPY', '2026-05-01')).rejects.toMatchObject({ details: [{ path: 'currency', message: expect.stringContaining('does not divide into hundredths') }] });
    const rate = await cast.c.mgr.post('/api/v1/exchange-rates', { currency: 'KWD', rate: 23.1, effectiveFrom: '2026-01-01' });
    expect([rate.statusCode, rate.json().error.details[0].path]).toEqual([400, 'currency']);
  });

  it('folds company names for duplicate detection', () => {
    expect(nameKey('ACME  Ltd.')).toBe(nameKey('acme'));
    expect(nameKey('华为技术有限公司')).toBe(nameKey('华为技术'));
    expect(nameKey('Ｔａｎｄｅｍ Co')).toBe('tandem');
    expect(nameKey('Blue Sky')).not.toBe(nameKey('Blue Skies'));
  });
});
