import type { z } from 'zod';
import type { CreateStakeholderRequest, ListStakeholdersQuery, StakeholderResponse, UpdateStakeholderRequest } from '../../../contracts/engagement.js';
import { quadrantOf, type Quadrant } from '../../../domain/engagement/engagement.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { notFound, staleVersion, validationFailed, type FieldIssue } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { abilitiesFor, authorize, can, type Actor } from '../../lib/policy.js';
import { findProject, isMember, type ProjectRow } from '../projects/project.repository.js';
import { loadProject, projectRecord } from '../projects/project.service.js';
import { STAKEHOLDER_ACTIONS } from './engagement.policy.js';
import * as repo from './engagement.repository.js';

export function presentStakeholder(actor: Actor, s: repo.StakeholderRow, project: ProjectRow, member: boolean): StakeholderResponse {
  return {
    id: s.id,
    projectId: s.project_id,
    userId: s.user_id,
    name: s.name,
    organisation: s.organisation,
    roleTitle: s.role_title,
    influence: s.influence,
    interest: s.interest,
    quadrant: quadrantOf(s.influence, s.interest),
    attitude: s.attitude,
    expectations: s.expectations,
    engagementApproach: s.engagement_approach,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
    version: s.version,
    abilities: abilitiesFor(actor, 'stakeholder', projectRecord(project, member), STAKEHOLDER_ACTIONS),
  };
}

const auditView = (s: repo.StakeholderRow) => {
  const { created_at: _c, updated_at: _u, version: _v, org_id: _o, id: _i, ...rest } = s;
  return rest;
};

async function loadStakeholder(ctx: Ctx, db: Executor, id: string, action: string) {
  const s = await repo.findStakeholder(db, ctx.actor.orgId, id);
  if (!s) throw notFound('Stakeholder');
  const project = (await findProject(db, ctx.actor.orgId, s.project_id))!;
  const member = await isMember(db, project.id, ctx.actor.id);
  authorize(ctx.actor, action, 'stakeholder', projectRecord(project, member), 'Stakeholder');
  return { stakeholder: s, project, member };
}

/** A stakeholder who is a user must be one of the organisation; without a user, a name is needed. */
async function resolveName(db: Executor, orgId: string, userId: string | null, name: string): Promise<string> {
  const issues: FieldIssue[] = [];
  let resolved = name;
  if (userId) {
    const u = await db.selectFrom('users').select('name').where('org_id', '=', orgId).where('id', '=', userId).executeTakeFirst();
    if (!u) issues.push({ path: 'userId', message: 'No such user in this organisation.' });
    else if (!resolved) resolved = u.name;
  }
  if (!resolved && !issues.length) issues.push({ path: 'name', message: 'Give a name, or pick a user.' });
  if (issues.length) throw validationFailed(issues);
  return resolved;
}

const QUADRANT_BOX: Record<Quadrant, [number, number, number, number]> = {
  manage_closely: [3, 5, 3, 5],
  keep_satisfied: [3, 5, 1, 2],
  keep_informed: [1, 2, 3, 5],
  monitor: [1, 2, 1, 2],
};

export async function listStakeholders(ctx: Ctx, projectId: string, q: z.infer<typeof ListStakeholdersQuery>) {
  const { project, member } = await loadProject(ctx, ctx.db, projectId, 'read');
  const page = await repo.listStakeholders(ctx.db, projectId, { box: q.quadrant ? QUADRANT_BOX[q.quadrant] : undefined, attitude: q.attitude }, { limit: q.limit, cursor: q.cursor });
  return {
    items: page.items.map((s) => presentStakeholder(ctx.actor, s, project, member)),
    nextCursor: page.nextCursor,
    abilities: { create: can(ctx.actor, 'manageStakeholders', 'project', projectRecord(project, member)) },
  };
}

export async function getStakeholder(ctx: Ctx, id: string) {
  const { stakeholder, project, member } = await loadStakeholder(ctx, ctx.db, id, 'read');
  return presentStakeholder(ctx.actor, stakeholder, project, member);
}

export async function createStakeholder(ctx: Ctx, projectId: string, input: z.infer<typeof CreateStakeholderRequest>): Promise<StakeholderResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { project, member } = await loadProject(ctx, trx, projectId, 'manageStakeholders');
    const name = await resolveName(trx, ctx.actor.orgId, input.userId, input.name);
    const row: repo.StakeholderRow = {
      id: uuidv7(now.getTime()),
      org_id: project.org_id,
      project_id: projectId,
      user_id: input.userId,
      name,
      organisation: input.organisation,
      role_title: input.roleTitle,
      influence: input.influence,
      interest: input.interest,
      attitude: input.attitude,
      expectations: input.expectations,
      engagement_approach: input.engagementApproach,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await repo.insertStakeholder(trx, row);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'stakeholder', entityId: row.id, changes: diffRecords(null, auditView(row)), ip: ctx.ip, at: now });
    return presentStakeholder(ctx.actor, row, project, member);
  });
}

export async function updateStakeholder(ctx: Ctx, id: string, input: z.infer<typeof UpdateStakeholderRequest>): Promise<StakeholderResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { stakeholder: before, project, member } = await loadStakeholder(ctx, trx, id, 'update');
    if (input.version !== before.version) throw staleVersion(presentStakeholder(ctx.actor, before, project, member));
    const userId = input.userId === undefined ? before.user_id : input.userId;
    // A newly picked user without a name given brings their own name; unlinking keeps the name.
    const name = input.userId !== undefined || input.name !== undefined ? await resolveName(trx, ctx.actor.orgId, userId, input.name ?? (input.userId ? '' : before.name)) : before.name;
    const patch: Partial<repo.StakeholderRow> = { updated_at: at, user_id: userId, name };
    const map: [keyof typeof input, keyof repo.StakeholderRow][] = [
      ['organisation', 'organisation'], ['roleTitle', 'role_title'], ['influence', 'influence'], ['interest', 'interest'], ['attitude', 'attitude'], ['expectations', 'expectations'], ['engagementApproach', 'engagement_approach'],
    ];
    for (const [from, to] of map) if (input[from] !== undefined) (patch as Record<string, unknown>)[to] = input[from];
    const after = await repo.updateStakeholderIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(presentStakeholder(ctx.actor, (await repo.findStakeholder(trx, ctx.actor.orgId, id))!, project, member));
    const changes = diffRecords(auditView(before), auditView(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'stakeholder', entityId: id, changes, ip: ctx.ip, at: now });
    return presentStakeholder(ctx.actor, after, project, member);
  });
}

/** Removes a stakeholder, and takes them off the communication items that addressed them. */
export async function deleteStakeholder(ctx: Ctx, id: string, version: number): Promise<void> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  await inTransaction(ctx.db, async (trx) => {
    const { stakeholder: before, project, member } = await loadStakeholder(ctx, trx, id, 'delete');
    if (version !== before.version) throw staleVersion(presentStakeholder(ctx.actor, before, project, member));
    for (const item of await repo.itemsAddressing(trx, project.id, id)) {
      const ids = (JSON.parse(item.stakeholder_ids) as string[]).filter((x) => x !== id);
      await repo.updateItemIfVersion(trx, ctx.actor.orgId, item.id, item.version, { stakeholder_ids: JSON.stringify(ids), updated_at: at });
    }
    if (!(await repo.deleteStakeholderIfVersion(trx, ctx.actor.orgId, id, version))) throw staleVersion(before);
    await recordAudit(trx, { orgId: before.org_id, actorId: ctx.actor.id, action: 'delete', entityType: 'stakeholder', entityId: id, changes: diffRecords(auditView(before), null), ip: ctx.ip, at: now });
  });
}
