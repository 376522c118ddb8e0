/**
 * The rules of quality and change control, as pure functions (no I/O) so that they read in one place.
 *
 * Deliverable status:
 *  - created `planned`; the PM moves it between `planned` and `in_review` by editing it, and a
 *    `rejected` one back to `in_review` (or `planned`) when the rework is handed in again;
 *  - `accepted` and `rejected` come only from a review: result `accepted` → accepted;
 *    `rejected` or `needs_changes` → rejected (it goes back for rework);
 *  - an accepted deliverable is final: no more reviews, no status change by editing;
 *  - acceptance needs every acceptance criterion met and no unresolved (open or fixed, i.e. not yet
 *    verified or closed) high or critical defect.
 *
 * Defect status: open → fixed | closed; fixed → verified | closed | open (the fix failed);
 * verified → closed | open; closed → open (re-opened).
 *
 * Change request status: draft → submitted → approved | rejected (the PM's or the PMO's decision);
 * draft or submitted → withdrawn (by the requester or the PM). Only a draft is edited. Decided and
 * withdrawn requests are final.
 */
import type { ChangeRequestStatus, DefectStatus, DeliverableStatus, ReviewResult } from '../../db/tables/quality.js';

export const SEVERITY_RANK = { low: 1, medium: 2, high: 3, critical: 4 } as const;

const DELIVERABLE_EDITS: Record<DeliverableStatus, readonly DeliverableStatus[]> = {
  planned: ['in_review'],
  in_review: ['planned'],
  rejected: ['in_review', 'planned'],
  accepted: [],
};
export const mayEditDeliverableStatus = (from: DeliverableStatus, to: DeliverableStatus) => from === to || DELIVERABLE_EDITS[from].includes(to);

export const statusAfterReview = (result: ReviewResult): DeliverableStatus => (result === 'accepted' ? 'accepted' : 'rejected');
export const mayReview = (status: DeliverableStatus) => status !== 'accepted';

const DEFECT_MOVES: Record<DefectStatus, readonly DefectStatus[]> = {
  open: ['fixed', 'closed'],
  fixed: ['verified', 'closed', 'open'],
  verified: ['closed', 'open'],
  closed: ['open'],
};
export const mayMoveDefect = (from: DefectStatus, to: DefectStatus) => from === to || DEFECT_MOVES[from].includes(to);
/** The moves an assignee may make on their own defect; the rest is the PM's (verification). */
export const isFixMove = (from: DefectStatus, to: DefectStatus) => (from === 'open' && to === 'fixed') || (from === 'fixed' && to === 'open');
export const isResolved = (s: DefectStatus) => s === 'verified' || s === 'closed';

export const mayEditChange = (s: ChangeRequestStatus) => s === 'draft';
export const maySubmitChange = (s: ChangeRequestStatus) => s === 'draft';
export const mayDecideChange = (s: ChangeRequestStatus) => s === 'submitted';
export const mayWithdrawChange = (s: ChangeRequestStatus) => s === 'draft' || s === 'submitted';
export const changeCode = (n: number) => `CR-${n}`;
