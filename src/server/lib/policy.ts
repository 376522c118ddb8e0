import type { Role } from '../db/schema.js';
import { forbidden, notFound } from './errors.js';

/** Who is asking: loaded once per request from the session. */
export interface Actor {
  id: string;
  orgId: string;
  name: string;
  email: string;
  roles: ReadonlySet<Role>;
  teamId: string | null;
  locale: string;
  /** IANA zone; what "today" means for this user */
  timeZone?: string;
}

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.has(r));

type Rule<R> = (actor: Actor, record: R) => boolean;
const rules = new Map<string, Map<string, Rule<unknown>>>();

/**
 * Declares who may do an action to a resource (as Outline's policies do). Rules are plain
 * functions of the actor and the loaded row; a record in another organisation is never allowed.
 */
export function allow<R>(resource: string, actions: string | string[], rule: Rule<R>): void {
  const forResource = rules.get(resource) ?? new Map<string, Rule<unknown>>();
  for (const action of Array.isArray(actions) ? actions : [actions]) forResource.set(action, rule as Rule<unknown>);
  rules.set(resource, forResource);
}

export function can<R extends { orgId?: string } | undefined>(actor: Actor, action: string, resource: string, record?: R): boolean {
  if (record && 'orgId' in record && record.orgId !== actor.orgId) return false;
  const rule = rules.get(resource)?.get(action);
  return rule ? rule(actor, record) : false;
}

/**
 * Throws unless the actor may do the action. What the actor may not even read answers 404, so
 * that the existence of another team's record is not disclosed; a readable record answers 403.
 */
export function authorize<R extends { orgId?: string } | undefined>(actor: Actor, action: string, resource: string, record?: R, what?: string): void {
  if (record !== undefined && action !== 'read' && !can(actor, 'read', resource, record)) throw notFound(what);
  if (!can(actor, action, resource, record)) {
    if (action === 'read') throw notFound(what);
    throw forbidden();
  }
}

/** The abilities a response carries so that the UI hides or greys out what the user may not do. */
export function abilitiesFor<R extends { orgId?: string } | undefined>(actor: Actor, resource: string, record: R, actions: readonly string[]): Record<string, boolean> {
  return Object.fromEntries(actions.map((a) => [a, can(actor, a, resource, record)]));
}
