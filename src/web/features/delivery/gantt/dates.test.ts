import { dayOf, isoOf, isWorkingDay, mondayOnOrBefore, monthStart, nextMonthStart, nextWorkingDay, todayIn, weekdayOf, workCalendarOf, workingDaysBetween } from './dates.js';

describe('plan dates as day numbers', () => {
  it('round-trips ISO dates, leap days and far dates', () => {
    for (const iso of ['1970-01-01', '2024-02-29', '2026-03-02', '1999-12-31', '2100-03-01']) expect(isoOf(dayOf(iso))).toBe(iso);
    expect(dayOf('1970-01-02')).toBe(1);
    expect(dayOf('2026-03-03') - dayOf('2026-03-02')).toBe(1);
    expect(dayOf('not a date')).toBeNaN();
  });

  it('knows ISO weekdays, Mondays and months', () => {
    expect(weekdayOf(dayOf('1970-01-01'))).toBe(4);
    expect(weekdayOf(dayOf('2026-03-02'))).toBe(1);
    expect(weekdayOf(dayOf('2026-03-08'))).toBe(7);
    expect(weekdayOf(dayOf('1969-12-28'))).toBe(7);
    expect(isoOf(mondayOnOrBefore(dayOf('2026-03-08')))).toBe('2026-03-02');
    expect(isoOf(mondayOnOrBefore(dayOf('2026-03-02')))).toBe('2026-03-02');
    expect(isoOf(monthStart(dayOf('2026-03-17')))).toBe('2026-03-01');
    expect(isoOf(nextMonthStart(dayOf('2026-12-17')))).toBe('2027-01-01');
  });

  it('counts working days with weekends, holidays and make-up days', () => {
    const cal = workCalendarOf({
      workingDays: [1, 2, 3, 4, 5],
      exceptions: [
        { date: '2026-10-01', working: false },
        { date: '2026-10-10', working: true },
      ],
    });
    expect(isWorkingDay(cal, dayOf('2026-09-30'))).toBe(true);
    expect(isWorkingDay(cal, dayOf('2026-10-01'))).toBe(false);
    expect(isWorkingDay(cal, dayOf('2026-10-03'))).toBe(false); // Saturday
    expect(isWorkingDay(cal, dayOf('2026-10-10'))).toBe(true); // Saturday worked
    // Mon 28 Sep – Sun 11 Oct: 10 weekdays, one holiday, one make-up day.
    expect(workingDaysBetween(cal, dayOf('2026-09-28'), dayOf('2026-10-11'))).toBe(10);
    expect(workingDaysBetween(cal, dayOf('2026-10-02'), dayOf('2026-10-01'))).toBe(0);
    expect(isoOf(nextWorkingDay(cal, dayOf('2026-10-03')))).toBe('2026-10-05');
  });

  it('tells today in the user’s time zone', () => {
    const instant = new Date('2026-03-01T20:00:00Z');
    expect(todayIn('Asia/Shanghai', instant)).toBe('2026-03-02');
    expect(todayIn('America/New_York', instant)).toBe('2026-03-01');
    expect(todayIn('Not/AZone', instant)).toBe('2026-03-01');
  });
});
