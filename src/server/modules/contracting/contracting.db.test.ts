import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildOpportunity, signInSalesCast, type SalesCast, type SalesCastKey } from '../../../../test/sales-factories.js';
import { Client, createTestApp, type TestApp } from '../../../../test/setup.js';
import { FixedClock } from '../../lib/clock.js';
import { sweepRenewalReminders } from './reminders.js';

let t: TestApp;
let s: SalesCast;
const anon = () => new Client(t.app);

beforeAll(async () => {
  t = await createTestApp();
  s = await signInSalesCast(t);
});
afterAll(() => t.close());

type Res = { statusCode: number; body: string; json(): any };
async function ok(p: Promise<Res>, status = 200) {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return r.json();
}
const db = () => t.database.db;
const count = async (table: 'quotes' | 'quote_lines' | 'contracts' | 'orders' | 'billing_milestones' | 'surveys' | 'audit_events' | 'contract_rounds' | 'products') =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const notificationsOf = (userId: string) => db().selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();

/** Every cast member's status for one call; compared with what each must get. */
async function matrix(call: (c: Client) => Promise<Res>, expected: Partial<Record<SalesCastKey, number>>) {
  const got: Partial<Record<SalesCastKey, number>> = {};
  for (const k of Object.keys(expected) as SalesCastKey[]) got[k] = (await call(s.c[k])).statusCode;
  expect(got).toEqual(expected);
}
/** A rep's account and opportunity. */
async function deal(owner: SalesCastKey = 'rep') {
  const account = await buildAccount(db(), s.orgId, s.id[owner]);
  const opp = await buildOpportunity(db(), s.orgId, { ownerId: s.id[owner], accountId: account.id, pipeline: s.pipeline, stage: 'proposal', amount: 120_000_00 });
  return { account, opp };
}
const LINE = { description: 'Implementation days', quantity: 10, unit: 'day', unitPrice: 8_000_00, discountPercent: 10, estimatedUnitCost: 4_000_00 };
async function quoteWith(oppId: string, lines: Record<string, unknown>[], by = s.c.rep) {
  const q = await ok(by.post(`/api/v1/opportunities/${oppId}/quotes`, {}), 201);
  return ok(by.put(`/api/v1/quotes/${q.id}/lines`, { version: q.version, lines }));
}
/** An accepted quote: submitted (under the limit, so approved at once), sent, accepted. */
async function acceptedQuote(oppId: string) {
  let q = await quoteWith(oppId, [LINE]);
  q = await ok(s.c.rep.post(`/api/v1/quotes/${q.id}/submit`, { version: q.version }));
  q = await ok(s.c.rep.post(`/api/v1/quotes/${q.id}/send`, { version: q.version }));
  return ok(s.c.rep.post(`/api/v1/quotes/${q.id}/accept`, { version: q.version }));
}
async function contractAwaitingSignature() {
  const { opp } = await deal();
  const q = await acceptedQuote(opp.id);
  const c = await ok(s.c.rep.post('/api/v1/contracts', { opportunityId: opp.id, quoteId: q.id, title: 'Rollout' }), 201);
  return ok(s.c.rep.post(`/api/v1/contracts/${c.id}/request-signature`, { version: c.version }));
}
async function signedContract() {
  let c = await contractAwaitingSignature();
  c = await ok(s.c.rep.post(`/api/v1/contracts/${c.id}/sign`, { version: c.version, side: 'customer', date: '2026-03-05' }));
  return ok(s.c.rep.post(`/api/v1/contracts/${c.id}/sign`, { version: c.version, side: 'company', date: '2026-03-06' }));
}

const READ = { rep: 200, rep2: 404, rep3: 404, mgr: 200, mgr2: 404, director: 200, exec: 200, pm: 404, foreign: 404 } as const;
/** A write with a stale version: those allowed reach the version check (409); the rest never see the record. */
const WRITE_STALE = { rep: 409, rep2: 404, rep3: 404, mgr: 409, mgr2: 404, director: 409, exec: 403, pm: 404, foreign: 404 } as const;

describe('contracting: products', () => {
  it('sales managers keep the catalogue; every sales user reads it; others get 403', async () => {
    const p = await ok(s.c.mgr.post('/api/v1/products', { code: 'IMPL-D', name: 'Implementation day', kind: 'service_hours', unit: 'day', listPrice: 8_000_00, currency: 'CNY', estimatedUnitCost: 4_200_00 }), 201);
    expect(p).toMatchObject({ code: 'IMPL-D', kind: 'service_hours', listPrice: 800000, estimatedUnitCost: 420000, active: true, version: 1 });
    const list = await ok(s.c.rep.get('/api/v1/products'));
    expect(list.items.map((x: { code: string }) => x.code)).toContain('IMPL-D');
    expect(list.abilities).toEqual({ manage: false });
    for (const k of ['rep', 'rep3', 'exec', 'mgr2'] as const) expect((await s.c[k].get('/api/v1/products')).statusCode).toBe(200);
    expect((await s.c.pm.get('/api/v1/products')).statusCode).toBe(404);
    expect((await s.c.foreign.get('/api/v1/products')).json().items.map((x: { code: string }) => x.code)).not.toContain('IMPL-D');
    for (const k of ['rep', 'exec', 'pm'] as const) {
      expect((await s.c[k].post('/api/v1/products', { code: 'X', name: 'X', kind: 'licence', unit: 'seat', listPrice: 1, currency: 'CNY', estimatedUnitCost: 0 })).statusCode).toBe(403);
      expect((await s.c[k].patch(`/api/v1/products/${p.id}`, { version: 1, name: 'Y' })).statusCode).toBe(403);
    }
    expect((await s.c.foreign.patch(`/api/v1/products/${p.id}`, { version: 1, name: 'Y' })).statusCode).toBe(404);
    const up = await ok(s.c.mgr2.patch(`/api/v1/products/${p.id}`, { version: 1, listPrice: 8_500_00, active: false }));
    expect(up).toMatchObject({ listPrice: 850000, active: false, version: 2 });
    expect((await s.c.mgr.patch(`/api/v1/products/${p.id}`, { version: 1, name: 'Stale' })).statusCode).toBe(409);
    expect((await ok(s.c.rep.get('/api/v1/products?active=true'))).items.map((x: { id: string }) => x.id)).not.toContain(p.id);
  });

  it('rejects negative and non-numeric prices, unknown kinds, duplicate codes', async () => {
    const before = await count('products');
    const base = { code: 'LIC', name: 'Licence', kind: 'licence', unit: 'seat', listPrice: 100_00, currency: 'CNY', estimatedUnitCost: 10_00 };
    for (const [body, path] of [
      [{ listPrice: -1 }, 'listPrice'], [{ listPrice: 'ten' }, 'listPrice'], [{ listPrice: 1.5 }, 'listPrice'], [{ estimatedUnitCost: -5 }, 'estimatedUnitCost'],
      [{ kind: 'hardware' }, 'kind'], [{ currency: 'yuan' }, 'currency'], [{ code: '' }, 'code'],
    ] as const) {
      const r = await s.c.mgr.post('/api/v1/products', { ...base, ...body });
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    await ok(s.c.mgr.post('/api/v1/products', base), 201);
    expect((await s.c.mgr.post('/api/v1/products', base)).json().error.details[0].path).toBe('code');
    expect(await count('products')).toBe(before + 1);
  });
});

describe('contracting: quotes', () => {
  it('computes lines, totals and margin; versions supersede the open one and copy lines', async () => {
    const { opp } = await deal();
    const q1 = await quoteWith(opp.id, [LINE, { description: 'Licence', quantity: 2.5, unit: 'seat', unitPrice: 333, discountPercent: 0, estimatedUnitCost: 100 }]);
    expect(q1).toMatchObject({ number: expect.stringMatching(/^Q-2026-\d{4}$/), quoteVersion: 1, status: 'draft', currency: 'CNY', listTotal: 80_000_00 + 833, netTotal: 72_000_00 + 833, costTotal: 40_000_00 + 250, maxDiscountPercent: 10, discountApprovalPercent: 15 });
    expect(q1.margin).toBeCloseTo((7200833 - 4000250) / 7200833, 10);
    expect(q1.lines.map((l: { netAmount: number; position: number }) => [l.position, l.netAmount])).toEqual([[1, 72_000_00], [2, 833]]);
    expect(q1.abilities).toMatchObject({ editLines: true, submit: true, approve: false, send: false });
    const q2 = await ok(s.c.rep.post(`/api/v1/opportunities/${opp.id}/quotes`, { fromQuoteId: q1.id }), 201);
    expect(q2).toMatchObject({ number: q1.number, quoteVersion: 2, status: 'draft', netTotal: q1.netTotal });
    expect(q2.lines).toHaveLength(2);
    const list = await ok(s.c.rep.get(`/api/v1/opportunities/${opp.id}/quotes`));
    expect(list.items.map((q: { quoteVersion: number; status: string }) => [q.quoteVersion, q.status])).toEqual([[2, 'draft'], [1, 'superseded']]);
    // Only a draft's lines change.
    expect((await s.c.rep.put(`/api/v1/quotes/${q1.id}/lines`, { version: q1.version + 1, lines: [] })).statusCode).toBe(422);
    expect((await s.c.rep.put(`/api/v1/quotes/${q2.id}/lines`, { version: 99, lines: [] })).statusCode).toBe(409);
  });

  it('rejects negative prices, discounts above 100, bad quantities and dates, products of another org; writes nothing', async () => {
    const { opp } = await deal();
    const q = await quoteWith(opp.id, [LINE]);
    const foreignProduct = await ok(s.c.foreign.post('/api/v1/products', { code: 'F', name: 'F', kind: 'licence', unit: 'seat', listPrice: 1, currency: 'CNY', estimatedUnitCost: 0 }), 201);
    const before = { lines: await count('quote_lines'), audit: await count('audit_events') };
    for (const [line, path] of [
      [{ unitPrice: -100 }, 'lines.0.unitPrice'], [{ unitPrice: 'cheap' }, 'lines.0.unitPrice'], [{ discountPercent: 101 }, 'lines.0.discountPercent'], [{ discountPercent: -1 }, 'lines.0.discountPercent'],
      [{ quantity: 0 }, 'lines.0.quantity'], [{ quantity: 'many' }, 'lines.0.quantity'], [{ estimatedUnitCost: -1 }, 'lines.0.estimatedUnitCost'], [{ productId: foreignProduct.id }, 'lines.0.productId'],
    ] as const) {
      const r = await s.c.rep.put(`/api/v1/quotes/${q.id}/lines`, { version: q.version, lines: [{ ...LINE, ...line }] });
      expect(r.statusCode, JSON.stringify(line)).toBe(400);
      expect(r.json().error.details.map((d: { path: string }) => d.path), JSON.stringify(line)).toContain(path);
    }
    expect((await s.c.rep.put(`/api/v1/quotes/${q.id}/lines`, { version: q.version, validUntil: '2026-02-30', lines: [] })).json().error.details[0].path).toBe('validUntil');
    expect({ lines: await count('quote_lines'), audit: await count('audit_events') }).toEqual(before);
    expect(await ok(s.c.rep.get(`/api/v1/quotes/${q.id}`))).toEqual(q);
  });

  it('a discount above the limit waits for a manager over the owner, who is notified; at or below it is approved at once', async () => {
    const { opp } = await deal();
    // The default limit is 15% (no settings row): 15% itself passes.
    let small = await quoteWith(opp.id, [{ ...LINE, discountPercent: 15 }]);
    small = await ok(s.c.rep.post(`/api/v1/quotes/${small.id}/submit`, { version: small.version }));
    expect(small).toMatchObject({ status: 'approved', approvedBy: null });

    let big = await quoteWith(opp.id, [LINE, { ...LINE, discountPercent: 30 }]);
    const mgrNotes = (await notificationsOf(s.id.mgr)).length;
    big = await ok(s.c.rep.post(`/api/v1/quotes/${big.id}/submit`, { version: big.version }));
    expect(big).toMatchObject({ status: 'pending_approval', maxDiscountPercent: 30 });
    expect(big.abilities).toMatchObject({ approve: false, send: false });
    const notes = await notificationsOf(s.id.mgr);
    expect(notes).toHaveLength(mgrNotes + 1);
    expect(notes.at(-1)).toMatchObject({ kind: 'quote_approval', link: `/sales/opportunities/${opp.id}?tab=quotes` });
    expect((await notificationsOf(s.id.director)).some((n) => n.dedupe_key === `quote-approval:${big.id}:${big.version - 1}:${s.id.director}`)).toBe(true);
    expect((await notificationsOf(s.id.mgr2)).filter((n) => n.kind === 'quote_approval')).toHaveLength(0);

    // Who approves: the owner's managers; the owner, a peer, another team's manager, exec, pm do not.
    await matrix((c) => c.post(`/api/v1/quotes/${big.id}/approve`, { version: 999 }), { rep: 403, rep2: 404, rep3: 404, mgr: 409, mgr2: 404, director: 409, exec: 403, pm: 404, foreign: 404 });
    expect((await s.c.mgr.get(`/api/v1/quotes/${big.id}`)).json().abilities).toMatchObject({ approve: true, rejectApproval: true });
    // Sending the discount back needs a reason.
    expect((await s.c.mgr.post(`/api/v1/quotes/${big.id}/reject-approval`, { version: big.version })).json().error.details[0].path).toBe('note');
    big = await ok(s.c.mgr.post(`/api/v1/quotes/${big.id}/reject-approval`, { version: big.version, note: 'Too deep: 20% at most' }));
    expect(big).toMatchObject({ status: 'draft', approvalNote: 'Too deep: 20% at most' });
    big = await ok(s.c.rep.post(`/api/v1/quotes/${big.id}/submit`, { version: big.version }));
    big = await ok(s.c.mgr.post(`/api/v1/quotes/${big.id}/approve`, { version: big.version, note: 'OK for this customer' }));
    expect(big).toMatchObject({ status: 'approved', approvedBy: s.id.mgr, approvalNote: 'OK for this customer' });
    expect((await s.c.rep.post(`/api/v1/quotes/${big.id}/accept`, { version: big.version })).statusCode).toBe(422);
    big = await ok(s.c.rep.post(`/api/v1/quotes/${big.id}/send`, { version: big.version }));
    big = await ok(s.c.rep.post(`/api/v1/quotes/${big.id}/accept`, { version: big.version }));
    expect(big).toMatchObject({ status: 'accepted' });
    expect(big.sentAt).not.toBeNull();
    expect(big.decidedAt).not.toBeNull();
  });

  it('honours the organisation’s own limit from sales_settings', async () => {
    const at = '2026-03-01T00:00:00.000Z';
    await db().insertInto('sales_settings').values({ id: crypto.randomUUID(), org_id: s.orgId, discount_approval_percent: 5, renewal_notice_days: 30, default_cadence_days: 30, created_at: at, updated_at: at, version: 1 }).execute();
    try {
      const { opp } = await deal();
      let q = await quoteWith(opp.id, [{ ...LINE, discountPercent: 6 }]);
      expect(q.discountApprovalPercent).toBe(5);
      q = await ok(s.c.rep.post(`/api/v1/quotes/${q.id}/submit`, { version: q.version }));
      expect(q.status).toBe('pending_approval');
    } finally {
      await db().deleteFrom('sales_settings').where('org_id', '=', s.orgId).execute();
    }
  });

  it('access: quotes are judged through their opportunity', async () => {
    const { opp } = await deal();
    const q = await quoteWith(opp.id, [LINE]);
    await matrix((c) => c.get(`/api/v1/opportunities/${opp.id}/quotes`), READ);
    await matrix((c) => c.get(`/api/v1/quotes/${q.id}`), READ);
    await matrix((c) => c.put(`/api/v1/quotes/${q.id}/lines`, { version: 999, lines: [] }), WRITE_STALE);
    for (const action of ['submit', 'send', 'accept', 'reject']) await matrix((c) => c.post(`/api/v1/quotes/${q.id}/${action}`, { version: 999 }), WRITE_STALE);
    await matrix((c) => c.post(`/api/v1/quotes/${q.id}/reject-approval`, { version: 999, note: 'x' }), { rep: 403, rep2: 404, rep3: 404, mgr: 409, mgr2: 404, director: 409, exec: 403, pm: 404, foreign: 404 });
    const quotes = await count('quotes');
    await matrix((c) => c.post(`/api/v1/opportunities/${opp.id}/quotes`, {}), { rep2: 404, rep3: 404, mgr2: 404, exec: 403, pm: 404, foreign: 404 });
    expect(await count('quotes')).toBe(quotes);
    await matrix((c) => c.post(`/api/v1/opportunities/${opp.id}/quotes`, {}), { mgr: 201 });
    expect((await s.c.exec.get(`/api/v1/quotes/${q.id}`)).json().abilities).toMatchObject({ newVersion: false, editLines: false, submit: false });
  });
});

describe('contracting: contracts', () => {
  it('makes a contract from an accepted quote, logs rounds, signs on both sides, and tells the owner', async () => {
    const { opp, account } = await deal();
    const draftQuote = await quoteWith(opp.id, [LINE]);
    expect((await s.c.rep.post('/api/v1/contracts', { opportunityId: opp.id, quoteId: draftQuote.id, title: 'X' })).statusCode).toBe(422);
    const q = await acceptedQuote(opp.id);
    let c = await ok(s.c.rep.post('/api/v1/contracts', { opportunityId: opp.id, quoteId: q.id, title: 'ERP rollout', renewalDate: '2027-03-01', startDate: '2026-04-01', endDate: '2027-02-28' }), 201);
    expect(c).toMatchObject({ accountId: account.id, ownerId: s.id.rep, quoteId: q.id, value: q.netTotal, valueBase: q.netTotal, currency: 'CNY', status: 'draft', number: expect.stringMatching(/^C-2026-\d{4}$/), rounds: [] });
    expect((await s.c.rep.post(`/api/v1/contracts/${c.id}/sign`, { version: c.version, side: 'customer', date: '2026-03-05' })).statusCode).toBe(422);
    c = await ok(s.c.rep.post(`/api/v1/contracts/${c.id}/rounds`, { version: c.version, date: '2026-03-03', summary: 'Payment terms 30 → 45 days', reason: 'Customer policy', valueAfter: q.netTotal - 100_00 }));
    expect(c).toMatchObject({ status: 'negotiating', value: q.netTotal - 100_00, rounds: [{ round: 1, summary: 'Payment terms 30 → 45 days', valueBefore: q.netTotal, valueAfter: q.netTotal - 100_00, byId: s.id.rep, byName: 'Rep One' }] });
    c = await ok(s.c.rep.post(`/api/v1/contracts/${c.id}/request-signature`, { version: c.version }));
    expect(c.status).toBe('awaiting_signature');
    expect((await s.c.rep.post(`/api/v1/contracts/${c.id}/request-signature`, { version: c.version })).statusCode).toBe(422);
    c = await ok(s.c.rep.post(`/api/v1/contracts/${c.id}/sign`, { version: c.version, side: 'company', date: '2026-03-09' }));
    expect(c).toMatchObject({ status: 'awaiting_signature', companySignedOn: '2026-03-09', signedOn: null });
    expect((await s.c.rep.post(`/api/v1/contracts/${c.id}/sign`, { version: c.version, side: 'company', date: '2026-03-10' })).statusCode).toBe(422);
    c = await ok(s.c.rep.post(`/api/v1/contracts/${c.id}/sign`, { version: c.version, side: 'customer', date: '2026-03-07' }));
    expect(c).toMatchObject({ status: 'signed', customerSignedOn: '2026-03-07', signedOn: '2026-03-09' });
    expect((await notificationsOf(s.id.rep)).filter((n) => n.kind === 'contract_signed').map((n) => n.link)).toEqual([`/sales/contracts/${c.id}`]);
    expect((await s.c.rep.post(`/api/v1/contracts/${c.id}/sign`, { version: c.version, side: 'customer', date: '2026-03-07' })).statusCode).toBe(422);
    expect((await s.c.rep.post(`/api/v1/contracts/${c.id}/rounds`, { version: c.version, date: '2026-03-10', summary: 'Late' })).statusCode).toBe(422);
    expect((await s.c.rep.patch(`/api/v1/contracts/${c.id}`, { version: c.version, value: 1 })).statusCode).toBe(422);
    c = await ok(s.c.rep.post(`/api/v1/contracts/${c.id}/activate`, { version: c.version }));
    expect(c.status).toBe('active');
    c = await ok(s.c.rep.post(`/api/v1/contracts/${c.id}/complete`, { version: c.version }));
    expect(c.status).toBe('completed');
    expect((await s.c.rep.post(`/api/v1/contracts/${c.id}/terminate`, { version: c.version })).statusCode).toBe(422);
    const audit = await db().selectFrom('audit_events').select('action').where('entity_id', '=', c.id).orderBy('created_at').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'negotiation_round', 'request_signature', 'sign_company', 'sign_customer', 'activate', 'complete']);
  });

  it('rejects bad input: negative or missing values, bad dates, end before start, duplicate numbers; writes nothing', async () => {
    const { account, opp } = await deal();
    const before = { contracts: await count('contracts'), audit: await count('audit_events') };
    for (const [body, path] of [
      [{ accountId: account.id, title: 'X', value: -1, currency: 'CNY' }, 'value'],
      [{ accountId: account.id, title: 'X', value: 'lots', currency: 'CNY' }, 'value'],
      [{ accountId: account.id, title: 'X', currency: 'CNY' }, 'value'],
      [{ accountId: account.id, title: 'X', value: 1, currency: 'CNY', startDate: 'soon' }, 'startDate'],
      [{ accountId: account.id, title: 'X', value: 1, currency: 'CNY', renewalDate: '2026-13-01' }, 'renewalDate'],
      [{ accountId: account.id, title: 'X', value: 1, currency: 'CNY', startDate: '2026-05-01', endDate: '2026-04-01' }, 'endDate'],
      [{ accountId: account.id, title: 'X', value: 1, currency: 'USD' }, 'currency'], // no exchange rate
      [{ title: 'X', value: 1, currency: 'CNY' }, 'accountId'],
    ] as const) {
      const r = await s.c.rep.post('/api/v1/contracts', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.details.map((d: { path: string }) => d.path), JSON.stringify(body)).toContain(path);
    }
    expect({ contracts: await count('contracts'), audit: await count('audit_events') }).toEqual(before);
    const c = await ok(s.c.rep.post('/api/v1/contracts', { opportunityId: opp.id, title: 'Manual', value: 50_000_00, number: 'MAN-1' }), 201);
    expect(c).toMatchObject({ number: 'MAN-1', value: 50_000_00, currency: 'CNY', quoteId: null });
    expect((await s.c.rep.post('/api/v1/contracts', { accountId: account.id, title: 'Dup', value: 1, currency: 'CNY', number: 'MAN-1' })).json().error.details[0].path).toBe('number');
    expect((await s.c.rep.post(`/api/v1/contracts/${c.id}/sign`, { version: c.version, side: 'customer', date: '2026-02-30' })).statusCode).toBe(400);
    expect((await s.c.rep.post(`/api/v1/contracts/${c.id}/sign`, { version: c.version, side: 'landlord', date: '2026-03-01' })).statusCode).toBe(400);
    expect((await s.c.rep.patch(`/api/v1/contracts/${c.id}`, { version: c.version, endDate: '2026-01-01', startDate: '2026-02-01' })).statusCode).toBe(400);
    expect((await s.c.rep.post(`/api/v1/contracts/${c.id}/rounds`, { version: c.version, date: 'yesterday', summary: 'x' })).statusCode).toBe(400);
  });

  it('access: rep vs peer, managers, exec read-only, pm and foreign', async () => {
    const c = await contractAwaitingSignature();
    const { account, opp } = await deal();
    await matrix((x) => x.get(`/api/v1/contracts/${c.id}`), READ);
    await matrix((x) => x.patch(`/api/v1/contracts/${c.id}`, { version: 999, title: 'Z' }), WRITE_STALE);
    await matrix((x) => x.post(`/api/v1/contracts/${c.id}/rounds`, { version: 999, date: '2026-03-04', summary: 'Z' }), WRITE_STALE);
    await matrix((x) => x.post(`/api/v1/contracts/${c.id}/sign`, { version: 999, side: 'customer', date: '2026-03-04' }), WRITE_STALE);
    for (const a of ['request-signature', 'activate', 'complete', 'terminate']) await matrix((x) => x.post(`/api/v1/contracts/${c.id}/${a}`, { version: 999 }), WRITE_STALE);
    await matrix((x) => x.post(`/api/v1/contracts/${c.id}/order`, { version: 999 }), WRITE_STALE);
    const before = await count('contracts');
    await matrix((x) => x.post('/api/v1/contracts', { opportunityId: opp.id, title: 'T', value: 1 }), { rep2: 404, rep3: 404, mgr2: 404, exec: 403, pm: 403, foreign: 404 });
    await matrix((x) => x.post('/api/v1/contracts', { accountId: account.id, title: 'T', value: 1, currency: 'CNY' }), { rep2: 404, rep3: 404, mgr2: 404, exec: 403, pm: 403, foreign: 404 });
    expect(await count('contracts')).toBe(before);
    await matrix((x) => x.post('/api/v1/contracts', { accountId: account.id, title: 'By the manager', value: 1, currency: 'CNY' }), { mgr: 201 });
    const ids = async (k: SalesCastKey) => (await ok(s.c[k].get('/api/v1/contracts?limit=200'))).items.map((x: { id: string }) => x.id);
    expect(await ids('rep')).toContain(c.id);
    for (const k of ['mgr', 'director', 'exec'] as const) expect(await ids(k)).toContain(c.id);
    for (const k of ['rep2', 'rep3', 'mgr2', 'foreign'] as const) expect(await ids(k)).not.toContain(c.id);
    // shared with rep3 (another team), it is in rep3's list, read-only; unshared, gone again
    expect((await s.c.rep.put(`/api/v1/sales-shares/contract/${c.id}/${s.id.rep3}`, { access: 'read' })).statusCode).toBe(200);
    expect((await ok(s.c.rep3.get('/api/v1/contracts?limit=200'))).items.find((x: { id: string }) => x.id === c.id)?.abilities).toMatchObject({ update: false });
    expect((await s.c.rep.delete(`/api/v1/sales-shares/contract/${c.id}/${s.id.rep3}`)).statusCode).toBe(200);
    expect(await ids('rep3')).not.toContain(c.id);
    expect((await s.c.pm.get('/api/v1/contracts')).statusCode).toBe(403);
    const execList = await ok(s.c.exec.get('/api/v1/contracts'));
    expect(execList.abilities).toEqual({ create: false });
    expect(execList.items.find((x: { id: string }) => x.id === c.id).abilities).toMatchObject({ update: false });
    expect((await ok(s.c.mgr.get('/api/v1/contracts?limit=200'))).items.find((x: { id: string }) => x.id === c.id).abilities).toMatchObject({ update: true });
  });

  it('lists with filters and keyset pages', async () => {
    const signed = await signedContract();
    const other = await contractAwaitingSignature();
    const list = async (q: string) => (await ok(s.c.rep.get(`/api/v1/contracts${q}`))).items.map((x: { id: string }) => x.id);
    expect(await list('?status=signed')).toContain(signed.id);
    expect(await list('?status=signed')).not.toContain(other.id);
    expect(await list(`?accountId=${signed.accountId}`)).toEqual([signed.id]);
    expect(await list('?signedFrom=2026-03-06&signedTo=2026-03-06')).toContain(signed.id);
    expect(await list('?signedFrom=2026-03-07')).not.toContain(signed.id);
    expect(await list(`?ownerId=${s.id.rep2}`)).toEqual([]);
    expect((await s.c.rep.get('/api/v1/contracts?signedFrom=March')).statusCode).toBe(400);
    const all = await list('?limit=200');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await ok(s.c.rep.get(`/api/v1/contracts?limit=2${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('reminds the owner of a renewal once per contract and renewal date, within the notice', async () => {
    const c = await signedContract();
    await ok(s.c.rep.patch(`/api/v1/contracts/${c.id}`, { version: c.version, renewalDate: '2026-06-30' }));
    const mine = async () => (await notificationsOf(s.id.rep)).filter((n) => n.kind === 'contract_renewal' && n.link === `/sales/contracts/${c.id}`);
    // 60 days of notice by default: 2026-04-30 is one day too early.
    expect(await sweepRenewalReminders(db(), new FixedClock('2026-04-30T00:30:00.000Z'))).toBe(0);
    expect(await mine()).toHaveLength(0);
    expect(await sweepRenewalReminders(db(), new FixedClock('2026-05-01T12:00:00.000Z'))).toBeGreaterThanOrEqual(1);
    expect(await mine()).toHaveLength(1);
    expect((await mine())[0]).toMatchObject({ title: `Contract renewal coming up: ${c.number}` });
    expect(await sweepRenewalReminders(db(), new FixedClock('2026-05-02T12:00:00.000Z'))).toBe(0);
    // A new renewal date is reminded in its turn.
    const cur = await ok(s.c.rep.get(`/api/v1/contracts/${c.id}`));
    await ok(s.c.rep.patch(`/api/v1/contracts/${c.id}`, { version: cur.version, renewalDate: '2026-07-15' }));
    expect(await sweepRenewalReminders(db(), new FixedClock('2026-05-20T12:00:00.000Z'))).toBe(1);
    expect(await mine()).toHaveLength(2);
  });
});

describe('contracting: orders', () => {
  it('an order from a signed contract, one per contract, with the quote’s lines and milestones that add up', async () => {
    const waiting = await contractAwaitingSignature();
    expect((await s.c.rep.post(`/api/v1/contracts/${waiting.id}/order`, { version: waiting.version })).statusCode).toBe(422);
    const c = await signedContract();
    const o = await ok(s.c.rep.post(`/api/v1/contracts/${c.id}/order`, { version: c.version }), 201);
    expect(o).toMatchObject({ contractId: c.id, value: c.value, status: 'open', invoicedTotal: 0, paidTotal: 0, milestones: [], number: `${c.number}-O` });
    expect(o.lines.map((l: { description: string; netAmount: number }) => [l.description, l.netAmount])).toEqual([['Implementation days', 72_000_00]]);
    expect((await s.c.rep.post(`/api/v1/contracts/${c.id}/order`, { version: c.version })).statusCode).toBe(422);
    expect((await ok(s.c.rep.get(`/api/v1/contracts/${c.id}`))).orderId).toBe(o.id);

    const before = await count('billing_milestones');
    const bad = await s.c.rep.put(`/api/v1/orders/${o.id}/milestones`, { version: o.version, milestones: [{ name: 'Kick-off', amount: 1000, dueDate: '2026-04-01' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('milestones');
    for (const m of [{ amount: -1 }, { amount: 'half' }, { dueDate: '2026-04-31' }, { name: '' }]) {
      expect((await s.c.rep.put(`/api/v1/orders/${o.id}/milestones`, { version: o.version, milestones: [{ name: 'A', amount: c.value, dueDate: '2026-04-01', ...m }] })).statusCode, JSON.stringify(m)).toBe(400);
    }
    expect(await count('billing_milestones')).toBe(before);
    const half = Math.floor(c.value / 2);
    let order = await ok(s.c.rep.put(`/api/v1/orders/${o.id}/milestones`, { version: o.version, milestones: [{ name: 'Kick-off', amount: half, dueDate: '2026-04-01' }, { name: 'Go-live', amount: c.value - half, dueDate: '2026-09-01' }] }));
    expect(order.milestones.map((m: { name: string; amount: number }) => [m.name, m.amount])).toEqual([['Kick-off', half], ['Go-live', c.value - half]]);
    const [m1, m2] = order.milestones;
    expect((await s.c.rep.post(`/api/v1/milestones/${m1.id}/pay`, { version: m1.version, date: '2026-04-10' })).statusCode).toBe(422);
    order = await ok(s.c.rep.post(`/api/v1/milestones/${m1.id}/invoice`, { version: m1.version, date: '2026-04-01' }));
    expect(order).toMatchObject({ invoicedTotal: half, paidTotal: 0, abilities: { editMilestones: false } });
    expect((await s.c.rep.put(`/api/v1/orders/${o.id}/milestones`, { version: order.version, milestones: [{ name: 'All', amount: c.value, dueDate: '2026-04-01' }] })).statusCode).toBe(422);
    expect((await s.c.rep.post(`/api/v1/milestones/${m1.id}/pay`, { version: m1.version + 1, date: '2026-03-31' })).statusCode).toBe(400);
    order = await ok(s.c.rep.post(`/api/v1/milestones/${m1.id}/pay`, { version: m1.version + 1, date: '2026-04-20' }));
    expect(order).toMatchObject({ paidTotal: half, status: 'open' });
    order = await ok(s.c.rep.post(`/api/v1/milestones/${m2.id}/invoice`, { version: m2.version, date: '2026-09-01' }));
    order = await ok(s.c.rep.post(`/api/v1/milestones/${m2.id}/pay`, { version: m2.version + 1, date: '2026-09-15' }));
    expect(order).toMatchObject({ invoicedTotal: c.value, paidTotal: c.value, status: 'fulfilled' });

    await matrix((x) => x.get(`/api/v1/orders/${o.id}`), READ);
    await matrix((x) => x.put(`/api/v1/orders/${o.id}/milestones`, { version: 999, milestones: [{ name: 'A', amount: c.value, dueDate: '2026-04-01' }] }), WRITE_STALE);
    await matrix((x) => x.post(`/api/v1/milestones/${m1.id}/invoice`, { version: 999, date: '2026-04-01' }), WRITE_STALE);
    await matrix((x) => x.post(`/api/v1/milestones/${m1.id}/pay`, { version: 999, date: '2026-04-01' }), WRITE_STALE);
  });
});

describe('contracting: satisfaction surveys', () => {
  it('a rep sends a survey; the customer answers once on the public link without a session; the sender is told', async () => {
    const c = await signedContract();
    const sent = await ok(s.c.rep.post('/api/v1/surveys', { kind: 'csat', accountId: c.accountId, contractId: c.id, email: 'buyer@customer.test' }), 201);
    expect(sent.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sent.link).toMatch(new RegExp(`/survey/${sent.token}$`));
    expect(sent.survey).toMatchObject({ kind: 'csat', accountId: c.accountId, contractId: c.id, sentToEmail: 'buyer@customer.test', sentBy: s.id.rep, answeredAt: null });
    const stored = await db().selectFrom('surveys').selectAll().where('id', '=', sent.survey.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(sent.token);
    const mail = await db().selectFrom('mail_outbox').selectAll().where('to_address', '=', 'buyer@customer.test').execute();
    expect(mail.at(-1)!.body).toContain(sent.token);

    const org = await db().selectFrom('organisations').select('name').where('id', '=', s.orgId).executeTakeFirstOrThrow();
    const page = await ok(anon().get(`/api/v1/public/surveys/${sent.token}`));
    expect(page).toEqual({ kind: 'csat', companyName: org.name, answered: false });
    const bad = await anon().post(`/api/v1/public/surveys/${sent.token}`, { csat: 6 });
    expect(bad.statusCode).toBe(400);
    expect((await anon().post(`/api/v1/public/surveys/${sent.token}`, { nps: 9 })).json().error.details[0].path).toBe('csat');
    expect((await anon().post(`/api/v1/public/surveys/${sent.token}`, { csat: 2.5 })).statusCode).toBe(400);
    expect(await ok(anon().post(`/api/v1/public/surveys/${sent.token}`, { csat: 4, comment: 'Smooth rollout' }))).toEqual({ kind: 'csat', companyName: org.name, answered: true });
    expect((await anon().post(`/api/v1/public/surveys/${sent.token}`, { csat: 5 })).statusCode).toBe(409);
    expect((await ok(anon().get(`/api/v1/public/surveys/${sent.token}`))).answered).toBe(true);
    expect((await notificationsOf(s.id.rep)).filter((n) => n.kind === 'survey_answered').at(-1)).toMatchObject({ body: 'CSAT 4/5 — Smooth rollout' });

    const list = await ok(s.c.rep.get(`/api/v1/surveys?accountId=${c.accountId}`));
    expect(list.items[0]).toMatchObject({ id: sent.survey.id, csat: 4, nps: null, comment: 'Smooth rollout' });
    expect(list.abilities).toEqual({ create: true });
  });

  it('NPS 0–10; unknown, malformed and expired tokens are 404 or 400', async () => {
    const { account } = await deal();
    const sent = await ok(s.c.rep.post('/api/v1/surveys', { kind: 'nps', accountId: account.id, email: 'cto@customer.test', expiresInDays: 1 }), 201);
    expect((await anon().post(`/api/v1/public/surveys/${sent.token}`, { nps: 11 })).statusCode).toBe(400);
    expect((await anon().post(`/api/v1/public/surveys/${sent.token}`, { nps: -1 })).statusCode).toBe(400);
    expect((await anon().get(`/api/v1/public/surveys/${'x'.repeat(43)}`)).statusCode).toBe(404);
    expect((await anon().post(`/api/v1/public/surveys/${'x'.repeat(43)}`, { nps: 5 })).statusCode).toBe(404);
    expect((await anon().get('/api/v1/public/surveys/short')).statusCode).toBe(400);
    t.clock.advance(2 * 86_400_000);
    try {
      expect((await anon().get(`/api/v1/public/surveys/${sent.token}`)).statusCode).toBe(404);
      expect((await anon().post(`/api/v1/public/surveys/${sent.token}`, { nps: 9 })).statusCode).toBe(404);
    } finally {
      t.clock.advance(-2 * 86_400_000);
    }
    expect(await ok(anon().post(`/api/v1/public/surveys/${sent.token}`, { nps: 0 }))).toMatchObject({ kind: 'nps', answered: true });
  });

  it('access and bad input', async () => {
    const { account } = await deal();
    const theirs = await signedContract();
    const before = await count('surveys');
    await matrix((x) => x.post('/api/v1/surveys', { kind: 'csat', accountId: account.id, email: 'a@b.test' }), { rep2: 404, rep3: 404, mgr2: 404, exec: 403, pm: 404, foreign: 404 });
    for (const [body, path] of [
      [{ kind: 'ces' }, 'kind'], [{ email: 'not-mail' }, 'email'], [{ contractId: theirs.id }, 'contractId'], [{ projectId: crypto.randomUUID() }, 'projectId'], [{ expiresInDays: 0 }, 'expiresInDays'],
    ] as const) {
      const r = await s.c.rep.post('/api/v1/surveys', Object.assign({ kind: 'csat', accountId: account.id, email: 'a@b.test' }, body));
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect(await count('surveys')).toBe(before);
    await matrix((x) => x.post('/api/v1/surveys', { kind: 'csat', accountId: account.id, email: 'a@b.test' }), { mgr: 201 });
    await matrix((x) => x.get(`/api/v1/surveys?accountId=${account.id}`), READ);
  });
});

describe('contracting: one contract per quote, numbers that never collide (review)', () => {
  it('refuses a second contract from the same accepted quote, and a second accepted version', async () => {
    const { opp } = await deal();
    const q = await acceptedQuote(opp.id);
    const first = await ok(s.c.rep.post('/api/v1/contracts', { opportunityId: opp.id, quoteId: q.id, title: 'Once' }), 201);
    const again = await s.c.rep.post('/api/v1/contracts', { opportunityId: opp.id, quoteId: q.id, title: 'Twice' });
    expect([again.statusCode, again.json().error.message]).toEqual([422, `Contract ${first.number} was made from this quote already.`]);
    // A new version copied from the accepted one cannot be accepted beside it.
    let v2 = await ok(s.c.rep.post(`/api/v1/opportunities/${opp.id}/quotes`, { fromQuoteId: q.id }), 201);
    v2 = await ok(s.c.rep.post(`/api/v1/quotes/${v2.id}/submit`, { version: v2.version }));
    v2 = await ok(s.c.rep.post(`/api/v1/quotes/${v2.id}/send`, { version: v2.version }));
    const accept2 = await s.c.rep.post(`/api/v1/quotes/${v2.id}/accept`, { version: v2.version });
    expect(accept2.statusCode).toBe(422);
  });

  it('gives distinct quote and contract numbers to creations at the same moment', async () => {
    const deals = await Promise.all(Array.from({ length: 6 }, () => deal()));
    const quotes = await Promise.all(deals.map(({ opp }) => s.c.rep.post(`/api/v1/opportunities/${opp.id}/quotes`, {})));
    expect(quotes.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    const numbers = quotes.map((r) => r.json().number as string);
    expect(new Set(numbers).size).toBe(6);
    const contracts = await Promise.all(deals.map(({ account }) => s.c.rep.post('/api/v1/contracts', { accountId: account.id, title: 'Parallel', value: 1_000_00, currency: 'CNY' })));
    expect(contracts.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(contracts.map((r) => r.json().number)).size).toBe(6);
    // Racing for the next version of one quote: one wins, the others are told to try again (409, not 500).
    const { opp } = await deal();
    const race = await Promise.all([1, 2, 3].map(() => s.c.rep.post(`/api/v1/opportunities/${opp.id}/quotes`, {})));
    expect(race.every((r) => r.statusCode === 201 || r.statusCode === 409)).toBe(true);
    expect(race.some((r) => r.statusCode === 201)).toBe(true);
  });
});
