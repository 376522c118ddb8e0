/**
 * The rows of the chart: tasks in WBS order, with their depth, whether they have children, and
 * which are hidden under a collapsed summary; and the window of rows worth rendering.
 */

export interface TaskLike {
  id: string;
  parentId: string | null;
}

export interface Row<T extends TaskLike> {
  task: T;
  level: number;
  hasChildren: boolean;
}

/** The visible rows; tasks must come parents first (WBS order, as the plan answers them). */
export function buildRows<T extends TaskLike>(tasks: readonly T[], collapsed: ReadonlySet<string>): Row<T>[] {
  const parents = new Set<string>();
  for (const t of tasks) if (t.parentId) parents.add(t.parentId);
  const level = new Map<string, number>();
  const hidden = new Set<string>();
  const rows: Row<T>[] = [];
  for (const t of tasks) {
    const l = t.parentId ? (level.get(t.parentId) ?? 0) + 1 : 0;
    level.set(t.id, l);
    if (t.parentId && (hidden.has(t.parentId) || collapsed.has(t.parentId))) {
      hidden.add(t.id);
      continue;
    }
    rows.push({ task: t, level: l, hasChildren: parents.has(t.id) });
  }
  return rows;
}

export interface RowWindow {
  /** First row rendered. */
  start: number;
  /** First row no longer rendered. */
  end: number;
}

/** The rows that touch the viewport, with `overscan` more either side, clamped to [0, count). */
export function rowWindow(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan: number): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight);
  return { start: Math.max(0, Math.min(count, first - overscan)), end: Math.max(0, Math.min(count, last + overscan)) };
}

export interface LinkLike {
  predecessorId: string;
  successorId: string;
}

/**
 * The links worth drawing for a window of rows: those with an end in it, and those that cross it
 * (drawn as a line through the window). Links to hidden tasks are left out.
 */
export function linksInWindow<L extends LinkLike>(links: readonly L[], rowOf: ReadonlyMap<string, number>, win: RowWindow): L[] {
  const out: L[] = [];
  for (const l of links) {
    const a = rowOf.get(l.predecessorId);
    const b = rowOf.get(l.successorId);
    if (a === undefined || b === undefined) continue;
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    if (hi >= win.start && lo < win.end) out.push(l);
  }
  return out;
}
