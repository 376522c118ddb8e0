import { arrowHead, linkPoints, pathOf, type Anchor } from './links.js';

const opts = { stub: 8, rowHeight: 28 };
const pred: Anchor = { start: 100, finish: 200, y: 14 };
const later: Anchor = { start: 260, finish: 400, y: 70 };
const overlapping: Anchor = { start: 150, finish: 180, y: 70 };

describe('link routing', () => {
  it('FS leaves the predecessor’s finish and enters the successor’s start from the left', () => {
    const p = linkPoints('FS', pred, later, opts);
    expect(p[0]).toEqual([200, 14]);
    expect(p.at(-1)).toEqual([260, 70]);
    expect(p).toEqual([[200, 14], [208, 14], [208, 70], [260, 70]]);
  });

  it('FS onto a successor right below the stub drops onto its top edge', () => {
    const below: Anchor = { start: 201, finish: 260, y: 42, half: 7 };
    expect(linkPoints('FS', pred, below, opts)).toEqual([[200, 14], [208, 14], [208, 35]]);
    const above: Anchor = { start: 150, finish: 260, y: 14, half: 7 };
    expect(linkPoints('FS', { start: 100, finish: 200, y: 70 }, above, opts)).toEqual([[200, 70], [208, 70], [208, 21]]);
  });

  it('FS into a successor that starts before the predecessor finishes detours between the rows', () => {
    const p = linkPoints('FS', pred, overlapping, opts);
    expect(p).toEqual([[200, 14], [208, 14], [208, 28], [142, 28], [142, 70], [150, 70]]);
    // The last segment runs rightwards into the start.
    expect(p.at(-1)![0]).toBeGreaterThan(p.at(-2)![0]);
  });

  it('SS leaves the start leftwards and enters the start from the left', () => {
    const p = linkPoints('SS', pred, later, opts);
    expect(p).toEqual([[100, 14], [92, 14], [92, 70], [260, 70]]);
  });

  it('FF leaves the finish rightwards and enters the finish from the right', () => {
    const p = linkPoints('FF', pred, later, opts);
    expect(p).toEqual([[200, 14], [408, 14], [408, 70], [400, 70]]);
    expect(p.at(-1)![0]).toBeLessThan(p.at(-2)![0]);
  });

  it('SF leaves the start and enters the finish from the right', () => {
    const p = linkPoints('SF', pred, later, opts);
    expect(p[0]).toEqual([100, 14]);
    expect(p.at(-1)).toEqual([400, 70]);
    expect(p.at(-1)![0]).toBeLessThan(p.at(-2)![0]);
    // A successor finishing well before the predecessor starts: the short way.
    const early: Anchor = { start: 10, finish: 50, y: 70 };
    expect(linkPoints('SF', pred, early, opts)).toEqual([[100, 14], [92, 14], [92, 70], [50, 70]]);
  });

  it('routes upwards when the successor is above', () => {
    const up: Anchor = { start: 150, finish: 180, y: 14 };
    const p = linkPoints('FS', { start: 100, finish: 200, y: 70 }, up, opts);
    expect(p[2]![1]).toBe(56);
  });

  it('writes SVG paths and arrowheads pointing along the last segment', () => {
    expect(pathOf([[0, 0], [8.04, 0], [8.04, 10]])).toBe('M0 0 L8 0 L8 10');
    expect(arrowHead([[0, 10], [20, 10]])).toBe('M20 10 L15 6 L15 14 Z');
    expect(arrowHead([[30, 10], [20, 10]])).toBe('M20 10 L25 6 L25 14 Z');
    expect(arrowHead([[8, 0], [8, 20]])).toBe('M8 20 L4 15 L12 15 Z');
    expect(arrowHead([[8, 20], [8, 0]])).toBe('M8 0 L4 5 L12 5 Z');
  });
});
