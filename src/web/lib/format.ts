import type { Locale } from './types.js';

/** Minor units (cents, fen) as an amount with two decimals, e.g. 123456 → "1,234.56". */
export function formatMinor(minor: number | null | undefined, locale: Locale): string {
  if (minor === null || minor === undefined) return '—';
  return (minor / 100).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Whole major units, for tables of large sums (the forecast): 33,304,390 rather than 33,304,390.00. */
export function formatMinorWhole(minor: number | null | undefined, locale: Locale): string {
  if (minor === null || minor === undefined) return '—';
  return Math.round(minor / 100).toLocaleString(locale, { maximumFractionDigits: 0 });
}

/** Major units typed in a form back to integer minor units. */
export function toMinor(major: number | null | undefined): number {
  return Math.round((major ?? 0) * 100);
}

export function toMajor(minor: number | null | undefined): number | null {
  return minor === null || minor === undefined ? null : minor / 100;
}

/** An instant in the user's own time zone. */
export function formatInstant(iso: string | null | undefined, locale: Locale, timeZone?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(d);
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
  }
}

/** A plan date (2026-03-02) shown in the user's language without moving it across time zones. */
export function formatPlanDate(date: string, locale: Locale): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

export function initials(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '?';
  const cjk = trimmed.match(/[\u4e00-\u9fff]/);
  if (cjk) return cjk[0];
  const parts = trimmed.split(/\s+/).filter(Boolean);
  return parts
    .slice(0, 2)
    .map((p) => p[0]!.toUpperCase())
    .join('');
}

/** Every IANA time zone the browser knows, for pickers. */
export function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Shanghai', 'UTC'];
  }
}
