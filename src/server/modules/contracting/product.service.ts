import type { z } from 'zod';
import type { CreateProductRequest, ListProductsQuery, ProductResponse, UpdateProductRequest } from '../../../contracts/contracting.js';
import { inTransaction } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { notFound, staleVersion, validationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { authorize, can } from '../../lib/policy.js';
import '../sales/sales.access.js';
import * as repo from './contracting.repository.js';

export function presentProduct(p: repo.ProductRow): ProductResponse {
  return {
    id: p.id, code: p.code, name: p.name, kind: p.kind, unit: p.unit, listPrice: Number(p.list_price), currency: p.currency,
    estimatedUnitCost: Number(p.estimated_unit_cost), active: Number(p.active) === 1, version: p.version,
  };
}

const auditView = (p: repo.ProductRow) => {
  const { created_at: _c, updated_at: _u, version: _v, org_id: _o, id: _i, ...rest } = p;
  return rest;
};

/** The catalogue: any sales user reads it (to quote from); sales managers keep it. */
export async function listProducts(ctx: Ctx, q: z.infer<typeof ListProductsQuery>) {
  authorize(ctx.actor, 'read', 'salesConfig');
  const rows = await repo.listProducts(ctx.db, ctx.actor.orgId, { active: q.active === undefined ? undefined : q.active === 'true', q: q.q });
  return { items: rows.map(presentProduct), abilities: { manage: can(ctx.actor, 'manage', 'salesConfig') } };
}

export async function createProduct(ctx: Ctx, input: z.infer<typeof CreateProductRequest>): Promise<ProductResponse> {
  authorize(ctx.actor, 'manage', 'salesConfig');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    if (await repo.productCodeTaken(trx, ctx.actor.orgId, input.code)) throw validationFailed([{ path: 'code', message: 'Another product has this code.' }]);
    const row: repo.ProductRow = {
      id: uuidv7(now.getTime()), org_id: ctx.actor.orgId, code: input.code, name: input.name, kind: input.kind, unit: input.unit, list_price: input.listPrice,
      currency: input.currency, estimated_unit_cost: input.estimatedUnitCost, active: input.active ? 1 : 0, created_at: at, updated_at: at, version: 1,
    };
    await repo.insertProduct(trx, row);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'product', entityId: row.id, changes: diffRecords(null, auditView(row)), ip: ctx.ip, at: now });
    return presentProduct(row);
  });
}

export async function updateProduct(ctx: Ctx, id: string, input: z.infer<typeof UpdateProductRequest>): Promise<ProductResponse> {
  authorize(ctx.actor, 'manage', 'salesConfig');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const before = await repo.findProduct(trx, ctx.actor.orgId, id);
    if (!before) throw notFound('Product');
    if (input.version !== before.version) throw staleVersion(presentProduct(before));
    if (input.code !== undefined && (await repo.productCodeTaken(trx, ctx.actor.orgId, input.code, id))) throw validationFailed([{ path: 'code', message: 'Another product has this code.' }]);
    const patch: Partial<repo.ProductRow> = { updated_at: at };
    if (input.code !== undefined) patch.code = input.code;
    if (input.name !== undefined) patch.name = input.name;
    if (input.kind !== undefined) patch.kind = input.kind;
    if (input.unit !== undefined) patch.unit = input.unit;
    if (input.listPrice !== undefined) patch.list_price = input.listPrice;
    if (input.currency !== undefined) patch.currency = input.currency;
    if (input.estimatedUnitCost !== undefined) patch.estimated_unit_cost = input.estimatedUnitCost;
    if (input.active !== undefined) patch.active = input.active ? 1 : 0;
    const after = await repo.updateProductIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(presentProduct((await repo.findProduct(trx, ctx.actor.orgId, id))!));
    const changes = diffRecords(auditView(before), auditView(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'product', entityId: id, changes, ip: ctx.ip, at: now });
    return presentProduct(after);
  });
}
