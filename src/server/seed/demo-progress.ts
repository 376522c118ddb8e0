import type { Executor } from '../db/transaction.js';
import { localDate } from '../lib/dates.js';
import { insertRows } from './demo-delivery.js';
import type { DemoExtraOptions } from './demo-extra.js';
import { createRandom } from './random.js';

const DAY_MS = 86_400_000;
const toDay = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const FRIDAY = 1; // day numbers: 1970-01-02 (day 1) was a Friday

/**
 * The demo plans' progress history (task_progress), so that earned value at a past status date, past
 * weeks' status reports and the S-curve read what was done then: for each leaf task that has started,
 * a snapshot every Friday from its actual start, its % complete rising linearly to 100 at its actual
 * finish, or (not finished) to its current % complete today, with today's value recorded today.
 */
export async function seedDemoProgress(trx: Executor, opts: DemoExtraOptions): Promise<void> {
  const today = toDay(localDate(opts.now, 'Asia/Shanghai'));
  const at = opts.now.toISOString();
  const ids = createRandom((opts.seed ^ 0x9e55) >>> 0);
  let idClock = Date.UTC(2024, 0, 1) + 40_000_000;
  const tasks = await trx
    .selectFrom('tasks')
    .select(['id', 'project_id', 'parent_id', 'percent_complete', 'actual_start', 'actual_finish'])
    .where('org_id', '=', opts.orgId)
    .orderBy('project_id')
    .orderBy('id')
    .execute();
  const parents = new Set(tasks.map((t) => t.parent_id).filter((p): p is string => !!p));
  const rows = [];
  for (const t of tasks) {
    if (parents.has(t.id) || !t.actual_start) continue;
    const start = toDay(t.actual_start);
    const finished = !!t.actual_finish && toDay(t.actual_finish) <= today;
    const end = finished ? toDay(t.actual_finish!) : today;
    const target = finished ? 100 : Number(t.percent_complete);
    if (end < start) continue;
    const points = new Map<number, number>();
    for (let d = start + ((FRIDAY - start) % 7 + 7) % 7; d < end; d += 7) {
      points.set(d, Math.round((10 * target * (d - start + 1)) / (end - start + 1)) / 10);
    }
    points.set(end, target);
    for (const [d, pct] of points) {
      rows.push({ id: ids.uuid(idClock++), org_id: opts.orgId, task_id: t.id, project_id: t.project_id, date: fromDay(d), percent_complete: pct, created_at: at, updated_at: at, version: 1 });
    }
  }
  await insertRows(trx, 'task_progress', rows);
}
