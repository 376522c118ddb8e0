import { allow, hasRole } from '../../lib/policy.js';

/** A timesheet entry or expense, with what its project tells about the actor. */
export interface TimeRecord {
  orgId: string;
  userId: string;
  managerId: string;
  actorIsMember: boolean;
}

// Members see their own; the project's manager sees and decides all; the PMO and executives read.
for (const resource of ['timesheetEntry', 'expense']) {
  allow<TimeRecord>(resource, 'read', (a, r) => r.userId === a.id || r.managerId === a.id || hasRole(a, 'pmo', 'executive'));
  allow<TimeRecord>(resource, ['approve', 'reject'], (a, r) => r.managerId === a.id);
}

export const TIME_ACTIONS = ['approve', 'reject'] as const;
