/**
 * Working-day calendars, in pure day arithmetic.
 *
 * A date is an ISO `YYYY-MM-DD` string or, inside, a *day number*: days since 1970-01-01 in the
 * proleptic Gregorian calendar. No `Date` object, no time zone is involved anywhere, so a plan
 * date means the same day on every machine.
 *
 * `WorkingCalendar` answers "is this day worked?" and counts working days in a range in
 * O(log exceptions). `WorkingDayIndex` fixes a project start and numbers the working days from it:
 * offset 0 is the first working day on or after the start, offset 1 the next working day, offset
 * −1 the working day before offset 0. It keeps a precomputed array of day numbers per offset, so
 * offset → date is an array lookup (and the formatted string is cached); date → offset is the
 * O(log exceptions) count.
 */

import { ScheduleInputError } from './errors.js';

/** 0000-01-01 and 9999-12-31 as day numbers: the range a `YYYY-MM-DD` string can express. */
export const MIN_DAY = -719528;
export const MAX_DAY = 2932896;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a civil date (Howard Hinnant's days_from_civil). */
export function dayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number (Howard Hinnant's civil_from_days). */
export function civilFromDay(dayNumber: number): [year: number, month: number, day: number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The day number of an ISO date, or `undefined` when the string is not a real `YYYY-MM-DD` date. */
export function tryParseIsoDate(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return dayFromCivil(year, month, day);
}

/** The day number of an ISO date; a `ScheduleInputError` at `path` when it is not one. */
export function parseIsoDate(text: unknown, path = 'date'): number {
  const day = tryParseIsoDate(text);
  if (day === undefined) throw new ScheduleInputError(path, `Expected a date as YYYY-MM-DD, got ${JSON.stringify(text)}.`);
  return day;
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

/** `YYYY-MM-DD` of a day number; a RangeError outside years 0000–9999. */
export function formatIsoDate(dayNumber: number): string {
  if (!(dayNumber >= MIN_DAY && dayNumber <= MAX_DAY)) throw new CalendarRangeError(dayNumber);
  const [y, m, d] = civilFromDay(dayNumber);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** ISO weekday of a day number: Monday = 1 … Sunday = 7. */
export function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** A day that a `YYYY-MM-DD` string cannot express (before year 0000 or after 9999). */
export class CalendarRangeError extends RangeError {
  constructor(readonly dayNumber: number) {
    super(`The date falls outside the years 0000–9999 (day number ${dayNumber}).`);
    this.name = 'CalendarRangeError';
  }
}

export interface CalendarException {
  date: string;
  /** true: a make-up working day on a normally free weekday; false: a holiday. */
  working: boolean;
}

export interface CalendarDefinition {
  /** ISO weekdays worked, Monday = 1 … Sunday = 7. Default Monday–Friday. At least one. */
  workingDays?: readonly number[];
  exceptions?: readonly CalendarException[];
}

export const DEFAULT_WORKING_DAYS: readonly number[] = [1, 2, 3, 4, 5];

function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A weekly pattern of working weekdays plus dated exceptions. Immutable. */
export class WorkingCalendar {
  /** Bit (isoWeekday − 1) set when that weekday is worked. */
  readonly weekMask: number;
  private readonly perWeek: number;
  /** Exception days whose status differs from the weekly pattern, sorted. */
  private readonly flipDays: Int32Array;
  /** prefix[i] = Σ delta over flipDays[0..i): +1 for a make-up working day, −1 for a holiday. */
  private readonly flipPrefix: Int32Array;
  private readonly exceptions: ReadonlyMap<number, boolean>;

  /**
   * Validates like the API contract does (at least one working weekday, each weekday once,
   * real dates, each exception date once); `path` prefixes error paths.
   */
  constructor(definition: CalendarDefinition = {}, path = 'calendar') {
    const days = definition.workingDays ?? DEFAULT_WORKING_DAYS;
    if (!Array.isArray(days) || days.length === 0) {
      throw new ScheduleInputError(`${path}.workingDays`, 'A calendar needs at least one working weekday (Monday = 1 … Sunday = 7).');
    }
    let mask = 0;
    days.forEach((d, i) => {
      if (!Number.isInteger(d) || d < 1 || d > 7) {
        throw new ScheduleInputError(`${path}.workingDays.${i}`, `A weekday is a whole number from 1 (Monday) to 7 (Sunday), got ${JSON.stringify(d)}.`);
      }
      if (mask & (1 << (d - 1))) throw new ScheduleInputError(`${path}.workingDays.${i}`, `Weekday ${d} is listed twice.`);
      mask |= 1 << (d - 1);
    });
    this.weekMask = mask;
    let perWeek = 0;
    for (let b = 0; b < 7; b++) if (mask & (1 << b)) perWeek++;
    this.perWeek = perWeek;

    const exceptions = new Map<number, boolean>();
    const flips: [number, number][] = [];
    (definition.exceptions ?? []).forEach((e, i) => {
      const day = parseIsoDate(e?.date, `${path}.exceptions.${i}.date`);
      if (typeof e.working !== 'boolean') throw new ScheduleInputError(`${path}.exceptions.${i}.working`, 'Say whether the day is worked (true) or not (false).');
      if (exceptions.has(day)) throw new ScheduleInputError(`${path}.exceptions.${i}.date`, `The date ${e.date} is listed twice.`);
      exceptions.set(day, e.working);
      const byPattern = (mask & (1 << (isoWeekday(day) - 1))) !== 0;
      if (byPattern !== e.working) flips.push([day, e.working ? 1 : -1]);
    });
    flips.sort((a, b) => a[0] - b[0]);
    this.exceptions = exceptions;
    this.flipDays = Int32Array.from(flips, (f) => f[0]);
    this.flipPrefix = new Int32Array(flips.length + 1);
    for (let i = 0; i < flips.length; i++) this.flipPrefix[i + 1] = this.flipPrefix[i] + flips[i][1];
  }

  isWorkingDay(dayNumber: number): boolean {
    if (this.exceptions.size > 0) {
      const e = this.exceptions.get(dayNumber);
      if (e !== undefined) return e;
    }
    return (this.weekMask & (1 << (isoWeekday(dayNumber) - 1))) !== 0;
  }

  /** Working days in [from, to) (negative when to < from, as −count(to, from)). O(log exceptions). */
  countWorkingDays(from: number, to: number): number {
    if (to < from) return 0 - this.countWorkingDays(to, from); // 0 − x, never −0
    const n = to - from;
    const fullWeeks = Math.floor(n / 7);
    let count = fullWeeks * this.perWeek;
    let wd = isoWeekday(from + fullWeeks * 7) - 1;
    for (let r = n - fullWeeks * 7; r > 0; r--) {
      if (this.weekMask & (1 << wd)) count++;
      wd = wd === 6 ? 0 : wd + 1;
    }
    if (this.flipDays.length > 0) count += this.flipPrefix[lowerBound(this.flipDays, to)] - this.flipPrefix[lowerBound(this.flipDays, from)];
    return count;
  }
}

/**
 * Working days numbered from a project start. Offsets may be negative (late dates pushed before
 * the start by a deadline). The day array grows on demand, by doubling, to cover what is asked.
 */
export class WorkingDayIndex {
  /** Day number of offset 0: the first working day on or after the requested start. */
  readonly originDay: number;
  /** Offset of `days[0]`. */
  private lo = 0;
  private days: Int32Array;
  private dates: (string | undefined)[] = [];

  constructor(
    readonly calendar: WorkingCalendar,
    readonly startDay: number,
  ) {
    let d = startDay;
    // The weekly pattern has a working day, so this ends within 7 days plus the holidays met.
    while (!calendar.isWorkingDay(d)) {
      d++;
      if (d > MAX_DAY) throw new CalendarRangeError(d);
    }
    this.originDay = d;
    this.days = Int32Array.of(d);
  }

  /** Smallest and one-past-largest offset currently indexed. */
  get range(): [number, number] {
    return [this.lo, this.lo + this.days.length];
  }

  /** Makes offsets [minOffset, maxOffset] O(1) to look up. Throws CalendarRangeError past 0000–9999. */
  ensure(minOffset: number, maxOffset: number): void {
    const curLo = this.lo;
    const curHi = this.lo + this.days.length - 1;
    if (minOffset >= curLo && maxOffset <= curHi) return;
    const span = this.days.length;
    const newLo = minOffset < curLo ? Math.min(minOffset, curLo - span) : curLo;
    const newHi = maxOffset > curHi ? Math.max(maxOffset, curHi + span) : curHi;
    // Working days in 0000–9999 number fewer than 3.7 million; anything wider cannot be dated.
    if (newHi - newLo > 4_000_000) throw new CalendarRangeError(newHi > curHi ? MAX_DAY + 1 : MIN_DAY - 1);
    const next = new Int32Array(newHi - newLo + 1);
    next.set(this.days, curLo - newLo);
    const cal = this.calendar;
    let day = this.days[this.days.length - 1];
    for (let i = curHi - newLo + 1; i < next.length; i++) {
      do day++;
      while (!cal.isWorkingDay(day) && day <= MAX_DAY);
      if (day > MAX_DAY) throw new CalendarRangeError(day);
      next[i] = day;
    }
    day = this.days[0];
    for (let i = curLo - newLo - 1; i >= 0; i--) {
      do day--;
      while (!cal.isWorkingDay(day) && day >= MIN_DAY);
      if (day < MIN_DAY) throw new CalendarRangeError(day);
      next[i] = day;
    }
    const dates: (string | undefined)[] = new Array(next.length);
    for (let i = 0; i < this.dates.length; i++) dates[i + curLo - newLo] = this.dates[i];
    this.days = next;
    this.dates = dates;
    this.lo = newLo;
  }

  /** Day number of the working day at `offset`. */
  dayOf(offset: number): number {
    const i = offset - this.lo;
    if (i < 0 || i >= this.days.length) {
      this.ensure(offset, offset);
      return this.days[offset - this.lo];
    }
    return this.days[i];
  }

  /** `YYYY-MM-DD` of the working day at `offset` (cached). */
  dateOf(offset: number): string {
    let i = offset - this.lo;
    if (i < 0 || i >= this.days.length) {
      this.ensure(offset, offset);
      i = offset - this.lo;
    }
    let s = this.dates[i];
    if (s === undefined) this.dates[i] = s = formatIsoDate(this.days[i]);
    return s;
  }

  /** Offset of the first working day on or after `dayNumber`. */
  offsetOnOrAfter(dayNumber: number): number {
    return this.calendar.countWorkingDays(this.originDay, dayNumber);
  }

  /** Offset of the last working day on or before `dayNumber`. */
  offsetOnOrBefore(dayNumber: number): number {
    return this.offsetOnOrAfter(dayNumber + 1) - 1;
  }
}
