import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '../../db/transaction.js';
import type { AccountTable, ContactTable, OpportunityStageHistoryTable, OpportunityTable } from '../../db/tables/sales.js';
import type { LeadTable } from '../../db/tables/sales-crm.js';
import type { ImportJobTable, ImportRejectionTable } from '../../db/tables/sales-import.js';
import { keysetPage, type PageQuery } from '../../lib/pagination.js';
import type { Actor } from '../../lib/policy.js';
import { editableSales } from '../sales/sales.access.js';

export type ImportJobRow = Selectable<ImportJobTable>;
export type ImportRejectionRow = Selectable<ImportRejectionTable>;

export function insertJob(db: Executor, row: ImportJobRow) {
  return db.insertInto('import_jobs').values(row).execute();
}

export function findJob(db: Executor, orgId: string, id: string) {
  return db.selectFrom('import_jobs').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function updateJob(db: Executor, id: string, patch: Partial<ImportJobRow>) {
  return db.updateTable('import_jobs').set(patch).where('id', '=', id).execute();
}

/** Moves a job from one status to another only if it is still in it (two clicks start one run). */
export async function claimJob(db: Executor, id: string, from: ImportJobRow['status'][], patch: Partial<ImportJobRow>): Promise<boolean> {
  const r = await db.updateTable('import_jobs').set(patch).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function listJobs(db: Executor, userId: string, page: PageQuery) {
  const q = db.selectFrom('import_jobs').selectAll().where('created_by', '=', userId);
  return keysetPage(q, { sort: [{ column: 'created_at', direction: 'desc' }, { column: 'id', direction: 'desc' }], page, keyOf: (r) => [r.created_at, r.id] });
}

/** Jobs a stopped server left running: they cannot go on. */
export function runningJobs(db: Executor) {
  return db.selectFrom('import_jobs').select(['id', 'status', 'inserted_rows']).where('status', 'in', ['checking', 'importing']).execute();
}

export async function insertRejections(db: Executor, rows: ImportRejectionRow[]) {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('import_rejections').values(rows.slice(i, i + 200)).execute();
}

export function deleteRejections(db: Executor, jobId: string) {
  return db.deleteFrom('import_rejections').where('job_id', '=', jobId).execute();
}

export function listRejections(db: Executor, jobId: string, kind: 'invalid' | 'duplicate' | undefined, page: PageQuery) {
  let q = db.selectFrom('import_rejections').selectAll().where('job_id', '=', jobId);
  if (kind) q = q.where('kind', '=', kind);
  return keysetPage(q, { sort: [{ column: 'line', direction: 'asc' }, { column: 'id', direction: 'asc' }], page, keyOf: (r) => [r.line, r.id] });
}

// ---- resolving names and duplicates, a batch at a time ----

/** Accounts with these name keys that the actor may change (contacts and deals go only there). */
export function editableAccountsByKey(db: Executor, actor: Actor, keys: string[]) {
  if (!keys.length) return Promise.resolve([]);
  return db
    .selectFrom('accounts')
    .select(['id', 'name_key', 'owner_id'])
    .where('org_id', '=', actor.orgId)
    .where('name_key', 'in', keys)
    .where((eb) => editableSales(eb, actor, { owner: 'accounts.owner_id', org: 'accounts.org_id', id: 'accounts.id', entity: 'account' }))
    .execute();
}

export async function existingAccountKeys(db: Executor, orgId: string, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await db.selectFrom('accounts').select('name_key').where('org_id', '=', orgId).where('name_key', 'in', keys).execute();
  return new Set(rows.map((r) => r.name_key));
}

export async function existingContactEmails(db: Executor, orgId: string, emails: string[]): Promise<Set<string>> {
  if (!emails.length) return new Set();
  const rows = await db.selectFrom('contacts').select('email_key').where('org_id', '=', orgId).where('email_key', 'in', emails).execute();
  return new Set(rows.map((r) => r.email_key!));
}

export async function existingLeadEmails(db: Executor, orgId: string, emails: string[]): Promise<Set<string>> {
  if (!emails.length) return new Set();
  const rows = await db.selectFrom('leads').select('email_key').where('org_id', '=', orgId).where('email_key', 'in', emails).execute();
  return new Set(rows.map((r) => r.email_key!));
}

/**
 * Which of these (account, name) pairs a contact (or deal) already has, as "account id|lower-cased
 * name". Matched on the exact name in SQL (the account+name index), so a batch reads only its hits.
 */
export async function existingNamesOnAccounts(db: Executor, table: 'contacts' | 'opportunities', pairs: { accountId: string; name: string }[]): Promise<Set<string>> {
  if (!pairs.length) return new Set();
  // (account_id, name) IN (VALUES …): one index probe per pair, on SQLite and PostgreSQL alike.
  const values = sql.join(pairs.map((p) => sql`(${p.accountId}, ${p.name})`));
  const rows = await db
    .selectFrom(table)
    .select(['account_id', 'name'])
    .where(sql<boolean>`(account_id, name) in (values ${values})`)
    .execute();
  return new Set(rows.map((r) => `${r.account_id}|${r.name.toLowerCase()}`));
}

export function segmentsOf(db: Executor, orgId: string) {
  return db.selectFrom('market_segments').select(['id', 'name']).where('org_id', '=', orgId).execute();
}

/** The default pipeline's stages in order (the org's default, else its first pipeline). */
export async function defaultPipelineStages(db: Executor, orgId: string) {
  const p = await db.selectFrom('pipelines').select('id').where('org_id', '=', orgId).where('archived', '=', 0).orderBy('is_default', 'desc').orderBy('created_at').limit(1).executeTakeFirst();
  if (!p) return null;
  const stages = await db.selectFrom('pipeline_stages').select(['id', 'name', 'probability', 'kind', 'position']).where('pipeline_id', '=', p.id).where('archived', '=', 0).orderBy('position').execute();
  return { pipelineId: p.id, stages };
}

export async function insertMany<T extends 'accounts' | 'contacts' | 'leads' | 'opportunities' | 'opportunity_stage_history'>(
  db: Executor,
  table: T,
  rows: Insertable<{ accounts: AccountTable; contacts: ContactTable; leads: LeadTable; opportunities: OpportunityTable; opportunity_stage_history: OpportunityStageHistoryTable }[T]>[],
) {
  // Under SQLite's 32,766 bound variables with room to spare, and few round trips on PostgreSQL.
  for (let i = 0; i < rows.length; i += 500) await db.insertInto(table).values(rows.slice(i, i + 500) as never).execute();
}
