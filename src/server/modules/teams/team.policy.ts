import { allow, hasRole } from '../../lib/policy.js';

allow('team', ['read', 'list'], () => true);
allow('team', ['create', 'update', 'delete'], (a) => hasRole(a, 'admin'));

export const TEAM_ACTIONS = ['update', 'delete'] as const;
