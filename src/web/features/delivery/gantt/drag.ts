import { isWorkingDay, workingDaysBetween, type WorkCalendar } from './dates.js';

/** Whole days a drag of dx pixels moves by (snapped to the nearest day). */
export function snapDays(dx: number, pxPerDay: number): number {
  const d = Math.round(dx / pxPerDay);
  return d === 0 ? 0 : d; // no -0
}

/**
 * The duration after dragging a bar's right end by `delta` days: the working days from its start
 * to its new last day, at least one.
 */
export function resizedDuration(cal: WorkCalendar, startDay: number, finishDay: number, delta: number): number {
  return Math.max(1, workingDaysBetween(cal, startDay, finishDay + delta));
}

/** The last day of a task of `days` working days starting on `startDay` (for the preview of a resize). */
export function finishAfter(cal: WorkCalendar, startDay: number, days: number): number {
  let left = Math.max(1, days);
  let d = startDay;
  for (let guard = 0; guard < 100_000; guard++, d++) {
    if (isWorkingDay(cal, d) && --left === 0) return d;
  }
  return d;
}
