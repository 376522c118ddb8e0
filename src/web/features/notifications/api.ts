import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { NotificationPage as PageSchema, NotificationResponse } from '../../../contracts/notifications.js';
import { api } from '../../lib/api.js';

export type Notification = z.infer<typeof NotificationResponse>;
export type NotificationPage = z.infer<typeof PageSchema>;

export const notificationKeys = { all: ['notifications'] as const };

/** The latest of the caller's notifications (unread first) and the unread count, refreshed every minute. */
export function useNotifications() {
  return useQuery({
    queryKey: notificationKeys.all,
    queryFn: ({ signal }) => api.get<NotificationPage>('/notifications', { limit: 20, order: 'unread' }, signal),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

export function useNotificationMutations() {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: notificationKeys.all });
  return {
    markRead: useMutation({ mutationFn: (id: string) => api.post<Notification>(`/notifications/${id}/read`), onSettled }),
    markAllRead: useMutation({ mutationFn: () => api.post<{ marked: number }>('/notifications/read-all'), onSettled }),
  };
}
