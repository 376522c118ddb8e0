import type { Kysely } from 'kysely';
import { baseColumns } from './helpers.js';

/**
 * The deals area: saved views of a list (the opportunity list first; other lists may use the
 * table later through `list`). Filters are stored as JSON text, as the list's query parameters.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await baseColumns(db.schema.createTable('saved_views'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // which list the view belongs to, e.g. 'opportunities'
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filters', 'text', (c) => c.notNull())
    // 1: readable by the organisation's sales users
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('saved_views_user_list').on('saved_views').columns(['user_id', 'list', 'name']).execute();
  await db.schema.createIndex('saved_views_org_list_shared').on('saved_views').columns(['org_id', 'list', 'shared', 'name']).execute();
  // The list sorted by amount or last change, with and without the owner filter (keyset-friendly).
  await db.schema.createIndex('opportunities_owner_amount').on('opportunities').columns(['owner_id', 'amount_base', 'id']).execute();
  await db.schema.createIndex('opportunities_org_amount').on('opportunities').columns(['org_id', 'amount_base', 'id']).execute();
  await db.schema.createIndex('opportunities_owner_updated').on('opportunities').columns(['owner_id', 'updated_at', 'id']).execute();
  await db.schema.createIndex('opportunities_org_updated').on('opportunities').columns(['org_id', 'updated_at', 'id']).execute();
  // Board totals of a set of owners (a rep, a manager's team tree): covering, owner first.
  await db.schema.createIndex('opportunities_owner_pipeline_totals').on('opportunities').columns(['owner_id', 'pipeline_id', 'stage_id', 'amount_base']).execute();
  // A board column's cards: a stage's deals by close date; the owner in the index checks a team's
  // scope without reading the rows that are not theirs.
  await db.schema.createIndex('opportunities_stage_close').on('opportunities').columns(['stage_id', 'close_date', 'id', 'owner_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
