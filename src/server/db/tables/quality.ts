/** Kysely row types of the quality tables (see migrations/20261127600000_quality.ts). */
interface Row {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export type DeliverableStatus = 'planned' | 'in_review' | 'accepted' | 'rejected';
export type ReviewResult = 'accepted' | 'rejected' | 'needs_changes';
export type DefectSeverity = 'low' | 'medium' | 'high' | 'critical';
export type DefectStatus = 'open' | 'fixed' | 'verified' | 'closed';
export type ChangeRequestStatus = 'draft' | 'submitted' | 'approved' | 'rejected' | 'withdrawn';

export interface DeliverableTable extends Row {
  project_id: string;
  name: string;
  description: string;
  /** JSON array of { id, text, met } */
  criteria: string;
  task_id: string | null;
  due_date: string;
  owner_id: string | null;
  status: DeliverableStatus;
  accepted_at: string | null;
  last_reviewed_at: string | null;
}

export interface DeliverableReviewTable extends Row {
  project_id: string;
  deliverable_id: string;
  reviewer_id: string;
  review_date: string;
  result: ReviewResult;
  comments: string;
  first_review: 0 | 1;
}

export interface DefectTable extends Row {
  project_id: string;
  deliverable_id: string;
  review_id: string | null;
  title: string;
  description: string;
  severity: DefectSeverity;
  severity_rank: number;
  status: DefectStatus;
  assignee_id: string | null;
  found_by: string | null;
  resolved_at: string | null;
}

export interface ChangeRequestTable extends Row {
  project_id: string;
  number: number;
  title: string;
  description: string;
  requested_by: string;
  scope_impact: string;
  schedule_impact_days: number;
  cost_impact: number;
  currency: string;
  amendment_ref: string | null;
  status: ChangeRequestStatus;
  submitted_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_date: string | null;
  decision_note: string;
}

export interface ChangeRequestCounterTable extends Row {
  project_id: string;
  last_number: number;
}

export interface QualityTables {
  deliverables: DeliverableTable;
  deliverable_reviews: DeliverableReviewTable;
  defects: DefectTable;
  change_requests: ChangeRequestTable;
  change_request_counters: ChangeRequestCounterTable;
}
