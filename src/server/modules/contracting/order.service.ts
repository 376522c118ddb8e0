import type { z } from 'zod';
import type { CreateOrderRequest, MilestoneActionRequest, OrderResponse, ReplaceMilestonesRequest } from '../../../contracts/contracting.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { notFound, ruleViolated, staleVersion, validationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { can } from '../../lib/policy.js';
import type { SalesRecord } from '../sales/sales.access.js';
import { loadContract } from './contract.service.js';
import * as repo from './contracting.repository.js';
import { presentLine } from './quote.service.js';

/** An order is judged through its contract. */
async function loadOrder(ctx: Ctx, db: Executor, id: string, action: string) {
  const order = await repo.findOrder(db, ctx.actor.orgId, id);
  if (!order) throw notFound('Order');
  const { contract, rec } = await loadContract(ctx, db, order.contract_id, action).catch((e) => {
    throw e.code === 'not_found' ? notFound('Order') : e;
  });
  return { order, contract, rec };
}

async function present(ctx: Ctx, db: Executor, order: repo.OrderRow, rec: SalesRecord): Promise<OrderResponse> {
  const [lines, ms] = await Promise.all([repo.orderLines(db, order.id), repo.milestones(db, order.id)]);
  const update = can(ctx.actor, 'update', 'salesRecord', rec);
  return {
    id: order.id, contractId: order.contract_id, number: order.number, value: Number(order.value), currency: order.currency, status: order.status,
    invoicedTotal: ms.filter((m) => m.invoiced_on).reduce((s, m) => s + Number(m.amount), 0),
    paidTotal: ms.filter((m) => m.paid_on).reduce((s, m) => s + Number(m.amount), 0),
    lines: lines.map(presentLine),
    milestones: ms.map((m) => ({ id: m.id, position: m.position, name: m.name, amount: Number(m.amount), dueDate: m.due_date, invoicedOn: m.invoiced_on, paidOn: m.paid_on, version: m.version })),
    version: order.version,
    abilities: { update, editMilestones: update && order.status === 'open' && !ms.some((m) => m.invoiced_on) },
  };
}

async function respondOrder(ctx: Ctx, db: Executor, id: string) {
  const { order, rec } = await loadOrder(ctx, db, id, 'read');
  return present(ctx, db, order, rec);
}

export const getOrder = (ctx: Ctx, id: string) => respondOrder(ctx, ctx.db, id);

/** The order of a signed (or active) contract, one per contract, with the accepted quote's lines. */
export async function createOrder(ctx: Ctx, contractId: string, input: z.infer<typeof CreateOrderRequest>): Promise<OrderResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { contract } = await loadContract(ctx, trx, contractId, 'update');
    if (input.version !== contract.version) throw staleVersion(null);
    if (contract.status !== 'signed' && contract.status !== 'active') throw ruleViolated(`This contract is ${contract.status}: an order comes from a signed contract.`);
    if (await repo.findOrderOfContract(trx, contractId)) throw ruleViolated('This contract already has its order.');
    const id = uuidv7(now.getTime());
    const row: repo.OrderRow = { id, org_id: contract.org_id, contract_id: contractId, number: `${contract.number}-O`, value: Number(contract.value), currency: contract.currency, status: 'open', created_at: at, updated_at: at, version: 1 };
    await repo.insertOrder(trx, row);
    const lines = contract.quote_id ? await repo.quoteLines(trx, contract.quote_id) : [];
    await repo.insertOrderLines(trx, lines.map((l) => ({
      id: uuidv7(), org_id: row.org_id, order_id: id, position: l.position, product_id: l.product_id, description: l.description, quantity: l.quantity, unit: l.unit,
      unit_price: l.unit_price, discount_percent: l.discount_percent, estimated_unit_cost: l.estimated_unit_cost, net_amount: l.net_amount, created_at: at, updated_at: at, version: 1,
    })));
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'order', entityId: id, changes: { contract_id: [null, contractId], value: [null, row.value], lines: [null, lines.length] }, ip: ctx.ip, at: now });
    return respondOrder(ctx, trx, id);
  });
}

/** Replaces the billing plan; the milestones must add up to the order's value, and none may be invoiced yet. */
export async function replaceMilestones(ctx: Ctx, id: string, input: z.infer<typeof ReplaceMilestonesRequest>): Promise<OrderResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { order, rec } = await loadOrder(ctx, trx, id, 'update');
    if (input.version !== order.version) throw staleVersion(await present(ctx, trx, order, rec));
    const sum = input.milestones.reduce((s, m) => s + m.amount, 0);
    if (sum !== Number(order.value)) throw validationFailed([{ path: 'milestones', message: `The milestones add up to ${sum}; the order's value is ${Number(order.value)}.` }]);
    const existing = await repo.milestones(trx, id);
    if (existing.some((m) => m.invoiced_on)) throw ruleViolated('A milestone is already invoiced: the billing plan no longer changes.');
    if (order.status !== 'open') throw ruleViolated(`This order is ${order.status}.`);
    await repo.deleteMilestones(trx, id);
    await repo.insertMilestones(trx, input.milestones.map((m, i) => ({
      id: uuidv7(), org_id: order.org_id, order_id: id, position: i + 1, name: m.name, amount: m.amount, due_date: m.dueDate, invoiced_on: null, paid_on: null, created_at: at, updated_at: at, version: 1,
    })));
    const after = await repo.updateOrderIfVersion(trx, id, input.version, { updated_at: at });
    if (!after) throw staleVersion(await respondOrder(ctx, trx, id));
    await recordAudit(trx, { orgId: order.org_id, actorId: ctx.actor.id, action: 'replace_milestones', entityType: 'order', entityId: id, changes: { milestones: [existing.map((m) => [m.name, Number(m.amount), m.due_date]), input.milestones.map((m) => [m.name, m.amount, m.dueDate])] }, ip: ctx.ip, at: now });
    return respondOrder(ctx, trx, id);
  });
}

async function markMilestone(ctx: Ctx, milestoneId: string, input: z.infer<typeof MilestoneActionRequest>, what: 'invoice' | 'pay') {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const m = await repo.findMilestone(trx, ctx.actor.orgId, milestoneId);
    if (!m) throw notFound('Milestone');
    const { order } = await loadOrder(ctx, trx, m.order_id, 'update').catch((e) => {
      throw e.code === 'not_found' ? notFound('Milestone') : e;
    });
    if (input.version !== m.version) throw staleVersion(await respondOrder(ctx, trx, order.id));
    if (what === 'invoice' && m.invoiced_on) throw ruleViolated('This milestone is already invoiced.');
    if (what === 'pay' && !m.invoiced_on) throw ruleViolated('Invoice this milestone before recording its payment.');
    if (what === 'pay' && m.paid_on) throw ruleViolated('This milestone is already paid.');
    if (what === 'pay' && input.date < m.invoiced_on!) throw validationFailed([{ path: 'date', message: 'Paid before it was invoiced.' }]);
    const after = await repo.updateMilestoneIfVersion(trx, m.id, input.version, what === 'invoice' ? { invoiced_on: input.date, updated_at: at } : { paid_on: input.date, updated_at: at });
    if (!after) throw staleVersion(await respondOrder(ctx, trx, order.id));
    // The order's version moves too, so that a billing plan replaced at the same moment (which checks
    // the order's version) cannot delete a milestone that was just invoiced or paid.
    const bumped = await repo.updateOrderIfVersion(trx, order.id, order.version, { updated_at: at });
    if (!bumped) throw staleVersion(await respondOrder(ctx, trx, order.id));
    await recordAudit(trx, { orgId: m.org_id, actorId: ctx.actor.id, action: what, entityType: 'billing_milestone', entityId: m.id, changes: diffRecords({ invoiced_on: m.invoiced_on, paid_on: m.paid_on }, { invoiced_on: after.invoiced_on, paid_on: after.paid_on }), ip: ctx.ip, at: now });
    if (what === 'pay') {
      const all = await repo.milestones(trx, order.id);
      if (all.every((x) => x.paid_on)) {
        await repo.updateOrderIfVersion(trx, order.id, order.version + 1, { status: 'fulfilled', updated_at: at });
        await recordAudit(trx, { orgId: m.org_id, actorId: ctx.actor.id, action: 'fulfil', entityType: 'order', entityId: order.id, changes: { status: [order.status, 'fulfilled'] }, ip: ctx.ip, at: now });
      }
    }
    return respondOrder(ctx, trx, order.id);
  });
}

export const invoiceMilestone = (ctx: Ctx, id: string, input: z.infer<typeof MilestoneActionRequest>) => markMilestone(ctx, id, input, 'invoice');
export const payMilestone = (ctx: Ctx, id: string, input: z.infer<typeof MilestoneActionRequest>) => markMilestone(ctx, id, input, 'pay');
