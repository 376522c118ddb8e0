import type { WorkloadWeek } from './types.js';

/**
 * How a week of someone's workload is coloured: by allocation (hours ÷ capacity), green up to
 * 100 %, red beyond. A week without capacity (all holidays) is grey when empty and dark red as
 * soon as it holds work.
 */
export type HeatBand = 'off' | 'free' | 'low' | 'medium' | 'full' | 'over' | 'high' | 'extreme';

export const HEAT_BANDS: readonly HeatBand[] = ['free', 'low', 'medium', 'full', 'over', 'high', 'extreme', 'off'];

export const HEAT_STYLE: Record<HeatBand, { background: string; color: string }> = {
  off: { background: 'repeating-linear-gradient(135deg, #f0f0f0 0 4px, #fafafa 4px 8px)', color: 'rgba(0,0,0,0.35)' },
  free: { background: '#fafafa', color: 'rgba(0,0,0,0.35)' },
  low: { background: '#d9f7be', color: 'rgba(0,0,0,0.75)' },
  medium: { background: '#95de64', color: 'rgba(0,0,0,0.8)' },
  full: { background: '#389e0d', color: '#fff' },
  over: { background: '#ff7875', color: 'rgba(0,0,0,0.85)' },
  high: { background: '#f5222d', color: '#fff' },
  extreme: { background: '#a8071a', color: '#fff' },
};

/** Tolerance so that 40 h in a 40 h week is 100 %, not a hair over, whatever the rounding. */
const EPS = 1e-6;

export function heatBand(w: Pick<WorkloadWeek, 'hours' | 'capacityHours' | 'allocation' | 'overAllocated'>): HeatBand {
  if (w.capacityHours <= 0 && w.hours <= 0) return 'off';
  if (w.hours <= 0) return 'free';
  if (w.allocation === null) return 'extreme';
  if (w.allocation <= 0.5 + EPS) return 'low';
  if (w.allocation <= 0.8 + EPS) return 'medium';
  if (!w.overAllocated) return 'full';
  if (w.allocation <= 1.2 + EPS) return 'over';
  if (w.allocation <= 1.5 + EPS) return 'high';
  return 'extreme';
}

export type CellDisplay = 'percent' | 'hours';

/** The text in a cell: the allocation in whole percent, or the hours; '' for an empty week. */
export function cellText(w: Pick<WorkloadWeek, 'hours' | 'allocation'>, display: CellDisplay): string {
  if (w.hours <= 0) return '';
  if (display === 'hours' || w.allocation === null) return formatHours(w.hours);
  return `${Math.round(w.allocation * 100)}%`;
}

/** Hours with at most one decimal (8, 7.5, 0.3). */
export function formatHours(h: number): string {
  const r = Math.round(h * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** ISO 8601 week number of a date (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekNumber(date: string): number {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  d.setUTCDate(d.getUTCDate() - weekday + 3); // the Thursday of this week
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  return 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
}

/** The Monday of the ISO week holding a date, as YYYY-MM-DD. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** A date moved by whole weeks. */
export function addWeeks(date: string, weeks: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 7 * weeks);
  return d.toISOString().slice(0, 10);
}
