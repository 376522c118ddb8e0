import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteTotals } from '../../domain/contracting/quote.js';
import { buildApp } from '../app.js';
import { Client, createTestDatabase, TEST_PASSWORD_COST, testConfig } from '../../../test/setup.js';
import { FixedClock } from '../lib/clock.js';
import { seedDemo } from './demo.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

const NOW = new Date('2026-11-25T09:00:00.000Z');
const TODAY = '2026-11-25';
const QUARTER = '2026-10-01';
const PASSWORD = 'demo-sales-extra-test';
let a: TestDatabase;
let b: TestDatabase;
let people: Map<string, string>;

/** The whole demo company, sales extras included (demo.ts calls seedDemoSalesExtra). */
const seed = (d: TestDatabase) => seedDemo(d.db, { password: PASSWORD, passwordCost: TEST_PASSWORD_COST, now: NOW });

beforeAll(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  ({ people } = await seed(a));
  await seed(b);
});
afterAll(async () => {
  await a?.drop();
  await b?.drop();
});

const TABLES = ['leads', 'products', 'quotes', 'quote_lines', 'contracts', 'contract_rounds', 'orders', 'order_lines', 'billing_milestones', 'surveys', 'market_feedback', 'sales_targets', 'segment_market_sizes', 'forecast_snapshots'] as const;

describe('demo sales beyond the core', () => {
  it('is deterministic and fills every area', async () => {
    for (const table of TABLES) {
      const x = await a.db.selectFrom(table).selectAll().orderBy('id').execute();
      const y = await b.db.selectFrom(table).selectAll().orderBy('id').execute();
      expect(x.length, table).toBeGreaterThan(0);
      expect(JSON.stringify(x), table).toBe(JSON.stringify(y));
    }
    const leads = await a.db.selectFrom('leads').select(['status', 'converted_opportunity_id', 'disqualified_reason']).execute();
    expect(leads.length).toBeGreaterThan(60);
    expect(new Set(leads.map((l) => l.status))).toEqual(new Set(['new', 'working', 'qualified', 'disqualified']));
    for (const l of leads) if (l.status === 'disqualified') expect(l.disqualified_reason).toBeTruthy();
    const linked = await a.db.selectFrom('opportunities as o').innerJoin('leads as l', 'l.id', 'o.source_lead_id').select(['o.id', 'l.converted_opportunity_id', 'o.status']).execute();
    expect(linked.length).toBeGreaterThan(15);
    for (const x of linked) expect([x.converted_opportunity_id, x.status !== 'lost']).toEqual([x.id, true]);
  });

  it('quotes add up as the domain says', async () => {
    const quotes = await a.db.selectFrom('quotes').selectAll().execute();
    const lines = await a.db.selectFrom('quote_lines').selectAll().orderBy('position').execute();
    for (const q of quotes) {
      const mine = lines.filter((l) => l.quote_id === q.id);
      expect(mine.length).toBeGreaterThan(0);
      const t = quoteTotals(mine.map((l) => ({ quantity: Number(l.quantity), unitPrice: Number(l.unit_price), discountPercent: Number(l.discount_percent), estimatedUnitCost: Number(l.estimated_unit_cost) })));
      expect([Number(q.list_total), Number(q.net_total), Number(q.cost_total), Number(q.max_discount_percent)]).toEqual([t.listTotal, t.netTotal, t.costTotal, t.maxDiscountPercent]);
      expect(Number(q.margin)).toBeCloseTo(t.margin!, 9);
      for (const l of mine) expect(Number(l.net_amount)).toBeGreaterThan(0);
    }
    expect(quotes.filter((q) => q.status === 'pending_approval' && Number(q.max_discount_percent) > 15).length).toBeGreaterThan(0);
    expect(quotes.filter((q) => q.status === 'superseded').length).toBeGreaterThan(0);
    for (const q of quotes) if (Number(q.max_discount_percent) > 15 && ['approved', 'sent', 'accepted', 'rejected'].includes(q.status)) expect(q.approved_by).not.toBeNull();
  });

  it('gives every won deal a signed contract worth its accepted quote, and orders billed in full', async () => {
    const won = await a.db.selectFrom('opportunities').select(['id', 'amount_base']).where('status', '=', 'won').execute();
    const contracts = await a.db.selectFrom('contracts').selectAll().execute();
    const quotes = await a.db.selectFrom('quotes').select(['id', 'opportunity_id', 'status', 'net_total']).execute();
    expect(contracts.length).toBe(won.length);
    for (const o of won) {
      const c = contracts.find((x) => x.opportunity_id === o.id)!;
      const q = quotes.find((x) => x.id === c.quote_id)!;
      expect([q.opportunity_id, q.status, Number(c.value)]).toEqual([o.id, 'accepted', Number(q.net_total)]);
      expect(Number(c.value_base)).toBe(Number(o.amount_base));
      expect(['signed', 'active', 'completed']).toContain(c.status);
      expect(c.signed_on).toBe([c.customer_signed_on!, c.company_signed_on!].sort()[1]);
      expect(c.signed_on! <= TODAY).toBe(true);
      expect(c.number).toMatch(/^C-\d{4}-\d{4}$/);
    }
    expect(contracts.filter((c) => c.renewal_date && c.renewal_date >= TODAY && c.renewal_date <= '2027-01-24').length).toBeGreaterThan(2);
    const orders = await a.db.selectFrom('orders').selectAll().execute();
    const ms = await a.db.selectFrom('billing_milestones').selectAll().execute();
    expect(orders.length).toBe(contracts.length);
    for (const o of orders) {
      const mine = ms.filter((m) => m.order_id === o.id);
      expect(mine.reduce((s, m) => s + Number(m.amount), 0)).toBe(Number(o.value));
      for (const m of mine) if (m.paid_on) expect([m.invoiced_on !== null, m.paid_on <= TODAY]).toEqual([true, true]);
    }
    expect(ms.filter((m) => m.paid_on).length).toBeGreaterThan(ms.filter((m) => m.invoiced_on && !m.paid_on).length);
  });

  it('keeps survey scores in range, most answered, some still open', async () => {
    const s = await a.db.selectFrom('surveys').selectAll().execute();
    expect(s.length).toBeGreaterThan(10);
    for (const x of s) {
      if (x.csat !== null) expect(x.csat >= 1 && x.csat <= 5 && x.kind === 'csat').toBe(true);
      if (x.nps !== null) expect(x.nps >= 0 && x.nps <= 10 && x.kind === 'nps').toBe(true);
      expect((x.answered_at === null) === (x.csat === null && x.nps === null)).toBe(true);
      expect(x.token_hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(s.filter((x) => x.answered_at).length).toBeGreaterThan(s.length / 2);
    expect(s.filter((x) => !x.answered_at).length).toBeGreaterThan(0);
  });

  it('sets quotas for every rep this quarter', async () => {
    for (const key of ['rep1', 'rep2', 'rep3', 'salesmgr']) {
      const t = await a.db.selectFrom('sales_targets').select(['metric', 'amount']).where('user_id', '=', people.get(key)!).where('period_kind', '=', 'quarter').where('period_start', '=', QUARTER).execute();
      expect(t.map((x) => x.metric).sort()).toEqual(['orders', 'revenue']);
      for (const x of t) expect(Number(x.amount)).toBeGreaterThan(0);
    }
  });

  it('sizes past quotas so that attainment lies around 70–120 %', async () => {
    const won = await a.db.selectFrom('opportunities').select(['owner_id', 'close_date', 'amount_base']).where('status', '=', 'won').execute();
    const quotas = await a.db.selectFrom('sales_targets').select(['user_id', 'period_start', 'amount']).where('metric', '=', 'revenue').where('user_id', 'is not', null).where('period_start', '<', QUARTER).execute();
    expect(quotas.length).toBe(8 * 4);
    for (const q of quotas) {
      const end = new Date(Date.parse(q.period_start) + 95 * 86_400_000).toISOString().slice(0, 8) + '01';
      const booked = won.filter((o) => o.owner_id === q.user_id && o.close_date >= q.period_start && o.close_date < end).reduce((s, o) => s + Number(o.amount_base), 0);
      if (booked > 0) expect(booked / Number(q.amount)).toBeGreaterThan(0.6);
      if (booked > 0) expect(booked / Number(q.amount)).toBeLessThan(1.3);
    }
  });

  it('records market feedback over two years, with price complaints rising lately', async () => {
    const f = await a.db.selectFrom('market_feedback').select(['category', 'recorded_on', 'tags', 'segment_id', 'account_id']).execute();
    expect(f.length).toBeGreaterThan(120);
    const share = (from: string, to: string) => {
      const xs = f.filter((x) => x.recorded_on >= from && x.recorded_on < to);
      return xs.filter((x) => x.category === 'price').length / xs.length;
    };
    expect(share('2026-05-25', '2026-11-26')).toBeGreaterThan(share('2024-11-01', '2026-05-25') * 1.5);
    for (const x of f) {
      expect(Array.isArray(JSON.parse(x.tags))).toBe(true);
      if (x.account_id) expect(x.segment_id).not.toBeNull();
    }
  });

  it('opens through the API: forecast with quotas, a dashboard, market shares, forecast accuracy', async () => {
    const app = await buildApp({ database: a, config: testConfig(), clock: new FixedClock(NOW), logger: false, serveWeb: false });
    try {
      const c = await new Client(app).signIn('sales.manager@tandem.demo', PASSWORD);
      const f = await c.get(`/api/v1/forecast?periodKind=quarter&periodStart=${QUARTER}`);
      expect(f.statusCode, f.body).toBe(200);
      const reps = f.json().reps as { userId: string; quota: number | null; pipeline: number }[];
      for (const key of ['rep1', 'rep2', 'rep3', 'salesmgr']) {
        const r = reps.find((x) => x.userId === people.get(key))!;
        expect(r.quota, key).toBeGreaterThan(0);
        expect(r.pipeline, key).toBeGreaterThan(0);
      }
      const d = await c.get(`/api/v1/sales-dashboard?periodKind=quarter&periodStart=${QUARTER}`);
      expect(d.statusCode, d.body).toBe(200);
      const dash = d.json();
      expect(dash.funnel.some((x: { count: number }) => x.count > 0)).toBe(true);
      expect(dash.attainment.some((x: { quota: number | null }) => (x.quota ?? 0) > 0)).toBe(true);
      expect(dash.winRate.length).toBeGreaterThan(0);
      const m = await c.get('/api/v1/market?periodKind=year&periodStart=2025-01-01');
      expect(m.statusCode, m.body).toBe(200);
      const shares = (m.json().segments as { share: number | null }[]).map((s) => s.share).filter((s): s is number => s !== null);
      expect(shares.length).toBeGreaterThan(0);
      for (const s of shares) expect(s).toBeLessThan(0.1);
      const acc = await c.get('/api/v1/forecast/accuracy?periodKind=quarter&periodStart=2026-07-01');
      expect(acc.statusCode, acc.body).toBe(200);
      expect(acc.json().reps.some((r: { commitAtStart: number | null; accuracy: number | null }) => r.commitAtStart !== null && r.accuracy !== null)).toBe(true);
    } finally {
      await app.close();
    }
  });
});
