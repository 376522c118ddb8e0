import { describe, expect, it } from 'vitest';
import { IdIndex } from './id-index.js';

const noDuplicates = (i: number, first: number) => {
  throw new Error(`duplicate ${i} of ${first}`);
};

describe('IdIndex', () => {
  it('finds every id, and misses what is not there', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `task-${i}-${'x'.repeat(i % 40)}`);
    const index = new IdIndex(ids, noDuplicates);
    // Fresh string objects, as a parsed request would have.
    for (let i = 0; i < ids.length; i++) expect(index.get(JSON.parse(JSON.stringify(ids[i])))).toBe(i);
    expect(index.get('task-5000-')).toBe(-1);
    expect(index.get('')).toBe(-1);
    expect(index.get(undefined as unknown as string)).toBe(-1);
    expect(index.usesMap).toBe(false);
  });

  it('reports a duplicate with the position seen first', () => {
    const seen: [number, number][] = [];
    new IdIndex(['a', 'b', 'a', 'c', 'b'], (i, first) => seen.push([i, first]));
    expect(seen).toEqual([
      [2, 0],
      [4, 1],
    ]);
  });

  it('falls back to a Map when ids collide (crafted ids cannot make lookups quadratic)', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `id${i}`);
    const index = new IdIndex(ids, noDuplicates, () => 7);
    expect(index.usesMap).toBe(true);
    for (let i = 0; i < ids.length; i += 97) expect(index.get(`id${i}`)).toBe(i);
    expect(index.get('id2000')).toBe(-1);

    const dup: number[] = [];
    new IdIndex([...ids, 'id5'], (i, first) => dup.push(i, first), () => 7);
    expect(dup).toEqual([2000, 5]);
  });

  it('falls back during lookups when they probe far too much', () => {
    // Ids fill slots 0..299 without a single collision, so building is cheap; then every lookup
    // of an absent key lands on slot 0 and would walk the whole run.
    const ids = Array.from({ length: 300 }, (_, i) => `k${i}`);
    const index = new IdIndex(ids, noDuplicates, (s) => (s[0] === 'k' ? Number(s.slice(1)) : 0));
    expect(index.usesMap).toBe(false);
    for (let i = 0; i < 100; i++) expect(index.get(`absent${i}`)).toBe(-1);
    expect(index.usesMap).toBe(true);
    expect(index.get('k299')).toBe(299);
  });
});
