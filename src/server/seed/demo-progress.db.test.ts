import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_PASSWORD_COST } from '../../../test/setup.js';
import { seedDemo } from './demo.js';

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

const NOW = new Date('2026-11-25T09:00:00.000Z');
const TODAY = '2026-11-25';
let d: TestDatabase;

beforeAll(async () => {
  d = await createTestDatabase();
  await seedDemo(d.db, { password: 'demo-progress-test', passwordCost: TEST_PASSWORD_COST, now: NOW });
});
afterAll(async () => {
  await d?.drop();
});

describe('demo progress history', () => {
  it('rises weekly from each started leaf task’s actual start to its % complete today (100 at its finish)', async () => {
    const [tasks, rows] = await Promise.all([
      d.db.selectFrom('tasks').select(['id', 'parent_id', 'percent_complete', 'actual_start', 'actual_finish']).execute(),
      d.db.selectFrom('task_progress').select(['task_id', 'date', 'percent_complete']).orderBy('task_id').orderBy('date').execute(),
    ]);
    expect(rows.length).toBeGreaterThan(100);
    const byTask = new Map<string, { date: string; pct: number }[]>();
    for (const r of rows) byTask.set(r.task_id, [...(byTask.get(r.task_id) ?? []), { date: r.date, pct: Number(r.percent_complete) }]);
    const parents = new Set(tasks.map((t) => t.parent_id).filter(Boolean));
    for (const t of tasks) {
      const h = byTask.get(t.id);
      if (parents.has(t.id) || !t.actual_start) {
        expect(h).toBeUndefined();
        continue;
      }
      expect(h, t.id).toBeDefined();
      const last = h![h!.length - 1]!;
      expect(h![0]!.date >= t.actual_start).toBe(true);
      expect(last.date <= TODAY).toBe(true);
      if (t.actual_finish && t.actual_finish <= TODAY) expect(last).toEqual({ date: t.actual_finish, pct: 100 });
      else expect(last).toEqual({ date: TODAY, pct: Number(t.percent_complete) });
      for (let i = 1; i < h!.length; i++) expect(h![i]!.pct).toBeGreaterThanOrEqual(h![i - 1]!.pct);
      // Fridays, but for the last point.
      for (const p of h!.slice(0, -1)) expect(new Date(`${p.date}T00:00:00Z`).getUTCDay()).toBe(5);
    }
  });
});
