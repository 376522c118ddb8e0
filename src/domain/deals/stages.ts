/** Pure rules of pipelines, stages and opportunity moves (no I/O, no clock). */

export type StageKind = 'open' | 'won' | 'lost';
export type ForecastCategory = 'pipeline' | 'best_case' | 'commit' | 'closed' | 'omitted';

export interface StageLike {
  kind: StageKind;
  archived?: boolean | 0 | 1;
}

/** The standard stages a new organisation starts with. */
export const STANDARD_STAGES: readonly { name: string; probability: number; kind: StageKind }[] = [
  { name: 'Prospecting', probability: 10, kind: 'open' },
  { name: 'Qualification', probability: 25, kind: 'open' },
  { name: 'Proposal', probability: 50, kind: 'open' },
  { name: 'Negotiation', probability: 75, kind: 'open' },
  { name: 'Closed won', probability: 100, kind: 'won' },
  { name: 'Closed lost', probability: 0, kind: 'lost' },
];

/**
 * What is wrong with a pipeline's (non-archived) stages, or null: it needs exactly one won and one
 * lost stage and at least one open stage, so a deal can always be opened, won and lost.
 */
export function stageSetProblem(stages: readonly StageLike[]): string | null {
  const live = stages.filter((s) => !s.archived);
  const won = live.filter((s) => s.kind === 'won').length;
  const lost = live.filter((s) => s.kind === 'lost').length;
  if (won !== 1) return `A pipeline needs exactly one won stage (it would have ${won}).`;
  if (lost !== 1) return `A pipeline needs exactly one lost stage (it would have ${lost}).`;
  if (!live.some((s) => s.kind === 'open')) return 'A pipeline needs at least one open stage.';
  return null;
}

/** The forecast category a deal takes in a stage when nobody chose one. */
export function defaultForecastCategory(kind: StageKind): ForecastCategory {
  return kind === 'won' ? 'closed' : kind === 'lost' ? 'omitted' : 'pipeline';
}

export interface DealState {
  status: StageKind;
  probability: number;
  probabilityOverridden: boolean;
  forecastCategory: ForecastCategory;
  lostReason: string | null;
  lostToCompetitorId: string | null;
  wonAt: string | null;
  lostAt: string | null;
}

/**
 * A deal's state after it moves to a stage. Won: probability 100, forecast closed, won_at set.
 * Lost: probability 0, forecast omitted, lost_at and the reason set. Moving back to an open stage
 * clears what closing set and takes the stage's probability again; between open stages an
 * overridden probability and a chosen forecast category stay.
 */
export function stateAfterMove(before: DealState, to: { kind: StageKind; probability: number }, at: string, lost: { reason: string | null; competitorId: string | null }): DealState {
  if (to.kind === 'won') {
    return { status: 'won', probability: 100, probabilityOverridden: false, forecastCategory: 'closed', lostReason: null, lostToCompetitorId: null, wonAt: at, lostAt: null };
  }
  if (to.kind === 'lost') {
    return { status: 'lost', probability: 0, probabilityOverridden: false, forecastCategory: 'omitted', lostReason: lost.reason, lostToCompetitorId: lost.competitorId, wonAt: null, lostAt: at };
  }
  const reopening = before.status !== 'open';
  const keepProbability = !reopening && before.probabilityOverridden;
  return {
    status: 'open',
    probability: keepProbability ? before.probability : to.probability,
    probabilityOverridden: keepProbability,
    forecastCategory: reopening ? 'pipeline' : before.forecastCategory,
    lostReason: null,
    lostToCompetitorId: null,
    wonAt: null,
    lostAt: null,
  };
}

/** A stage total weighted by its probability, in whole minor units. */
export const weighted = (amountBase: number, probability: number) => Math.round((amountBase * probability) / 100);

/** Whether `ids` is exactly the set `current` in some order (a reorder may not add or drop stages). */
export function isPermutation(ids: readonly string[], current: readonly string[]): boolean {
  if (ids.length !== current.length || new Set(ids).size !== ids.length) return false;
  const set = new Set(current);
  return ids.every((id) => set.has(id));
}
