import type { z } from 'zod';
import type {
  BoardCard, BoardCardsQuery, BoardQuery, BoardResponse, CreateOpportunityRequest, ListOpportunitiesQuery, MoveOpportunityRequest, OpportunityCompetitorResponse, OpportunityDetail,
  OpportunityPage, OpportunityResponse, PutOpportunityCompetitorRequest, UpdateOpportunityRequest,
} from '../../../contracts/deals.js';
import { defaultForecastCategory, stateAfterMove, weighted, type DealState } from '../../../domain/deals/stages.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { notFound, ruleViolated, staleVersion, validationFailed, type FieldIssue } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { abilitiesFor, authorize, can, type Actor } from '../../lib/policy.js';
import { toBaseAmount } from '../sales/money.js';
import { authorizeSales, ownerIsManagedBy, SALES_RECORD_ACTIONS, salesReach, salesRecordOf, salesRecordsOfPage, type SalesRecord } from '../sales/sales.access.js';
import { orgCurrency } from '../sales/settings.repository.js';
import { loadPipeline, presentStage } from './pipeline.service.js';
import * as pipelines from './pipeline.repository.js';
import * as repo from './opportunity.repository.js';

export function presentOpportunity(actor: Actor, r: repo.OpportunityWithNames, record: SalesRecord): OpportunityResponse {
  return {
    id: r.id,
    name: r.name,
    accountId: r.account_id,
    accountName: r.account_name,
    contactId: r.contact_id,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    pipelineId: r.pipeline_id,
    stageId: r.stage_id,
    stageName: r.stage_name,
    status: r.status,
    amount: Number(r.amount),
    currency: r.currency,
    amountBase: Number(r.amount_base),
    closeDate: r.close_date,
    probability: r.probability,
    probabilityOverridden: Boolean(r.probability_overridden),
    forecastCategory: r.forecast_category,
    needs: r.needs,
    solution: r.solution,
    nextStep: r.next_step,
    leadSource: r.lead_source,
    lostReason: r.lost_reason,
    lostToCompetitorId: r.lost_to_competitor_id,
    wonAt: r.won_at,
    lostAt: r.lost_at,
    stageChangedAt: r.stage_changed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    abilities: abilitiesFor(actor, 'salesRecord', record, SALES_RECORD_ACTIONS),
  };
}

const auditView = (r: repo.OpportunityRow & { account_name?: unknown; owner_name?: unknown; stage_name?: unknown }) => {
  const { created_at: _c, updated_at: _u, version: _v, org_id: _o, id: _i, account_name: _a, owner_name: _n, stage_name: _s, ...rest } = r;
  return rest;
};

export async function loadOpportunity(ctx: Ctx, db: Executor, id: string, action: string) {
  const row = await repo.findOpportunity(db, ctx.actor.orgId, id);
  const record = await authorizeSales(db, ctx.actor, action, row, 'opportunity', 'Opportunity');
  return { row: row!, record };
}

async function respond(ctx: Ctx, db: Executor, id: string): Promise<OpportunityResponse> {
  const { row, record } = await loadOpportunity(ctx, db, id, 'read');
  return presentOpportunity(ctx.actor, row, record);
}

export async function getOpportunity(ctx: Ctx, id: string): Promise<OpportunityDetail> {
  const { row, record } = await loadOpportunity(ctx, ctx.db, id, 'read');
  const [history, competitors, stages] = await Promise.all([repo.listHistory(ctx.db, id), repo.listCompetitors(ctx.db, id), pipelines.listStages(ctx.db, [row.pipeline_id])]);
  return {
    ...presentOpportunity(ctx.actor, row, record),
    stageHistory: history.map((h) => ({
      id: h.id, fromStageId: h.from_stage_id, fromStageName: h.from_name, toStageId: h.to_stage_id, toStageName: h.to_name, amountBase: h.amount_base, probability: h.probability,
      changedBy: h.changed_by, changedByName: h.changed_by_name, changedAt: h.changed_at,
    })),
    competitors: competitors.map(presentCompetitor),
    stages: stages.map(presentStage),
  };
}

const presentCompetitor = (c: repo.OpportunityCompetitorRow & { competitor_name: string }): OpportunityCompetitorResponse => ({
  competitorId: c.competitor_id, name: c.competitor_name, strengths: c.strengths, weaknesses: c.weaknesses, status: c.status, version: c.version,
});

/** The owner of a new or handed-over deal: the actor, or someone in a team tree they manage. */
async function checkOwner(db: Executor, actor: Actor, ownerId: string): Promise<FieldIssue[]> {
  if (ownerId === actor.id) return [];
  if (!(await repo.findUserInOrg(db, actor.orgId, ownerId))) return [{ path: 'ownerId', message: 'No such user.' }];
  return (await ownerIsManagedBy(db, actor, ownerId)) ? [] : [{ path: 'ownerId', message: 'You can hand deals only to people in the teams you manage.' }];
}

async function checkContact(db: Executor, orgId: string, accountId: string, contactId: string | null | undefined): Promise<FieldIssue[]> {
  if (!contactId) return [];
  const contact = await repo.findContact(db, orgId, contactId);
  return contact && contact.account_id === accountId ? [] : [{ path: 'contactId', message: "Pick one of the account's contacts." }];
}

export async function createOpportunity(ctx: Ctx, input: z.infer<typeof CreateOpportunityRequest>): Promise<OpportunityResponse> {
  authorize(ctx.actor, 'create', 'salesRecord');
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const account = await repo.findAccount(trx, ctx.actor.orgId, input.accountId);
    const issues: FieldIssue[] = [];
    if (!account) issues.push({ path: 'accountId', message: 'No such account.' });
    // An account the actor may not read does not exist for them.
    else if (!can(ctx.actor, 'read', 'salesRecord', await salesRecordOf(trx, ctx.actor, account, 'account'))) issues.push({ path: 'accountId', message: 'No such account.' });
    const pipeline = await pipelines.findPipeline(trx, ctx.actor.orgId, input.pipelineId);
    if (!pipeline) issues.push({ path: 'pipelineId', message: 'No such pipeline.' });
    else if (pipeline.archived) issues.push({ path: 'pipelineId', message: 'This pipeline is archived.' });
    const stage = await pipelines.findStage(trx, ctx.actor.orgId, input.stageId);
    if (!stage || stage.pipeline_id !== input.pipelineId) issues.push({ path: 'stageId', message: 'Pick a stage of this pipeline.' });
    else if (stage.archived) issues.push({ path: 'stageId', message: 'This stage is archived.' });
    else if (stage.kind !== 'open') issues.push({ path: 'stageId', message: 'A new opportunity starts in an open stage; win or lose it afterwards.' });
    const ownerId = input.ownerId ?? ctx.actor.id;
    issues.push(...(await checkOwner(trx, ctx.actor, ownerId)));
    if (account) issues.push(...(await checkContact(trx, ctx.actor.orgId, account.id, input.contactId)));
    if (issues.length) throw validationFailed(issues);
    const amountBase = await toBaseAmount(trx, ctx.actor.orgId, input.amount, input.currency, input.closeDate < at.slice(0, 10) ? input.closeDate : at.slice(0, 10));
    const row: repo.OpportunityRow = {
      id: uuidv7(now.getTime()),
      org_id: ctx.actor.orgId,
      created_at: at,
      updated_at: at,
      version: 1,
      name: input.name,
      account_id: input.accountId,
      contact_id: input.contactId ?? null,
      owner_id: ownerId,
      pipeline_id: input.pipelineId,
      stage_id: stage!.id,
      status: 'open',
      amount: input.amount,
      currency: input.currency,
      amount_base: amountBase,
      close_date: input.closeDate,
      probability: input.probability ?? stage!.probability,
      probability_overridden: input.probability === undefined ? 0 : 1,
      forecast_category: input.forecastCategory ?? defaultForecastCategory(stage!.kind),
      needs: input.needs,
      solution: input.solution,
      next_step: input.nextStep,
      lead_source: input.leadSource,
      source_lead_id: null,
      lost_reason: null,
      lost_to_competitor_id: null,
      won_at: null,
      lost_at: null,
      stage_changed_at: at,
    };
    await repo.insertOpportunity(trx, row);
    await repo.insertHistory(trx, { id: uuidv7(now.getTime()), org_id: row.org_id, created_at: at, updated_at: at, version: 1, opportunity_id: row.id, from_stage_id: null, to_stage_id: row.stage_id, amount_base: amountBase, probability: row.probability, changed_by: ctx.actor.id, changed_at: at });
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'opportunity', entityId: row.id, changes: diffRecords(null, auditView(row)), ip: ctx.ip, at: now });
    return respond(ctx, trx, row.id);
  });
}

/** The date whose rate converts an amount: the close date, or today when that is still ahead (no future rates). */
const rateDate = (closeDate: string, today: string) => (closeDate < today ? closeDate : today);

export async function updateOpportunity(ctx: Ctx, id: string, input: z.infer<typeof UpdateOpportunityRequest>): Promise<OpportunityResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { row: before, record } = await loadOpportunity(ctx, trx, id, 'update');
    if (input.version !== before.version) throw staleVersion(presentOpportunity(ctx.actor, before, record));
    const issues: FieldIssue[] = [];
    if (input.ownerId !== undefined && input.ownerId !== before.owner_id) {
      authorize(ctx.actor, 'reassign', 'salesRecord', record, 'Opportunity');
      issues.push(...(await checkOwner(trx, ctx.actor, input.ownerId)));
    }
    issues.push(...(await checkContact(trx, ctx.actor.orgId, before.account_id, input.contactId)));
    if (issues.length) throw validationFailed(issues);
    if (before.status !== 'open' && input.forecastCategory !== undefined && input.forecastCategory !== before.forecast_category) {
      throw ruleViolated(`This opportunity is ${before.status}: its forecast category is ${before.forecast_category}.`);
    }
    const patch: Partial<repo.OpportunityRow> = { updated_at: at };
    const map: [keyof typeof input, keyof repo.OpportunityRow][] = [
      ['name', 'name'], ['contactId', 'contact_id'], ['ownerId', 'owner_id'], ['amount', 'amount'], ['currency', 'currency'], ['closeDate', 'close_date'], ['forecastCategory', 'forecast_category'],
      ['needs', 'needs'], ['solution', 'solution'], ['nextStep', 'next_step'], ['leadSource', 'lead_source'],
    ];
    for (const [from, to] of map) if (input[from] !== undefined) (patch as Record<string, unknown>)[to] = input[from];
    if (input.probability !== undefined) {
      if (before.status !== 'open') throw ruleViolated(`This opportunity is ${before.status}: its probability is fixed.`);
      if (input.probability === null) {
        const stage = (await pipelines.findStage(trx, ctx.actor.orgId, before.stage_id))!;
        Object.assign(patch, { probability: stage.probability, probability_overridden: 0 });
      } else Object.assign(patch, { probability: input.probability, probability_overridden: 1 });
    }
    if (input.amount !== undefined || input.currency !== undefined || input.closeDate !== undefined) {
      const amount = input.amount ?? before.amount;
      const currency = input.currency ?? before.currency;
      patch.amount_base = await toBaseAmount(trx, ctx.actor.orgId, amount, currency, rateDate(input.closeDate ?? before.close_date, at.slice(0, 10)));
    }
    const after = await repo.updateOpportunityIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(await respond(ctx, trx, id));
    const changes = diffRecords(auditView(before), auditView(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'opportunity', entityId: id, changes, ip: ctx.ip, at: now });
    return respond(ctx, trx, id);
  });
}

const dealState = (r: repo.OpportunityRow): DealState => ({
  status: r.status, probability: r.probability, probabilityOverridden: Boolean(r.probability_overridden), forecastCategory: r.forecast_category,
  lostReason: r.lost_reason, lostToCompetitorId: r.lost_to_competitor_id, wonAt: r.won_at, lostAt: r.lost_at,
});

/** Moves a deal to another stage of its pipeline; the change is kept in its stage history. */
export async function moveOpportunity(ctx: Ctx, id: string, input: z.infer<typeof MoveOpportunityRequest>): Promise<OpportunityResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { row: before, record } = await loadOpportunity(ctx, trx, id, 'update');
    if (input.version !== before.version) throw staleVersion(presentOpportunity(ctx.actor, before, record));
    const stage = await pipelines.findStage(trx, ctx.actor.orgId, input.stageId);
    if (!stage || stage.pipeline_id !== before.pipeline_id) throw validationFailed([{ path: 'stageId', message: "Pick a stage of this opportunity's pipeline." }]);
    if (stage.archived) throw validationFailed([{ path: 'stageId', message: 'This stage is archived.' }]);
    if (stage.id === before.stage_id) return presentOpportunity(ctx.actor, before, record);
    const reason = input.lostReason?.trim() || null;
    if (stage.kind === 'lost' && !reason) throw validationFailed([{ path: 'lostReason', message: 'Say why the deal was lost.' }]);
    const competitorId = stage.kind === 'lost' ? (input.lostToCompetitorId ?? null) : null;
    if (competitorId && !(await repo.findCompetitor(trx, ctx.actor.orgId, competitorId))) throw validationFailed([{ path: 'lostToCompetitorId', message: 'No such competitor.' }]);
    const s = stateAfterMove(dealState(before), stage, at, { reason, competitorId });
    const patch: Partial<repo.OpportunityRow> = {
      updated_at: at, stage_id: stage.id, stage_changed_at: at, status: s.status, probability: s.probability, probability_overridden: s.probabilityOverridden ? 1 : 0,
      forecast_category: s.forecastCategory, lost_reason: s.lostReason, lost_to_competitor_id: s.lostToCompetitorId, won_at: s.wonAt, lost_at: s.lostAt,
    };
    const after = await repo.updateOpportunityIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(await respond(ctx, trx, id));
    await repo.insertHistory(trx, { id: uuidv7(now.getTime()), org_id: after.org_id, created_at: at, updated_at: at, version: 1, opportunity_id: id, from_stage_id: before.stage_id, to_stage_id: stage.id, amount_base: Number(after.amount_base), probability: after.probability, changed_by: ctx.actor.id, changed_at: at });
    await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: stage.kind === 'won' ? 'win' : stage.kind === 'lost' ? 'lose' : 'move', entityType: 'opportunity', entityId: id, changes: diffRecords(auditView(before), auditView(after)), ip: ctx.ip, at: now });
    return respond(ctx, trx, id);
  });
}

export async function listOpportunities(ctx: Ctx, q: ListOpportunitiesQuery): Promise<OpportunityPage> {
  if (!can(ctx.actor, 'list', 'salesRecord')) throw notFound('Opportunity');
  const reach = await salesReach(ctx.db, ctx.actor, 'opportunity');
  const page = await repo.listOpportunities(
    ctx.db, ctx.actor, reach,
    { ownerIds: q.ownerId, stageIds: q.stageId, status: q.status, pipelineId: q.pipelineId, accountId: q.accountId, closeFrom: q.closeFrom, closeTo: q.closeTo, minAmount: q.minAmount, maxAmount: q.maxAmount, forecastCategory: q.forecastCategory, q: q.q },
    q.sort, { limit: q.limit, cursor: q.cursor },
  );
  const recordOf = await salesRecordsOfPage(ctx.db, ctx.actor, 'opportunity', page.items, reach);
  return { items: page.items.map((r) => presentOpportunity(ctx.actor, r, recordOf(r))), nextCursor: page.nextCursor, abilities: { create: can(ctx.actor, 'create', 'salesRecord') } };
}

// ---- competitors on a deal ----

export async function putCompetitor(ctx: Ctx, id: string, competitorId: string, input: z.infer<typeof PutOpportunityCompetitorRequest>) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { row } = await loadOpportunity(ctx, trx, id, 'update');
    const competitor = await repo.findCompetitor(trx, ctx.actor.orgId, competitorId);
    if (!competitor) throw notFound('Competitor');
    const before = await repo.findOpportunityCompetitor(trx, id, competitorId);
    const fields = { strengths: input.strengths, weaknesses: input.weaknesses, status: input.status };
    if (before) {
      const current = presentCompetitor({ ...before, competitor_name: competitor.name });
      if (input.version !== undefined && input.version !== before.version) throw staleVersion(current);
      const after = await repo.updateOpportunityCompetitorIfVersion(trx, before.id, input.version ?? before.version, { ...fields, updated_at: at });
      if (!after) throw staleVersion(current);
      await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'update_competitor', entityType: 'opportunity', entityId: id, changes: { competitor_id: [competitorId, competitorId], ...diffRecords(pick(before), fields) }, ip: ctx.ip, at: now });
    } else {
      await repo.insertOpportunityCompetitor(trx, { id: uuidv7(now.getTime()), org_id: row.org_id, created_at: at, updated_at: at, version: 1, opportunity_id: id, competitor_id: competitorId, ...fields });
      await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'add_competitor', entityType: 'opportunity', entityId: id, changes: { competitor_id: [null, competitorId], ...diffRecords(null, fields) }, ip: ctx.ip, at: now });
    }
    await repo.touchOpportunity(trx, id, at);
    return { items: (await repo.listCompetitors(trx, id)).map(presentCompetitor) };
  });
}

const pick = (r: repo.OpportunityCompetitorRow) => ({ strengths: r.strengths, weaknesses: r.weaknesses, status: r.status });

export async function removeCompetitor(ctx: Ctx, id: string, competitorId: string) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  await inTransaction(ctx.db, async (trx) => {
    const { row } = await loadOpportunity(ctx, trx, id, 'update');
    const before = await repo.findOpportunityCompetitor(trx, id, competitorId);
    if (!before) throw notFound('Competitor on this opportunity');
    await repo.deleteOpportunityCompetitor(trx, before.id);
    await repo.touchOpportunity(trx, id, at);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'remove_competitor', entityType: 'opportunity', entityId: id, changes: { competitor_id: [competitorId, null], ...diffRecords(pick(before), null) }, ip: ctx.ip, at: now });
  });
}

// ---- board ----

const CARDS_PER_COLUMN = 10;

function presentCard(actor: Actor, r: repo.BoardCardRow, record: SalesRecord): BoardCard {
  return {
    id: r.id, name: r.name, accountName: r.account_name, ownerId: r.owner_id, ownerName: r.owner_name, stageId: r.stage_id, amount: Number(r.amount), currency: r.currency,
    amountBase: Number(r.amount_base), closeDate: r.close_date, probability: r.probability, version: r.version, abilities: abilitiesFor(actor, 'salesRecord', record, ['update']),
  };
}

/** Per stage: count, amount and weighted amount (SQL GROUP BY), and the first cards of each open stage. */
export async function board(ctx: Ctx, pipelineId: string, q: z.infer<typeof BoardQuery>): Promise<BoardResponse> {
  if (!can(ctx.actor, 'list', 'salesRecord')) throw notFound('Pipeline');
  const { pipeline, stages } = await loadPipeline(ctx, ctx.db, pipelineId);
  const scope = { actor: ctx.actor, ownerId: q.ownerId, mine: q.teamScope === 'mine' };
  const reach = await salesReach(ctx.db, ctx.actor, 'opportunity');
  const live = stages.filter((s) => !s.archived);
  const [sums, columns] = await Promise.all([
    repo.boardTotals(ctx.db, pipeline.id, scope, reach),
    repo.boardColumns(ctx.db, live.filter((s) => s.kind === 'open').map((s) => s.id), scope, reach, CARDS_PER_COLUMN),
  ]);
  const totals = new Map(sums.map((t) => [t.stageId, t]));
  const pages = live.map((s) => columns.get(s.id) ?? { items: [], nextCursor: null });
  const recordOf = await salesRecordsOfPage(ctx.db, ctx.actor, 'opportunity', pages.flatMap((p) => p.items), reach);
  const currency = await orgCurrency(ctx.db, ctx.actor.orgId);
  return {
    pipelineId: pipeline.id,
    currency,
    columns: live.map((s, i) => {
      const t = totals.get(s.id) ?? { count: 0, amountBase: 0 };
      return {
        stageId: s.id, name: s.name, kind: s.kind, probability: s.probability, count: t.count, amountBase: t.amountBase, weightedBase: weighted(t.amountBase, s.probability),
        cards: pages[i].items.map((r) => presentCard(ctx.actor, r, recordOf(r))), nextCursor: pages[i].nextCursor,
      };
    }),
  };
}

export async function boardCards(ctx: Ctx, pipelineId: string, stageId: string, q: z.infer<typeof BoardCardsQuery>) {
  if (!can(ctx.actor, 'list', 'salesRecord')) throw notFound('Pipeline');
  const { stages } = await loadPipeline(ctx, ctx.db, pipelineId);
  if (!stages.some((s) => s.id === stageId)) throw notFound('Stage');
  const reach = await salesReach(ctx.db, ctx.actor, 'opportunity');
  const page = await repo.boardCards(ctx.db, stageId, { actor: ctx.actor, ownerId: q.ownerId, mine: q.teamScope === 'mine' }, reach, { limit: q.limit, cursor: q.cursor });
  const recordOf = await salesRecordsOfPage(ctx.db, ctx.actor, 'opportunity', page.items, reach);
  return { items: page.items.map((r) => presentCard(ctx.actor, r, recordOf(r))), nextCursor: page.nextCursor };
}
