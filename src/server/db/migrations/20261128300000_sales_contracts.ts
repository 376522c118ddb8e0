import type { Kysely } from 'kysely';
import { baseColumns } from './helpers.js';

/**
 * Products and services, quotes with versioned lines, contracts with their negotiation rounds,
 * orders with billing milestones, and satisfaction surveys. Money is integer minor units with
 * its currency; a contract's `value_base` is its value in the organisation's currency.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await baseColumns(db.schema.createTable('products'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // service_hours, fixed_deliverable or licence
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('list_price', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('estimated_unit_cost', 'bigint', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('products_org_code').on('products').columns(['org_id', 'code']).unique().execute();
  await db.schema.createIndex('products_org_name').on('products').columns(['org_id', 'name', 'id']).execute();

  await baseColumns(db.schema.createTable('quotes'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunities.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('quote_version', 'integer', (c) => c.notNull())
    // draft, pending_approval, approved, sent, accepted, rejected, superseded
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('list_total', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('net_total', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('cost_total', 'bigint', (c) => c.notNull().defaultTo(0))
    // (net − cost) / net; null while the net is zero
    .addColumn('margin', 'double precision')
    .addColumn('max_discount_percent', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('approved_by', 'text', (c) => c.references('users.id'))
    .addColumn('approved_at', 'text')
    .addColumn('approval_note', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('quotes_opportunity_version').on('quotes').columns(['opportunity_id', 'quote_version']).unique().execute();

  await baseColumns(db.schema.createTable('quote_lines'))
    .addColumn('quote_id', 'text', (c) => c.notNull().references('quotes.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.references('products.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_price', 'bigint', (c) => c.notNull())
    .addColumn('discount_percent', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('estimated_unit_cost', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('net_amount', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('quote_lines_quote').on('quote_lines').columns(['quote_id', 'position']).execute();

  await baseColumns(db.schema.createTable('contracts'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('opportunity_id', 'text', (c) => c.references('opportunities.id'))
    .addColumn('quote_id', 'text', (c) => c.references('quotes.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('value_base', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('customer_signed_on', 'text')
    .addColumn('company_signed_on', 'text')
    .addColumn('signed_on', 'text')
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('renewal_date', 'text')
    .addColumn('renewal_reminded_for', 'text')
    .execute();
  await db.schema.createIndex('contracts_org_number').on('contracts').columns(['org_id', 'number']).unique().execute();
  await db.schema.createIndex('contracts_owner_signed').on('contracts').columns(['owner_id', 'signed_on']).execute();
  await db.schema.createIndex('contracts_org_status_renewal').on('contracts').columns(['org_id', 'status', 'renewal_date']).execute();
  await db.schema.createIndex('contracts_org_created').on('contracts').columns(['org_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('contracts_owner_created').on('contracts').columns(['owner_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('contracts_account').on('contracts').columns(['account_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('contracts_opportunity').on('contracts').columns(['opportunity_id']).execute();

  await baseColumns(db.schema.createTable('contract_rounds'))
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('value_before', 'bigint', (c) => c.notNull())
    .addColumn('value_after', 'bigint', (c) => c.notNull())
    .addColumn('by_id', 'text', (c) => c.notNull().references('users.id'))
    .execute();
  await db.schema.createIndex('contract_rounds_contract').on('contract_rounds').columns(['contract_id', 'round']).unique().execute();

  await baseColumns(db.schema.createTable('orders'))
    .addColumn('contract_id', 'text', (c) => c.notNull().references('contracts.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    // open, fulfilled or cancelled
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  // one order per contract
  await db.schema.createIndex('orders_contract').on('orders').columns(['contract_id']).unique().execute();

  await baseColumns(db.schema.createTable('order_lines'))
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.references('products.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_price', 'bigint', (c) => c.notNull())
    .addColumn('discount_percent', 'double precision', (c) => c.notNull())
    .addColumn('estimated_unit_cost', 'bigint', (c) => c.notNull())
    .addColumn('net_amount', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('order_lines_order').on('order_lines').columns(['order_id', 'position']).execute();

  await baseColumns(db.schema.createTable('billing_milestones'))
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('invoiced_on', 'text')
    .addColumn('paid_on', 'text')
    .execute();
  await db.schema.createIndex('billing_milestones_order').on('billing_milestones').columns(['order_id', 'position']).execute();
  await db.schema.createIndex('billing_milestones_org_due').on('billing_milestones').columns(['org_id', 'due_date']).execute();

  await baseColumns(db.schema.createTable('surveys'))
    // csat or nps
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('contract_id', 'text', (c) => c.references('contracts.id'))
    .addColumn('project_id', 'text', (c) => c.references('projects.id'))
    .addColumn('sent_to_email', 'text', (c) => c.notNull())
    // SHA-256 of the link's token, hex; the token itself is never stored
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('csat', 'integer')
    .addColumn('nps', 'integer')
    .addColumn('comment', 'text')
    .execute();
  await db.schema.createIndex('surveys_token_hash').on('surveys').columns(['token_hash']).unique().execute();
  await db.schema.createIndex('surveys_account_sent').on('surveys').columns(['account_id', 'sent_at', 'id']).execute();
  await db.schema.createIndex('surveys_contract').on('surveys').columns(['contract_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
