import type { z } from 'zod';
import type { AddRoundRequest, ContractActionRequest, ContractDetail, ContractResponse, CreateContractRequest, ListContractsQuery, SignContractRequest, UpdateContractRequest } from '../../../contracts/contracting.js';
import { allowedContractEvents, nextContractStatus, signContract, type ContractEvent } from '../../../domain/contracting/contract-flow.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { ruleViolated, staleVersion, validationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { abilitiesFor, authorize, can, type Actor } from '../../lib/policy.js';
import { notify } from '../notifications/notification.service.js';
import { toBaseAmount } from '../sales/money.js';
import { authorizeSales, SALES_RECORD_ACTIONS, salesReach, salesRecordsOfPage, type SalesRecord } from '../sales/sales.access.js';
import * as repo from './contracting.repository.js';
import { nextNumber } from '../sales/numbering.js';

export function presentContract(actor: Actor, c: repo.ContractWithNames, rec: SalesRecord): ContractResponse {
  return {
    id: c.id, accountId: c.account_id, accountName: c.account_name, opportunityId: c.opportunity_id, quoteId: c.quote_id, ownerId: c.owner_id, ownerName: c.owner_name,
    number: c.number, title: c.title, value: Number(c.value), currency: c.currency, valueBase: Number(c.value_base), status: c.status,
    customerSignedOn: c.customer_signed_on, companySignedOn: c.company_signed_on, signedOn: c.signed_on, startDate: c.start_date, endDate: c.end_date, renewalDate: c.renewal_date,
    orderId: c.order_id, createdAt: c.created_at, version: c.version, abilities: abilitiesFor(actor, 'salesRecord', rec, SALES_RECORD_ACTIONS),
  };
}

const auditView = (c: repo.ContractRow) => {
  const { created_at: _c, updated_at: _u, version: _v, org_id: _o, id: _i, ...rest } = c as repo.ContractRow & { account_name?: string; owner_name?: string; order_id?: string | null };
  const { account_name: _a, owner_name: _n, order_id: _r, ...own } = rest as typeof rest & { account_name?: string; owner_name?: string; order_id?: string | null };
  return own;
};

export async function loadContract(ctx: Ctx, db: Executor, id: string, action: string) {
  const contract = await repo.findContract(db, ctx.actor.orgId, id);
  const rec = await authorizeSales(db, ctx.actor, action, contract, 'contract', 'Contract');
  return { contract: contract!, rec };
}

async function respondContract(ctx: Ctx, db: Executor, id: string): Promise<ContractDetail> {
  const { contract, rec } = await loadContract(ctx, db, id, 'read');
  const rounds = await repo.contractRounds(db, id);
  return {
    ...presentContract(ctx.actor, contract, rec),
    rounds: rounds.map((r) => ({ id: r.id, round: r.round, date: r.date, summary: r.summary, reason: r.reason, valueBefore: Number(r.value_before), valueAfter: Number(r.value_after), byId: r.by_id, byName: r.by_name })),
    nextEvents: allowedContractEvents(contract.status),
  };
}

export const getContract = (ctx: Ctx, id: string) => respondContract(ctx, ctx.db, id);

export async function listContracts(ctx: Ctx, q: z.infer<typeof ListContractsQuery>) {
  authorize(ctx.actor, 'list', 'salesRecord');
  const reach = await salesReach(ctx.db, ctx.actor, 'contract');
  const page = await repo.listContracts(ctx.db, ctx.actor, reach, q, { limit: q.limit, cursor: q.cursor });
  const recordOf = await salesRecordsOfPage(ctx.db, ctx.actor, 'contract', page.items, reach);
  const items = page.items.map((c) => presentContract(ctx.actor, c, recordOf(c)));
  return { items, nextCursor: page.nextCursor, abilities: { create: can(ctx.actor, 'create', 'salesRecord') } };
}

/**
 * A contract from an opportunity and its accepted quote (value = the quote's net), or entered by
 * hand for an account. The owner is the opportunity's (or the account's) owner.
 */
export async function createContract(ctx: Ctx, input: z.infer<typeof CreateContractRequest>): Promise<ContractDetail> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    authorize(ctx.actor, 'create', 'salesRecord');
    let accountId: string;
    let ownerId: string;
    let value = input.value;
    let currency = input.currency;
    let quoteId: string | null = null;
    if (input.opportunityId) {
      const opp = await repo.findOpportunity(trx, ctx.actor.orgId, input.opportunityId);
      await authorizeSales(trx, ctx.actor, 'update', opp, 'opportunity', 'Opportunity');
      accountId = opp!.account_id;
      ownerId = opp!.owner_id;
      if (input.accountId && input.accountId !== accountId) throw validationFailed([{ path: 'accountId', message: 'Not the account of this opportunity.' }]);
      if (input.quoteId) {
        const quote = await repo.findQuote(trx, ctx.actor.orgId, input.quoteId);
        if (!quote || quote.opportunity_id !== opp!.id) throw validationFailed([{ path: 'quoteId', message: 'Not a quote of this opportunity.' }]);
        if (quote.status !== 'accepted') throw ruleViolated('A contract is made from an accepted quote.');
        const made = await repo.contractOfQuote(trx, quote.id);
        if (made) throw ruleViolated(`Contract ${made.number} was made from this quote already.`, { contractId: made.id });
        quoteId = quote.id;
        value = Number(quote.net_total);
        currency = quote.currency;
      }
      currency ??= opp!.currency;
    } else {
      if (input.quoteId) throw validationFailed([{ path: 'opportunityId', message: 'A quote comes with its opportunity.' }]);
      if (!input.accountId) throw validationFailed([{ path: 'accountId', message: 'Choose an account or an opportunity.' }]);
      const account = await repo.findAccount(trx, ctx.actor.orgId, input.accountId);
      await authorizeSales(trx, ctx.actor, 'update', account, 'account', 'Account');
      accountId = account!.id;
      ownerId = account!.owner_id;
    }
    if (value === undefined) throw validationFailed([{ path: 'value', message: 'Give the contract value, or make it from an accepted quote.' }]);
    if (!currency) throw validationFailed([{ path: 'currency', message: 'Give the currency.' }]);
    let number = input.number;
    if (number) {
      if (await repo.contractNumberTaken(trx, ctx.actor.orgId, number)) throw validationFailed([{ path: 'number', message: 'Another contract has this number.' }]);
    } else {
      const year = at.slice(0, 4);
      // A hand-given number may have taken one the counter would give: skip it.
      do number = await nextNumber(trx, ctx.actor.orgId, 'contract', year, () => repo.highestNumber(trx, 'contracts', ctx.actor.orgId, `C-${year}-`));
      while (await repo.contractNumberTaken(trx, ctx.actor.orgId, number));
    }
    const row: repo.ContractRow = {
      id: uuidv7(now.getTime()), org_id: ctx.actor.orgId, account_id: accountId, opportunity_id: input.opportunityId ?? null, quote_id: quoteId, owner_id: ownerId,
      number, title: input.title, value, currency, value_base: await toBaseAmount(trx, ctx.actor.orgId, value, currency, at.slice(0, 10)), status: 'draft',
      customer_signed_on: null, company_signed_on: null, signed_on: null, start_date: input.startDate ?? null, end_date: input.endDate ?? null, renewal_date: input.renewalDate ?? null,
      renewal_reminded_for: null, created_at: at, updated_at: at, version: 1,
    };
    await repo.insertContract(trx, row);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'contract', entityId: row.id, changes: diffRecords(null, auditView(row)), ip: ctx.ip, at: now });
    return respondContract(ctx, trx, row.id);
  });
}

const VALUE_EDITABLE = new Set(['draft', 'negotiating', 'awaiting_signature']);

export async function updateContract(ctx: Ctx, id: string, input: z.infer<typeof UpdateContractRequest>): Promise<ContractDetail> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { contract: before } = await loadContract(ctx, trx, id, 'update');
    if (input.version !== before.version) throw staleVersion(await respondContract(ctx, trx, id));
    const patch: Partial<repo.ContractRow> = { updated_at: at };
    if (input.title !== undefined) patch.title = input.title;
    if ((input.value !== undefined && input.value !== Number(before.value)) || (input.currency !== undefined && input.currency !== before.currency)) {
      if (!VALUE_EDITABLE.has(before.status)) throw ruleViolated(`This contract is ${before.status}: its value no longer changes.`);
      patch.value = input.value ?? Number(before.value);
      patch.currency = input.currency ?? before.currency;
      patch.value_base = await toBaseAmount(trx, ctx.actor.orgId, patch.value, patch.currency, at.slice(0, 10));
    }
    if (input.startDate !== undefined) patch.start_date = input.startDate;
    if (input.endDate !== undefined) patch.end_date = input.endDate;
    if (input.renewalDate !== undefined) patch.renewal_date = input.renewalDate;
    const start = patch.start_date !== undefined ? patch.start_date : before.start_date;
    const end = patch.end_date !== undefined ? patch.end_date : before.end_date;
    if (start && end && start > end) throw validationFailed([{ path: 'endDate', message: 'The end is before the start.' }]);
    const after = await repo.updateContractIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(await respondContract(ctx, trx, id));
    const changes = diffRecords(auditView(before), auditView(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'contract', entityId: id, changes, ip: ctx.ip, at: now });
    return respondContract(ctx, trx, id);
  });
}

/** Logs a negotiation round (what changed and why); the value may move with it. */
export async function addRound(ctx: Ctx, id: string, input: z.infer<typeof AddRoundRequest>): Promise<ContractDetail> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { contract: before } = await loadContract(ctx, trx, id, 'update');
    if (input.version !== before.version) throw staleVersion(await respondContract(ctx, trx, id));
    const status = nextContractStatus(before.status, 'round');
    if (!status) throw ruleViolated(`This contract is ${before.status}: negotiation is over.`);
    const valueAfter = input.valueAfter ?? Number(before.value);
    const patch: Partial<repo.ContractRow> = { status, updated_at: at, value: valueAfter };
    if (valueAfter !== Number(before.value)) patch.value_base = await toBaseAmount(trx, ctx.actor.orgId, valueAfter, before.currency, input.date);
    const after = await repo.updateContractIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(await respondContract(ctx, trx, id));
    const round = (await repo.lastRoundNumber(trx, id)) + 1;
    const roundId = uuidv7(now.getTime());
    await repo.insertRound(trx, {
      id: roundId, org_id: after.org_id, contract_id: id, round, date: input.date, summary: input.summary, reason: input.reason, value_before: Number(before.value), value_after: valueAfter,
      by_id: ctx.actor.id, created_at: at, updated_at: at, version: 1,
    });
    await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'negotiation_round', entityType: 'contract', entityId: id, changes: { ...diffRecords(auditView(before), auditView(after)), round: [null, round] }, ip: ctx.ip, at: now });
    return respondContract(ctx, trx, id);
  });
}

async function move(ctx: Ctx, id: string, version: number, event: ContractEvent, extra: (c: repo.ContractRow) => Partial<repo.ContractRow> = () => ({})) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { contract: before } = await loadContract(ctx, trx, id, 'update');
    if (version !== before.version) throw staleVersion(await respondContract(ctx, trx, id));
    const status = nextContractStatus(before.status, event);
    if (!status) throw ruleViolated(`A ${before.status.replace('_', ' ')} contract cannot ${event.replace('_', ' ')}.`, { status: before.status });
    const after = await repo.updateContractIfVersion(trx, ctx.actor.orgId, id, version, { ...extra(before), status, updated_at: at });
    if (!after) throw staleVersion(await respondContract(ctx, trx, id));
    await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: event, entityType: 'contract', entityId: id, changes: diffRecords(auditView(before), auditView(after)), ip: ctx.ip, at: now });
    return respondContract(ctx, trx, id);
  });
}

export const requestSignature = (ctx: Ctx, id: string, input: z.infer<typeof ContractActionRequest>) => move(ctx, id, input.version, 'request_signature');
export const activateContract = (ctx: Ctx, id: string, input: z.infer<typeof ContractActionRequest>) =>
  move(ctx, id, input.version, 'activate', (c) => (c.start_date ? {} : { start_date: input.date ?? ctx.clock.now().toISOString().slice(0, 10) }));
export const completeContract = (ctx: Ctx, id: string, input: z.infer<typeof ContractActionRequest>) =>
  move(ctx, id, input.version, 'complete', (c) => (c.end_date ? {} : { end_date: input.date ?? ctx.clock.now().toISOString().slice(0, 10) }));
export const terminateContract = (ctx: Ctx, id: string, input: z.infer<typeof ContractActionRequest>) => move(ctx, id, input.version, 'terminate');

/**
 * One side signs. Only while awaiting signature (422 otherwise), once per side; with both
 * signatures the contract is signed on the later date, its base value fixed at that date's rate,
 * and the owner is told.
 */
export async function signContractSide(ctx: Ctx, id: string, input: z.infer<typeof SignContractRequest>): Promise<ContractDetail> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { contract: before } = await loadContract(ctx, trx, id, 'update');
    if (input.version !== before.version) throw staleVersion(await respondContract(ctx, trx, id));
    const outcome = signContract({ status: before.status, customerSignedOn: before.customer_signed_on, companySignedOn: before.company_signed_on }, input.side, input.date);
    if (!outcome.ok) {
      throw ruleViolated(outcome.reason === 'already_signed' ? `The ${input.side} has already signed.` : `This contract is ${before.status}; it is signed only while awaiting signature.`, { status: before.status });
    }
    const patch: Partial<repo.ContractRow> = { status: outcome.status, customer_signed_on: outcome.customerSignedOn, company_signed_on: outcome.companySignedOn, signed_on: outcome.signedOn, updated_at: at };
    if (outcome.signedOn) patch.value_base = await toBaseAmount(trx, ctx.actor.orgId, Number(before.value), before.currency, outcome.signedOn);
    const after = await repo.updateContractIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(await respondContract(ctx, trx, id));
    await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: `sign_${input.side}`, entityType: 'contract', entityId: id, changes: diffRecords(auditView(before), auditView(after)), ip: ctx.ip, at: now });
    if (outcome.status === 'signed') {
      const owner = await repo.userContact(trx, after.owner_id);
      const zh = owner?.locale === 'zh-CN';
      const link = `/sales/contracts/${id}`;
      const title = zh ? `合同已签署：${after.number}` : `Contract signed: ${after.number}`;
      const body = zh ? `${before.account_name}「${after.title}」双方已于 ${outcome.signedOn} 签署完成。` : `"${after.title}" with ${before.account_name} was signed by both sides on ${outcome.signedOn}.`;
      await notify(trx, ctx.mailer, { orgId: after.org_id, userId: after.owner_id, kind: 'contract_signed', title, body, link, dedupeKey: `contract-signed:${id}`, email: owner ? { to: owner.email, body: `${body}\n\n${ctx.baseUrl}${link}` } : null }, now);
    }
    return respondContract(ctx, trx, id);
  });
}
