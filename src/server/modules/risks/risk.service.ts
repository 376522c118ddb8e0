import type { z } from 'zod';
import type { CreateRiskRequest, ListRisksQuery, OccurRiskRequest, ReviewRiskRequest, RiskMatrixResponse, RiskResponse, UpdateRiskRequest } from '../../../contracts/risks.js';
import { bandCounts, bandOfScore, HIGH_RISK_SCORE, isHighRisk, issueSeverityOfBand, matrixFromCounts, riskScore, SEVERITY_RANK } from '../../../domain/risk/scoring.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { notFound, ruleViolated, staleVersion, validationFailed, type FieldIssue } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { abilitiesFor, authorize, can, type Actor } from '../../lib/policy.js';
import { findProject, isMember, type ProjectRow } from '../projects/project.repository.js';
import { loadProject, projectRecord } from '../projects/project.service.js';
import { presentIssue } from './issue.service.js';
import { RISK_ACTIONS, type RiskRecord } from './risk.policy.js';
import * as repo from './risk.repository.js';

export const riskRecord = (project: ProjectRow, member: boolean, ownerId: string | null): RiskRecord => ({ ...projectRecord(project, member), ownerId });

export function presentRisk(actor: Actor, r: repo.RiskWithOwner, project: ProjectRow, member: boolean): RiskResponse {
  return {
    id: r.id,
    projectId: r.project_id,
    title: r.title,
    cause: r.cause,
    category: r.category,
    probability: r.probability,
    impact: r.impact,
    score: r.score,
    band: bandOfScore(r.score),
    highRisk: isHighRisk(r.score),
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    response: r.response,
    responsePlan: r.response_plan,
    trigger: r.trigger_condition,
    status: r.status,
    nextReviewDate: r.next_review_date,
    lastReviewedAt: r.last_reviewed_at,
    issueId: r.issue_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    abilities: abilitiesFor(actor, 'risk', riskRecord(project, member, r.owner_id), RISK_ACTIONS),
  };
}

const auditView = (r: repo.RiskRow & { owner_name?: string | null }) => {
  const { created_at: _c, updated_at: _u, version: _v, org_id: _o, id: _i, owner_name: _n, ...rest } = r;
  return rest;
};

/** Loads a risk the actor may act on, or answers 404 when they may not see its project. */
export async function loadRisk(ctx: Ctx, db: Executor, id: string, action: string) {
  const risk = await repo.findRisk(db, ctx.actor.orgId, id);
  if (!risk) throw notFound('Risk');
  const project = (await findProject(db, ctx.actor.orgId, risk.project_id))!;
  const member = await isMember(db, project.id, ctx.actor.id);
  authorize(ctx.actor, action, 'risk', riskRecord(project, member, risk.owner_id), 'Risk');
  return { risk, project, member };
}

/** An owner of a risk or an issue must be on the project team (400 on the field otherwise). */
export async function checkOwner(db: Executor, projectId: string, ownerId: string | null | undefined, path = 'ownerId'): Promise<FieldIssue[]> {
  if (!ownerId) return [];
  return (await isMember(db, projectId, ownerId)) ? [] : [{ path, message: 'Add this person to the project team first.' }];
}

async function respondRisk(ctx: Ctx, db: Executor, id: string) {
  const { risk, project, member } = await loadRisk(ctx, db, id, 'read');
  return presentRisk(ctx.actor, risk, project, member);
}

export async function getRisk(ctx: Ctx, id: string) {
  return respondRisk(ctx, ctx.db, id);
}

export async function listRisks(ctx: Ctx, projectId: string, q: z.infer<typeof ListRisksQuery>) {
  const { project, member } = await loadProject(ctx, ctx.db, projectId, 'read');
  const page = await repo.listRisks(ctx.db, projectId, { status: q.status, minScore: q.minScore, ownerId: q.ownerId, probability: q.probability, impact: q.impact }, { limit: q.limit, cursor: q.cursor });
  return {
    items: page.items.map((r) => presentRisk(ctx.actor, r, project, member)),
    nextCursor: page.nextCursor,
    abilities: { create: can(ctx.actor, 'manageRisks', 'project', projectRecord(project, member)) },
  };
}

export async function createRisk(ctx: Ctx, projectId: string, input: z.infer<typeof CreateRiskRequest>): Promise<RiskResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { project } = await loadProject(ctx, trx, projectId, 'manageRisks');
    const issues = await checkOwner(trx, projectId, input.ownerId);
    if (issues.length) throw validationFailed(issues);
    const row: repo.RiskRow = {
      id: uuidv7(now.getTime()),
      org_id: project.org_id,
      project_id: projectId,
      title: input.title,
      cause: input.cause,
      category: input.category,
      probability: input.probability,
      impact: input.impact,
      score: riskScore(input.probability, input.impact),
      owner_id: input.ownerId,
      response: input.response,
      response_plan: input.responsePlan,
      trigger_condition: input.trigger,
      status: input.status,
      next_review_date: input.nextReviewDate,
      last_reviewed_at: null,
      issue_id: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await repo.insertRisk(trx, row);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'risk', entityId: row.id, changes: diffRecords(null, auditView(row)), ip: ctx.ip, at: now });
    return respondRisk(ctx, trx, row.id);
  });
}

export async function updateRisk(ctx: Ctx, id: string, input: z.infer<typeof UpdateRiskRequest>): Promise<RiskResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { risk: before, project, member } = await loadRisk(ctx, trx, id, 'update');
    if (input.version !== before.version) throw staleVersion(presentRisk(ctx.actor, before, project, member));
    const issues = await checkOwner(trx, project.id, input.ownerId);
    if (issues.length) throw validationFailed(issues);
    // Once it happened it is followed up as its issue: it may still be closed, not re-opened.
    if (before.status === 'occurred' && input.status !== undefined && input.status !== 'closed') {
      throw ruleViolated('This risk has occurred and is followed up as its issue; it can only be closed.');
    }
    const patch: Partial<repo.RiskRow> = { updated_at: at };
    const map: [keyof typeof input, keyof repo.RiskRow][] = [
      ['title', 'title'], ['cause', 'cause'], ['category', 'category'], ['probability', 'probability'], ['impact', 'impact'], ['ownerId', 'owner_id'],
      ['response', 'response'], ['responsePlan', 'response_plan'], ['trigger', 'trigger_condition'], ['status', 'status'], ['nextReviewDate', 'next_review_date'],
    ];
    for (const [from, to] of map) if (input[from] !== undefined) (patch as Record<string, unknown>)[to] = input[from];
    patch.score = riskScore(input.probability ?? before.probability, input.impact ?? before.impact);
    const after = await repo.updateRiskIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(await respondRisk(ctx, trx, id));
    const changes = diffRecords(auditView(before), auditView(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'risk', entityId: id, changes, ip: ctx.ip, at: now });
    return respondRisk(ctx, trx, id);
  });
}

/** Re-rates a risk, sets its next review, and keeps the review in its history. */
export async function reviewRisk(ctx: Ctx, id: string, input: z.infer<typeof ReviewRiskRequest>): Promise<RiskResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { risk: before, project, member } = await loadRisk(ctx, trx, id, 'review');
    if (input.version !== before.version) throw staleVersion(presentRisk(ctx.actor, before, project, member));
    if (before.status === 'occurred' || before.status === 'closed') throw ruleViolated(`This risk is ${before.status}: only open and monitored risks are reviewed.`);
    const score = riskScore(input.probability, input.impact);
    const patch: Partial<repo.RiskRow> = { updated_at: at, probability: input.probability, impact: input.impact, score, next_review_date: input.nextReviewDate, last_reviewed_at: at };
    if (input.status) patch.status = input.status;
    const after = await repo.updateRiskIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(await respondRisk(ctx, trx, id));
    const reviewId = uuidv7(now.getTime());
    await repo.insertReview(trx, {
      id: reviewId, org_id: after.org_id, project_id: after.project_id, risk_id: id, reviewed_by: ctx.actor.id, reviewed_at: at, note: input.note,
      probability: input.probability, impact: input.impact, score, next_review_date: input.nextReviewDate, created_at: at, updated_at: at, version: 1,
    });
    const changes = diffRecords(auditView(before), auditView(after));
    await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'review', entityType: 'risk', entityId: id, changes: { ...changes, review_id: [null, reviewId], note: [null, input.note] }, ip: ctx.ip, at: now });
    return respondRisk(ctx, trx, id);
  });
}

export async function listRiskReviews(ctx: Ctx, id: string) {
  await loadRisk(ctx, ctx.db, id, 'read');
  const rows = await repo.listReviews(ctx.db, id);
  return {
    items: rows.map((r) => ({
      id: r.id, riskId: r.risk_id, reviewedBy: r.reviewed_by, reviewedByName: r.reviewer_name, reviewedAt: r.reviewed_at, note: r.note,
      probability: r.probability, impact: r.impact, score: r.score, nextReviewDate: r.next_review_date,
    })),
  };
}

/**
 * The risk happened: it becomes an issue, in one transaction. The issue takes the risk's title,
 * cause, owner and the severity of its band unless told otherwise; both point at each other.
 */
export async function occurRisk(ctx: Ctx, id: string, input: z.infer<typeof OccurRiskRequest>) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { risk: before, project, member } = await loadRisk(ctx, trx, id, 'occur');
    if (input.version !== before.version) throw staleVersion(presentRisk(ctx.actor, before, project, member));
    if (before.status === 'occurred' || before.status === 'closed') throw ruleViolated(`This risk is already ${before.status}.`, { issueId: before.issue_id });
    const ownerId = input.ownerId === undefined ? before.owner_id : input.ownerId;
    const issues = await checkOwner(trx, project.id, ownerId);
    if (issues.length) throw validationFailed(issues);
    const severity = input.severity ?? issueSeverityOfBand(bandOfScore(before.score));
    const issue: repo.IssueRow = {
      id: uuidv7(now.getTime()),
      org_id: before.org_id,
      project_id: before.project_id,
      title: input.title ?? before.title,
      description: input.description ?? before.cause,
      severity,
      severity_rank: SEVERITY_RANK[severity],
      owner_id: ownerId,
      resolution: '',
      status: 'open',
      due_date: input.dueDate ?? null,
      risk_id: id,
      resolved_at: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await repo.insertIssue(trx, issue);
    const after = await repo.updateRiskIfVersion(trx, ctx.actor.orgId, id, input.version, { status: 'occurred', issue_id: issue.id, updated_at: at });
    if (!after) throw staleVersion(await respondRisk(ctx, trx, id));
    const { id: _i, org_id: _o, created_at: _c, updated_at: _u, version: _v, ...issueAudit } = issue;
    await recordAudit(trx, { orgId: issue.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'issue', entityId: issue.id, changes: diffRecords(null, issueAudit), ip: ctx.ip, at: now });
    await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'occur', entityType: 'risk', entityId: id, changes: diffRecords(auditView(before), auditView(after)), ip: ctx.ip, at: now });
    const risk = await respondRisk(ctx, trx, id);
    const fresh = (await repo.findIssue(trx, ctx.actor.orgId, issue.id))!;
    return { risk, issue: presentIssue(ctx.actor, fresh, project, member) };
  });
}

/** The 5×5 matrix of a project's open and monitored risks. */
export async function riskMatrix(ctx: Ctx, projectId: string): Promise<RiskMatrixResponse> {
  await loadProject(ctx, ctx.db, projectId, 'read');
  const cells = await repo.countActiveRisksByCell(ctx.db, projectId);
  const counts = matrixFromCounts(cells);
  return {
    counts,
    total: cells.reduce((sum, c) => sum + c.count, 0),
    bands: bandCounts(counts),
    highRisks: cells.filter((c) => c.probability * c.impact >= HIGH_RISK_SCORE).reduce((sum, c) => sum + c.count, 0),
  };
}
