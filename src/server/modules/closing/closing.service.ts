import type { z } from 'zod';
import type { ClosingResponse, CreateChecklistItemRequest, UpdateChecklistItemRequest, UpdateClosingRequest } from '../../../contracts/closing.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { notFound, ruleViolated, staleVersion } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { authorize, can } from '../../lib/policy.js';
import { findProject, isMember, type ProjectRow } from '../projects/project.repository.js';
import { loadProject, projectRecord, updateProject } from '../projects/project.service.js';
import { ensureClosing, missingForClose } from './closing.guard.js';
import * as repo from './closing.repository.js';
import { presentLesson } from './lessons.service.js';

export const presentItem = (i: repo.ItemWithNames) => ({
  id: i.id,
  projectId: i.project_id,
  key: i.item_key,
  label: i.label,
  position: i.position,
  done: i.done === 1,
  doneAt: i.done_at,
  doneByName: i.done_by_name,
  version: i.version,
});

const FINISHED: ProjectRow['status'][] = ['closed', 'cancelled'];

async function respond(ctx: Ctx, db: Executor, project: ProjectRow, member: boolean): Promise<ClosingResponse> {
  const [closing, items, lessons, missing] = await Promise.all([repo.findClosing(db, project.id), repo.listItems(db, project.id), repo.lessonsOfProject(db, project.id), missingForClose(db, project.id)]);
  const manage = can(ctx.actor, 'manageClosing', 'project', projectRecord(project, member));
  return {
    projectId: project.id,
    projectStatus: project.status,
    projectVersion: project.version,
    checklist: items.map(presentItem),
    acceptedBy: closing?.accepted_by ?? '',
    acceptedOn: closing?.accepted_on ?? null,
    acceptanceNote: closing?.acceptance_note ?? '',
    wentWell: closing?.went_well ?? '',
    wentBadly: closing?.went_badly ?? '',
    closedAt: closing?.closed_at ?? null,
    closedByName: closing?.closed_by_name ?? null,
    lessons: lessons.map((l) => presentLesson(ctx.actor, l, member && l.project_id === project.id)),
    missing,
    version: closing?.version ?? 0,
    abilities: { manage, close: manage && !FINISHED.includes(project.status) && missing.length === 0 },
  };
}

/** The closing tab. Its manager's first visit makes the record and the default checklist. */
export async function getClosing(ctx: Ctx, projectId: string): Promise<ClosingResponse> {
  const { project, member } = await loadProject(ctx, ctx.db, projectId, 'read');
  if (can(ctx.actor, 'manageClosing', 'project', projectRecord(project, member)) && !(await repo.findClosing(ctx.db, projectId))) {
    return inTransaction(ctx.db, async (trx) => {
      await ensureClosing(ctx, trx, project, ctx.clock.now());
      return respond(ctx, trx, project, member);
    });
  }
  return respond(ctx, ctx.db, project, member);
}

const auditView = (c: repo.ClosingRow) => ({ accepted_by: c.accepted_by, accepted_on: c.accepted_on, acceptance_note: c.acceptance_note, went_well: c.went_well, went_badly: c.went_badly });

/** Records the final acceptance and the retrospective's text. */
export async function updateClosing(ctx: Ctx, projectId: string, input: z.infer<typeof UpdateClosingRequest>): Promise<ClosingResponse> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const { project, member } = await loadProject(ctx, trx, projectId, 'manageClosing');
    const existing = await repo.findClosing(trx, projectId);
    if ((existing?.version ?? 0) !== input.version) throw staleVersion(await respond(ctx, trx, project, member));
    if (project.status === 'closed') throw ruleViolated('This project is closed: its acceptance and retrospective are kept as they were.');
    const before = existing ?? (await ensureClosing(ctx, trx, project, now));
    const patch: Partial<repo.ClosingRow> = { updated_at: now.toISOString() };
    if (input.acceptedBy !== undefined) patch.accepted_by = input.acceptedBy;
    if (input.acceptedOn !== undefined) patch.accepted_on = input.acceptedOn;
    if (input.acceptanceNote !== undefined) patch.acceptance_note = input.acceptanceNote;
    if (input.wentWell !== undefined) patch.went_well = input.wentWell;
    if (input.wentBadly !== undefined) patch.went_badly = input.wentBadly;
    const after = await repo.updateClosingIfVersion(trx, projectId, before.version, patch);
    if (!after) throw staleVersion(await respond(ctx, trx, project, member));
    const changes = diffRecords(auditView(before), auditView(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: project.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'project_closing', entityId: after.id, changes, ip: ctx.ip, at: now });
    return respond(ctx, trx, project, member);
  });
}

export async function addItem(ctx: Ctx, projectId: string, input: z.infer<typeof CreateChecklistItemRequest>) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { project } = await loadProject(ctx, trx, projectId, 'manageClosing');
    if (project.status === 'closed') throw ruleViolated('This project is closed: its checklist is kept as it was.');
    const row: repo.ChecklistItemRow = {
      id: uuidv7(now.getTime()), org_id: project.org_id, project_id: projectId, item_key: null, label: input.label, position: await repo.nextItemPosition(trx, projectId),
      done: 0, done_at: null, done_by: null, created_at: at, updated_at: at, version: 1,
    };
    await repo.insertItems(trx, [row]);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'closing_item', entityId: row.id, changes: diffRecords(null, { project_id: projectId, label: row.label }), ip: ctx.ip, at: now });
    return presentItem({ ...row, done_by_name: null });
  });
}

async function loadItem(ctx: Ctx, trx: Executor, id: string) {
  const item = await repo.findItem(trx, ctx.actor.orgId, id);
  if (!item) throw notFound('Checklist item');
  const project = (await findProject(trx, ctx.actor.orgId, item.project_id))!;
  const member = await isMember(trx, project.id, ctx.actor.id);
  authorize(ctx.actor, 'manageClosing', 'project', projectRecord(project, member), 'Checklist item');
  if (project.status === 'closed') throw ruleViolated('This project is closed: its checklist is kept as it was.');
  return item;
}

export async function updateItem(ctx: Ctx, id: string, input: z.infer<typeof UpdateChecklistItemRequest>) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const before = await loadItem(ctx, trx, id);
    const current = async () => presentItem((await repo.listItems(trx, before.project_id)).find((i) => i.id === id)!);
    if (before.version !== input.version) throw staleVersion(await current());
    const patch: Partial<repo.ChecklistItemRow> = { updated_at: at };
    if (input.label !== undefined) patch.label = input.label;
    if (input.done !== undefined && input.done !== (before.done === 1)) Object.assign(patch, input.done ? { done: 1, done_at: at, done_by: ctx.actor.id } : { done: 0, done_at: null, done_by: null });
    const after = await repo.updateItemIfVersion(trx, id, input.version, patch);
    if (!after) throw staleVersion(await current());
    const changes = diffRecords({ label: before.label, done: before.done }, { label: after.label, done: after.done });
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'closing_item', entityId: id, changes, ip: ctx.ip, at: now });
    return current();
  });
}

export async function deleteItem(ctx: Ctx, id: string, version: number) {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const item = await loadItem(ctx, trx, id);
    if (item.version !== version) throw staleVersion(presentItem({ ...item, done_by_name: null }));
    await repo.deleteItem(trx, id);
    await recordAudit(trx, { orgId: item.org_id, actorId: ctx.actor.id, action: 'delete', entityType: 'closing_item', entityId: id, changes: diffRecords({ project_id: item.project_id, label: item.label, done: item.done }, null), ip: ctx.ip, at: now });
  });
}

/** Closes the project: the project update with status `closed`, which checks what closing needs (422 naming what is missing). */
export async function closeProject(ctx: Ctx, projectId: string, version: number) {
  return updateProject(ctx, projectId, { version, status: 'closed' });
}
