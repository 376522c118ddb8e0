import type { z } from 'zod';
import type { ListNotificationsQuery, NotificationResponse } from '../../../contracts/notifications.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import type { Ctx } from '../../lib/context.js';
import { notFound } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import type { Mailer } from '../../lib/mail.js';
import { authorize } from '../../lib/policy.js';
import './notification.policy.js';
import * as repo from './notification.repository.js';

export const UNREAD_CAP = 100;

export function presentNotification(n: repo.NotificationRow): NotificationResponse {
  return { id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, read: n.is_read === 1, readAt: n.read_at, createdAt: n.created_at };
}

export interface NotifyInput {
  orgId: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  /** a path in the web app */
  link: string | null;
  /** What this is about, once: a second notify with the same key does nothing. */
  dedupeKey?: string | null;
  /** Also send it by mail (through the outbox, in the same transaction). */
  email?: { to: string; subject?: string; body: string } | null;
}

/**
 * The general way to notify a user (reminders, follow-ups, …): an in-app notification and, when
 * asked, a mail in the outbox, both in the caller's transaction. With a dedupe key, at most once:
 * answers false (and sends nothing) when that key was already notified.
 */
export async function notify(db: Executor, mailer: Mailer, input: NotifyInput, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const inserted = await repo.insertNotificationOnce(db, {
    id: uuidv7(now.getTime()),
    org_id: input.orgId,
    user_id: input.userId,
    kind: input.kind,
    title: input.title,
    body: input.body,
    link: input.link,
    is_read: 0,
    read_at: null,
    dedupe_key: input.dedupeKey ?? null,
    created_at: at,
    updated_at: at,
    version: 1,
  });
  if (inserted && input.email) await mailer.enqueue(db, { orgId: input.orgId, to: input.email.to, subject: input.email.subject ?? input.title, body: input.email.body }, now);
  return inserted;
}

export async function listNotifications(ctx: Ctx, q: z.infer<typeof ListNotificationsQuery>) {
  const unread = q.unread === undefined ? undefined : q.unread === 'true';
  const [page, unreadCount] = await Promise.all([
    repo.listNotifications(ctx.db, ctx.actor.id, { order: q.order, unread }, { limit: q.limit, cursor: q.cursor }),
    repo.countUnread(ctx.db, ctx.actor.id, UNREAD_CAP),
  ]);
  return { items: page.items.map(presentNotification), nextCursor: page.nextCursor, unreadCount };
}

async function loadNotification(ctx: Ctx, db: Executor, id: string) {
  const n = await repo.findNotification(db, id);
  if (!n) throw notFound('Notification');
  authorize(ctx.actor, 'markRead', 'notification', { orgId: n.org_id, userId: n.user_id }, 'Notification');
  return n;
}

/** Marks one of the caller's notifications read (again is fine: it stays read as it was). */
export async function markNotificationRead(ctx: Ctx, id: string): Promise<NotificationResponse> {
  const at = ctx.clock.now().toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const n = await loadNotification(ctx, trx, id);
    const after = n.is_read ? n : ((await repo.markRead(trx, id, at)) ?? (await repo.findNotification(trx, id))!);
    return presentNotification(after);
  });
}

export async function markAllNotificationsRead(ctx: Ctx) {
  const marked = await repo.markAllRead(ctx.db, ctx.actor.id, ctx.clock.now().toISOString());
  return { marked };
}
