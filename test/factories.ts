import type { Kysely } from 'kysely';
import type { DB, JobRole, Role } from '../src/server/db/schema.js';
import { uuidv7 } from '../src/server/lib/ids.js';
import { hashPassword } from '../src/server/lib/password.js';
import { insertUser } from '../src/server/modules/users/user.repository.js';
import { rebuildTeamClosure } from '../src/server/modules/teams/team.repository.js';
import { TEST_PASSWORD_COST } from './setup.js';

export const PASSWORD = 'correct horse battery';
const AT = '2026-03-01T00:00:00.000Z';
let seq = 0;

export async function buildOrg(db: Kysely<DB>, name = `Org ${++seq}`) {
  const id = uuidv7();
  await db.insertInto('organisations').values({ id, org_id: id, name, currency: 'CNY', default_locale: 'en', default_time_zone: 'UTC', created_at: AT, updated_at: AT, version: 1 }).execute();
  return { id, name };
}

export async function buildTeam(db: Kysely<DB>, orgId: string, opts: { name?: string; kind?: 'sales' | 'delivery'; managerId?: string | null; parentId?: string | null } = {}) {
  const id = uuidv7();
  await db
    .insertInto('teams')
    .values({ id, org_id: orgId, name: opts.name ?? `Team ${++seq}`, kind: opts.kind ?? 'sales', manager_id: opts.managerId ?? null, parent_id: opts.parentId ?? null, created_at: AT, updated_at: AT, version: 1 })
    .execute();
  await rebuildTeamClosure(db, orgId, AT);
  return { id };
}

export async function buildUser(
  db: Kysely<DB>,
  orgId: string,
  opts: { email?: string; name?: string; roles?: Role[]; jobRole?: JobRole; status?: 'active' | 'disabled' | 'invited'; teamId?: string | null; managerId?: string | null; password?: string } = {},
) {
  const n = ++seq;
  const email = (opts.email ?? `user${n}.${orgId.slice(-6)}@example.test`).toLowerCase();
  const id = uuidv7();
  await insertUser(
    db,
    {
      id,
      org_id: orgId,
      email,
      name: opts.name ?? `User ${String(n).padStart(4, '0')}`,
      password_hash: opts.status === 'invited' ? null : await hashPassword(opts.password ?? PASSWORD, TEST_PASSWORD_COST),
      status: opts.status ?? 'active',
      job_role: opts.jobRole ?? 'sales',
      manager_id: opts.managerId ?? null,
      team_id: opts.teamId ?? null,
      calendar_id: null,
      cost_rate: 30000,
      bill_rate: 90000,
      weekly_capacity_hours: 40,
      locale: 'en',
      time_zone: 'UTC',
      failed_sign_ins: 0,
      locked_until: null,
      last_sign_in_at: null,
      created_at: AT,
      updated_at: AT,
      version: 1,
    },
    opts.roles ?? ['sales_rep'],
  );
  return { id, email, password: opts.password ?? PASSWORD };
}
