import { describe, expect, it } from 'vitest';
import { lineNet, needsApproval, quoteTotals } from './quote.js';

describe('quote arithmetic', () => {
  it('nets a line as quantity × price × (1 − discount), rounded to the minor unit', () => {
    expect(lineNet({ quantity: 10, unitPrice: 1000_00, discountPercent: 0 })).toBe(10_000_00);
    expect(lineNet({ quantity: 3, unitPrice: 333, discountPercent: 10 })).toBe(899); // 899.1
    expect(lineNet({ quantity: 1, unitPrice: 1, discountPercent: 50 })).toBe(1); // 0.5 rounds up
    expect(lineNet({ quantity: 1.5, unitPrice: 999, discountPercent: 12.5 })).toBe(1311); // 1311.1875
    expect(lineNet({ quantity: 2, unitPrice: 5000, discountPercent: 100 })).toBe(0);
  });

  it('totals lines, keeps the cost at full precision for the margin, and finds the largest discount', () => {
    const t = quoteTotals([
      { quantity: 10, unitPrice: 100_00, discountPercent: 20, estimatedUnitCost: 50_00 },
      { quantity: 0.5, unitPrice: 333, discountPercent: 0, estimatedUnitCost: 101 },
    ]);
    expect(t.listTotal).toBe(Math.round(10 * 100_00 + 0.5 * 333)); // 100166.5 → 100167
    expect(t.netTotal).toBe(800_00 + 167); // 80000 + 166.5 → 167
    expect(t.costTotal).toBe(Math.round(500_00 + 50.5)); // 50050.5 → 50051
    expect(t.margin).toBeCloseTo((80167 - 50050.5) / 80167, 12);
    expect(t.maxDiscountPercent).toBe(20);
  });

  it('has no margin while the net is zero', () => {
    expect(quoteTotals([])).toEqual({ listTotal: 0, netTotal: 0, costTotal: 0, margin: null, maxDiscountPercent: 0 });
    expect(quoteTotals([{ quantity: 1, unitPrice: 100, discountPercent: 100, estimatedUnitCost: 10 }]).margin).toBeNull();
  });

  it('gives a negative margin when the cost exceeds the net', () => {
    expect(quoteTotals([{ quantity: 1, unitPrice: 100, discountPercent: 50, estimatedUnitCost: 75 }]).margin).toBeCloseTo(-0.5, 12);
  });

  it('asks for approval only above the limit', () => {
    expect(needsApproval([{ discountPercent: 15 }], 15)).toBe(false);
    expect(needsApproval([{ discountPercent: 5 }, { discountPercent: 15.5 }], 15)).toBe(true);
    expect(needsApproval([], 0)).toBe(false);
  });
});
