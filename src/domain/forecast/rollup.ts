import { addSums, ZERO_SUMS, type ForecastSums } from './forecast.js';

export interface RollupTeam {
  id: string;
  parentId: string | null;
}

export interface RollupRep {
  userId: string;
  teamId: string | null;
  sums: ForecastSums;
}

/**
 * Rolls reps' sums up the team tree: each team's total is the sum of the reps whose team is that
 * team or one of its descendants, each rep counted once at each level. Only the teams given count
 * (the actor's visible subtree); a parent outside it ends the walk. Cycles are cut.
 */
export function rollUpTeams(teams: readonly RollupTeam[], reps: readonly RollupRep[]): Map<string, { sums: ForecastSums; repIds: string[] }> {
  const byId = new Map(teams.map((t) => [t.id, t]));
  const out = new Map<string, { sums: ForecastSums; repIds: string[] }>(teams.map((t) => [t.id, { sums: ZERO_SUMS, repIds: [] }]));
  for (const rep of reps) {
    const seen = new Set<string>();
    let team = rep.teamId ? byId.get(rep.teamId) : undefined;
    while (team && !seen.has(team.id)) {
      seen.add(team.id);
      const acc = out.get(team.id)!;
      acc.sums = addSums(acc.sums, rep.sums);
      acc.repIds.push(rep.userId);
      team = team.parentId ? byId.get(team.parentId) : undefined;
    }
  }
  return out;
}

/** Teams in depth-first order (parents before children, siblings by name), with their depth. */
export function orderTeamTree<T extends RollupTeam & { name: string }>(teams: readonly T[]): (T & { depth: number })[] {
  const ids = new Set(teams.map((t) => t.id));
  const children = new Map<string | null, T[]>();
  for (const t of teams) {
    const parent = t.parentId && ids.has(t.parentId) ? t.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  const out: (T & { depth: number })[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const t of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      out.push({ ...t, depth });
      walk(t.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
