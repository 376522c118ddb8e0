/** Sales periods: a kind and its first day (ISO dates, calendar months/quarters/years). */
export type PeriodKind = 'month' | 'quarter' | 'year';

export interface Period {
  kind: PeriodKind;
  /** first day, e.g. 2026-10-01 */
  start: string;
  /** first day of the next period (exclusive end) */
  endExclusive: string;
  /** last day (inclusive), for display and for links with closeTo */
  end: string;
}

const MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, year: 12 };
const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** Whether `start` is a valid first day of a period of `kind` (quarters start in Jan/Apr/Jul/Oct). */
export function isPeriodStart(kind: PeriodKind, start: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  if (!m) return false;
  const month = Number(m[2]);
  if (m[3] !== '01' || month < 1 || month > 12) return false;
  if (kind === 'quarter') return (month - 1) % 3 === 0;
  if (kind === 'year') return month === 1;
  return true;
}

function addMonths(y: number, m: number, months: number): [number, number] {
  const idx = y * 12 + (m - 1) + months;
  return [Math.floor(idx / 12), (idx % 12) + 1];
}

/** The period of `kind` starting on `start`; throws on a start that is not one (callers validate first). */
export function periodOf(kind: PeriodKind, start: string): Period {
  if (!isPeriodStart(kind, start)) throw new RangeError(`${start} does not start a ${kind}.`);
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7));
  const [ny, nm] = addMonths(y, m, MONTHS[kind]);
  const endExclusive = iso(ny, nm, 1);
  const last = new Date(Date.UTC(ny, nm - 1, 1) - 86_400_000);
  return { kind, start, endExclusive, end: last.toISOString().slice(0, 10) };
}

/** The period of `kind` that contains the day `date` (YYYY-MM-DD). */
export function periodContaining(kind: PeriodKind, date: string): Period {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const first = kind === 'year' ? 1 : kind === 'quarter' ? m - ((m - 1) % 3) : m;
  return periodOf(kind, iso(y, first, 1));
}

/** The first days of the `count` months ending with the month of `date`, oldest first. */
export function monthsEndingWith(date: string, count: number): string[] {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const [yy, mm] = addMonths(y, m, -i);
    out.push(iso(yy, mm, 1));
  }
  return out;
}
