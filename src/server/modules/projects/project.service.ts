import type { z } from 'zod';
import type { CreateProjectRequest, ListProjectsQuery, MemberRequest, ProjectResponse, UpdateProjectRequest } from '../../../contracts/projects.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { localDate } from '../../lib/dates.js';
import { notFound, ruleViolated, staleVersion, validationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { abilitiesFor, authorize, type Actor } from '../../lib/policy.js';
import { calendarExistsInOrg } from '../calendars/calendar.repository.js';
import { beforeStatusChange } from '../closing/closing.guard.js';
import { userExistsInOrg } from '../users/user.repository.js';
import * as repo from './project.repository.js';
import { PROJECT_ACTIONS, type ProjectRecord } from './project.policy.js';
import { rescheduleProject } from './schedule.service.js';

export const projectRecord = (p: repo.ProjectRow, actorIsMember: boolean): ProjectRecord => ({ orgId: p.org_id, managerId: p.manager_id, actorIsMember });

export function presentProject(actor: Actor, p: repo.ProjectRow, managerName: string | null, actorIsMember: boolean): ProjectResponse {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    accountId: p.account_id,
    managerId: p.manager_id,
    managerName,
    sponsor: p.sponsor,
    goals: p.goals,
    scopeIn: p.scope_in,
    scopeOut: p.scope_out,
    status: p.status,
    health: p.health,
    plannedStart: p.planned_start,
    plannedFinish: p.planned_finish,
    calendarId: p.calendar_id,
    budgetLabour: p.budget_labour,
    budgetExpenses: p.budget_expenses,
    currency: p.currency,
    industry: p.industry,
    tags: JSON.parse(p.tags) as string[],
    percentComplete: p.percent_complete,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    version: p.version,
    abilities: abilitiesFor(actor, 'project', projectRecord(p, actorIsMember), PROJECT_ACTIONS),
  };
}

const auditView = (p: repo.ProjectRow) => {
  const { created_at: _c, updated_at: _u, version: _v, planned_finish: _f, percent_complete: _p, ...rest } = p;
  return rest;
};

/** Loads a project the actor may act on, or answers 404 when they may not even see it. */
export async function loadProject(ctx: Ctx, db: Executor, id: string, action: string) {
  const p = await repo.findProject(db, ctx.actor.orgId, id);
  if (!p) throw notFound('Project');
  const member = await repo.isMember(db, id, ctx.actor.id);
  authorize(ctx.actor, action, 'project', projectRecord(p, member), 'Project');
  return { project: p, member };
}

export async function getProject(ctx: Ctx, id: string): Promise<ProjectResponse> {
  const { project, member } = await loadProject(ctx, ctx.db, id, 'read');
  return presentProject(ctx.actor, project, await repo.userName(ctx.db, project.manager_id), member);
}

export async function listProjects(ctx: Ctx, q: z.infer<typeof ListProjectsQuery>) {
  authorize(ctx.actor, 'list', 'project');
  const page = await repo.listProjects(ctx.db, ctx.actor, { q: q.q, status: q.status, managerId: q.managerId, mine: q.mine === 'true' }, { limit: q.limit, cursor: q.cursor });
  const memberOf = new Set(
    page.items.length
      ? (await ctx.db.selectFrom('project_members').select('project_id').where('user_id', '=', ctx.actor.id).where('project_id', 'in', page.items.map((p) => p.id)).execute()).map((r) => r.project_id)
      : [],
  );
  return { items: page.items.map((p) => presentProject(ctx.actor, p, p.manager_name ?? null, memberOf.has(p.id))), nextCursor: page.nextCursor };
}

async function checkRefs(ctx: Ctx, db: Executor, input: { managerId?: string; calendarId?: string | null; code?: string }, selfId?: string) {
  const issues: { path: string; message: string }[] = [];
  if (input.managerId && !(await userExistsInOrg(db, ctx.actor.orgId, input.managerId))) issues.push({ path: 'managerId', message: 'No such user.' });
  if (input.calendarId && !(await calendarExistsInOrg(db, ctx.actor.orgId, input.calendarId))) issues.push({ path: 'calendarId', message: 'No such calendar.' });
  if (input.code) {
    const other = await repo.findProjectByCode(db, ctx.actor.orgId, input.code);
    if (other && other.id !== selfId) issues.push({ path: 'code', message: 'Another project already has this code.' });
  }
  if (issues.length) throw validationFailed(issues);
}

export async function createProject(ctx: Ctx, input: z.infer<typeof CreateProjectRequest>): Promise<ProjectResponse> {
  authorize(ctx.actor, 'create', 'project');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const managerId = input.managerId ?? ctx.actor.id;
    await checkRefs(ctx, trx, { ...input, managerId });
    const row: repo.ProjectRow = {
      id: uuidv7(now.getTime()),
      org_id: ctx.actor.orgId,
      code: input.code,
      name: input.name,
      account_id: input.accountId,
      source_contract_id: null,
      manager_id: managerId,
      sponsor: input.sponsor,
      goals: input.goals,
      scope_in: input.scopeIn,
      scope_out: input.scopeOut,
      status: input.status,
      health: input.health,
      planned_start: input.plannedStart,
      calendar_id: input.calendarId ?? (await repo.defaultCalendarId(trx, ctx.actor.orgId)),
      budget_labour: input.budgetLabour,
      budget_expenses: input.budgetExpenses,
      currency: input.currency,
      industry: input.industry,
      tags: JSON.stringify(input.tags),
      planned_finish: null,
      percent_complete: 0,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await repo.insertProject(trx, row);
    await repo.insertMember(trx, { id: uuidv7(now.getTime()), org_id: row.org_id, project_id: row.id, user_id: managerId, project_role: 'project_manager', allocation_pct: 100, from_date: null, to_date: null, created_at: at, updated_at: at, version: 1 });
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'project', entityId: row.id, changes: diffRecords(null, auditView(row)), ip: ctx.ip, at: now });
    return presentProject(ctx.actor, row, await repo.userName(trx, managerId), managerId === ctx.actor.id);
  });
}

export async function updateProject(ctx: Ctx, id: string, input: z.infer<typeof UpdateProjectRequest>): Promise<ProjectResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { project: before, member } = await loadProject(ctx, trx, id, 'update');
    const current = async () => presentProject(ctx.actor, before, await repo.userName(trx, before.manager_id), member);
    if (input.version !== before.version) throw staleVersion(await current());
    await checkRefs(ctx, trx, input, id);
    // Entering closing makes the closing checklist; closing needs it done and a retrospective (422 otherwise).
    if (input.status !== undefined && input.status !== before.status) await beforeStatusChange(ctx, trx, before, input.status);
    const patch: Partial<repo.ProjectRow> = { updated_at: at };
    const map: [keyof typeof input, keyof repo.ProjectRow][] = [
      ['code', 'code'], ['name', 'name'], ['accountId', 'account_id'], ['managerId', 'manager_id'], ['sponsor', 'sponsor'], ['goals', 'goals'],
      ['scopeIn', 'scope_in'], ['scopeOut', 'scope_out'], ['status', 'status'], ['health', 'health'], ['plannedStart', 'planned_start'],
      ['calendarId', 'calendar_id'], ['budgetLabour', 'budget_labour'], ['budgetExpenses', 'budget_expenses'], ['currency', 'currency'], ['industry', 'industry'],
    ];
    for (const [from, to] of map) if (input[from] !== undefined) (patch as Record<string, unknown>)[to] = input[from];
    if (input.tags !== undefined) patch.tags = JSON.stringify(input.tags);
    const after = await repo.updateProjectIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(await current());
    if (input.plannedStart !== undefined || input.calendarId !== undefined) await rescheduleProject(trx, after);
    const changes = diffRecords(auditView(before), auditView(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'project', entityId: id, changes, ip: ctx.ip, at: now });
    const fresh = (await repo.findProject(trx, ctx.actor.orgId, id))!;
    return presentProject(ctx.actor, fresh, await repo.userName(trx, fresh.manager_id), await repo.isMember(trx, id, ctx.actor.id));
  });
}

const presentMember = (m: repo.MemberRow & { user_name: string }) => ({
  id: m.id,
  userId: m.user_id,
  userName: m.user_name,
  projectRole: m.project_role,
  allocationPct: m.allocation_pct,
  fromDate: m.from_date,
  toDate: m.to_date,
  version: m.version,
});

export async function listMembers(ctx: Ctx, projectId: string) {
  await loadProject(ctx, ctx.db, projectId, 'read');
  return { items: (await repo.listMembers(ctx.db, projectId)).map(presentMember) };
}

export async function addMember(ctx: Ctx, projectId: string, input: z.infer<typeof MemberRequest>) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { project } = await loadProject(ctx, trx, projectId, 'manageMembers');
    if (!(await userExistsInOrg(trx, ctx.actor.orgId, input.userId))) throw validationFailed([{ path: 'userId', message: 'No such user.' }]);
    if (await repo.isMember(trx, projectId, input.userId)) throw validationFailed([{ path: 'userId', message: 'Already a member of this project.' }]);
    const row: repo.MemberRow = { id: uuidv7(now.getTime()), org_id: project.org_id, project_id: projectId, user_id: input.userId, project_role: input.projectRole, allocation_pct: input.allocationPct, from_date: input.fromDate, to_date: input.toDate, created_at: at, updated_at: at, version: 1 };
    await repo.insertMember(trx, row);
    await recordAudit(trx, { orgId: project.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'project_member', entityId: row.id, changes: diffRecords(null, { project_id: projectId, user_id: row.user_id, project_role: row.project_role, allocation_pct: row.allocation_pct }), ip: ctx.ip, at: now });
    return presentMember({ ...row, user_name: (await repo.userName(trx, row.user_id)) ?? '' });
  });
}

export async function removeMember(ctx: Ctx, projectId: string, memberId: string, version: number) {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const { project } = await loadProject(ctx, trx, projectId, 'manageMembers');
    const m = await repo.findMember(trx, projectId, memberId);
    if (!m) throw notFound('Member');
    if (m.version !== version) throw staleVersion({ ...m });
    if (m.user_id === project.manager_id) throw ruleViolated('The project manager stays a member; hand the project to another manager first.');
    await repo.deleteMember(trx, memberId);
    await recordAudit(trx, { orgId: project.org_id, actorId: ctx.actor.id, action: 'delete', entityType: 'project_member', entityId: memberId, changes: diffRecords({ project_id: projectId, user_id: m.user_id, project_role: m.project_role }, null), ip: ctx.ip, at: now });
  });
}

export const todayFor = (ctx: Ctx) => localDate(ctx.clock.now(), ctx.actor.timeZone ?? 'UTC');
