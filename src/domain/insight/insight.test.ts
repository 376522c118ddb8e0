import { describe, expect, it } from 'vitest';
import { marketShare, normaliseTags, winRate } from './insight.js';

describe('market insight arithmetic', () => {
  it('computes a win rate from won and lost counts', () => {
    expect(winRate(3, 1)).toBe(0.75);
    expect(winRate(0, 4)).toBe(0);
    expect(winRate(0, 0)).toBeNull();
    expect(winRate(1, 2)).toBe(0.3333);
  });
  it('computes a market share only against a known size', () => {
    expect(marketShare(250, 1000)).toBe(0.25);
    expect(marketShare(250, null)).toBeNull();
    expect(marketShare(250, 0)).toBeNull();
  });
  it('normalises tags', () => {
    expect(normaliseTags([' Pricing', 'pricing', '', 'ERP '])).toEqual(['erp', 'pricing']);
  });
});
