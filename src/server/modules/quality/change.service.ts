import type { z } from 'zod';
import type { ChangeRequestActionRequest, ChangeRequestResponse, CreateChangeRequestRequest, DecideChangeRequestRequest, ListChangeRequestsQuery, UpdateChangeRequestRequest } from '../../../contracts/quality.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { localDate } from '../../lib/dates.js';
import { notFound, ruleViolated, staleVersion, validationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { abilitiesFor, authorize, can, type Actor } from '../../lib/policy.js';
import { findProject, isMember, type ProjectRow } from '../projects/project.repository.js';
import { loadProject, projectRecord } from '../projects/project.service.js';
import { CHANGE_REQUEST_ACTIONS, type ChangeRequestRecord } from './quality.policy.js';
import * as repo from './quality.repository.js';
import { changeCode, mayDecideChange, mayEditChange, maySubmitChange, mayWithdrawChange } from './quality.rules.js';

const record = (project: ProjectRow, member: boolean, requestedBy: string): ChangeRequestRecord => ({ ...projectRecord(project, member), requestedBy });

/** Abilities say what the user may do now: the policy's answer, and the request's state allows it. */
export function presentChange(actor: Actor, c: repo.ChangeRequestWithNames, project: ProjectRow, member: boolean): ChangeRequestResponse {
  const may = abilitiesFor(actor, 'changeRequest', record(project, member, c.requested_by), CHANGE_REQUEST_ACTIONS);
  return {
    id: c.id,
    projectId: c.project_id,
    number: c.number,
    code: changeCode(c.number),
    title: c.title,
    description: c.description,
    requestedBy: c.requested_by,
    requestedByName: c.requested_by_name,
    scopeImpact: c.scope_impact,
    scheduleImpactDays: c.schedule_impact_days,
    costImpact: Number(c.cost_impact),
    currency: c.currency,
    amendmentRef: c.amendment_ref,
    status: c.status,
    submittedAt: c.submitted_at,
    decidedBy: c.decided_by,
    decidedByName: c.decided_by_name,
    decidedAt: c.decided_at,
    decisionDate: c.decision_date,
    decisionNote: c.decision_note,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    version: c.version,
    abilities: {
      update: !!may.update && mayEditChange(c.status),
      submit: !!may.submit && maySubmitChange(c.status),
      withdraw: !!may.withdraw && mayWithdrawChange(c.status),
      decide: !!may.decide && mayDecideChange(c.status),
    },
  };
}

const auditView = (c: repo.ChangeRequestRow) => {
  const out: Record<string, unknown> = { ...c };
  for (const k of ['id', 'org_id', 'created_at', 'updated_at', 'version', 'requested_by_name', 'decided_by_name']) delete out[k];
  return out;
};

async function loadChange(ctx: Ctx, db: Executor, id: string, action: string) {
  const change = await repo.findChangeRequest(db, ctx.actor.orgId, id);
  if (!change) throw notFound('Change request');
  const project = (await findProject(db, ctx.actor.orgId, change.project_id))!;
  const member = await isMember(db, project.id, ctx.actor.id);
  authorize(ctx.actor, action, 'changeRequest', record(project, member, change.requested_by), 'Change request');
  return { change, project, member };
}

async function respond(ctx: Ctx, db: Executor, id: string) {
  const { change, project, member } = await loadChange(ctx, db, id, 'read');
  return presentChange(ctx.actor, change, project, member);
}

export const getChangeRequest = (ctx: Ctx, id: string) => respond(ctx, ctx.db, id);

export async function listChangeRequests(ctx: Ctx, projectId: string, q: z.infer<typeof ListChangeRequestsQuery>) {
  const { project, member } = await loadProject(ctx, ctx.db, projectId, 'read');
  const page = await repo.listChangeRequests(ctx.db, projectId, { status: q.status }, { limit: q.limit, cursor: q.cursor });
  return {
    items: page.items.map((c) => presentChange(ctx.actor, c, project, member)),
    nextCursor: page.nextCursor,
    abilities: { create: can(ctx.actor, 'raiseChange', 'project', projectRecord(project, member)) },
  };
}

/** Raises a change request with the project's next number (CR-n), as a draft or already submitted. */
export async function createChangeRequest(ctx: Ctx, projectId: string, input: z.infer<typeof CreateChangeRequestRequest>): Promise<ChangeRequestResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { project } = await loadProject(ctx, trx, projectId, 'raiseChange');
    const number = await repo.allocateChangeNumber(trx, project.org_id, projectId, at);
    const row: repo.ChangeRequestRow = {
      id: uuidv7(now.getTime()),
      org_id: project.org_id,
      project_id: projectId,
      number,
      title: input.title,
      description: input.description,
      requested_by: ctx.actor.id,
      scope_impact: input.scopeImpact,
      schedule_impact_days: input.scheduleImpactDays,
      cost_impact: input.costImpact,
      currency: project.currency,
      amendment_ref: input.amendmentRef || null,
      status: input.submit ? 'submitted' : 'draft',
      submitted_at: input.submit ? at : null,
      decided_by: null,
      decided_at: null,
      decision_date: null,
      decision_note: '',
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await repo.insertChangeRequest(trx, row);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'change_request', entityId: row.id, changes: diffRecords(null, auditView(row)), ip: ctx.ip, at: now });
    return respond(ctx, trx, row.id);
  });
}

type Step = { action: 'update' | 'submit' | 'withdraw' | 'decide'; allowed: (s: repo.ChangeRequestRow['status']) => boolean; patch: (c: repo.ChangeRequestRow) => Partial<repo.ChangeRequestRow> };

/** One write of a change request: authorize, check the version and the state, update, audit. */
async function step(ctx: Ctx, id: string, version: number, s: Step) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { change: before, project, member } = await loadChange(ctx, trx, id, s.action);
    if (version !== before.version) throw staleVersion(presentChange(ctx.actor, before, project, member));
    if (!s.allowed(before.status)) {
      const what = { update: 'edited', submit: 'submitted', withdraw: 'withdrawn', decide: 'decided' }[s.action];
      throw ruleViolated(`A ${before.status} change request cannot be ${what}.`, { status: before.status });
    }
    const after = await repo.updateChangeRequestIfVersion(trx, ctx.actor.orgId, id, version, { ...s.patch(before), updated_at: at });
    if (!after) throw staleVersion(await respond(ctx, trx, id));
    const changes = diffRecords(auditView(before), auditView(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: s.action, entityType: 'change_request', entityId: id, changes, ip: ctx.ip, at: now });
    return respond(ctx, trx, id);
  });
}

export function updateChangeRequest(ctx: Ctx, id: string, input: z.infer<typeof UpdateChangeRequestRequest>) {
  return step(ctx, id, input.version, {
    action: 'update',
    allowed: mayEditChange,
    patch: () => {
      const patch: Partial<repo.ChangeRequestRow> = {};
      const map: [keyof typeof input, keyof repo.ChangeRequestRow][] = [['title', 'title'], ['description', 'description'], ['scopeImpact', 'scope_impact'], ['scheduleImpactDays', 'schedule_impact_days'], ['costImpact', 'cost_impact'], ['amendmentRef', 'amendment_ref']];
      for (const [from, to] of map) if (input[from] !== undefined) (patch as Record<string, unknown>)[to] = input[from];
      if (patch.amendment_ref === '') patch.amendment_ref = null;
      return patch;
    },
  });
}

export function submitChangeRequest(ctx: Ctx, id: string, input: z.infer<typeof ChangeRequestActionRequest>) {
  return step(ctx, id, input.version, { action: 'submit', allowed: maySubmitChange, patch: () => ({ status: 'submitted', submitted_at: ctx.clock.now().toISOString() }) });
}

export function withdrawChangeRequest(ctx: Ctx, id: string, input: z.infer<typeof ChangeRequestActionRequest>) {
  return step(ctx, id, input.version, { action: 'withdraw', allowed: mayWithdrawChange, patch: () => ({ status: 'withdrawn' }) });
}

/** The PM's or the PMO's decision on a submitted request; a rejection says why. */
export function decideChangeRequest(ctx: Ctx, id: string, input: z.infer<typeof DecideChangeRequestRequest>) {
  return step(ctx, id, input.version, {
    action: 'decide',
    allowed: mayDecideChange,
    // Checked after the access and state checks (step), inside the transaction.
    patch: () => {
      if (input.decision === 'rejected' && !input.note.trim()) throw validationFailed([{ path: 'note', message: 'Say why it is rejected.' }]);
      return {
      status: input.decision,
      decided_by: ctx.actor.id,
      decided_at: ctx.clock.now().toISOString(),
      decision_date: input.decisionDate ?? localDate(ctx.clock.now(), ctx.actor.timeZone ?? 'UTC'),
      decision_note: input.note,
      };
    },
  });
}
