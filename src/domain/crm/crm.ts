/** Pure rules of the crm area: contact cadence, the day windows of "my day", conversion defaults. */

export const DAY_MS = 86_400_000;
/** When an organisation has no sales settings row yet. */
export const FALLBACK_CADENCE_DAYS = 30;
/** An opportunity opened from a lead without a timeline closes this many days out. */
export const DEFAULT_CLOSE_DAYS = 90;

/** The account's own cadence, else the organisation's default, else 30 days. */
export function effectiveCadence(accountCadence: number | null | undefined, orgDefault: number | null | undefined): number {
  if (accountCadence && accountCadence > 0) return accountCadence;
  if (orgDefault && orgDefault > 0) return orgDefault;
  return FALLBACK_CADENCE_DAYS;
}

/** When the account is next due for contact: the last contact (or, never contacted, its creation) plus the cadence. */
export function nextContactDue(lastActivityAt: string | null, createdAt: string, cadenceDays: number): string {
  const from = Date.parse(lastActivityAt ?? createdAt);
  return new Date(from + cadenceDays * DAY_MS).toISOString();
}

/** The later of two instants (a done activity logged late never moves the last contact back). */
export function laterInstant(a: string | null, b: string): string {
  if (!a) return b;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** 'YYYY-MM-DD' plus n days. */
export function addDaysToDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function localParts(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour') % 24, mi: get('minute'), s: get('second') };
}

/** How far ahead of UTC the zone's wall clock is at `at`, in ms. */
function offsetAt(at: number, timeZone: string): number {
  const p = localParts(new Date(at), timeZone);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s) - Math.floor(at / 1000) * 1000;
}

/** The UTC instant of midnight starting `date` in the zone. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const guess = Date.parse(`${date}T00:00:00Z`);
  let t = guess - offsetAt(guess, timeZone);
  t = guess - offsetAt(t, timeZone);
  return new Date(t);
}

export interface DayWindows {
  /** the user's calendar date */
  today: string;
  /** start of today, as a UTC ISO instant */
  startOfToday: string;
  /** start of tomorrow */
  startOfTomorrow: string;
  /** start of the day a week after today: "upcoming" ends there */
  endOfWeek: string;
}

/** The windows of "my day" for a user in `timeZone`: overdue < today ≤ due today < tomorrow ≤ upcoming < +7 days. */
export function dayWindows(now: Date, timeZone: string): DayWindows {
  const p = localParts(now, timeZone);
  const today = `${String(p.y).padStart(4, '0')}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
  return {
    today,
    startOfToday: startOfLocalDay(today, timeZone).toISOString(),
    startOfTomorrow: startOfLocalDay(addDaysToDate(today, 1), timeZone).toISOString(),
    endOfWeek: startOfLocalDay(addDaysToDate(today, 8), timeZone).toISOString(),
  };
}

/** The close date of an opportunity opened from a lead: its timeline, else 90 days from today. */
export function conversionCloseDate(timelineDate: string | null, today: string): string {
  return timelineDate ?? addDaysToDate(today, DEFAULT_CLOSE_DAYS);
}
