/**
 * An MSPDI document (`types.ts`) as a Tandem plan: a project calendar, tasks in outline order with
 * their parents, links with lags in whole working days, Baseline 0, assignments by resource, and
 * a list of warnings for whatever could not be carried over exactly. Pure: no database, no clock.
 *
 * Conversions (Tandem plans in whole working days on one calendar, docs/decisions/005):
 * - durations, lags and slack: minutes ÷ the project calendar's minutes per working day (the most
 *   common day length of its working weekdays; the file's MinutesPerDay when it has none). A value
 *   that is not a whole number of days is rounded (a non-zero duration to at least one day), with a
 *   warning. Elapsed durations and lags (`3ed`) count calendar days scaled to the working week;
 *   percentage lags take that share of the predecessor's duration. Both warn.
 * - instants → dates: a start at or after the end of the working day is the next day's start; a
 *   finish at or before the start of the working day is the previous day's finish (Microsoft
 *   Project 2016+ writes a finish as the next day's 08:00). A milestone's date is a finish, but
 *   never before the project start.
 * - outline: the parent of a task is the nearest task above it one outline level up (OutlineLevel,
 *   else the depth of OutlineNumber); the project summary task (level 0) is not a task of the plan.
 * - constraints: 0 ASAP, 1 ALAP (→ ASAP, warned), 2 MSO, 3 MFO, 4 SNET, 5 SNLT, 6 FNET, 7 FNLT.
 */

import { civilFromDay, dayFromCivil, formatIsoDate, isoWeekday, tryParseIsoDate, WorkingCalendar } from '../schedule/calendar.js';
import type { ConstraintType, LinkType } from '../schedule/cpm.js';
import { MspdiError } from './errors.js';
import { MSPDI_LIMITS } from './limits.js';
import type { MspdiCalendar, MspdiCalendarException, MspdiDocument, MspdiTask, MspdiWorkingTime } from './types.js';
import { isElapsedFormat, isPercentFormat, splitInstant } from './units.js';
import { WarningCollector, type ImportWarning } from './warnings.js';

export interface PlanCalendarException {
  date: string;
  name: string;
  working: boolean;
}

export interface PlanCalendar {
  name: string;
  /** ISO weekdays, Monday = 1 … Sunday = 7. */
  workingDays: number[];
  hoursPerDay: number;
  exceptions: PlanCalendarException[];
  /** Minutes after midnight when a working day starts and ends (for instants ↔ dates). */
  dayStart: number;
  dayEnd: number;
}

export interface PlanBaseline {
  start: string | null;
  finish: string | null;
  durationDays: number;
  workHours: number;
  /** Minor units (cents, fen). */
  cost: number;
}

export interface PlanTask {
  /** The task's UID in the file. */
  key: string;
  name: string;
  parentKey: string | null;
  /** Order among its siblings, from 0. */
  position: number;
  /** 1 for a top-level task. */
  level: number;
  kind: 'task' | 'milestone';
  /** Working days; 0 for a milestone; ignored for a summary (a task that is another's parent). */
  durationDays: number;
  constraintType: ConstraintType;
  constraintDate: string | null;
  percentComplete: number;
  actualStart: string | null;
  actualFinish: string | null;
  estimatedHours: number | null;
  baseline: PlanBaseline | null;
}

export interface PlanDependency {
  predecessorKey: string;
  successorKey: string;
  type: LinkType;
  lagDays: number;
}

export interface PlanAssignment {
  taskKey: string;
  resourceUid: string;
  resourceName: string;
  /** Lower-cased; null when the resource has none. */
  email: string | null;
  units: number;
}

export interface ImportPlan {
  /** The file's Title, else its Name without a .xml ending. */
  name: string | null;
  /** Project start (YYYY-MM-DD); null when the file has none. */
  start: string | null;
  currency: string | null;
  calendar: PlanCalendar;
  /** What one working day is worth in the file's minutes (durations, lags, slack). */
  minutesPerDay: number;
  /** In outline order (a parent before its children). */
  tasks: PlanTask[];
  dependencies: PlanDependency[];
  assignments: PlanAssignment[];
}

export interface PlanOptions {
  maxTasks?: number;
  /** Calendar exceptions kept at most (days). */
  maxExceptions?: number;
}

const DEFAULT_TIMES: MspdiWorkingTime[] = [
  { from: 480, to: 720 },
  { from: 780, to: 1020 },
];
const MAX_DURATION_DAYS = 10_000;
const MAX_LAG_DAYS = 10_000;
const MAX_NAME = 300;
const CONSTRAINTS: (ConstraintType | 'ALAP')[] = ['ASAP', 'ALAP', 'MSO', 'MFO', 'SNET', 'SNLT', 'FNET', 'FNLT'];
const START_CONSTRAINTS = new Set<ConstraintType>(['MSO', 'SNET', 'SNLT']);
const SUMMARY_CONSTRAINTS = new Set<ConstraintType>(['ASAP', 'SNET', 'FNLT']);

const minutesOf = (times: MspdiWorkingTime[]) => times.reduce((sum, t) => sum + Math.max(0, t.to - t.from), 0);
const round2 = (n: number) => Math.round(n * 100) / 100;
const days = (n: number) => `${round2(n)} d`;

/** Microsoft Project numbers weekdays 1 = Sunday … 7 = Saturday; ISO 1 = Monday … 7 = Sunday. */
export const isoFromDayType = (dayType: number) => (dayType === 1 ? 7 : dayType - 1);
export const dayTypeFromIso = (iso: number) => (iso === 7 ? 1 : iso + 1);

function dayNumber(instant: string | null): number | undefined {
  const s = splitInstant(instant);
  return s ? tryParseIsoDate(s.date) : undefined;
}

/** The days an exception covers, or null for a recurrence this importer does not expand. */
export function expandException(e: MspdiCalendarException, maxDays: number): number[] | null {
  const from = dayNumber(e.fromDate);
  const to = dayNumber(e.toDate) ?? from;
  if (from === undefined || to === undefined || to < from) return [];
  const out: number[] = [];
  const period = Math.max(1, Math.floor(e.period ?? 1));
  // A plain range (type 0, or daily every day, as Microsoft Project writes one) covers its dates
  // whatever Occurrences says; a recurrence stops after its occurrences.
  const plain = (e.type ?? 0) === 0 || ((e.type === 1 || e.type === 7) && period === 1);
  const limit = Math.min(maxDays, !plain && e.occurrences && e.occurrences > 0 ? e.occurrences : Number.MAX_SAFE_INTEGER);
  const push = (d: number) => {
    if (d >= from && d <= to && out.length < limit) out.push(d);
  };
  switch (e.type ?? 0) {
    case 0:
    case 1:
    case 7:
      for (let d = from; d <= to && out.length < limit; d += period) push(d);
      return out;
    case 2: {
      if (e.month == null || e.monthDay == null) return null;
      const [y0] = civilFromDay(from);
      const [y1] = civilFromDay(to);
      for (let y = y0; y <= y1 && out.length < limit; y++) {
        const d = dayFromCivil(y, e.month + 1, e.monthDay);
        if (civilFromDay(d)[2] === e.monthDay) push(d);
      }
      return out;
    }
    case 4: {
      if (e.monthDay == null) return null;
      let [y, m] = civilFromDay(from);
      for (let guard = 0; guard < 100_000 && out.length < limit; guard++) {
        const d = dayFromCivil(y, m, e.monthDay);
        if (d > to) break;
        if (civilFromDay(d)[2] === e.monthDay) push(d);
        m += period;
        while (m > 12) {
          m -= 12;
          y++;
        }
      }
      return out;
    }
    case 6: {
      if (e.daysOfWeek == null) return null;
      // Weeks counted from the Sunday on or before the first day (bit 0 = Sunday).
      const weekStart = from - (isoWeekday(from) % 7);
      for (let w = weekStart; w <= to && out.length < limit; w += 7 * period) {
        for (let k = 0; k < 7; k++) if (e.daysOfWeek & (1 << k)) push(w + k);
      }
      return out.sort((a, b) => a - b);
    }
    default:
      return null;
  }
}

function resolveCalendar(doc: MspdiDocument, warnings: WarningCollector, maxExceptions: number): PlanCalendar {
  const byUid = new Map(doc.calendars.map((c) => [c.uid, c]));
  let cal = doc.calendarUid != null ? byUid.get(doc.calendarUid) : undefined;
  if (!cal) cal = doc.calendars.find((c) => c.isBase) ?? doc.calendars[0];
  if (!cal) warnings.add('calendar_missing', 'The file has no calendar; Monday–Friday, 8 hours a day, is used.');
  // The calendar, then its base calendar, and so on: the first that defines a weekday wins.
  const chain: MspdiCalendar[] = [];
  for (let c: MspdiCalendar | undefined = cal; c && chain.length < 20 && !chain.includes(c); c = c.baseUid != null ? byUid.get(c.baseUid) : undefined) chain.push(c);

  const workingDays: number[] = [];
  const lengths = new Map<number, number>();
  let dayStart = Infinity;
  let dayEnd = -Infinity;
  for (let iso = 1; iso <= 7; iso++) {
    const dt = dayTypeFromIso(iso);
    let def: { working: boolean; times: MspdiWorkingTime[] } | undefined;
    for (const c of chain) {
      const w = c.weekDays.find((x) => x.dayType === dt);
      if (w) {
        def = w;
        break;
      }
    }
    if (!def) def = { working: iso <= 5, times: DEFAULT_TIMES };
    const times = def.times.length ? def.times : DEFAULT_TIMES;
    if (def.working && minutesOf(times) > 0) {
      workingDays.push(iso);
      const m = minutesOf(times);
      lengths.set(m, (lengths.get(m) ?? 0) + 1);
      dayStart = Math.min(dayStart, ...times.map((t) => t.from));
      dayEnd = Math.max(dayEnd, ...times.map((t) => t.to));
    }
  }
  if (chain.some((c) => c.workWeeks > 0)) warnings.add('work_weeks_ignored', 'Alternative work weeks of the calendar are not imported; its default week is used.', cal?.name);
  if (!workingDays.length) {
    warnings.add('calendar_no_working_days', 'The calendar has no working weekday; Monday–Friday is used.', cal?.name);
    workingDays.push(1, 2, 3, 4, 5);
  }
  if (lengths.size > 1) warnings.add('uneven_days', 'The working weekdays have different lengths; plans here count whole working days, so the most common length is used.', cal?.name);
  let perDay = 0;
  let seen = 0;
  for (const [m, n] of lengths) if (n > seen || (n === seen && m > perDay)) [perDay, seen] = [m, n];
  if (!perDay) perDay = doc.minutesPerDay && doc.minutesPerDay > 0 ? doc.minutesPerDay : 480;

  // Exceptions: the base calendar's first, so that the calendar's own override them.
  const exceptions = new Map<number, PlanCalendarException>();
  let truncated = false;
  for (const c of [...chain].reverse()) {
    const all: { e: MspdiCalendarException; working: boolean }[] = [
      ...c.exceptions.map((e) => ({ e, working: e.working && (e.times.length === 0 || minutesOf(e.times) > 0) })),
      // Project 2003 wrote exceptions as WeekDay entries with DayType 0 and a TimePeriod.
      ...c.weekDays.filter((w) => w.dayType === 0).map((w) => ({ e: { name: '', fromDate: w.fromDate ?? null, toDate: w.toDate ?? null, working: w.working, type: 0, period: null, occurrences: null, month: null, monthDay: null, daysOfWeek: null, times: w.times }, working: w.working })),
    ];
    for (const { e, working } of all) {
      if (truncated) break;
      const list = expandException(e, maxExceptions + 1);
      if (list === null) {
        warnings.add('recurring_exception_ignored', 'A recurring calendar exception of a kind that is not imported (on "the second Monday" and the like) was left out.', e.name || null);
        continue;
      }
      for (const d of list) {
        if (!exceptions.has(d) && exceptions.size >= maxExceptions) {
          truncated = true;
          break;
        }
        exceptions.set(d, { date: formatIsoDate(d), name: (e.name || (working ? 'Working day' : 'Non-working day')).slice(0, 120), working });
      }
      if (e.working && e.times.length > 0 && minutesOf(e.times) !== perDay) warnings.add('partial_day_exception', 'A calendar exception with partial working hours is imported as a whole working day.', e.name || e.fromDate);
    }
  }
  if (truncated) warnings.add('exceptions_truncated', `The calendar has more than ${maxExceptions} exception days; only the first ${maxExceptions} are kept.`);
  return {
    name: (cal?.name || 'Standard').slice(0, 100),
    workingDays,
    hoursPerDay: round2(perDay / 60),
    exceptions: [...exceptions.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => e),
    dayStart: Number.isFinite(dayStart) ? dayStart : 480,
    dayEnd: Number.isFinite(dayEnd) ? dayEnd : 1020,
  };
}

type WorkingDayTest = (dayNumber: number) => boolean;

/** A working-day test for a plan calendar. */
export function workingDayTest(cal: Pick<PlanCalendar, 'workingDays' | 'exceptions'>): WorkingDayTest {
  const c = new WorkingCalendar({ workingDays: cal.workingDays, exceptions: cal.exceptions.map((e) => ({ date: e.date, working: e.working })) });
  return (d) => c.isWorkingDay(d);
}

/**
 * Date of an instant read as a start: at or after the end of the working day, the next day; on a
 * day off (with `isWorking`), the next working day.
 */
export function startDateOf(instant: string | null, cal: Pick<PlanCalendar, 'dayEnd'>, isWorking?: WorkingDayTest): string | null {
  const s = splitInstant(instant);
  if (!s) return null;
  let day = tryParseIsoDate(s.date);
  if (day === undefined) return null;
  if (s.minutes >= cal.dayEnd) day++;
  for (let guard = 0; isWorking && guard < 3660 && !isWorking(day); guard++) day++;
  return formatIsoDate(day);
}

/**
 * Date of an instant read as a finish: at or before the start of the working day, the previous
 * day; on a day off (with `isWorking`), the working day before.
 */
export function finishDateOf(instant: string | null, cal: Pick<PlanCalendar, 'dayStart'>, isWorking?: WorkingDayTest): string | null {
  const s = splitInstant(instant);
  if (!s) return null;
  let day = tryParseIsoDate(s.date);
  if (day === undefined) return null;
  if (s.minutes <= cal.dayStart) day--;
  for (let guard = 0; isWorking && guard < 3660 && !isWorking(day); guard++) day--;
  return formatIsoDate(day);
}

function outlineLevel(t: MspdiTask): number {
  if (t.outlineLevel != null && Number.isInteger(t.outlineLevel) && t.outlineLevel >= 0) return t.outlineLevel;
  if (t.outlineNumber) return t.outlineNumber === '0' ? 0 : t.outlineNumber.split('.').length;
  return 1;
}

/** The plan and warnings of an MSPDI document. Throws MspdiError when it has too many tasks. */
export function toImportPlan(doc: MspdiDocument, options: PlanOptions = {}): { plan: ImportPlan; warnings: ImportWarning[] } {
  const maxTasks = options.maxTasks ?? MSPDI_LIMITS.maxTasks;
  const w = new WarningCollector();
  const calendar = resolveCalendar(doc, w, options.maxExceptions ?? 5000);
  const mpd = calendar.hoursPerDay * 60;
  const workWeek = calendar.workingDays.length;
  const label = (t: MspdiTask) => t.name ?? `#${t.id ?? t.uid}`;

  if (!doc.scheduleFromStart) w.add('schedule_from_finish', 'The project is scheduled from its finish date in Microsoft Project; here it is scheduled forward from its start date.');

  // Outline: file order (Microsoft Project writes tasks by ID); a stack of the open ancestors.
  const source = doc.tasks.every((t) => t.id != null) ? [...doc.tasks].sort((a, b) => a.id! - b.id!) : doc.tasks;
  const stack: { key: string; excluded: boolean }[] = [];
  const included: { t: MspdiTask; parentKey: string | null; level: number }[] = [];
  const excluded = new Set<string>();
  const keys = new Set<string>();
  const childCount = new Map<string | null, number>();
  for (const t of source) {
    let level = outlineLevel(t);
    if (level === 0) continue; // the project summary task
    if (t.isNull) continue; // a blank row
    if (!t.uid || keys.has(t.uid) || excluded.has(t.uid)) {
      w.add('duplicate_uid', 'A task without a UID, or with the UID of another task, was left out.', label(t));
      continue;
    }
    if (level > stack.length + 1) {
      w.add('outline_gap', 'A task sat more than one outline level below the task above it; it was placed one level below.', label(t));
      level = stack.length + 1;
    }
    while (stack.length >= level) stack.pop();
    const parent = stack[stack.length - 1];
    let skip = false;
    if (parent?.excluded) skip = true;
    else if (!t.active) {
      w.add('inactive_tasks', 'Inactive tasks (and their subtasks) were left out: they do not take part in the schedule.', label(t));
      skip = true;
    } else if (t.externalTask || t.isSubproject) {
      w.add('external_tasks', 'Inserted subprojects and external tasks from other projects were left out.', label(t));
      skip = true;
    }
    stack.push({ key: t.uid, excluded: skip });
    if (skip) {
      excluded.add(t.uid);
      continue;
    }
    keys.add(t.uid);
    const parentKey = parent ? parent.key : null;
    included.push({ t, parentKey, level });
    childCount.set(parentKey, (childCount.get(parentKey) ?? 0) + 1);
  }
  if (included.length > maxTasks) throw new MspdiError('too_many_tasks', `The file has ${included.length.toLocaleString('en')} tasks; at most ${maxTasks.toLocaleString('en')} can be imported.`);

  const hasChildren = (key: string) => (childCount.get(key) ?? 0) > 0;
  const positions = new Map<string | null, number>();
  const tasks: PlanTask[] = [];
  const byKey = new Map<string, PlanTask>();
  const isWorking = workingDayTest(calendar);
  const projectStartDay = tryParseIsoDate(startDateOf(doc.startDate, calendar, isWorking) ?? '');

  const dateOf = (instant: string | null, role: 'start' | 'finish' | 'milestone') => {
    if (role === 'start') return startDateOf(instant, calendar, isWorking);
    const d = finishDateOf(instant, calendar, isWorking);
    if (role === 'milestone' && d && projectStartDay !== undefined && (tryParseIsoDate(d) ?? 0) < projectStartDay) return formatIsoDate(projectStartDay);
    return d;
  };

  const toDays = (minutes: number, t: MspdiTask, code: 'duration' | 'baseline'): number => {
    let d: number;
    if (isElapsedFormat(t.durationFormat) && code === 'duration') {
      d = ((minutes / 1440) * workWeek) / 7;
      w.add('elapsed_durations', 'Elapsed durations (calendar time, such as "3 ed") became working days.', label(t));
    } else {
      d = minutes / mpd;
    }
    let r = Math.round(d);
    if (minutes > 0 && r === 0) r = 1;
    if (Math.abs(r - d) > 1e-9 && code === 'duration') w.add('rounded_durations', 'Durations that were not a whole number of working days were rounded.', `${label(t)} (${days(d)} → ${r} d)`);
    if (r > MAX_DURATION_DAYS) {
      w.add('long_durations', `Durations longer than ${MAX_DURATION_DAYS} working days were shortened to that.`, label(t));
      r = MAX_DURATION_DAYS;
    }
    return Math.max(0, r);
  };

  for (const { t, parentKey, level } of included) {
    const summary = hasChildren(t.uid);
    let name = (t.name ?? '').trim();
    if (!name) name = `Task ${t.id ?? t.uid}`;
    if (name.length > MAX_NAME) {
      w.add('long_names', `Task names longer than ${MAX_NAME} characters were cut.`, name.slice(0, 60));
      name = name.slice(0, MAX_NAME);
    }
    const minutes = t.duration ?? 0;
    let milestone = !summary && (t.milestone || minutes === 0);
    if (!summary && t.milestone && minutes > 0) w.add('milestone_with_duration', 'Milestones with a duration became zero-length milestones.', name);
    if (summary && t.milestone) milestone = false;
    const durationDays = summary || milestone ? 0 : toDays(minutes, t, 'duration');
    if (!summary && !milestone && durationDays === 0) milestone = true;

    if (t.manual && !summary) w.add('manual_tasks', 'Manually scheduled tasks are scheduled automatically from their links and constraints.', name);
    if (t.deadline) w.add('deadlines_ignored', 'Deadlines are not imported (they would change late dates and slack).', name);
    if (t.levelingDelay && t.levelingDelay > 0) w.add('leveling_delay', 'Delays added by resource levelling are not imported; tasks start as early as their links allow.', name);
    if (t.calendarUid != null && t.calendarUid !== '-1' && t.calendarUid !== doc.calendarUid) w.add('task_calendars_ignored', 'Task calendars are not imported; every task follows the project calendar.', name);

    let constraintType: ConstraintType = 'ASAP';
    let constraintDate: string | null = null;
    const ct = CONSTRAINTS[t.constraintType] ?? 'ASAP';
    if (ct === 'ALAP') {
      w.add('alap_constraints', '"As late as possible" is not supported; those tasks are scheduled as soon as possible.', name);
    } else if (ct !== 'ASAP') {
      const role = milestone ? 'milestone' : START_CONSTRAINTS.has(ct) ? 'start' : 'finish';
      const date = dateOf(t.constraintDate, role);
      if (!date) w.add('constraint_without_date', 'Constraints without a date were dropped.', name);
      else if (summary && !SUMMARY_CONSTRAINTS.has(ct)) w.add('summary_constraints_dropped', 'Summary tasks here take only "start no earlier than" and "finish no later than"; other constraints on summary tasks were dropped.', name);
      else {
        constraintType = ct;
        constraintDate = date;
      }
    }

    let baseline = null as PlanBaseline | null;
    for (const b of t.baselines) {
      if (b.number !== 0) {
        w.add('other_baselines', 'Only Baseline 0 is imported; baselines 1–10 are not.', name);
        continue;
      }
      const bStart = dateOf(b.start, milestone ? 'milestone' : 'start');
      const bFinish = dateOf(b.finish, milestone ? 'milestone' : 'finish');
      baseline = {
        start: bStart ?? baseline?.start ?? null,
        finish: bFinish ?? baseline?.finish ?? null,
        durationDays: b.duration != null ? toDays(b.duration, t, 'baseline') : (baseline?.durationDays ?? durationDays),
        workHours: b.work != null ? round2(b.work / 60) : (baseline?.workHours ?? 0),
        cost: b.cost != null ? Math.round(b.cost * 100) : (baseline?.cost ?? 0),
      };
    }

    const position = positions.get(parentKey) ?? 0;
    positions.set(parentKey, position + 1);
    const work = t.work != null && t.work > 0 && !summary ? Math.min(1_000_000, round2(t.work / 60)) : null;
    const task: PlanTask = {
      key: t.uid,
      name,
      parentKey,
      position,
      level,
      kind: milestone ? 'milestone' : 'task',
      durationDays,
      constraintType,
      constraintDate,
      percentComplete: Math.min(100, Math.max(0, t.percentComplete)),
      actualStart: dateOf(t.actualStart, 'start'),
      actualFinish: dateOf(t.actualFinish, milestone ? 'milestone' : 'finish'),
      estimatedHours: work,
      baseline,
    };
    tasks.push(task);
    byKey.set(task.key, task);
  }

  // Links: on the successor in the file; resolved once every task is known.
  const parentOf = (key: string) => byKey.get(key)?.parentKey ?? null;
  const isAncestor = (a: string, b: string) => {
    for (let p = parentOf(b), guard = 0; p !== null && guard < 10_000; p = parentOf(p), guard++) if (p === a) return true;
    return false;
  };
  const seenPairs = new Set<string>();
  const dependencies: PlanDependency[] = [];
  for (const { t } of included) {
    const succ = byKey.get(t.uid)!;
    for (const l of t.links) {
      const pred = byKey.get(l.predecessorUid);
      if (l.crossProject) {
        w.add('cross_project_links', 'Links to tasks in other projects were left out.', succ.name);
        continue;
      }
      if (!pred) {
        if (excluded.has(l.predecessorUid)) w.add('links_to_excluded', 'Links to tasks that were left out were dropped.', succ.name);
        else w.add('unknown_link_targets', 'Links to tasks that are not in the file were dropped.', succ.name);
        continue;
      }
      if (pred === succ) {
        w.add('self_links', 'Links from a task to itself were dropped.', succ.name);
        continue;
      }
      if (isAncestor(pred.key, succ.key) || isAncestor(succ.key, pred.key)) {
        w.add('summary_links_dropped', 'Links between a summary task and its own subtasks were dropped.', `${pred.name} → ${succ.name}`);
        continue;
      }
      const pair = `${pred.key}\u0000${succ.key}`;
      if (seenPairs.has(pair)) {
        w.add('duplicate_links', 'A second link between the same two tasks was dropped; the first one is kept.', `${pred.name} → ${succ.name}`);
        continue;
      }
      seenPairs.add(pair);
      let lag: number;
      if (isPercentFormat(l.lagFormat)) {
        lag = (pred.durationDays * l.linkLag) / 100;
        w.add('percent_lags', 'Lags given as a percentage of the predecessor became working days.', `${pred.name} → ${succ.name}`);
      } else if (isElapsedFormat(l.lagFormat)) {
        lag = ((l.linkLag / 10 / 1440) * workWeek) / 7;
        w.add('elapsed_lags', 'Elapsed lags (calendar time, such as "2 ed") became working days.', `${pred.name} → ${succ.name}`);
      } else {
        lag = l.linkLag / 10 / mpd;
      }
      let lagDays = Math.round(lag);
      if (Math.abs(lagDays - lag) > 1e-9) w.add('rounded_lags', 'Lags that were not a whole number of working days were rounded.', `${pred.name} → ${succ.name} (${days(lag)} → ${lagDays} d)`);
      lagDays = Math.max(-MAX_LAG_DAYS, Math.min(MAX_LAG_DAYS, lagDays));
      dependencies.push({ predecessorKey: pred.key, successorKey: succ.key, type: l.type, lagDays: lagDays === 0 ? 0 : lagDays });
    }
  }

  // Assignments: people are matched by email later; unassigned placeholders (-65535) are skipped.
  const resources = new Map(doc.resources.filter((r) => !r.isNull).map((r) => [r.uid, r]));
  const assignments: PlanAssignment[] = [];
  for (const a of doc.assignments) {
    if (!byKey.has(a.taskUid)) continue;
    const r = resources.get(a.resourceUid);
    if (!r || a.resourceUid === '-65535') continue;
    const units = a.units != null && a.units > 0 ? Math.min(10, a.units) : 1;
    assignments.push({ taskKey: a.taskUid, resourceUid: r.uid, resourceName: r.name ?? `Resource ${r.uid}`, email: r.email ? r.email.trim().toLowerCase() : null, units });
  }

  let start = startDateOf(doc.startDate, calendar, isWorking);
  if (!start) {
    const firsts = doc.tasks.map((t) => startDateOf(t.start, calendar, isWorking)).filter((d): d is string => !!d).sort();
    start = firsts[0] ?? null;
  }
  const currency = doc.currencyCode && /^[A-Z]{3}$/.test(doc.currencyCode) ? doc.currencyCode : null;
  const name = doc.title?.trim() || doc.name?.trim().replace(/\.(xml|mpp)$/i, '') || null;

  return {
    plan: { name: name ? name.slice(0, 200) : null, start, currency, calendar, minutesPerDay: mpd, tasks, dependencies, assignments },
    warnings: w.list(),
  };
}
