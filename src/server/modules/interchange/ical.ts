/**
 * iCalendar (RFC 5545) output for the per-user feed: all-day VEVENTs, TEXT escaping (§3.3.11) and
 * line folding at 75 octets (§3.1) without splitting a UTF-8 sequence. Pure.
 */

export interface FeedEvent {
  uid: string;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day (inclusive), YYYY-MM-DD; DTEND is the day after. */
  end: string;
  summary: string;
  description?: string;
  url?: string;
  categories?: string[];
  /** Instant of the last change (LAST-MODIFIED). */
  lastModified?: string;
}

export interface FeedCalendar {
  name: string;
  /** Instant the feed is made (DTSTAMP of every event). */
  now: Date;
  events: readonly FeedEvent[];
}

/** TEXT value: backslash, semicolon, comma and line breaks escaped; other control characters dropped. */
export function escapeText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

const encoder = new TextEncoder();

/** One content line, folded so that no physical line exceeds 75 octets; lines end with CRLF. */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return `${line}\r\n`;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    if (size + n > limit) {
      parts.push(current);
      current = '';
      size = 0;
      limit = 74; // a continuation line starts with one space
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ') + '\r\n';
}

const compactDate = (d: string) => d.replace(/-/g, '');
function nextDay(date: string): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
const utcStamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export function renderCalendar(cal: FeedCalendar): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Tandem//Delivery plan feed//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  const stamp = utcStamp(cal.now);
  for (const e of cal.events) {
    const end = e.end < e.start ? e.start : e.end;
    lines.push('BEGIN:VEVENT', `UID:${escapeText(e.uid)}`, `DTSTAMP:${stamp}`, `DTSTART;VALUE=DATE:${compactDate(e.start)}`, `DTEND;VALUE=DATE:${compactDate(nextDay(end))}`, `SUMMARY:${escapeText(e.summary)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    if (e.categories?.length) lines.push(`CATEGORIES:${e.categories.map(escapeText).join(',')}`);
    if (e.lastModified) lines.push(`LAST-MODIFIED:${utcStamp(new Date(e.lastModified))}`);
    lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('');
}
