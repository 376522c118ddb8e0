import { sql, type Selectable } from 'kysely';
import type { Dialect } from '../../db/database.js';
import type { SessionTable } from '../../db/schema.js';
import { compiledOnce } from '../../db/compiled.js';
import type { Executor } from '../../db/transaction.js';

export type SessionRow = Selectable<SessionTable>;

export function insertSession(db: Executor, row: SessionRow) {
  return db.insertInto('sessions').values(row).execute();
}

/**
 * The session, its user and the user's roles (comma-separated, sorted) in one query: every
 * authenticated request runs this, so it is compiled once (`compiledOnce`).
 */
const sessionWithUser = (dialect: Dialect) => (db: Executor, tokenHash: string) => {
  const roles =
    dialect === 'postgres'
      ? sql<string | null>`(SELECT string_agg(role, ',' ORDER BY role) FROM user_roles WHERE user_roles.user_id = users.id)`
      : sql<string | null>`(SELECT group_concat(role, ',' ORDER BY role) FROM user_roles WHERE user_roles.user_id = users.id)`;
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select([
      'sessions.id as session_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id',
      'users.org_id',
      'users.email',
      'users.name',
      'users.status',
      'users.team_id',
      'users.locale',
      'users.time_zone',
      'users.job_role',
      'organisations.name as org_name',
      'organisations.currency as org_currency',
      roles.as('roles'),
    ])
    .where('sessions.token_hash', '=', tokenHash);
};
const sessionWithUserOn = { sqlite: compiledOnce(sessionWithUser('sqlite')), postgres: compiledOnce(sessionWithUser('postgres')) };

export async function findSessionWithUser(db: Executor, dialect: Dialect, tokenHash: string) {
  const [row] = await sessionWithUserOn[dialect](db, tokenHash);
  return row;
}

export function touchSession(db: Executor, id: string, at: string) {
  return db.updateTable('sessions').set({ last_seen_at: at, updated_at: at }).where('id', '=', id).execute();
}

export function deleteSessionByTokenHash(db: Executor, tokenHash: string) {
  return db.deleteFrom('sessions').where('token_hash', '=', tokenHash).returning(['user_id', 'org_id']).executeTakeFirst();
}

export function deleteSession(db: Executor, id: string) {
  return db.deleteFrom('sessions').where('id', '=', id).execute();
}

export function deleteSessionsOfUser(db: Executor, userId: string) {
  return db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export function deleteExpiredSessions(db: Executor, nowIso: string, idleCutoffIso: string) {
  return db.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<=', nowIso), eb('last_seen_at', '<=', idleCutoffIso)])).execute();
}
