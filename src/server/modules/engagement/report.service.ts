import type { z } from 'zod';
import type { ListStatusReportsQuery, ReportSnapshot, StatusReportResponse, UpdateStatusReportRequest } from '../../../contracts/reports.js';
import { addDays, weekStart } from '../../../domain/engagement/engagement.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { AppError, notFound, ruleViolated, staleVersion } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { abilitiesFor, authorize, can, type Actor } from '../../lib/policy.js';
import { getEarnedValue } from '../evm/evm.service.js';
import { findProject, isMember, type ProjectRow } from '../projects/project.repository.js';
import { loadProject, projectRecord, todayFor } from '../projects/project.service.js';
import { STATUS_REPORT_ACTIONS, type StatusReportRecord } from './engagement.policy.js';
import * as repo from './engagement.repository.js';

/** Projects that report weekly: those being planned, run, closed out or paused. */
const REPORTING = new Set(['planning', 'executing', 'closing', 'on_hold']);
const WINDOW_DAYS = 14;
const TOP_RISKS = 5;
const ISSUES_SHOWN = 10;

const record = (project: ProjectRow, member: boolean, status: repo.StatusReportRow['status']): StatusReportRecord => ({ ...projectRecord(project, member), status });

export function presentReport(actor: Actor, r: repo.StatusReportWithNames, project: ProjectRow, member: boolean): StatusReportResponse {
  return {
    id: r.id,
    projectId: r.project_id,
    weekOf: r.week_of,
    reportDate: r.report_date,
    status: r.status,
    health: r.health,
    summary: r.summary,
    accomplishments: r.accomplishments,
    nextSteps: r.next_steps,
    snapshot: JSON.parse(r.snapshot) as ReportSnapshot,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    submittedBy: r.submitted_by,
    submittedByName: r.submitted_by_name,
    submittedAt: r.submitted_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    abilities: abilitiesFor(actor, 'statusReport', record(project, member, r.status), STATUS_REPORT_ACTIONS),
  };
}

const auditView = (r: repo.StatusReportRow) => {
  const { created_at: _c, updated_at: _u, version: _v, org_id: _o, id: _i, snapshot: _s, ...rest } = r as repo.StatusReportRow & { created_by_name?: unknown; submitted_by_name?: unknown };
  const { created_by_name: _a, submitted_by_name: _b, ...clean } = rest as Record<string, unknown>;
  return clean;
};

async function loadReport(ctx: Ctx, db: Executor, id: string, action: string) {
  const report = await repo.findReport(db, ctx.actor.orgId, id);
  if (!report) throw notFound('Status report');
  const project = (await findProject(db, ctx.actor.orgId, report.project_id))!;
  const member = await isMember(db, project.id, ctx.actor.id);
  authorize(ctx.actor, action, 'statusReport', record(project, member, report.status), 'Status report');
  return { report, project, member };
}

async function respondReport(ctx: Ctx, db: Executor, id: string) {
  const { report, project, member } = await loadReport(ctx, db, id, 'read');
  return presentReport(ctx.actor, report, project, member);
}

export const getReport = (ctx: Ctx, id: string) => respondReport(ctx, ctx.db, id);

export async function listReports(ctx: Ctx, projectId: string, q: z.infer<typeof ListStatusReportsQuery>) {
  const { project, member } = await loadProject(ctx, ctx.db, projectId, 'read');
  const thisWeek = weekStart(todayFor(ctx));
  const [page, current] = await Promise.all([repo.listReports(ctx.db, projectId, { status: q.status }, { limit: q.limit, cursor: q.cursor }), repo.findReportOfWeek(ctx.db, projectId, thisWeek)]);
  return {
    items: page.items.map((r) => presentReport(ctx.actor, r, project, member)),
    nextCursor: page.nextCursor,
    abilities: { create: can(ctx.actor, 'manageReports', 'project', projectRecord(project, member)) && REPORTING.has(project.status) },
    thisWeek,
    thisWeekReportId: current?.id ?? null,
  };
}

const weekConflict = (weekOf: string, existing: { id: string; status: string } | undefined) =>
  new AppError('conflict', `There is already a status report for the week of ${weekOf}: open it instead of drafting another.`, { existingId: existing?.id ?? null, status: existing?.status ?? null, weekOf });

const isUniqueViolation = (err: unknown) => {
  const code = (err as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
};

/** The figures of the report, from the data at the report date (ctx.db may be a transaction: the demo seeder drafts inside one). */
export async function draftSnapshot(ctx: Ctx, project: ProjectRow, reportDate: string): Promise<ReportSnapshot> {
  const ev = await getEarnedValue(ctx, project.id, reportDate);
  const [milestones, risks, issues, openIssueCount] = await Promise.all([
    repo.milestonesOf(ctx.db, project.id),
    repo.topActiveRisks(ctx.db, project.id, TOP_RISKS),
    repo.openIssues(ctx.db, project.id, ISSUES_SHOWN),
    repo.countOpenIssues(ctx.db, project.id),
  ]);
  const windowStart = addDays(reportDate, -WINDOW_DAYS);
  const windowEnd = addDays(reportDate, WINDOW_DAYS);
  const milestonesDone: ReportSnapshot['milestonesDone'] = [];
  const milestonesDue: ReportSnapshot['milestonesDue'] = [];
  for (const m of milestones) {
    const planned = m.early_finish ?? m.constraint_date;
    const done = m.status === 'done' || m.percent_complete >= 100;
    if (done) {
      const on = m.actual_finish ?? planned;
      if (on && on > windowStart && on <= reportDate) milestonesDone.push({ id: m.id, name: m.name, date: on });
    } else if (planned && planned <= windowEnd) {
      milestonesDue.push({ id: m.id, name: m.name, date: planned, percentComplete: m.percent_complete, late: planned < reportDate });
    }
  }
  return {
    reportDate,
    percentComplete: project.percent_complete,
    currency: ev.currency,
    earnedValue: { bac: ev.bac, pv: ev.pv, ev: ev.ev, ac: ev.ac, sv: ev.sv, cv: ev.cv, spi: ev.spi, cpi: ev.cpi, bacSource: ev.bacSource },
    milestonesDone,
    milestonesDue,
    topRisks: risks.map((r) => ({ id: r.id, title: r.title, score: r.score, probability: r.probability, impact: r.impact, status: r.status, ownerName: r.owner_name, responsePlan: r.response_plan })),
    openIssues: issues.map((i) => ({ id: i.id, title: i.title, severity: i.severity, status: i.status, ownerName: i.owner_name, dueDate: i.due_date })),
    openIssueCount,
  };
}

/**
 * Drafts the report of a week from the data: progress, SPI/CPI at the report date (the end of the
 * week, or today for this week), milestones done and due around it, top risks and open issues —
 * kept as a snapshot. One report per project and week: another answers 409.
 */
export async function draftReport(ctx: Ctx, projectId: string, weekOfIn: string | undefined): Promise<StatusReportResponse> {
  const { project, member } = await loadProject(ctx, ctx.db, projectId, 'manageReports');
  if (!REPORTING.has(project.status)) throw ruleViolated(`A ${project.status} project does not report: status reports are for projects being planned, executed, closed out or on hold.`);
  const today = todayFor(ctx);
  const weekOf = weekStart(weekOfIn ?? today);
  if (weekOf > today) throw ruleViolated(`The week of ${weekOf} has not begun yet.`);
  const existing = await repo.findReportOfWeek(ctx.db, projectId, weekOf);
  if (existing) throw weekConflict(weekOf, existing);
  const weekEnd = addDays(weekOf, 6);
  const reportDate = weekEnd < today ? weekEnd : today;
  const snapshot = await draftSnapshot(ctx, project, reportDate);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const row: repo.StatusReportRow = {
    id: uuidv7(now.getTime()),
    org_id: project.org_id,
    project_id: projectId,
    week_of: weekOf,
    report_date: reportDate,
    status: 'draft',
    health: project.health,
    summary: '',
    accomplishments: '',
    next_steps: '',
    snapshot: JSON.stringify(snapshot),
    created_by: ctx.actor.id,
    submitted_by: null,
    submitted_at: null,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  try {
    await inTransaction(ctx.db, async (trx) => {
      await repo.insertReport(trx, row);
      await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'status_report', entityId: row.id, changes: diffRecords(null, auditView(row)), ip: ctx.ip, at: now });
    });
  } catch (err) {
    // Two drafts of the same week at once: the unique index keeps one.
    if (isUniqueViolation(err)) throw weekConflict(weekOf, await repo.findReportOfWeek(ctx.db, projectId, weekOf));
    throw err;
  }
  return presentReport(ctx.actor, { ...row, created_by_name: ctx.actor.name, submitted_by_name: null }, project, member);
}

export async function updateReport(ctx: Ctx, id: string, input: z.infer<typeof UpdateStatusReportRequest>): Promise<StatusReportResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { report: before, project, member } = await loadReport(ctx, trx, id, 'read');
    if (before.status === 'submitted' && project.manager_id === ctx.actor.id) throw ruleViolated('This report was submitted: it is part of the history and stays as it is.');
    authorize(ctx.actor, 'update', 'statusReport', record(project, member, before.status), 'Status report');
    if (input.version !== before.version) throw staleVersion(presentReport(ctx.actor, before, project, member));
    const patch: Partial<repo.StatusReportRow> = { updated_at: at };
    if (input.health !== undefined) patch.health = input.health;
    if (input.summary !== undefined) patch.summary = input.summary;
    if (input.accomplishments !== undefined) patch.accomplishments = input.accomplishments;
    if (input.nextSteps !== undefined) patch.next_steps = input.nextSteps;
    const after = await repo.updateReportIfVersion(trx, ctx.actor.orgId, id, input.version, patch);
    if (!after) throw staleVersion(await respondReport(ctx, trx, id));
    const changes = diffRecords(auditView(before), auditView(after));
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'status_report', entityId: id, changes, ip: ctx.ip, at: now });
    return respondReport(ctx, trx, id);
  });
}

/** Submits a draft: from then on it is read-only history. A report says something: a summary is needed. */
export async function submitReport(ctx: Ctx, id: string, version: number): Promise<StatusReportResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { report: before, project, member } = await loadReport(ctx, trx, id, 'read');
    if (before.status === 'submitted' && project.manager_id === ctx.actor.id) throw ruleViolated('This report was already submitted.');
    authorize(ctx.actor, 'submit', 'statusReport', record(project, member, before.status), 'Status report');
    if (version !== before.version) throw staleVersion(presentReport(ctx.actor, before, project, member));
    if (!before.summary.trim()) throw ruleViolated('Write a summary before submitting the report.', [{ path: 'summary', message: 'Write a summary before submitting.' }]);
    const after = await repo.updateReportIfVersion(trx, ctx.actor.orgId, id, version, { status: 'submitted', submitted_by: ctx.actor.id, submitted_at: at, updated_at: at });
    if (!after) throw staleVersion(await respondReport(ctx, trx, id));
    await recordAudit(trx, { orgId: after.org_id, actorId: ctx.actor.id, action: 'submit', entityType: 'status_report', entityId: id, changes: diffRecords(auditView(before), auditView(after)), ip: ctx.ip, at: now });
    return respondReport(ctx, trx, id);
  });
}
