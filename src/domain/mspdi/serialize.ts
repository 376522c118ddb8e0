/**
 * A Tandem plan as Microsoft Project XML (MSPDI), readable by Microsoft Project and by our own
 * importer (`parse.ts`): the project calendar (weekdays with working times, dated exceptions),
 * tasks in outline order with UID/ID/WBS/OutlineNumber/OutlineLevel, durations, the computed early
 * and late dates and slack, constraints, links with lag, Baseline 0, and resources/assignments.
 *
 * Pure: the schedule is recomputed here from the plan (the same calculator the server uses), so
 * each instant is exact — in particular a milestone sits at the end of the working day before its
 * offset, as Microsoft Project places it. Elements follow the order of the MSPDI schema.
 *
 * `serializeMspdi` yields the document in chunks (for a streamed response); `toMspdiXml` joins them.
 */

import { layOut } from '../plan/outline.js';
import { formatIsoDate, tryParseIsoDate, WorkingCalendar, WorkingDayIndex } from '../schedule/calendar.js';
import type { ConstraintType, LinkType } from '../schedule/cpm.js';
import { calculateSchedule, type ScheduleRequest } from '../schedule/index.js';
import { dayTypeFromIso } from './plan.js';
import { MSPDI_NAMESPACE, type MspdiWorkingTime } from './types.js';
import { formatDurationMinutes, formatInstant, formatTimeOfDay } from './units.js';

export interface ExportCalendar {
  name: string;
  workingDays: readonly number[];
  hoursPerDay: number;
  exceptions: readonly { date: string; name: string; working: boolean }[];
}

export interface ExportTask {
  id: string;
  parentId: string | null;
  position: number;
  name: string;
  kind: 'task' | 'milestone';
  durationDays: number;
  constraintType: ConstraintType;
  constraintDate: string | null;
  percentComplete: number;
  actualStart: string | null;
  actualFinish: string | null;
  estimatedHours: number | null;
}

export interface ExportDependency {
  predecessorId: string;
  successorId: string;
  type: LinkType;
  lagDays: number;
}

export interface ExportBaselineTask {
  taskId: string;
  start: string | null;
  finish: string | null;
  durationDays: number;
  workHours: number;
  /** Minor units. */
  cost: number;
}

export interface ExportInput {
  project: { code: string; name: string; start: string; currency: string; createdAt?: string | null };
  calendar: ExportCalendar;
  tasks: readonly ExportTask[];
  dependencies: readonly ExportDependency[];
  baseline: readonly ExportBaselineTask[] | null;
  resources: readonly { id: string; name: string; email: string }[];
  assignments: readonly { taskId: string; resourceId: string; units: number }[];
}

const LINK_CODE: Record<LinkType, number> = { FF: 0, FS: 1, SF: 2, SS: 3 };
const CONSTRAINT_CODE: Record<ConstraintType, number> = { ASAP: 0, MSO: 2, MFO: 3, SNET: 4, SNLT: 5, FNET: 6, FNLT: 7 };
const START_CONSTRAINTS = new Set<ConstraintType>(['MSO', 'SNET', 'SNLT']);

// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Text as XML character data: markup escaped, characters XML 1.0 cannot carry removed. */
export function escapeXml(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(INVALID_XML, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** Working times of a day of `hoursPerDay` hours: 08:00–12:00 and 13:00 onwards, as Microsoft Project's Standard calendar. */
export function workingTimes(hoursPerDay: number): MspdiWorkingTime[] {
  const m = Math.round(Math.min(24, Math.max(0.25, hoursPerDay)) * 60);
  if (m <= 240) return [{ from: 480, to: 480 + m }];
  if (m <= 900) return [{ from: 480, to: 720 }, { from: 780, to: 780 + m - 240 }];
  return [{ from: 0, to: m }];
}

const el = (name: string, value: string | number | null | undefined) => (value == null ? '' : `<${name}>${typeof value === 'number' ? value : escapeXml(value)}</${name}>`);
const flag = (b: boolean) => (b ? 1 : 0);

export function* serializeMspdi(input: ExportInput): Generator<string> {
  const { project, calendar } = input;
  const times = workingTimes(calendar.hoursPerDay);
  const mpd = Math.round(calendar.hoursPerDay * 60);
  const dayStart = times[0].from;
  const dayEnd = times[times.length - 1].to;
  const startDay = tryParseIsoDate(project.start)!;
  const index = new WorkingDayIndex(new WorkingCalendar({ workingDays: calendar.workingDays, exceptions: calendar.exceptions.map((e) => ({ date: e.date, working: e.working })) }), startDay);

  const placed = layOut(input.tasks.map((t) => ({ id: t.id, parentId: t.parentId, position: t.position })));
  const byId = new Map(input.tasks.map((t) => [t.id, t]));
  const uidOf = new Map(placed.map((p, i) => [p.id, i + 1]));
  const parents = new Set(input.tasks.map((t) => t.parentId).filter((p): p is string => p !== null && byId.has(p)));

  const request: ScheduleRequest = {
    start: project.start,
    calendar: { workingDays: calendar.workingDays, exceptions: calendar.exceptions.map((e) => ({ date: e.date, working: e.working })) },
    tasks: input.tasks.map((t) => ({
      id: t.id,
      parentId: t.parentId,
      durationDays: t.kind === 'milestone' ? 0 : t.durationDays,
      constraint: t.constraintType === 'ASAP' || !t.constraintDate ? null : { type: t.constraintType, date: t.constraintDate },
    })),
    dependencies: input.dependencies.map((d) => ({ predecessorId: d.predecessorId, successorId: d.successorId, type: d.type, lagDays: d.lagDays })),
  };
  const schedule = calculateSchedule(request, project.start);
  const result = new Map(schedule.tasks.map((r) => [r.id, r]));

  // Instants as minutes since 1970-01-01 00:00, to take minima and maxima over a summary's children.
  const at = (dayNumber: number, minutes: number) => dayNumber * 1440 + minutes;
  const startAt = (offset: number) => at(index.dayOf(offset), dayStart);
  const finishAt = (offset: number) => at(index.dayOf(offset - 1), dayEnd);
  const milestoneAt = (offset: number) => (offset >= 1 ? at(index.dayOf(offset - 1), dayEnd) : at(index.dayOf(offset), dayStart));
  const fmt = (instant: number) => formatInstant(formatIsoDate(Math.floor(instant / 1440)), instant - Math.floor(instant / 1440) * 1440);
  const dateAt = (date: string | null, minutes: number) => (date ? formatInstant(date, minutes) : null);

  type Instants = { es: number; ef: number; ls: number; lf: number };
  const instants = new Map<string, Instants>();
  for (let k = placed.length - 1; k >= 0; k--) {
    const id = placed[k].id;
    if (parents.has(id)) continue;
    const r = result.get(id)!;
    const milestone = byId.get(id)!.kind === 'milestone' || byId.get(id)!.durationDays === 0;
    instants.set(
      id,
      milestone
        ? { es: milestoneAt(r.earlyStart), ef: milestoneAt(r.earlyFinish), ls: milestoneAt(r.lateStart), lf: milestoneAt(r.lateFinish) }
        : { es: startAt(r.earlyStart), ef: finishAt(r.earlyFinish), ls: startAt(r.lateStart), lf: finishAt(r.lateFinish) },
    );
  }
  for (let k = placed.length - 1; k >= 0; k--) {
    const p = placed[k];
    const mine = instants.get(p.id);
    if (!mine || p.parentId === null) continue;
    const up = instants.get(p.parentId);
    if (!up) instants.set(p.parentId, { ...mine });
    else instants.set(p.parentId, { es: Math.min(up.es, mine.es), ef: Math.max(up.ef, mine.ef), ls: Math.min(up.ls, mine.ls), lf: Math.max(up.lf, mine.lf) });
  }
  let projectStart = at(index.dayOf(0), dayStart);
  let projectFinish = projectStart;
  for (const i of instants.values()) {
    projectStart = Math.min(projectStart, i.es);
    projectFinish = Math.max(projectFinish, i.ef);
  }

  const created = project.createdAt ? project.createdAt.slice(0, 19) : null;
  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Project xmlns="${MSPDI_NAMESPACE}">\n`);
  out.push(
    [
      el('SaveVersion', 14),
      el('Name', `${project.code}.xml`),
      el('Title', project.name),
      el('CreationDate', created),
      el('ScheduleFromStart', 1),
      el('StartDate', fmt(projectStart)),
      el('FinishDate', fmt(projectFinish)),
      el('CurrencyDigits', 2),
      el('CurrencyCode', project.currency),
      el('CalendarUID', 1),
      el('DefaultStartTime', formatTimeOfDay(dayStart)),
      el('DefaultFinishTime', formatTimeOfDay(dayEnd)),
      el('MinutesPerDay', mpd),
      el('MinutesPerWeek', mpd * calendar.workingDays.length),
      el('DaysPerMonth', 20),
      el('DurationFormat', 7),
      el('WorkFormat', 2),
      el('HonorConstraints', 0),
      el('MultipleCriticalPaths', 0),
    ].join('\n') + '\n',
  );

  // Calendar: the seven weekdays, then one exception per day.
  const working = new Set(calendar.workingDays);
  const timesXml = (ts: MspdiWorkingTime[]) => `<WorkingTimes>${ts.map((t) => `<WorkingTime>${el('FromTime', formatTimeOfDay(t.from))}${el('ToTime', formatTimeOfDay(t.to))}</WorkingTime>`).join('')}</WorkingTimes>`;
  out.push(`<Calendars>\n<Calendar>${el('UID', 1)}${el('Name', calendar.name)}${el('IsBaseCalendar', 1)}${el('IsBaselineCalendar', 0)}${el('BaseCalendarUID', -1)}\n<WeekDays>\n`);
  for (let dt = 1; dt <= 7; dt++) {
    const iso = dt === 1 ? 7 : dt - 1;
    const on = working.has(iso);
    out.push(`<WeekDay>${el('DayType', dayTypeFromIso(iso))}${el('DayWorking', flag(on))}${on ? timesXml(times) : ''}</WeekDay>\n`);
  }
  out.push('</WeekDays>\n');
  if (calendar.exceptions.length) {
    out.push('<Exceptions>\n');
    for (const e of calendar.exceptions) {
      out.push(
        `<Exception>${el('EnteredByOccurrences', 0)}<TimePeriod>${el('FromDate', `${e.date}T00:00:00`)}${el('ToDate', `${e.date}T23:59:00`)}</TimePeriod>${el('Occurrences', 1)}${el('Name', e.name)}${el('Type', 1)}${el('DayWorking', flag(e.working))}${e.working ? timesXml(times) : ''}</Exception>\n`,
      );
    }
    out.push('</Exceptions>\n');
  }
  out.push('</Calendar>\n</Calendars>\n<Tasks>\n');

  const days = (n: number) => formatDurationMinutes(n * mpd);
  const slack = (n: number) => Math.round(n * mpd * 10);
  const summaryResult = result;
  // The project summary task (UID 0), as Microsoft Project writes it.
  const totalDays = schedule.projectDuration;
  out.push(
    `<Task>${el('UID', 0)}${el('ID', 0)}${el('Name', project.name)}${el('Active', 1)}${el('Manual', 0)}${el('Type', 1)}${el('IsNull', 0)}${el('WBS', '0')}${el('OutlineNumber', '0')}${el('OutlineLevel', 0)}` +
      `${el('Start', fmt(projectStart))}${el('Finish', fmt(projectFinish))}${el('Duration', days(totalDays))}${el('DurationFormat', 53)}${el('Milestone', 0)}${el('Summary', 1)}${el('ConstraintType', 0)}</Task>\n`,
  );

  const baseline = new Map((input.baseline ?? []).map((b) => [b.taskId, b]));
  const incoming = new Map<string, ExportDependency[]>();
  for (const d of input.dependencies) incoming.set(d.successorId, [...(incoming.get(d.successorId) ?? []), d]);

  let buffer: string[] = [];
  for (let k = 0; k < placed.length; k++) {
    const p = placed[k];
    const t = byId.get(p.id)!;
    const r = summaryResult.get(p.id)!;
    const i = instants.get(p.id) ?? { es: projectStart, ef: projectStart, ls: projectStart, lf: projectStart };
    const summary = parents.has(p.id);
    const milestone = !summary && (t.kind === 'milestone' || t.durationDays === 0);
    const duration = summary ? Math.max(0, r.earlyFinish - r.earlyStart) : milestone ? 0 : t.durationDays;
    const ct = t.constraintType === 'ASAP' || !t.constraintDate ? 'ASAP' : t.constraintType;
    const constraintAt = ct === 'ASAP' ? null : milestone || !START_CONSTRAINTS.has(ct) ? dateAt(t.constraintDate, dayEnd) : dateAt(t.constraintDate, dayStart);
    const pct = Math.round(t.percentComplete);
    const links = (incoming.get(p.id) ?? [])
      .filter((d) => uidOf.has(d.predecessorId))
      .map((d) => `<PredecessorLink>${el('PredecessorUID', uidOf.get(d.predecessorId)!)}${el('Type', LINK_CODE[d.type])}${el('CrossProject', 0)}${el('LinkLag', slack(d.lagDays))}${el('LagFormat', 7)}</PredecessorLink>`)
      .join('');
    const b = baseline.get(p.id);
    const baselineXml = b
      ? `<Baseline>${el('Number', 0)}${el('Start', dateAt(b.start, milestone ? dayEnd : dayStart))}${el('Finish', dateAt(b.finish, dayEnd))}${el('Duration', days(b.durationDays))}${el('DurationFormat', 7)}${el('Work', formatDurationMinutes(b.workHours * 60))}${el('Cost', (b.cost / 100).toFixed(2))}</Baseline>`
      : '';
    buffer.push(
      `<Task>${el('UID', uidOf.get(p.id)!)}${el('ID', k + 1)}${el('Name', t.name)}${el('Active', 1)}${el('Manual', 0)}${el('Type', 1)}${el('IsNull', 0)}` +
        `${el('WBS', p.wbs)}${el('OutlineNumber', p.wbs)}${el('OutlineLevel', p.depth + 1)}${el('Priority', 500)}` +
        `${el('Start', fmt(i.es))}${el('Finish', fmt(i.ef))}${el('Duration', days(duration))}${el('DurationFormat', 7)}` +
        `${!summary && t.estimatedHours != null ? el('Work', formatDurationMinutes(t.estimatedHours * 60)) : ''}` +
        `${el('Estimated', 0)}${el('Milestone', flag(milestone))}${el('Summary', flag(summary))}${el('Critical', flag(r.critical))}` +
        `${el('EarlyStart', fmt(i.es))}${el('EarlyFinish', fmt(i.ef))}${el('LateStart', fmt(i.ls))}${el('LateFinish', fmt(i.lf))}` +
        `${el('FreeSlack', slack(r.freeFloat))}${el('TotalSlack', slack(r.totalFloat))}${el('PercentComplete', pct)}` +
        `${el('ActualStart', dateAt(t.actualStart, dayStart))}${el('ActualFinish', dateAt(t.actualFinish, dayEnd))}` +
        `${el('ConstraintType', CONSTRAINT_CODE[ct])}${el('CalendarUID', -1)}${el('ConstraintDate', constraintAt)}` +
        `${links}${baselineXml}</Task>\n`,
    );
    if (buffer.length >= 1000) {
      if (out.length) yield out.splice(0).join('');
      yield buffer.join('');
      buffer = [];
    }
  }
  out.push(...buffer);
  out.push('</Tasks>\n<Resources>\n');
  const resourceUid = new Map(input.resources.map((r, n) => [r.id, n + 1]));
  for (const [n, r] of input.resources.entries()) {
    out.push(`<Resource>${el('UID', n + 1)}${el('ID', n + 1)}${el('Name', r.name)}${el('Type', 1)}${el('IsNull', 0)}${el('EmailAddress', r.email)}${el('MaxUnits', '1.00')}</Resource>\n`);
  }
  out.push('</Resources>\n<Assignments>\n');
  let a = 0;
  for (const x of input.assignments) {
    const task = uidOf.get(x.taskId);
    const res = resourceUid.get(x.resourceId);
    if (task === undefined || res === undefined) continue;
    out.push(`<Assignment>${el('UID', ++a)}${el('TaskUID', task)}${el('ResourceUID', res)}${el('Units', x.units)}</Assignment>\n`);
  }
  out.push('</Assignments>\n</Project>\n');
  yield out.join('');
}

export function toMspdiXml(input: ExportInput): string {
  return [...serializeMspdi(input)].join('');
}
