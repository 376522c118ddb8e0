import type { Selectable } from 'kysely';
import type { Executor } from '../../db/transaction.js';
import type {
  BillingMilestoneTable, ContractRoundTable, ContractStatus, ContractTable, OrderLineTable, OrderTable, ProductTable, QuoteLineTable, QuoteTable, SurveyTable,
} from '../../db/tables/sales-contracts.js';
import type { Actor } from '../../lib/policy.js';
import { keysetPage, type PageQuery } from '../../lib/pagination.js';
import { reachCondition, type SalesReach } from '../sales/sales.access.js';

export type ProductRow = Selectable<ProductTable>;
export type QuoteRow = Selectable<QuoteTable>;
export type QuoteLineRow = Selectable<QuoteLineTable>;
export type ContractRow = Selectable<ContractTable>;
export type ContractRoundRow = Selectable<ContractRoundTable>;
export type OrderRow = Selectable<OrderTable>;
export type OrderLineRow = Selectable<OrderLineTable>;
export type MilestoneRow = Selectable<BillingMilestoneTable>;
export type SurveyRow = Selectable<SurveyTable>;

// ---------------------------------------------------------------- settings, parents

export async function salesSettings(db: Executor, orgId: string) {
  const row = await db.selectFrom('sales_settings').select(['discount_approval_percent', 'renewal_notice_days']).where('org_id', '=', orgId).executeTakeFirst();
  return { discountApprovalPercent: row ? Number(row.discount_approval_percent) : 15, renewalNoticeDays: row ? Number(row.renewal_notice_days) : 60 };
}

export function findOpportunity(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom('opportunities')
    .innerJoin('accounts', 'accounts.id', 'opportunities.account_id')
    .select(['opportunities.id', 'opportunities.org_id', 'opportunities.owner_id', 'opportunities.name', 'opportunities.currency', 'opportunities.account_id', 'accounts.name as account_name'])
    .where('opportunities.org_id', '=', orgId)
    .where('opportunities.id', '=', id)
    .executeTakeFirst();
}
export type OpportunityParent = NonNullable<Awaited<ReturnType<typeof findOpportunity>>>;

export function findAccount(db: Executor, orgId: string, id: string) {
  return db.selectFrom('accounts').select(['id', 'org_id', 'owner_id', 'name']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function organisationName(db: Executor, orgId: string) {
  return db.selectFrom('organisations').select(['name']).where('id', '=', orgId).executeTakeFirstOrThrow();
}

export function findProjectInOrg(db: Executor, orgId: string, id: string) {
  return db.selectFrom('projects').select(['id']).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function userContact(db: Executor, userId: string) {
  return db.selectFrom('users').select(['id', 'email', 'name', 'locale']).where('id', '=', userId).executeTakeFirst();
}

/** The sales managers of every team above the owner (their own team included). */
export function salesManagersOf(db: Executor, orgId: string, ownerId: string) {
  return db
    .selectFrom('users as owner')
    .innerJoin('team_closure as tc', 'tc.descendant_id', 'owner.team_id')
    .innerJoin('teams as t', 't.id', 'tc.ancestor_id')
    .innerJoin('users as m', 'm.id', 't.manager_id')
    .innerJoin('user_roles as r', (j) => j.onRef('r.user_id', '=', 'm.id').on('r.role', '=', 'sales_manager'))
    .select(['m.id', 'm.email', 'm.locale'])
    .distinct()
    .where('owner.id', '=', ownerId)
    .where('t.org_id', '=', orgId)
    .where('m.id', '!=', ownerId)
    .execute();
}

// ---------------------------------------------------------------- products

export function listProducts(db: Executor, orgId: string, f: { active?: boolean; q?: string }) {
  let q = db.selectFrom('products').selectAll().where('org_id', '=', orgId);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('name', 'like', like), eb('code', 'like', like)]));
  }
  return q.orderBy('name').orderBy('id').limit(500).execute();
}
export function findProduct(db: Executor, orgId: string, id: string) {
  return db.selectFrom('products').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}
export function findProductsByIds(db: Executor, orgId: string, ids: string[]) {
  if (!ids.length) return Promise.resolve([] as ProductRow[]);
  return db.selectFrom('products').selectAll().where('org_id', '=', orgId).where('id', 'in', ids).execute();
}
export function productCodeTaken(db: Executor, orgId: string, code: string, exceptId?: string) {
  let q = db.selectFrom('products').select('id').where('org_id', '=', orgId).where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}
export function insertProduct(db: Executor, row: ProductRow) {
  return db.insertInto('products').values(row).execute();
}
export function updateProductIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<ProductRow>) {
  return db.updateTable('products').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

// ---------------------------------------------------------------- quotes

export function findQuote(db: Executor, orgId: string, id: string) {
  return db.selectFrom('quotes').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}
export function listQuotes(db: Executor, opportunityId: string) {
  return db.selectFrom('quotes').selectAll().where('opportunity_id', '=', opportunityId).orderBy('quote_version', 'desc').limit(200).execute();
}
export function quoteLines(db: Executor, quoteId: string) {
  return db.selectFrom('quote_lines').selectAll().where('quote_id', '=', quoteId).orderBy('position').execute();
}
export async function latestQuote(db: Executor, opportunityId: string) {
  return db.selectFrom('quotes').selectAll().where('opportunity_id', '=', opportunityId).orderBy('quote_version', 'desc').limit(1).executeTakeFirst();
}
export function insertQuote(db: Executor, row: QuoteRow) {
  return db.insertInto('quotes').values(row).execute();
}
export async function insertQuoteLines(db: Executor, rows: QuoteLineRow[]) {
  if (rows.length) await db.insertInto('quote_lines').values(rows).execute();
}
export function deleteQuoteLines(db: Executor, quoteId: string) {
  return db.deleteFrom('quote_lines').where('quote_id', '=', quoteId).execute();
}
export function updateQuoteIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<QuoteRow>) {
  return db.updateTable('quotes').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}
/** The open versions (not yet decided) of an opportunity's quotes, other than `exceptId`. */
export function openQuotes(db: Executor, opportunityId: string) {
  return db.selectFrom('quotes').selectAll().where('opportunity_id', '=', opportunityId).where('status', 'in', ['draft', 'pending_approval', 'approved', 'sent']).execute();
}
export function supersedeQuote(db: Executor, id: string, version: number, at: string) {
  return db.updateTable('quotes').set({ status: 'superseded', updated_at: at, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
}

// ---------------------------------------------------------------- contracts

const contractsWithNames = (db: Executor) =>
  db
    .selectFrom('contracts')
    .innerJoin('accounts', 'accounts.id', 'contracts.account_id')
    .innerJoin('users as owner', 'owner.id', 'contracts.owner_id')
    .leftJoin('orders', 'orders.contract_id', 'contracts.id')
    .selectAll('contracts')
    .select(['accounts.name as account_name', 'owner.name as owner_name', 'orders.id as order_id']);
export type ContractWithNames = ContractRow & { account_name: string; owner_name: string; order_id: string | null };

export function findContract(db: Executor, orgId: string, id: string): Promise<ContractWithNames | undefined> {
  return contractsWithNames(db).where('contracts.org_id', '=', orgId).where('contracts.id', '=', id).executeTakeFirst();
}

export function listContracts(
  db: Executor,
  actor: Actor,
  reach: SalesReach,
  f: { status?: ContractStatus; ownerId?: string; accountId?: string; signedFrom?: string; signedTo?: string },
  page: PageQuery,
) {
  let q = contractsWithNames(db).where((eb) => reachCondition(eb, actor, reach, { owner: 'contracts.owner_id', org: 'contracts.org_id', id: 'contracts.id', entity: 'contract' }));
  if (f.status) q = q.where('contracts.status', '=', f.status);
  if (f.ownerId) q = q.where('contracts.owner_id', '=', f.ownerId);
  if (f.accountId) q = q.where('contracts.account_id', '=', f.accountId);
  if (f.signedFrom) q = q.where('contracts.signed_on', '>=', f.signedFrom);
  if (f.signedTo) q = q.where('contracts.signed_on', '<=', f.signedTo);
  return keysetPage(q, {
    sort: [
      { column: 'contracts.created_at', direction: 'desc' },
      { column: 'contracts.id', direction: 'desc' },
    ],
    page,
    keyOf: (r) => [r.created_at, r.id],
  });
}

export function contractNumberTaken(db: Executor, orgId: string, number: string) {
  return db.selectFrom('contracts').select('id').where('org_id', '=', orgId).where('number', '=', number).executeTakeFirst();
}
export function insertContract(db: Executor, row: ContractRow) {
  return db.insertInto('contracts').values(row).execute();
}
export function updateContractIfVersion(db: Executor, orgId: string, id: string, version: number, patch: Partial<ContractRow>) {
  return db.updateTable('contracts').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}
export function contractRounds(db: Executor, contractId: string) {
  return db
    .selectFrom('contract_rounds')
    .innerJoin('users', 'users.id', 'contract_rounds.by_id')
    .selectAll('contract_rounds')
    .select('users.name as by_name')
    .where('contract_id', '=', contractId)
    .orderBy('round')
    .execute();
}
export async function lastRoundNumber(db: Executor, contractId: string) {
  const row = await db.selectFrom('contract_rounds').select((eb) => eb.fn.max('round').as('n')).where('contract_id', '=', contractId).executeTakeFirst();
  return Number(row?.n ?? 0);
}
export function insertRound(db: Executor, row: ContractRoundRow) {
  return db.insertInto('contract_rounds').values(row).execute();
}

/** Contracts whose renewal falls within `days` of `today` and that were not reminded for that date, by id. */
export function contractsDueForRenewalReminder(db: Executor, latest: string, after: string | null, limit: number) {
  let q = db
    .selectFrom('contracts')
    .innerJoin('users as owner', 'owner.id', 'contracts.owner_id')
    .innerJoin('accounts', 'accounts.id', 'contracts.account_id')
    .leftJoin('sales_settings as s', 's.org_id', 'contracts.org_id')
    .select([
      'contracts.id', 'contracts.org_id', 'contracts.owner_id', 'contracts.number', 'contracts.title', 'contracts.renewal_date', 'contracts.renewal_reminded_for',
      'owner.email', 'owner.locale', 'owner.time_zone', 'accounts.name as account_name', 's.renewal_notice_days',
    ])
    .where('contracts.status', 'in', ['signed', 'active'])
    .where('contracts.renewal_date', 'is not', null)
    .where('contracts.renewal_date', '<=', latest)
    .where((eb) => eb.or([eb('contracts.renewal_reminded_for', 'is', null), eb('contracts.renewal_reminded_for', '!=', eb.ref('contracts.renewal_date'))]));
  if (after) q = q.where('contracts.id', '>', after);
  return q.orderBy('contracts.id').limit(limit).execute();
}
export function markRenewalReminded(db: Executor, id: string, renewalDate: string) {
  return db.updateTable('contracts').set({ renewal_reminded_for: renewalDate }).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- orders

export function findOrder(db: Executor, orgId: string, id: string) {
  return db.selectFrom('orders').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}
export function findOrderOfContract(db: Executor, contractId: string) {
  return db.selectFrom('orders').selectAll().where('contract_id', '=', contractId).executeTakeFirst();
}
export function insertOrder(db: Executor, row: OrderRow) {
  return db.insertInto('orders').values(row).execute();
}
export async function insertOrderLines(db: Executor, rows: OrderLineRow[]) {
  if (rows.length) await db.insertInto('order_lines').values(rows).execute();
}
export function orderLines(db: Executor, orderId: string) {
  return db.selectFrom('order_lines').selectAll().where('order_id', '=', orderId).orderBy('position').execute();
}
export function milestones(db: Executor, orderId: string) {
  return db.selectFrom('billing_milestones').selectAll().where('order_id', '=', orderId).orderBy('position').execute();
}
export function findMilestone(db: Executor, orgId: string, id: string) {
  return db.selectFrom('billing_milestones').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}
export function deleteMilestones(db: Executor, orderId: string) {
  return db.deleteFrom('billing_milestones').where('order_id', '=', orderId).execute();
}
export async function insertMilestones(db: Executor, rows: MilestoneRow[]) {
  if (rows.length) await db.insertInto('billing_milestones').values(rows).execute();
}
export function updateMilestoneIfVersion(db: Executor, id: string, version: number, patch: Partial<MilestoneRow>) {
  return db.updateTable('billing_milestones').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}
export function updateOrderIfVersion(db: Executor, id: string, version: number, patch: Partial<OrderRow>) {
  return db.updateTable('orders').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

// ---------------------------------------------------------------- surveys

const surveysWithSender = (db: Executor) => db.selectFrom('surveys').innerJoin('users', 'users.id', 'surveys.sent_by').selectAll('surveys').select('users.name as sent_by_name');
export type SurveyWithSender = SurveyRow & { sent_by_name: string };

export function findSurvey(db: Executor, id: string): Promise<SurveyWithSender | undefined> {
  return surveysWithSender(db).where('surveys.id', '=', id).executeTakeFirst();
}
export function findSurveyByTokenHash(db: Executor, tokenHash: string) {
  return db.selectFrom('surveys').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}
export function insertSurvey(db: Executor, row: SurveyRow) {
  return db.insertInto('surveys').values(row).execute();
}
export function listSurveys(db: Executor, accountId: string, page: PageQuery) {
  const q = surveysWithSender(db).where('surveys.account_id', '=', accountId);
  return keysetPage(q, {
    sort: [
      { column: 'surveys.sent_at', direction: 'desc' },
      { column: 'surveys.id', direction: 'desc' },
    ],
    page,
    keyOf: (r) => [r.sent_at, r.id],
  });
}
/** Records an answer unless one is there already (a concurrent second answer updates nothing). */
export async function answerSurvey(db: Executor, id: string, patch: Pick<SurveyRow, 'answered_at' | 'csat' | 'nps' | 'comment' | 'updated_at'>) {
  const r = await db.updateTable('surveys').set((eb) => ({ ...patch, version: eb('version', '+', 1) })).where('id', '=', id).where('answered_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The highest quote or contract number of the organisation with this prefix (numbers are zero-padded, so text order is number order). */
export async function highestNumber(db: Executor, table: 'quotes' | 'contracts', orgId: string, prefix: string): Promise<string | null> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.max('number').as('n')).where('org_id', '=', orgId).where('number', 'like', `${prefix}%`).executeTakeFirst();
  return (row?.n as string | null | undefined) ?? null;
}

/** A contract made from this quote already, if any. */
export function contractOfQuote(db: Executor, quoteId: string) {
  return db.selectFrom('contracts').select(['id', 'number']).where('quote_id', '=', quoteId).executeTakeFirst();
}


/** The longest renewal notice any organisation set (0 when none did). */
export async function longestRenewalNotice(db: Executor) {
  const row = await db.selectFrom('sales_settings').select((eb) => eb.fn.max('renewal_notice_days').as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}
