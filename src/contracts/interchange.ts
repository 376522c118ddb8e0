import { z } from 'zod';
import { Id, Instant, IsoDate } from './common.js';
import { ProjectResponse } from './projects.js';

/**
 * Interchange: Microsoft Project XML (MSPDI) import and export, and the per-user iCalendar feed.
 *
 * Import bodies are the raw XML (`application/xml` or `text/xml`, up to 200 MB), streamed into a
 * SAX parser; they have no zod schema. The answer carries the project and what could not be
 * carried over exactly (`warnings`, one per kind, counted, with examples).
 */

export const MSPDI_CONTENT_TYPES = ['application/xml', 'text/xml'] as const;
export const MSPDI_MAX_BYTES = 200 * 1024 * 1024;
export const MSPDI_MAX_TASKS = 200_000;

export const ImportWarning = z.object({
  /** Stable: the web app translates by it (e.g. `rounded_durations`, `resources_unmatched`). */
  code: z.string(),
  /** English text. */
  message: z.string(),
  count: z.number().int(),
  /** A few task, link or resource names it is about. */
  examples: z.array(z.string()),
});
export type ImportWarning = z.infer<typeof ImportWarning>;

/** Query of `POST /projects/import`: overrides for what the file says. */
export const ImportProjectQuery = z.object({
  code: z.string().trim().min(1).max(30).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'Letters, digits, dot, dash and underscore.').optional(),
  name: z.string().trim().min(1).max(200).optional(),
  plannedStart: IsoDate.optional(),
});

export const ImportSummary = z.object({
  tasks: z.number().int(),
  dependencies: z.number().int(),
  assignments: z.number().int(),
  /** People added to the project team because the file assigns them work. */
  membersAdded: z.number().int(),
  baselineTasks: z.number().int(),
  calendarId: Id,
  calendarExceptions: z.number().int(),
});

export const ImportResponse = z.object({
  project: ProjectResponse,
  warnings: z.array(ImportWarning),
  summary: ImportSummary,
});
export type ImportResponse = z.infer<typeof ImportResponse>;

/** Answered once, when the feed is created or its URL replaced: the URL carries the secret. */
export const CalendarFeedCreated = z.object({ url: z.string(), createdAt: Instant });
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreated>;

/** Whether the user has a feed; the URL itself cannot be shown again (only its hash is kept). */
export const CalendarFeedStatus = z.object({ exists: z.boolean(), createdAt: Instant.nullable(), lastUsedAt: Instant.nullable() });
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatus>;
