import type { ExpressionBuilder, Selectable } from 'kysely';
import type { DB, ProjectMemberTable, ProjectTable } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';
import { keysetPage, type PageQuery } from '../../lib/pagination.js';
import { hasRole, type Actor } from '../../lib/policy.js';
import { like } from '../../lib/sql.js';

export type ProjectRow = Selectable<ProjectTable>;
export type MemberRow = Selectable<ProjectMemberTable>;

/**
 * Row scope of projects (DOMAIN.md): the PMO and executives read all of their organisation's;
 * anyone else the projects they manage or are a member of. Applied inside the SQL of lists.
 */
export function visibleProjects(eb: ExpressionBuilder<DB, 'projects'>, actor: Actor) {
  const inOrg = eb('projects.org_id', '=', actor.orgId);
  if (hasRole(actor, 'pmo', 'executive')) return inOrg;
  return eb.and([
    inOrg,
    eb.or([
      eb('projects.manager_id', '=', actor.id),
      eb('projects.id', 'in', eb.selectFrom('project_members as pm').select('pm.project_id').where('pm.user_id', '=', actor.id)),
    ]),
  ]);
}

export function findProject(db: Executor, orgId: string, id: string) {
  return db.selectFrom('projects').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findProjectByCode(db: Executor, orgId: string, code: string) {
  return db.selectFrom('projects').select('id').where('org_id', '=', orgId).where('code', '=', code).executeTakeFirst();
}

export async function isMember(db: Executor, projectId: string, userId: string) {
  return !!(await db.selectFrom('project_members').select('id').where('project_id', '=', projectId).where('user_id', '=', userId).executeTakeFirst());
}

export interface ProjectFilter {
  q?: string;
  status?: string;
  managerId?: string;
  mine?: boolean;
}

export function listProjects(db: Executor, actor: Actor, f: ProjectFilter, page: PageQuery) {
  let q = db
    .selectFrom('projects')
    .leftJoin('users as mgr', 'mgr.id', 'projects.manager_id')
    .selectAll('projects')
    .select('mgr.name as manager_name')
    .where((eb) => visibleProjects(eb, actor));
  if (f.status) q = q.where('projects.status', '=', f.status as ProjectRow['status']);
  if (f.managerId) q = q.where('projects.manager_id', '=', f.managerId);
  if (f.mine) {
    q = q.where((eb) =>
      eb.or([eb('projects.manager_id', '=', actor.id), eb('projects.id', 'in', eb.selectFrom('project_members as me').select('me.project_id').where('me.user_id', '=', actor.id))]),
    );
  }
  if (f.q) q = q.where((eb) => eb.or([like(eb.fn('lower', ['projects.name']), f.q!.toLowerCase(), 'contains'), like(eb.fn('lower', ['projects.code']), f.q!.toLowerCase(), 'prefix')]));
  return keysetPage(q, {
    sort: [
      { column: 'projects.name', direction: 'asc' },
      { column: 'projects.id', direction: 'asc' },
    ],
    page,
    keyOf: (r) => [r.name, r.id],
  });
}

export function insertProject(db: Executor, row: ProjectRow) {
  return db.insertInto('projects').values(row).execute();
}

export function updateProjectIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<ProjectRow>) {
  return db.updateTable('projects').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

/** Computed fields: written by the scheduler without a version bump (they follow from the plan). */
export function setProjectComputed(db: Executor, id: string, patch: Pick<ProjectRow, 'planned_finish' | 'percent_complete'>) {
  return db.updateTable('projects').set(patch).where('id', '=', id).execute();
}

export function userName(db: Executor, id: string) {
  return db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst().then((r) => r?.name ?? null);
}

export function listMembers(db: Executor, projectId: string) {
  return db
    .selectFrom('project_members')
    .innerJoin('users', 'users.id', 'project_members.user_id')
    .selectAll('project_members')
    .select('users.name as user_name')
    .where('project_members.project_id', '=', projectId)
    .orderBy('users.name')
    .execute();
}

export function findMember(db: Executor, projectId: string, id: string) {
  return db.selectFrom('project_members').selectAll().where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
}

export function insertMember(db: Executor, row: MemberRow) {
  return db.insertInto('project_members').values(row).execute();
}

export function deleteMember(db: Executor, id: string) {
  return db.deleteFrom('project_members').where('id', '=', id).execute();
}

export function defaultCalendarId(db: Executor, orgId: string) {
  return db.selectFrom('calendars').select('id').where('org_id', '=', orgId).where('is_default', '=', 1).executeTakeFirst().then((r) => r?.id ?? null);
}
