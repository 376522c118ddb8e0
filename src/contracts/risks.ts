import { z } from 'zod';
import { Abilities, Id, IsoDate, PageQuery, Version, pageOf } from './common.js';

export const RISK_CATEGORIES = ['technical', 'schedule', 'cost', 'resource', 'scope', 'quality', 'customer', 'supplier', 'legal', 'other'] as const;
export const RISK_RESPONSES = ['avoid', 'mitigate', 'transfer', 'accept', 'escalate'] as const;
export const RISK_STATUSES = ['open', 'monitoring', 'occurred', 'closed'] as const;
/** What a PATCH may set: a risk becomes `occurred` only through POST /risks/:id/occur, which opens its issue. */
export const RISK_EDITABLE_STATUSES = ['open', 'monitoring', 'closed'] as const;
export const RISK_BANDS = ['low', 'medium', 'high', 'critical'] as const;
export const ISSUE_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const ISSUE_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;

export const RiskCategory = z.enum(RISK_CATEGORIES);
export const RiskResponseKind = z.enum(RISK_RESPONSES);
export const RiskStatus = z.enum(RISK_STATUSES);
export const RiskBand = z.enum(RISK_BANDS);
export const IssueSeverity = z.enum(ISSUE_SEVERITIES);
export const IssueStatus = z.enum(ISSUE_STATUSES);

/** A rating of 1 (rare, negligible) to 5 (almost certain, severe). */
export const Rating = z.number({ error: 'A whole number from 1 to 5.' }).int('A whole number from 1 to 5.').min(1, 'At least 1.').max(5, 'At most 5.');
const text = (max: number) => z.string().max(max);

export const RiskResponse = z.object({
  id: Id,
  projectId: Id,
  title: z.string(),
  cause: z.string(),
  category: RiskCategory,
  probability: z.number().int(),
  impact: z.number().int(),
  /** probability × impact, 1–25 */
  score: z.number().int(),
  /** low < 5, medium 5–9, high 10–14, critical ≥ 15 (src/domain/risk/scoring.ts) */
  band: RiskBand,
  /** score ≥ 12: counted by the KPI pm.risk_management */
  highRisk: z.boolean(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  response: RiskResponseKind,
  responsePlan: z.string(),
  trigger: z.string(),
  status: RiskStatus,
  nextReviewDate: IsoDate.nullable(),
  lastReviewedAt: z.string().nullable(),
  /** The issue this risk became when it occurred. */
  issueId: Id.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: Version,
  abilities: Abilities,
});
export type RiskResponse = z.infer<typeof RiskResponse>;

const RiskFields = {
  title: z.string().trim().min(1).max(300),
  cause: text(5000),
  category: RiskCategory,
  probability: Rating,
  impact: Rating,
  ownerId: Id.nullable(),
  response: RiskResponseKind,
  responsePlan: text(10_000),
  trigger: text(2000),
  status: z.enum(RISK_EDITABLE_STATUSES, { error: 'Open, monitoring or closed (a risk occurs through "mark as occurred").' }),
  nextReviewDate: IsoDate.nullable(),
};

export const CreateRiskRequest = z.object({
  ...RiskFields,
  cause: RiskFields.cause.default(''),
  category: RiskCategory.default('other'),
  ownerId: RiskFields.ownerId.default(null),
  response: RiskResponseKind.default('mitigate'),
  responsePlan: RiskFields.responsePlan.default(''),
  trigger: RiskFields.trigger.default(''),
  status: RiskFields.status.default('open'),
  nextReviewDate: RiskFields.nextReviewDate.default(null),
});
export const UpdateRiskRequest = z.object(RiskFields).partial().extend({ version: Version });

const CoercedRating = z.coerce.number().int().min(1).max(5);
export const ListRisksQuery = PageQuery.extend({
  /** One status, or `active` for open and monitoring (what the matrix counts). */
  status: z.union([RiskStatus, z.literal('active')]).optional(),
  minScore: z.coerce.number().int().min(1).max(25).optional(),
  ownerId: Id.optional(),
  probability: CoercedRating.optional(),
  impact: CoercedRating.optional(),
});
/** A page of the register, and whether the caller may add to it. */
export const RiskPage = pageOf(RiskResponse).extend({ abilities: z.object({ create: z.boolean() }) });

/** A review: the ratings as they are now, when to look again, and what was seen. */
export const ReviewRiskRequest = z.object({
  version: Version,
  probability: Rating,
  impact: Rating,
  nextReviewDate: IsoDate.nullable(),
  note: text(5000).default(''),
  status: z.enum(['open', 'monitoring']).optional(),
});
export const RiskReviewResponse = z.object({
  id: Id,
  riskId: Id,
  reviewedBy: Id.nullable(),
  reviewedByName: z.string().nullable(),
  reviewedAt: z.string(),
  note: z.string(),
  probability: z.number().int(),
  impact: z.number().int(),
  score: z.number().int(),
  nextReviewDate: IsoDate.nullable(),
});
export const RiskReviewList = z.object({ items: z.array(RiskReviewResponse) });

export const IssueResponse = z.object({
  id: Id,
  projectId: Id,
  title: z.string(),
  description: z.string(),
  severity: IssueSeverity,
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  resolution: z.string(),
  status: IssueStatus,
  dueDate: IsoDate.nullable(),
  /** The risk this issue came from, when it did. */
  riskId: Id.nullable(),
  riskTitle: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: Version,
  abilities: Abilities,
});
export type IssueResponse = z.infer<typeof IssueResponse>;

const IssueFields = {
  title: z.string().trim().min(1).max(300),
  description: text(10_000),
  severity: IssueSeverity,
  ownerId: Id.nullable(),
  resolution: text(10_000),
  status: IssueStatus,
  dueDate: IsoDate.nullable(),
};
export const CreateIssueRequest = z.object({
  ...IssueFields,
  description: IssueFields.description.default(''),
  severity: IssueSeverity.default('medium'),
  ownerId: IssueFields.ownerId.default(null),
  resolution: IssueFields.resolution.default(''),
  status: IssueStatus.default('open'),
  dueDate: IssueFields.dueDate.default(null),
});
export const UpdateIssueRequest = z.object(IssueFields).partial().extend({ version: Version });

export const ListIssuesQuery = PageQuery.extend({
  status: z.union([IssueStatus, z.literal('unresolved')]).optional(),
  severity: IssueSeverity.optional(),
  ownerId: Id.optional(),
});
export const IssuePage = pageOf(IssueResponse).extend({ abilities: z.object({ create: z.boolean() }) });

/**
 * "It happened": the risk becomes an issue. Every field of the issue is optional; by default it
 * takes the risk's title, cause and owner, and the severity of the risk's band.
 */
export const OccurRiskRequest = z.object({
  version: Version,
  title: IssueFields.title.optional(),
  description: IssueFields.description.optional(),
  severity: IssueSeverity.optional(),
  ownerId: Id.nullable().optional(),
  dueDate: IsoDate.nullable().optional(),
});
export const OccurRiskResponse = z.object({ risk: RiskResponse, issue: IssueResponse });

/** Open and monitoring risks per cell: counts[probability − 1][impact − 1]. */
export const RiskMatrixResponse = z.object({
  counts: z.array(z.array(z.number().int())),
  total: z.number().int(),
  bands: z.object({ low: z.number().int(), medium: z.number().int(), high: z.number().int(), critical: z.number().int() }),
  /** Open and monitoring risks with score ≥ 12. */
  highRisks: z.number().int(),
});
export type RiskMatrixResponse = z.infer<typeof RiskMatrixResponse>;
