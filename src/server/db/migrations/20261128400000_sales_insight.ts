import type { Kysely } from 'kysely';
import { baseColumns } from './helpers.js';

/**
 * Market insight, quotas and forecast: market size per segment and period, the market feedback
 * log, sales targets (quotas) per user or team and period, and forecast snapshots (what each rep
 * forecast at a moment, so that accuracy can be measured at period end).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await baseColumns(db.schema.createTable('segment_market_sizes'))
    .addColumn('segment_id', 'text', (c) => c.notNull().references('market_segments.id'))
    // first day of the year or quarter
    .addColumn('period_start', 'text', (c) => c.notNull())
    // year or quarter
    .addColumn('period_kind', 'text', (c) => c.notNull())
    // minor units of the organisation's currency
    .addColumn('market_size', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('segment_market_sizes_key').on('segment_market_sizes').columns(['segment_id', 'period_kind', 'period_start']).unique().execute();
  await db.schema.createIndex('segment_market_sizes_org_period').on('segment_market_sizes').columns(['org_id', 'period_kind', 'period_start']).execute();

  await baseColumns(db.schema.createTable('market_feedback'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('segment_id', 'text', (c) => c.references('market_segments.id'))
    .addColumn('product', 'text')
    // price, feature, competitor, service, other
    .addColumn('category', 'text', (c) => c.notNull())
    // positive, neutral, negative
    .addColumn('sentiment', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    // JSON array of strings
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_on', 'text', (c) => c.notNull())
    .execute();
  // The log newest first (and the trends' date range), with or without a category/sentiment/segment filter.
  await db.schema.createIndex('market_feedback_org_on').on('market_feedback').columns(['org_id', 'recorded_on', 'id']).execute();
  await db.schema.createIndex('market_feedback_org_category_on').on('market_feedback').columns(['org_id', 'category', 'recorded_on', 'id']).execute();
  await db.schema.createIndex('market_feedback_org_sentiment_on').on('market_feedback').columns(['org_id', 'sentiment', 'recorded_on', 'id']).execute();
  await db.schema.createIndex('market_feedback_segment_on').on('market_feedback').columns(['segment_id', 'recorded_on', 'id']).execute();
  await db.schema.createIndex('market_feedback_account').on('market_feedback').columns(['account_id', 'recorded_on']).execute();

  await baseColumns(db.schema.createTable('sales_targets'))
    // exactly one of user_id and team_id
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    // 'user:<id>' or 'team:<id>': one column to make (subject, period, metric) unique on both dialects (NULLs are distinct in unique indexes)
    .addColumn('subject', 'text', (c) => c.notNull())
    // month, quarter, year
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    // revenue, orders, new_customers
    .addColumn('metric', 'text', (c) => c.notNull())
    // revenue: minor units of the organisation's currency; orders and new customers: a count
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sales_targets_key').on('sales_targets').columns(['org_id', 'period_kind', 'period_start', 'subject', 'metric']).unique().execute();
  await db.schema.createIndex('sales_targets_user').on('sales_targets').columns(['user_id', 'period_kind', 'period_start']).execute();
  await db.schema.createIndex('sales_targets_team').on('sales_targets').columns(['team_id', 'period_kind', 'period_start']).execute();

  await baseColumns(db.schema.createTable('forecast_snapshots'))
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('commit', 'bigint', (c) => c.notNull())
    .addColumn('best_case', 'bigint', (c) => c.notNull())
    .addColumn('pipeline', 'bigint', (c) => c.notNull())
    .addColumn('weighted', 'bigint', (c) => c.notNull())
    .addColumn('closed', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forecast_snapshots_period_user').on('forecast_snapshots').columns(['org_id', 'period_kind', 'period_start', 'user_id', 'taken_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
