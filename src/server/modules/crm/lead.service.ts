import type { z } from 'zod';
import type { ConvertLeadRequest, CreateLeadRequest, DisqualifyLeadRequest, LeadResponse, ListLeadsQuery, UpdateLeadRequest } from '../../../contracts/crm.js';
import { conversionCloseDate, nextContactDue } from '../../../domain/crm/crm.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { ruleViolated, staleVersion, validationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { abilitiesFor, authorize, can, type Actor } from '../../lib/policy.js';
import { emailKey, nameKey, toBaseAmount } from '../sales/money.js';
import { authorizeSales, SALES_RECORD_ACTIONS, salesReach, type SalesRecord } from '../sales/sales.access.js';
import { checkOwner, effectiveCadenceFor, loadAccount, loadContact, recordsOf, refuseDuplicateAccount, refuseDuplicateContact } from './account.service.js';
import * as repo from './crm.repository.js';

const OPEN_STATUSES: readonly repo.LeadRow['status'][] = ['new', 'working'];

export function presentLead(actor: Actor, l: repo.LeadWithOwner, record: SalesRecord): LeadResponse {
  const abilities = abilitiesFor(actor, 'salesRecord', record, SALES_RECORD_ACTIONS);
  const open = !l.converted_at;
  return {
    id: l.id,
    source: l.source,
    campaign: l.campaign,
    company: l.company,
    name: l.name,
    title: l.title,
    email: l.email,
    phone: l.phone,
    status: l.status,
    budgetAmount: l.budget_amount === null ? null : Number(l.budget_amount),
    budgetCurrency: l.budget_currency,
    authority: l.authority,
    authorityConfirmed: Number(l.authority_confirmed) === 1,
    need: l.need,
    timelineDate: l.timeline_date,
    timelineNote: l.timeline_note,
    disqualifiedReason: l.disqualified_reason,
    disqualifiedAt: l.disqualified_at,
    ownerId: l.owner_id,
    ownerName: l.owner_name,
    convertedAt: l.converted_at,
    convertedAccountId: l.converted_account_id,
    convertedContactId: l.converted_contact_id,
    convertedOpportunityId: l.converted_opportunity_id,
    createdAt: l.created_at,
    updatedAt: l.updated_at,
    version: l.version,
    abilities: {
      ...abilities,
      update: abilities.update! && open,
      qualify: abilities.update! && open && OPEN_STATUSES.includes(l.status),
      disqualify: abilities.update! && open && l.status !== 'disqualified',
      convert: abilities.update! && open && l.status === 'qualified',
    },
  };
}

const leadAudit = (l: repo.LeadRow & { owner_name?: string | null }) => {
  const { created_at: _c, updated_at: _u, version: _v, org_id: _o, id: _i, owner_name: _n, company_key: _k, email_key: _e, ...rest } = l;
  return rest;
};

export async function loadLead(ctx: Ctx, db: Executor, id: string, action: string) {
  const lead = await repo.findLead(db, ctx.actor.orgId, id);
  const record = await authorizeSales(db, ctx.actor, action, lead, 'lead', 'Lead');
  return { lead: lead!, record };
}

async function respondLead(ctx: Ctx, db: Executor, id: string) {
  const { lead, record } = await loadLead(ctx, db, id, 'read');
  return presentLead(ctx.actor, lead, record);
}

export const getLead = (ctx: Ctx, id: string) => respondLead(ctx, ctx.db, id);

export async function listLeads(ctx: Ctx, q: z.infer<typeof ListLeadsQuery>) {
  const reach = await salesReach(ctx.db, ctx.actor, 'lead');
  const page = await repo.listLeads(ctx.db, ctx.actor, reach, { ownerId: q.ownerId, status: q.status, q: q.q || undefined }, { limit: q.limit, cursor: q.cursor });
  const records = await recordsOf(ctx.db, ctx.actor, page.items, 'lead');
  return { items: page.items.map((l) => presentLead(ctx.actor, l, records.get(l.id)!)), nextCursor: page.nextCursor, abilities: { create: can(ctx.actor, 'create', 'salesRecord') } };
}

export async function createLead(ctx: Ctx, input: z.infer<typeof CreateLeadRequest>): Promise<LeadResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    authorize(ctx.actor, 'create', 'salesRecord', undefined, 'Lead');
    await checkOwner(trx, ctx.actor, input.ownerId);
    if (input.budgetAmount !== null && !input.budgetCurrency) input.budgetCurrency = await repo.orgCurrency(trx, ctx.actor.orgId);
    const row: repo.LeadRow = {
      id: uuidv7(now.getTime()),
      org_id: ctx.actor.orgId,
      source: input.source,
      campaign: input.campaign,
      company: input.company,
      company_key: nameKey(input.company),
      name: input.name,
      title: input.title,
      email: input.email,
      email_key: emailKey(input.email),
      phone: input.phone,
      status: input.status,
      budget_amount: input.budgetAmount,
      budget_currency: input.budgetCurrency,
      authority: input.authority,
      authority_confirmed: input.authorityConfirmed ? 1 : 0,
      need: input.need,
      timeline_date: input.timelineDate,
      timeline_note: input.timelineNote,
      disqualified_reason: null,
      disqualified_at: null,
      owner_id: input.ownerId ?? ctx.actor.id,
      converted_at: null,
      converted_account_id: null,
      converted_contact_id: null,
      converted_opportunity_id: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await repo.insertLead(trx, row);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'lead', entityId: row.id, changes: diffRecords(null, leadAudit(row)), ip: ctx.ip, at: now });
    return respondLead(ctx, trx, row.id);
  });
}

/** Writes a lead's patch with its version and audits it under `action`. */
async function writeLead(ctx: Ctx, trx: Executor, before: repo.LeadWithOwner, version: number, patch: Partial<repo.LeadRow>, action: string, now: Date) {
  const after = await repo.updateLeadIfVersion(trx, ctx.actor.orgId, before.id, version, { ...patch, updated_at: now.toISOString() });
  if (!after) throw staleVersion(await respondLead(ctx, trx, before.id));
  const changes = diffRecords(leadAudit(before), leadAudit(after));
  if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action, entityType: 'lead', entityId: before.id, changes, ip: ctx.ip, at: now });
  return after;
}

function refuseConverted(lead: repo.LeadRow) {
  if (lead.converted_at) throw ruleViolated('This lead was converted: work its account and opportunity instead.', { accountId: lead.converted_account_id, opportunityId: lead.converted_opportunity_id });
}

export async function updateLead(ctx: Ctx, id: string, input: z.infer<typeof UpdateLeadRequest>): Promise<LeadResponse> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const { lead: before, record } = await loadLead(ctx, trx, id, 'update');
    if (input.version !== before.version) throw staleVersion(presentLead(ctx.actor, before, record));
    refuseConverted(before);
    if (input.ownerId !== undefined && input.ownerId !== before.owner_id) {
      await authorizeSales(trx, ctx.actor, 'reassign', before, 'lead', 'Lead');
      await checkOwner(trx, ctx.actor, input.ownerId);
    }
    const patch: Partial<repo.LeadRow> = {};
    const map: [keyof typeof input, keyof repo.LeadRow][] = [
      ['source', 'source'], ['campaign', 'campaign'], ['name', 'name'], ['title', 'title'], ['phone', 'phone'], ['status', 'status'], ['budgetAmount', 'budget_amount'],
      ['budgetCurrency', 'budget_currency'], ['authority', 'authority'], ['need', 'need'], ['timelineDate', 'timeline_date'], ['timelineNote', 'timeline_note'], ['ownerId', 'owner_id'],
    ];
    for (const [from, to] of map) if (input[from] !== undefined) (patch as Record<string, unknown>)[to] = input[from];
    if (input.company !== undefined) Object.assign(patch, { company: input.company, company_key: nameKey(input.company) });
    if (input.email !== undefined) Object.assign(patch, { email: input.email, email_key: emailKey(input.email) });
    if (input.authorityConfirmed !== undefined) patch.authority_confirmed = input.authorityConfirmed ? 1 : 0;
    // Back to new or working re-opens a disqualified lead: its reason no longer holds.
    if (input.status !== undefined) Object.assign(patch, { disqualified_reason: null, disqualified_at: null });
    const amount = input.budgetAmount === undefined ? before.budget_amount : input.budgetAmount;
    if (amount !== null && !(input.budgetCurrency ?? before.budget_currency)) patch.budget_currency = await repo.orgCurrency(trx, before.org_id);
    await writeLead(ctx, trx, before, input.version, patch, 'update', now);
    return respondLead(ctx, trx, id);
  });
}

export async function qualifyLead(ctx: Ctx, id: string, version: number): Promise<LeadResponse> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const { lead: before, record } = await loadLead(ctx, trx, id, 'update');
    if (version !== before.version) throw staleVersion(presentLead(ctx.actor, before, record));
    refuseConverted(before);
    if (!OPEN_STATUSES.includes(before.status)) throw ruleViolated(before.status === 'qualified' ? 'This lead is already qualified.' : 'This lead was disqualified: re-open it (set it to working) first.');
    await writeLead(ctx, trx, before, version, { status: 'qualified', disqualified_reason: null, disqualified_at: null }, 'qualify', now);
    return respondLead(ctx, trx, id);
  });
}

export async function disqualifyLead(ctx: Ctx, id: string, input: z.infer<typeof DisqualifyLeadRequest>): Promise<LeadResponse> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const { lead: before, record } = await loadLead(ctx, trx, id, 'update');
    if (input.version !== before.version) throw staleVersion(presentLead(ctx.actor, before, record));
    refuseConverted(before);
    if (before.status === 'disqualified') throw ruleViolated('This lead is already disqualified.');
    await writeLead(ctx, trx, before, input.version, { status: 'disqualified', disqualified_reason: input.reason, disqualified_at: now.toISOString() }, 'disqualify', now);
    return respondLead(ctx, trx, id);
  });
}

/** Accounts and contacts the actor may see that look like this lead: the conversion dialog offers linking them. */
export async function leadDuplicates(ctx: Ctx, id: string) {
  const { lead } = await loadLead(ctx, ctx.db, id, 'read');
  const accounts = await repo.similarVisibleAccounts(ctx.db, ctx.actor, lead.company_key, lead.company);
  const contacts = lead.email_key ? await repo.visibleContactsWithEmailKey(ctx.db, ctx.actor, lead.email_key) : [];
  return {
    accounts: accounts.map((a) => ({ id: a.id, name: a.name, ownerName: a.owner_name, status: a.status, sameName: a.name_key === lead.company_key })),
    contacts: contacts.map((c) => ({ id: c.id, name: c.name, email: c.email, accountId: c.account_id, accountName: c.account_name })),
  };
}

/**
 * Converts a lead in one transaction: links or creates the account and the contact, opens an
 * opportunity in the default pipeline's first open stage (amount from the budget, close date from
 * the timeline or 90 days out) with its first stage-history row, and marks the lead converted.
 * Anything failing on the way rolls all of it back.
 */
export async function convertLead(ctx: Ctx, id: string, input: z.infer<typeof ConvertLeadRequest>) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { lead, record } = await loadLead(ctx, trx, id, 'update');
    if (input.version !== lead.version) throw staleVersion(presentLead(ctx.actor, lead, record));
    refuseConverted(lead);
    if (lead.status === 'disqualified') throw ruleViolated('A disqualified lead cannot be converted: re-open it first.');
    // DOMAIN.md: a qualified lead converts; budget, authority, need and timeline are judged first.
    if (lead.status !== 'qualified') throw ruleViolated('Qualify the lead first (budget, authority, need, timeline), then convert it.');
    const audit = (action: string, entityType: string, entityId: string, changes: Record<string, unknown>) =>
      recordAudit(trx, { orgId: lead.org_id, actorId: ctx.actor.id, action, entityType, entityId, changes: diffRecords(null, changes), ip: ctx.ip, at: now });

    // The contact to link decides the account when only it is given.
    let linkedContact: repo.ContactRow | undefined;
    if (input.contactId) {
      const found = await loadContact(ctx, trx, input.contactId, 'read');
      linkedContact = found.contact;
      if (input.accountId && input.accountId !== linkedContact.account_id) throw validationFailed([{ path: 'contactId', message: 'This contact belongs to another account.' }]);
    }
    const accountId = input.accountId ?? linkedContact?.account_id;
    const pipeline = await repo.defaultPipeline(trx, lead.org_id);
    const stage = pipeline ? await repo.firstOpenStage(trx, pipeline.id) : undefined;
    if (!pipeline || !stage) throw ruleViolated('There is no default pipeline with an open stage: a sales manager sets one up in the sales settings.');

    let account: repo.AccountRow;
    if (accountId) {
      // Opening a deal needs to read the account; adding the lead's person to it as a contact needs to change it.
      account = (await loadAccount(ctx, trx, accountId, linkedContact ? 'read' : 'update')).account;
    } else {
      const name = input.accountName ?? lead.company;
      if (!input.allowDuplicate) await refuseDuplicateAccount(trx, ctx.actor, name);
      account = {
        id: uuidv7(now.getTime()), org_id: lead.org_id, name, name_key: nameKey(name), industry: null, segment_id: null, size: null, region: null, website: null, phone: lead.phone, address: '',
        notes: '', owner_id: lead.owner_id, status: 'prospect', cadence_days: null, last_activity_at: null, next_contact_due: null, created_at: at, updated_at: at, version: 1,
      };
      account.next_contact_due = nextContactDue(null, at, await effectiveCadenceFor(trx, lead.org_id, null));
      await repo.insertAccount(trx, account);
      await audit('create', 'account', account.id, { name: account.name, owner_id: account.owner_id, status: account.status, source_lead_id: lead.id });
    }

    let contactId: string;
    if (linkedContact) {
      contactId = linkedContact.id;
    } else {
      if (!input.allowDuplicate) await refuseDuplicateContact(trx, ctx.actor, lead.email);
      const contact: repo.ContactRow = {
        id: uuidv7(now.getTime()), org_id: lead.org_id, account_id: account.id, name: lead.name, title: lead.title, email: lead.email, email_key: lead.email_key, phone: lead.phone,
        buying_role: lead.authority_confirmed ? 'decision_maker' : null, notes: '', created_at: at, updated_at: at, version: 1,
      };
      await repo.insertContact(trx, contact);
      contactId = contact.id;
      await audit('create', 'contact', contact.id, { account_id: account.id, name: contact.name, email: contact.email, source_lead_id: lead.id });
    }

    const currency = lead.budget_currency ?? (await repo.orgCurrency(trx, lead.org_id));
    const amount = lead.budget_amount ?? 0;
    const today = at.slice(0, 10);
    const amountBase = await toBaseAmount(trx, lead.org_id, amount, currency, today, 'budgetCurrency');
    const opportunity: repo.OpportunityRow = {
      id: uuidv7(now.getTime()),
      org_id: lead.org_id,
      name: input.opportunityName ?? `${account.name} – ${lead.need.trim().split('\n')[0]?.slice(0, 120) || lead.name}`,
      account_id: account.id,
      contact_id: contactId,
      owner_id: lead.owner_id,
      pipeline_id: pipeline.id,
      stage_id: stage.id,
      status: 'open',
      amount,
      currency,
      amount_base: amountBase,
      close_date: conversionCloseDate(lead.timeline_date, today),
      probability: Number(stage.probability),
      probability_overridden: 0,
      forecast_category: 'pipeline',
      needs: lead.need,
      solution: '',
      next_step: '',
      lead_source: lead.source,
      source_lead_id: lead.id,
      lost_reason: null,
      lost_to_competitor_id: null,
      won_at: null,
      lost_at: null,
      stage_changed_at: at,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await repo.insertOpportunity(trx, opportunity);
    await repo.insertStageHistory(trx, {
      id: uuidv7(now.getTime()), org_id: lead.org_id, opportunity_id: opportunity.id, from_stage_id: null, to_stage_id: stage.id, amount_base: amountBase, probability: opportunity.probability,
      changed_by: ctx.actor.id, changed_at: at, created_at: at, updated_at: at, version: 1,
    });
    const { created_at: _c, updated_at: _u, version: _v, org_id: _o, id: _i, ...oppAudit } = opportunity;
    await audit('create', 'opportunity', opportunity.id, oppAudit);

    await writeLead(ctx, trx, lead, input.version, { status: 'qualified', converted_at: at, converted_account_id: account.id, converted_contact_id: contactId, converted_opportunity_id: opportunity.id }, 'convert', now);
    return { lead: await respondLead(ctx, trx, id), accountId: account.id, contactId, opportunityId: opportunity.id };
  });
}
