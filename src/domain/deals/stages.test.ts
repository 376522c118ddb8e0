import { describe, expect, it } from 'vitest';
import { defaultForecastCategory, isPermutation, STANDARD_STAGES, stageSetProblem, stateAfterMove, weighted, type DealState } from './stages.js';

const open: DealState = { status: 'open', probability: 40, probabilityOverridden: true, forecastCategory: 'commit', lostReason: null, lostToCompetitorId: null, wonAt: null, lostAt: null };
const AT = '2026-05-01T00:00:00.000Z';

describe('stage sets', () => {
  it('accepts the standard stages', () => expect(stageSetProblem(STANDARD_STAGES)).toBeNull());
  it('needs exactly one won, one lost and an open stage', () => {
    expect(stageSetProblem([{ kind: 'open' }, { kind: 'lost' }])).toMatch(/won/);
    expect(stageSetProblem([{ kind: 'open' }, { kind: 'won' }, { kind: 'won' }, { kind: 'lost' }])).toMatch(/won/);
    expect(stageSetProblem([{ kind: 'open' }, { kind: 'won' }])).toMatch(/lost/);
    expect(stageSetProblem([{ kind: 'won' }, { kind: 'lost' }])).toMatch(/open/);
    // archived stages do not count
    expect(stageSetProblem([{ kind: 'open' }, { kind: 'won' }, { kind: 'won', archived: 1 }, { kind: 'lost' }])).toBeNull();
  });
});

describe('moves', () => {
  it('default forecast category by stage kind', () => {
    expect([defaultForecastCategory('open'), defaultForecastCategory('won'), defaultForecastCategory('lost')]).toEqual(['pipeline', 'closed', 'omitted']);
  });
  it('won and lost close the deal; reopening clears them', () => {
    const won = stateAfterMove(open, { kind: 'won', probability: 100 }, AT, { reason: null, competitorId: null });
    expect(won).toMatchObject({ status: 'won', probability: 100, forecastCategory: 'closed', wonAt: AT, lostAt: null });
    const lost = stateAfterMove(open, { kind: 'lost', probability: 0 }, AT, { reason: 'price', competitorId: 'c1' });
    expect(lost).toMatchObject({ status: 'lost', probability: 0, forecastCategory: 'omitted', lostAt: AT, lostReason: 'price', lostToCompetitorId: 'c1' });
    const reopened = stateAfterMove(lost, { kind: 'open', probability: 50 }, AT, { reason: null, competitorId: null });
    expect(reopened).toEqual({ status: 'open', probability: 50, probabilityOverridden: false, forecastCategory: 'pipeline', lostReason: null, lostToCompetitorId: null, wonAt: null, lostAt: null });
  });
  it('keeps an overridden probability and a chosen category between open stages', () => {
    expect(stateAfterMove(open, { kind: 'open', probability: 75 }, AT, { reason: null, competitorId: null })).toMatchObject({ probability: 40, probabilityOverridden: true, forecastCategory: 'commit' });
    expect(stateAfterMove({ ...open, probabilityOverridden: false }, { kind: 'open', probability: 75 }, AT, { reason: null, competitorId: null })).toMatchObject({ probability: 75 });
  });
  it('weights and permutations', () => {
    expect(weighted(1001, 25)).toBe(250);
    expect(isPermutation(['b', 'a'], ['a', 'b'])).toBe(true);
    expect(isPermutation(['a', 'a'], ['a', 'b'])).toBe(false);
    expect(isPermutation(['a'], ['a', 'b'])).toBe(false);
  });
});
