/**
 * The outline of a work breakdown: tasks in a tree, ordered among siblings. Pure functions that
 * turn (parentId, position) into WBS codes and apply indent, outdent and moves.
 */
export interface OutlineNode {
  id: string;
  parentId: string | null;
  position: number;
}

export interface OutlinePlace extends OutlineNode {
  wbs: string;
  depth: number;
  /** index in the pre-order walk: the order rows show in */
  order: number;
}

export type OutlineAction = 'indent' | 'outdent' | 'up' | 'down';

export class OutlineError extends Error {}

function childrenMap(nodes: readonly OutlineNode[]) {
  const ids = new Set(nodes.map((n) => n.id));
  const map = new Map<string | null, OutlineNode[]>();
  for (const n of nodes) {
    const key = n.parentId !== null && ids.has(n.parentId) ? n.parentId : null;
    const list = map.get(key) ?? [];
    list.push(n);
    map.set(key, list);
  }
  for (const list of map.values()) list.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
  return map;
}

/** Positions renumbered 0…n−1 among siblings, WBS codes ("1", "1.2", "1.2.3") and pre-order. */
export function layOut(nodes: readonly OutlineNode[]): OutlinePlace[] {
  const kids = childrenMap(nodes);
  const out: OutlinePlace[] = [];
  const visit = (parentId: string | null, prefix: string, depth: number) => {
    (kids.get(parentId) ?? []).forEach((n, i) => {
      const wbs = prefix ? `${prefix}.${i + 1}` : `${i + 1}`;
      out.push({ id: n.id, parentId, position: i, wbs, depth, order: out.length });
      visit(n.id, wbs, depth + 1);
    });
  };
  visit(null, '', 0);
  return out;
}

/** The outline after one action on one task; throws OutlineError when the action cannot apply. */
export function applyOutlineAction(nodes: readonly OutlineNode[], id: string, action: OutlineAction): OutlineNode[] {
  const placed = layOut(nodes);
  const me = placed.find((n) => n.id === id);
  if (!me) throw new OutlineError('No such task in this plan.');
  const siblings = placed.filter((n) => n.parentId === me.parentId).sort((a, b) => a.position - b.position);
  const idx = siblings.findIndex((n) => n.id === id);
  const next = placed.map((n) => ({ id: n.id, parentId: n.parentId, position: n.position }));
  const get = (x: string) => next.find((n) => n.id === x)!;
  switch (action) {
    case 'indent': {
      if (idx === 0) throw new OutlineError('There is no task above at the same level to indent under.');
      const newParent = siblings[idx - 1];
      const lastChild = Math.max(-1, ...placed.filter((n) => n.parentId === newParent.id).map((n) => n.position));
      Object.assign(get(id), { parentId: newParent.id, position: lastChild + 1 });
      for (const s of siblings.slice(idx + 1)) get(s.id).position -= 1;
      break;
    }
    case 'outdent': {
      if (me.parentId === null) throw new OutlineError('This task is already at the top level.');
      const parent = placed.find((n) => n.id === me.parentId)!;
      for (const s of placed.filter((n) => n.parentId === parent.parentId && n.position > parent.position)) get(s.id).position += 1;
      for (const s of siblings.slice(idx + 1)) get(s.id).position -= 1;
      Object.assign(get(id), { parentId: parent.parentId, position: parent.position + 1 });
      break;
    }
    case 'up':
    case 'down': {
      const other = siblings[action === 'up' ? idx - 1 : idx + 1];
      if (!other) throw new OutlineError(action === 'up' ? 'This task is already first at its level.' : 'This task is already last at its level.');
      get(id).position = other.position;
      get(other.id).position = me.position;
      break;
    }
  }
  return next;
}
