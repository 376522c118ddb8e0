import { describe, expect, it } from 'vitest';
import { indexColour } from '../closing/api.js';

describe('indexColour', () => {
  it('is red below 0.9, amber below 1, green from 1, judged at two decimals', () => {
    expect(indexColour(0.85)).toBe('#cf1322');
    expect(indexColour(0.8949)).toBe('#cf1322');
    expect(indexColour(0.8951)).toBe('#d48806');
    expect(indexColour(0.99)).toBe('#d48806');
    expect(indexColour(0.998)).toBe('#389e0d');
    expect(indexColour(1.2)).toBe('#389e0d');
    expect(indexColour(null)).toBeUndefined();
  });
});
