import type { ProgressPoint } from '../../../domain/evm/project-value.js';
import { uuidv7 } from '../../lib/ids.js';
import type { Executor } from '../../db/transaction.js';

export interface ProgressRecord {
  taskId: string;
  projectId: string;
  orgId: string;
  percentComplete: number;
}

/**
 * Records each task's % complete for one day (the reporter's local date): one statement for all
 * the tasks, the day's later report replacing an earlier one (unique (task_id, date)).
 */
export async function recordProgress(trx: Executor, date: string, points: readonly ProgressRecord[], now: Date): Promise<void> {
  if (!points.length) return;
  const at = now.toISOString();
  const ms = now.getTime();
  for (let i = 0; i < points.length; i += 500) {
    const chunk = points.slice(i, i + 500);
    await trx
      .insertInto('task_progress')
      .values(chunk.map((p) => ({ id: uuidv7(ms), org_id: p.orgId, task_id: p.taskId, project_id: p.projectId, date, percent_complete: p.percentComplete, created_at: at, updated_at: at, version: 1 })))
      .onConflict((oc) =>
        oc.columns(['task_id', 'date']).doUpdateSet((eb) => ({ percent_complete: eb.ref('excluded.percent_complete'), updated_at: eb.ref('excluded.updated_at'), version: eb('task_progress.version', '+', 1) })),
      )
      .execute();
  }
}

/**
 * The progress history of a project's tasks, each task's points in date order (one query, on the
 * (project_id, date) index). All of it, not only up to a status date: a task whose history starts
 * after the status date was at 0 % then, while a task with none at all counts at its current %.
 */
export async function progressHistory(db: Executor, projectId: string): Promise<Map<string, ProgressPoint[]>> {
  const rows = await db.selectFrom('task_progress').select(['task_id', 'date', 'percent_complete']).where('project_id', '=', projectId).orderBy('task_id').orderBy('date').execute();
  const out = new Map<string, ProgressPoint[]>();
  for (const r of rows) {
    const list = out.get(r.task_id);
    const point = { date: r.date, percentComplete: Number(r.percent_complete) };
    if (list) list.push(point);
    else out.set(r.task_id, [point]);
  }
  return out;
}
