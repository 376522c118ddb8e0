import type { z } from 'zod';
import type { CreateQuoteRequest, QuoteActionRequest, QuoteResponse, ReplaceQuoteLinesRequest } from '../../../contracts/contracting.js';
import { needsApproval, quoteTotals, lineNet } from '../../../domain/contracting/quote.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import type { QuoteStatus } from '../../db/tables/sales-contracts.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { forbidden, notFound, ruleViolated, staleVersion, validationFailed, type FieldIssue } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { authorize, can, hasRole, type Actor } from '../../lib/policy.js';
import { notify } from '../notifications/notification.service.js';
import { authorizeSales, type SalesRecord } from '../sales/sales.access.js';
import * as repo from './contracting.repository.js';
import { nextNumber } from '../sales/numbering.js';

type QuoteSummary = Omit<QuoteResponse, 'lines'>;

/** Whether the actor is a sales manager over the quote's owner (who alone approves a discount). */
const isApprover = (actor: Actor, rec: SalesRecord) => rec.managed && hasRole(actor, 'sales_manager') && rec.ownerId !== actor.id;

function quoteAbilities(actor: Actor, rec: SalesRecord, status: QuoteStatus) {
  const update = can(actor, 'update', 'salesRecord', rec);
  return {
    newVersion: update,
    editLines: update && status === 'draft',
    submit: update && status === 'draft',
    approve: status === 'pending_approval' && isApprover(actor, rec),
    rejectApproval: status === 'pending_approval' && isApprover(actor, rec),
    send: update && status === 'approved',
    accept: update && status === 'sent',
    reject: update && status === 'sent',
  };
}

export function presentQuoteSummary(actor: Actor, q: repo.QuoteRow, opp: repo.OpportunityParent, rec: SalesRecord, limit: number): QuoteSummary {
  return {
    id: q.id, opportunityId: q.opportunity_id, opportunityName: opp.name, accountId: opp.account_id, accountName: opp.account_name, ownerId: opp.owner_id,
    number: q.number, quoteVersion: q.quote_version, status: q.status, validUntil: q.valid_until, currency: q.currency,
    listTotal: Number(q.list_total), netTotal: Number(q.net_total), costTotal: Number(q.cost_total), margin: q.margin === null ? null : Number(q.margin),
    maxDiscountPercent: Number(q.max_discount_percent), discountApprovalPercent: limit,
    approvedBy: q.approved_by, approvedAt: q.approved_at, approvalNote: q.approval_note, sentAt: q.sent_at, decidedAt: q.decided_at,
    createdAt: q.created_at, version: q.version, abilities: quoteAbilities(actor, rec, q.status),
  };
}

export const presentLine = (l: repo.QuoteLineRow | repo.OrderLineRow) => ({
  id: l.id, position: l.position, productId: l.product_id, description: l.description, quantity: Number(l.quantity), unit: l.unit,
  unitPrice: Number(l.unit_price), discountPercent: Number(l.discount_percent), estimatedUnitCost: Number(l.estimated_unit_cost), netAmount: Number(l.net_amount),
});

const auditView = (q: repo.QuoteRow) => {
  const { created_at: _c, updated_at: _u, version: _v, org_id: _o, id: _i, ...rest } = q;
  return rest;
};

/** Loads an opportunity and checks the action on it (404 when the actor may not read it). */
export async function loadOpportunity(ctx: Ctx, db: Executor, id: string, action: string) {
  const opp = await repo.findOpportunity(db, ctx.actor.orgId, id);
  const rec = await authorizeSales(db, ctx.actor, action, opp, 'opportunity', 'Opportunity');
  return { opp: opp!, rec };
}

/** Loads a quote through its opportunity: the quote is judged by the opportunity's owner and shares. */
export async function loadQuote(ctx: Ctx, db: Executor, id: string, action: string) {
  const quote = await repo.findQuote(db, ctx.actor.orgId, id);
  if (!quote) throw notFound('Quote');
  const opp = await repo.findOpportunity(db, ctx.actor.orgId, quote.opportunity_id);
  const rec = await authorizeSales(db, ctx.actor, action, opp, 'opportunity', 'Quote');
  return { quote, opp: opp!, rec };
}

async function respondQuote(ctx: Ctx, db: Executor, id: string): Promise<QuoteResponse> {
  const { quote, opp, rec } = await loadQuote(ctx, db, id, 'read');
  const [lines, settings] = await Promise.all([repo.quoteLines(db, id), repo.salesSettings(db, ctx.actor.orgId)]);
  return { ...presentQuoteSummary(ctx.actor, quote, opp, rec, settings.discountApprovalPercent), lines: lines.map(presentLine) };
}

export const getQuote = (ctx: Ctx, id: string) => respondQuote(ctx, ctx.db, id);

export async function listQuotes(ctx: Ctx, opportunityId: string) {
  const { opp, rec } = await loadOpportunity(ctx, ctx.db, opportunityId, 'read');
  const [rows, settings] = await Promise.all([repo.listQuotes(ctx.db, opportunityId), repo.salesSettings(ctx.db, ctx.actor.orgId)]);
  return {
    items: rows.map((q) => presentQuoteSummary(ctx.actor, q, opp, rec, settings.discountApprovalPercent)),
    abilities: { create: can(ctx.actor, 'create', 'salesRecord') && can(ctx.actor, 'update', 'salesRecord', rec) },
  };
}

function lineRows(quoteId: string, orgId: string, at: string, lines: { productId?: string | null; description: string; quantity: number; unit: string; unitPrice: number; discountPercent: number; estimatedUnitCost: number }[]): repo.QuoteLineRow[] {
  return lines.map((l, i) => ({
    id: uuidv7(), org_id: orgId, quote_id: quoteId, position: i + 1, product_id: l.productId ?? null, description: l.description, quantity: l.quantity, unit: l.unit,
    unit_price: l.unitPrice, discount_percent: l.discountPercent, estimated_unit_cost: l.estimatedUnitCost, net_amount: lineNet(l), created_at: at, updated_at: at, version: 1,
  }));
}

const totalsPatch = (lines: { quantity: number; unitPrice: number; discountPercent: number; estimatedUnitCost: number }[]) => {
  const t = quoteTotals(lines);
  return { list_total: t.listTotal, net_total: t.netTotal, cost_total: t.costTotal, margin: t.margin, max_discount_percent: t.maxDiscountPercent };
};

/** A new version of the opportunity's quote; the open version before it is superseded. */
export async function createQuote(ctx: Ctx, opportunityId: string, input: z.infer<typeof CreateQuoteRequest>): Promise<QuoteResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { opp } = await loadOpportunity(ctx, trx, opportunityId, 'update');
    authorize(ctx.actor, 'create', 'salesRecord');
    let copied: repo.QuoteLineRow[] = [];
    let from: repo.QuoteRow | undefined;
    if (input.fromQuoteId) {
      from = await repo.findQuote(trx, ctx.actor.orgId, input.fromQuoteId);
      if (!from || from.opportunity_id !== opportunityId) throw validationFailed([{ path: 'fromQuoteId', message: 'Not a quote of this opportunity.' }]);
      copied = await repo.quoteLines(trx, from.id);
    }
    const latest = await repo.latestQuote(trx, opportunityId);
    for (const open of await repo.openQuotes(trx, opportunityId)) {
      await repo.supersedeQuote(trx, open.id, open.version, at);
      await recordAudit(trx, { orgId: open.org_id, actorId: ctx.actor.id, action: 'supersede', entityType: 'quote', entityId: open.id, changes: { status: [open.status, 'superseded'] }, ip: ctx.ip, at: now });
    }
    const year = at.slice(0, 4);
    const number = latest?.number ?? (await nextNumber(trx, ctx.actor.orgId, 'quote', year, () => repo.highestNumber(trx, 'quotes', ctx.actor.orgId, `Q-${year}-`)));
    const id = uuidv7(now.getTime());
    const lines = lineRows(id, opp.org_id, at, copied.map((l) => ({ productId: l.product_id, description: l.description, quantity: Number(l.quantity), unit: l.unit, unitPrice: Number(l.unit_price), discountPercent: Number(l.discount_percent), estimatedUnitCost: Number(l.estimated_unit_cost) })));
    const row: repo.QuoteRow = {
      id, org_id: opp.org_id, opportunity_id: opportunityId, number, quote_version: (latest?.quote_version ?? 0) + 1, status: 'draft',
      valid_until: input.validUntil !== undefined ? input.validUntil : (from?.valid_until ?? null), currency: input.currency ?? from?.currency ?? opp.currency,
      ...totalsPatch(lines.map((l) => ({ quantity: l.quantity, unitPrice: l.unit_price, discountPercent: l.discount_percent, estimatedUnitCost: l.estimated_unit_cost }))),
      approved_by: null, approved_at: null, approval_note: null, sent_at: null, decided_at: null, created_at: at, updated_at: at, version: 1,
    };
    await repo.insertQuote(trx, row);
    await repo.insertQuoteLines(trx, lines);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'quote', entityId: id, changes: { ...diffRecords(null, auditView(row)), from_quote_id: [null, from?.id ?? null] }, ip: ctx.ip, at: now });
    return respondQuote(ctx, trx, id);
  });
}

/** Replaces a draft's lines (and its validity); totals and margin are recomputed. */
export async function replaceLines(ctx: Ctx, id: string, input: z.infer<typeof ReplaceQuoteLinesRequest>): Promise<QuoteResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { quote: before, opp } = await loadQuote(ctx, trx, id, 'update');
    if (input.version !== before.version) throw staleVersion(await respondQuote(ctx, trx, id));
    if (before.status !== 'draft') throw ruleViolated(`This quote is ${before.status}: only a draft's lines change. Make a new version instead.`);
    const productIds = [...new Set(input.lines.map((l) => l.productId).filter((p): p is string => !!p))];
    const found = new Set((await repo.findProductsByIds(trx, opp.org_id, productIds)).map((p) => p.id));
    const issues: FieldIssue[] = [];
    input.lines.forEach((l, i) => {
      if (l.productId && !found.has(l.productId)) issues.push({ path: `lines.${i}.productId`, message: 'Not a product of the catalogue.' });
    });
    if (issues.length) throw validationFailed(issues);
    const lines = lineRows(id, opp.org_id, at, input.lines);
    await repo.deleteQuoteLines(trx, id);
    await repo.insertQuoteLines(trx, lines);
    const patch: Partial<repo.QuoteRow> = {
      updated_at: at,
      ...totalsPatch(input.lines),
      ...(input.validUntil !== undefined ? { valid_until: input.validUntil } : {}),
    };
    const after = await repo.updateQuoteIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(await respondQuote(ctx, trx, id));
    await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'replace_lines', entityType: 'quote', entityId: id, changes: { ...diffRecords(auditView(before), auditView(after)), lines: [null, input.lines.length] }, ip: ctx.ip, at: now });
    return respondQuote(ctx, trx, id);
  });
}

type Transition = { from: QuoteStatus[]; action: 'update' | 'approve'; audit: string };

async function transition(ctx: Ctx, id: string, input: z.infer<typeof QuoteActionRequest>, t: Transition, decide: (q: repo.QuoteRow, trx: Executor, opp: repo.OpportunityParent) => Promise<Partial<repo.QuoteRow>>) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { quote: before, opp, rec } = await loadQuote(ctx, trx, id, t.action === 'approve' ? 'read' : 'update');
    if (t.action === 'approve' && !isApprover(ctx.actor, rec)) throw forbidden('Only a sales manager over the quote’s owner approves its discount.');
    if (input.version !== before.version) throw staleVersion(await respondQuote(ctx, trx, id));
    if (!t.from.includes(before.status)) throw ruleViolated(`This quote is ${before.status}; it must be ${t.from.join(' or ')}.`);
    const patch = { ...(await decide(before, trx, opp)), updated_at: at };
    const after = await repo.updateQuoteIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(await respondQuote(ctx, trx, id));
    await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: t.audit, entityType: 'quote', entityId: id, changes: diffRecords(auditView(before), auditView(after)), ip: ctx.ip, at: now });
    return respondQuote(ctx, trx, id);
  });
}

/**
 * Submits a draft: a discount above the organisation's limit on any line waits for a sales
 * manager over the owner (who is notified); otherwise the quote is approved at once.
 */
export function submitQuote(ctx: Ctx, id: string, input: z.infer<typeof QuoteActionRequest>) {
  return transition(ctx, id, input, { from: ['draft'], action: 'update', audit: 'submit' }, async (q, trx, opp) => {
    const lines = await repo.quoteLines(trx, id);
    if (!lines.length) throw ruleViolated('Add at least one line before submitting the quote.');
    const { discountApprovalPercent } = await repo.salesSettings(trx, q.org_id);
    const now = ctx.clock.now();
    if (!needsApproval(lines.map((l) => ({ discountPercent: Number(l.discount_percent) })), discountApprovalPercent)) {
      return { status: 'approved', approved_by: null, approved_at: now.toISOString(), approval_note: null };
    }
    const managers = await repo.salesManagersOf(trx, q.org_id, opp.owner_id);
    const link = `/sales/opportunities/${opp.id}?tab=quotes`;
    for (const m of managers) {
      const zh = m.locale === 'zh-CN';
      const title = zh ? `报价待审批：${q.number} v${q.quote_version}` : `Quote awaiting approval: ${q.number} v${q.quote_version}`;
      const body = zh
        ? `${opp.account_name} · ${opp.name}：最高折扣 ${Number(q.max_discount_percent)}%，超过 ${discountApprovalPercent}% 的审批线。`
        : `${opp.account_name} · ${opp.name}: a discount of up to ${Number(q.max_discount_percent)}%, above the ${discountApprovalPercent}% approval limit.`;
      await notify(trx, ctx.mailer, { orgId: q.org_id, userId: m.id, kind: 'quote_approval', title, body, link, dedupeKey: `quote-approval:${q.id}:${q.version}:${m.id}`, email: { to: m.email, body: `${body}\n\n${ctx.baseUrl}${link}` } }, now);
    }
    return { status: 'pending_approval', approved_by: null, approved_at: null, approval_note: null };
  });
}

export function approveQuote(ctx: Ctx, id: string, input: z.infer<typeof QuoteActionRequest>) {
  return transition(ctx, id, input, { from: ['pending_approval'], action: 'approve', audit: 'approve' }, async () => ({
    status: 'approved', approved_by: ctx.actor.id, approved_at: ctx.clock.now().toISOString(), approval_note: input.note ?? null,
  }));
}

/** Sends the discount back: the quote returns to draft with the manager's reason. */
export function rejectQuoteApproval(ctx: Ctx, id: string, input: z.infer<typeof QuoteActionRequest>) {
  if (!input.note) throw validationFailed([{ path: 'note', message: 'Say why the discount is not approved.' }]);
  return transition(ctx, id, input, { from: ['pending_approval'], action: 'approve', audit: 'reject_approval' }, async () => ({
    status: 'draft', approved_by: ctx.actor.id, approved_at: null, approval_note: input.note ?? null,
  }));
}

export function sendQuote(ctx: Ctx, id: string, input: z.infer<typeof QuoteActionRequest>) {
  return transition(ctx, id, input, { from: ['approved'], action: 'update', audit: 'send' }, async () => ({ status: 'sent', sent_at: ctx.clock.now().toISOString() }));
}

export function acceptQuote(ctx: Ctx, id: string, input: z.infer<typeof QuoteActionRequest>) {
  return transition(ctx, id, input, { from: ['sent'], action: 'update', audit: 'accept' }, async (q, trx) => {
    // One accepted quote per opportunity: it is what the contract is made from.
    const other = (await repo.listQuotes(trx, q.opportunity_id)).find((x) => x.id !== q.id && x.status === 'accepted');
    if (other) throw ruleViolated(`Version ${other.quote_version} of this quote is accepted already.`);
    return { status: 'accepted', decided_at: ctx.clock.now().toISOString() };
  });
}

export function rejectQuote(ctx: Ctx, id: string, input: z.infer<typeof QuoteActionRequest>) {
  return transition(ctx, id, input, { from: ['sent'], action: 'update', audit: 'reject' }, async () => ({ status: 'rejected', decided_at: ctx.clock.now().toISOString() }));
}
