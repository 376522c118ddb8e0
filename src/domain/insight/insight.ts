/** Market insight arithmetic (pure). */

const ratio = (n: number, d: number) => Math.round((n / d) * 10_000) / 10_000;

/** won ÷ (won + lost); null when nothing closed. */
export function winRate(won: number, lost: number): number | null {
  return won + lost > 0 ? ratio(won, won + lost) : null;
}

/** Our share of a market: booked revenue ÷ market size; null when the size is unknown or zero. */
export function marketShare(booked: number, marketSize: number | null): number | null {
  return marketSize === null || marketSize <= 0 ? null : ratio(booked, marketSize);
}

/** Normalises free-text tags: trimmed, lower-cased, de-duplicated, empty ones dropped, sorted. */
export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0))].sort();
}
