import { buildRows, linksInWindow, rowWindow } from './rows.js';

const tasks = [
  { id: 'a', parentId: null },
  { id: 'a1', parentId: 'a' },
  { id: 'a1x', parentId: 'a1' },
  { id: 'a2', parentId: 'a' },
  { id: 'b', parentId: null },
];

describe('rows', () => {
  it('gives depth and marks summaries', () => {
    const rows = buildRows(tasks, new Set());
    expect(rows.map((r) => [r.task.id, r.level, r.hasChildren])).toEqual([
      ['a', 0, true],
      ['a1', 1, true],
      ['a1x', 2, false],
      ['a2', 1, false],
      ['b', 0, false],
    ]);
  });

  it('hides everything under a collapsed summary', () => {
    expect(buildRows(tasks, new Set(['a'])).map((r) => r.task.id)).toEqual(['a', 'b']);
    expect(buildRows(tasks, new Set(['a1'])).map((r) => r.task.id)).toEqual(['a', 'a1', 'a2', 'b']);
  });

  it('renders only the rows in view plus overscan', () => {
    expect(rowWindow(0, 280, 28, 5000, 5)).toEqual({ start: 0, end: 15 });
    expect(rowWindow(28 * 1000 + 10, 280, 28, 5000, 5)).toEqual({ start: 995, end: 1016 });
    expect(rowWindow(28 * 4995, 280, 28, 5000, 5)).toEqual({ start: 4990, end: 5000 });
    expect(rowWindow(-50, 280, 28, 3, 5)).toEqual({ start: 0, end: 3 });
    expect(rowWindow(0, 280, 28, 0, 5)).toEqual({ start: 0, end: 0 });
  });

  it('keeps the links with an end in the window or crossing it', () => {
    const rowOf = new Map([['p', 0], ['q', 10], ['r', 50], ['s', 100]]);
    const links = [
      { id: 1, predecessorId: 'p', successorId: 'q' }, // ends in the window
      { id: 2, predecessorId: 'p', successorId: 's' }, // crosses it
      { id: 3, predecessorId: 'r', successorId: 's' }, // below it
      { id: 4, predecessorId: 'p', successorId: 'hidden' },
    ];
    expect(linksInWindow(links, rowOf, { start: 5, end: 20 }).map((l) => l.id)).toEqual([1, 2]);
    expect(linksInWindow(links, rowOf, { start: 60, end: 70 }).map((l) => l.id)).toEqual([2, 3]);
  });
});
