import type { z } from 'zod';
import type {
  CreateDefectRequest, CreateDeliverableRequest, DefectResponse, DeliverableResponse, ListDefectsQuery, ListDeliverablesQuery, ReviewDeliverableRequest, UpdateDefectRequest, UpdateDeliverableRequest,
} from '../../../contracts/quality.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { localDate } from '../../lib/dates.js';
import { forbidden, notFound, ruleViolated, staleVersion, validationFailed, type FieldIssue } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { abilitiesFor, authorize, can, type Actor } from '../../lib/policy.js';
import { findProject, isMember, type ProjectRow } from '../projects/project.repository.js';
import { loadProject, projectRecord } from '../projects/project.service.js';
import { DEFECT_ACTIONS, DELIVERABLE_ACTIONS, type DefectRecord } from './quality.policy.js';
import * as repo from './quality.repository.js';
import { isFixMove, isResolved, mayEditDeliverableStatus, mayMoveDefect, mayReview, SEVERITY_RANK, statusAfterReview } from './quality.rules.js';

interface Criterion {
  id: string;
  text: string;
  met: boolean;
}
const criteriaOf = (d: repo.DeliverableRow): Criterion[] => JSON.parse(d.criteria) as Criterion[];
const today = (ctx: Ctx) => localDate(ctx.clock.now(), ctx.actor.timeZone ?? 'UTC');

// ---- presenting ----

export function presentDeliverable(actor: Actor, d: repo.DeliverableWithNames, project: ProjectRow, member: boolean, counts: { open: number; blocking: number } | undefined): DeliverableResponse {
  const criteria = criteriaOf(d);
  const abilities = abilitiesFor(actor, 'deliverable', projectRecord(project, member), DELIVERABLE_ACTIONS);
  // What the UI may offer now: an accepted deliverable takes no more reviews.
  abilities.review = abilities.review && mayReview(d.status);
  return {
    id: d.id,
    projectId: d.project_id,
    name: d.name,
    description: d.description,
    criteria,
    criteriaMet: criteria.filter((c) => c.met).length,
    criteriaTotal: criteria.length,
    taskId: d.task_id,
    taskName: d.task_name,
    dueDate: d.due_date,
    ownerId: d.owner_id,
    ownerName: d.owner_name,
    status: d.status,
    acceptedAt: d.accepted_at,
    lastReviewedAt: d.last_reviewed_at,
    openDefects: counts?.open ?? 0,
    blockingDefects: counts?.blocking ?? 0,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
    version: d.version,
    abilities,
  };
}

const defectRecord = (project: ProjectRow, member: boolean, assigneeId: string | null): DefectRecord => ({ ...projectRecord(project, member), assigneeId });

export function presentDefect(actor: Actor, d: repo.DefectWithNames, project: ProjectRow, member: boolean): DefectResponse {
  return {
    id: d.id,
    projectId: d.project_id,
    deliverableId: d.deliverable_id,
    deliverableName: d.deliverable_name,
    reviewId: d.review_id,
    title: d.title,
    description: d.description,
    severity: d.severity,
    status: d.status,
    assigneeId: d.assignee_id,
    assigneeName: d.assignee_name,
    foundBy: d.found_by,
    foundByName: d.found_by_name,
    resolvedAt: d.resolved_at,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
    version: d.version,
    abilities: abilitiesFor(actor, 'defect', defectRecord(project, member, d.assignee_id), DEFECT_ACTIONS),
  };
}

const presentReview = (r: repo.ReviewRow & { reviewer_name: string | null }) => ({
  id: r.id,
  deliverableId: r.deliverable_id,
  reviewerId: r.reviewer_id,
  reviewerName: r.reviewer_name,
  reviewDate: r.review_date,
  result: r.result,
  comments: r.comments,
  firstReview: r.first_review === 1,
  createdAt: r.created_at,
});

const strip = <T extends Record<string, unknown>>(r: T, ...more: string[]) => {
  const out: Record<string, unknown> = { ...r };
  for (const k of ['id', 'org_id', 'created_at', 'updated_at', 'version', ...more]) delete out[k];
  return out;
};
const deliverableAudit = (d: repo.DeliverableRow) => strip(d, 'owner_name', 'task_name');
const defectAudit = (d: repo.DefectRow) => strip(d, 'severity_rank', 'assignee_name', 'found_by_name', 'deliverable_name');

// ---- loading ----

async function loadDeliverable(ctx: Ctx, db: Executor, id: string, action: string) {
  const deliverable = await repo.findDeliverable(db, ctx.actor.orgId, id);
  if (!deliverable) throw notFound('Deliverable');
  const project = (await findProject(db, ctx.actor.orgId, deliverable.project_id))!;
  const member = await isMember(db, project.id, ctx.actor.id);
  authorize(ctx.actor, action, 'deliverable', projectRecord(project, member), 'Deliverable');
  return { deliverable, project, member };
}

async function respondDeliverable(ctx: Ctx, db: Executor, id: string) {
  const { deliverable, project, member } = await loadDeliverable(ctx, db, id, 'read');
  const counts = await repo.defectCounts(db, [id]);
  return presentDeliverable(ctx.actor, deliverable, project, member, counts.get(id));
}

async function loadDefect(ctx: Ctx, db: Executor, id: string, action: string) {
  const defect = await repo.findDefect(db, ctx.actor.orgId, id);
  if (!defect) throw notFound('Defect');
  const project = (await findProject(db, ctx.actor.orgId, defect.project_id))!;
  const member = await isMember(db, project.id, ctx.actor.id);
  authorize(ctx.actor, action, 'defect', defectRecord(project, member, defect.assignee_id), 'Defect');
  return { defect, project, member };
}

async function respondDefect(ctx: Ctx, db: Executor, id: string) {
  const { defect, project, member } = await loadDefect(ctx, db, id, 'read');
  return presentDefect(ctx.actor, defect, project, member);
}

/** People named on a deliverable or a defect are on the team (its manager counts); a linked task is the project's. */
async function checkPeople(db: Executor, project: ProjectRow, people: [string, string | null | undefined][], taskId?: string | null) {
  const issues: FieldIssue[] = [];
  for (const [path, userId] of people) {
    if (userId && userId !== project.manager_id && !(await isMember(db, project.id, userId))) issues.push({ path, message: 'Add this person to the project team first.' });
  }
  if (taskId && !(await repo.taskInProject(db, project.id, taskId))) issues.push({ path: 'taskId', message: 'Not a task of this project.' });
  if (issues.length) throw validationFailed(issues);
}

const withIds = (input: { id?: string; text: string; met: boolean }[], before: Criterion[], now: number): Criterion[] => {
  const known = new Set(before.map((c) => c.id));
  return input.map((c) => ({ id: c.id && known.has(c.id) ? c.id : uuidv7(now), text: c.text, met: c.met }));
};

// ---- deliverables ----

export const getDeliverable = (ctx: Ctx, id: string) => respondDeliverable(ctx, ctx.db, id);

export async function listDeliverables(ctx: Ctx, projectId: string, q: z.infer<typeof ListDeliverablesQuery>) {
  const { project, member } = await loadProject(ctx, ctx.db, projectId, 'read');
  const page = await repo.listDeliverables(ctx.db, projectId, { status: q.status }, { limit: q.limit, cursor: q.cursor });
  const counts = await repo.defectCounts(ctx.db, page.items.map((d) => d.id));
  return {
    items: page.items.map((d) => presentDeliverable(ctx.actor, d, project, member, counts.get(d.id))),
    nextCursor: page.nextCursor,
    abilities: { create: can(ctx.actor, 'manageQuality', 'project', projectRecord(project, member)) },
  };
}

export async function createDeliverable(ctx: Ctx, projectId: string, input: z.infer<typeof CreateDeliverableRequest>): Promise<DeliverableResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { project } = await loadProject(ctx, trx, projectId, 'manageQuality');
    await checkPeople(trx, project, [['ownerId', input.ownerId]], input.taskId);
    const row: repo.DeliverableRow = {
      id: uuidv7(now.getTime()),
      org_id: project.org_id,
      project_id: projectId,
      name: input.name,
      description: input.description,
      criteria: JSON.stringify(withIds(input.criteria, [], now.getTime())),
      task_id: input.taskId,
      due_date: input.dueDate,
      owner_id: input.ownerId,
      status: input.status,
      accepted_at: null,
      last_reviewed_at: null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await repo.insertDeliverable(trx, row);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'deliverable', entityId: row.id, changes: diffRecords(null, deliverableAudit(row)), ip: ctx.ip, at: now });
    return respondDeliverable(ctx, trx, row.id);
  });
}

export async function updateDeliverable(ctx: Ctx, id: string, input: z.infer<typeof UpdateDeliverableRequest>): Promise<DeliverableResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { deliverable: before, project } = await loadDeliverable(ctx, trx, id, 'update');
    if (input.version !== before.version) throw staleVersion(await respondDeliverable(ctx, trx, id));
    await checkPeople(trx, project, [['ownerId', input.ownerId]], input.taskId);
    if (input.status !== undefined && !mayEditDeliverableStatus(before.status, input.status)) {
      throw ruleViolated(before.status === 'accepted' ? 'This deliverable is accepted; its status no longer changes.' : `A ${before.status} deliverable cannot be set to ${input.status} by editing it.`, { status: before.status });
    }
    const patch: Partial<repo.DeliverableRow> = { updated_at: at };
    const map: [keyof typeof input, keyof repo.DeliverableRow][] = [['name', 'name'], ['description', 'description'], ['taskId', 'task_id'], ['dueDate', 'due_date'], ['ownerId', 'owner_id'], ['status', 'status']];
    for (const [from, to] of map) if (input[from] !== undefined) (patch as Record<string, unknown>)[to] = input[from];
    if (input.criteria) patch.criteria = JSON.stringify(withIds(input.criteria, criteriaOf(before), now.getTime()));
    const after = await repo.updateDeliverableIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(await respondDeliverable(ctx, trx, id));
    const changes = diffRecords(deliverableAudit(before), deliverableAudit(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'deliverable', entityId: id, changes, ip: ctx.ip, at: now });
    return respondDeliverable(ctx, trx, id);
  });
}

/**
 * Records a review, in one transaction: the criteria as the reviewer found them, the defects found,
 * the review itself, and the deliverable's new status (accepted → accepted; rejected or
 * needs_changes → rejected). Acceptance is refused (422, naming them) while a criterion is unmet or
 * a high or critical defect is unresolved; then nothing is written.
 */
export async function reviewDeliverable(ctx: Ctx, id: string, input: z.infer<typeof ReviewDeliverableRequest>) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { deliverable: before, project, member } = await loadDeliverable(ctx, trx, id, 'review');
    if (input.version !== before.version) throw staleVersion(await respondDeliverable(ctx, trx, id));
    const reviewerId = input.reviewerId ?? ctx.actor.id;
    // A team member reviews as themselves; only the project manager records a review for someone else.
    if (reviewerId !== ctx.actor.id && project.manager_id !== ctx.actor.id) throw forbidden('You may record only your own reviews.');
    await checkPeople(trx, project, [['reviewerId', reviewerId], ...input.defects.map((d, i): [string, string | null] => [`defects.${i}.assigneeId`, d.assigneeId])]);
    if (!mayReview(before.status)) throw ruleViolated('This deliverable is already accepted.', { status: before.status });

    let criteria = criteriaOf(before);
    if (input.metCriteria) {
      const known = new Set(criteria.map((c) => c.id));
      const unknown = input.metCriteria.filter((c) => !known.has(c));
      if (unknown.length) throw validationFailed([{ path: 'metCriteria', message: 'Not a criterion of this deliverable.' }]);
      const met = new Set(input.metCriteria);
      criteria = criteria.map((c) => ({ ...c, met: met.has(c.id) }));
    }
    const status = statusAfterReview(input.result);
    if (status === 'accepted') {
      const unmet = criteria.filter((c) => !c.met);
      const newBlocking = input.defects.filter((d) => SEVERITY_RANK[d.severity] >= 3);
      const blocking = [...(await repo.blockingDefects(trx, id)), ...newBlocking.map((d) => ({ id: null, title: d.title, severity: d.severity, status: 'open' }))];
      if (blocking.length) {
        throw ruleViolated(`It cannot be accepted while high or critical defects are open: ${blocking.map((d) => `"${d.title}" (${d.severity})`).join(', ')}.`, { blockingDefects: blocking });
      }
      if (unmet.length) throw ruleViolated(`It cannot be accepted while acceptance criteria are not met: ${unmet.map((c) => `"${c.text}"`).join(', ')}.`, { unmetCriteria: unmet });
    }

    const reviewId = uuidv7(now.getTime());
    const first = !(await repo.hasReviews(trx, id));
    await repo.insertReview(trx, {
      id: reviewId, org_id: before.org_id, project_id: before.project_id, deliverable_id: id, reviewer_id: reviewerId, review_date: input.reviewDate ?? today(ctx),
      result: input.result, comments: input.comments, first_review: first ? 1 : 0, created_at: at, updated_at: at, version: 1,
    });
    const defectIds: string[] = [];
    for (const d of input.defects) {
      const row: repo.DefectRow = {
        id: uuidv7(now.getTime()), org_id: before.org_id, project_id: before.project_id, deliverable_id: id, review_id: reviewId, title: d.title, description: d.description,
        severity: d.severity, severity_rank: SEVERITY_RANK[d.severity], status: 'open', assignee_id: d.assigneeId, found_by: reviewerId, resolved_at: null, created_at: at, updated_at: at, version: 1,
      };
      await repo.insertDefect(trx, row);
      defectIds.push(row.id);
      await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'defect', entityId: row.id, changes: diffRecords(null, defectAudit(row)), ip: ctx.ip, at: now });
    }
    const patch: Partial<repo.DeliverableRow> = { updated_at: at, status, criteria: JSON.stringify(criteria), last_reviewed_at: at, accepted_at: status === 'accepted' ? at : null };
    const after = await repo.updateDeliverableIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(await respondDeliverable(ctx, trx, id));
    const changes = diffRecords(deliverableAudit(before), deliverableAudit(after));
    await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'review', entityType: 'deliverable', entityId: id, changes: { ...changes, review_id: [null, reviewId], result: [null, input.result] }, ip: ctx.ip, at: now });
    const defects = [];
    for (const defectId of defectIds) defects.push(presentDefect(ctx.actor, (await repo.findDefect(trx, ctx.actor.orgId, defectId))!, project, member));
    return { deliverable: await respondDeliverable(ctx, trx, id), review: presentReview(await repo.findReview(trx, reviewId)), defects };
  });
}

export async function listDeliverableReviews(ctx: Ctx, id: string) {
  await loadDeliverable(ctx, ctx.db, id, 'read');
  return { items: (await repo.listReviews(ctx.db, id)).map(presentReview) };
}

// ---- defects ----

export const getDefect = (ctx: Ctx, id: string) => respondDefect(ctx, ctx.db, id);

export async function listDefects(ctx: Ctx, projectId: string, q: z.infer<typeof ListDefectsQuery>) {
  const { project, member } = await loadProject(ctx, ctx.db, projectId, 'read');
  const page = await repo.listDefects(ctx.db, projectId, { status: q.status, severityRank: q.severity ? SEVERITY_RANK[q.severity] : undefined, deliverableId: q.deliverableId }, { limit: q.limit, cursor: q.cursor });
  return { items: page.items.map((d) => presentDefect(ctx.actor, d, project, member)), nextCursor: page.nextCursor };
}

/** Logs a defect against a deliverable (outside a review): the PM or a team member, as its finder. */
export async function createDefect(ctx: Ctx, deliverableId: string, input: z.infer<typeof CreateDefectRequest>): Promise<DefectResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { deliverable, project } = await loadDeliverable(ctx, trx, deliverableId, 'logDefect');
    await checkPeople(trx, project, [['assigneeId', input.assigneeId]]);
    const row: repo.DefectRow = {
      id: uuidv7(now.getTime()), org_id: deliverable.org_id, project_id: deliverable.project_id, deliverable_id: deliverableId, review_id: null, title: input.title, description: input.description,
      severity: input.severity, severity_rank: SEVERITY_RANK[input.severity], status: 'open', assignee_id: input.assigneeId, found_by: ctx.actor.id, resolved_at: null, created_at: at, updated_at: at, version: 1,
    };
    await repo.insertDefect(trx, row);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'defect', entityId: row.id, changes: diffRecords(null, defectAudit(row)), ip: ctx.ip, at: now });
    return respondDefect(ctx, trx, row.id);
  });
}

/**
 * Edits a defect. The PM changes anything; the assignee only moves it between open and fixed.
 * Status moves follow quality.rules.ts (422 otherwise).
 */
export async function updateDefect(ctx: Ctx, id: string, input: z.infer<typeof UpdateDefectRequest>): Promise<DefectResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const found = await loadDefect(ctx, trx, id, 'read');
    const before = found.defect;
    const onlyFix = Object.keys(input).every((k) => k === 'version' || k === 'status') && input.status !== undefined && isFixMove(before.status, input.status);
    const { project, member } = await loadDefect(ctx, trx, id, onlyFix ? 'fix' : 'update');
    if (input.version !== before.version) throw staleVersion(presentDefect(ctx.actor, before, project, member));
    await checkPeople(trx, project, [['assigneeId', input.assigneeId]]);
    if (input.status !== undefined && !mayMoveDefect(before.status, input.status)) throw ruleViolated(`A ${before.status} defect cannot become ${input.status}.`, { status: before.status });
    const patch: Partial<repo.DefectRow> = { updated_at: at };
    const map: [keyof typeof input, keyof repo.DefectRow][] = [['title', 'title'], ['description', 'description'], ['severity', 'severity'], ['status', 'status'], ['assigneeId', 'assignee_id']];
    for (const [from, to] of map) if (input[from] !== undefined) (patch as Record<string, unknown>)[to] = input[from];
    if (input.severity) patch.severity_rank = SEVERITY_RANK[input.severity];
    const status = input.status ?? before.status;
    if (isResolved(status) && !isResolved(before.status)) patch.resolved_at = at;
    if (!isResolved(status)) patch.resolved_at = null;
    const after = await repo.updateDefectIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(await respondDefect(ctx, trx, id));
    const changes = diffRecords(defectAudit(before), defectAudit(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'defect', entityId: id, changes, ip: ctx.ip, at: now });
    return respondDefect(ctx, trx, id);
  });
}
