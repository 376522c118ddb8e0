import { z } from 'zod';
import { Id, PageQuery, pageOf } from './common.js';

export const NotificationResponse = z.object({
  id: Id,
  /** e.g. 'communication_due' */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** a path in the web app, e.g. /delivery/projects/…?tab=stakeholders */
  link: z.string().nullable(),
  read: z.boolean(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationResponse = z.infer<typeof NotificationResponse>;

export const ListNotificationsQuery = PageQuery.extend({
  /** unread first (then newest), or newest first */
  order: z.enum(['unread', 'newest']).default('unread'),
  unread: z.enum(['true', 'false']).optional(),
});
/** A page of the caller's notifications, and how many are unread (counted up to 100). */
export const NotificationPage = pageOf(NotificationResponse).extend({ unreadCount: z.number().int() });
export const ReadAllResponse = z.object({ marked: z.number().int() });
