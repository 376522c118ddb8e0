/** Wire types of the quality and change-request API, inferred from the shared contracts (types only: no zod in the bundle). */
import type { z } from 'zod';
import type {
  ChangeRequestPage as ChangeRequestPageSchema,
  ChangeRequestResponse,
  CreateChangeRequestRequest,
  CreateDefectRequest,
  CreateDeliverableRequest,
  DecideChangeRequestRequest,
  DefectPage as DefectPageSchema,
  DefectResponse,
  DeliverablePage as DeliverablePageSchema,
  DeliverableResponse,
  DeliverableReviewResponse,
  ReviewDeliverableRequest,
  ReviewDeliverableResponse,
  UpdateChangeRequestRequest,
  UpdateDefectRequest,
  UpdateDeliverableRequest,
} from '../../../../contracts/quality.js';

export type Deliverable = z.infer<typeof DeliverableResponse>;
export type DeliverablePage = z.infer<typeof DeliverablePageSchema>;
export type CreateDeliverable = z.input<typeof CreateDeliverableRequest>;
export type UpdateDeliverable = z.input<typeof UpdateDeliverableRequest>;
export type DeliverableReview = z.infer<typeof DeliverableReviewResponse>;
export type ReviewDeliverable = z.input<typeof ReviewDeliverableRequest>;
export type Reviewed = z.infer<typeof ReviewDeliverableResponse>;
export type Defect = z.infer<typeof DefectResponse>;
export type DefectPage = z.infer<typeof DefectPageSchema>;
export type CreateDefect = z.input<typeof CreateDefectRequest>;
export type UpdateDefect = z.input<typeof UpdateDefectRequest>;
export type ChangeRequest = z.infer<typeof ChangeRequestResponse>;
export type ChangeRequestPage = z.infer<typeof ChangeRequestPageSchema>;
export type CreateChangeRequest = z.input<typeof CreateChangeRequestRequest>;
export type UpdateChangeRequest = z.input<typeof UpdateChangeRequestRequest>;
export type DecideChangeRequest = z.input<typeof DecideChangeRequestRequest>;

export type DeliverableStatus = Deliverable['status'];
export type ReviewResult = DeliverableReview['result'];
export type DefectSeverity = Defect['severity'];
export type DefectStatus = Defect['status'];
export type ChangeRequestStatus = ChangeRequest['status'];

/** The same lists as the contracts, as values (checked against them in types.test.ts). */
export const DELIVERABLE_STATUS_LIST: readonly DeliverableStatus[] = ['planned', 'in_review', 'accepted', 'rejected'];
export const REVIEW_RESULT_LIST: readonly ReviewResult[] = ['accepted', 'rejected', 'needs_changes'];
export const DEFECT_SEVERITY_LIST: readonly DefectSeverity[] = ['low', 'medium', 'high', 'critical'];
export const DEFECT_STATUS_LIST: readonly DefectStatus[] = ['open', 'fixed', 'verified', 'closed'];
export const CHANGE_REQUEST_STATUS_LIST: readonly ChangeRequestStatus[] = ['draft', 'submitted', 'approved', 'rejected', 'withdrawn'];

/** Where a defect may go from each status (the server's rules, src/server/modules/quality/quality.rules.ts). */
export const DEFECT_MOVES: Record<DefectStatus, readonly DefectStatus[]> = {
  open: ['fixed', 'closed'],
  fixed: ['verified', 'closed', 'open'],
  verified: ['closed', 'open'],
  closed: ['open'],
};
/** Where editing may move a deliverable (accepted and rejected come from reviews). */
export const DELIVERABLE_EDIT_MOVES: Record<DeliverableStatus, readonly DeliverableStatus[]> = {
  planned: ['in_review'],
  in_review: ['planned'],
  rejected: ['in_review', 'planned'],
  accepted: [],
};
