/**
 * Plan dates as whole day numbers (days since 1970-01-01), so that nothing moves across time zones
 * and arithmetic is plain integers. The chart works in day numbers; ISO strings only at the edges.
 */

const MS_PER_DAY = 86_400_000;

/** 2026-03-02 → its day number. NaN for anything that is not an ISO date. */
export function dayOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return Number.NaN;
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY);
}

/** A day number → 2026-03-02. */
export function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday: Monday 1 … Sunday 7 (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** The Monday on or before a day. */
export function mondayOnOrBefore(day: number): number {
  return day - (weekdayOf(day) - 1);
}

/** The first day of the day's month. */
export function monthStart(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / MS_PER_DAY);
}

/** The first day of the month after the day's month. */
export function nextMonthStart(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / MS_PER_DAY);
}

export function yearStart(day: number): number {
  return Math.round(Date.UTC(new Date(day * MS_PER_DAY).getUTCFullYear(), 0, 1) / MS_PER_DAY);
}

export function nextYearStart(day: number): number {
  return Math.round(Date.UTC(new Date(day * MS_PER_DAY).getUTCFullYear() + 1, 0, 1) / MS_PER_DAY);
}

/** Today's date where the user is (their time zone), as an ISO date. */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  try {
    // en-CA formats as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** A working calendar as the chart needs it: working ISO weekdays and dated exceptions. */
export interface WorkCalendar {
  workingDays: ReadonlySet<number>;
  /** day number → working (true: a make-up working day; false: a holiday). */
  exceptions: ReadonlyMap<number, boolean>;
}

export const STANDARD_CALENDAR: WorkCalendar = { workingDays: new Set([1, 2, 3, 4, 5]), exceptions: new Map() };

export function workCalendarOf(c: { workingDays: number[]; exceptions: { date: string; working: boolean }[] } | null | undefined): WorkCalendar {
  if (!c || c.workingDays.length === 0) return STANDARD_CALENDAR;
  return { workingDays: new Set(c.workingDays), exceptions: new Map(c.exceptions.map((e) => [dayOf(e.date), e.working])) };
}

export function isWorkingDay(cal: WorkCalendar, day: number): boolean {
  const exception = cal.exceptions.get(day);
  return exception ?? cal.workingDays.has(weekdayOf(day));
}

/** Working days in [from, to], both inclusive (0 when to < from). */
export function workingDaysBetween(cal: WorkCalendar, from: number, to: number): number {
  let n = 0;
  for (let d = from; d <= to; d++) if (isWorkingDay(cal, d)) n++;
  return n;
}

/** The first working day on or after a day (the day itself when the calendar has no working day within ~20 years). */
export function nextWorkingDay(cal: WorkCalendar, day: number): number {
  for (let d = day; d < day + 7300; d++) if (isWorkingDay(cal, d)) return d;
  return day;
}
