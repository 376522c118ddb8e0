import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { earnedValue } from './earned-value.js';

describe('earned value', () => {
  it('computes the textbook example at full precision', () => {
    // BAC 1000, PV 500, EV 400, AC 450.
    const f = earnedValue({ bac: 1000, pv: 500, ev: 400, ac: 450 });
    expect(f.sv).toBe(-100);
    expect(f.cv).toBe(-50);
    expect(f.spi).toBe(0.8);
    expect(f.cpi).toBeCloseTo(400 / 450, 15);
    expect(f.eac).toBeCloseTo(1000 / (400 / 450), 12); // 1125
    expect(f.eacAtypical).toBe(1050);
    expect(f.eacCpiSpi).toBeCloseTo(450 + 600 / ((400 / 450) * 0.8), 12); // 1293.75
    expect(f.etc).toBeCloseTo(675, 12);
    expect(f.vac).toBeCloseTo(-125, 12);
    expect(f.tcpi).toBeCloseTo(600 / 550, 15);
  });
  it('answers null, not Infinity, where a denominator is zero', () => {
    const f = earnedValue({ bac: 100, pv: 0, ev: 0, ac: 0 });
    expect(f).toMatchObject({ spi: null, cpi: null, eac: null, eacCpiSpi: null, etc: null, vac: null, sv: 0, cv: 0, eacAtypical: 100, tcpi: 1 });
  });
  it('never answers a non-finite number', () => {
    const money = fc.integer({ min: 0, max: 1e9 });
    fc.assert(fc.property(money, money, money, money, (bac, pv, ev, ac) => {
      for (const v of Object.values(earnedValue({ bac, pv, ev, ac }))) if (v !== null) expect(Number.isFinite(v)).toBe(true);
    }));
  });
});
