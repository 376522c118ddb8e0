/**
 * MSPDI's value formats: ISO 8601 durations (`PT8H0M0S`), local instants (`2014-10-17T08:00:00`),
 * times of day (`08:00:00`), booleans (`0`/`1`) and the duration-format codes of lags.
 */

const DURATION = /^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Minutes of an ISO 8601 duration as MSPDI writes them (`PT8H0M0S`, `PT4H30M0S`, `-PT8H0M0S`).
 * Days count 24 hours, as the lexical form means (Microsoft Project itself writes hours only).
 * `null` for text that is not a duration.
 */
export function parseDurationMinutes(text: string | null | undefined): number | null {
  if (text == null) return null;
  const m = DURATION.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) return null;
  const n = (i: number) => (m[i] ? Number(m[i]) : 0);
  const minutes = n(2) * 365 * 1440 + n(3) * 30 * 1440 + n(4) * 7 * 1440 + n(5) * 1440 + n(6) * 60 + n(7) + n(8) / 60;
  return m[1] ? -minutes : minutes;
}

/** `PT#H#M#S` for a number of minutes (fractions of a minute become seconds). */
export function formatDurationMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  let total = Math.round(Math.abs(minutes) * 60);
  const h = Math.floor(total / 3600);
  total -= h * 3600;
  const m = Math.floor(total / 60);
  const s = total - m * 60;
  return `${sign}PT${h}H${m}M${s}S`;
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** Date and minutes after midnight of an MSPDI instant; `null` when it is not one. */
export function splitInstant(text: string | null | undefined): { date: string; minutes: number } | null {
  if (text == null) return null;
  const m = INSTANT.exec(text.trim());
  if (!m) return null;
  const hours = m[2] ? Number(m[2]) : 0;
  const minutes = m[3] ? Number(m[3]) : 0;
  const seconds = m[4] ? Number(m[4]) : 0;
  if (hours > 24 || minutes > 59 || seconds > 59) return null;
  return { date: m[1], minutes: hours * 60 + minutes + seconds / 60 };
}

/** Minutes after midnight of `HH:MM:SS`; 24:00:00 (and 00:00:00 as an end) are the end of the day. */
export function parseTimeOfDay(text: string | null | undefined): number | null {
  if (text == null) return null;
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(text.trim());
  if (!m) return null;
  const v = Number(m[1]) * 60 + Number(m[2]) + (m[3] ? Number(m[3]) / 60 : 0);
  return v > 1440 ? null : v;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `HH:MM:SS` of minutes after midnight (1440 is written as 24:00:00, as Microsoft Project does). */
export function formatTimeOfDay(minutes: number): string {
  const total = Math.round(minutes * 60);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total - h * 3600) / 60);
  const s = total - h * 3600 - m * 60;
  return `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

/** `YYYY-MM-DDTHH:MM:SS`. */
export function formatInstant(date: string, minutes: number): string {
  return `${date}T${formatTimeOfDay(minutes)}`;
}

export function parseBool(text: string | null | undefined): boolean | null {
  if (text == null) return null;
  const t = text.trim().toLowerCase();
  if (t === '1' || t === 'true') return true;
  if (t === '0' || t === 'false') return false;
  return null;
}

export function parseNumber(text: string | null | undefined): number | null {
  if (text == null) return null;
  const t = text.trim();
  if (t === '') return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/**
 * Duration formats of MSPDI (`LagFormat`, `DurationFormat`): 3 m, 4 em, 5 h, 6 eh, 7 d, 8 ed, 9 w,
 * 10 ew, 11 mo, 12 emo, 19 %, 20 e%, 21 null, and the same + 32 for estimated (`3d?`) values.
 */
export function isElapsedFormat(format: number | null): boolean {
  if (format == null) return false;
  const f = format >= 35 ? format - 32 : format;
  return f === 4 || f === 6 || f === 8 || f === 10 || f === 12 || f === 20;
}

export function isPercentFormat(format: number | null): boolean {
  if (format == null) return false;
  const f = format >= 35 ? format - 32 : format;
  return f === 19 || f === 20;
}
