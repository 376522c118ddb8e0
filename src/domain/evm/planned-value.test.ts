import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../schedule/calendar.js';
import { plannedValue } from './planned-value.js';

// 2026-03-02 is a Monday.
const week = { cost: 1000, start: '2026-03-02', finish: '2026-03-06' };

describe('plannedValue', () => {
  it('spreads a task evenly over its working days, the status day included', () => {
    expect(plannedValue([week], '2026-03-01')).toBe(0);
    expect(plannedValue([week], '2026-03-02')).toBe(200);
    expect(plannedValue([week], '2026-03-04')).toBe(600);
    expect(plannedValue([week], '2026-03-06')).toBe(1000);
    expect(plannedValue([week], '2026-04-01')).toBe(1000);
  });

  it('skips weekends and holidays of the calendar', () => {
    // Thursday to Tuesday: Thu, Fri, Mon, Tue = 4 working days.
    const t = { cost: 400, start: '2026-03-05', finish: '2026-03-10' };
    expect(plannedValue([t], '2026-03-06')).toBe(200);
    expect(plannedValue([t], '2026-03-08')).toBe(200); // Sunday: nothing more planned
    expect(plannedValue([t], '2026-03-09')).toBe(300);
    const withHoliday = new WorkingCalendar({ exceptions: [{ date: '2026-03-06', working: false }] });
    // Thu, Mon, Tue = 3 working days.
    expect(plannedValue([t], '2026-03-06', withHoliday)).toBeCloseTo(400 / 3, 12);
    expect(plannedValue([t], '2026-03-09', withHoliday)).toBeCloseTo(800 / 3, 12);
  });

  it('keeps full precision and sums tasks', () => {
    const a = { cost: 100, start: '2026-03-02', finish: '2026-03-04' };
    expect(plannedValue([a, week], '2026-03-02')).toBe(100 / 3 + 200);
  });

  it('plans a milestone (no working day in its span) on its finish date, and nothing for tasks without dates', () => {
    const m = { cost: 500, start: '2026-03-07', finish: '2026-03-07' }; // a Saturday
    expect(plannedValue([m], '2026-03-06')).toBe(0);
    expect(plannedValue([m], '2026-03-07')).toBe(500);
    const backwards = { cost: 50, start: '2026-03-05', finish: '2026-03-04' };
    expect(plannedValue([backwards], '2026-03-04')).toBe(50);
    expect(plannedValue([{ cost: 999, start: null, finish: null }], '2030-01-01')).toBe(0);
    expect(plannedValue([{ cost: 10, start: '2026-03-02', finish: null }], '2026-03-02')).toBe(10);
  });
});
