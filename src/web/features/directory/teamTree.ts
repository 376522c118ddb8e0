import type { ReactNode } from 'react';
import type { Team } from '../../lib/types.js';

export interface TeamNode {
  key: string;
  team: Team;
  title: ReactNode;
  children: TeamNode[];
}

/** The flat team list (parentId links) as a tree, siblings by name; orphans become roots. */
export function buildTree(teams: Team[], title: (t: Team) => ReactNode): TeamNode[] {
  const byParent = new Map<string | null, Team[]>();
  const ids = new Set(teams.map((t) => t.id));
  for (const team of teams) {
    const parent = team.parentId && ids.has(team.parentId) ? team.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), team]);
  }
  const walk = (parent: string | null): TeamNode[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((team) => ({ key: team.id, team, title: title(team), children: walk(team.id) }));
  return walk(null);
}

/** A team and everything under it: where it may not be moved. */
export function subtreeIds(teams: Team[], rootId: string): Set<string> {
  const out = new Set<string>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of teams) {
      if (t.parentId && out.has(t.parentId) && !out.has(t.id)) {
        out.add(t.id);
        grew = true;
      }
    }
  }
  return out;
}

export interface TreeSelectNode {
  value: string;
  title: ReactNode;
  children: TreeSelectNode[];
  disabled?: boolean;
}

/** A team tree for antd's TreeSelect; `disabled` teams are shown but cannot be picked. */
export function toTreeSelect(n: TeamNode, disabled?: Set<string>): TreeSelectNode {
  return { value: n.key, title: n.title, disabled: disabled?.has(n.key), children: n.children.map((c) => toTreeSelect(c, disabled)) };
}
