import type { Selectable } from 'kysely';
import type { Role, UserTable } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';
import { like } from '../../lib/sql.js';
import { keysetPage, type PageQuery } from '../../lib/pagination.js';
import { uuidv7 } from '../../lib/ids.js';

export type UserRow = Selectable<UserTable>;
/** A user as lists show it: everything but the password hash, which only sign-in reads. */
export type UserListRow = Omit<UserRow, 'password_hash'>;
const LIST_COLUMNS = [
  'users.id', 'users.org_id', 'users.email', 'users.name', 'users.status', 'users.job_role', 'users.manager_id', 'users.team_id',
  'users.calendar_id', 'users.cost_rate', 'users.bill_rate', 'users.weekly_capacity_hours', 'users.locale', 'users.time_zone',
  'users.failed_sign_ins', 'users.locked_until', 'users.last_sign_in_at', 'users.created_at', 'users.updated_at', 'users.version',
] as const;

export function findUserById(db: Executor, orgId: string, id: string) {
  return db.selectFrom('users').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Executor, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

/** Roles of many users in one query (no N+1). */
export async function rolesOfUsers(db: Executor, userIds: string[]): Promise<Map<string, Role[]>> {
  const map = new Map<string, Role[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return map;
  const rows = await db.selectFrom('user_roles').select(['user_id', 'role']).where('user_id', 'in', userIds).orderBy('role').execute();
  for (const r of rows) map.get(r.user_id)?.push(r.role);
  return map;
}

export interface UserFilter {
  q?: string;
  status?: string;
  teamId?: string;
  role?: string;
}

export function listUsers(db: Executor, orgId: string, f: UserFilter, page: PageQuery) {
  let q = db.selectFrom('users').select(LIST_COLUMNS).where('users.org_id', '=', orgId);
  if (f.status) q = q.where('users.status', '=', f.status as UserRow['status']);
  if (f.teamId) q = q.where('users.team_id', '=', f.teamId);
  if (f.role) q = q.where('users.id', 'in', db.selectFrom('user_roles').select('user_id').where('org_id', '=', orgId).where('role', '=', f.role as Role));
  if (f.q) {
    const text = f.q.toLowerCase();
    q = q.where((eb) => eb.or([like(eb.fn('lower', ['users.name']), text, 'contains'), like('users.email', text, 'contains')]));
  }
  return keysetPage(q, {
    sort: [
      { column: 'users.name', direction: 'asc' },
      { column: 'users.id', direction: 'asc' },
    ],
    page,
    keyOf: (r) => [r.name, r.id],
  });
}

export async function insertUser(db: Executor, row: UserRow, roles: Role[]) {
  await db.insertInto('users').values(row).execute();
  await setUserRoles(db, row.org_id, row.id, roles, row.created_at);
}

export async function setUserRoles(db: Executor, orgId: string, userId: string, roles: Role[], at: string) {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length === 0) return;
  await db
    .insertInto('user_roles')
    .values([...new Set(roles)].map((role) => ({ id: uuidv7(), org_id: orgId, user_id: userId, role, created_at: at, updated_at: at, version: 1 })))
    .execute();
}

/** Updates only if the version still matches; answers the new row, or undefined when stale. */
export function updateUserIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<UserRow>) {
  return db
    .updateTable('users')
    .set({ ...patch, version: version + 1 })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function updateUserSignInState(db: Executor, id: string, patch: Pick<Partial<UserRow>, 'failed_sign_ins' | 'locked_until' | 'last_sign_in_at' | 'updated_at'>) {
  return db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function upsertRate(db: Executor, orgId: string, userId: string, effectiveFrom: string, costRate: number, billRate: number, at: string) {
  const existing = await db.selectFrom('user_rates').select(['id', 'version']).where('user_id', '=', userId).where('effective_from', '=', effectiveFrom).executeTakeFirst();
  if (existing) {
    await db.updateTable('user_rates').set({ cost_rate: costRate, bill_rate: billRate, updated_at: at, version: existing.version + 1 }).where('id', '=', existing.id).execute();
  } else {
    await db.insertInto('user_rates').values({ id: uuidv7(), org_id: orgId, user_id: userId, effective_from: effectiveFrom, cost_rate: costRate, bill_rate: billRate, created_at: at, updated_at: at, version: 1 }).execute();
  }
}

export function ratesOfUser(db: Executor, userId: string) {
  return db.selectFrom('user_rates').select(['effective_from', 'cost_rate', 'bill_rate']).where('user_id', '=', userId).orderBy('effective_from', 'desc').execute();
}

export function countActiveAdmins(db: Executor, orgId: string) {
  return db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('users.org_id', '=', orgId)
    .where('users.status', '=', 'active')
    .where('user_roles.role', '=', 'admin')
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

export function userExistsInOrg(db: Executor, orgId: string, id: string) {
  return db.selectFrom('users').select('id').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}
