import { sql, type Selectable } from 'kysely';
import type { NotificationTable } from '../../db/tables/engagement.js';
import type { Executor } from '../../db/transaction.js';
import { keysetPage, type PageQuery } from '../../lib/pagination.js';

export type NotificationRow = Selectable<NotificationTable>;

/**
 * Inserts a notification unless one with the same dedupe key exists (the unique index decides, so
 * two writers at once on PostgreSQL still make one). Answers whether it was inserted.
 */
export async function insertNotificationOnce(db: Executor, row: NotificationRow): Promise<boolean> {
  const inserted = await db
    .insertInto('notifications')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .execute();
  return inserted.length === 1;
}

export function findNotification(db: Executor, id: string) {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A user's notifications: unread first then newest, or newest first. Ids are UUIDv7, so id order is time order. */
export function listNotifications(db: Executor, userId: string, f: { order: 'unread' | 'newest'; unread?: boolean }, page: PageQuery) {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (f.unread !== undefined) q = q.where('is_read', '=', f.unread ? 0 : 1);
  if (f.order === 'unread') {
    return keysetPage(q, {
      sort: [
        { column: 'notifications.is_read', direction: 'asc' },
        { column: 'notifications.id', direction: 'desc' },
      ],
      page,
      keyOf: (r) => [r.is_read, r.id],
    });
  }
  return keysetPage(q, { sort: [{ column: 'notifications.id', direction: 'desc' }], page, keyOf: (r) => [r.id] });
}

/** Unread notifications of a user, counted up to `cap` (a badge shows "99+", never an exact big count). */
export async function countUnread(db: Executor, userId: string, cap: number) {
  const limited = db.selectFrom('notifications').select('id').where('user_id', '=', userId).where('is_read', '=', 0).limit(cap);
  const r = await db.selectFrom(limited.as('u')).select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export function markRead(db: Executor, id: string, at: string) {
  return db.updateTable('notifications').set((eb) => ({ is_read: 1, read_at: at, updated_at: at, version: eb('version', '+', 1) })).where('id', '=', id).where('is_read', '=', 0).returningAll().executeTakeFirst();
}

export async function markAllRead(db: Executor, userId: string, at: string) {
  const res = await db.updateTable('notifications').set((eb) => ({ is_read: 1, read_at: at, updated_at: at, version: eb('version', '+', 1) })).where('user_id', '=', userId).where('is_read', '=', 0).executeTakeFirst();
  return Number(res.numUpdatedRows);
}
