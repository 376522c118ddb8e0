import type { z } from 'zod';
import type {
  AccountResponse, ContactResponse, CreateAccountRequest, CreateContactRequest, ListAccountsQuery, OverdueAccountsQuery, UpdateAccountRequest, UpdateContactRequest,
} from '../../../contracts/crm.js';
import type { PageQuery } from '../../../contracts/common.js';
import { effectiveCadence, nextContactDue } from '../../../domain/crm/crm.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { AppError, ruleViolated, staleVersion, validationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { abilitiesFor, authorize, can, type Actor } from '../../lib/policy.js';
import { emailKey, nameKey } from '../sales/money.js';
import { authorizeSales, ownerIsManagedBy, SALES_RECORD_ACTIONS, salesReach, salesRecordsOfPage, type SalesEntity, type SalesRecord } from '../sales/sales.access.js';
import * as repo from './crm.repository.js';

const strip = <T extends { created_at: string; updated_at: string; version: number; org_id: string; id: string }>(r: T) => {
  const { created_at: _c, updated_at: _u, version: _v, org_id: _o, id: _i, ...rest } = r;
  return rest as Omit<T, 'created_at' | 'updated_at' | 'version' | 'org_id' | 'id'>;
};
const accountAudit = (r: repo.AccountRow & { owner_name?: string | null }) => {
  const { owner_name: _n, name_key: _k, ...rest } = strip(r) as Record<string, unknown>;
  return rest;
};

export function presentAccount(actor: Actor, r: repo.AccountWithOwner, record: SalesRecord): AccountResponse {
  return {
    id: r.id,
    name: r.name,
    industry: r.industry,
    segmentId: r.segment_id,
    size: r.size,
    region: r.region,
    website: r.website,
    phone: r.phone,
    address: r.address,
    notes: r.notes,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    status: r.status,
    cadenceDays: r.cadence_days === null ? null : Number(r.cadence_days),
    lastActivityAt: r.last_activity_at,
    nextContactDue: r.next_contact_due,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    abilities: abilitiesFor(actor, 'salesRecord', record, SALES_RECORD_ACTIONS),
  };
}

/** The policy records of a page of rows, by id (two queries for the page, none per row). */
export async function recordsOf(db: Executor, actor: Actor, rows: { id: string; org_id: string; owner_id: string }[], entity: SalesEntity): Promise<Map<string, SalesRecord>> {
  const recordOf = await salesRecordsOfPage(db, actor, entity, rows);
  return new Map(rows.map((r) => [r.id, recordOf(r)]));
}

/** Loads an account the actor may act on: 404 when they may not see it, 403 when they may only read it. */
export async function loadAccount(ctx: Ctx, db: Executor, id: string, action: string) {
  const account = await repo.findAccount(db, ctx.actor.orgId, id);
  const record = await authorizeSales(db, ctx.actor, action, account, 'account', 'Account');
  return { account: account!, record };
}

async function respondAccount(ctx: Ctx, db: Executor, id: string) {
  const { account, record } = await loadAccount(ctx, db, id, 'read');
  return presentAccount(ctx.actor, account, record);
}

export const getAccount = (ctx: Ctx, id: string) => respondAccount(ctx, ctx.db, id);

export async function listAccounts(ctx: Ctx, q: z.infer<typeof ListAccountsQuery>) {
  const reach = await salesReach(ctx.db, ctx.actor, 'account');
  const page = await repo.listAccounts(ctx.db, ctx.actor, reach, { ownerId: q.ownerId, status: q.status, industry: q.industry, segmentId: q.segmentId, region: q.region, q: q.q || undefined }, { limit: q.limit, cursor: q.cursor });
  const records = await recordsOf(ctx.db, ctx.actor, page.items, 'account');
  const items = page.items.map((r) => presentAccount(ctx.actor, r, records.get(r.id)!));
  return { items, nextCursor: page.nextCursor, abilities: { create: can(ctx.actor, 'create', 'salesRecord') } };
}

export async function listOverdueAccounts(ctx: Ctx, q: z.infer<typeof OverdueAccountsQuery>) {
  const reach = await salesReach(ctx.db, ctx.actor, 'account');
  const page = await repo.listOverdueAccounts(ctx.db, ctx.actor, reach, ctx.clock.now().toISOString(), q.ownerId, { limit: q.limit, cursor: q.cursor });
  const records = await recordsOf(ctx.db, ctx.actor, page.items, 'account');
  return { items: page.items.map((r) => presentAccount(ctx.actor, r, records.get(r.id)!)), nextCursor: page.nextCursor };
}

/** The owner of a new or handed-over record: the actor, or someone in a team tree the actor manages. */
export async function checkOwner(db: Executor, actor: Actor, ownerId: string | undefined, path = 'ownerId') {
  if (!ownerId || ownerId === actor.id) return;
  if (!(await ownerIsManagedBy(db, actor, ownerId))) throw validationFailed([{ path, message: 'Pick yourself or someone in a team you manage.' }]);
}

async function checkSegment(db: Executor, orgId: string, segmentId: string | null | undefined) {
  if (segmentId && !(await repo.segmentExists(db, orgId, segmentId))) throw validationFailed([{ path: 'segmentId', message: 'No such market segment.' }]);
}

/** 409 when another account of the organisation has the same name key, listing those the actor may see. */
export async function refuseDuplicateAccount(db: Executor, actor: Actor, name: string, exceptId?: string) {
  const key = nameKey(name);
  const same = await repo.accountsWithNameKey(db, actor.orgId, key, exceptId);
  if (!same.length) return;
  const visible = (await repo.similarVisibleAccounts(db, actor, key, name, 20)).filter((a) => a.name_key === key && a.id !== exceptId);
  throw new AppError('conflict', `An account named like "${name}" already exists. Open it, or create this one anyway.`, {
    duplicates: visible.map((a) => ({ id: a.id, name: a.name, ownerName: a.owner_name, status: a.status, sameName: true })),
    hidden: same.length - visible.length,
  });
}

export async function effectiveCadenceFor(db: Executor, orgId: string, cadenceDays: number | null) {
  return effectiveCadence(cadenceDays, await repo.defaultCadence(db, orgId));
}

export async function createAccount(ctx: Ctx, input: z.infer<typeof CreateAccountRequest>): Promise<AccountResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    authorize(ctx.actor, 'create', 'salesRecord', undefined, 'Account');
    await checkOwner(trx, ctx.actor, input.ownerId);
    await checkSegment(trx, ctx.actor.orgId, input.segmentId);
    if (!input.allowDuplicate) await refuseDuplicateAccount(trx, ctx.actor, input.name);
    const row: repo.AccountRow = {
      id: uuidv7(now.getTime()),
      org_id: ctx.actor.orgId,
      name: input.name,
      name_key: nameKey(input.name),
      industry: input.industry,
      segment_id: input.segmentId,
      size: input.size,
      region: input.region,
      website: input.website,
      phone: input.phone,
      address: input.address,
      notes: input.notes,
      owner_id: input.ownerId ?? ctx.actor.id,
      status: input.status,
      cadence_days: input.cadenceDays,
      last_activity_at: null,
      next_contact_due: nextContactDue(null, at, await effectiveCadenceFor(trx, ctx.actor.orgId, input.cadenceDays)),
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await repo.insertAccount(trx, row);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'account', entityId: row.id, changes: diffRecords(null, accountAudit(row)), ip: ctx.ip, at: now });
    return respondAccount(ctx, trx, row.id);
  });
}

export async function updateAccount(ctx: Ctx, id: string, input: z.infer<typeof UpdateAccountRequest>): Promise<AccountResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { account: before, record } = await loadAccount(ctx, trx, id, 'update');
    if (input.version !== before.version) throw staleVersion(presentAccount(ctx.actor, before, record));
    if (input.ownerId !== undefined && input.ownerId !== before.owner_id) {
      await authorizeSales(trx, ctx.actor, 'reassign', before, 'account', 'Account');
      await checkOwner(trx, ctx.actor, input.ownerId);
    }
    await checkSegment(trx, ctx.actor.orgId, input.segmentId);
    const patch: Partial<repo.AccountRow> = { updated_at: at };
    if (input.name !== undefined && input.name !== before.name) {
      if (!input.allowDuplicate && nameKey(input.name) !== before.name_key) await refuseDuplicateAccount(trx, ctx.actor, input.name, id);
      patch.name = input.name;
      patch.name_key = nameKey(input.name);
    }
    const map: [keyof typeof input, keyof repo.AccountRow][] = [
      ['industry', 'industry'], ['segmentId', 'segment_id'], ['size', 'size'], ['region', 'region'], ['website', 'website'], ['phone', 'phone'], ['address', 'address'], ['notes', 'notes'],
      ['ownerId', 'owner_id'], ['status', 'status'], ['cadenceDays', 'cadence_days'],
    ];
    for (const [from, to] of map) if (input[from] !== undefined) (patch as Record<string, unknown>)[to] = input[from];
    if (input.cadenceDays !== undefined) {
      patch.next_contact_due = nextContactDue(before.last_activity_at, before.created_at, await effectiveCadenceFor(trx, before.org_id, input.cadenceDays));
    }
    const after = await repo.updateAccountIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(await respondAccount(ctx, trx, id));
    const changes = diffRecords(accountAudit(before), accountAudit(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'account', entityId: id, changes, ip: ctx.ip, at: now });
    return respondAccount(ctx, trx, id);
  });
}

export async function deleteAccount(ctx: Ctx, id: string, version: number): Promise<void> {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const { account, record } = await loadAccount(ctx, trx, id, 'delete');
    if (version !== account.version) throw staleVersion(presentAccount(ctx.actor, account, record));
    if (await repo.accountIsReferenced(trx, id)) throw ruleViolated('This account has deals, contracts, surveys or market feedback (or came from a lead): it cannot be deleted. Mark it as a former customer instead.');
    await repo.deleteAccountWithContacts(trx, id);
    await recordAudit(trx, { orgId: account.org_id, actorId: ctx.actor.id, action: 'delete', entityType: 'account', entityId: id, changes: diffRecords(accountAudit(account), null), ip: ctx.ip, at: now });
  });
}

export async function listAccountOpportunities(ctx: Ctx, id: string, page: z.infer<typeof PageQuery>) {
  await loadAccount(ctx, ctx.db, id, 'read');
  const p = await repo.listAccountOpportunities(ctx.db, ctx.actor, id, page);
  return {
    items: p.items.map((r) => ({ id: r.id, name: r.name, stageName: r.stage_name, status: r.status, amount: r.amount, currency: r.currency, closeDate: r.close_date, ownerId: r.owner_id, ownerName: r.owner_name })),
    nextCursor: p.nextCursor,
  };
}

// ---- contacts: authorized through their account ----

export function presentContact(actor: Actor, c: repo.ContactRow, record: SalesRecord): ContactResponse {
  const canUpdate = can(actor, 'update', 'salesRecord', record);
  return {
    id: c.id,
    accountId: c.account_id,
    name: c.name,
    title: c.title,
    email: c.email,
    phone: c.phone,
    buyingRole: c.buying_role,
    notes: c.notes,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    version: c.version,
    abilities: { update: canUpdate, delete: canUpdate },
  };
}

const contactAudit = (c: repo.ContactRow) => {
  const { email_key: _k, ...rest } = strip(c) as Record<string, unknown>;
  return rest;
};

/** Loads a contact and authorizes the action on its account. */
export async function loadContact(ctx: Ctx, db: Executor, id: string, action: string) {
  const contact = await repo.findContact(db, ctx.actor.orgId, id);
  const account = contact ? await repo.findAccount(db, ctx.actor.orgId, contact.account_id) : undefined;
  const record = await authorizeSales(db, ctx.actor, action, account, 'account', 'Contact');
  return { contact: contact!, account: account!, record };
}

/** 409 when another contact of the organisation has this email; details carry it when the actor may see it. */
export async function refuseDuplicateContact(db: Executor, actor: Actor, email: string | null, exceptId?: string) {
  const key = emailKey(email);
  if (!key) return;
  const same = await repo.contactsWithEmailKey(db, actor.orgId, key, exceptId);
  if (!same.length) return;
  const visible = (await repo.visibleContactsWithEmailKey(db, actor, key, 20)).filter((c) => c.id !== exceptId);
  throw new AppError('conflict', `A contact with the email ${email} already exists.`, {
    existing: visible[0] ? { id: visible[0].id, name: visible[0].name, email: visible[0].email, accountId: visible[0].account_id, accountName: visible[0].account_name } : null,
    duplicates: visible.map((c) => ({ id: c.id, name: c.name, email: c.email, accountId: c.account_id, accountName: c.account_name })),
  });
}

export async function listContacts(ctx: Ctx, accountId: string, page: z.infer<typeof PageQuery>) {
  const { record } = await loadAccount(ctx, ctx.db, accountId, 'read');
  const p = await repo.listContacts(ctx.db, accountId, page);
  return { items: p.items.map((c) => presentContact(ctx.actor, c, record)), nextCursor: p.nextCursor };
}

export async function createContact(ctx: Ctx, accountId: string, input: z.infer<typeof CreateContactRequest>): Promise<ContactResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { account, record } = await loadAccount(ctx, trx, accountId, 'update');
    if (!input.allowDuplicate) await refuseDuplicateContact(trx, ctx.actor, input.email);
    const row: repo.ContactRow = {
      id: uuidv7(now.getTime()),
      org_id: account.org_id,
      account_id: accountId,
      name: input.name,
      title: input.title,
      email: input.email,
      email_key: emailKey(input.email),
      phone: input.phone,
      buying_role: input.buyingRole,
      notes: input.notes,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await repo.insertContact(trx, row);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'contact', entityId: row.id, changes: diffRecords(null, contactAudit(row)), ip: ctx.ip, at: now });
    return presentContact(ctx.actor, row, record);
  });
}

export async function updateContact(ctx: Ctx, id: string, input: z.infer<typeof UpdateContactRequest>): Promise<ContactResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { contact: before, record } = await loadContact(ctx, trx, id, 'update');
    if (input.version !== before.version) throw staleVersion(presentContact(ctx.actor, before, record));
    const patch: Partial<repo.ContactRow> = { updated_at: at };
    if (input.email !== undefined) {
      if (!input.allowDuplicate && emailKey(input.email) !== before.email_key) await refuseDuplicateContact(trx, ctx.actor, input.email, id);
      patch.email = input.email;
      patch.email_key = emailKey(input.email);
    }
    const map: [keyof typeof input, keyof repo.ContactRow][] = [['name', 'name'], ['title', 'title'], ['phone', 'phone'], ['buyingRole', 'buying_role'], ['notes', 'notes']];
    for (const [from, to] of map) if (input[from] !== undefined) (patch as Record<string, unknown>)[to] = input[from];
    const after = await repo.updateContactIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(presentContact(ctx.actor, (await repo.findContact(trx, ctx.actor.orgId, id))!, record));
    const changes = diffRecords(contactAudit(before), contactAudit(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'contact', entityId: id, changes, ip: ctx.ip, at: now });
    return presentContact(ctx.actor, after, record);
  });
}

export async function deleteContact(ctx: Ctx, id: string, version: number): Promise<void> {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const { contact, record } = await loadContact(ctx, trx, id, 'update');
    if (version !== contact.version) throw staleVersion(presentContact(ctx.actor, contact, record));
    if (await repo.contactIsReferenced(trx, id)) throw ruleViolated('This contact is on an opportunity or came from a lead: it cannot be deleted.');
    await repo.detachContactActivities(trx, id);
    const res = await repo.deleteContact(trx, id, version);
    if (!res.numDeletedRows) throw staleVersion(presentContact(ctx.actor, contact, record));
    await recordAudit(trx, { orgId: contact.org_id, actorId: ctx.actor.id, action: 'delete', entityType: 'contact', entityId: id, changes: diffRecords(contactAudit(contact), null), ip: ctx.ip, at: now });
  });
}
