/** Kysely row types of the engagement tables (see migrations/*_engagement.ts). */
interface Row {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export type StakeholderAttitude = 'champion' | 'supporter' | 'neutral' | 'critic' | 'blocker';
export type CommChannel = 'meeting' | 'email' | 'report' | 'call' | 'chat' | 'other';
export type CommFrequency = 'once' | 'weekly' | 'biweekly' | 'monthly' | 'quarterly';
export type StatusReportStatus = 'draft' | 'submitted';

export interface StakeholderTable extends Row {
  project_id: string;
  user_id: string | null;
  name: string;
  organisation: string;
  role_title: string;
  influence: number;
  interest: number;
  attitude: StakeholderAttitude;
  expectations: string;
  engagement_approach: string;
}

export interface CommunicationItemTable extends Row {
  project_id: string;
  topic: string;
  audience: string;
  /** JSON array of stakeholder ids */
  stakeholder_ids: string;
  channel: CommChannel;
  frequency: CommFrequency;
  owner_id: string | null;
  next_due_date: string | null;
  /** next_due_date, or '9999-12-31' when nothing is due */
  due_sort: string;
  last_done_date: string | null;
}

export interface NotificationTable extends Row {
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  is_read: 0 | 1;
  read_at: string | null;
  dedupe_key: string | null;
}

export interface StatusReportTable extends Row {
  project_id: string;
  week_of: string;
  report_date: string;
  status: StatusReportStatus;
  health: 'on_track' | 'at_risk' | 'off_track';
  summary: string;
  accomplishments: string;
  next_steps: string;
  /** JSON snapshot of the drafted figures */
  snapshot: string;
  created_by: string | null;
  submitted_by: string | null;
  submitted_at: string | null;
}

export interface EngagementTables {
  stakeholders: StakeholderTable;
  communication_items: CommunicationItemTable;
  notifications: NotificationTable;
  status_reports: StatusReportTable;
}
