import { dayOf, mondayOnOrBefore, monthStart, nextMonthStart, nextYearStart, yearStart, weekdayOf } from './dates.js';

export type Zoom = 'day' | 'week' | 'month';
export const ZOOMS: readonly Zoom[] = ['day', 'week', 'month'];
export const PX_PER_DAY: Record<Zoom, number> = { day: 28, week: 10, month: 3 };

/** The horizontal axis: which days the timeline spans and how wide a day is. */
export interface TimeScale {
  zoom: Zoom;
  pxPerDay: number;
  /** First day drawn (x = 0). */
  startDay: number;
  /** First day no longer drawn. */
  endDay: number;
  width: number;
}

/**
 * The span to draw for plan dates between firstDay and lastDay (inclusive): some room before and
 * after, aligned to the zoom's unit so that the header starts on a whole week or month.
 */
export function makeScale(zoom: Zoom, firstDay: number, lastDay: number, minWidth = 0): TimeScale {
  const pxPerDay = PX_PER_DAY[zoom];
  let startDay: number;
  let endDay: number;
  if (zoom === 'month') {
    startDay = monthStart(firstDay - 7);
    endDay = nextMonthStart(lastDay + 30);
  } else {
    startDay = mondayOnOrBefore(firstDay - (zoom === 'day' ? 3 : 7));
    endDay = mondayOnOrBefore(lastDay + (zoom === 'day' ? 14 : 35)) + 7;
  }
  // Fill the visible width even for a short plan.
  const minDays = Math.ceil(minWidth / pxPerDay);
  if (endDay - startDay < minDays) endDay = startDay + minDays;
  return { zoom, pxPerDay, startDay, endDay, width: (endDay - startDay) * pxPerDay };
}

export const xOfDay = (scale: TimeScale, day: number) => (day - scale.startDay) * scale.pxPerDay;

/** The day under a pixel of the timeline. */
export const dayAtX = (scale: TimeScale, x: number) => scale.startDay + Math.floor(x / scale.pxPerDay);

/** Days that touch the pixels [x0, x1): [first, end). */
export function daysInView(scale: TimeScale, x0: number, x1: number): [number, number] {
  const first = Math.max(scale.startDay, dayAtX(scale, Math.max(0, x0)));
  const end = Math.min(scale.endDay, dayAtX(scale, Math.max(0, x1)) + 1);
  return [first, end];
}

export interface Tick {
  key: string;
  x: number;
  width: number;
  label: string;
  /** Full date or period, for a tooltip. */
  title: string;
  /** A non-working weekday (day zoom), drawn dimmer. */
  weekend?: boolean;
}

export interface HeaderTiers {
  upper: Tick[];
  lower: Tick[];
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = fmtCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    fmtCache.set(key, f);
  }
  return f;
}
const dateOf = (day: number) => new Date(day * 86_400_000);

/** Periods [start, next) covering [first, end), each cut at nothing (ticks may start before the view). */
function periods(first: number, end: number, startOf: (d: number) => number, next: (d: number) => number): [number, number][] {
  const out: [number, number][] = [];
  for (let s = startOf(first); s < end; ) {
    const n = next(s);
    out.push([s, n]);
    s = n;
  }
  return out;
}

/**
 * The two header rows for the pixels [x0, x1) only (the timeline can be years wide; only what is
 * on screen is drawn). Day zoom: months over days; week: months over weeks; month: years over months.
 */
export function headerTiers(scale: TimeScale, x0: number, x1: number, locale: string): HeaderTiers {
  const [first, end] = daysInView(scale, x0, x1);
  if (end <= first) return { upper: [], lower: [] };
  const tick = (prefix: string, [s, n]: [number, number], label: string, title: string, weekend?: boolean): Tick => ({
    key: `${prefix}${s}`,
    x: xOfDay(scale, s),
    width: (n - s) * scale.pxPerDay,
    label,
    title,
    ...(weekend ? { weekend } : {}),
  });
  const monthYear = fmt(locale, { year: 'numeric', month: 'long' });
  const full = fmt(locale, { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' });
  if (scale.zoom === 'month') {
    const year = fmt(locale, { year: 'numeric' });
    const month = fmt(locale, { month: 'short' });
    return {
      upper: periods(first, end, yearStart, nextYearStart).map((p) => tick('y', p, year.format(dateOf(p[0])), year.format(dateOf(p[0])))),
      lower: periods(first, end, monthStart, nextMonthStart).map((p) => tick('m', p, month.format(dateOf(p[0])), monthYear.format(dateOf(p[0])))),
    };
  }
  const upper = periods(first, end, monthStart, nextMonthStart).map((p) => tick('m', p, monthYear.format(dateOf(p[0])), monthYear.format(dateOf(p[0]))));
  if (scale.zoom === 'week') {
    const short = fmt(locale, { month: 'numeric', day: 'numeric' });
    return { upper, lower: periods(first, end, mondayOnOrBefore, (d) => d + 7).map((p) => tick('w', p, short.format(dateOf(p[0])), full.format(dateOf(p[0])))) };
  }
  const dayNum = fmt(locale, { day: 'numeric' });
  const lower: Tick[] = [];
  for (let d = first; d < end; d++) {
    const wd = weekdayOf(d);
    lower.push(tick('d', [d, d + 1], dayNum.format(dateOf(d)).replace(/\D+$/, ''), full.format(dateOf(d)), wd >= 6));
  }
  return { upper, lower };
}

export interface Bar {
  /** Left edge (task, summary) or centre (milestone). */
  x: number;
  width: number;
}

/**
 * Where a task's bar goes. Finish dates are inclusive, so the bar ends at the end of the finish day.
 * A milestone sits at the end of its day (where Microsoft Project shows it: at its predecessor's finish).
 */
export function barOf(scale: TimeScale, start: string | null, finish: string | null, milestone: boolean): Bar | null {
  if (!start || !finish) return null;
  const s = dayOf(start);
  const f = dayOf(finish);
  if (Number.isNaN(s) || Number.isNaN(f)) return null;
  if (milestone) return { x: xOfDay(scale, f + 1), width: 0 };
  return { x: xOfDay(scale, s), width: Math.max(1, f - s + 1) * scale.pxPerDay };
}

/** The first and last day of a set of plan dates (ignoring missing ones); null when there are none. */
export function spanOf(dates: Iterable<string | null | undefined>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const iso of dates) {
    if (!iso) continue;
    const d = dayOf(iso);
    if (Number.isNaN(d)) continue;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  return lo === Infinity ? null : [lo, hi];
}
