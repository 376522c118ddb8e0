import { allow, hasRole } from '../../lib/policy.js';

allow('calendar', ['read', 'list'], () => true);
allow('calendar', ['create', 'update', 'delete'], (a) => hasRole(a, 'admin'));

export const CALENDAR_ACTIONS = ['update', 'delete'] as const;
