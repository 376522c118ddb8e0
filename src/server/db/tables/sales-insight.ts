/** Kysely row types of this sales area's tables (see migrations/20261128400000_sales_insight.ts). */
interface Row {
  id: string;
  org_id: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export type PeriodKind = 'month' | 'quarter' | 'year';
export type FeedbackCategory = 'price' | 'feature' | 'competitor' | 'service' | 'other';
export type FeedbackSentiment = 'positive' | 'neutral' | 'negative';
export type TargetMetric = 'revenue' | 'orders' | 'new_customers';

export interface SegmentMarketSizeTable extends Row {
  segment_id: string;
  period_start: string;
  period_kind: 'year' | 'quarter';
  /** minor units of the organisation's currency */
  market_size: number;
}

export interface MarketFeedbackTable extends Row {
  source: string;
  account_id: string | null;
  segment_id: string | null;
  product: string | null;
  category: FeedbackCategory;
  sentiment: FeedbackSentiment;
  text: string;
  /** JSON array of strings */
  tags: string;
  recorded_by: string;
  recorded_on: string;
}

export interface SalesTargetTable extends Row {
  user_id: string | null;
  team_id: string | null;
  /** 'user:<id>' or 'team:<id>' */
  subject: string;
  period_kind: PeriodKind;
  period_start: string;
  metric: TargetMetric;
  amount: number;
}

export interface ForecastSnapshotTable extends Row {
  period_kind: PeriodKind;
  period_start: string;
  user_id: string;
  taken_at: string;
  commit: number;
  best_case: number;
  pipeline: number;
  weighted: number;
  closed: number;
}

export interface SalesInsightTables {
  segment_market_sizes: SegmentMarketSizeTable;
  market_feedback: MarketFeedbackTable;
  sales_targets: SalesTargetTable;
  forecast_snapshots: ForecastSnapshotTable;
}
