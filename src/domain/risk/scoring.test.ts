import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandCounts, bandOf, bandOfScore, HIGH_RISK_SCORE, isHighRisk, isRating, matrixFromCounts, riskMatrix, riskScore } from './scoring.js';

describe('risk score', () => {
  it('is probability × impact', () => {
    expect(riskScore(1, 1)).toBe(1);
    expect(riskScore(3, 4)).toBe(12);
    expect(riskScore(5, 5)).toBe(25);
  });

  it('refuses ratings outside 1–5 and non-integers', () => {
    for (const bad of [0, 6, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => riskScore(bad, 3)).toThrow(RangeError);
      expect(() => riskScore(3, bad)).toThrow(RangeError);
      expect(isRating(bad)).toBe(false);
    }
    expect(isRating('3')).toBe(false);
  });
});

describe('bands', () => {
  it('low < 5, medium 5–9, high 10–14, critical ≥ 15', () => {
    const cases: [number, string][] = [[1, 'low'], [4, 'low'], [5, 'medium'], [9, 'medium'], [10, 'high'], [12, 'high'], [14, 'high'], [15, 'critical'], [25, 'critical']];
    for (const [score, band] of cases) expect(bandOfScore(score), String(score)).toBe(band);
  });

  it('a high risk for the KPI is score ≥ 12, inside the high band', () => {
    expect(HIGH_RISK_SCORE).toBe(12);
    expect(isHighRisk(11)).toBe(false);
    expect(isHighRisk(12)).toBe(true);
    expect(bandOfScore(11)).toBe('high');
    expect(isHighRisk(riskScore(3, 4))).toBe(true);
    expect(isHighRisk(riskScore(2, 5))).toBe(false);
  });

  it('never falls as probability or impact rises (monotone over the matrix)', () => {
    const order = ['low', 'medium', 'high', 'critical'];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), (p, i, d) => {
        const base = order.indexOf(bandOf(p, i));
        expect(order.indexOf(bandOf(Math.min(5, p + d), i))).toBeGreaterThanOrEqual(base);
        expect(order.indexOf(bandOf(p, Math.min(5, i + d)))).toBeGreaterThanOrEqual(base);
      }),
    );
  });

  it('split the 25 cells of the matrix as documented', () => {
    const cells = { low: 0, medium: 0, high: 0, critical: 0 };
    for (let p = 1; p <= 5; p++) for (let i = 1; i <= 5; i++) cells[bandOf(p, i)]++;
    // low: products 1–4 (8 cells); medium: 5, 6, 8, 9 (7); high: 10, 12 (4); critical: 15, 16, 20, 25 (6)
    expect(cells).toEqual({ low: 8, medium: 7, high: 4, critical: 6 });
  });
});

describe('matrix', () => {
  it('counts risks per (probability, impact) cell', () => {
    const m = riskMatrix([{ probability: 1, impact: 5 }, { probability: 1, impact: 5 }, { probability: 5, impact: 1 }, { probability: 3, impact: 3 }]);
    expect(m[0]![4]).toBe(2);
    expect(m[4]![0]).toBe(1);
    expect(m[2]![2]).toBe(1);
    expect(m.flat().reduce((a, b) => a + b, 0)).toBe(4);
    expect(m).toHaveLength(5);
    expect(m.every((row) => row.length === 5)).toBe(true);
  });

  it('from grouped counts equals counting one by one', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ probability: fc.integer({ min: 1, max: 5 }), impact: fc.integer({ min: 1, max: 5 }) }), { maxLength: 60 }), (risks) => {
        const grouped = new Map<string, { probability: number; impact: number; count: number }>();
        for (const r of risks) {
          const k = `${r.probability}x${r.impact}`;
          grouped.set(k, { ...r, count: (grouped.get(k)?.count ?? 0) + 1 });
        }
        const m = matrixFromCounts(grouped.values());
        expect(m).toEqual(riskMatrix(risks));
        const bands = bandCounts(m);
        expect(bands.low + bands.medium + bands.high + bands.critical).toBe(risks.length);
      }),
    );
  });

  it('refuses a rating outside 1–5', () => {
    expect(() => riskMatrix([{ probability: 0, impact: 3 }])).toThrow(RangeError);
    expect(() => matrixFromCounts([{ probability: 3, impact: 6, count: 1 }])).toThrow(RangeError);
  });
});
