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
export function projectValue(opts: {
  leaves: readonly ValuedTask[];
  baseline: readonly BaselineTaskValue[] | null;
  currentCost: (taskId: string) => number;
  budget: number;
  /** Each leaf's % complete as of the status date (see percentAsOf); without it, today's percentComplete. */
  percentOf?: (task: ValuedTask) => number;
}): ProjectValue {
  const { leaves, baseline, currentCost } = opts;
  const baselineTotal = baseline ? baseline.reduce((s, r) => s + r.cost, 0) : 0;
  const bacSource = baseline && baselineTotal > 0 ? 'baseline' : 'budget';
  const bac = bacSource === 'baseline' ? baselineTotal : opts.budget;
  const planned: PlannedTask[] = baseline
    ? baseline.map((r) => ({ cost: r.cost, start: r.start, finish: r.finish }))
    : leaves.map((t) => ({ cost: currentCost(t.id), start: t.earlyStart, finish: t.earlyFinish }));
  const ev = earnedOfLeaves(leaves, evCostOf(baseline, currentCost), opts.percentOf);
  return { bacSource, bac, planned, ev };
}

/** What a leaf earns in full: its baseline cost, else (not in the baseline, or no baseline) its current cost. */
export function evCostOf(baseline: readonly BaselineTaskValue[] | null, currentCost: (taskId: string) => number): (taskId: string) => number {
  const byTask = new Map((baseline ?? []).map((r) => [r.taskId, r.cost]));
  return (taskId) => byTask.get(taskId) ?? currentCost(taskId);
}

/** EV: Σ leaf % complete (today's, or percentOf's) × what the leaf earns in full. */
export function earnedOfLeaves(leaves: readonly ValuedTask[], costOf: (taskId: string) => number, percentOf: (task: ValuedTask) => number = (t) => t.percentComplete): number {
  let ev = 0;
  for (const t of leaves) {
    const pct = percentOf(t);
    if (pct <= 0) continue;
    ev += (pct / 100) * costOf(t.id);
  }
  return ev;
}

/** One recorded % complete of a task: as it stood at the end of `date`. */
export interface ProgressPoint {
  date: string;
  percentComplete: number;
}

/**
 * A task's % complete as of `date` from its progress history (sorted by date): the latest value
 * recorded on or before the date, 0 when all of it is later; a task with no history at all (a plan
 * from before history was kept) counts at its current % complete.
 */
export function percentAsOf(history: readonly ProgressPoint[] | undefined, date: string, current: number): number {
  if (!history || !history.length) return current;
  let pct = 0;
  for (const p of history) {
    if (p.date > date) break;
    pct = p.percentComplete;
  }
  return pct;
}
