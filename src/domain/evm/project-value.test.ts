import { percentAsOf, projectValue } from './project-value.js';

const leaves = [
  { id: 'a', percentComplete: 100, earlyStart: '2026-03-02', earlyFinish: '2026-03-06' },
  { id: 'b', percentComplete: 50, earlyStart: '2026-03-09', earlyFinish: '2026-03-13' },
  { id: 'c', percentComplete: 0, earlyStart: '2026-03-16', earlyFinish: '2026-03-20' },
];
const current: Record<string, number> = { a: 1_000, b: 2_000, c: 4_000 };

describe('projectValue', () => {
  it('takes BAC and PV from the baseline and values progress at baseline cost', () => {
    const v = projectValue({
      leaves,
      baseline: [
        { taskId: 'a', cost: 800, start: '2026-03-02', finish: '2026-03-06' },
        { taskId: 'b', cost: 1_600, start: '2026-03-09', finish: '2026-03-13' },
        { taskId: 'c', cost: 3_200, start: '2026-03-16', finish: '2026-03-20' },
      ],
      currentCost: (id) => current[id],
      budget: 99_999,
    });
    expect(v).toMatchObject({ bacSource: 'baseline', bac: 5_600, ev: 800 + 800 });
    expect(v.planned.map((p) => p.cost)).toEqual([800, 1_600, 3_200]);
  });

  it('values a task added after the baseline at its current cost', () => {
    const v = projectValue({ leaves, baseline: [{ taskId: 'a', cost: 800, start: '2026-03-02', finish: '2026-03-06' }], currentCost: (id) => current[id], budget: 0 });
    expect(v.ev).toBe(800 + 0.5 * 2_000);
    expect(v.bac).toBe(800);
  });

  it('falls back to the budget and today’s schedule without a baseline (or a baseline costing nothing)', () => {
    for (const baseline of [null, [{ taskId: 'a', cost: 0, start: null, finish: null }]]) {
      const v = projectValue({ leaves, baseline, currentCost: (id) => current[id], budget: 10_000 });
      expect(v.bacSource).toBe('budget');
      expect(v.bac).toBe(10_000);
    }
    const none = projectValue({ leaves, baseline: null, currentCost: (id) => current[id], budget: 10_000 });
    expect(none.planned).toEqual([
      { cost: 1_000, start: '2026-03-02', finish: '2026-03-06' },
      { cost: 2_000, start: '2026-03-09', finish: '2026-03-13' },
      { cost: 4_000, start: '2026-03-16', finish: '2026-03-20' },
    ]);
    expect(none.ev).toBe(1_000 + 1_000);
  });
});

describe('percentAsOf and projectValue at a status date', () => {
  const history = [
    { date: '2026-03-02', percentComplete: 40 },
    { date: '2026-03-09', percentComplete: 80 },
  ];

  it('takes the latest value on or before the date, 0 before the history, the current % without any', () => {
    expect(percentAsOf(history, '2026-03-01', 90)).toBe(0);
    expect(percentAsOf(history, '2026-03-02', 90)).toBe(40);
    expect(percentAsOf(history, '2026-03-08', 90)).toBe(40);
    expect(percentAsOf(history, '2026-03-09', 90)).toBe(80);
    expect(percentAsOf(history, '2026-12-31', 90)).toBe(80);
    expect(percentAsOf(undefined, '2026-03-01', 90)).toBe(90);
    expect(percentAsOf([], '2026-03-01', 90)).toBe(90);
  });

  it('values each leaf at its % complete as of the status date when given one', () => {
    const byTask: Record<string, typeof history> = { b: history };
    const at = (date: string) =>
      projectValue({ leaves, baseline: null, currentCost: (id) => current[id], budget: 10_000, percentOf: (t) => percentAsOf(byTask[t.id], date, t.percentComplete) }).ev;
    // a has no history: its current 100 %; b: 0, 40 %, 80 % (not today's 50 %).
    expect(at('2026-03-01')).toBe(1_000);
    expect(at('2026-03-05')).toBe(1_000 + 0.4 * 2_000);
    expect(at('2026-03-10')).toBe(1_000 + 0.8 * 2_000);
    expect(projectValue({ leaves, baseline: null, currentCost: (id) => current[id], budget: 10_000 }).ev).toBe(1_000 + 0.5 * 2_000);
  });
});
