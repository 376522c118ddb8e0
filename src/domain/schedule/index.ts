/**
 * The schedule calculator behind `POST /api/v1/calc/schedule`: the request of DOMAIN.md in, its
 * response out. Offsets come from the CPM engine (`cpm.ts`), dates from the working-day calendar
 * (`calendar.ts`). Pure: the caller passes today's date for a request without a start.
 *
 * Date rules (docs/decisions/005-scheduler-semantics.md):
 * - offset 0 is the first working day on or after `start`;
 * - a task with duration > 0 starts on the date of its start offset and finishes, inclusive, on the
 *   date of (finish offset − 1);
 * - a milestone at offset k sits at the end of the working day before it, as Microsoft Project
 *   shows a milestone at its predecessor's finish: the date of offset k − 1 when k >= 1, of k when
 *   k <= 0 (a milestone at the project start shows on the start day); start date = finish date;
 * - a summary task's dates are the earliest start date and latest finish date of its children.
 */

import { CalendarRangeError, MAX_DAY, parseIsoDate, WorkingCalendar, WorkingDayIndex } from './calendar.js';
import type { CalendarException } from './calendar.js';
import { computeSchedule } from './cpm.js';
import type { ConstraintType, CpmConstraint, CpmTask, LinkType } from './cpm.js';
import { ScheduleInputError } from './errors.js';

export { computeSchedule, scheduleRows, CONSTRAINT_TYPES, LINK_TYPES, SUMMARY_CONSTRAINT_TYPES } from './cpm.js';
export type { ConstraintType, CpmConstraint, CpmDependency, CpmInput, CpmSchedule, CpmTask, CpmTaskResult, LinkType } from './cpm.js';
export {
  CalendarRangeError,
  DEFAULT_WORKING_DAYS,
  formatIsoDate,
  isoWeekday,
  parseIsoDate,
  tryParseIsoDate,
  WorkingCalendar,
  WorkingDayIndex,
} from './calendar.js';
export type { CalendarDefinition, CalendarException } from './calendar.js';
export { ScheduleCycleError, ScheduleInputError } from './errors.js';

export interface ScheduleRequestConstraint {
  type: ConstraintType;
  /** A calendar date (see `constraintOffset` for how it becomes an offset)… */
  date?: string | null;
  /** …or an offset directly: a start offset for SNET/SNLT/MSO, an exclusive finish offset for FNET/FNLT/MFO. */
  offset?: number | null;
}

export interface ScheduleRequestTask {
  id: string;
  durationDays: number;
  parentId?: string | null;
  constraint?: ScheduleRequestConstraint | null;
}

export interface ScheduleRequestDependency {
  predecessorId: string;
  successorId: string;
  type: LinkType;
  lagDays?: number;
}

export interface ScheduleRequestCalendar {
  workingDays?: readonly number[];
  exceptions?: readonly (CalendarException & { name?: string })[];
}

export interface ScheduleRequest {
  tasks: readonly ScheduleRequestTask[];
  dependencies?: readonly ScheduleRequestDependency[];
  /** Project start date; default: the `today` the caller passes. */
  start?: string | null;
  /** Default: Monday–Friday, no exceptions. */
  calendar?: ScheduleRequestCalendar | null;
}

export interface ScheduledTask {
  id: string;
  earlyStart: number;
  earlyFinish: number;
  lateStart: number;
  lateFinish: number;
  totalFloat: number;
  freeFloat: number;
  critical: boolean;
  earlyStartDate: string;
  earlyFinishDate: string;
  lateStartDate: string;
  lateFinishDate: string;
}

export interface ScheduleResponse {
  projectDuration: number;
  criticalPath: string[];
  tasks: ScheduledTask[];
}

const START_TYPES = new Set<ConstraintType>(['SNET', 'SNLT', 'MSO']);
const LOWER_TYPES = new Set<ConstraintType>(['SNET', 'FNET', 'MSO']);

/**
 * The offset a dated constraint stands for, chosen so that the constraint holds on the dates the
 * response shows:
 * - start constraints on a task: SNET and MSO take the first working day on/after the date, SNLT
 *   the last working day on/before it;
 * - finish constraints on a task (finish offsets are exclusive): FNET = first working day on/after
 *   the date + 1, FNLT and MFO = last working day on/before the date + 1;
 * - a milestone shows one date, so every constraint compares that date: SNET, FNET and MSO take the
 *   smallest offset whose milestone date is on/after the date, SNLT, FNLT and MFO the largest whose
 *   milestone date is on/before it.
 */
export function constraintOffset(type: ConstraintType, day: number, milestone: boolean, index: WorkingDayIndex): number {
  const onOrAfter = index.offsetOnOrAfter(day);
  const onOrBefore = index.offsetOnOrBefore(day);
  if (milestone) {
    // Milestone date of offset k: date(k − 1) for k >= 1, date(k) for k <= 0.
    if (LOWER_TYPES.has(type)) return day <= index.originDay ? 0 : onOrAfter + 1;
    return onOrBefore >= 0 ? onOrBefore + 1 : onOrBefore;
  }
  if (START_TYPES.has(type)) return type === 'SNLT' ? onOrBefore : onOrAfter;
  return type === 'FNET' ? onOrAfter + 1 : onOrBefore + 1;
}

/**
 * Schedules the request. `today` (YYYY-MM-DD) is the project start when the request has none.
 * @throws ScheduleInputError (bad input, with a dotted path) or ScheduleCycleError.
 */
export function calculateSchedule(request: ScheduleRequest, today: string): ScheduleResponse {
  const startDay = request.start == null ? parseIsoDate(today, 'today') : parseIsoDate(request.start, 'start');
  const calendar = new WorkingCalendar(request.calendar ?? {}, 'calendar');
  const index = new WorkingDayIndex(calendar, startDay);
  const tasks = request.tasks;
  if (!Array.isArray(tasks)) throw new ScheduleInputError('tasks', 'Expected a list of tasks.');

  // Dated constraints become offsets; the engine sees offsets only.
  let cpmTasks: readonly CpmTask[] = tasks;
  if (tasks.some((t) => t?.constraint != null)) {
    const parents = new Set<string>();
    for (const t of tasks) if (t?.parentId != null) parents.add(t.parentId);
    cpmTasks = tasks.map((t, i) => {
      const c = t.constraint;
      if (c == null) return t;
      const hasDate = c.date != null;
      const hasOffset = c.offset != null;
      let constraint: CpmConstraint;
      if (c.type === 'ASAP') {
        constraint = { type: 'ASAP' };
      } else if (hasDate && hasOffset) {
        throw new ScheduleInputError(`tasks.${i}.constraint`, 'Give the constraint either a date or an offset, not both.');
      } else if (hasDate) {
        const day = parseIsoDate(c.date, `tasks.${i}.constraint.date`);
        const milestone = t.durationDays === 0 && !parents.has(t.id);
        constraint = { type: c.type, offset: constraintOffset(c.type, day, milestone, index) };
      } else if (hasOffset) {
        constraint = { type: c.type, offset: c.offset! };
      } else {
        throw new ScheduleInputError(`tasks.${i}.constraint`, `A ${String(c.type)} constraint needs a date or an offset.`);
      }
      return { ...t, constraint };
    });
  }

  const s = computeSchedule({ tasks: cpmTasks, dependencies: request.dependencies });
  const n = s.ids.length;

  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    if (s.lateStart[i] < lo) lo = s.lateStart[i];
    if (s.earlyFinish[i] > hi) hi = s.earlyFinish[i];
    if (s.lateFinish[i] > hi) hi = s.lateFinish[i];
  }
  try {
    index.ensure(lo, hi);
  } catch (err) {
    if (err instanceof CalendarRangeError) {
      throw new ScheduleInputError('tasks', `The schedule reaches working day ${err.dayNumber > MAX_DAY ? hi : lo} from the start, which falls outside the years 0000–9999.`);
    }
    throw err;
  }

  const esDate: string[] = new Array(n);
  const efDate: string[] = new Array(n);
  const lsDate: string[] = new Array(n);
  const lfDate: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (s.isSummary[i]) continue;
    if (tasks[i].durationDays > 0) {
      esDate[i] = index.dateOf(s.earlyStart[i]);
      efDate[i] = index.dateOf(s.earlyFinish[i] - 1);
      lsDate[i] = index.dateOf(s.lateStart[i]);
      lfDate[i] = index.dateOf(s.lateFinish[i] - 1);
    } else {
      const e = s.earlyStart[i];
      const l = s.lateStart[i];
      esDate[i] = efDate[i] = index.dateOf(e >= 1 ? e - 1 : e);
      lsDate[i] = lfDate[i] = index.dateOf(l >= 1 ? l - 1 : l);
    }
  }
  for (let k = 0; k < n; k++) {
    const i = s.bottomUp[k];
    const p = s.parentIndex[i];
    if (p < 0) continue;
    if (esDate[p] === undefined || esDate[i] < esDate[p]) esDate[p] = esDate[i];
    if (efDate[p] === undefined || efDate[i] > efDate[p]) efDate[p] = efDate[i];
    if (lsDate[p] === undefined || lsDate[i] < lsDate[p]) lsDate[p] = lsDate[i];
    if (lfDate[p] === undefined || lfDate[i] > lfDate[p]) lfDate[p] = lfDate[i];
  }

  const out: ScheduledTask[] = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = {
      id: s.ids[i],
      earlyStart: s.earlyStart[i],
      earlyFinish: s.earlyFinish[i],
      lateStart: s.lateStart[i],
      lateFinish: s.lateFinish[i],
      totalFloat: s.totalFloat[i],
      freeFloat: s.freeFloat[i],
      critical: s.critical[i] === 1,
      earlyStartDate: esDate[i],
      earlyFinishDate: efDate[i],
      lateStartDate: lsDate[i],
      lateFinishDate: lfDate[i],
    };
  }
  return { projectDuration: s.projectDuration, criticalPath: s.criticalPath, tasks: out };
}
