import { describe, expect, it } from 'vitest';
import { addWeeks, cellText, formatHours, heatBand, isoWeekNumber, mondayOf } from './heat.js';

const week = (hours: number, capacityHours = 40) => {
  const allocation = capacityHours > 0 ? hours / capacityHours : hours > 0 ? null : 0;
  return { hours, capacityHours, allocation, overAllocated: allocation === null || allocation > 1 + 1e-9 };
};

describe('heat map', () => {
  it('bands weeks by allocation, red only beyond 100 %', () => {
    expect([0, 10, 20, 30, 40, 44, 48, 56, 80].map((h) => heatBand(week(h)))).toEqual(['free', 'low', 'low', 'medium', 'full', 'over', 'over', 'high', 'extreme']);
    expect(heatBand(week(0, 0))).toBe('off');
    expect(heatBand(week(8, 0))).toBe('extreme');
    expect(heatBand({ hours: 40, capacityHours: 40, allocation: 1, overAllocated: false })).toBe('full');
  });

  it('writes percent or hours, and nothing for an empty week', () => {
    expect(cellText(week(30), 'percent')).toBe('75%');
    expect(cellText(week(30), 'hours')).toBe('30');
    expect(cellText(week(7.46), 'hours')).toBe('7.5');
    expect(cellText(week(0), 'percent')).toBe('');
    expect(cellText(week(8, 0), 'percent')).toBe('8');
    expect(formatHours(0.04)).toBe('0');
  });

  it('knows ISO weeks', () => {
    expect(isoWeekNumber('2026-03-02')).toBe(10);
    expect(isoWeekNumber('2026-01-01')).toBe(1);
    expect(isoWeekNumber('2027-01-01')).toBe(53);
    expect(isoWeekNumber('2024-12-30')).toBe(1);
    expect(mondayOf('2026-03-08')).toBe('2026-03-02');
    expect(mondayOf('2026-03-02')).toBe('2026-03-02');
    expect(addWeeks('2026-03-02', -4)).toBe('2026-02-02');
  });
});
