import type { Kysely } from 'kysely';
import { baseColumns } from './helpers.js';

/**
 * Per-user iCalendar feeds: a secret token in the feed's URL, stored only as its SHA-256 (like
 * session tokens). One feed per user; creating it again replaces the token (the old URL dies).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await baseColumns(db.schema.createTable('calendar_feeds'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();
  await db.schema.createIndex('calendar_feeds_user').on('calendar_feeds').column('user_id').unique().execute();
  await db.schema.createIndex('calendar_feeds_token_hash').on('calendar_feeds').column('token_hash').unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations move forward only.');
}
