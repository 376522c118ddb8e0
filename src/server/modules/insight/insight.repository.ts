import { sql, type Selectable } from 'kysely';
import type { CompetitorTable, ExchangeRateTable, MarketSegmentTable } from '../../db/tables/sales.js';
import type { MarketFeedbackTable, SegmentMarketSizeTable } from '../../db/tables/sales-insight.js';
import type { Executor } from '../../db/transaction.js';
import { keysetPage, type PageQuery } from '../../lib/pagination.js';

export type CompetitorRow = Selectable<CompetitorTable>;
export type SegmentRow = Selectable<MarketSegmentTable>;
export type SegmentSizeRow = Selectable<SegmentMarketSizeTable>;
export type ExchangeRateRow = Selectable<ExchangeRateTable>;
export type FeedbackRow = Selectable<MarketFeedbackTable>;

/** The unique-index violation of either dialect (SQLite's message or PostgreSQL's code 23505). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(err?.message ?? '');
}

/** A LIKE pattern matching `s` literally (with ESCAPE '\'). */
export const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// ---- competitors ----

export const findCompetitor = (db: Executor, orgId: string, id: string) =>
  db.selectFrom('competitors').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export function listCompetitors(db: Executor, orgId: string, q: string | undefined, page: PageQuery) {
  let query = db.selectFrom('competitors').selectAll().where('org_id', '=', orgId);
  if (q) query = query.where(sql<boolean>`lower(name) like ${`%${likeLiteral(q.toLowerCase())}%`} escape '\\'`);
  return keysetPage(query, { sort: [{ column: 'competitors.name', direction: 'asc' }, { column: 'competitors.id', direction: 'asc' }], page, keyOf: (r) => [r.name, r.id] });
}

export const insertCompetitor = (db: Executor, row: CompetitorRow) => db.insertInto('competitors').values(row).execute();

export const updateCompetitorIfVersion = (db: Executor, orgId: string, id: string, version: number, patch: Partial<CompetitorRow>) =>
  db.updateTable('competitors').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();

// ---- segments ----

export const findSegment = (db: Executor, orgId: string, id: string) =>
  db.selectFrom('market_segments').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export function listSegments(db: Executor, orgId: string, page: PageQuery) {
  return keysetPage(db.selectFrom('market_segments').selectAll().where('org_id', '=', orgId), {
    sort: [{ column: 'market_segments.name', direction: 'asc' }, { column: 'market_segments.id', direction: 'asc' }],
    page,
    keyOf: (r) => [r.name, r.id],
  });
}

/** The market sizes of a page of segments in one query (no N+1). */
export function sizesOfSegments(db: Executor, segmentIds: string[]) {
  if (segmentIds.length === 0) return Promise.resolve([] as SegmentSizeRow[]);
  return db.selectFrom('segment_market_sizes').selectAll().where('segment_id', 'in', segmentIds).orderBy('period_kind').orderBy('period_start').execute();
}

export const insertSegment = (db: Executor, row: SegmentRow) => db.insertInto('market_segments').values(row).execute();

export const updateSegmentIfVersion = (db: Executor, orgId: string, id: string, version: number, patch: Partial<SegmentRow>) =>
  db.updateTable('market_segments').set({ ...patch, version: version + 1 }).where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();

export async function replaceSegmentSizes(db: Executor, segmentId: string, rows: SegmentSizeRow[]) {
  await db.deleteFrom('segment_market_sizes').where('segment_id', '=', segmentId).execute();
  if (rows.length) await db.insertInto('segment_market_sizes').values(rows).execute();
}

// ---- exchange rates ----

export const findExchangeRate = (db: Executor, orgId: string, id: string) =>
  db.selectFrom('exchange_rates').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();

export function listExchangeRates(db: Executor, orgId: string, currency: string | undefined, page: PageQuery) {
  let q = db.selectFrom('exchange_rates').selectAll().where('org_id', '=', orgId);
  if (currency) q = q.where('currency', '=', currency);
  return keysetPage(q, {
    sort: [{ column: 'exchange_rates.currency', direction: 'asc' }, { column: 'exchange_rates.effective_from', direction: 'desc' }, { column: 'exchange_rates.id', direction: 'asc' }],
    page,
    keyOf: (r) => [r.currency, r.effective_from, r.id],
  });
}

export const findRateOn = (db: Executor, orgId: string, currency: string, effectiveFrom: string) =>
  db.selectFrom('exchange_rates').selectAll().where('org_id', '=', orgId).where('currency', '=', currency).where('effective_from', '=', effectiveFrom).executeTakeFirst();

export const insertExchangeRate = (db: Executor, row: ExchangeRateRow) => db.insertInto('exchange_rates').values(row).execute();

export const deleteExchangeRateIfVersion = (db: Executor, orgId: string, id: string, version: number) =>
  db.deleteFrom('exchange_rates').where('org_id', '=', orgId).where('id', '=', id).where('version', '=', version).executeTakeFirst();

export { orgCurrency } from '../sales/settings.repository.js';

// ---- market feedback ----

export interface FeedbackFilter {
  category?: FeedbackRow['category'];
  sentiment?: FeedbackRow['sentiment'];
  segmentId?: string;
  accountId?: string;
  tag?: string;
  from?: string;
  to?: string;
}

const feedbackWithNames = (db: Executor) =>
  db
    .selectFrom('market_feedback')
    .leftJoin('accounts', 'accounts.id', 'market_feedback.account_id')
    .leftJoin('market_segments', 'market_segments.id', 'market_feedback.segment_id')
    .leftJoin('users', 'users.id', 'market_feedback.recorded_by')
    .selectAll('market_feedback')
    .select(['accounts.name as account_name', 'market_segments.name as segment_name', 'users.name as recorded_by_name']);
export type FeedbackWithNames = FeedbackRow & { account_name: string | null; segment_name: string | null; recorded_by_name: string | null };

export const findFeedback = (db: Executor, orgId: string, id: string): Promise<FeedbackWithNames | undefined> =>
  feedbackWithNames(db).where('market_feedback.org_id', '=', orgId).where('market_feedback.id', '=', id).executeTakeFirst();

/** The organisation's feedback log, newest first. Tags are a JSON array of normalised strings, matched as a quoted element. */
export function listFeedback(db: Executor, orgId: string, f: FeedbackFilter, page: PageQuery) {
  let q = feedbackWithNames(db).where('market_feedback.org_id', '=', orgId);
  if (f.category) q = q.where('market_feedback.category', '=', f.category);
  if (f.sentiment) q = q.where('market_feedback.sentiment', '=', f.sentiment);
  if (f.segmentId) q = q.where('market_feedback.segment_id', '=', f.segmentId);
  if (f.accountId) q = q.where('market_feedback.account_id', '=', f.accountId);
  if (f.from) q = q.where('market_feedback.recorded_on', '>=', f.from);
  if (f.to) q = q.where('market_feedback.recorded_on', '<=', f.to);
  if (f.tag) q = q.where(sql<boolean>`market_feedback.tags like ${`%${likeLiteral(JSON.stringify(f.tag))}%`} escape '\\'`);
  return keysetPage(q, {
    sort: [{ column: 'market_feedback.recorded_on', direction: 'desc' }, { column: 'market_feedback.id', direction: 'desc' }],
    page,
    keyOf: (r) => [r.recorded_on, r.id],
  });
}

export const insertFeedback = (db: Executor, row: FeedbackRow) => db.insertInto('market_feedback').values(row).execute();

/** Feedback counted per month, category and sentiment, in SQL. */
export async function feedbackTrends(db: Executor, orgId: string, from: string, to: string) {
  const month = sql<string>`substr(recorded_on, 1, 7)`;
  const rows = await db
    .selectFrom('market_feedback')
    .select([month.as('month'), 'category', 'sentiment', sql<number | string>`count(*)`.as('n')])
    .where('org_id', '=', orgId)
    .where('recorded_on', '>=', from)
    .where('recorded_on', '<=', to)
    .groupBy([month, 'category', 'sentiment'])
    .orderBy(month)
    .execute();
  return rows.map((r) => ({ month: r.month, category: r.category, sentiment: r.sentiment, count: Number(r.n) }));
}

/** The account a feedback entry names (its owner, for the access check, and its segment). */
export function findAccountForFeedback(db: Executor, accountId: string) {
  return db.selectFrom('accounts').select(['id', 'org_id', 'owner_id', 'segment_id']).where('id', '=', accountId).executeTakeFirst();
}
