import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, Id } from '../../../contracts/common.js';
import { ListNotificationsQuery, NotificationPage, NotificationResponse, ReadAllResponse } from '../../../contracts/notifications.js';
import { ctxOf } from '../../http/request-context.js';
import * as notifications from './notification.service.js';

const Params = z.object({ id: Id });
const tags = ['notifications'];

/** The caller's own notifications (under /api/v1). */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/notifications', { schema: { tags, summary: "The caller's notifications: unread first, or newest first (keyset-paginated), with the unread count (up to 100)", querystring: ListNotificationsQuery, response: { 200: NotificationPage, 400: ErrorResponse } } }, (req) =>
    notifications.listNotifications(ctxOf(req), req.query),
  );
  app.post('/notifications/read-all', { schema: { tags, summary: "Mark all the caller's notifications read", response: { 200: ReadAllResponse } } }, (req) => notifications.markAllNotificationsRead(ctxOf(req)));
  app.post('/notifications/:id/read', { schema: { tags, summary: 'Mark one notification read', params: Params, response: { 200: NotificationResponse, 404: ErrorResponse } } }, (req) =>
    notifications.markNotificationRead(ctxOf(req), req.params.id),
  );
};
