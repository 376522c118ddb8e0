import { describe, expect, it } from 'vitest';
import { daysBetween, taskWorkAndCost } from './work.js';

describe('task work and cost', () => {
  it('uses the estimate when there is one, and the unit-weighted mean rate', () => {
    // 10 h × (1×100 + 0.5×400) / 1.5 = 10 × 200 = 2000
    expect(taskWorkAndCost({ durationDays: 3, estimatedHours: 10 }, [{ units: 1, costRate: 100 }, { units: 0.5, costRate: 400 }], 8)).toEqual({ workHours: 10, cost: 2000 });
  });
  it('derives work from duration, hours per day and units without an estimate', () => {
    expect(taskWorkAndCost({ durationDays: 2, estimatedHours: null }, [{ units: 0.5, costRate: 300 }], 8)).toEqual({ workHours: 8, cost: 2400 });
  });
  it('has no cost without assignees', () => {
    expect(taskWorkAndCost({ durationDays: 2, estimatedHours: 16 }, [], 8)).toEqual({ workHours: 16, cost: 0 });
  });
  it('counts calendar days between plan dates', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-02', '2026-03-02')).toBe(0);
    expect(daysBetween(null, '2026-03-02')).toBeNull();
  });
});
