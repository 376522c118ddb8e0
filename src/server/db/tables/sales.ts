/** Kysely row types of the sales core (see migrations/20261128000000_sales_core.ts). */
interface Row {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export type AccountStatus = 'prospect' | 'customer' | 'former';
export type AccountSize = 'small' | 'medium' | 'large' | 'enterprise';
export type BuyingRole = 'decision_maker' | 'influencer' | 'user' | 'gatekeeper';
export type StageKind = 'open' | 'won' | 'lost';
export type OpportunityStatus = StageKind;
export type ForecastCategory = 'pipeline' | 'best_case' | 'commit' | 'closed' | 'omitted';
export type OpportunityCompetitorStatus = 'active' | 'won_against' | 'lost_to' | 'withdrew';
export type ActivityKind = 'call' | 'meeting' | 'email' | 'note' | 'task';

export interface SalesSettingsTable extends Row {
  discount_approval_percent: number;
  renewal_notice_days: number;
  default_cadence_days: number;
}

export interface ExchangeRateTable extends Row {
  currency: string;
  /** units of the organisation's currency per unit of `currency` */
  rate: number;
  effective_from: string;
}

export interface MarketSegmentTable extends Row {
  name: string;
  description: string;
}

export interface CompetitorTable extends Row {
  name: string;
  website: string | null;
  strengths: string;
  weaknesses: string;
  pricing_notes: string;
}

export interface AccountTable extends Row {
  name: string;
  name_key: string;
  industry: string | null;
  segment_id: string | null;
  size: AccountSize | null;
  region: string | null;
  website: string | null;
  phone: string | null;
  address: string;
  notes: string;
  owner_id: string;
  status: AccountStatus;
  cadence_days: number | null;
  last_activity_at: string | null;
  next_contact_due: string | null;
}

export interface ContactTable extends Row {
  account_id: string;
  name: string;
  title: string | null;
  email: string | null;
  email_key: string | null;
  phone: string | null;
  buying_role: BuyingRole | null;
  notes: string;
}

export interface PipelineTable extends Row {
  name: string;
  is_default: 0 | 1;
  archived: 0 | 1;
}

export interface PipelineStageTable extends Row {
  pipeline_id: string;
  name: string;
  position: number;
  probability: number;
  kind: StageKind;
  archived: 0 | 1;
}

export interface OpportunityTable extends Row {
  name: string;
  account_id: string;
  contact_id: string | null;
  owner_id: string;
  pipeline_id: string;
  stage_id: string;
  status: OpportunityStatus;
  /** minor units of `currency` */
  amount: number;
  currency: string;
  /** minor units of the organisation's currency */
  amount_base: number;
  close_date: string;
  probability: number;
  probability_overridden: 0 | 1;
  forecast_category: ForecastCategory;
  needs: string;
  solution: string;
  next_step: string;
  lead_source: string | null;
  source_lead_id: string | null;
  lost_reason: string | null;
  lost_to_competitor_id: string | null;
  won_at: string | null;
  lost_at: string | null;
  stage_changed_at: string;
}

/** Deals per (owner, pipeline, stage), kept by triggers on opportunities (derived: no id or version). */
export interface OpportunityStageSumTable {
  owner_id: string;
  pipeline_id: string;
  stage_id: string;
  org_id: string;
  deals: number;
  amount_base: number;
}

export interface OpportunityStageHistoryTable extends Row {
  opportunity_id: string;
  from_stage_id: string | null;
  to_stage_id: string;
  amount_base: number;
  probability: number;
  changed_by: string | null;
  changed_at: string;
}

export interface OpportunityCompetitorTable extends Row {
  opportunity_id: string;
  competitor_id: string;
  strengths: string;
  weaknesses: string;
  status: OpportunityCompetitorStatus;
}

export interface ActivityTable extends Row {
  kind: ActivityKind;
  subject: string;
  notes: string;
  owner_id: string;
  account_id: string | null;
  contact_id: string | null;
  lead_id: string | null;
  opportunity_id: string | null;
  project_id: string | null;
  due_at: string | null;
  done_at: string | null;
  outcome: string | null;
  remind_at: string | null;
  reminded_at: string | null;
}

export interface SalesCounterTable extends Row {
  kind: 'quote' | 'contract';
  period: string;
  next_value: number;
}

export interface SalesTables {
  sales_counters: SalesCounterTable;
  sales_settings: SalesSettingsTable;
  exchange_rates: ExchangeRateTable;
  market_segments: MarketSegmentTable;
  competitors: CompetitorTable;
  accounts: AccountTable;
  contacts: ContactTable;
  pipelines: PipelineTable;
  pipeline_stages: PipelineStageTable;
  opportunities: OpportunityTable;
  opportunity_stage_history: OpportunityStageHistoryTable;
  opportunity_stage_sums: OpportunityStageSumTable;
  opportunity_competitors: OpportunityCompetitorTable;
  activities: ActivityTable;
}
