import type { Kysely } from 'kysely';
import { baseColumns } from './helpers.js';

/**
 * Leads: people and companies not yet qualified, with what qualifies them (budget, authority,
 * need, timeline) and, once converted, the account, contact and opportunity they became.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await baseColumns(db.schema.createTable('leads'))
    .addColumn('source', 'text')
    .addColumn('campaign', 'text')
    .addColumn('company', 'text', (c) => c.notNull())
    // nameKey(company): compared with accounts.name_key to offer duplicates
    .addColumn('company_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('email', 'text')
    .addColumn('email_key', 'text')
    .addColumn('phone', 'text')
    // new, working, qualified, disqualified
    .addColumn('status', 'text', (c) => c.notNull())
    // minor units of budget_currency
    .addColumn('budget_amount', 'bigint')
    .addColumn('budget_currency', 'text')
    .addColumn('authority', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('authority_confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('need', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('timeline_date', 'text')
    .addColumn('timeline_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('disqualified_reason', 'text')
    // when it was disqualified (the lead-conversion KPI counts leads closed in a period)
    .addColumn('disqualified_at', 'text')
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('converted_at', 'text')
    .addColumn('converted_account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('converted_contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('converted_opportunity_id', 'text', (c) => c.references('opportunities.id'))
    .addForeignKeyConstraint('leads_org_fk', ['org_id'], 'organisations', ['id'])
    .execute();
  // The lists: newest first, by owner (and status), or across the organisation.
  await db.schema.createIndex('leads_owner_status_created').on('leads').columns(['owner_id', 'status', 'created_at', 'id']).execute();
  await db.schema.createIndex('leads_owner_created').on('leads').columns(['owner_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('leads_org_status_created').on('leads').columns(['org_id', 'status', 'created_at', 'id']).execute();
  await db.schema.createIndex('leads_org_created').on('leads').columns(['org_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('leads_org_email').on('leads').columns(['org_id', 'email_key']).execute();
  // The lead-conversion KPI: leads converted or disqualified in a period.
  await db.schema.createIndex('leads_org_converted').on('leads').columns(['org_id', 'converted_at']).execute();
  await db.schema.createIndex('leads_org_disqualified').on('leads').columns(['org_id', 'disqualified_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
