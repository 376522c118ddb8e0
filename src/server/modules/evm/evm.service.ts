import { sql } from 'kysely';
import { earnedValue } from '../../../domain/evm/earned-value.js';
import { plannedValue } from '../../../domain/evm/planned-value.js';
import { earnedOfLeaves, evCostOf, percentAsOf, projectValue, type ValuedTask } from '../../../domain/evm/project-value.js';
import { taskWorkAndCost } from '../../../domain/plan/work.js';
import { WorkingCalendar, formatIsoDate, parseIsoDate } from '../../../domain/schedule/calendar.js';
import type { EarnedValueResponse } from '../../../contracts/timesheets.js';
import type { Executor } from '../../db/transaction.js';
import type { Ctx } from '../../lib/context.js';
import * as plan from '../projects/plan.repository.js';
import type { ProjectRow } from '../projects/project.repository.js';
import { loadProject, todayFor } from '../projects/project.service.js';
import { approvedCostByDate } from '../timesheets/timesheet.repository.js';
import { progressHistory } from './progress.repository.js';

const MAX_POINTS = 260;

/**
 * Earned value of a project at a status date (DOMAIN.md, "Earned value"); docs/decisions/evm.md:
 *  - BAC: the latest baseline's total cost; without a baseline (or one costing 0), the project budget
 *    (labour + expenses).
 *  - PV: the latest baseline's task costs spread over their working days up to the status date
 *    (src/domain/evm/planned-value.ts, project calendar); without a baseline, today's schedule.
 *  - EV: Σ leaf task % complete × its baseline cost (its current cost when the baseline lacks it).
 *    % complete is each task's as of the status date, from its progress history (task_progress): the
 *    latest value recorded on or before it (0 when all its history is later); a task with no history
 *    at all (a plan from before history was kept) counts at its current % complete.
 *  - AC: approved timesheet cost + approved expenses dated on or before the status date (the
 *    accounting view; submitted hours are not actual cost until the PM approves them).
 * Full precision: nothing is rounded here.
 */
export async function getEarnedValue(ctx: Ctx, projectId: string, statusDateIn?: string): Promise<EarnedValueResponse> {
  const { project } = await loadProject(ctx, ctx.db, projectId, 'read');
  const statusDate = statusDateIn ?? todayFor(ctx);
  const db = ctx.db;
  const [tasks, assignments, calDef, hours, baselines, history] = await Promise.all([
    plan.tasksOf(db, projectId),
    plan.assignmentsOf(db, projectId),
    plan.calendarOf(db, project),
    db.selectFrom('calendars').select('hours_per_day').where('id', '=', project.calendar_id ?? '').executeTakeFirst(),
    plan.baselinesOf(db, projectId),
    progressHistory(db, projectId),
  ]);
  const calendar = new WorkingCalendar(calDef ?? {});
  const baseline = baselines[0] ?? null;
  const baseRows = baseline ? await plan.baselineTasks(db, baseline.id) : [];

  const rates = await plan.costRates(db, [...new Set(assignments.map((a) => a.user_id))]);
  const parents = new Set(tasks.map((t) => t.parent_id).filter((p): p is string => !!p));
  const leaves = tasks.filter((t) => !parents.has(t.id));
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const assignmentsByTask = new Map<string, { units: number; costRate: number }[]>();
  for (const a of assignments) {
    const list = assignmentsByTask.get(a.task_id) ?? [];
    list.push({ units: a.units, costRate: rates.get(a.user_id) ?? 0 });
    assignmentsByTask.set(a.task_id, list);
  }
  const currentCost = (taskId: string) => {
    const t = taskById.get(taskId)!;
    const mine = assignmentsByTask.get(taskId) ?? [];
    return taskWorkAndCost({ durationDays: t.duration_days, estimatedHours: t.estimated_hours }, mine, hours?.hours_per_day ?? 8).cost;
  };

  const valued: ValuedTask[] = leaves.map((t) => ({ id: t.id, percentComplete: t.percent_complete, earlyStart: t.early_start, earlyFinish: t.early_finish }));
  const baselineValues = baseline ? baseRows.map((r) => ({ taskId: r.task_id, cost: Number(r.cost), start: r.start, finish: r.finish })) : null;
  const percentOn = (date: string) => (t: ValuedTask) => percentAsOf(history.get(t.id), date, t.percentComplete);
  const { bacSource, bac, planned, ev } = projectValue({
    leaves: valued,
    baseline: baselineValues,
    currentCost,
    budget: Number(project.budget_labour) + Number(project.budget_expenses),
    percentOf: percentOn(statusDate),
  });
  const evCost = evCostOf(baselineValues, currentCost);

  const actual = await approvedCostByDate(db, projectId, statusDate);
  const acLabour = actual.labour.reduce((s, r) => s + r.cost, 0);
  const acExpenses = actual.expenses.reduce((s, r) => s + r.cost, 0);
  const ac = acLabour + acExpenses;
  const pv = plannedValue(planned, statusDate, calendar);

  // Weekly S-curve from the day before the earliest planned start (everything 0 there, exactly) to
  // the later of the status date and the planned finish; values are cumulative to the end of each day.
  const status = parseIsoDate(statusDate, 'statusDate');
  const starts = planned.map((p) => p.start ?? p.finish).filter((d): d is string => !!d).map((d) => parseIsoDate(d));
  const finishes = planned.map((p) => p.finish ?? p.start).filter((d): d is string => !!d).map((d) => parseIsoDate(d));
  const first = Math.min(parseIsoDate(project.planned_start), ...starts, status) - 1;
  const last = Math.max(status, ...finishes);
  const step = 7 * Math.max(1, Math.ceil((last - first) / 7 / MAX_POINTS));
  const dayNumbers = new Set<number>([status]);
  for (let d = first; d < last + step; d += step) dayNumbers.add(d);
  const costs = [...actual.labour, ...actual.expenses].map((r) => ({ day: parseIsoDate(r.date), cost: r.cost })).sort((a, b) => a.day - b.day);
  const series = [...dayNumbers].sort((a, b) => a - b).map((d, i) => {
    const date = formatIsoDate(d);
    const acToDate = d <= status ? costs.filter((c) => c.day <= d).reduce((s, c) => s + c.cost, 0) : null;
    // EV on each date up to the status date, from the progress history (the first point, before any work, is 0).
    const evToDate = d === status ? ev : d > status ? null : i === 0 ? 0 : earnedOfLeaves(valued, evCost, percentOn(date));
    return { date, pv: plannedValue(planned, date, calendar), ev: evToDate, ac: acToDate };
  });

  return {
    projectId,
    statusDate,
    currency: project.currency,
    bacSource,
    baselineId: baseline?.id ?? null,
    baselineName: baseline?.name ?? null,
    bac,
    pv,
    ev,
    ac,
    acLabour,
    acExpenses,
    ...earnedValue({ bac, pv, ev, ac }),
    series,
  };
}

/** The headline earned-value figures of one project (no S-curve). */
export interface EarnedValueSummary {
  bacSource: 'baseline' | 'budget';
  bac: number;
  pv: number;
  ev: number;
  ac: number;
  acLabour: number;
  acExpenses: number;
  spi: number | null;
  cpi: number | null;
}

type EvProject = Pick<ProjectRow, 'id' | 'org_id' | 'calendar_id' | 'budget_labour' | 'budget_expenses'>;

/**
 * Earned value of many projects at one status date, for lists (the portfolio, a PM's dashboard):
 * the same rules as getEarnedValue (BAC, PV, EV, AC as documented there), but each kind of row is
 * loaded for all the projects with one query, never one query per project. No access check: the
 * caller passes only projects the actor may read.
 */
export async function earnedValueOfProjects(db: Executor, projects: readonly EvProject[], statusDate: string): Promise<Map<string, EarnedValueSummary>> {
  const out = new Map<string, EarnedValueSummary>();
  if (!projects.length) return out;
  const ids = projects.map((p) => p.id);
  const orgIds = [...new Set(projects.map((p) => p.org_id))];
  const calendarIds = [...new Set(projects.map((p) => p.calendar_id).filter((c): c is string => !!c))];
  const [tasks, assignments, baselines, calendars, labour, expenses] = await Promise.all([
    db.selectFrom('tasks').select(['id', 'project_id', 'parent_id', 'duration_days', 'estimated_hours', 'percent_complete', 'early_start', 'early_finish']).where('project_id', 'in', ids).execute(),
    db.selectFrom('task_assignments').select(['task_id', 'user_id', 'units']).where('project_id', 'in', ids).execute(),
    db.selectFrom('baselines').select(['id', 'project_id', 'created_at']).where('project_id', 'in', ids).orderBy('created_at', 'desc').orderBy('id', 'desc').execute(),
    db
      .selectFrom('calendars')
      .select(['id', 'org_id', 'working_days', 'hours_per_day', 'is_default'])
      .where((eb) => eb.or([...(calendarIds.length ? [eb('id', 'in', calendarIds)] : []), eb.and([eb('org_id', 'in', orgIds), eb('is_default', '=', 1)])]))
      .execute(),
    db.selectFrom('timesheet_entries').select(['project_id', sql<number | string>`sum(cost)`.as('cost')]).where('project_id', 'in', ids).where('status', '=', 'approved').where('date', '<=', statusDate).groupBy('project_id').execute(),
    db.selectFrom('expenses').select(['project_id', sql<number | string>`sum(amount)`.as('cost')]).where('project_id', 'in', ids).where('status', '=', 'approved').where('date', '<=', statusDate).groupBy('project_id').execute(),
  ]);
  // The latest baseline of each project (baselinesOf's order: created_at desc, id desc).
  const latestBaseline = new Map<string, string>();
  for (const b of baselines) if (!latestBaseline.has(b.project_id)) latestBaseline.set(b.project_id, b.id);
  const baselineIds = [...latestBaseline.values()];
  const [baseRows, rates, exceptions] = await Promise.all([
    baselineIds.length ? db.selectFrom('baseline_tasks').select(['baseline_id', 'task_id', 'start', 'finish', 'cost']).where('baseline_id', 'in', baselineIds).execute() : Promise.resolve([]),
    plan.costRates(db, [...new Set(assignments.map((a) => a.user_id))]),
    calendars.length ? db.selectFrom('calendar_exceptions').select(['calendar_id', 'date', 'working']).where('calendar_id', 'in', calendars.map((c) => c.id)).execute() : Promise.resolve([]),
  ]);

  const group = <T, K>(rows: readonly T[], key: (r: T) => K) => {
    const m = new Map<K, T[]>();
    for (const r of rows) {
      const list = m.get(key(r));
      if (list) list.push(r);
      else m.set(key(r), [r]);
    }
    return m;
  };
  const tasksByProject = group(tasks, (t) => t.project_id);
  const assignmentsByTask = group(assignments, (a) => a.task_id);
  const baseByBaseline = group(baseRows, (r) => r.baseline_id);
  const exceptionsByCalendar = group(exceptions, (e) => e.calendar_id);
  const calendarById = new Map(calendars.map((c) => [c.id, c]));
  const defaultCalendar = new Map(calendars.filter((c) => c.is_default === 1).map((c) => [c.org_id, c]));
  const labourBy = new Map(labour.map((r) => [r.project_id, Number(r.cost)]));
  const expensesBy = new Map(expenses.map((r) => [r.project_id, Number(r.cost)]));

  for (const project of projects) {
    // As calendarOf: the project's calendar, else the organisation's default; hours a day only from the project's own.
    const calRow = project.calendar_id ? calendarById.get(project.calendar_id) : defaultCalendar.get(project.org_id);
    const calendar = new WorkingCalendar(
      calRow ? { workingDays: calRow.working_days.split(',').map(Number), exceptions: (exceptionsByCalendar.get(calRow.id) ?? []).map((e) => ({ date: e.date, working: e.working === 1 })) } : {},
    );
    const hoursPerDay = (project.calendar_id ? calendarById.get(project.calendar_id)?.hours_per_day : undefined) ?? 8;
    const projectTasks = tasksByProject.get(project.id) ?? [];
    const parents = new Set(projectTasks.map((t) => t.parent_id).filter((p): p is string => !!p));
    const leaves = projectTasks.filter((t) => !parents.has(t.id));
    const currentCost = (t: (typeof projectTasks)[number]) =>
      taskWorkAndCost({ durationDays: t.duration_days, estimatedHours: t.estimated_hours }, (assignmentsByTask.get(t.id) ?? []).map((a) => ({ units: a.units, costRate: rates.get(a.user_id) ?? 0 })), hoursPerDay).cost;
    const baselineId = latestBaseline.get(project.id);
    const base = baselineId ? (baseByBaseline.get(baselineId) ?? []) : [];
    const byId = new Map(leaves.map((t) => [t.id, t]));
    const { bacSource, bac, planned, ev } = projectValue({
      leaves: leaves.map((t) => ({ id: t.id, percentComplete: t.percent_complete, earlyStart: t.early_start, earlyFinish: t.early_finish })),
      baseline: baselineId ? base.map((r) => ({ taskId: r.task_id, cost: Number(r.cost), start: r.start, finish: r.finish })) : null,
      currentCost: (taskId) => currentCost(byId.get(taskId)!),
      budget: Number(project.budget_labour) + Number(project.budget_expenses),
    });
    const acLabour = labourBy.get(project.id) ?? 0;
    const acExpenses = expensesBy.get(project.id) ?? 0;
    const ac = acLabour + acExpenses;
    const pv = plannedValue(planned, statusDate, calendar);
    const { spi, cpi } = earnedValue({ bac, pv, ev, ac });
    out.set(project.id, { bacSource, bac, pv, ev, ac, acLabour, acExpenses, spi, cpi });
  }
  return out;
}
