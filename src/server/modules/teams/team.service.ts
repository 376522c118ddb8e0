import type { z } from 'zod';
import type { CreateTeamRequest, TeamResponse, UpdateTeamRequest } from '../../../contracts/teams.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { notFound, ruleViolated, staleVersion, validationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { abilitiesFor, authorize, type Actor } from '../../lib/policy.js';
import { userExistsInOrg } from '../users/user.repository.js';
import * as repo from './team.repository.js';
import { TEAM_ACTIONS } from './team.policy.js';

const record = (t: repo.TeamRow) => ({ id: t.id, orgId: t.org_id });

function present(actor: Actor, t: repo.TeamRow, memberCount: number): TeamResponse {
  return { id: t.id, name: t.name, kind: t.kind, managerId: t.manager_id, parentId: t.parent_id, memberCount, version: t.version, abilities: abilitiesFor(actor, 'team', record(t), TEAM_ACTIONS) };
}
const auditView = ({ name, kind, manager_id, parent_id }: repo.TeamRow) => ({ name, kind, manager_id, parent_id });

export async function listTeams(ctx: Ctx): Promise<{ items: TeamResponse[] }> {
  authorize(ctx.actor, 'list', 'team');
  const rows = await repo.listTeamsWithCounts(ctx.db, ctx.actor.orgId);
  return { items: rows.map((r) => present(ctx.actor, r, Number(r.member_count))) };
}

async function checkRefs(ctx: Ctx, trx: Executor, input: { managerId?: string | null; parentId?: string | null }, selfId?: string) {
  const issues: { path: string; message: string }[] = [];
  if (input.managerId && !(await userExistsInOrg(trx, ctx.actor.orgId, input.managerId))) issues.push({ path: 'managerId', message: 'No such user.' });
  if (input.parentId) {
    if (!(await repo.teamExistsInOrg(trx, ctx.actor.orgId, input.parentId))) issues.push({ path: 'parentId', message: 'No such team.' });
    else if (selfId && (await repo.descendantTeamIds(trx, selfId)).includes(input.parentId)) {
      issues.push({ path: 'parentId', message: 'A team cannot be placed under itself or one of its own sub-teams.' });
    }
  }
  if (issues.length) throw validationFailed(issues);
}

export async function createTeam(ctx: Ctx, input: z.infer<typeof CreateTeamRequest>): Promise<TeamResponse> {
  authorize(ctx.actor, 'create', 'team');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    await checkRefs(ctx, trx, input);
    const row: repo.TeamRow = { id: uuidv7(now.getTime()), org_id: ctx.actor.orgId, name: input.name, kind: input.kind, manager_id: input.managerId, parent_id: input.parentId, created_at: at, updated_at: at, version: 1 };
    await repo.insertTeam(trx, row);
    await repo.rebuildTeamClosure(trx, ctx.actor.orgId, at);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'team', entityId: row.id, changes: diffRecords(null, auditView(row)), ip: ctx.ip, at: now });
    return present(ctx.actor, row, 0);
  });
}

export async function updateTeam(ctx: Ctx, id: string, input: z.infer<typeof UpdateTeamRequest>): Promise<TeamResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const before = await repo.findTeam(trx, ctx.actor.orgId, id);
    if (!before) throw notFound('Team');
    authorize(ctx.actor, 'update', 'team', record(before), 'Team');
    const count = async () => (await repo.listTeamsWithCounts(trx, ctx.actor.orgId)).find((t) => t.id === id)?.member_count ?? 0;
    if (before.version !== input.version) throw staleVersion(present(ctx.actor, before, Number(await count())));
    await checkRefs(ctx, trx, input, id);
    const patch: Partial<repo.TeamRow> = { updated_at: at };
    if (input.name !== undefined) patch.name = input.name;
    if (input.kind !== undefined) patch.kind = input.kind;
    if (input.managerId !== undefined) patch.manager_id = input.managerId;
    if (input.parentId !== undefined) patch.parent_id = input.parentId;
    const after = await repo.updateTeamIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(present(ctx.actor, before, Number(await count())));
    if (input.parentId !== undefined && input.parentId !== before.parent_id) await repo.rebuildTeamClosure(trx, ctx.actor.orgId, at);
    const changes = diffRecords(auditView(before), auditView(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'team', entityId: id, changes, ip: ctx.ip, at: now });
    return present(ctx.actor, after, Number(await count()));
  });
}

export async function deleteTeam(ctx: Ctx, id: string, version: number): Promise<void> {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const before = await repo.findTeam(trx, ctx.actor.orgId, id);
    if (!before) throw notFound('Team');
    authorize(ctx.actor, 'delete', 'team', record(before), 'Team');
    if (before.version !== version) throw staleVersion(present(ctx.actor, before, 0));
    const usage = await repo.teamUsage(trx, id);
    if (usage.hasMembers || usage.hasChildren) throw ruleViolated('Move this team’s members and sub-teams elsewhere before deleting it.', usage);
    await repo.deleteTeam(trx, id);
    await repo.rebuildTeamClosure(trx, ctx.actor.orgId, now.toISOString());
    await recordAudit(trx, { orgId: before.org_id, actorId: ctx.actor.id, action: 'delete', entityType: 'team', entityId: id, changes: diffRecords(auditView(before), null), ip: ctx.ip, at: now });
  });
}
