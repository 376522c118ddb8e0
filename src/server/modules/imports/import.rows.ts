import type { Insertable } from 'kysely';
import { IMPORT_FIELDS, readRow, type CellValue, type ImportEntity } from '../../../domain/imports/fields.js';
import type { AccountTable, ContactTable, OpportunityStageHistoryTable, OpportunityTable } from '../../db/tables/sales.js';
import type { LeadTable } from '../../db/tables/sales-crm.js';
import type { Executor } from '../../db/transaction.js';
import { uuidv7 } from '../../lib/ids.js';
import type { Actor } from '../../lib/policy.js';
import { currencyProblem, emailKey, nameKey, rateToBase } from '../sales/money.js';
import type { CsvRow } from './csv.js';
import * as repo from './import.repository.js';

/**
 * Judging and writing a batch of imported rows: every row either becomes records or is rejected
 * with its reason (invalid, or a duplicate of a record that exists or of an earlier row of the
 * same file). The check (dry run) and the import go through the same code; only the import writes.
 */
export interface Rejection {
  row: number;
  field: string | null;
  kind: 'invalid' | 'duplicate';
  reason: string;
  cells: string[];
}

export interface BatchOutcome {
  valid: number;
  rejections: Rejection[];
  /** the rows to write, by table, in order */
  writes: { accounts: Insertable<AccountTable>[]; contacts: Insertable<ContactTable>[]; leads: Insertable<LeadTable>[]; opportunities: Insertable<OpportunityTable>[]; history: Insertable<OpportunityStageHistoryTable>[] };
}

/** What one import remembers across its batches: keys seen in the file, and lookups made once. */
export interface ImportState {
  seen: Set<string>;
  /** account name key → the ids of the accounts the importer may change with that key */
  accounts: Map<string, string[]>;
  segments?: Map<string, string>;
  pipeline?: Awaited<ReturnType<typeof repo.defaultPipelineStages>>;
  rates: Map<string, number | null>;
}

export const newImportState = (): ImportState => ({ seen: new Set(), accounts: new Map(), rates: new Map() });

interface Ctx {
  db: Executor;
  actor: Actor;
  orgCurrency: string;
  now: Date;
  today: string;
  state: ImportState;
}

type Read = { row: CsvRow; record: Record<string, CellValue> };

const str = (v: CellValue | undefined) => (v === null || v === undefined ? null : String(v));

/** Reads every row through the mapping; rows with a wrong number of cells or unreadable cells are rejected. */
function readAll(entity: ImportEntity, mapping: (string | null)[], rows: CsvRow[], width: number, out: Rejection[]): Read[] {
  const ok: Read[] = [];
  for (const row of rows) {
    if (row.cells.length !== width) {
      out.push({ row: row.row, field: null, kind: 'invalid', reason: `The row has ${row.cells.length} cells; the header has ${width}.`, cells: row.cells });
      continue;
    }
    const r = readRow(entity, mapping, row.cells);
    if ('problems' in r) {
      out.push({ row: row.row, field: r.problems[0]!.field, kind: 'invalid', reason: r.problems.map((p) => p.reason).join(' '), cells: row.cells });
      continue;
    }
    ok.push({ row, record: r.record });
  }
  return ok;
}

const base = (c: Ctx) => {
  const at = c.now.toISOString();
  return { id: uuidv7(c.now.getTime()), org_id: c.actor.orgId, created_at: at, updated_at: at, version: 1 };
};

/** Resolves the "account" column to accounts the actor may change; rejects the rows it cannot place. */
async function resolveAccounts(c: Ctx, reads: Read[], out: Rejection[]): Promise<(Read & { accountId: string })[]> {
  // Each name is looked up once per import (files repeat their accounts).
  const byKey = c.state.accounts;
  const keys = [...new Set(reads.map((r) => nameKey(String(r.record.account))))].filter((k) => !byKey.has(k));
  for (const k of keys) byKey.set(k, []);
  for (const a of await repo.editableAccountsByKey(c.db, c.actor, keys)) byKey.get(a.name_key)!.push(a.id);
  const placed: (Read & { accountId: string })[] = [];
  for (const r of reads) {
    const ids = byKey.get(nameKey(String(r.record.account))) ?? [];
    if (ids.length === 1) placed.push({ ...r, accountId: ids[0]! });
    else
      out.push({
        row: r.row.row,
        field: 'account',
        kind: 'invalid',
        reason: ids.length ? `More than one of your accounts is named "${r.record.account}"; rename one first.` : `No account named "${r.record.account}" that you may add to.`,
        cells: r.row.cells,
      });
  }
  return placed;
}

async function accountsBatch(c: Ctx, reads: Read[], out: Rejection[], writes: BatchOutcome['writes']) {
  if (!c.state.segments) c.state.segments = new Map((await repo.segmentsOf(c.db, c.actor.orgId)).map((s) => [s.name.toLowerCase(), s.id]));
  const existing = await repo.existingAccountKeys(c.db, c.actor.orgId, reads.map((r) => nameKey(String(r.record.name))));
  for (const r of reads) {
    const name = String(r.record.name);
    const key = nameKey(name);
    const seenKey = `a|${key}`;
    if (existing.has(key) || c.state.seen.has(seenKey)) {
      out.push({ row: r.row.row, field: 'name', kind: 'duplicate', reason: existing.has(key) ? `An account named like "${name}" exists already.` : `An earlier row of this file has an account named like "${name}".`, cells: r.row.cells });
      continue;
    }
    const segment = str(r.record.segment);
    const segmentId = segment ? c.state.segments.get(segment.toLowerCase()) : null;
    if (segment && !segmentId) {
      out.push({ row: r.row.row, field: 'segment', kind: 'invalid', reason: `No market segment named "${segment}".`, cells: r.row.cells });
      continue;
    }
    c.state.seen.add(seenKey);
    writes.accounts.push({
      ...base(c),
      name,
      name_key: key,
      industry: str(r.record.industry),
      segment_id: segmentId ?? null,
      size: (str(r.record.size) as AccountTable['size']) ?? null,
      region: str(r.record.region),
      website: str(r.record.website),
      phone: str(r.record.phone),
      address: '',
      notes: '',
      owner_id: c.actor.id,
      status: (str(r.record.status) as AccountTable['status']) ?? 'prospect',
      cadence_days: (r.record.cadenceDays as number | null) ?? null,
      last_activity_at: null,
      next_contact_due: null,
    });
  }
}

async function contactsBatch(c: Ctx, reads: Read[], out: Rejection[], writes: BatchOutcome['writes']) {
  const placed = await resolveAccounts(c, reads, out);
  const emails = await repo.existingContactEmails(c.db, c.actor.orgId, placed.map((r) => emailKey(str(r.record.email))).filter((e): e is string => e !== null));
  const names = await repo.existingNamesOnAccounts(c.db, 'contacts', placed.map((r) => ({ accountId: r.accountId, name: String(r.record.name) })));
  for (const r of placed) {
    const name = String(r.record.name);
    const email = emailKey(str(r.record.email));
    const nameOnAccount = `${r.accountId}|${name.toLowerCase()}`;
    let dup: string | null = null;
    if (email && emails.has(email)) dup = `A contact with the email ${email} exists already.`;
    else if (email && c.state.seen.has(`e|${email}`)) dup = `An earlier row of this file has the email ${email}.`;
    else if (names.has(nameOnAccount)) dup = `"${name}" is already a contact of ${r.record.account}.`;
    else if (c.state.seen.has(`n|${nameOnAccount}`)) dup = `An earlier row of this file has "${name}" at ${r.record.account}.`;
    if (dup) {
      out.push({ row: r.row.row, field: dup.includes('email') ? 'email' : 'name', kind: 'duplicate', reason: dup, cells: r.row.cells });
      continue;
    }
    if (email) c.state.seen.add(`e|${email}`);
    c.state.seen.add(`n|${nameOnAccount}`);
    writes.contacts.push({
      ...base(c),
      account_id: r.accountId,
      name,
      title: str(r.record.title),
      email: str(r.record.email),
      email_key: email,
      phone: str(r.record.phone),
      buying_role: (str(r.record.buyingRole) as ContactTable['buying_role']) ?? null,
      notes: '',
    });
  }
}

async function opportunitiesBatch(c: Ctx, reads: Read[], out: Rejection[], writes: BatchOutcome['writes']) {
  if (c.state.pipeline === undefined) c.state.pipeline = await repo.defaultPipelineStages(c.db, c.actor.orgId);
  const pipeline = c.state.pipeline;
  if (!pipeline || !pipeline.stages.some((s) => s.kind === 'open')) {
    for (const r of reads) out.push({ row: r.row.row, field: 'stage', kind: 'invalid', reason: 'The organisation has no sales pipeline yet; a sales manager sets one up first.', cells: r.row.cells });
    return;
  }
  const placed = await resolveAccounts(c, reads, out);
  const names = await repo.existingNamesOnAccounts(c.db, 'opportunities', placed.map((r) => ({ accountId: r.accountId, name: String(r.record.name) })));
  const firstOpen = pipeline.stages.find((s) => s.kind === 'open')!;
  for (const r of placed) {
    const name = String(r.record.name);
    const stageName = str(r.record.stage);
    const stage = stageName ? pipeline.stages.find((s) => s.name.toLowerCase() === stageName.toLowerCase()) : firstOpen;
    if (!stage) {
      out.push({ row: r.row.row, field: 'stage', kind: 'invalid', reason: `No stage named "${stageName}" in the pipeline (${pipeline.stages.map((s) => s.name).join(', ')}).`, cells: r.row.cells });
      continue;
    }
    const currency = (str(r.record.currency) ?? c.orgCurrency).toUpperCase();
    const problem = currencyProblem(currency);
    if (problem) {
      out.push({ row: r.row.row, field: 'currency', kind: 'invalid', reason: problem, cells: r.row.cells });
      continue;
    }
    if (!c.state.rates.has(currency)) c.state.rates.set(currency, await rateToBase(c.db, c.actor.orgId, currency, c.today));
    const rate = c.state.rates.get(currency);
    if (rate === null || rate === undefined) {
      out.push({ row: r.row.row, field: 'currency', kind: 'invalid', reason: `No exchange rate for ${currency}; add one in the sales settings first.`, cells: r.row.cells });
      continue;
    }
    const nameOnAccount = `${r.accountId}|${name.toLowerCase()}`;
    if (names.has(nameOnAccount) || c.state.seen.has(`o|${nameOnAccount}`)) {
      out.push({ row: r.row.row, field: 'name', kind: 'duplicate', reason: names.has(nameOnAccount) ? `${r.record.account} already has an opportunity "${name}".` : `An earlier row of this file has "${name}" for ${r.record.account}.`, cells: r.row.cells });
      continue;
    }
    c.state.seen.add(`o|${nameOnAccount}`);
    const amount = r.record.amount as number;
    const at = c.now.toISOString();
    const probability = (r.record.probability as number | null) ?? stage.probability;
    const row = {
      ...base(c),
      name,
      account_id: r.accountId,
      contact_id: null,
      owner_id: c.actor.id,
      pipeline_id: pipeline.pipelineId,
      stage_id: stage.id,
      status: stage.kind as OpportunityTable['status'],
      amount,
      currency,
      amount_base: Math.round(amount * rate),
      close_date: String(r.record.closeDate),
      probability: stage.kind === 'won' ? 100 : stage.kind === 'lost' ? 0 : probability,
      probability_overridden: r.record.probability !== null && r.record.probability !== undefined && stage.kind === 'open' ? (1 as const) : (0 as const),
      forecast_category: (stage.kind === 'won' ? 'closed' : stage.kind === 'lost' ? 'omitted' : 'pipeline') as OpportunityTable['forecast_category'],
      needs: '',
      solution: '',
      next_step: '',
      lead_source: 'import',
      source_lead_id: null,
      lost_reason: stage.kind === 'lost' ? 'Imported as lost' : null,
      lost_to_competitor_id: null,
      won_at: stage.kind === 'won' ? at : null,
      lost_at: stage.kind === 'lost' ? at : null,
      stage_changed_at: at,
    };
    writes.opportunities.push(row);
    writes.history.push({ ...base(c), opportunity_id: row.id, from_stage_id: null, to_stage_id: stage.id, amount_base: row.amount_base, probability: row.probability, changed_by: c.actor.id, changed_at: at });
  }
}

async function leadsBatch(c: Ctx, reads: Read[], out: Rejection[], writes: BatchOutcome['writes']) {
  const existing = await repo.existingLeadEmails(c.db, c.actor.orgId, reads.map((r) => emailKey(str(r.record.email))).filter((e): e is string => e !== null));
  for (const r of reads) {
    const email = emailKey(str(r.record.email));
    const company = String(r.record.company);
    const name = String(r.record.name);
    const personKey = `l|${nameKey(company)}|${name.toLowerCase()}`;
    let dup: string | null = null;
    if (email && existing.has(email)) dup = `A lead with the email ${email} exists already.`;
    else if (email && c.state.seen.has(`le|${email}`)) dup = `An earlier row of this file has the email ${email}.`;
    else if (c.state.seen.has(personKey)) dup = `An earlier row of this file has "${name}" at ${company}.`;
    if (dup) {
      out.push({ row: r.row.row, field: dup.includes('email') ? 'email' : 'name', kind: 'duplicate', reason: dup, cells: r.row.cells });
      continue;
    }
    const budget = r.record.budget as number | null | undefined;
    const currency = budget !== null && budget !== undefined ? (str(r.record.currency) ?? c.orgCurrency).toUpperCase() : null;
    const problem = currency ? currencyProblem(currency) : null;
    if (problem) {
      out.push({ row: r.row.row, field: 'currency', kind: 'invalid', reason: problem, cells: r.row.cells });
      continue;
    }
    if (email) c.state.seen.add(`le|${email}`);
    c.state.seen.add(personKey);
    writes.leads.push({
      ...base(c),
      source: str(r.record.source) ?? 'import',
      campaign: str(r.record.campaign),
      company,
      company_key: nameKey(company),
      name,
      title: str(r.record.title),
      email: str(r.record.email),
      email_key: email,
      phone: str(r.record.phone),
      status: (str(r.record.status) as LeadTable['status']) ?? 'new',
      budget_amount: budget ?? null,
      budget_currency: currency,
      authority: '',
      authority_confirmed: 0,
      need: str(r.record.need) ?? '',
      timeline_date: str(r.record.timeline),
      timeline_note: '',
      disqualified_reason: null,
      disqualified_at: null,
      owner_id: c.actor.id,
      converted_at: null,
      converted_account_id: null,
      converted_contact_id: null,
      converted_opportunity_id: null,
    });
  }
}

/** Judges one batch of rows (and, for an import, says what to write). */
export async function judgeBatch(c: Ctx, entity: ImportEntity, mapping: (string | null)[], width: number, rows: CsvRow[]): Promise<BatchOutcome> {
  const rejections: Rejection[] = [];
  const writes: BatchOutcome['writes'] = { accounts: [], contacts: [], leads: [], opportunities: [], history: [] };
  const reads = readAll(entity, mapping, rows, width, rejections);
  if (entity === 'accounts') await accountsBatch(c, reads, rejections, writes);
  else if (entity === 'contacts') await contactsBatch(c, reads, rejections, writes);
  else if (entity === 'opportunities') await opportunitiesBatch(c, reads, rejections, writes);
  else await leadsBatch(c, reads, rejections, writes);
  rejections.sort((a, b) => a.row - b.row);
  return { valid: rows.length - rejections.length, rejections, writes };
}

export async function writeBatch(db: Executor, w: BatchOutcome['writes']) {
  await repo.insertMany(db, 'accounts', w.accounts);
  await repo.insertMany(db, 'contacts', w.contacts);
  await repo.insertMany(db, 'leads', w.leads);
  await repo.insertMany(db, 'opportunities', w.opportunities);
  await repo.insertMany(db, 'opportunity_stage_history', w.history);
}

export const fieldsOf = (entity: ImportEntity) => IMPORT_FIELDS[entity].map((f) => ({ key: f.key, required: f.required === true, kind: f.kind }));
