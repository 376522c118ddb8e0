import type { z } from 'zod';
import type { CreateSavedViewRequest, SavedViewResponse, UpdateSavedViewRequest } from '../../../contracts/deals.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { forbidden, notFound, staleVersion } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { allow, authorize, can, type Actor } from '../../lib/policy.js';
import { salesScope } from '../sales/sales.access.js';
import * as repo from './saved-view.repository.js';

/** A saved view: its creator edits it; a shared one is readable by the organisation's sales users. */
interface SavedViewRecord {
  orgId: string;
  userId: string;
  shared: boolean;
}
allow<SavedViewRecord>('savedView', 'read', (a, r) => r.userId === a.id || (r.shared && salesScope(a) !== null));
allow<SavedViewRecord>('savedView', ['update', 'delete'], (a, r) => r.userId === a.id);
allow<undefined>('savedView', ['list', 'create'], (a) => salesScope(a) !== null);

const recordOf = (r: repo.SavedViewRow): SavedViewRecord => ({ orgId: r.org_id, userId: r.user_id, shared: Boolean(r.shared) });

function present(actor: Actor, r: repo.SavedViewWithUser): SavedViewResponse {
  const mine = r.user_id === actor.id;
  return { id: r.id, list: r.list, name: r.name, filters: JSON.parse(r.filters), shared: Boolean(r.shared), userId: r.user_id, userName: r.user_name, version: r.version, abilities: { update: mine, delete: mine } };
}

async function load(ctx: Ctx, db: Executor, id: string, action: string) {
  const row = await repo.findSavedView(db, ctx.actor.orgId, id);
  if (!row) throw notFound('Saved view');
  authorize(ctx.actor, action, 'savedView', recordOf(row), 'Saved view');
  return row;
}

const auditView = (r: repo.SavedViewRow) => ({ list: r.list, name: r.name, filters: r.filters, shared: r.shared });

export async function listSavedViews(ctx: Ctx, list: string) {
  if (!can(ctx.actor, 'list', 'savedView')) throw notFound('Saved view');
  const rows = await repo.listSavedViews(ctx.db, ctx.actor.orgId, ctx.actor.id, list, true);
  return { items: rows.map((r) => present(ctx.actor, r)) };
}

export async function createSavedView(ctx: Ctx, input: z.infer<typeof CreateSavedViewRequest>) {
  if (salesScope(ctx.actor) === null) throw forbidden();
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const row: repo.SavedViewRow = { id: uuidv7(now.getTime()), org_id: ctx.actor.orgId, created_at: at, updated_at: at, version: 1, user_id: ctx.actor.id, list: input.list, name: input.name, filters: JSON.stringify(input.filters), shared: input.shared ? 1 : 0 };
    await repo.insertSavedView(trx, row);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'saved_view', entityId: row.id, changes: diffRecords(null, auditView(row)), ip: ctx.ip, at: now });
    return present(ctx.actor, (await repo.findSavedView(trx, row.org_id, row.id))!);
  });
}

export async function updateSavedView(ctx: Ctx, id: string, input: z.infer<typeof UpdateSavedViewRequest>) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const before = await load(ctx, trx, id, 'update');
    if (input.version !== before.version) throw staleVersion(present(ctx.actor, before));
    const patch: Partial<repo.SavedViewRow> = { updated_at: at };
    if (input.name !== undefined) patch.name = input.name;
    if (input.filters !== undefined) patch.filters = JSON.stringify(input.filters);
    if (input.shared !== undefined) patch.shared = input.shared ? 1 : 0;
    const after = await repo.updateSavedViewIfVersion(trx, id, input.version, patch);
    if (!after) throw staleVersion(present(ctx.actor, (await repo.findSavedView(trx, ctx.actor.orgId, id))!));
    const changes = diffRecords(auditView(before), auditView(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'saved_view', entityId: id, changes, ip: ctx.ip, at: now });
    return present(ctx.actor, (await repo.findSavedView(trx, ctx.actor.orgId, id))!);
  });
}

export async function deleteSavedView(ctx: Ctx, id: string, version: number) {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const before = await load(ctx, trx, id, 'delete');
    if (version !== before.version) throw staleVersion(present(ctx.actor, before));
    const res = await repo.deleteSavedViewIfVersion(trx, id, version);
    if (!Number(res.numDeletedRows)) throw staleVersion(present(ctx.actor, before));
    await recordAudit(trx, { orgId: before.org_id, actorId: ctx.actor.id, action: 'delete', entityType: 'saved_view', entityId: id, changes: diffRecords(auditView(before), null), ip: ctx.ip, at: now });
  });
}
