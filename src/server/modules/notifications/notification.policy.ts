import { allow } from '../../lib/policy.js';

/** A notification is its recipient's alone: anyone else is answered 404. */
export interface NotificationRecord {
  orgId: string;
  userId: string;
}
allow<NotificationRecord>('notification', ['read', 'markRead'], (a, n) => n.userId === a.id);
