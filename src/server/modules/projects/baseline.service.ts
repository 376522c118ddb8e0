import { daysBetween, taskWorkAndCost } from '../../../domain/plan/work.js';
import { layOut } from '../../../domain/plan/outline.js';
import { inTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { notFound } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import type { Executor } from '../../db/transaction.js';
import * as plan from './plan.repository.js';
import type { ProjectRow } from './project.repository.js';
import { loadProject } from './project.service.js';

const presentBaseline = (b: plan.BaselineRow & { taken_by_name: string | null }) => ({ id: b.id, name: b.name, takenAt: b.created_at, takenBy: b.taken_by_name });

/** Work and cost of every task of the plan as it stands. */
async function currentWork(trx: Executor, project: ProjectRow) {
  const [tasks, assignments, cal] = await Promise.all([plan.tasksOf(trx, project.id), plan.assignmentsOf(trx, project.id), trx.selectFrom('calendars').select('hours_per_day').where('id', '=', project.calendar_id ?? '').executeTakeFirst()]);
  const rates = await plan.costRates(trx, [...new Set(assignments.map((a) => a.user_id))]);
  const hoursPerDay = cal?.hours_per_day ?? 8;
  const parents = new Set(tasks.map((t) => t.parent_id));
  const work = new Map<string, { workHours: number; cost: number }>();
  for (const t of tasks) {
    const mine = assignments.filter((a) => a.task_id === t.id).map((a) => ({ units: a.units, costRate: rates.get(a.user_id) ?? 0 }));
    work.set(t.id, parents.has(t.id) ? { workHours: 0, cost: 0 } : taskWorkAndCost({ durationDays: t.duration_days, estimatedHours: t.estimated_hours }, mine, hoursPerDay));
  }
  return { tasks, work };
}

export async function createBaseline(ctx: Ctx, projectId: string, name: string) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { project } = await loadProject(ctx, trx, projectId, 'editPlan');
    const { tasks, work } = await currentWork(trx, project);
    const id = uuidv7(now.getTime());
    await plan.insertBaseline(
      trx,
      { id, org_id: project.org_id, project_id: projectId, name, taken_by: ctx.actor.id, created_at: at, updated_at: at, version: 1 },
      tasks.map((t) => ({ id: uuidv7(now.getTime()), org_id: project.org_id, baseline_id: id, task_id: t.id, start: t.early_start, finish: t.early_finish, duration_days: t.duration_days, work_hours: work.get(t.id)!.workHours, cost: work.get(t.id)!.cost, created_at: at, updated_at: at, version: 1 })),
    );
    await recordAudit(trx, { orgId: project.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'baseline', entityId: id, changes: { name: [null, name], project_id: [null, projectId], tasks: [null, tasks.length] }, ip: ctx.ip, at: now });
    return presentBaseline({ id, org_id: project.org_id, project_id: projectId, name, taken_by: ctx.actor.id, created_at: at, updated_at: at, version: 1, taken_by_name: ctx.actor.name });
  });
}

export async function listBaselines(ctx: Ctx, projectId: string) {
  await loadProject(ctx, ctx.db, projectId, 'read');
  return { items: (await plan.baselinesOf(ctx.db, projectId)).map(presentBaseline) };
}

/** Variance of today's plan against a baseline: dates (calendar days, later is positive), work and cost. */
export async function baselineVariance(ctx: Ctx, baselineId: string) {
  const baseline = await plan.findBaseline(ctx.db, ctx.actor.orgId, baselineId);
  if (!baseline) throw notFound('Baseline');
  const { project } = await loadProject(ctx, ctx.db, baseline.project_id, 'read');
  const [{ tasks, work }, rows] = await Promise.all([currentWork(ctx.db, project), plan.baselineTasks(ctx.db, baselineId)]);
  const base = new Map(rows.map((r) => [r.task_id, r]));
  const order = new Map(layOut(tasks.map((t) => ({ id: t.id, parentId: t.parent_id, position: t.position }))).map((p) => [p.id, p.order]));
  tasks.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return {
    baseline: presentBaseline(baseline),
    tasks: tasks.map((t) => {
      const b = base.get(t.id);
      const w = work.get(t.id)!;
      return {
        taskId: t.id,
        wbs: t.wbs,
        name: t.name,
        baselineStart: b?.start ?? null,
        baselineFinish: b?.finish ?? null,
        start: t.early_start,
        finish: t.early_finish,
        startVarianceDays: daysBetween(b?.start ?? null, t.early_start),
        finishVarianceDays: daysBetween(b?.finish ?? null, t.early_finish),
        baselineWorkHours: b?.work_hours ?? 0,
        workHours: w.workHours,
        baselineCost: b?.cost ?? 0,
        cost: w.cost,
      };
    }),
  };
}
