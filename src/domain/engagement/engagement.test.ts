import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, advanceDue, nextOccurrence, quadrantOf, weekStart } from './engagement.js';

describe('influence/interest quadrant', () => {
  it('splits the 1–5 scales at 3', () => {
    expect(quadrantOf(5, 5)).toBe('manage_closely');
    expect(quadrantOf(3, 3)).toBe('manage_closely');
    expect(quadrantOf(4, 2)).toBe('keep_satisfied');
    expect(quadrantOf(2, 4)).toBe('keep_informed');
    expect(quadrantOf(2, 2)).toBe('monitor');
    expect(quadrantOf(1, 1)).toBe('monitor');
  });
});

describe('communication frequency', () => {
  it('moves by a week, two weeks, a month or a quarter, keeping the day of the month where it can', () => {
    expect(nextOccurrence('2026-03-02', 'weekly')).toBe('2026-03-09');
    expect(nextOccurrence('2026-12-28', 'biweekly')).toBe('2027-01-11');
    expect(nextOccurrence('2026-01-31', 'monthly')).toBe('2026-02-28');
    expect(nextOccurrence('2028-01-31', 'monthly')).toBe('2028-02-29');
    expect(nextOccurrence('2026-11-30', 'quarterly')).toBe('2027-02-28');
    expect(nextOccurrence('2026-12-15', 'monthly')).toBe('2027-01-15');
    expect(nextOccurrence('2026-03-02', 'once')).toBeNull();
    expect(addMonths('2026-05-31', -3)).toBe('2026-02-28');
  });

  it('done on time moves one period on; done late skips the periods already past; a one-off ends', () => {
    expect(advanceDue('2026-03-02', 'weekly', '2026-03-02')).toBe('2026-03-09');
    expect(advanceDue('2026-03-02', 'weekly', '2026-02-27')).toBe('2026-03-09');
    expect(advanceDue('2026-03-02', 'weekly', '2026-03-20')).toBe('2026-03-23');
    expect(advanceDue('2026-01-31', 'monthly', '2026-03-01')).toBe('2026-03-28');
    expect(advanceDue(null, 'monthly', '2026-03-10')).toBe('2026-04-10');
    expect(advanceDue('2026-03-02', 'once', '2026-03-02')).toBeNull();
  });

  it('always lands after the day it was done', () => {
    const date = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, date, fc.constantFrom('weekly', 'biweekly', 'monthly', 'quarterly' as const), (due, done, f) => {
        const next = advanceDue(due, f, done)!;
        expect(next > done).toBe(true);
        expect(next > due).toBe(true);
      }),
    );
  });
});

describe('week of', () => {
  it('is the Monday of the ISO week', () => {
    expect(weekStart('2026-11-27')).toBe('2026-11-23'); // a Friday
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    expect(weekStart('2026-11-29')).toBe('2026-11-23'); // Sunday closes the week
    expect(weekStart('2027-01-01')).toBe('2026-12-28');
  });
});
