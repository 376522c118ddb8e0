import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildContract, buildOpportunity, signInSalesCast, type SalesCast } from '../../../../test/sales-factories.js';
import { createTestApp, type Client, type TestApp } from '../../../../test/setup.js';

let t: TestApp;
let s: SalesCast;
beforeAll(async () => {
  t = await createTestApp();
  s = await signInSalesCast(t);
});
afterAll(() => t.close());

const auditOf = (entityId: string) => t.database.db.selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).orderBy('created_at').orderBy('id').execute();
const names = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((x) => x.name);

describe('competitors', () => {
  it('lets reps and managers add and edit competitors, executives only read, others see nothing', async () => {
    const res = await s.c.rep.post('/api/v1/competitors', { name: 'Acme Software', website: 'https://acme.test', strengths: 'Cheap', weaknesses: 'Slow support', pricingNotes: '20% below us' });
    expect(res.statusCode, res.body).toBe(201);
    const acme = res.json();
    expect(acme).toMatchObject({ name: 'Acme Software', website: 'https://acme.test', strengths: 'Cheap', weaknesses: 'Slow support', pricingNotes: '20% below us', version: 1, abilities: { update: true } });
    expect((await auditOf(acme.id)).map((a) => [a.action, a.actor_id])).toEqual([['create', s.id.rep]]);
    expect((await s.c.mgr.post('/api/v1/competitors', { name: 'Beta Systems' })).statusCode).toBe(201);
    expect((await s.c.exec.post('/api/v1/competitors', { name: 'Gamma' })).statusCode).toBe(403);
    expect((await s.c.pm.post('/api/v1/competitors', { name: 'Gamma' })).statusCode).toBe(404);
    for (const c of [s.c.rep2, s.c.rep3, s.c.mgr2, s.c.exec]) expect(names(await c.get('/api/v1/competitors'))).toEqual(['Acme Software', 'Beta Systems']);
    expect((await s.c.exec.get('/api/v1/competitors')).json().abilities).toEqual({ create: false });
    expect((await s.c.pm.get('/api/v1/competitors')).statusCode).toBe(404);
    expect(names(await s.c.foreign.get('/api/v1/competitors'))).toEqual([]);

    const up = await s.c.rep3.patch(`/api/v1/competitors/${acme.id}`, { version: 1, weaknesses: 'Slow support; no local partner' });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ weaknesses: 'Slow support; no local partner', version: 2 });
    const stale = await s.c.rep.patch(`/api/v1/competitors/${acme.id}`, { version: 1, name: 'Stale' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current).toMatchObject({ version: 2 });
    expect((await s.c.exec.patch(`/api/v1/competitors/${acme.id}`, { version: 2, name: 'X' })).statusCode).toBe(403);
    expect((await s.c.foreign.patch(`/api/v1/competitors/${acme.id}`, { version: 2, name: 'X' })).statusCode).toBe(404);
    expect((await s.c.pm.patch(`/api/v1/competitors/${acme.id}`, { version: 2, name: 'X' })).statusCode).toBe(404);
    expect((await s.c.rep.post('/api/v1/competitors', { name: 'Acme Software' })).statusCode).toBe(409);
  });

  it('pages by name with a cursor and filters by a search', async () => {
    for (const n of ['Delta', 'Epsilon', 'Zeta']) await s.c.mgr.post('/api/v1/competitors', { name: n });
    const p1 = (await s.c.rep.get('/api/v1/competitors?limit=2')).json();
    expect(p1.items.map((x: { name: string }) => x.name)).toEqual(['Acme Software', 'Beta Systems']);
    const p2 = (await s.c.rep.get(`/api/v1/competitors?limit=2&cursor=${p1.nextCursor}`)).json();
    expect(p2.items.map((x: { name: string }) => x.name)).toEqual(['Delta', 'Epsilon']);
    expect(names(await s.c.rep.get('/api/v1/competitors?q=SYS'))).toEqual(['Beta Systems']);
    expect(names(await s.c.rep.get('/api/v1/competitors?q=%25'))).toEqual([]);
  });

  it('rejects bad input', async () => {
    for (const body of [{}, { name: '' }, { name: 'x'.repeat(201) }, { name: 7 }]) expect((await s.c.rep.post('/api/v1/competitors', body)).statusCode, JSON.stringify(body)).toBe(400);
    expect((await s.c.rep.get('/api/v1/competitors?limit=201')).statusCode).toBe(400);
    expect((await s.c.rep.get('/api/v1/competitors?cursor=garbage')).statusCode).toBe(400);
    expect((await s.c.rep.patch('/api/v1/competitors/not-an-id', { version: 1 })).statusCode).toBe(400);
  });
});

describe('market segments and sizes', () => {
  let seg: { id: string; version: number };
  it('lets sales managers keep segments; reps and executives read them', async () => {
    const res = await s.c.mgr.post('/api/v1/market-segments', { name: 'Manufacturing SMB', description: '50–500 staff' });
    expect(res.statusCode, res.body).toBe(201);
    seg = res.json();
    expect((await s.c.rep.post('/api/v1/market-segments', { name: 'Nope' })).statusCode).toBe(403);
    expect((await s.c.exec.post('/api/v1/market-segments', { name: 'Nope' })).statusCode).toBe(403);
    expect((await s.c.pm.post('/api/v1/market-segments', { name: 'Nope' })).statusCode).toBe(404);
    expect(names(await s.c.rep.get('/api/v1/market-segments'))).toEqual(['Manufacturing SMB']);
    expect((await s.c.pm.get('/api/v1/market-segments')).statusCode).toBe(404);
    expect(names(await s.c.foreign.get('/api/v1/market-segments'))).toEqual([]);
    const up = await s.c.mgr2.patch(`/api/v1/market-segments/${seg.id}`, { version: 1, description: 'SMB factories' });
    expect(up.statusCode, up.body).toBe(200);
    seg = up.json();
    expect((await s.c.rep.patch(`/api/v1/market-segments/${seg.id}`, { version: 2, name: 'X' })).statusCode).toBe(403);
    expect((await s.c.foreign.patch(`/api/v1/market-segments/${seg.id}`, { version: 2, name: 'X' })).statusCode).toBe(404);
  });

  it('replaces market sizes per period, with the version, and rejects bad periods and amounts', async () => {
    const put = (c: Client, body: unknown) => c.put(`/api/v1/market-segments/${seg.id}/sizes`, body);
    const sizes = [{ periodKind: 'year', periodStart: '2026-01-01', marketSize: 100_000_00 }, { periodKind: 'quarter', periodStart: '2026-10-01', marketSize: 20_000_00 }];
    const ok = await put(s.c.mgr, { version: seg.version, sizes });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ version: 3, sizes: [{ periodKind: 'quarter', periodStart: '2026-10-01', marketSize: 20_000_00 }, { periodKind: 'year', periodStart: '2026-01-01', marketSize: 100_000_00 }] });
    expect((await put(s.c.mgr, { version: seg.version, sizes })).statusCode).toBe(409);
    expect((await put(s.c.rep, { version: 3, sizes })).statusCode).toBe(403);
    expect((await put(s.c.exec, { version: 3, sizes })).statusCode).toBe(403);
    expect((await put(s.c.pm, { version: 3, sizes })).statusCode).toBe(404);
    expect((await put(s.c.foreign, { version: 3, sizes })).statusCode).toBe(404);
    for (const bad of [
      [{ periodKind: 'quarter', periodStart: '2026-11-01', marketSize: 1 }],
      [{ periodKind: 'month', periodStart: '2026-11-01', marketSize: 1 }],
      [{ periodKind: 'year', periodStart: '2026-01-01', marketSize: -1 }],
      [{ periodKind: 'year', periodStart: '2026-01-01', marketSize: 'lots' }],
      [{ periodKind: 'year', periodStart: '2026-01-01', marketSize: 1 }, { periodKind: 'year', periodStart: '2026-01-01', marketSize: 2 }],
    ]) expect((await put(s.c.mgr, { version: 3, sizes: bad })).statusCode, JSON.stringify(bad)).toBe(400);
    expect((await t.database.db.selectFrom('segment_market_sizes').select('id').where('segment_id', '=', seg.id).execute())).toHaveLength(2);
  });
});

describe('exchange rates', () => {
  it('lets sales managers add and delete rates; one per currency and date', async () => {
    const res = await s.c.mgr.post('/api/v1/exchange-rates', { currency: 'USD', rate: 7.2, effectiveFrom: '2026-01-01' });
    expect(res.statusCode, res.body).toBe(201);
    const usd = res.json();
    expect(usd).toMatchObject({ currency: 'USD', rate: 7.2, effectiveFrom: '2026-01-01', version: 1 });
    expect((await s.c.mgr.post('/api/v1/exchange-rates', { currency: 'USD', rate: 7.1, effectiveFrom: '2026-01-01' })).statusCode).toBe(409);
    expect((await s.c.mgr2.post('/api/v1/exchange-rates', { currency: 'USD', rate: 7.1, effectiveFrom: '2026-07-01' })).statusCode).toBe(201);
    expect((await s.c.rep.post('/api/v1/exchange-rates', { currency: 'EUR', rate: 7.8, effectiveFrom: '2026-01-01' })).statusCode).toBe(403);
    expect((await s.c.exec.post('/api/v1/exchange-rates', { currency: 'EUR', rate: 7.8, effectiveFrom: '2026-01-01' })).statusCode).toBe(403);
    expect((await s.c.pm.post('/api/v1/exchange-rates', { currency: 'EUR', rate: 7.8, effectiveFrom: '2026-01-01' })).statusCode).toBe(404);
    const list = (await s.c.rep.get('/api/v1/exchange-rates')).json();
    expect(list.orgCurrency).toBe('CNY');
    expect(list.items.map((r: { effectiveFrom: string }) => r.effectiveFrom)).toEqual(['2026-07-01', '2026-01-01']);
    expect(list.abilities).toEqual({ create: false, delete: false });
    expect((await s.c.pm.get('/api/v1/exchange-rates')).statusCode).toBe(404);
    expect((await s.c.foreign.get('/api/v1/exchange-rates')).json().items).toEqual([]);
    expect((await s.c.rep.delete(`/api/v1/exchange-rates/${usd.id}`, { version: 1 })).statusCode).toBe(403);
    expect((await s.c.foreign.delete(`/api/v1/exchange-rates/${usd.id}`, { version: 1 })).statusCode).toBe(404);
    expect((await s.c.mgr.delete(`/api/v1/exchange-rates/${usd.id}`, { version: 9 })).statusCode).toBe(409);
    expect((await s.c.mgr.delete(`/api/v1/exchange-rates/${usd.id}`, { version: 1 })).statusCode).toBe(204);
    expect((await s.c.mgr.delete(`/api/v1/exchange-rates/${usd.id}`, { version: 1 })).statusCode).toBe(404);
    expect((await auditOf(usd.id)).map((a) => a.action)).toEqual(['create', 'delete']);
  });

  it('rejects bad rates, currencies and dates', async () => {
    for (const body of [
      { currency: 'USD', rate: 0, effectiveFrom: '2026-01-01' },
      { currency: 'USD', rate: -1, effectiveFrom: '2026-01-01' },
      { currency: 'USD', rate: 'seven', effectiveFrom: '2026-01-01' },
      { currency: 'usd', rate: 7, effectiveFrom: '2026-01-01' },
      { currency: 'DOLLAR', rate: 7, effectiveFrom: '2026-01-01' },
      { currency: 'USD', rate: 7, effectiveFrom: '2026-02-30' },
      { currency: 'USD', rate: 7, effectiveFrom: 'tomorrow' },
      { currency: 'CNY', rate: 1, effectiveFrom: '2026-01-01' },
    ]) expect((await s.c.mgr.post('/api/v1/exchange-rates', body)).statusCode, JSON.stringify(body)).toBe(400);
  });
});

describe('market feedback', () => {
  let segmentId: string;
  let repAccount: string;
  beforeAll(async () => {
    segmentId = (await t.database.db.selectFrom('market_segments').select('id').where('org_id', '=', s.orgId).executeTakeFirstOrThrow()).id;
    repAccount = (await buildAccount(t.database.db, s.orgId, s.id.rep, { segmentId })).id;
  });
  const add = (c: Client, body: Record<string, unknown>) => c.post('/api/v1/market-feedback', { source: 'customer visit', category: 'price', sentiment: 'negative', text: 'Too expensive', recordedOn: '2026-10-05', ...body });

  it('is recorded by reps against accounts they can see, and read by every sales user', async () => {
    const res = await add(s.c.rep, { accountId: repAccount, tags: [' Pricing ', 'pricing', 'ERP'], product: 'Tandem Cloud' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ accountId: repAccount, segmentId, segmentName: 'Manufacturing SMB', tags: ['erp', 'pricing'], recordedBy: s.id.rep, recordedByName: 'Rep One', category: 'price', sentiment: 'negative' });
    expect((await auditOf(res.json().id)).map((a) => a.action)).toEqual(['create']);
    // another rep's account: not theirs to link
    const other = await add(s.c.rep3, { accountId: repAccount });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details).toEqual([{ path: 'accountId', message: expect.any(String) }]);
    expect((await add(s.c.mgr, { accountId: repAccount, category: 'feature', sentiment: 'positive', recordedOn: '2026-11-20', tags: ['erp'] })).statusCode).toBe(201);
    expect((await add(s.c.rep3, { category: 'competitor', sentiment: 'neutral', recordedOn: '2026-11-21', segmentId })).statusCode).toBe(201);
    expect((await add(s.c.exec, {})).statusCode).toBe(403);
    expect((await add(s.c.pm, {})).statusCode).toBe(404);
    expect((await add(s.c.foreign, { accountId: repAccount })).statusCode).toBe(400);
    for (const c of [s.c.rep2, s.c.rep3, s.c.mgr2, s.c.exec]) expect((await c.get('/api/v1/market-feedback')).json().items).toHaveLength(3);
    expect((await s.c.pm.get('/api/v1/market-feedback')).statusCode).toBe(404);
    expect((await s.c.foreign.get('/api/v1/market-feedback')).json().items).toEqual([]);
  });

  it('filters by category, sentiment, segment, tag and dates, newest first, with a cursor', async () => {
    const texts = async (q: string) => ((await s.c.rep2.get(`/api/v1/market-feedback?${q}`)).json().items as { recordedOn: string; category: string }[]).map((x) => `${x.recordedOn}:${x.category}`);
    expect(await texts('')).toEqual(['2026-11-21:competitor', '2026-11-20:feature', '2026-10-05:price']);
    expect(await texts('category=price')).toEqual(['2026-10-05:price']);
    expect(await texts('sentiment=positive')).toEqual(['2026-11-20:feature']);
    expect(await texts(`segmentId=${segmentId}`)).toHaveLength(3);
    expect(await texts('tag=ERP')).toEqual(['2026-11-20:feature', '2026-10-05:price']);
    expect(await texts('tag=pric')).toEqual([]);
    expect(await texts('from=2026-11-01&to=2026-11-20')).toEqual(['2026-11-20:feature']);
    const p1 = (await s.c.rep2.get('/api/v1/market-feedback?limit=2')).json();
    expect(p1.items).toHaveLength(2);
    expect((await s.c.rep2.get(`/api/v1/market-feedback?limit=2&cursor=${p1.nextCursor}`)).json().items.map((x: { recordedOn: string }) => x.recordedOn)).toEqual(['2026-10-05']);
  });

  it('counts trends per month, category and sentiment', async () => {
    const res = await s.c.rep2.get('/api/v1/market-feedback/trends?from=2026-09-01&to=2026-11-30&by=month');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().months).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(res.json().points).toEqual(expect.arrayContaining([
      { month: '2026-10', category: 'price', sentiment: 'negative', count: 1 },
      { month: '2026-11', category: 'feature', sentiment: 'positive', count: 1 },
      { month: '2026-11', category: 'competitor', sentiment: 'neutral', count: 1 },
    ]));
    expect(res.json().points).toHaveLength(3);
    expect((await s.c.pm.get('/api/v1/market-feedback/trends?from=2026-09-01&to=2026-11-30')).statusCode).toBe(404);
    expect((await s.c.rep.get('/api/v1/market-feedback/trends?from=2026-12-01&to=2026-11-30')).statusCode).toBe(400);
    expect((await s.c.rep.get('/api/v1/market-feedback/trends?from=2026-12-01&to=2026-11-30&by=week')).statusCode).toBe(400);
  });

  it('rejects bad input', async () => {
    for (const body of [{ category: 'weather' }, { sentiment: 'angry' }, { text: '' }, { recordedOn: '2026-13-01' }, { tags: 'erp' }, { segmentId: s.orgId }, { accountId: 'x' }]) {
      expect((await add(s.c.rep, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await s.c.rep.get('/api/v1/market-feedback?category=weather')).statusCode).toBe(400);
    expect((await s.c.rep.get('/api/v1/market-feedback?from=2026-12-01&to=2026-11-01')).statusCode).toBe(400);
  });
});

describe('market insight', () => {
  it('analyses win/loss by competitor and reason over the actor’s deals, and share per segment over the organisation’s', async () => {
    const db = t.database.db;
    const comps = Object.fromEntries((await db.selectFrom('competitors').select(['id', 'name']).where('org_id', '=', s.orgId).execute()).map((c) => [c.name, c.id]));
    const segmentId = (await db.selectFrom('market_segments').select('id').where('org_id', '=', s.orgId).executeTakeFirstOrThrow()).id;
    const acc = (await buildAccount(db, s.orgId, s.id.rep, { segmentId })).id;
    const acc3 = (await buildAccount(db, s.orgId, s.id.rep3, { segmentId })).id;
    const p = s.pipeline;
    const won1 = await buildOpportunity(db, s.orgId, { ownerId: s.id.rep, accountId: acc, pipeline: p, stage: 'won', amount: 3000_00, closeDate: '2026-10-10' });
    const won2 = await buildOpportunity(db, s.orgId, { ownerId: s.id.rep3, accountId: acc3, pipeline: p, stage: 'won', amount: 2000_00, closeDate: '2026-11-10' });
    const lost1 = await buildOpportunity(db, s.orgId, { ownerId: s.id.rep, accountId: acc, pipeline: p, stage: 'lost', amount: 500_00, closeDate: '2026-10-20' });
    const lost2 = await buildOpportunity(db, s.orgId, { ownerId: s.id.rep3, accountId: acc3, pipeline: p, stage: 'lost', amount: 700_00, closeDate: '2026-10-21' });
    await db.updateTable('opportunities').set({ lost_to_competitor_id: comps['Acme Software'], lost_reason: 'price' }).where('id', 'in', [lost1.id, lost2.id]).execute();
    // Booked revenue is the contracts signed in the period: 2,800 + 2,200 in the segment; one signed the quarter
    // before, a draft, and one for an account without a segment do not count.
    await buildContract(db, s.orgId, { ownerId: s.id.rep, accountId: acc, value: 2800_00, signedOn: '2026-10-12', opportunityId: won1.id });
    await buildContract(db, s.orgId, { ownerId: s.id.rep3, accountId: acc3, value: 2200_00, signedOn: '2026-12-31', opportunityId: won2.id });
    await buildContract(db, s.orgId, { ownerId: s.id.rep, accountId: acc, value: 999_00, signedOn: '2026-09-30' });
    await buildContract(db, s.orgId, { ownerId: s.id.rep, accountId: acc, value: 888_00, signedOn: null });
    await buildContract(db, s.orgId, { ownerId: s.id.rep, accountId: (await buildAccount(db, s.orgId, s.id.rep)).id, value: 777_00, signedOn: '2026-10-15' });
    const at = '2026-03-01T00:00:00.000Z';
    const oc = (opportunity_id: string, competitor_id: string, status: 'won_against' | 'lost_to') => ({ id: crypto.randomUUID(), org_id: s.orgId, created_at: at, updated_at: at, version: 1, opportunity_id, competitor_id, strengths: '', weaknesses: '', status });
    await db.insertInto('opportunity_competitors').values([oc(won1.id, comps['Acme Software'], 'won_against'), oc(won2.id, comps['Acme Software'], 'won_against'), oc(won1.id, comps['Beta Systems'], 'won_against'), oc(lost1.id, comps['Acme Software'], 'lost_to')]).execute();

    const q = 'periodKind=quarter&periodStart=2026-10-01';
    const exec = (await s.c.exec.get(`/api/v1/market?${q}`)).json();
    expect(exec.competitors).toEqual([
      { competitorId: comps['Acme Software'], name: 'Acme Software', wonAgainst: 2, lostTo: 2, winRate: 0.5, lostAmount: 1200_00 },
      { competitorId: comps['Beta Systems'], name: 'Beta Systems', wonAgainst: 1, lostTo: 0, winRate: 1, lostAmount: 0 },
    ]);
    expect(exec.lostReasons).toEqual([{ reason: 'price', count: 2, amount: 1200_00 }]);
    // booked 5,000 of a 20,000 quarter market
    expect(exec.segments).toEqual([{ segmentId, name: 'Manufacturing SMB', marketSize: 20_000_00, sizePeriodKind: 'quarter', booked: 5000_00, share: 0.25 }]);
    const rep = (await s.c.rep.get(`/api/v1/market?${q}`)).json();
    expect(rep.competitors).toEqual([
      { competitorId: comps['Acme Software'], name: 'Acme Software', wonAgainst: 1, lostTo: 1, winRate: 0.5, lostAmount: 500_00 },
      { competitorId: comps['Beta Systems'], name: 'Beta Systems', wonAgainst: 1, lostTo: 0, winRate: 1, lostAmount: 0 },
    ]);
    expect(rep.segments[0].share).toBe(0.25);
    const year = (await s.c.rep.get('/api/v1/market?periodKind=year&periodStart=2026-01-01')).json();
    expect(year.segments[0]).toMatchObject({ marketSize: 100_000_00, sizePeriodKind: 'year', booked: 5999_00, share: 0.06 });
    expect((await s.c.rep.get('/api/v1/market?periodKind=month&periodStart=2026-10-01')).json().segments[0]).toMatchObject({ marketSize: 100_000_00, sizePeriodKind: 'year', share: null });

    // the deals behind a bar: scoped like every sales list
    const deals = async (c: Client, extra: string) => ((await c.get(`/api/v1/market/deals?${q}&${extra}`)).json().items as { id: string }[]).map((d) => d.id).sort();
    expect(await deals(s.c.exec, `outcome=lost&competitorId=${comps['Acme Software']}`)).toEqual([lost1.id, lost2.id].sort());
    expect(await deals(s.c.rep, `outcome=lost&competitorId=${comps['Acme Software']}`)).toEqual([lost1.id]);
    expect(await deals(s.c.mgr2, `outcome=won&competitorId=${comps['Acme Software']}`)).toEqual([won2.id]);
    expect(await deals(s.c.mgr, 'outcome=lost&reason=price')).toEqual([lost1.id]);
    expect(await deals(s.c.exec, `outcome=won&segmentId=${segmentId}`)).toEqual([won1.id, won2.id].sort());
    expect((await s.c.pm.get(`/api/v1/market?${q}`)).statusCode).toBe(404);
    expect((await s.c.pm.get(`/api/v1/market/deals?${q}&outcome=won`)).statusCode).toBe(404);
    expect((await s.c.foreign.get(`/api/v1/market?${q}`)).json().competitors).toEqual([]);
    expect(await deals(s.c.foreign, 'outcome=lost')).toEqual([]);
    expect((await s.c.rep.get('/api/v1/market?periodKind=quarter&periodStart=2026-10-02')).statusCode).toBe(400);
    expect((await s.c.rep.get(`/api/v1/market/deals?${q}&outcome=maybe`)).statusCode).toBe(400);
  });
});
