/**
 * Risk scoring (DOMAIN.md, "Risk"): probability and impact are rated 1–5 and the score is their
 * product, 1–25. The register sorts and filters on the score, the 5×5 matrix counts risks per
 * (probability, impact) cell, and the bands colour both.
 *
 * Severity bands of a score (chosen so that the 5×5 matrix splits into four readable zones, and so
 * that the KPI threshold of 12 falls inside "high"):
 *
 * | band     | score   | cells of 25 | e.g. (probability × impact) |
 * | -------- | ------- | ----------- | --------------------------- |
 * | low      | 1–4     | 8           | 1×1, 2×2, 1×4, 4×1          |
 * | medium   | 5–9     | 7           | 1×5, 2×3, 3×3               |
 * | high     | 10–14   | 4           | 2×5, 3×4, 4×3, 5×2          |
 * | critical | 15–25   | 6           | 3×5, 4×4, 5×5               |
 *
 * Separately, a risk with score ≥ 12 is a **high risk** for the project manager's KPI
 * `pm.risk_management` (it must get an owner and a response plan within 5 working days and be
 * reviewed at least every 14 days). That threshold is not a band edge: 10 and 11 are "high" in
 * colour but not yet counted by the KPI; 12–14 are both.
 */

export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const RISK_BANDS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

/** Lowest score of each band (a score belongs to the highest band whose floor it reaches). */
export const BAND_FLOORS: Readonly<Record<RiskBand, number>> = { low: 1, medium: 5, high: 10, critical: 15 };

/** Score at or above which a risk counts as a "high risk" for the KPI pm.risk_management. */
export const HIGH_RISK_SCORE = 12;

export const isRating = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= RATING_MIN && n <= RATING_MAX;

/** Score = probability × impact. Throws on a rating outside 1–5 (callers validate input first). */
export function riskScore(probability: number, impact: number): number {
  if (!isRating(probability)) throw new RangeError(`probability must be an integer 1–5, not ${String(probability)}`);
  if (!isRating(impact)) throw new RangeError(`impact must be an integer 1–5, not ${String(impact)}`);
  return probability * impact;
}

/** The band of a score: low < 5, medium 5–9, high 10–14, critical ≥ 15. */
export function bandOfScore(score: number): RiskBand {
  if (score >= BAND_FLOORS.critical) return 'critical';
  if (score >= BAND_FLOORS.high) return 'high';
  if (score >= BAND_FLOORS.medium) return 'medium';
  return 'low';
}

export const bandOf = (probability: number, impact: number): RiskBand => bandOfScore(riskScore(probability, impact));

/** A "high risk" for the KPI pm.risk_management (score ≥ 12). */
export const isHighRisk = (score: number) => score >= HIGH_RISK_SCORE;

/** When a risk occurs, the issue it becomes starts at the severity of the risk's band. */
export const issueSeverityOfBand = (band: RiskBand): 'low' | 'medium' | 'high' | 'critical' => band;

/** Ranks of issue severities, for sorting (critical first when descending). */
export const SEVERITY_RANK = { low: 1, medium: 2, high: 3, critical: 4 } as const;
export type Severity = keyof typeof SEVERITY_RANK;

export interface RatedRisk {
  probability: number;
  impact: number;
}

/** A 5×5 count matrix: counts[probability − 1][impact − 1]. */
export type RiskMatrix = number[][];

export const emptyMatrix = (): RiskMatrix => Array.from({ length: RATING_MAX }, () => Array<number>(RATING_MAX).fill(0));

/** Counts risks per (probability, impact) cell. Ratings outside 1–5 are an error, not silently dropped. */
export function riskMatrix(risks: Iterable<RatedRisk>): RiskMatrix {
  const m = emptyMatrix();
  for (const r of risks) {
    riskScore(r.probability, r.impact);
    m[r.probability - 1]![r.impact - 1]! += 1;
  }
  return m;
}

/** Builds the matrix from grouped counts (as a GROUP BY answers them). */
export function matrixFromCounts(rows: Iterable<RatedRisk & { count: number }>): RiskMatrix {
  const m = emptyMatrix();
  for (const r of rows) {
    riskScore(r.probability, r.impact);
    m[r.probability - 1]![r.impact - 1]! += r.count;
  }
  return m;
}

/** How many risks of a matrix fall in each band. */
export function bandCounts(m: RiskMatrix): Record<RiskBand, number> {
  const out: Record<RiskBand, number> = { low: 0, medium: 0, high: 0, critical: 0 };
  m.forEach((row, p) => row.forEach((count, i) => (out[bandOf(p + 1, i + 1)] += count)));
  return out;
}
