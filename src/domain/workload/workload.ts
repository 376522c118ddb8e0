/**
 * Workload: the hours each person is planned to work per ISO week, across every project, against
 * their capacity. Pure: no I/O, no clock. Dates are ISO `YYYY-MM-DD` strings or day numbers (see
 * ../schedule/calendar.ts); a week is named by its Monday.
 *
 * - An assignment's **work** is its share of the task's estimate (estimate × units ÷ the task's
 *   total units) when the task has one, else duration × hours per day × units — as a baseline
 *   counts work (../plan/work.ts).
 * - The work is **spread evenly over the working days** of the task's span (early start to early
 *   finish, both inclusive) on the *person's* calendar: a holiday of theirs inside the span pushes
 *   that day's share onto the other days. A span without a single working day for them (a one-day
 *   task on their holiday) is spread over its calendar days instead, so that no planned hour is lost.
 * - A week's **capacity** is the weekly capacity × the working days in that week ÷ the calendar's
 *   normal working days per week: a week with a holiday has less room.
 * - **Allocation** = hours ÷ capacity; **over-allocated** when above 100 %. A week without any
 *   capacity (all holidays) has no allocation (null) and is over-allocated as soon as it holds work.
 *
 * Everything is kept at full precision; rounding is for display only.
 */

import { formatIsoDate, isoWeekday, parseIsoDate, WorkingCalendar } from '../schedule/calendar.js';

export { WorkingCalendar } from '../schedule/calendar.js';

/** Above this the allocation counts as over 100 % (absorbs floating-point noise of sums like 0.1 + 0.2). */
const OVER_EPSILON = 1e-9;

export interface WorkloadPerson {
  id: string;
  weeklyCapacityHours: number;
  calendar: WorkingCalendar;
}

export interface WorkloadAssignment {
  personId: string;
  /** First and last day of the task (early start and early finish), both inclusive. */
  start: string;
  finish: string;
  durationDays: number;
  estimatedHours: number | null;
  /** This person's units (1 = full time). */
  units: number;
  /** Sum of the units of everyone assigned to the task (shares the estimate). */
  totalUnits: number;
  /** Hours in a working day of the task's project calendar. */
  hoursPerDay: number;
}

export interface WeekRange {
  /** Day number of the first Monday. */
  firstDay: number;
  weeks: number;
}

export interface WorkloadWeek {
  weekStart: string;
  hours: number;
  capacityHours: number;
  /** hours ÷ capacity; null when the week has no capacity at all. */
  allocation: number | null;
  overAllocated: boolean;
}

/** Day number of the Monday of the ISO week that holds the day. */
export function mondayOf(day: number): number {
  return day - (isoWeekday(day) - 1);
}

/** The week range that starts with the ISO week of `from` and spans `weeks` weeks. */
export function weekRange(from: string, weeks: number): WeekRange {
  if (!Number.isInteger(weeks) || weeks < 1) throw new RangeError(`weeks must be a positive whole number, got ${weeks}`);
  return { firstDay: mondayOf(parseIsoDate(from, 'from')), weeks };
}

/** The Mondays of the range, as ISO dates. */
export function weekStarts(range: WeekRange): string[] {
  return Array.from({ length: range.weeks }, (_, i) => formatIsoDate(range.firstDay + 7 * i));
}

/** First and last day (inclusive) of the range, as ISO dates: what a query for overlapping work needs. */
export function rangeBounds(range: WeekRange): { first: string; last: string } {
  return { first: formatIsoDate(range.firstDay), last: formatIsoDate(range.firstDay + 7 * range.weeks - 1) };
}

/** The assignment's planned work in hours (see the module comment). */
export function assignmentWork(a: Pick<WorkloadAssignment, 'durationDays' | 'estimatedHours' | 'units' | 'totalUnits' | 'hoursPerDay'>): number {
  if (a.estimatedHours !== null) return a.totalUnits > 0 ? (a.estimatedHours * a.units) / a.totalUnits : 0;
  return Math.max(0, a.durationDays) * a.hoursPerDay * a.units;
}

/** Working days of the person's calendar in the week that starts on `monday`. */
export const workingDaysInWeek = (calendar: WorkingCalendar, monday: number) => calendar.countWorkingDays(monday, monday + 7);

/** Working days in a normal week of the calendar (its weekly pattern, without exceptions). */
export function normalWorkingDays(calendar: WorkingCalendar): number {
  let n = 0;
  for (let b = 0; b < 7; b++) if (calendar.weekMask & (1 << b)) n++;
  return n;
}

/** Capacity of the week that starts on `monday`, reduced (or raised) by its exceptions. */
export function weekCapacity(person: Pick<WorkloadPerson, 'weeklyCapacityHours' | 'calendar'>, monday: number): number {
  return (person.weeklyCapacityHours * workingDaysInWeek(person.calendar, monday)) / normalWorkingDays(person.calendar);
}

/**
 * The assignment's hours in each week of the range (index 0 = the first week). Weeks outside the
 * range are not returned, so the sum over the range is the part of the work that falls inside it.
 */
export function spreadAssignment(a: WorkloadAssignment, calendar: WorkingCalendar, range: WeekRange): Float64Array {
  const out = new Float64Array(range.weeks);
  const work = assignmentWork(a);
  if (!(work > 0)) return out;
  const s = parseIsoDate(a.start, 'start');
  const f = parseIsoDate(a.finish, 'finish');
  // [start, end), end exclusive; a finish before the start (never from the scheduler) is read as the span between them.
  const start = Math.min(s, f);
  const end = Math.max(s, f) + 1;
  const rangeEnd = range.firstDay + 7 * range.weeks;
  if (end <= range.firstDay || start >= rangeEnd) return out;
  const workingDays = calendar.countWorkingDays(start, end);
  const perDay = workingDays > 0 ? work / workingDays : work / (end - start);
  const daysIn = workingDays > 0 ? (lo: number, hi: number) => calendar.countWorkingDays(lo, hi) : (lo: number, hi: number) => hi - lo;
  const firstWeek = Math.max(0, Math.floor((start - range.firstDay) / 7));
  const lastWeek = Math.min(range.weeks - 1, Math.floor((end - 1 - range.firstDay) / 7));
  for (let w = firstWeek; w <= lastWeek; w++) {
    const monday = range.firstDay + 7 * w;
    const days = daysIn(Math.max(start, monday), Math.min(end, monday + 7));
    if (days > 0) out[w] += perDay * days;
  }
  return out;
}

/** A week's figures from its hours and capacity. */
export function weekCell(weekStart: string, hours: number, capacityHours: number): WorkloadWeek {
  const allocation = capacityHours > 0 ? hours / capacityHours : hours > 0 ? null : 0;
  return { weekStart, hours, capacityHours, allocation, overAllocated: allocation === null || allocation > 1 + OVER_EPSILON };
}

/**
 * Hours per person per week over the range, with capacity and allocation. Every person gets a row
 * (weeks without work have 0 hours); assignments of people not listed are ignored.
 */
export function computeWorkload(people: readonly WorkloadPerson[], assignments: readonly WorkloadAssignment[], range: WeekRange): Map<string, WorkloadWeek[]> {
  const hours = new Map<string, Float64Array>();
  const byId = new Map(people.map((p) => [p.id, p]));
  for (const p of people) hours.set(p.id, new Float64Array(range.weeks));
  for (const a of assignments) {
    const person = byId.get(a.personId);
    if (!person) continue;
    const spread = spreadAssignment(a, person.calendar, range);
    const sum = hours.get(a.personId)!;
    for (let w = 0; w < range.weeks; w++) sum[w] += spread[w];
  }
  const starts = weekStarts(range);
  const out = new Map<string, WorkloadWeek[]>();
  for (const p of people) {
    const h = hours.get(p.id)!;
    out.set(
      p.id,
      starts.map((ws, w) => weekCell(ws, h[w], weekCapacity(p, range.firstDay + 7 * w))),
    );
  }
  return out;
}
