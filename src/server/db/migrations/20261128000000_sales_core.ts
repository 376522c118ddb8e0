import type { Kysely } from 'kysely';
import { baseColumns } from './helpers.js';

/**
 * The sales core that every sales area stands on: settings and exchange rates, segments and
 * competitors, accounts and contacts, pipelines with stages, opportunities with their stage
 * history and competitors, and activities (logged against any record).
 *
 * Amounts are integers in minor units with their currency; `amount_base` is the same amount in
 * the organisation's currency at the rate in force when it was written, so that board totals,
 * forecasts and dashboards add in SQL without converting row by row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await baseColumns(db.schema.createTable('sales_settings'))
    // A quote line's discount above this percentage needs a sales manager's approval.
    .addColumn('discount_approval_percent', 'real', (c) => c.notNull().defaultTo(15))
    .addColumn('renewal_notice_days', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('default_cadence_days', 'integer', (c) => c.notNull().defaultTo(30))
    .execute();
  await db.schema.createIndex('sales_settings_org').on('sales_settings').columns(['org_id']).unique().execute();

  // Units of the organisation's currency per one unit of `currency`, from a date on.
  await baseColumns(db.schema.createTable('exchange_rates'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('rate', 'real', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exchange_rates_org_currency').on('exchange_rates').columns(['org_id', 'currency', 'effective_from']).unique().execute();

  await baseColumns(db.schema.createTable('market_segments'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('market_segments_org_name').on('market_segments').columns(['org_id', 'name']).unique().execute();

  await baseColumns(db.schema.createTable('competitors'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('website', 'text')
    .addColumn('strengths', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('weaknesses', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('pricing_notes', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('competitors_org_name').on('competitors').columns(['org_id', 'name']).unique().execute();

  await baseColumns(db.schema.createTable('accounts'))
    .addColumn('name', 'text', (c) => c.notNull())
    // lower-cased, spaces and punctuation folded: what duplicate detection compares
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('industry', 'text')
    .addColumn('segment_id', 'text', (c) => c.references('market_segments.id'))
    .addColumn('size', 'text')
    .addColumn('region', 'text')
    .addColumn('website', 'text')
    .addColumn('phone', 'text')
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cadence_days', 'integer')
    .addColumn('last_activity_at', 'text')
    // last_activity_at + cadence: when the account is next due for contact (null: no cadence)
    .addColumn('next_contact_due', 'text')
    .addForeignKeyConstraint('accounts_org_fk', ['org_id'], 'organisations', ['id'])
    .execute();
  await db.schema.createIndex('accounts_org_name').on('accounts').columns(['org_id', 'name', 'id']).execute();
  await db.schema.createIndex('accounts_owner_name').on('accounts').columns(['owner_id', 'name', 'id']).execute();
  await db.schema.createIndex('accounts_org_name_key').on('accounts').columns(['org_id', 'name_key']).execute();
  await db.schema.createIndex('accounts_owner_contact_due').on('accounts').columns(['owner_id', 'next_contact_due', 'id']).execute();
  await db.schema.createIndex('accounts_org_contact_due').on('accounts').columns(['org_id', 'next_contact_due', 'id']).execute();
  await db.schema.createIndex('accounts_segment').on('accounts').columns(['segment_id']).execute();

  await baseColumns(db.schema.createTable('contacts'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('email', 'text')
    // lower-cased email, for duplicate detection
    .addColumn('email_key', 'text')
    .addColumn('phone', 'text')
    .addColumn('buying_role', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('contacts_account_name').on('contacts').columns(['account_id', 'name', 'id']).execute();
  await db.schema.createIndex('contacts_org_email').on('contacts').columns(['org_id', 'email_key']).execute();
  await db.schema.createIndex('contacts_org_name').on('contacts').columns(['org_id', 'name', 'id']).execute();

  await baseColumns(db.schema.createTable('pipelines'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('pipelines_org_name').on('pipelines').columns(['org_id', 'name']).execute();

  await baseColumns(db.schema.createTable('pipeline_stages'))
    .addColumn('pipeline_id', 'text', (c) => c.notNull().references('pipelines.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    // default win probability, 0–100
    .addColumn('probability', 'integer', (c) => c.notNull())
    // open, won or lost
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('pipeline_stages_pipeline').on('pipeline_stages').columns(['pipeline_id', 'position']).execute();

  await baseColumns(db.schema.createTable('opportunities'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('pipeline_id', 'text', (c) => c.notNull().references('pipelines.id'))
    .addColumn('stage_id', 'text', (c) => c.notNull().references('pipeline_stages.id'))
    // open, won or lost: the stage's kind, kept on the row for the lists' filters
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount_base', 'bigint', (c) => c.notNull())
    .addColumn('close_date', 'text', (c) => c.notNull())
    .addColumn('probability', 'integer', (c) => c.notNull())
    // true when the owner set the probability instead of taking the stage's default
    .addColumn('probability_overridden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('forecast_category', 'text', (c) => c.notNull())
    .addColumn('needs', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('solution', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('next_step', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('lead_source', 'text')
    .addColumn('source_lead_id', 'text')
    .addColumn('lost_reason', 'text')
    .addColumn('lost_to_competitor_id', 'text', (c) => c.references('competitors.id'))
    .addColumn('won_at', 'text')
    .addColumn('lost_at', 'text')
    .addColumn('stage_changed_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('opportunities_org_fk', ['org_id'], 'organisations', ['id'])
    .execute();
  // The list filtered by owner and stage, sorted by close date (the benchmark's query).
  await db.schema.createIndex('opportunities_owner_stage_close').on('opportunities').columns(['owner_id', 'stage_id', 'close_date', 'id']).execute();
  await db.schema.createIndex('opportunities_owner_close').on('opportunities').columns(['owner_id', 'close_date', 'id']).execute();
  await db.schema.createIndex('opportunities_org_close').on('opportunities').columns(['org_id', 'close_date', 'id']).execute();
  // Board totals per stage read only this index (covering: stage, owner, amount).
  await db.schema.createIndex('opportunities_stage_totals').on('opportunities').columns(['pipeline_id', 'stage_id', 'owner_id', 'amount_base']).execute();
  await db.schema.createIndex('opportunities_account').on('opportunities').columns(['account_id', 'close_date']).execute();
  // Forecasts: an owner's deals closing in a period, by status.
  await db.schema.createIndex('opportunities_owner_status_close').on('opportunities').columns(['owner_id', 'status', 'close_date', 'forecast_category', 'amount_base', 'probability']).execute();

  await baseColumns(db.schema.createTable('opportunity_stage_history'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunities.id'))
    .addColumn('from_stage_id', 'text')
    .addColumn('to_stage_id', 'text', (c) => c.notNull())
    .addColumn('amount_base', 'bigint', (c) => c.notNull())
    .addColumn('probability', 'integer', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.references('users.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opportunity_stage_history_opp').on('opportunity_stage_history').columns(['opportunity_id', 'changed_at']).execute();
  await db.schema.createIndex('opportunity_stage_history_org_at').on('opportunity_stage_history').columns(['org_id', 'changed_at']).execute();

  await baseColumns(db.schema.createTable('opportunity_competitors'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunities.id'))
    .addColumn('competitor_id', 'text', (c) => c.notNull().references('competitors.id'))
    .addColumn('strengths', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('weaknesses', 'text', (c) => c.notNull().defaultTo(''))
    // active, won_against, lost_to, withdrew
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opportunity_competitors_pair').on('opportunity_competitors').columns(['opportunity_id', 'competitor_id']).unique().execute();
  await db.schema.createIndex('opportunity_competitors_competitor').on('opportunity_competitors').columns(['competitor_id']).execute();

  await baseColumns(db.schema.createTable('activities'))
    // call, meeting, email, note, task
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('account_id', 'text')
    .addColumn('contact_id', 'text')
    .addColumn('lead_id', 'text')
    .addColumn('opportunity_id', 'text')
    .addColumn('project_id', 'text')
    .addColumn('due_at', 'text')
    .addColumn('done_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('remind_at', 'text')
    .addColumn('reminded_at', 'text')
    .execute();
  // "My day": an owner's open follow-ups by due time.
  await db.schema.createIndex('activities_owner_open_due').on('activities').columns(['owner_id', 'done_at', 'due_at', 'id']).execute();
  await db.schema.createIndex('activities_account').on('activities').columns(['account_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('activities_opportunity').on('activities').columns(['opportunity_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('activities_lead').on('activities').columns(['lead_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('activities_contact').on('activities').columns(['contact_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('activities_remind').on('activities').columns(['remind_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
