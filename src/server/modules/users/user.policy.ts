import { allow, hasRole, type Actor } from '../../lib/policy.js';

export interface UserRecord {
  id: string;
  orgId: string;
  managerId: string | null;
}

// Everyone in an organisation sees its directory; only admins change it.
allow<UserRecord>('user', 'read', () => true);
allow<UserRecord | undefined>('user', 'list', () => true);
allow<UserRecord | undefined>('user', 'create', (a) => hasRole(a, 'admin'));
allow<UserRecord>('user', ['update', 'disable', 'enable', 'invite', 'setRoles'], (a) => hasRole(a, 'admin'));
// Rates are pay data: admins, executives, the PMO (for costing) and the user's manager.
allow<UserRecord>('user', 'readRates', (a: Actor, u) => hasRole(a, 'admin', 'executive', 'pmo') || u.managerId === a.id || u.id === a.id);

export const USER_ACTIONS = ['update', 'disable', 'enable', 'invite', 'readRates'] as const;
