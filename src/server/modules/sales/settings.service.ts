import type { z } from 'zod';
import type { SalesSettingsResponse, UpdateSalesSettingsRequest } from '../../../contracts/sales.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { staleVersion } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { authorize, can } from '../../lib/policy.js';
import * as repo from './settings.repository.js';

/** The organisation's sales settings; the defaults when none were saved yet (for any reader). */
export async function salesSettingsOf(db: Executor, orgId: string): Promise<Omit<repo.SalesSettingsRow, 'id' | 'created_at' | 'updated_at'>> {
  return (await repo.findSalesSettings(db, orgId)) ?? { org_id: orgId, version: 0, ...repo.DEFAULT_SALES_SETTINGS };
}

async function present(ctx: Ctx, db: Executor): Promise<SalesSettingsResponse> {
  const s = await salesSettingsOf(db, ctx.actor.orgId);
  const currency = await repo.orgCurrency(db, ctx.actor.orgId);
  return {
    discountApprovalPercent: Number(s.discount_approval_percent),
    renewalNoticeDays: s.renewal_notice_days,
    defaultCadenceDays: s.default_cadence_days,
    currency,
    version: s.version,
    abilities: { update: can(ctx.actor, 'manage', 'salesSettings') },
  };
}

export async function getSalesSettings(ctx: Ctx) {
  authorize(ctx.actor, 'read', 'salesConfig');
  return present(ctx, ctx.db);
}

/** Saves the settings; `version` 0 is the unsaved defaults (the first save creates the row). */
export async function updateSalesSettings(ctx: Ctx, input: z.infer<typeof UpdateSalesSettingsRequest>) {
  authorize(ctx.actor, 'manage', 'salesSettings');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const orgId = ctx.actor.orgId;
    await repo.insertSalesSettingsIfMissing(trx, { id: uuidv7(now.getTime()), org_id: orgId, created_at: at, updated_at: at, version: 0, ...repo.DEFAULT_SALES_SETTINGS });
    const before = (await repo.findSalesSettings(trx, orgId))!;
    const patch = { discount_approval_percent: input.discountApprovalPercent, renewal_notice_days: input.renewalNoticeDays, default_cadence_days: input.defaultCadenceDays, updated_at: at };
    const after = await repo.updateSalesSettingsIfVersion(trx, orgId, input.version, patch);
    if (!after) throw staleVersion(await present(ctx, trx));
    const view = (r: repo.SalesSettingsRow) => ({ discount_approval_percent: r.discount_approval_percent, renewal_notice_days: r.renewal_notice_days, default_cadence_days: r.default_cadence_days });
    await recordAudit(trx, { orgId, actorId: ctx.actor.id, action: 'update', entityType: 'sales_settings', entityId: after.id, changes: diffRecords(view(before), view(after)), ip: ctx.ip, at: now });
    return present(ctx, trx);
  });
}
