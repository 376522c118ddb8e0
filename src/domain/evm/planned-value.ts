import { WorkingCalendar, parseIsoDate } from '../schedule/calendar.js';

/**
 * Planned value (PV): the part of each baseline task's cost planned to be done by a status date.
 *
 * Each task's cost is spread evenly over the *working* days of its baseline span, start and finish
 * both inclusive, under the project's calendar (src/domain/schedule/calendar.ts); a day counts as
 * done at its end, so on the status date itself that day's share is planned. A task whose span has
 * no working day (a milestone, or start after finish) plans its whole cost on its finish date. A
 * task without baseline dates plans nothing (it still counts in BAC). Full precision: no rounding.
 */
export interface PlannedTask {
  cost: number;
  /** baseline start, inclusive, 'YYYY-MM-DD' */
  start: string | null;
  /** baseline finish, inclusive, 'YYYY-MM-DD' */
  finish: string | null;
}

export function plannedValueOfTask(task: PlannedTask, statusDay: number, calendar: WorkingCalendar): number {
  if (task.cost === 0) return 0;
  const start = task.start ?? task.finish;
  const finish = task.finish ?? task.start;
  if (start === null || finish === null) return 0;
  const s = parseIsoDate(start, 'start');
  const f = parseIsoDate(finish, 'finish');
  const total = f >= s ? calendar.countWorkingDays(s, f + 1) : 0;
  if (total <= 0) return statusDay >= f ? task.cost : 0;
  if (statusDay < s) return 0;
  if (statusDay >= f) return task.cost;
  return (task.cost * calendar.countWorkingDays(s, statusDay + 1)) / total;
}

export function plannedValue(tasks: readonly PlannedTask[], statusDate: string, calendar: WorkingCalendar = new WorkingCalendar()): number {
  const day = parseIsoDate(statusDate, 'statusDate');
  let pv = 0;
  for (const t of tasks) pv += plannedValueOfTask(t, day, calendar);
  return pv;
}
