import { sql, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { LeadTable } from '../../db/tables/sales-crm.js';
import type { AccountTable, ActivityTable, ContactTable, OpportunityStageHistoryTable, OpportunityTable } from '../../db/tables/sales.js';
import type { Executor } from '../../db/transaction.js';
import { keysetPage, type PageQuery } from '../../lib/pagination.js';
import type { Actor } from '../../lib/policy.js';
import { like } from '../../lib/sql.js';
import { reachCondition, visibleSales, type SalesEntity, type SalesReach } from '../sales/sales.access.js';

export type AccountRow = Selectable<AccountTable>;
export type ContactRow = Selectable<ContactTable>;
export type LeadRow = Selectable<LeadTable>;
export type ActivityRow = Selectable<ActivityTable>;
export type OpportunityRow = Selectable<OpportunityTable>;
export type StageHistoryRow = Selectable<OpportunityStageHistoryTable>;
export type AccountWithOwner = AccountRow & { owner_name: string | null };
export type LeadWithOwner = LeadRow & { owner_name: string | null };
export type ActivityWithNames = ActivityRow & { owner_name: string | null; account_name: string | null; contact_name: string | null; lead_name: string | null; opportunity_name: string | null };

/** A case-insensitive "contains" on both dialects (PostgreSQL's LIKE is case-sensitive). */
const contains = (column: string, text: string) => like(sql`lower(${sql.ref(column)})`, text.toLowerCase(), 'contains');

/** PostgreSQL answers bigint as a string in some drivers' settings; the app speaks numbers. */
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

// ---- access of a page of rows ----



// ---- organisation ----

export { orgCurrency } from '../sales/settings.repository.js';

export async function defaultCadence(db: Executor, orgId: string): Promise<number | null> {
  const row = await db.selectFrom('sales_settings').select('default_cadence_days').where('org_id', '=', orgId).executeTakeFirst();
  return row ? Number(row.default_cadence_days) : null;
}

export async function segmentExists(db: Executor, orgId: string, id: string) {
  return (await db.selectFrom('market_segments').select('id').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst()) !== undefined;
}

// ---- accounts ----

const accountsWithOwner = (db: Executor) => db.selectFrom('accounts').leftJoin('users as owner', 'owner.id', 'accounts.owner_id').selectAll('accounts').select('owner.name as owner_name');

export function findAccount(db: Executor, orgId: string, id: string): Promise<AccountWithOwner | undefined> {
  return accountsWithOwner(db).where('accounts.org_id', '=', orgId).where('accounts.id', '=', id).executeTakeFirst();
}

export interface AccountFilter {
  ownerId?: string;
  status?: AccountRow['status'];
  industry?: string;
  segmentId?: string;
  region?: string;
  q?: string;
}

const ACCOUNT_COLUMNS = { owner: 'accounts.owner_id', org: 'accounts.org_id', id: 'accounts.id', entity: 'account' } as const;

/** The accounts the actor may see (the rows of their reach), by name. */
export function listAccounts(db: Executor, actor: Actor, reach: SalesReach, f: AccountFilter, page: PageQuery) {
  let q = accountsWithOwner(db).where((eb) => reachCondition(eb, actor, reach, ACCOUNT_COLUMNS));
  if (f.ownerId) q = q.where('accounts.owner_id', '=', f.ownerId);
  if (f.status) q = q.where('accounts.status', '=', f.status);
  if (f.industry) q = q.where('accounts.industry', '=', f.industry);
  if (f.segmentId) q = q.where('accounts.segment_id', '=', f.segmentId);
  if (f.region) q = q.where('accounts.region', '=', f.region);
  if (f.q) q = q.where(contains('accounts.name', f.q));
  return keysetPage(q, {
    sort: [
      { column: 'accounts.name', direction: 'asc' },
      { column: 'accounts.id', direction: 'asc' },
    ],
    page,
    keyOf: (r) => [r.name, r.id],
  });
}

/** Accounts the actor may see whose next contact is due before `now`, the most overdue first. */
export function listOverdueAccounts(db: Executor, actor: Actor, reach: SalesReach, now: string, ownerId: string | undefined, page: PageQuery) {
  let q = accountsWithOwner(db)
    .where((eb) => reachCondition(eb, actor, reach, ACCOUNT_COLUMNS))
    .where('accounts.next_contact_due', 'is not', null)
    .where('accounts.next_contact_due', '<', now)
    .where('accounts.status', '!=', 'former');
  if (ownerId) q = q.where('accounts.owner_id', '=', ownerId);
  return keysetPage(q, {
    sort: [
      { column: 'accounts.next_contact_due', direction: 'asc' },
      { column: 'accounts.id', direction: 'asc' },
    ],
    page,
    keyOf: (r) => [r.next_contact_due, r.id],
  });
}

/** Other accounts of the organisation with the same name key (visible to the actor or not). */
export function accountsWithNameKey(db: Executor, orgId: string, nameKey: string, exceptId?: string) {
  let q = db.selectFrom('accounts').select(['id']).where('org_id', '=', orgId).where('name_key', '=', nameKey);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.limit(20).execute();
}

/** Candidate duplicates the actor may see: the same name key, or a name that contains `name`. */
export function similarVisibleAccounts(db: Executor, actor: Actor, nameKey: string, name: string, limit = 10) {
  return db
    .selectFrom('accounts')
    .leftJoin('users as owner', 'owner.id', 'accounts.owner_id')
    .select(['accounts.id', 'accounts.name', 'accounts.name_key', 'accounts.status', 'owner.name as owner_name'])
    .where((eb) => visibleSales(eb, actor, ACCOUNT_COLUMNS))
    .where((eb) => eb.or([eb('accounts.name_key', '=', nameKey), contains('accounts.name', name)]))
    .orderBy(sql`case when accounts.name_key = ${nameKey} then 0 else 1 end`)
    .orderBy('accounts.name')
    .limit(limit)
    .execute();
}

export function insertAccount(db: Executor, row: AccountRow) {
  return db.insertInto('accounts').values(row).execute();
}

export function updateAccountIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<AccountRow>) {
  return db.updateTable('accounts').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

/** The contact cadence moves with each done activity: no version bump, nobody's edit is made stale by it. */
export function setAccountContact(db: Executor, id: string, lastActivityAt: string | null, nextContactDue: string | null) {
  return db.updateTable('accounts').set({ last_activity_at: lastActivityAt, next_contact_due: nextContactDue }).where('id', '=', id).execute();
}

/** Whether deals, contracts, surveys, market feedback or a lead's conversion point at the account: then it stays. */
export async function accountIsReferenced(db: Executor, accountId: string) {
  for (const table of ['opportunities', 'contracts', 'surveys', 'market_feedback'] as const) {
    if (await db.selectFrom(table).select('id').where('account_id', '=', accountId).limit(1).executeTakeFirst()) return true;
  }
  return (await db.selectFrom('leads').select('id').where('converted_account_id', '=', accountId).limit(1).executeTakeFirst()) !== undefined;
}

/** The account with its contacts and its (and their) activities. */
export async function deleteAccountWithContacts(db: Executor, id: string) {
  await db.deleteFrom('activities').where('account_id', '=', id).execute();
  await db.deleteFrom('contacts').where('account_id', '=', id).execute();
  await db.deleteFrom('accounts').where('id', '=', id).execute();
}

/** The opportunities of one account that the actor may see (another owner's deal on a shared account stays theirs), by close date. */
export function listAccountOpportunities(db: Executor, actor: Actor, accountId: string, page: PageQuery) {
  const q = db
    .selectFrom('opportunities')
    .leftJoin('pipeline_stages as stage', 'stage.id', 'opportunities.stage_id')
    .leftJoin('users as owner', 'owner.id', 'opportunities.owner_id')
    .select([
      'opportunities.id', 'opportunities.name', 'opportunities.status', 'opportunities.amount', 'opportunities.currency', 'opportunities.close_date', 'opportunities.owner_id',
      'stage.name as stage_name', 'owner.name as owner_name',
    ])
    .where('opportunities.account_id', '=', accountId)
    .where((eb) => visibleSales(eb, actor, { owner: 'opportunities.owner_id', org: 'opportunities.org_id', id: 'opportunities.id', entity: 'opportunity' }));
  return keysetPage(q, {
    sort: [
      { column: 'opportunities.close_date', direction: 'desc' },
      { column: 'opportunities.id', direction: 'desc' },
    ],
    page,
    keyOf: (r) => [r.close_date, r.id],
  }).then((p) => ({ ...p, items: p.items.map((r) => ({ ...r, amount: num(r.amount) ?? 0 })) }));
}

// ---- contacts ----

export function findContact(db: Executor, orgId: string, id: string): Promise<ContactRow | undefined> {
  return db.selectFrom('contacts').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function listContacts(db: Executor, accountId: string, page: PageQuery) {
  const q = db.selectFrom('contacts').selectAll().where('account_id', '=', accountId);
  return keysetPage(q, {
    sort: [
      { column: 'contacts.name', direction: 'asc' },
      { column: 'contacts.id', direction: 'asc' },
    ],
    page,
    keyOf: (r) => [r.name, r.id],
  });
}

/** Contacts of the organisation with this email key, with their account (owner decides visibility). */
export function contactsWithEmailKey(db: Executor, orgId: string, emailKey: string, exceptId?: string) {
  let q = db
    .selectFrom('contacts')
    .innerJoin('accounts', 'accounts.id', 'contacts.account_id')
    .select(['contacts.id', 'contacts.name', 'contacts.email', 'contacts.account_id', 'accounts.name as account_name', 'accounts.owner_id', 'accounts.org_id'])
    .where('contacts.org_id', '=', orgId)
    .where('contacts.email_key', '=', emailKey);
  if (exceptId) q = q.where('contacts.id', '!=', exceptId);
  return q.limit(20).execute();
}

/** Contacts with this email key whose account the actor may see. */
export function visibleContactsWithEmailKey(db: Executor, actor: Actor, emailKey: string, limit = 10) {
  return db
    .selectFrom('contacts')
    .innerJoin('accounts', 'accounts.id', 'contacts.account_id')
    .select(['contacts.id', 'contacts.name', 'contacts.email', 'contacts.account_id', 'accounts.name as account_name'])
    .where('contacts.email_key', '=', emailKey)
    .where((eb) => visibleSales(eb, actor, ACCOUNT_COLUMNS))
    .orderBy('contacts.name')
    .limit(limit)
    .execute();
}

export function insertContact(db: Executor, row: ContactRow) {
  return db.insertInto('contacts').values(row).execute();
}

export function updateContactIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<ContactRow>) {
  return db.updateTable('contacts').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export async function contactIsReferenced(db: Executor, id: string) {
  const opp = await db.selectFrom('opportunities').select('id').where('contact_id', '=', id).limit(1).executeTakeFirst();
  if (opp) return true;
  return (await db.selectFrom('leads').select('id').where('converted_contact_id', '=', id).limit(1).executeTakeFirst()) !== undefined;
}

/** The contact's activities stay on its account's timeline. */
export function detachContactActivities(db: Executor, id: string) {
  return db.updateTable('activities').set({ contact_id: null }).where('contact_id', '=', id).execute();
}

export function deleteContact(db: Executor, id: string, version: number) {
  return db.deleteFrom('contacts').where('id', '=', id).where('version', '=', version).executeTakeFirst();
}

// ---- leads ----

const leadsWithOwner = (db: Executor) => db.selectFrom('leads').leftJoin('users as owner', 'owner.id', 'leads.owner_id').selectAll('leads').select('owner.name as owner_name');

const leadNumbers = <T extends LeadRow>(r: T): T => ({ ...r, budget_amount: num(r.budget_amount) });

export async function findLead(db: Executor, orgId: string, id: string): Promise<LeadWithOwner | undefined> {
  const r = await leadsWithOwner(db).where('leads.org_id', '=', orgId).where('leads.id', '=', id).executeTakeFirst();
  return r ? leadNumbers(r) : undefined;
}

export interface LeadFilter {
  ownerId?: string;
  status?: LeadRow['status'];
  q?: string;
}

/** The leads the actor may see, newest first. */
export async function listLeads(db: Executor, actor: Actor, reach: SalesReach, f: LeadFilter, page: PageQuery) {
  let q = leadsWithOwner(db).where((eb) => reachCondition(eb, actor, reach, { owner: 'leads.owner_id', org: 'leads.org_id', id: 'leads.id', entity: 'lead' }));
  if (f.ownerId) q = q.where('leads.owner_id', '=', f.ownerId);
  if (f.status) q = q.where('leads.status', '=', f.status);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([contains('leads.company', text), contains('leads.name', text)]));
  }
  const p = await keysetPage(q, {
    sort: [
      { column: 'leads.created_at', direction: 'desc' },
      { column: 'leads.id', direction: 'desc' },
    ],
    page,
    keyOf: (r) => [r.created_at, r.id],
  });
  return { ...p, items: p.items.map(leadNumbers) };
}

export function insertLead(db: Executor, row: LeadRow) {
  return db.insertInto('leads').values(row).execute();
}

export async function updateLeadIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<LeadRow>) {
  const r = await db.updateTable('leads').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
  return r ? leadNumbers(r) : undefined;
}

// ---- opportunities (opened by a lead's conversion) ----

export function findOpportunity(db: Executor, orgId: string, id: string) {
  return db.selectFrom('opportunities').select(['id', 'org_id', 'owner_id', 'account_id', 'name']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function defaultPipeline(db: Executor, orgId: string) {
  return db.selectFrom('pipelines').select(['id', 'name']).where('org_id', '=', orgId).where('is_default', '=', 1).where('archived', '=', 0).orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
}

export function firstOpenStage(db: Executor, pipelineId: string) {
  return db
    .selectFrom('pipeline_stages')
    .select(['id', 'name', 'probability'])
    .where('pipeline_id', '=', pipelineId)
    .where('kind', '=', 'open')
    .where('archived', '=', 0)
    .orderBy('position')
    .limit(1)
    .executeTakeFirst();
}

export function insertOpportunity(db: Executor, row: OpportunityRow) {
  return db.insertInto('opportunities').values(row).execute();
}

export function insertStageHistory(db: Executor, row: StageHistoryRow) {
  return db.insertInto('opportunity_stage_history').values(row).execute();
}

// ---- activities ----

const activitiesWithNames = (db: Executor) =>
  db
    .selectFrom('activities')
    .leftJoin('users as owner', 'owner.id', 'activities.owner_id')
    .leftJoin('accounts as acc', 'acc.id', 'activities.account_id')
    .leftJoin('contacts as con', 'con.id', 'activities.contact_id')
    .leftJoin('leads as lead', 'lead.id', 'activities.lead_id')
    .leftJoin('opportunities as opp', 'opp.id', 'activities.opportunity_id')
    .selectAll('activities')
    .select(['owner.name as owner_name', 'acc.name as account_name', 'con.name as contact_name', 'lead.company as lead_name', 'opp.name as opportunity_name']);

export function findActivity(db: Executor, orgId: string, id: string): Promise<ActivityWithNames | undefined> {
  return activitiesWithNames(db).where('activities.org_id', '=', orgId).where('activities.id', '=', id).executeTakeFirst();
}

export type ActivityParentColumn = 'account_id' | 'contact_id' | 'lead_id' | 'opportunity_id';

/** The timeline of one record: newest first. An account's includes its contacts' and opportunities'. */
export function listActivities(db: Executor, actor: Actor, column: ActivityParentColumn, parentId: string, page: PageQuery) {
  let q = activitiesWithNames(db).where(`activities.${column}`, '=', parentId);
  // An account's (or contact's) timeline also holds the work on its deals: only on deals the actor may see.
  if (column !== 'opportunity_id') {
    q = q.where((eb) =>
      eb.or([
        eb('activities.opportunity_id', 'is', null),
        eb(
          'activities.opportunity_id',
          'in',
          eb.selectFrom('opportunities as vo').select('vo.id').where('vo.account_id', 'is not', null).where((e) => visibleSales(e, actor, { owner: 'vo.owner_id', org: 'vo.org_id', id: 'vo.id', entity: 'opportunity' })),
        ),
      ]),
    );
  }
  return keysetPage(q, {
    sort: [
      { column: 'activities.created_at', direction: 'desc' },
      { column: 'activities.id', direction: 'desc' },
    ],
    page,
    keyOf: (r) => [r.created_at, r.id],
  });
}

/** The owner's open follow-ups due in [from, to) (from null: everything before `to`), by due time. */
export function openActivitiesDue(db: Executor, ownerId: string, from: string | null, to: string, limit: number) {
  let q = activitiesWithNames(db).where('activities.owner_id', '=', ownerId).where('activities.done_at', 'is', null).where('activities.due_at', 'is not', null).where('activities.due_at', '<', to);
  if (from) q = q.where('activities.due_at', '>=', from);
  return q.orderBy('activities.due_at').orderBy('activities.id').limit(limit).execute();
}

/** What the owner finished in [from, to), latest first. */
export function activitiesDoneBetween(db: Executor, ownerId: string, from: string, to: string, limit: number) {
  return activitiesWithNames(db).where('activities.owner_id', '=', ownerId).where('activities.done_at', '>=', from).where('activities.done_at', '<', to).orderBy('activities.done_at', 'desc').orderBy('activities.id', 'desc').limit(limit).execute();
}

export function insertActivity(db: Executor, row: ActivityRow) {
  return db.insertInto('activities').values(row).execute();
}

export function updateActivityIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<ActivityRow>) {
  return db.updateTable('activities').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

/** Open activities whose reminder time has come and that were not reminded yet, by id. */
export function activitiesToRemind(db: Executor, now: string, afterId: string | null, limit: number) {
  let q = db
    .selectFrom('activities as a')
    .innerJoin('users as u', 'u.id', 'a.owner_id')
    .select(['a.id', 'a.org_id', 'a.kind', 'a.subject', 'a.due_at', 'a.remind_at', 'a.account_id', 'a.contact_id', 'a.lead_id', 'a.opportunity_id', 'u.id as owner_id', 'u.email', 'u.locale', 'u.time_zone'])
    .where('a.remind_at', 'is not', null)
    .where('a.remind_at', '<=', now)
    .where('a.reminded_at', 'is', null)
    .where('a.done_at', 'is', null)
    .where('u.status', '=', 'active');
  if (afterId) q = q.where('a.id', '>', afterId);
  return q.orderBy('a.id').limit(limit).execute();
}

export function markReminded(db: Executor, id: string, at: string) {
  return db.updateTable('activities').set({ reminded_at: at }).where('id', '=', id).where('reminded_at', 'is', null).execute();
}

export type { DB };
