import type { z } from 'zod';
import type { CreateIssueRequest, IssueResponse, ListIssuesQuery, UpdateIssueRequest } from '../../../contracts/risks.js';
import { SEVERITY_RANK } from '../../../domain/risk/scoring.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { notFound, staleVersion, validationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { abilitiesFor, authorize, can, type Actor } from '../../lib/policy.js';
import { findProject, isMember, type ProjectRow } from '../projects/project.repository.js';
import { loadProject, projectRecord } from '../projects/project.service.js';
import { ISSUE_ACTIONS, type IssueRecord } from './risk.policy.js';
import * as repo from './risk.repository.js';

const issueRecord = (project: ProjectRow, member: boolean, ownerId: string | null): IssueRecord => ({ ...projectRecord(project, member), ownerId });

export function presentIssue(actor: Actor, i: repo.IssueWithOwner, project: ProjectRow, member: boolean): IssueResponse {
  return {
    id: i.id,
    projectId: i.project_id,
    title: i.title,
    description: i.description,
    severity: i.severity,
    ownerId: i.owner_id,
    ownerName: i.owner_name,
    resolution: i.resolution,
    status: i.status,
    dueDate: i.due_date,
    riskId: i.risk_id,
    riskTitle: i.risk_title,
    resolvedAt: i.resolved_at,
    createdAt: i.created_at,
    updatedAt: i.updated_at,
    version: i.version,
    abilities: abilitiesFor(actor, 'issue', issueRecord(project, member, i.owner_id), ISSUE_ACTIONS),
  };
}

const auditView = (i: repo.IssueRow & { owner_name?: string | null; risk_title?: string | null }) => {
  const { created_at: _c, updated_at: _u, version: _v, org_id: _o, id: _i, severity_rank: _r, owner_name: _n, risk_title: _t, ...rest } = i;
  return rest;
};

async function loadIssue(ctx: Ctx, db: Executor, id: string, action: string) {
  const issue = await repo.findIssue(db, ctx.actor.orgId, id);
  if (!issue) throw notFound('Issue');
  const project = (await findProject(db, ctx.actor.orgId, issue.project_id))!;
  const member = await isMember(db, project.id, ctx.actor.id);
  authorize(ctx.actor, action, 'issue', issueRecord(project, member, issue.owner_id), 'Issue');
  return { issue, project, member };
}

async function respondIssue(ctx: Ctx, db: Executor, id: string) {
  const { issue, project, member } = await loadIssue(ctx, db, id, 'read');
  return presentIssue(ctx.actor, issue, project, member);
}

const DONE = new Set(['resolved', 'closed']);

/** The checks every write of an issue makes: its owner is on the team; a resolved issue says how. */
async function checkIssue(db: Executor, projectId: string, v: { ownerId?: string | null; status: string; resolution: string }) {
  const issues = [];
  if (v.ownerId && !(await isMember(db, projectId, v.ownerId))) issues.push({ path: 'ownerId', message: 'Add this person to the project team first.' });
  if (DONE.has(v.status) && !v.resolution.trim()) issues.push({ path: 'resolution', message: 'Say how it was resolved.' });
  if (issues.length) throw validationFailed(issues);
}

export const getIssue = (ctx: Ctx, id: string) => respondIssue(ctx, ctx.db, id);

export async function listIssues(ctx: Ctx, projectId: string, q: z.infer<typeof ListIssuesQuery>) {
  const { project, member } = await loadProject(ctx, ctx.db, projectId, 'read');
  const page = await repo.listIssues(ctx.db, projectId, { status: q.status, severityRank: q.severity ? SEVERITY_RANK[q.severity] : undefined, ownerId: q.ownerId }, { limit: q.limit, cursor: q.cursor });
  return {
    items: page.items.map((i) => presentIssue(ctx.actor, i, project, member)),
    nextCursor: page.nextCursor,
    abilities: { create: can(ctx.actor, 'manageRisks', 'project', projectRecord(project, member)) },
  };
}

export async function createIssue(ctx: Ctx, projectId: string, input: z.infer<typeof CreateIssueRequest>): Promise<IssueResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { project } = await loadProject(ctx, trx, projectId, 'manageRisks');
    await checkIssue(trx, projectId, input);
    const row: repo.IssueRow = {
      id: uuidv7(now.getTime()),
      org_id: project.org_id,
      project_id: projectId,
      title: input.title,
      description: input.description,
      severity: input.severity,
      severity_rank: SEVERITY_RANK[input.severity],
      owner_id: input.ownerId,
      resolution: input.resolution,
      status: input.status,
      due_date: input.dueDate,
      risk_id: null,
      resolved_at: DONE.has(input.status) ? at : null,
      created_at: at,
      updated_at: at,
      version: 1,
    };
    await repo.insertIssue(trx, row);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'issue', entityId: row.id, changes: diffRecords(null, auditView(row)), ip: ctx.ip, at: now });
    return respondIssue(ctx, trx, row.id);
  });
}

export async function updateIssue(ctx: Ctx, id: string, input: z.infer<typeof UpdateIssueRequest>): Promise<IssueResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { issue: before, project, member } = await loadIssue(ctx, trx, id, 'update');
    if (input.version !== before.version) throw staleVersion(presentIssue(ctx.actor, before, project, member));
    const status = input.status ?? before.status;
    await checkIssue(trx, project.id, { ownerId: input.ownerId, status, resolution: input.resolution ?? before.resolution });
    const patch: Partial<repo.IssueRow> = { updated_at: at };
    const map: [keyof typeof input, keyof repo.IssueRow][] = [
      ['title', 'title'], ['description', 'description'], ['severity', 'severity'], ['ownerId', 'owner_id'], ['resolution', 'resolution'], ['status', 'status'], ['dueDate', 'due_date'],
    ];
    for (const [from, to] of map) if (input[from] !== undefined) (patch as Record<string, unknown>)[to] = input[from];
    if (input.severity) patch.severity_rank = SEVERITY_RANK[input.severity];
    // When it was resolved: set on the way to resolved or closed, cleared when it is re-opened.
    if (DONE.has(status) && !DONE.has(before.status)) patch.resolved_at = at;
    if (!DONE.has(status)) patch.resolved_at = null;
    const after = await repo.updateIssueIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(await respondIssue(ctx, trx, id));
    const changes = diffRecords(auditView(before), auditView(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'issue', entityId: id, changes, ip: ctx.ip, at: now });
    return respondIssue(ctx, trx, id);
  });
}
