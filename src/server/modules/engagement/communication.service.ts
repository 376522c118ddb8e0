import type { z } from 'zod';
import type { CommunicationItemResponse, CreateCommunicationItemRequest, ListCommunicationItemsQuery, MarkCommunicationDoneRequest, UpdateCommunicationItemRequest } from '../../../contracts/engagement.js';
import { advanceDue } from '../../../domain/engagement/engagement.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { notFound, ruleViolated, staleVersion, validationFailed, type FieldIssue } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { abilitiesFor, authorize, can, type Actor } from '../../lib/policy.js';
import { findProject, isMember, type ProjectRow } from '../projects/project.repository.js';
import { loadProject, projectRecord, todayFor } from '../projects/project.service.js';
import { COMMUNICATION_ACTIONS, type CommunicationRecord } from './engagement.policy.js';
import * as repo from './engagement.repository.js';

const record = (project: ProjectRow, member: boolean, ownerId: string | null): CommunicationRecord => ({ ...projectRecord(project, member), ownerId });

/** Names of the addressed stakeholders, for a page of items in one query. */
async function namesFor(db: Executor, projectId: string, items: repo.CommunicationRow[]) {
  const ids = [...new Set(items.flatMap((i) => JSON.parse(i.stakeholder_ids) as string[]))];
  return new Map((await repo.stakeholderNames(db, projectId, ids)).map((s) => [s.id, s.name]));
}

export function presentItem(ctx: Ctx, i: repo.CommunicationWithOwner, project: ProjectRow, member: boolean, names: Map<string, string>, today: string): CommunicationItemResponse {
  const actor: Actor = ctx.actor;
  return {
    id: i.id,
    projectId: i.project_id,
    topic: i.topic,
    audience: i.audience,
    stakeholders: (JSON.parse(i.stakeholder_ids) as string[]).filter((id) => names.has(id)).map((id) => ({ id, name: names.get(id)! })),
    channel: i.channel,
    frequency: i.frequency,
    ownerId: i.owner_id,
    ownerName: i.owner_name,
    nextDueDate: i.next_due_date,
    lastDoneDate: i.last_done_date,
    due: i.next_due_date !== null && i.next_due_date <= today,
    createdAt: i.created_at,
    updatedAt: i.updated_at,
    version: i.version,
    abilities: abilitiesFor(actor, 'communication', record(project, member, i.owner_id), COMMUNICATION_ACTIONS),
  };
}

const auditView = (i: repo.CommunicationRow & { owner_name?: string | null }) => {
  const { created_at: _c, updated_at: _u, version: _v, org_id: _o, id: _i, owner_name: _n, due_sort: _d, ...rest } = i;
  return rest;
};

async function loadItem(ctx: Ctx, db: Executor, id: string, action: string) {
  const item = await repo.findItem(db, ctx.actor.orgId, id);
  if (!item) throw notFound('Communication item');
  const project = (await findProject(db, ctx.actor.orgId, item.project_id))!;
  const member = await isMember(db, project.id, ctx.actor.id);
  authorize(ctx.actor, action, 'communication', record(project, member, item.owner_id), 'Communication item');
  return { item, project, member };
}

async function respondItem(ctx: Ctx, db: Executor, id: string) {
  const { item, project, member } = await loadItem(ctx, db, id, 'read');
  return presentItem(ctx, item, project, member, await namesFor(db, project.id, [item]), todayFor(ctx));
}

/** The owner is on the team; the stakeholders are the project's. */
async function checkItem(db: Executor, projectId: string, v: { ownerId?: string | null; stakeholderIds?: string[] }) {
  const issues: FieldIssue[] = [];
  if (v.ownerId && !(await isMember(db, projectId, v.ownerId))) issues.push({ path: 'ownerId', message: 'Add this person to the project team first.' });
  if (v.stakeholderIds?.length) {
    const found = new Set((await repo.stakeholderNames(db, projectId, v.stakeholderIds)).map((s) => s.id));
    v.stakeholderIds.forEach((id, n) => {
      if (!found.has(id)) issues.push({ path: `stakeholderIds.${n}`, message: 'Not a stakeholder of this project.' });
    });
  }
  if (issues.length) throw validationFailed(issues);
}

export const getItem = (ctx: Ctx, id: string) => respondItem(ctx, ctx.db, id);

export async function listItems(ctx: Ctx, projectId: string, q: z.infer<typeof ListCommunicationItemsQuery>) {
  const { project, member } = await loadProject(ctx, ctx.db, projectId, 'read');
  const page = await repo.listItems(ctx.db, projectId, { ownerId: q.ownerId }, { limit: q.limit, cursor: q.cursor });
  const names = await namesFor(ctx.db, projectId, page.items);
  const today = todayFor(ctx);
  return {
    items: page.items.map((i) => presentItem(ctx, i, project, member, names, today)),
    nextCursor: page.nextCursor,
    abilities: { create: can(ctx.actor, 'manageStakeholders', 'project', projectRecord(project, member)) },
  };
}

export async function createItem(ctx: Ctx, projectId: string, input: z.infer<typeof CreateCommunicationItemRequest>): Promise<CommunicationItemResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { project } = await loadProject(ctx, trx, projectId, 'manageStakeholders');
    const stakeholderIds = [...new Set(input.stakeholderIds)];
    await checkItem(trx, projectId, { ownerId: input.ownerId, stakeholderIds });
    const row: repo.CommunicationRow = {
      id: uuidv7(now.getTime()),
      org_id: project.org_id,
      project_id: projectId,
      topic: input.topic,
      audience: input.audience,
      stakeholder_ids: JSON.stringify(stakeholderIds),
      channel: input.channel,
      frequency: input.frequency,
      owner_id: input.ownerId,
      next_due_date: input.nextDueDate,
      due_sort: input.nextDueDate ?? repo.NO_DUE,
      last_done_date: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await repo.insertItem(trx, row);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'communication_item', entityId: row.id, changes: diffRecords(null, auditView(row)), ip: ctx.ip, at: now });
    return respondItem(ctx, trx, row.id);
  });
}

export async function updateItem(ctx: Ctx, id: string, input: z.infer<typeof UpdateCommunicationItemRequest>): Promise<CommunicationItemResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { item: before, project, member } = await loadItem(ctx, trx, id, 'update');
    if (input.version !== before.version) throw staleVersion(presentItem(ctx, before, project, member, await namesFor(trx, project.id, [before]), todayFor(ctx)));
    const stakeholderIds = input.stakeholderIds ? [...new Set(input.stakeholderIds)] : undefined;
    await checkItem(trx, project.id, { ownerId: input.ownerId, stakeholderIds });
    const patch: Partial<repo.CommunicationRow> = { updated_at: at };
    const map: [keyof typeof input, keyof repo.CommunicationRow][] = [['topic', 'topic'], ['audience', 'audience'], ['channel', 'channel'], ['frequency', 'frequency'], ['ownerId', 'owner_id'], ['nextDueDate', 'next_due_date']];
    for (const [from, to] of map) if (input[from] !== undefined) (patch as Record<string, unknown>)[to] = input[from];
    if (stakeholderIds) patch.stakeholder_ids = JSON.stringify(stakeholderIds);
    if (input.nextDueDate !== undefined) patch.due_sort = input.nextDueDate ?? repo.NO_DUE;
    const after = await repo.updateItemIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(await respondItem(ctx, trx, id));
    const changes = diffRecords(auditView(before), auditView(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'communication_item', entityId: id, changes, ip: ctx.ip, at: now });
    return respondItem(ctx, trx, id);
  });
}

/** Done: stamps the day it was done and moves the next due date on by the frequency. */
export async function markItemDone(ctx: Ctx, id: string, input: z.infer<typeof MarkCommunicationDoneRequest>): Promise<CommunicationItemResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { item: before, project, member } = await loadItem(ctx, trx, id, 'markDone');
    if (input.version !== before.version) throw staleVersion(presentItem(ctx, before, project, member, await namesFor(trx, project.id, [before]), todayFor(ctx)));
    const today = todayFor(ctx);
    const doneOn = input.doneOn ?? today;
    if (doneOn > today) throw validationFailed([{ path: 'doneOn', message: 'Not later than today.' }]);
    if (before.frequency === 'once' && before.next_due_date === null && before.last_done_date !== null) throw ruleViolated('This one-off item is already done.');
    const next = advanceDue(before.next_due_date, before.frequency, doneOn);
    const after = await repo.updateItemIfVersion(trx, ctx.actor.orgId, id, input.version, { last_done_date: doneOn, next_due_date: next, due_sort: next ?? repo.NO_DUE, updated_at: at });
    if (!after) throw staleVersion(await respondItem(ctx, trx, id));
    await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'done', entityType: 'communication_item', entityId: id, changes: diffRecords(auditView(before), auditView(after)), ip: ctx.ip, at: now });
    return respondItem(ctx, trx, id);
  });
}

export async function deleteItem(ctx: Ctx, id: string, version: number): Promise<void> {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const { item: before } = await loadItem(ctx, trx, id, 'delete');
    if (version !== before.version || !(await repo.deleteItemIfVersion(trx, ctx.actor.orgId, id, version))) throw staleVersion(await respondItem(ctx, trx, id));
    await recordAudit(trx, { orgId: before.org_id, actorId: ctx.actor.id, action: 'delete', entityType: 'communication_item', entityId: id, changes: diffRecords(auditView(before), null), ip: ctx.ip, at: now });
  });
}
