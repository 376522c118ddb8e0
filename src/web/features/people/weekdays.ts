import type { Locale } from '../../lib/types.js';

/** Monday … Sunday (ISO weekdays 1–7) in the user's language, from the browser's own data. */
export function weekdayNames(locale: Locale, width: 'long' | 'short' = 'short'): string[] {
  const fmt = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => fmt.format(new Date(Date.UTC(2024, 0, 1 + i))));
}
