import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CalendarRangeError,
  civilFromDay,
  dayFromCivil,
  formatIsoDate,
  isoWeekday,
  MAX_DAY,
  MIN_DAY,
  parseIsoDate,
  tryParseIsoDate,
  WorkingCalendar,
  WorkingDayIndex,
} from './calendar.js';
import type { CalendarDefinition } from './calendar.js';
import { ScheduleInputError } from './errors.js';

const day = (iso: string) => parseIsoDate(iso);

describe('day arithmetic', () => {
  it('agrees with Date.UTC over years 0000–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DAY, max: MAX_DAY }), (n) => {
        const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
        const [y, m, d] = civilFromDay(n);
        expect(dayFromCivil(y, m, d)).toBe(n);
        // Date's ISO string writes year 0000 as "0000" too.
        expect(formatIsoDate(n)).toBe(iso);
        expect(parseIsoDate(iso)).toBe(n);
        expect(isoWeekday(n)).toBe(((new Date(n * 86_400_000).getUTCDay() + 6) % 7) + 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('knows fixed points', () => {
    expect(day('1970-01-01')).toBe(0);
    expect(isoWeekday(0)).toBe(4); // Thursday
    expect(isoWeekday(day('2026-03-02'))).toBe(1); // Monday
    expect(isoWeekday(day('2026-03-08'))).toBe(7); // Sunday
    expect(formatIsoDate(MIN_DAY)).toBe('0000-01-01');
    expect(formatIsoDate(MAX_DAY)).toBe('9999-12-31');
    expect(() => formatIsoDate(MAX_DAY + 1)).toThrow(CalendarRangeError);
  });

  it('rejects what is not a real date', () => {
    for (const bad of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-01', '26-01-01', '2026-01-01T00:00:00Z', '', 20260101, null]) {
      expect(tryParseIsoDate(bad)).toBeUndefined();
    }
    expect(tryParseIsoDate('2024-02-29')).toBe(day('2024-02-28') + 1);
    expect(tryParseIsoDate('2000-02-29')).toBeDefined();
    expect(tryParseIsoDate('1900-02-29')).toBeUndefined();
    expect(() => parseIsoDate('2026-02-30', 'start')).toThrow(expect.objectContaining({ path: 'start', message: 'Expected a date as YYYY-MM-DD, got "2026-02-30".' }));
  });
});

describe('WorkingCalendar', () => {
  it('works Monday to Friday by default, with holidays and make-up days', () => {
    const cal = new WorkingCalendar({
      exceptions: [
        { date: '2026-03-04', working: false }, // a Wednesday holiday
        { date: '2026-03-07', working: true }, // a Saturday make-up day
      ],
    });
    const worked = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08'].map((d) => cal.isWorkingDay(day(d)));
    expect(worked).toEqual([true, true, false, true, true, true, false]);
    // [Mon 2 March, Mon 9 March): Mon, Tue, Thu, Fri, Sat = 5.
    expect(cal.countWorkingDays(day('2026-03-02'), day('2026-03-09'))).toBe(5);
    expect(cal.countWorkingDays(day('2026-03-09'), day('2026-03-02'))).toBe(-5);
  });

  it('takes other working weeks (Sunday to Thursday)', () => {
    const cal = new WorkingCalendar({ workingDays: [7, 1, 2, 3, 4] });
    expect(cal.isWorkingDay(day('2026-03-08'))).toBe(true); // Sunday
    expect(cal.isWorkingDay(day('2026-03-06'))).toBe(false); // Friday
  });

  it.each([
    [{ workingDays: [] }, 'calendar.workingDays', /at least one working weekday/],
    [{ workingDays: [1, 8] }, 'calendar.workingDays.1', /1 \(Monday\) to 7 \(Sunday\)/],
    [{ workingDays: [1.5] }, 'calendar.workingDays.0', /whole number/],
    [{ workingDays: [2, 2] }, 'calendar.workingDays.1', /listed twice/],
    [{ exceptions: [{ date: '2026-02-30', working: false }] }, 'calendar.exceptions.0.date', /YYYY-MM-DD/],
    [
      {
        exceptions: [
          { date: '2026-05-01', working: false },
          { date: '2026-05-01', working: true },
        ],
      },
      'calendar.exceptions.1.date',
      /listed twice/,
    ],
    [{ exceptions: [{ date: '2026-05-01', working: 'no' }] }, 'calendar.exceptions.0.working', /worked/],
  ] as [CalendarDefinition, string, RegExp][])('rejects %j', (def, path, message) => {
    let err: unknown;
    try {
      new WorkingCalendar(def);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScheduleInputError);
    expect((err as ScheduleInputError).path).toBe(path);
    expect((err as ScheduleInputError).message).toMatch(message);
  });
});

/** A random calendar around 2026 and a brute-force walk to compare against. */
const calendarArb = fc.record({
  workingDays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
  exceptions: fc.uniqueArray(fc.record({ offset: fc.integer({ min: -60, max: 120 }), working: fc.boolean() }), { selector: (e) => e.offset, maxLength: 25 }),
});
const BASE = day('2026-03-02');
const toDefinition = (c: { workingDays: number[]; exceptions: { offset: number; working: boolean }[] }): CalendarDefinition => ({
  workingDays: c.workingDays,
  exceptions: c.exceptions.map((e) => ({ date: formatIsoDate(BASE + e.offset), working: e.working })),
});

describe('WorkingCalendar and WorkingDayIndex against a day-by-day walk', () => {
  it('count working days in any range', () => {
    fc.assert(
      fc.property(calendarArb, fc.integer({ min: -90, max: 150 }), fc.integer({ min: -90, max: 150 }), (c, a, b) => {
        const cal = new WorkingCalendar(toDefinition(c));
        let expected = 0;
        for (let d = BASE + Math.min(a, b); d < BASE + Math.max(a, b); d++) if (cal.isWorkingDay(d)) expected++;
        expect(cal.countWorkingDays(BASE + a, BASE + b)).toBe(a <= b ? expected : 0 - expected);
      }),
      { numRuns: 500 },
    );
  });

  it('number working days from the start, both ways, and map dates back to offsets', () => {
    fc.assert(
      fc.property(calendarArb, fc.integer({ min: -20, max: 40 }), (c, startShift) => {
        const cal = new WorkingCalendar(toDefinition(c));
        const start = BASE + startShift;
        const index = new WorkingDayIndex(cal, start);
        // Walk: offset 0 is the first working day on/after start.
        const forward: number[] = [];
        for (let d = start; forward.length < 60; d++) if (cal.isWorkingDay(d)) forward.push(d);
        const backward: number[] = [];
        for (let d = forward[0] - 1; backward.length < 30; d--) if (cal.isWorkingDay(d)) backward.push(d);
        expect(index.originDay).toBe(forward[0]);
        for (let k = 0; k < forward.length; k++) expect(index.dayOf(k)).toBe(forward[k]);
        for (let k = 1; k <= backward.length; k++) expect(index.dayOf(-k)).toBe(backward[k - 1]);
        expect(index.dateOf(3)).toBe(formatIsoDate(forward[3]));
        // date → offset: the first working day on/after, the last on/before.
        for (let d = backward[backward.length - 1]; d <= forward[forward.length - 1]; d++) {
          const after = index.offsetOnOrAfter(d);
          const before = index.offsetOnOrBefore(d);
          expect(index.dayOf(after)).toBeGreaterThanOrEqual(d);
          expect(index.dayOf(after - 1)).toBeLessThan(d);
          expect(index.dayOf(before)).toBeLessThanOrEqual(d);
          expect(index.dayOf(before + 1)).toBeGreaterThan(d);
          expect(before).toBe(cal.isWorkingDay(d) ? after : after - 1);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('WorkingDayIndex', () => {
  it('starts on the first working day when the start is not one', () => {
    const index = new WorkingDayIndex(new WorkingCalendar(), day('2026-02-28')); // Saturday
    expect(index.dateOf(0)).toBe('2026-03-02');
    expect(index.dateOf(-1)).toBe('2026-02-27');
    expect(index.offsetOnOrAfter(day('2026-02-28'))).toBe(0);
    expect(index.offsetOnOrBefore(day('2026-02-28'))).toBe(-1);
  });

  it('grows on demand and stops at year 9999', () => {
    const index = new WorkingDayIndex(new WorkingCalendar(), day('2026-03-02'));
    expect(index.dateOf(260)).toBe('2027-03-01'); // 52 weeks of Monday–Friday
    expect(index.dateOf(-5)).toBe('2026-02-23');
    index.ensure(-100, 100_000);
    expect(index.range[0]).toBeLessThanOrEqual(-100);
    expect(index.range[1]).toBeGreaterThan(100_000);
    expect(() => index.dateOf(3_000_000)).toThrow(CalendarRangeError);
    expect(() => new WorkingDayIndex(new WorkingCalendar({ workingDays: [6] }), MAX_DAY)).toThrow(CalendarRangeError);
  });
});
