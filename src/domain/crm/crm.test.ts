import { describe, expect, it } from 'vitest';
import { addDaysToDate, conversionCloseDate, dayWindows, effectiveCadence, laterInstant, nextContactDue, startOfLocalDay } from './crm.js';

describe('crm rules', () => {
  it('takes the account cadence, else the org default, else 30 days', () => {
    expect(effectiveCadence(14, 45)).toBe(14);
    expect(effectiveCadence(null, 45)).toBe(45);
    expect(effectiveCadence(null, undefined)).toBe(30);
    expect(effectiveCadence(0, 0)).toBe(30);
  });

  it('puts the next contact a cadence after the last one, or after creation when never contacted', () => {
    expect(nextContactDue('2026-03-01T10:00:00.000Z', '2026-01-01T00:00:00.000Z', 14)).toBe('2026-03-15T10:00:00.000Z');
    expect(nextContactDue(null, '2026-01-01T00:00:00.000Z', 30)).toBe('2026-01-31T00:00:00.000Z');
  });

  it('never moves the last contact back', () => {
    expect(laterInstant(null, '2026-03-01T00:00:00.000Z')).toBe('2026-03-01T00:00:00.000Z');
    expect(laterInstant('2026-03-05T00:00:00.000Z', '2026-03-01T00:00:00.000Z')).toBe('2026-03-05T00:00:00.000Z');
    expect(laterInstant('2026-03-01T00:00:00.000Z', '2026-03-05T00:00:00.000Z')).toBe('2026-03-05T00:00:00.000Z');
  });

  it('adds days across month and year ends', () => {
    expect(addDaysToDate('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDaysToDate('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('closes a converted lead at its timeline, else 90 days out', () => {
    expect(conversionCloseDate('2026-05-01', '2026-03-02')).toBe('2026-05-01');
    expect(conversionCloseDate(null, '2026-03-02')).toBe('2026-05-31');
  });

  it('finds local midnight in a zone, including across a DST change', () => {
    expect(startOfLocalDay('2026-03-02', 'Asia/Shanghai').toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(startOfLocalDay('2026-03-02', 'UTC').toISOString()).toBe('2026-03-02T00:00:00.000Z');
    // New York springs forward on 8 March 2026: midnight is still EST (UTC−5) that day.
    expect(startOfLocalDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfLocalDay('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('computes the windows of my day in the user zone', () => {
    // 2026-03-02 01:00 UTC is 09:00 on 2 March in Shanghai, but still 1 March in New York.
    const now = new Date('2026-03-02T01:00:00.000Z');
    expect(dayWindows(now, 'Asia/Shanghai')).toEqual({ today: '2026-03-02', startOfToday: '2026-03-01T16:00:00.000Z', startOfTomorrow: '2026-03-02T16:00:00.000Z', endOfWeek: '2026-03-09T16:00:00.000Z' });
    expect(dayWindows(now, 'America/New_York').today).toBe('2026-03-01');
  });
});
