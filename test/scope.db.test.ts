import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/server/db/schema.js';
import { uuidv7 } from '../src/server/lib/ids.js';
import type { Actor } from '../src/server/lib/policy.js';
import { visibleRows, type RowScope } from '../src/server/lib/scope.js';
import { buildOrg, buildTeam, buildUser } from './factories.js';
import { createTestDatabase } from './setup.js';

/**
 * The row-scope helper, exercised on the users table as if each user "owned" their own row:
 * a list query with visibleRows() in its WHERE returns exactly the rows the scope grants.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const ids: Record<string, string> = {};
let orgId: string;

const actorOf = (key: string, roles: Role[] = []): Actor => ({ id: ids[key], orgId, name: key, email: `${key}@x`, roles: new Set(roles), teamId: null, locale: 'en' });

async function visible(actor: Actor, scope: RowScope) {
  const rows = await database.db
    .selectFrom('users')
    .select('users.email')
    .where((eb) => visibleRows(eb, actor, scope, { owner: 'users.id', org: 'users.org_id', shared: { id: 'users.id', entityType: 'user' } }))
    .orderBy('users.email')
    .execute();
  return rows.map((r) => r.email.split('@')[0]);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  orgId = (await buildOrg(db)).id;
  const other = (await buildOrg(db)).id;
  ids.boss = (await buildUser(db, orgId, { email: 'boss@x' })).id;
  ids.lead = (await buildUser(db, orgId, { email: 'lead@x' })).id;
  const root = await buildTeam(db, orgId, { managerId: ids.boss });
  const east = await buildTeam(db, orgId, { managerId: ids.lead, parentId: root.id });
  const deep = await buildTeam(db, orgId, { parentId: east.id });
  const apart = await buildTeam(db, orgId, {});
  await db.updateTable('users').set({ team_id: root.id }).where('id', 'in', [ids.boss, ids.lead]).execute();
  ids.east1 = (await buildUser(db, orgId, { email: 'east1@x', teamId: east.id })).id;
  ids.deep1 = (await buildUser(db, orgId, { email: 'deep1@x', teamId: deep.id })).id;
  ids.apart1 = (await buildUser(db, orgId, { email: 'apart1@x', teamId: apart.id })).id;
  ids.foreign = (await buildUser(db, other, { email: 'foreign@x' })).id;
  await db
    .insertInto('record_shares')
    .values({ id: uuidv7(), org_id: orgId, entity_type: 'user', entity_id: ids.apart1, user_id: ids.east1, access: 'read', created_at: 'x', updated_at: 'x', version: 1 })
    .execute();
});
afterAll(() => database.drop());

describe('row scope inside SQL', () => {
  it('own: only what the actor owns or what is shared with them', async () => {
    expect(await visible(actorOf('east1'), 'own')).toEqual(['apart1', 'east1']);
    expect(await visible(actorOf('deep1'), 'own')).toEqual(['deep1']);
  });
  it('team: adds everything owned in the team trees the actor manages, sub-teams included', async () => {
    expect(await visible(actorOf('boss'), 'team')).toEqual(['boss', 'deep1', 'east1', 'lead']);
    expect(await visible(actorOf('lead'), 'team')).toEqual(['deep1', 'east1', 'lead']);
  });
  it('all: the whole organisation, never another one', async () => {
    expect(await visible(actorOf('boss', ['executive']), 'all')).toEqual(['apart1', 'boss', 'deep1', 'east1', 'lead']);
  });
});
