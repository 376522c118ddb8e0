import type { Selectable } from 'kysely';
import type { TeamTable } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';
import { uuidv7 } from '../../lib/ids.js';

export type TeamRow = Selectable<TeamTable>;

export function teamExistsInOrg(db: Executor, orgId: string, id: string) {
  return db.selectFrom('teams').select('id').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findTeam(db: Executor, orgId: string, id: string) {
  return db.selectFrom('teams').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** Teams are few per organisation (tens to hundreds), so the tree is listed whole. */
export function listTeamsWithCounts(db: Executor, orgId: string) {
  return db
    .selectFrom('teams')
    .leftJoin('users', (j) => j.onRef('users.team_id', '=', 'teams.id').on('users.status', '!=', 'disabled'))
    .selectAll('teams')
    .select((eb) => eb.fn.count<number>('users.id').as('member_count'))
    .where('teams.org_id', '=', orgId)
    .groupBy(['teams.id', 'teams.org_id', 'teams.name', 'teams.kind', 'teams.manager_id', 'teams.parent_id', 'teams.created_at', 'teams.updated_at', 'teams.version'])
    .orderBy('teams.name')
    .orderBy('teams.id')
    .execute();
}

export function listTeams(db: Executor, orgId: string) {
  return db.selectFrom('teams').select(['id', 'parent_id']).where('org_id', '=', orgId).execute();
}

export function insertTeam(db: Executor, row: TeamRow) {
  return db.insertInto('teams').values(row).execute();
}

export function updateTeamIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<TeamRow>) {
  return db.updateTable('teams').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export function deleteTeam(db: Executor, id: string) {
  return db.deleteFrom('teams').where('id', '=', id).execute();
}

export async function teamUsage(db: Executor, id: string) {
  const [members, children] = await Promise.all([
    db.selectFrom('users').select('id').where('team_id', '=', id).limit(1).executeTakeFirst(),
    db.selectFrom('teams').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst(),
  ]);
  return { hasMembers: !!members, hasChildren: !!children };
}

/**
 * Rebuilds the organisation's team closure from the parent links. Run in the transaction that
 * changed the tree; an organisation's teams are few, so a full rebuild is cheap and never drifts.
 */
export async function rebuildTeamClosure(db: Executor, orgId: string, at: string) {
  const teams = await listTeams(db, orgId);
  const parent = new Map(teams.map((t) => [t.id, t.parent_id]));
  const rows: { id: string; org_id: string; ancestor_id: string; descendant_id: string; depth: number; created_at: string; updated_at: string; version: number }[] = [];
  for (const t of teams) {
    let cur: string | null = t.id;
    for (let depth = 0; cur && depth <= teams.length; depth++) {
      rows.push({ id: uuidv7(), org_id: orgId, ancestor_id: cur, descendant_id: t.id, depth, created_at: at, updated_at: at, version: 1 });
      cur = parent.get(cur) ?? null;
    }
  }
  await db.deleteFrom('team_closure').where('org_id', '=', orgId).execute();
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('team_closure').values(rows.slice(i, i + 500)).execute();
}

/** Ids of the team and every team below it. */
export function descendantTeamIds(db: Executor, id: string) {
  return db.selectFrom('team_closure').select('descendant_id').where('ancestor_id', '=', id).execute().then((r) => r.map((x) => x.descendant_id));
}
