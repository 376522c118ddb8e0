/**
 * Work and labour cost of a task, as a baseline records them. Work is the estimate when the plan
 * has one; otherwise duration × hours per day × the assignees' units (1 = full time). Cost is work
 * × the unit-weighted mean of the assignees' hourly cost rates (minor units), rounded once.
 */
export function taskWorkAndCost(
  task: { durationDays: number; estimatedHours: number | null },
  assignments: readonly { units: number; costRate: number }[],
  hoursPerDay: number,
): { workHours: number; cost: number } {
  const units = assignments.reduce((s, a) => s + a.units, 0);
  const workHours = task.estimatedHours ?? task.durationDays * hoursPerDay * units;
  const rate = units > 0 ? assignments.reduce((s, a) => s + a.units * a.costRate, 0) / units : 0;
  return { workHours, cost: Math.round(workHours * rate) };
}

/** Whole calendar days from a to b (b − a); null when either is missing. */
export function daysBetween(a: string | null, b: string | null): number | null {
  if (!a || !b) return null;
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
