import { earnedValue } from '../../../domain/evm/earned-value.js';
import { plannedValue, type PlannedTask } from '../../../domain/evm/planned-value.js';
import { taskWorkAndCost } from '../../../domain/plan/work.js';
import { WorkingCalendar, formatIsoDate, parseIsoDate } from '../../../domain/schedule/calendar.js';
import type { EarnedValueResponse } from '../../../contracts/timesheets.js';
import type { Ctx } from '../../lib/context.js';
import * as plan from '../projects/plan.repository.js';
import { loadProject, todayFor } from '../projects/project.service.js';
import { approvedCostByDate } from '../timesheets/timesheet.repository.js';

const MAX_POINTS = 260;

/**
 * Earned value of a project at a status date (DOMAIN.md, "Earned value"); docs/decisions/evm.md:
 *  - BAC: the latest baseline's total cost; without a baseline (or one costing 0), the project budget
 *    (labour + expenses).
 *  - PV: the latest baseline's task costs spread over their working days up to the status date
 *    (src/domain/evm/planned-value.ts, project calendar); without a baseline, today's schedule.
 *  - EV: Σ leaf task % complete × its baseline cost (its current cost when the baseline lacks it).
 *    % complete is today's: there is no progress history, so EV is for "now" at any status date.
 *  - AC: approved timesheet cost + approved expenses dated on or before the status date (the
 *    accounting view; submitted hours are not actual cost until the PM approves them).
 * Full precision: nothing is rounded here.
 */
export async function getEarnedValue(ctx: Ctx, projectId: string, statusDateIn?: string): Promise<EarnedValueResponse> {
  const { project } = await loadProject(ctx, ctx.db, projectId, 'read');
  const statusDate = statusDateIn ?? todayFor(ctx);
  const db = ctx.db;
  const [tasks, assignments, calDef, hours, baselines] = await Promise.all([
    plan.tasksOf(db, projectId),
    plan.assignmentsOf(db, projectId),
    plan.calendarOf(db, project),
    db.selectFrom('calendars').select('hours_per_day').where('id', '=', project.calendar_id ?? '').executeTakeFirst(),
    plan.baselinesOf(db, projectId),
  ]);
  const calendar = new WorkingCalendar(calDef ?? {});
  const baseline = baselines[0] ?? null;
  const baseRows = baseline ? await plan.baselineTasks(db, baseline.id) : [];
  const baseByTask = new Map(baseRows.map((r) => [r.task_id, r]));

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

  const baselineTotal = baseRows.reduce((s, r) => s + Number(r.cost), 0);
  const bacSource = baseline && baselineTotal > 0 ? 'baseline' : 'budget';
  const bac = bacSource === 'baseline' ? baselineTotal : Number(project.budget_labour) + Number(project.budget_expenses);

  const planned: PlannedTask[] = baseline
    ? baseRows.map((r) => ({ cost: Number(r.cost), start: r.start, finish: r.finish }))
    : leaves.map((t) => ({ cost: currentCost(t.id), start: t.early_start, finish: t.early_finish }));

  let ev = 0;
  for (const t of leaves) {
    if (t.percent_complete <= 0) continue;
    const b = baseByTask.get(t.id);
    ev += (t.percent_complete / 100) * (b ? Number(b.cost) : currentCost(t.id));
  }

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
    return { date, pv: plannedValue(planned, date, calendar), ev: d === status ? ev : i === 0 && d < status ? 0 : null, ac: acToDate };
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
