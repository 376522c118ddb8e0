import { civilFromDay, dayFromCivil, formatIsoDate, isoWeekday, parseIsoDate } from '../schedule/calendar.js';

export type Quadrant = 'manage_closely' | 'keep_satisfied' | 'keep_informed' | 'monitor';
export type Frequency = 'once' | 'weekly' | 'biweekly' | 'monthly' | 'quarterly';

/** Mendelow's power/interest grid: 3 and above counts as high on the 1–5 scales. */
export const HIGH_RATING = 3;

export function quadrantOf(influence: number, interest: number): Quadrant {
  const power = influence >= HIGH_RATING;
  const keen = interest >= HIGH_RATING;
  if (power && keen) return 'manage_closely';
  if (power) return 'keep_satisfied';
  if (keen) return 'keep_informed';
  return 'monitor';
}

export function addDays(date: string, days: number): string {
  return formatIsoDate(parseIsoDate(date) + days);
}

/** Adds calendar months, keeping the day of the month where it exists (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = civilFromDay(parseIsoDate(date));
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = civilFromDay(dayFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - 1)[2];
  return formatIsoDate(dayFromCivil(year, month, Math.min(d, last)));
}

/** One period of a frequency after a date; null for a one-off. */
export function nextOccurrence(date: string, frequency: Frequency): string | null {
  switch (frequency) {
    case 'once':
      return null;
    case 'weekly':
      return addDays(date, 7);
    case 'biweekly':
      return addDays(date, 14);
    case 'monthly':
      return addMonths(date, 1);
    case 'quarterly':
      return addMonths(date, 3);
  }
}

/**
 * After "done" on `doneOn`: the next due date moves on by the frequency from the one that was due,
 * as many periods as it takes to pass the day it was done (a long-overdue weekly item does not fall
 * due again at once). A one-off item is then finished (null). Without a due date, one period after
 * the day it was done.
 */
export function advanceDue(due: string | null, frequency: Frequency, doneOn: string): string | null {
  let next = nextOccurrence(due ?? doneOn, frequency);
  while (next !== null && next <= doneOn) next = nextOccurrence(next, frequency);
  return next;
}

/** The Monday of the ISO week a date falls in. */
export function weekStart(date: string): string {
  const day = parseIsoDate(date);
  return formatIsoDate(day - (isoWeekday(day) - 1));
}
