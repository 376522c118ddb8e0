import { sql, type Kysely } from 'kysely';
import { baseColumns } from './helpers.js';

/**
 * What a review of the sales areas asked for: numbers drawn from a counter (not COUNT + 1, which
 * collides under concurrency), one contract per quote, one quote number per version, and the
 * indexes behind the reminder sweep and the "is it still used" checks.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await baseColumns(db.schema.createTable('sales_counters'))
    // quote or contract, per year
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('next_value', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sales_counters_key').on('sales_counters').columns(['org_id', 'kind', 'period']).unique().execute();
  await db.schema.createIndex('quotes_org_number_version').on('quotes').columns(['org_id', 'number', 'quote_version']).unique().execute();
  await db.schema.createIndex('contracts_quote_unique').on('contracts').columns(['quote_id']).unique().execute();
  // The reminder sweep reads only reminders not yet sent.
  await db.schema.createIndex('activities_remind_pending').on('activities').columns(['remind_at', 'id']).where(sql.ref('reminded_at'), 'is', null).execute();
  await db.schema.createIndex('opportunities_contact').on('opportunities').columns(['contact_id']).execute();
  await db.schema.createIndex('leads_converted_account').on('leads').columns(['converted_account_id']).execute();
  await db.schema.createIndex('leads_converted_contact').on('leads').columns(['converted_contact_id']).execute();
  await db.schema.createIndex('stage_history_to_stage').on('opportunity_stage_history').columns(['to_stage_id']).execute();
  await db.schema.createIndex('stage_history_from_stage').on('opportunity_stage_history').columns(['from_stage_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
