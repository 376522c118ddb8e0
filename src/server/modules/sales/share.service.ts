import { inTransaction } from '../../db/transaction.js';
import { recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { validationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { can } from '../../lib/policy.js';
import { authorizeSales } from './sales.access.js';
import * as repo from './share.repository.js';

const WHAT = { account: 'Account', lead: 'Lead', opportunity: 'Opportunity', contract: 'Contract' } as const;

/** Who a record is shared with; readable by whoever may read the record. */
export async function listRecordShares(ctx: Ctx, entity: repo.ShareableEntity, id: string) {
  const row = await repo.findShareable(ctx.db, entity, ctx.actor.orgId, id);
  const record = await authorizeSales(ctx.db, ctx.actor, 'read', row, entity, WHAT[entity]);
  const rows = await repo.listShares(ctx.db, entity, id);
  return { items: rows.map((r) => ({ userId: r.user_id, userName: r.user_name, access: r.access as 'read' | 'edit' })), abilities: { share: can(ctx.actor, 'share', 'salesRecord', record) } };
}

/** Shares a record with a colleague (or changes their access); the owner and their managers may. */
export async function shareRecord(ctx: Ctx, entity: repo.ShareableEntity, id: string, userId: string, access: 'read' | 'edit') {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const row = await repo.findShareable(trx, entity, ctx.actor.orgId, id);
    await authorizeSales(trx, ctx.actor, 'share', row, entity, WHAT[entity]);
    const user = await repo.findOrgUser(trx, ctx.actor.orgId, userId);
    if (!user || user.status === 'disabled') throw validationFailed([{ path: 'userId', message: 'No active colleague with this id.' }]);
    // Sales records are shared among sales people; executives read everything already.
    if (!user.roles.some((r) => r === 'sales_rep' || r === 'sales_manager')) throw validationFailed([{ path: 'userId', message: 'Share with sales reps and sales managers only.' }]);
    if (userId === row!.owner_id) throw validationFailed([{ path: 'userId', message: 'The owner already has this record.' }]);
    const before = await repo.findShare(trx, entity, id, userId);
    await repo.upsertShare(trx, { id: uuidv7(now.getTime()), org_id: ctx.actor.orgId, entity_type: entity, entity_id: id, user_id: userId, access, at: now.toISOString() });
    await recordAudit(trx, { orgId: ctx.actor.orgId, actorId: ctx.actor.id, action: 'share', entityType: entity, entityId: id, changes: { [userId]: [before?.access ?? null, access] }, ip: ctx.ip, at: now });
  });
  return listRecordShares(ctx, entity, id);
}

export async function unshareRecord(ctx: Ctx, entity: repo.ShareableEntity, id: string, userId: string) {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const row = await repo.findShareable(trx, entity, ctx.actor.orgId, id);
    await authorizeSales(trx, ctx.actor, 'share', row, entity, WHAT[entity]);
    const before = await repo.findShare(trx, entity, id, userId);
    if (!before) return;
    await repo.deleteShare(trx, entity, id, userId);
    await recordAudit(trx, { orgId: ctx.actor.orgId, actorId: ctx.actor.id, action: 'unshare', entityType: entity, entityId: id, changes: { [userId]: [before.access, null] }, ip: ctx.ip, at: now });
  });
  return listRecordShares(ctx, entity, id);
}
