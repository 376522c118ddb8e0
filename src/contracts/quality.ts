import { z } from 'zod';
import { Abilities, Id, IsoDate, PageQuery, Version, pageOf } from './common.js';

export const DELIVERABLE_STATUSES = ['planned', 'in_review', 'accepted', 'rejected'] as const;
/** What a PATCH may set: `accepted` and `rejected` come only from a review. */
export const DELIVERABLE_EDITABLE_STATUSES = ['planned', 'in_review'] as const;
export const REVIEW_RESULTS = ['accepted', 'rejected', 'needs_changes'] as const;
export const DEFECT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const DEFECT_STATUSES = ['open', 'fixed', 'verified', 'closed'] as const;
/** Defects in these states still count against a deliverable: not yet verified or closed. */
export const UNRESOLVED_DEFECT_STATUSES = ['open', 'fixed'] as const;
export const CHANGE_REQUEST_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'withdrawn'] as const;

export const DeliverableStatus = z.enum(DELIVERABLE_STATUSES);
export const ReviewResult = z.enum(REVIEW_RESULTS);
export const DefectSeverity = z.enum(DEFECT_SEVERITIES);
export const DefectStatus = z.enum(DEFECT_STATUSES);
export const ChangeRequestStatus = z.enum(CHANGE_REQUEST_STATUSES);

const text = (max: number) => z.string().max(max);
const title = z.string().trim().min(1).max(300);

// ---- deliverables ----

export const Criterion = z.object({ id: Id, text: z.string(), met: z.boolean() });
/** A criterion as written: an existing one keeps its id; a new one has none yet. */
export const CriterionInput = z.object({ id: Id.optional(), text: z.string().trim().min(1).max(1000), met: z.boolean().default(false) });

export const DeliverableResponse = z.object({
  id: Id,
  projectId: Id,
  name: z.string(),
  description: z.string(),
  criteria: z.array(Criterion),
  criteriaMet: z.number().int(),
  criteriaTotal: z.number().int(),
  taskId: Id.nullable(),
  taskName: z.string().nullable(),
  dueDate: IsoDate,
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  status: DeliverableStatus,
  acceptedAt: z.string().nullable(),
  lastReviewedAt: z.string().nullable(),
  /** Defects not yet verified or closed. */
  openDefects: z.number().int(),
  /** Of those, high or critical: they block acceptance. */
  blockingDefects: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: Version,
  abilities: Abilities,
});
export type DeliverableResponse = z.infer<typeof DeliverableResponse>;

const DeliverableFields = {
  name: title,
  description: text(10_000),
  criteria: z.array(CriterionInput).max(100),
  taskId: Id.nullable(),
  dueDate: IsoDate,
  ownerId: Id.nullable(),
  status: z.enum(DELIVERABLE_EDITABLE_STATUSES, { error: 'Planned or in review (accepted and rejected come from a review).' }),
};
export const CreateDeliverableRequest = z.object({
  ...DeliverableFields,
  description: DeliverableFields.description.default(''),
  criteria: DeliverableFields.criteria.default([]),
  taskId: DeliverableFields.taskId.default(null),
  ownerId: DeliverableFields.ownerId.default(null),
  status: DeliverableFields.status.default('planned'),
});
export const UpdateDeliverableRequest = z.object(DeliverableFields).partial().extend({ version: Version });

export const ListDeliverablesQuery = PageQuery.extend({ status: DeliverableStatus.optional() });
export const DeliverablePage = pageOf(DeliverableResponse).extend({ abilities: z.object({ create: z.boolean() }) });

// ---- reviews ----

export const NewDefect = z.object({
  title,
  description: text(10_000).default(''),
  severity: DefectSeverity.default('medium'),
  assigneeId: Id.nullable().default(null),
});

/**
 * A review of a deliverable. The reviewer is the caller unless the project manager names a team
 * member. `metCriteria` (ids), when given, is what the reviewer found met; the others are unmet.
 * Defects found in the review are logged with it, in the same transaction.
 */
export const ReviewDeliverableRequest = z.object({
  version: Version,
  result: ReviewResult,
  reviewerId: Id.optional(),
  reviewDate: IsoDate.optional(),
  comments: text(10_000).default(''),
  metCriteria: z.array(Id).max(100).optional(),
  defects: z.array(NewDefect).max(50).default([]),
});
export const DeliverableReviewResponse = z.object({
  id: Id,
  deliverableId: Id,
  reviewerId: Id,
  reviewerName: z.string().nullable(),
  reviewDate: IsoDate,
  result: ReviewResult,
  comments: z.string(),
  firstReview: z.boolean(),
  createdAt: z.string(),
});
export const DeliverableReviewList = z.object({ items: z.array(DeliverableReviewResponse) });

// ---- defects ----

export const DefectResponse = z.object({
  id: Id,
  projectId: Id,
  deliverableId: Id,
  deliverableName: z.string().nullable(),
  reviewId: Id.nullable(),
  title: z.string(),
  description: z.string(),
  severity: DefectSeverity,
  status: DefectStatus,
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  foundBy: Id.nullable(),
  foundByName: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: Version,
  abilities: Abilities,
});
export type DefectResponse = z.infer<typeof DefectResponse>;

export const ReviewDeliverableResponse = z.object({ deliverable: DeliverableResponse, review: DeliverableReviewResponse, defects: z.array(DefectResponse) });

export const CreateDefectRequest = NewDefect;
export const UpdateDefectRequest = z
  .object({ title, description: text(10_000), severity: DefectSeverity, status: DefectStatus, assigneeId: Id.nullable() })
  .partial()
  .extend({ version: Version });

export const ListDefectsQuery = PageQuery.extend({
  /** One status, or `unresolved` for open and fixed (what blocks acceptance). */
  status: z.union([DefectStatus, z.literal('unresolved')]).optional(),
  severity: DefectSeverity.optional(),
  deliverableId: Id.optional(),
});
export const DefectPage = pageOf(DefectResponse);

// ---- change requests ----

const amount = z.number().int('Whole minor units (cents, fen).').min(-1e13).max(1e13);

export const ChangeRequestResponse = z.object({
  id: Id,
  projectId: Id,
  number: z.number().int(),
  /** CR-1, CR-2 … per project */
  code: z.string(),
  title: z.string(),
  description: z.string(),
  requestedBy: Id,
  requestedByName: z.string().nullable(),
  scopeImpact: z.string(),
  scheduleImpactDays: z.number().int(),
  /** minor units of `currency` (the project's) */
  costImpact: z.number().int(),
  currency: z.string(),
  amendmentRef: z.string().nullable(),
  status: ChangeRequestStatus,
  submittedAt: z.string().nullable(),
  decidedBy: Id.nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionDate: IsoDate.nullable(),
  decisionNote: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: Version,
  abilities: Abilities,
});
export type ChangeRequestResponse = z.infer<typeof ChangeRequestResponse>;

const ChangeFields = {
  title,
  description: text(10_000),
  scopeImpact: text(10_000),
  scheduleImpactDays: z.number().int('A whole number of days.').min(-3650).max(3650),
  costImpact: amount,
  amendmentRef: z.string().trim().max(200).nullable(),
};
export const CreateChangeRequestRequest = z.object({
  ...ChangeFields,
  description: ChangeFields.description.default(''),
  scopeImpact: ChangeFields.scopeImpact.default(''),
  scheduleImpactDays: ChangeFields.scheduleImpactDays.default(0),
  costImpact: ChangeFields.costImpact.default(0),
  amendmentRef: ChangeFields.amendmentRef.default(null),
  /** Raise it already submitted. */
  submit: z.boolean().default(false),
});
export const UpdateChangeRequestRequest = z.object(ChangeFields).partial().extend({ version: Version });
export const ChangeRequestActionRequest = z.object({ version: Version });
export const DecideChangeRequestRequest = z.object({
  version: Version,
  decision: z.enum(['approved', 'rejected']),
  /** Required to reject: say why. */
  note: text(10_000).default(''),
  /** The day it was decided (defaults to today in the decider's time zone). */
  decisionDate: IsoDate.optional(),
});
export const ListChangeRequestsQuery = PageQuery.extend({ status: ChangeRequestStatus.optional() });
export const ChangeRequestPage = pageOf(ChangeRequestResponse).extend({ abilities: z.object({ create: z.boolean() }) });
