import { calculateSchedule, ScheduleCycleError, ScheduleInputError } from '../../../domain/schedule/index.js';
import type { ScheduleRequest } from '../../../domain/schedule/index.js';
import type { Executor } from '../../db/transaction.js';
import { AppError, ruleViolated } from '../../lib/errors.js';
import * as plan from './plan.repository.js';
import { setProjectComputed, type ProjectRow } from './project.repository.js';

/** Maps the scheduler's errors onto the API's: bad input 400 with a path, a cycle 422 naming the tasks. */
export function scheduleError(err: unknown, names?: Map<string, string>): unknown {
  if (err instanceof ScheduleCycleError) {
    const named = err.taskIds.map((id) => names?.get(id) ?? id);
    return ruleViolated(`These tasks depend on each other in a circle: ${[...named, named[0]].join(' → ')}.`, { taskIds: err.taskIds, taskNames: named });
  }
  if (err instanceof ScheduleInputError) return new AppError('validation_failed', err.message, [{ path: err.path, message: err.message }]);
  return err;
}

/**
 * Recomputes the project's schedule from its plan (critical path over all four link types on the
 * project's calendar) and writes back only the tasks whose computed dates or floats changed.
 * Runs inside the transaction that changed the plan, so a change that would make a cycle is
 * rolled back whole.
 */
export async function rescheduleProject(trx: Executor, project: ProjectRow): Promise<void> {
  const [tasks, deps, calendar] = await Promise.all([plan.scheduleInputs(trx, project.id), plan.dependenciesOf(trx, project.id), plan.calendarOf(trx, project)]);
  if (tasks.length === 0) {
    await setProjectComputed(trx, project.id, { planned_finish: null, percent_complete: 0 });
    return;
  }
  const request: ScheduleRequest = {
    start: project.planned_start,
    calendar,
    tasks: tasks.map((t) => ({
      id: t.id,
      parentId: t.parent_id,
      durationDays: t.kind === 'milestone' ? 0 : t.duration_days,
      constraint: t.constraint_type === 'ASAP' || !t.constraint_date ? null : { type: t.constraint_type, date: t.constraint_date },
    })),
    dependencies: deps.map((d) => ({ predecessorId: d.predecessor_id, successorId: d.successor_id, type: d.type, lagDays: d.lag_days })),
  };
  let result;
  try {
    result = calculateSchedule(request, project.planned_start);
  } catch (err) {
    throw scheduleError(err, new Map(tasks.map((t) => [t.id, `${t.wbs} ${t.name}`])));
  }
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const changed: (plan.TaskComputed & { id: string })[] = [];
  const pathOrder = new Map(result.criticalPath.map((id, i) => [id, i + 1]));
  let finish: string | null = null;
  for (const r of result.tasks) {
    const t = byId.get(r.id)!;
    const next = {
      early_start: r.earlyStartDate,
      early_finish: r.earlyFinishDate,
      late_start: r.lateStartDate,
      late_finish: r.lateFinishDate,
      total_float: r.totalFloat,
      free_float: r.freeFloat,
      critical: r.critical ? (1 as const) : (0 as const),
      critical_order: pathOrder.get(r.id) ?? null,
    };
    if (!finish || r.earlyFinishDate > finish) finish = r.earlyFinishDate;
    if (
      t.early_start !== next.early_start ||
      t.early_finish !== next.early_finish ||
      t.late_start !== next.late_start ||
      t.late_finish !== next.late_finish ||
      t.total_float !== next.total_float ||
      t.free_float !== next.free_float ||
      t.critical !== next.critical ||
      t.critical_order !== next.critical_order
    ) {
      changed.push({ id: r.id, ...next });
    }
  }
  await plan.setTasksComputed(trx, project.id, changed);
  // Progress of the whole project: leaf tasks' % complete weighted by duration (milestones count one day).
  const parents = new Set(tasks.map((t) => t.parent_id).filter(Boolean));
  let weight = 0;
  let done = 0;
  for (const t of tasks) {
    if (parents.has(t.id)) continue;
    const w = Math.max(1, t.kind === 'milestone' ? 0 : t.duration_days);
    weight += w;
    done += (w * t.percent_complete) / 100;
  }
  await setProjectComputed(trx, project.id, { planned_finish: finish, percent_complete: weight ? Math.round((1000 * done) / weight) / 10 : 0 });
}
