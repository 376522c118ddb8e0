import type { PlannedTask } from './planned-value.js';

/** A leaf task of the plan as earned value reads it. */
export interface ValuedTask {
  id: string;
  percentComplete: number;
  earlyStart: string | null;
  earlyFinish: string | null;
}

/** A task's row in the baseline: what it was planned to cost, and when. */
export interface BaselineTaskValue {
  taskId: string;
  cost: number;
  start: string | null;
  finish: string | null;
}

export interface ProjectValue {
  bacSource: 'baseline' | 'budget';
  bac: number;
  /** What PV is spread from: the baseline's tasks, else today's schedule of the leaf tasks. */
  planned: PlannedTask[];
  ev: number;
}

/**
 * BAC, the planned cost to spread for PV, and EV of one project (DOMAIN.md "Earned value";
 * docs/decisions/010): BAC is the latest baseline's total cost, or the budget when there is no
 * baseline or it costs nothing; PV spreads the baseline's task costs (without one, today's leaf
 * tasks at their current cost); EV is Σ leaf % complete × the task's baseline cost (its current
 * cost when the baseline lacks it). Full precision.
 */
export function projectValue(opts: { leaves: readonly ValuedTask[]; baseline: readonly BaselineTaskValue[] | null; currentCost: (taskId: string) => number; budget: number }): ProjectValue {
  const { leaves, baseline, currentCost } = opts;
  const baselineTotal = baseline ? baseline.reduce((s, r) => s + r.cost, 0) : 0;
  const bacSource = baseline && baselineTotal > 0 ? 'baseline' : 'budget';
  const bac = bacSource === 'baseline' ? baselineTotal : opts.budget;
  const planned: PlannedTask[] = baseline
    ? baseline.map((r) => ({ cost: r.cost, start: r.start, finish: r.finish }))
    : leaves.map((t) => ({ cost: currentCost(t.id), start: t.earlyStart, finish: t.earlyFinish }));
  const byTask = new Map((baseline ?? []).map((r) => [r.taskId, r]));
  let ev = 0;
  for (const t of leaves) {
    if (t.percentComplete <= 0) continue;
    const b = byTask.get(t.id);
    ev += (t.percentComplete / 100) * (b ? b.cost : currentCost(t.id));
  }
  return { bacSource, bac, planned, ev };
}
