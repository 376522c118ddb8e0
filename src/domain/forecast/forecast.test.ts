import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addSums, forecastAccuracy, forecastFigures, sumDeals, ZERO_SUMS, type ForecastDeal } from './forecast.js';
import { isPeriodStart, monthsEndingWith, periodContaining, periodOf } from './period.js';
import { orderTeamTree, rollUpTeams } from './rollup.js';

describe('periods', () => {
  it('knows the first days of months, quarters and years', () => {
    expect(isPeriodStart('quarter', '2026-10-01')).toBe(true);
    expect(isPeriodStart('quarter', '2026-11-01')).toBe(false);
    expect(isPeriodStart('month', '2026-11-01')).toBe(true);
    expect(isPeriodStart('month', '2026-11-02')).toBe(false);
    expect(isPeriodStart('year', '2026-01-01')).toBe(true);
    expect(isPeriodStart('year', '2026-04-01')).toBe(false);
    expect(isPeriodStart('month', '2026-13-01')).toBe(false);
    expect(isPeriodStart('month', 'soon')).toBe(false);
  });
  it('ends a period the day before the next begins', () => {
    expect(periodOf('quarter', '2026-10-01')).toEqual({ kind: 'quarter', start: '2026-10-01', endExclusive: '2027-01-01', end: '2026-12-31' });
    expect(periodOf('month', '2028-02-01')).toMatchObject({ endExclusive: '2028-03-01', end: '2028-02-29' });
    expect(periodOf('year', '2026-01-01')).toMatchObject({ endExclusive: '2027-01-01', end: '2026-12-31' });
    expect(() => periodOf('quarter', '2026-02-01')).toThrow(RangeError);
  });
  it('finds the period containing a day, and the months before it', () => {
    expect(periodContaining('quarter', '2026-11-27').start).toBe('2026-10-01');
    expect(periodContaining('year', '2026-11-27').start).toBe('2026-01-01');
    expect(periodContaining('month', '2026-11-27').start).toBe('2026-11-01');
    expect(monthsEndingWith('2026-02-15', 3)).toEqual(['2025-12-01', '2026-01-01', '2026-02-01']);
  });
  it('every day lies in its own period (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), fc.constantFrom('month', 'quarter', 'year' as const), (d, kind) => {
        const day = d.toISOString().slice(0, 10);
        const p = periodContaining(kind, day);
        expect(p.start <= day && day < p.endExclusive && day <= p.end).toBe(true);
      }),
    );
  });
});

describe('forecast figures', () => {
  const deals: ForecastDeal[] = [
    { status: 'won', forecastCategory: 'closed', amountBase: 300_00, probability: 100 },
    { status: 'open', forecastCategory: 'commit', amountBase: 200_00, probability: 75 },
    { status: 'open', forecastCategory: 'best_case', amountBase: 100_00, probability: 50 },
    { status: 'open', forecastCategory: 'pipeline', amountBase: 401_00, probability: 10 },
    { status: 'open', forecastCategory: 'omitted', amountBase: 999_00, probability: 10 },
    { status: 'lost', forecastCategory: 'omitted', amountBase: 500_00, probability: 0 },
  ];
  // Of the won 300, contracts worth 250 were signed in the period (booked revenue).
  const sums = { ...sumDeals(deals), booked: 250_00 };
  it('adds closed won, commit, best case, pipeline and weighted as hand-computed; attainment and gap count booked revenue', () => {
    expect(sumDeals(deals).booked).toBe(0);
    const f = forecastFigures(sums, 1_000_00);
    // weighted = 200×0.75 + 100×0.5 + 401×0.1 = 150 + 50 + 40.1 = 240.10; gap = 1000 − 250; coverage = 701 ÷ 750
    expect(f).toEqual({
      closedWon: 300_00, booked: 250_00, orders: 0, ordersQuota: null, newCustomers: 0, newCustomersQuota: null, commit: 200_00, bestCase: 300_00, pipeline: 701_00, weighted: 240_10,
      quota: 1_000_00, attainment: 0.25, gap: 750_00, coverage: 0.9347,
    });
  });
  it('carries orders and new customers with their own quotas', () => {
    expect(forecastFigures({ ...sums, orders: 2, newCustomers: 1 }, 1_000_00, { orders: 3, newCustomers: null })).toMatchObject({ orders: 2, ordersQuota: 3, newCustomers: 1, newCustomersQuota: null, attainment: 0.25 });
  });
  it('has no attainment or coverage without a quota, and no coverage once over quota', () => {
    expect(forecastFigures(sums, null)).toMatchObject({ quota: null, attainment: null, gap: null, coverage: null });
    expect(forecastFigures(sums, 200_00)).toMatchObject({ attainment: 1.25, gap: -50_00, coverage: null });
    expect(forecastFigures(ZERO_SUMS, 0)).toMatchObject({ attainment: null, gap: 0, coverage: null });
  });
  it('measures accuracy against booked revenue', () => {
    expect(forecastAccuracy(900, 1000)).toBe(0.9);
    expect(forecastAccuracy(1100, 1000)).toBe(0.9);
    expect(forecastAccuracy(3000, 1000)).toBe(-1);
    expect(forecastAccuracy(500, 0)).toBeNull();
  });
  const deal = fc.record({
    status: fc.constantFrom('open', 'won', 'lost' as const),
    forecastCategory: fc.constantFrom('pipeline', 'best_case', 'commit', 'closed', 'omitted' as const),
    amountBase: fc.integer({ min: 0, max: 1e9 }),
    probability: fc.integer({ min: 0, max: 100 }),
  });
  it('sums are additive and ordered: commit ≤ best case ≤ pipeline, weighted ≤ pipeline (property)', () => {
    fc.assert(
      fc.property(fc.array(deal), fc.array(deal), (a, b) => {
        expect(sumDeals([...a, ...b])).toEqual(addSums(sumDeals(a), sumDeals(b)));
        const f = forecastFigures(sumDeals(a), null);
        expect(f.commit).toBeLessThanOrEqual(f.bestCase);
        expect(f.bestCase).toBeLessThanOrEqual(f.pipeline);
        expect(f.weighted).toBeLessThanOrEqual(f.pipeline);
      }),
    );
  });
});

describe('team roll-up', () => {
  const teams = [
    { id: 'top', parentId: null, name: 'Sales' },
    { id: 'a', parentId: 'top', name: 'Sales A' },
    { id: 'a1', parentId: 'a', name: 'Sales A1' },
    { id: 'b', parentId: 'top', name: 'Sales B' },
  ];
  const s = (closedWon: number) => ({ ...ZERO_SUMS, closedWon });
  it('counts a rep in a sub-team once at each level', () => {
    const out = rollUpTeams(teams, [
      { userId: 'r1', teamId: 'a', sums: s(10) },
      { userId: 'r2', teamId: 'a1', sums: s(5) },
      { userId: 'r3', teamId: 'b', sums: s(7) },
      { userId: 'r4', teamId: null, sums: s(100) },
    ]);
    expect(out.get('a1')).toEqual({ sums: s(5), repIds: ['r2'] });
    expect(out.get('a')).toEqual({ sums: s(15), repIds: ['r1', 'r2'] });
    expect(out.get('b')!.sums.closedWon).toBe(7);
    expect(out.get('top')).toEqual({ sums: s(22), repIds: ['r1', 'r2', 'r3'] });
  });
  it('stops at the edge of the visible subtree and survives a cycle', () => {
    const out = rollUpTeams([{ id: 'a', parentId: 'hidden' }, { id: 'x', parentId: 'y' }, { id: 'y', parentId: 'x' }], [
      { userId: 'r1', teamId: 'a', sums: s(1) },
      { userId: 'r2', teamId: 'x', sums: s(2) },
    ]);
    expect(out.get('a')!.sums.closedWon).toBe(1);
    expect(out.get('x')!.sums.closedWon).toBe(2);
    expect(out.get('y')!.sums.closedWon).toBe(2);
  });
  it('orders the tree parents first with depths', () => {
    expect(orderTeamTree(teams).map((t) => [t.id, t.depth])).toEqual([['top', 0], ['a', 1], ['a1', 2], ['b', 1]]);
  });
});
