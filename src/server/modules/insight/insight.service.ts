import type { z } from 'zod';
import type {
  CompetitorResponse, CreateCompetitorRequest, CreateExchangeRateRequest, CreateFeedbackRequest, CreateSegmentRequest, FeedbackResponse, FeedbackTrendsQuery, ListCompetitorsQuery,
  ListExchangeRatesQuery, ListFeedbackQuery, MarketInsightResponse, MarketQuery, PutSegmentSizesRequest, SegmentResponse, UpdateCompetitorRequest, UpdateSegmentRequest, WinLossDealsQuery,
} from '../../../contracts/insight.js';
import type { PageQuery } from '../../../contracts/common.js';
import { isPeriodStart, periodOf, type Period, type PeriodKind } from '../../../domain/forecast/period.js';
import { marketShare, normaliseTags, winRate } from '../../../domain/insight/insight.js';
import { currencyProblem } from '../sales/money.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { AppError, notFound, staleVersion, validationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { authorize, can, type Actor } from '../../lib/policy.js';
import { authorizeSales, salesReach, salesScope } from '../sales/sales.access.js';
import * as frepo from './forecast.repository.js';
import * as repo from './insight.repository.js';

/**
 * Access decisions of this area (see docs in the report):
 *  - competitors: every sales user reads; sales reps and managers add and edit them (they learn
 *    about competitors in the field); executives read only (403).
 *  - segments, their market sizes and exchange rates: salesConfig — read by sales users and
 *    admins, written by sales managers and admins.
 *  - market feedback: market intelligence for the whole sales force, so every sales user reads all
 *    of the organisation's feedback; reps and managers record it, and may link it only to an
 *    account they can see.
 *  - people with no sales role (project managers, delivery) get 404 on all of it.
 */
export function requireSalesUser(actor: Actor, what = 'Sales data') {
  if (salesScope(actor) === null) throw notFound(what);
}
const pageOf = (q: z.infer<typeof PageQuery>) => ({ limit: q.limit, cursor: q.cursor });
const conflict = (message: string, details?: unknown) => new AppError('conflict', message, details);

/** A period from the query, or 400 on periodStart when it does not start a period of its kind. */
export function periodFrom(kind: PeriodKind, start: string): Period {
  if (!isPeriodStart(kind, start)) throw validationFailed([{ path: 'periodStart', message: `${start} is not the first day of a ${kind}.` }]);
  return periodOf(kind, start);
}

// ---- competitors ----

function presentCompetitor(actor: Actor, r: repo.CompetitorRow): z.infer<typeof CompetitorResponse> {
  return { id: r.id, name: r.name, website: r.website, strengths: r.strengths, weaknesses: r.weaknesses, pricingNotes: r.pricing_notes, version: r.version, abilities: { update: can(actor, 'create', 'salesRecord') } };
}

export async function listCompetitors(ctx: Ctx, q: z.infer<typeof ListCompetitorsQuery>) {
  requireSalesUser(ctx.actor, 'Competitors');
  const page = await repo.listCompetitors(ctx.db, ctx.actor.orgId, q.q, pageOf(q));
  return { items: page.items.map((r) => presentCompetitor(ctx.actor, r)), nextCursor: page.nextCursor, abilities: { create: can(ctx.actor, 'create', 'salesRecord') } };
}

const competitorAudit = ({ created_at: _c, updated_at: _u, version: _v, org_id: _o, id: _i, ...rest }: repo.CompetitorRow) => rest;

export async function createCompetitor(ctx: Ctx, input: z.infer<typeof CreateCompetitorRequest>) {
  requireSalesUser(ctx.actor, 'Competitors');
  authorize(ctx.actor, 'create', 'salesRecord');
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const at = now.toISOString();
    const row: repo.CompetitorRow = { id: uuidv7(now.getTime()), org_id: ctx.actor.orgId, name: input.name, website: input.website || null, strengths: input.strengths, weaknesses: input.weaknesses, pricing_notes: input.pricingNotes, created_at: at, updated_at: at, version: 1 };
    try {
      await repo.insertCompetitor(trx, row);
    } catch (e) {
      if (repo.isUniqueViolation(e)) throw conflict('A competitor with this name exists.', { path: 'name' });
      throw e;
    }
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'competitor', entityId: row.id, changes: diffRecords(null, competitorAudit(row)), ip: ctx.ip, at: now });
    return presentCompetitor(ctx.actor, row);
  });
}

export async function updateCompetitor(ctx: Ctx, id: string, input: z.infer<typeof UpdateCompetitorRequest>) {
  requireSalesUser(ctx.actor, 'Competitor');
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const before = await repo.findCompetitor(trx, ctx.actor.orgId, id);
    if (!before) throw notFound('Competitor');
    authorize(ctx.actor, 'create', 'salesRecord');
    if (before.version !== input.version) throw staleVersion(presentCompetitor(ctx.actor, before));
    const patch: Partial<repo.CompetitorRow> = { updated_at: now.toISOString() };
    if (input.name !== undefined) patch.name = input.name;
    if (input.website !== undefined) patch.website = input.website || null;
    if (input.strengths !== undefined) patch.strengths = input.strengths;
    if (input.weaknesses !== undefined) patch.weaknesses = input.weaknesses;
    if (input.pricingNotes !== undefined) patch.pricing_notes = input.pricingNotes;
    let after: repo.CompetitorRow | undefined;
    try {
      after = await repo.updateCompetitorIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    } catch (e) {
      if (repo.isUniqueViolation(e)) throw conflict('A competitor with this name exists.', { path: 'name' });
      throw e;
    }
    if (!after) throw staleVersion(presentCompetitor(ctx.actor, (await repo.findCompetitor(trx, ctx.actor.orgId, id))!));
    const changes = diffRecords(competitorAudit(before), competitorAudit(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'competitor', entityId: id, changes, ip: ctx.ip, at: now });
    return presentCompetitor(ctx.actor, after);
  });
}

// ---- segments ----

function presentSegment(actor: Actor, r: repo.SegmentRow, sizes: repo.SegmentSizeRow[]): z.infer<typeof SegmentResponse> {
  return {
    id: r.id, name: r.name, description: r.description, version: r.version,
    sizes: sizes.map((s) => ({ periodKind: s.period_kind, periodStart: s.period_start, marketSize: Number(s.market_size) })),
    abilities: { update: can(actor, 'manage', 'salesConfig') },
  };
}

export async function listSegments(ctx: Ctx, q: z.infer<typeof PageQuery>) {
  authorize(ctx.actor, 'read', 'salesConfig', undefined, 'Segments');
  const page = await repo.listSegments(ctx.db, ctx.actor.orgId, pageOf(q));
  const sizes = await repo.sizesOfSegments(ctx.db, page.items.map((s) => s.id));
  return { items: page.items.map((s) => presentSegment(ctx.actor, s, sizes.filter((z) => z.segment_id === s.id))), nextCursor: page.nextCursor, abilities: { create: can(ctx.actor, 'manage', 'salesConfig') } };
}

async function loadSegmentForWrite(ctx: Ctx, db: Executor, id: string) {
  authorize(ctx.actor, 'read', 'salesConfig', undefined, 'Segment');
  const row = await repo.findSegment(db, ctx.actor.orgId, id);
  if (!row) throw notFound('Segment');
  authorize(ctx.actor, 'manage', 'salesConfig');
  return row;
}
const segmentAudit = ({ created_at: _c, updated_at: _u, version: _v, org_id: _o, id: _i, ...rest }: repo.SegmentRow) => rest;

export async function createSegment(ctx: Ctx, input: z.infer<typeof CreateSegmentRequest>) {
  authorize(ctx.actor, 'read', 'salesConfig', undefined, 'Segments');
  authorize(ctx.actor, 'manage', 'salesConfig');
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const at = now.toISOString();
    const row: repo.SegmentRow = { id: uuidv7(now.getTime()), org_id: ctx.actor.orgId, name: input.name, description: input.description, created_at: at, updated_at: at, version: 1 };
    try {
      await repo.insertSegment(trx, row);
    } catch (e) {
      if (repo.isUniqueViolation(e)) throw conflict('A segment with this name exists.', { path: 'name' });
      throw e;
    }
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'market_segment', entityId: row.id, changes: diffRecords(null, segmentAudit(row)), ip: ctx.ip, at: now });
    return presentSegment(ctx.actor, row, []);
  });
}

export async function updateSegment(ctx: Ctx, id: string, input: z.infer<typeof UpdateSegmentRequest>) {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const before = await loadSegmentForWrite(ctx, trx, id);
    const sizes = await repo.sizesOfSegments(trx, [id]);
    if (before.version !== input.version) throw staleVersion(presentSegment(ctx.actor, before, sizes));
    const patch: Partial<repo.SegmentRow> = { updated_at: now.toISOString() };
    if (input.name !== undefined) patch.name = input.name;
    if (input.description !== undefined) patch.description = input.description;
    let after: repo.SegmentRow | undefined;
    try {
      after = await repo.updateSegmentIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    } catch (e) {
      if (repo.isUniqueViolation(e)) throw conflict('A segment with this name exists.', { path: 'name' });
      throw e;
    }
    if (!after) throw staleVersion(presentSegment(ctx.actor, (await repo.findSegment(trx, ctx.actor.orgId, id))!, sizes));
    const changes = diffRecords(segmentAudit(before), segmentAudit(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'market_segment', entityId: id, changes, ip: ctx.ip, at: now });
    return presentSegment(ctx.actor, after, sizes);
  });
}

/** Replaces a segment's market sizes; bumps the segment's version so concurrent edits answer 409. */
export async function putSegmentSizes(ctx: Ctx, id: string, input: z.infer<typeof PutSegmentSizesRequest>) {
  const issues = input.sizes.flatMap((s, i) => (isPeriodStart(s.periodKind, s.periodStart) ? [] : [{ path: `sizes.${i}.periodStart`, message: `${s.periodStart} is not the first day of a ${s.periodKind}.` }]));
  const keys = input.sizes.map((s) => `${s.periodKind}:${s.periodStart}`);
  keys.forEach((k, i) => {
    if (keys.indexOf(k) !== i) issues.push({ path: `sizes.${i}.periodStart`, message: 'This period is listed twice.' });
  });
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const before = await loadSegmentForWrite(ctx, trx, id);
    if (issues.length) throw validationFailed(issues);
    const sizesBefore = await repo.sizesOfSegments(trx, [id]);
    if (before.version !== input.version) throw staleVersion(presentSegment(ctx.actor, before, sizesBefore));
    const at = now.toISOString();
    const after = await repo.updateSegmentIfVersion(trx, ctx.actor.orgId, id, input.version, { updated_at: at });
    if (!after) throw staleVersion(presentSegment(ctx.actor, (await repo.findSegment(trx, ctx.actor.orgId, id))!, sizesBefore));
    const rows: repo.SegmentSizeRow[] = input.sizes.map((s) => ({ id: uuidv7(now.getTime()), org_id: ctx.actor.orgId, segment_id: id, period_kind: s.periodKind, period_start: s.periodStart, market_size: s.marketSize, created_at: at, updated_at: at, version: 1 }));
    await repo.replaceSegmentSizes(trx, id, rows);
    const view = (xs: { period_kind: string; period_start: string; market_size: number }[]) => Object.fromEntries(xs.map((x) => [`${x.period_kind}:${x.period_start}`, Number(x.market_size)]));
    await recordAudit(trx, { orgId: ctx.actor.orgId, actorId: ctx.actor.id, action: 'update_sizes', entityType: 'market_segment', entityId: id, changes: { sizes: [view(sizesBefore), view(rows)] }, ip: ctx.ip, at: now });
    return presentSegment(ctx.actor, after, await repo.sizesOfSegments(trx, [id]));
  });
}

// ---- exchange rates ----

const presentRate = (r: repo.ExchangeRateRow) => ({ id: r.id, currency: r.currency, rate: Number(r.rate), effectiveFrom: r.effective_from, version: r.version });

export async function listExchangeRates(ctx: Ctx, q: z.infer<typeof ListExchangeRatesQuery>) {
  authorize(ctx.actor, 'read', 'salesConfig', undefined, 'Exchange rates');
  const page = await repo.listExchangeRates(ctx.db, ctx.actor.orgId, q.currency, pageOf(q));
  return { items: page.items.map(presentRate), nextCursor: page.nextCursor, orgCurrency: await repo.orgCurrency(ctx.db, ctx.actor.orgId), abilities: { create: can(ctx.actor, 'manage', 'salesConfig'), delete: can(ctx.actor, 'manage', 'salesConfig') } };
}

export async function createExchangeRate(ctx: Ctx, input: z.infer<typeof CreateExchangeRateRequest>) {
  authorize(ctx.actor, 'read', 'salesConfig', undefined, 'Exchange rates');
  authorize(ctx.actor, 'manage', 'salesConfig');
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const problem = currencyProblem(input.currency);
    if (problem) throw validationFailed([{ path: 'currency', message: problem }]);
    if (input.currency === (await repo.orgCurrency(trx, ctx.actor.orgId))) throw validationFailed([{ path: 'currency', message: 'This is the organisation’s own currency; it converts 1:1.' }]);
    const existing = await repo.findRateOn(trx, ctx.actor.orgId, input.currency, input.effectiveFrom);
    if (existing) throw conflict(`A rate for ${input.currency} from ${input.effectiveFrom} exists.`, { current: presentRate(existing) });
    const at = now.toISOString();
    const row: repo.ExchangeRateRow = { id: uuidv7(now.getTime()), org_id: ctx.actor.orgId, currency: input.currency, rate: input.rate, effective_from: input.effectiveFrom, created_at: at, updated_at: at, version: 1 };
    try {
      await repo.insertExchangeRate(trx, row);
    } catch (e) {
      if (repo.isUniqueViolation(e)) throw conflict(`A rate for ${input.currency} from ${input.effectiveFrom} exists.`);
      throw e;
    }
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'exchange_rate', entityId: row.id, changes: { currency: [null, row.currency], rate: [null, row.rate], effective_from: [null, row.effective_from] }, ip: ctx.ip, at: now });
    return presentRate(row);
  });
}

export async function deleteExchangeRate(ctx: Ctx, id: string, version: number) {
  authorize(ctx.actor, 'read', 'salesConfig', undefined, 'Exchange rate');
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const before = await repo.findExchangeRate(trx, ctx.actor.orgId, id);
    if (!before) throw notFound('Exchange rate');
    authorize(ctx.actor, 'manage', 'salesConfig');
    if (before.version !== version) throw staleVersion(presentRate(before));
    const res = await repo.deleteExchangeRateIfVersion(trx, ctx.actor.orgId, id, version);
    if (Number(res.numDeletedRows) !== 1) throw staleVersion(presentRate(before));
    await recordAudit(trx, { orgId: ctx.actor.orgId, actorId: ctx.actor.id, action: 'delete', entityType: 'exchange_rate', entityId: id, changes: { currency: [before.currency, null], rate: [before.rate, null], effective_from: [before.effective_from, null] }, ip: ctx.ip, at: now });
  });
}

// ---- market feedback ----

function presentFeedback(r: repo.FeedbackWithNames): z.infer<typeof FeedbackResponse> {
  let tags: string[] = [];
  try {
    tags = JSON.parse(r.tags);
  } catch {
    tags = [];
  }
  return {
    id: r.id, source: r.source, accountId: r.account_id, accountName: r.account_name, segmentId: r.segment_id, segmentName: r.segment_name, product: r.product,
    category: r.category, sentiment: r.sentiment, text: r.text, tags, recordedBy: r.recorded_by, recordedByName: r.recorded_by_name, recordedOn: r.recorded_on, version: r.version,
  };
}

export async function listFeedback(ctx: Ctx, q: z.infer<typeof ListFeedbackQuery>) {
  requireSalesUser(ctx.actor, 'Market feedback');
  if (q.from && q.to && q.from > q.to) throw validationFailed([{ path: 'to', message: 'The end is before the start.' }]);
  const page = await repo.listFeedback(ctx.db, ctx.actor.orgId, { category: q.category, sentiment: q.sentiment, segmentId: q.segmentId, accountId: q.accountId, tag: q.tag ? normaliseTags([q.tag])[0] : undefined, from: q.from, to: q.to }, pageOf(q));
  return { items: page.items.map(presentFeedback), nextCursor: page.nextCursor, abilities: { create: can(ctx.actor, 'create', 'salesRecord') } };
}

export async function createFeedback(ctx: Ctx, input: z.infer<typeof CreateFeedbackRequest>) {
  requireSalesUser(ctx.actor, 'Market feedback');
  authorize(ctx.actor, 'create', 'salesRecord');
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const issues = [];
    let segmentId = input.segmentId;
    if (input.accountId) {
      const account = await repo.findAccountForFeedback(trx, input.accountId);
      try {
        await authorizeSales(trx, ctx.actor, 'read', account, 'account', 'Account');
        segmentId ??= account!.segment_id;
      } catch {
        issues.push({ path: 'accountId', message: 'No such account that you can see.' });
      }
    }
    if (input.segmentId && !(await repo.findSegment(trx, ctx.actor.orgId, input.segmentId))) issues.push({ path: 'segmentId', message: 'No such segment.' });
    if (issues.length) throw validationFailed(issues);
    const at = now.toISOString();
    const row: repo.FeedbackRow = {
      id: uuidv7(now.getTime()), org_id: ctx.actor.orgId, source: input.source, account_id: input.accountId, segment_id: segmentId, product: input.product || null,
      category: input.category, sentiment: input.sentiment, text: input.text, tags: JSON.stringify(normaliseTags(input.tags)), recorded_by: ctx.actor.id, recorded_on: input.recordedOn,
      created_at: at, updated_at: at, version: 1,
    };
    await repo.insertFeedback(trx, row);
    const { created_at: _c, updated_at: _u, version: _v, org_id: _o, id: _i, ...view } = row;
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'market_feedback', entityId: row.id, changes: diffRecords(null, view), ip: ctx.ip, at: now });
    return presentFeedback((await repo.findFeedback(trx, ctx.actor.orgId, row.id))!);
  });
}

/** The months from `from` to `to` (YYYY-MM), at most 60. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  while (out.length < 61) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) break;
    out.push(key);
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

export async function feedbackTrends(ctx: Ctx, q: z.infer<typeof FeedbackTrendsQuery>) {
  requireSalesUser(ctx.actor, 'Market feedback');
  if (q.from > q.to) throw validationFailed([{ path: 'to', message: 'The end is before the start.' }]);
  const months = monthsBetween(q.from, q.to);
  if (months.length > 60) throw validationFailed([{ path: 'to', message: 'At most 60 months at a time.' }]);
  return { months, points: await repo.feedbackTrends(ctx.db, ctx.actor.orgId, q.from, q.to) };
}

// ---- market insight ----

export async function marketInsight(ctx: Ctx, q: z.infer<typeof MarketQuery>): Promise<z.infer<typeof MarketInsightResponse>> {
  requireSalesUser(ctx.actor, 'Market insight');
  const period = periodFrom(q.periodKind, q.periodStart);
  const orgId = ctx.actor.orgId;
  // the actor's deals: a rep's or a team's by the owners' (owner, status, close date) index
  const reach = await salesReach(ctx.db, ctx.actor, 'opportunity');
  const [competitors, wl, reasons, segments, booked] = [
    await frepo.allCompetitors(ctx.db, orgId),
    await frepo.winLossByCompetitor(ctx.db, ctx.actor, reach, period),
    await frepo.lostReasons(ctx.db, ctx.actor, reach, period),
    await frepo.allSegments(ctx.db, orgId),
    await frepo.bookedBySegment(ctx.db, orgId, period),
  ];
  // A segment's size for the period: the size of exactly that period, else (for a month or quarter) the year's.
  const exact = period.kind === 'month' ? new Map<string, number>() : await frepo.marketSizesOf(ctx.db, orgId, period.kind, period.start);
  const yearly = period.kind === 'year' ? exact : await frepo.marketSizesOf(ctx.db, orgId, 'year', `${period.start.slice(0, 4)}-01-01`);
  return {
    period: { kind: period.kind, start: period.start, end: period.end },
    competitors: competitors
      .map((c) => {
        const won = wl.won.get(c.id) ?? 0;
        const lost = wl.lost.get(c.id) ?? { count: 0, amount: 0 };
        return { competitorId: c.id, name: c.name, wonAgainst: won, lostTo: lost.count, winRate: winRate(won, lost.count), lostAmount: lost.amount };
      })
      .filter((c) => c.wonAgainst + c.lostTo > 0),
    lostReasons: reasons,
    segments: segments.map((s) => {
      const size = exact.get(s.id) ?? (period.kind === 'year' ? undefined : yearly.get(s.id));
      const sizeKind = exact.has(s.id) ? period.kind : size !== undefined ? 'year' : null;
      const b = booked.get(s.id) ?? 0;
      return { segmentId: s.id, name: s.name, marketSize: size ?? null, sizePeriodKind: sizeKind, booked: b, share: sizeKind === period.kind ? marketShare(b, size ?? null) : null };
    }),
  };
}

export async function winLossDeals(ctx: Ctx, q: z.infer<typeof WinLossDealsQuery>) {
  requireSalesUser(ctx.actor, 'Market insight');
  const period = periodFrom(q.periodKind, q.periodStart);
  const reach = await salesReach(ctx.db, ctx.actor, 'opportunity');
  const page = await frepo.winLossDeals(ctx.db, ctx.actor, reach, period, { outcome: q.outcome, competitorId: q.competitorId, segmentId: q.segmentId, reason: q.reason }, pageOf(q));
  return {
    items: page.items.map((r) => ({ id: r.id, name: r.name, accountName: r.account_name, ownerName: r.owner_name, status: r.status, amountBase: Number(r.amount_base), closeDate: r.close_date, lostReason: r.lost_reason })),
    nextCursor: page.nextCursor,
  };
}
