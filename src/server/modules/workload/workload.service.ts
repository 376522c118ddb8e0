import type { z } from 'zod';
import type { WorkloadCellItem, WorkloadCellQuery, WorkloadCellResponse, WorkloadQuery, WorkloadResponse, WorkloadWeek } from '../../../contracts/workload.js';
import { assignmentWork, computeWorkload, rangeBounds, spreadAssignment, weekCapacity, weekCell, weekRange, weekStarts, WorkingCalendar, type WorkloadAssignment, type WorkloadPerson } from '../../../domain/workload/workload.js';
import type { Executor } from '../../db/transaction.js';
import type { Ctx } from '../../lib/context.js';
import { localDate } from '../../lib/dates.js';
import { notFound } from '../../lib/errors.js';
import { authorize } from '../../lib/policy.js';
import * as repo from './workload.repository.js';
import './workload.policy.js';

const DEFAULT_HOURS_PER_DAY = 8;
const round = (x: number, places: number) => {
  const f = 10 ** places;
  return Math.round(x * f) / f;
};

/** The organisation's calendars as the engine wants them; people and projects without one use the default. */
async function loadCalendars(db: Executor, orgId: string) {
  const { calendars, exceptions } = await repo.calendarsOf(db, orgId);
  const byCalendar = new Map<string, { date: string; working: boolean }[]>();
  for (const e of exceptions) {
    const list = byCalendar.get(e.calendar_id) ?? [];
    list.push({ date: e.date, working: e.working === 1 });
    byCalendar.set(e.calendar_id, list);
  }
  const built = new Map(calendars.map((c) => [c.id, new WorkingCalendar({ workingDays: c.working_days.split(',').map(Number), exceptions: byCalendar.get(c.id) ?? [] })]));
  const defaultRow = calendars.find((c) => c.is_default === 1);
  const fallback = (defaultRow && built.get(defaultRow.id)) ?? new WorkingCalendar();
  return {
    calendarOf: (id: string | null) => (id && built.get(id)) || fallback,
    defaultHoursPerDay: defaultRow?.hours_per_day ?? DEFAULT_HOURS_PER_DAY,
  };
}

const toPerson = (p: repo.PersonRow, calendarOf: (id: string | null) => WorkingCalendar): WorkloadPerson => ({ id: p.id, weeklyCapacityHours: p.weekly_capacity_hours, calendar: calendarOf(p.calendar_id) });

const toAssignment = (a: repo.AssignmentRow, defaultHoursPerDay: number): WorkloadAssignment => ({
  personId: a.user_id,
  start: a.early_start!,
  finish: a.early_finish!,
  durationDays: a.duration_days,
  estimatedHours: a.estimated_hours === null ? null : Number(a.estimated_hours),
  units: Number(a.units),
  totalUnits: Number(a.total_units ?? a.units),
  hoursPerDay: a.hours_per_day ?? defaultHoursPerDay,
});

const presentWeek = (w: WorkloadWeek): WorkloadWeek => ({
  weekStart: w.weekStart,
  hours: round(w.hours, 2),
  capacityHours: round(w.capacityHours, 2),
  allocation: w.allocation === null ? null : round(w.allocation, 4),
  overAllocated: w.overAllocated,
});

/**
 * Hours per person per ISO week across all projects, for the people the actor may see (a page of
 * them, by name). Three queries whatever the page size: people, calendars, and every assignment
 * of those people that overlaps the range.
 */
export async function getWorkload(ctx: Ctx, q: z.infer<typeof WorkloadQuery>): Promise<WorkloadResponse> {
  authorize(ctx.actor, 'read', 'workload');
  const range = weekRange(q.from ?? localDate(ctx.clock.now(), ctx.actor.timeZone ?? 'UTC'), q.weeks);
  const { first, last } = rangeBounds(range);
  const page = await repo.listPeople(ctx.db, ctx.actor, { teamId: q.teamId, q: q.q || undefined }, { limit: q.limit, cursor: q.cursor });
  const ids = page.items.map((p) => p.id);
  const [cals, rows] = await Promise.all([loadCalendars(ctx.db, ctx.actor.orgId), ids.length ? repo.assignmentsOverlapping(ctx.db, ctx.dialect, ctx.actor.orgId, ids, first, last) : Promise.resolve([])]);
  const people = page.items.map((p) => toPerson(p, cals.calendarOf));
  const weeks = computeWorkload(people, rows.map((r) => toAssignment(r, cals.defaultHoursPerDay)), range);
  return {
    from: first,
    weekStarts: weekStarts(range),
    items: page.items.map((p) => {
      const cells = weeks.get(p.id)!;
      return {
        id: p.id,
        name: p.name,
        teamId: p.team_id,
        teamName: p.team_name ?? null,
        capacityHours: p.weekly_capacity_hours,
        totalHours: round(cells.reduce((s, w) => s + w.hours, 0), 2),
        overAllocatedWeeks: cells.filter((w) => w.overAllocated).length,
        weeks: cells.map(presentWeek),
      };
    }),
    nextCursor: page.nextCursor,
  };
}

/**
 * The tasks behind one person's week, each with its hours in the week. Work on projects the actor
 * may not see counts in the total but shows as one line without names. 404 for a person whose
 * workload the actor may not see.
 */
export async function getWorkloadCell(ctx: Ctx, q: z.infer<typeof WorkloadCellQuery>): Promise<WorkloadCellResponse> {
  authorize(ctx.actor, 'read', 'workload');
  const person = await repo.findVisiblePerson(ctx.db, ctx.actor, q.userId);
  if (!person) throw notFound('Person');
  const range = weekRange(q.weekStart, 1);
  const { first, last } = rangeBounds(range);
  const [cals, rows] = await Promise.all([loadCalendars(ctx.db, ctx.actor.orgId), repo.assignmentsOverlapping(ctx.db, ctx.dialect, ctx.actor.orgId, [person.id], first, last, ctx.actor)]);
  const p = toPerson(person, cals.calendarOf);
  const visible: WorkloadCellItem[] = [];
  let hidden = 0;
  let total = 0;
  for (const r of rows) {
    const a = toAssignment(r, cals.defaultHoursPerDay);
    const hours = spreadAssignment(a, p.calendar, range)[0];
    if (!(hours > 0)) continue;
    total += hours;
    if (Number(r.visible) !== 1) {
      hidden += hours;
      continue;
    }
    visible.push({
      visible: true,
      projectId: r.project_id,
      projectCode: r.project_code,
      projectName: r.project_name,
      taskId: r.task_id,
      taskName: r.task_name,
      wbs: r.wbs,
      start: a.start,
      finish: a.finish,
      units: a.units,
      workHours: round(assignmentWork(a), 2),
      hours: round(hours, 2),
    });
  }
  visible.sort((x, y) => y.hours - x.hours || (x.projectCode ?? '').localeCompare(y.projectCode ?? '') || (x.wbs ?? '').localeCompare(y.wbs ?? ''));
  if (hidden > 0) visible.push({ visible: false, projectId: null, projectCode: null, projectName: null, taskId: null, taskName: null, wbs: null, start: null, finish: null, units: null, workHours: null, hours: round(hidden, 2) });
  const week = presentWeek(weekCell(first, total, weekCapacity(p, range.firstDay)));
  return { ...week, userId: person.id, userName: person.name, items: visible };
}
