import { z } from 'zod';
import { Abilities, Id, IsoDate, PageQuery, Version, pageOf } from './common.js';

export const REPORT_STATUSES = ['draft', 'submitted'] as const;
export const HEALTHS = ['on_track', 'at_risk', 'off_track'] as const;
export const ReportStatus = z.enum(REPORT_STATUSES);
export const Health = z.enum(HEALTHS);

/** The figures drafted from the data at the report date; stored, so the history never changes. */
export const ReportSnapshot = z.object({
  reportDate: IsoDate,
  percentComplete: z.number(),
  currency: z.string(),
  earnedValue: z.object({
    bac: z.number(),
    pv: z.number(),
    ev: z.number(),
    ac: z.number(),
    sv: z.number(),
    cv: z.number(),
    spi: z.number().nullable(),
    cpi: z.number().nullable(),
    bacSource: z.enum(['baseline', 'budget']),
  }),
  /** Milestones finished in the two weeks before the report date. */
  milestonesDone: z.array(z.object({ id: Id, name: z.string(), date: IsoDate.nullable() })),
  /** Milestones not finished that fall due in the next two weeks, or are already late. */
  milestonesDue: z.array(z.object({ id: Id, name: z.string(), date: IsoDate.nullable(), percentComplete: z.number(), late: z.boolean() })),
  topRisks: z.array(z.object({ id: Id, title: z.string(), score: z.number().int(), probability: z.number().int(), impact: z.number().int(), status: z.string(), ownerName: z.string().nullable(), responsePlan: z.string() })),
  openIssues: z.array(z.object({ id: Id, title: z.string(), severity: z.string(), status: z.string(), ownerName: z.string().nullable(), dueDate: IsoDate.nullable() })),
  openIssueCount: z.number().int(),
});
export type ReportSnapshot = z.infer<typeof ReportSnapshot>;

export const StatusReportResponse = z.object({
  id: Id,
  projectId: Id,
  /** The Monday of the reported week. */
  weekOf: IsoDate,
  reportDate: IsoDate,
  status: ReportStatus,
  health: Health,
  summary: z.string(),
  accomplishments: z.string(),
  nextSteps: z.string(),
  snapshot: ReportSnapshot,
  createdBy: Id.nullable(),
  createdByName: z.string().nullable(),
  submittedBy: Id.nullable(),
  submittedByName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: Version,
  abilities: Abilities,
});
export type StatusReportResponse = z.infer<typeof StatusReportResponse>;

/** Draft the report of the week a date falls in (default: this week, in the caller's time zone). */
export const DraftStatusReportQuery = z.object({ weekOf: IsoDate.optional() });
export const UpdateStatusReportRequest = z.object({
  version: Version,
  health: Health.optional(),
  summary: z.string().max(20_000).optional(),
  accomplishments: z.string().max(20_000).optional(),
  nextSteps: z.string().max(20_000).optional(),
});
export const SubmitStatusReportRequest = z.object({ version: Version });
export const ListStatusReportsQuery = PageQuery.extend({ status: ReportStatus.optional() });
export const StatusReportPage = pageOf(StatusReportResponse).extend({
  /** may draft; and the Monday of this week, with the id of its report when there is one */
  abilities: z.object({ create: z.boolean() }),
  thisWeek: IsoDate,
  thisWeekReportId: Id.nullable(),
});
