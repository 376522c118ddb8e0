import { dayOf, isoOf } from './dates.js';
import { barOf, dayAtX, daysInView, headerTiers, makeScale, spanOf, xOfDay } from './scale.js';

describe('time scale', () => {
  const first = dayOf('2026-03-04'); // a Wednesday
  const last = dayOf('2026-04-15');

  it('starts on a Monday (day, week) or a month (month), with room either side', () => {
    const day = makeScale('day', first, last);
    expect(isoOf(day.startDay)).toBe('2026-02-23');
    expect(day.endDay).toBeGreaterThan(last + 14);
    expect((day.endDay - day.startDay) % 7).toBe(0);
    expect(day.width).toBe((day.endDay - day.startDay) * 28);
    const week = makeScale('week', first, last);
    expect(isoOf(week.startDay)).toBe('2026-02-23');
    const month = makeScale('month', first, last);
    expect(isoOf(month.startDay)).toBe('2026-02-01');
    expect(isoOf(month.endDay).endsWith('-01')).toBe(true);
  });

  it('fills the visible width for a short plan', () => {
    const s = makeScale('month', first, first, 3000);
    expect(s.width).toBeGreaterThanOrEqual(3000);
  });

  it('maps days to pixels and back, per zoom', () => {
    for (const zoom of ['day', 'week', 'month'] as const) {
      const s = makeScale(zoom, first, last);
      expect(xOfDay(s, s.startDay)).toBe(0);
      expect(xOfDay(s, first) / s.pxPerDay).toBe(first - s.startDay);
      expect(dayAtX(s, xOfDay(s, first))).toBe(first);
      expect(dayAtX(s, xOfDay(s, first) + s.pxPerDay - 0.5)).toBe(first);
      expect(dayAtX(s, xOfDay(s, first + 1))).toBe(first + 1);
    }
  });

  it('places bars: inclusive finish, milestones at the end of their day', () => {
    const s = makeScale('day', first, last);
    expect(barOf(s, '2026-03-04', '2026-03-05', false)).toEqual({ x: xOfDay(s, first), width: 56 });
    expect(barOf(s, '2026-03-04', '2026-03-04', true)).toEqual({ x: xOfDay(s, first + 1), width: 0 });
    expect(barOf(s, null, '2026-03-04', false)).toBeNull();
  });

  it('draws header ticks only for the pixels on screen', () => {
    const s = makeScale('day', first, dayOf('2030-01-01'));
    const x0 = xOfDay(s, dayOf('2027-06-10'));
    const tiers = headerTiers(s, x0, x0 + 280, 'en');
    expect(tiers.lower).toHaveLength(11); // 10 whole days and the one the right edge touches
    expect(tiers.lower[0]!.label).toBe('10');
    expect(tiers.lower[0]!.title).toContain('2027');
    expect(tiers.upper.map((t) => t.label)).toEqual(['June 2027']);
    expect(tiers.lower.filter((t) => t.weekend).length).toBe(4); // Sat 12, Sun 13, Sat 19, Sun 20
    const zh = headerTiers(s, x0, x0 + 28, 'zh-CN');
    expect(zh.lower[0]!.label).toBe('10');
    expect(zh.upper[0]!.label).toBe('2027年6月');
  });

  it('uses weeks under months, and months under years', () => {
    const w = makeScale('week', first, last);
    const weeks = headerTiers(w, 0, 700, 'en');
    expect(weeks.lower[0]!.label).toBe('2/23');
    expect(weeks.lower[1]!.x - weeks.lower[0]!.x).toBe(70);
    const m = makeScale('month', first, last);
    const months = headerTiers(m, 0, m.width, 'en');
    expect(months.lower.map((t) => t.label).slice(0, 3)).toEqual(['Feb', 'Mar', 'Apr']);
    expect(months.upper[0]!.label).toBe('2026');
  });

  it('clamps the days in view to the scale', () => {
    const s = makeScale('day', first, last);
    expect(daysInView(s, -100, 56)).toEqual([s.startDay, s.startDay + 3]);
    expect(daysInView(s, s.width + 10, s.width + 100)[1]).toBe(s.endDay);
  });

  it('finds the span of dates, ignoring blanks', () => {
    expect(spanOf(['2026-03-04', null, '2026-01-02', undefined, 'x'])).toEqual([dayOf('2026-01-02'), dayOf('2026-03-04')]);
    expect(spanOf([null])).toBeNull();
  });
});
