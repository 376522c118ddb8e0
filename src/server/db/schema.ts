import type { ClosingTables } from './tables/closing.js';
import type { SalesTables } from './tables/sales.js';
import type { SalesContractsTables } from './tables/sales-contracts.js';
import type { SalesCrmTables } from './tables/sales-crm.js';
import type { SalesDealsTables } from './tables/sales-deals.js';
import type { SalesImportTables } from './tables/sales-import.js';
import type { SalesInsightTables } from './tables/sales-insight.js';
import type { EngagementTables } from './tables/engagement.js';
import type { QualityTables } from './tables/quality.js';
/**
 * Table types as Kysely sees them. Conventions (docs/decisions/001-storage-conventions.md):
 * ids are UUIDv7 strings, instants are UTC ISO-8601 strings, plan dates are 'YYYY-MM-DD',
 * booleans are 0/1 integers, money is an integer in minor units, JSON is stored as text.
 */
export type Bool01 = 0 | 1;

interface Row {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export type JobRole = 'sales' | 'project_manager' | 'delivery' | 'executive' | 'admin';
export type Role = 'admin' | 'executive' | 'sales_manager' | 'sales_rep' | 'pmo' | 'project_manager' | 'team_member';
export type UserStatus = 'active' | 'invited' | 'disabled';
export type TeamKind = 'sales' | 'delivery';

export interface OrganisationTable extends Row {
  name: string;
  currency: string;
  default_locale: string;
  default_time_zone: string;
}

export interface UserTable extends Row {
  email: string;
  name: string;
  password_hash: string | null;
  status: UserStatus;
  job_role: JobRole;
  manager_id: string | null;
  team_id: string | null;
  calendar_id: string | null;
  cost_rate: number;
  bill_rate: number;
  weekly_capacity_hours: number;
  locale: string;
  time_zone: string;
  failed_sign_ins: number;
  locked_until: string | null;
  last_sign_in_at: string | null;
}

export interface UserRoleTable extends Row {
  user_id: string;
  role: Role;
}

export interface UserRateTable extends Row {
  user_id: string;
  effective_from: string;
  cost_rate: number;
  bill_rate: number;
}

export interface TeamTable extends Row {
  name: string;
  kind: TeamKind;
  manager_id: string | null;
  parent_id: string | null;
}

/** Transitive closure of the team tree: every (ancestor, descendant) pair, depth 0 included. */
export interface TeamClosureTable extends Row {
  ancestor_id: string;
  descendant_id: string;
  depth: number;
}

export interface CalendarTable extends Row {
  name: string;
  /** ISO weekdays that are working days, e.g. '1,2,3,4,5' (Monday = 1). */
  working_days: string;
  hours_per_day: number;
  is_default: Bool01;
}

export interface CalendarExceptionTable extends Row {
  calendar_id: string;
  date: string;
  name: string;
  working: Bool01;
}

export interface SessionTable extends Row {
  user_id: string;
  token_hash: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface InvitationTable extends Row {
  user_id: string;
  token_hash: string;
  expires_at: string;
  accepted_at: string | null;
}

export interface AuditEventTable {
  id: string;
  /** null only for a failed sign-in with an email no organisation knows. */
  org_id: string | null;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  /** JSON: { field: [before, after] } for writes, details for sign-in events. */
  changes: string | null;
  ip: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface RecordShareTable extends Row {
  entity_type: string;
  entity_id: string;
  user_id: string;
  access: 'read' | 'edit';
}

export interface MailOutboxTable extends Row {
  to_address: string;
  subject: string;
  body: string;
  sent_at: string | null;
}

export type ProjectStatus = 'proposed' | 'planning' | 'executing' | 'closing' | 'closed' | 'on_hold' | 'cancelled';
export type ProjectHealth = 'on_track' | 'at_risk' | 'off_track';

export interface ProjectTable extends Row {
  code: string;
  name: string;
  account_id: string | null;
  source_contract_id: string | null;
  manager_id: string;
  sponsor: string | null;
  goals: string;
  scope_in: string;
  scope_out: string;
  status: ProjectStatus;
  health: ProjectHealth;
  planned_start: string;
  calendar_id: string | null;
  budget_labour: number;
  budget_expenses: number;
  currency: string;
  industry: string | null;
  /** JSON array of strings */
  tags: string;
  planned_finish: string | null;
  percent_complete: number;
}

export interface ProjectMemberTable extends Row {
  project_id: string;
  user_id: string;
  project_role: 'project_manager' | 'lead' | 'member' | 'reviewer' | 'stakeholder';
  allocation_pct: number;
  from_date: string | null;
  to_date: string | null;
}

export type ConstraintType = 'ASAP' | 'SNET' | 'SNLT' | 'FNET' | 'FNLT' | 'MSO' | 'MFO';
export type LinkType = 'FS' | 'SS' | 'FF' | 'SF';

export interface TaskTable extends Row {
  project_id: string;
  parent_id: string | null;
  position: number;
  wbs: string;
  name: string;
  /** 'task' or 'milestone' as entered; a task with children is shown as a summary */
  kind: 'task' | 'milestone';
  duration_days: number;
  constraint_type: ConstraintType;
  constraint_date: string | null;
  estimated_hours: number | null;
  status: 'not_started' | 'in_progress' | 'done' | 'blocked';
  percent_complete: number;
  actual_start: string | null;
  actual_finish: string | null;
  deliverable: string | null;
  early_start: string | null;
  early_finish: string | null;
  late_start: string | null;
  late_finish: string | null;
  total_float: number | null;
  free_float: number | null;
  critical: Bool01;
  /** Place on the scheduler's critical path (1-based), null when off it. */
  critical_order: number | null;
}

export interface TaskAssignmentTable extends Row {
  project_id: string;
  task_id: string;
  user_id: string;
  units: number;
}

export interface DependencyTable extends Row {
  project_id: string;
  predecessor_id: string;
  successor_id: string;
  type: LinkType;
  lag_days: number;
}

export interface BaselineTable extends Row {
  project_id: string;
  name: string;
  taken_by: string | null;
}

export interface BaselineTaskTable extends Row {
  baseline_id: string;
  task_id: string;
  start: string | null;
  finish: string | null;
  duration_days: number;
  work_hours: number;
  cost: number;
}

// --- Risk and issue register (migration 20261127200000_risks) ---
export type RiskCategory = 'technical' | 'schedule' | 'cost' | 'resource' | 'scope' | 'quality' | 'customer' | 'supplier' | 'legal' | 'other';
export type RiskResponseKind = 'avoid' | 'mitigate' | 'transfer' | 'accept' | 'escalate';
export type RiskStatus = 'open' | 'monitoring' | 'occurred' | 'closed';
export type IssueSeverity = 'low' | 'medium' | 'high' | 'critical';
export type IssueStatus = 'open' | 'in_progress' | 'resolved' | 'closed';

export interface RiskTable extends Row {
  project_id: string;
  title: string;
  cause: string;
  category: RiskCategory;
  probability: number;
  impact: number;
  /** probability × impact, stored for sorting and filtering */
  score: number;
  owner_id: string | null;
  response: RiskResponseKind;
  response_plan: string;
  trigger_condition: string;
  status: RiskStatus;
  next_review_date: string | null;
  last_reviewed_at: string | null;
  issue_id: string | null;
}

export interface IssueTable extends Row {
  project_id: string;
  title: string;
  description: string;
  severity: IssueSeverity;
  /** low 1 … critical 4 */
  severity_rank: number;
  owner_id: string | null;
  resolution: string;
  status: IssueStatus;
  due_date: string | null;
  risk_id: string | null;
  resolved_at: string | null;
}

export interface RiskReviewTable extends Row {
  project_id: string;
  risk_id: string;
  reviewed_by: string | null;
  reviewed_at: string;
  note: string;
  probability: number;
  impact: number;
  score: number;
  next_review_date: string | null;
}

// --- Timesheets and expenses (migration 20261127500000_time_cost) ---
export type TimesheetStatus = 'draft' | 'submitted' | 'approved' | 'rejected';
export type ExpenseStatus = 'submitted' | 'approved' | 'rejected';

export interface TimesheetEntryTable extends Row {
  user_id: string;
  project_id: string;
  task_id: string;
  date: string;
  hours: number;
  billable: Bool01;
  note: string;
  status: TimesheetStatus;
  approved_by: string | null;
  approved_at: string | null;
  /** hours × the user's cost rate in force on `date`, minor units, fixed at write time */
  cost: number;
}

export interface ExpenseTable extends Row {
  project_id: string;
  user_id: string;
  category: string;
  amount: number;
  currency: string;
  date: string;
  note: string;
  status: ExpenseStatus;
  approved_by: string | null;
  approved_at: string | null;
}

/** A user's secret iCalendar feed (migration 20261127300000_calendar_feeds); the token is stored only hashed. */
export interface CalendarFeedTable extends Row {
  user_id: string;
  token_hash: string;
  last_used_at: string | null;
}

/** A task's % complete at the end of a day ('YYYY-MM-DD', the reporter's local date). */
export interface TaskProgressTable extends Row {
  task_id: string;
  project_id: string;
  date: string;
  percent_complete: number;
}

export interface DB extends QualityTables, EngagementTables, ClosingTables, SalesTables, SalesCrmTables, SalesDealsTables, SalesContractsTables, SalesInsightTables, SalesImportTables {
  organisations: OrganisationTable;
  users: UserTable;
  user_roles: UserRoleTable;
  user_rates: UserRateTable;
  teams: TeamTable;
  team_closure: TeamClosureTable;
  calendars: CalendarTable;
  calendar_exceptions: CalendarExceptionTable;
  sessions: SessionTable;
  invitations: InvitationTable;
  audit_events: AuditEventTable;
  record_shares: RecordShareTable;
  mail_outbox: MailOutboxTable;
  projects: ProjectTable;
  project_members: ProjectMemberTable;
  tasks: TaskTable;
  task_assignments: TaskAssignmentTable;
  dependencies: DependencyTable;
  baselines: BaselineTable;
  baseline_tasks: BaselineTaskTable;
  calendar_feeds: CalendarFeedTable;
  risks: RiskTable;
  issues: IssueTable;
  risk_reviews: RiskReviewTable;
  timesheet_entries: TimesheetEntryTable;
  expenses: ExpenseTable;
  task_progress: TaskProgressTable;
}
