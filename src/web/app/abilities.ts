import type { Me } from '../lib/types.js';

export type Capability = 'salesWorkspace' | 'salesConfig' | 'deliveryWorkspace' | 'peopleWorkspace' | 'admin' | 'manageUsers' | 'manageTeams' | 'manageCalendars' | 'viewAudit';

export const can = (me: Me, capability: Capability): boolean => me.abilities[capability] === true;

/** Where "/" leads: the first workspace the user may use, in the order of the menu. */
export function homePath(me: Me): string {
  if (can(me, 'salesWorkspace')) return '/sales';
  if (can(me, 'deliveryWorkspace')) return '/delivery';
  if (can(me, 'peopleWorkspace')) return '/people';
  if (can(me, 'manageUsers')) return '/admin/users';
  if (can(me, 'manageTeams')) return '/admin/teams';
  if (can(me, 'manageCalendars')) return '/admin/calendars';
  if (can(me, 'viewAudit')) return '/admin/audit';
  return '/people';
}

/** Only a path of this app may be a way back after sign-in (no open redirect to another site). */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next.startsWith('/sign-in') || next.startsWith('/accept-invitation')) return null;
  return next;
}
