/**
 * Interchange with Microsoft Project (MSPDI import and export) and the per-user iCalendar feed.
 *
 * An import writes a whole plan in one transaction — a project calendar from the file, the tasks
 * with their outline, the links, Baseline 0, assignments of people matched by email — and
 * schedules it before writing, so nothing half-written is ever seen and a cycle in the file
 * answers 422 naming the tasks. The parsing itself (`src/domain/mspdi`) is done by the HTTP layer
 * while the body streams in; this module receives the plan.
 */

import type { z } from 'zod';
import type { ImportProjectQuery, ImportResponse } from '../../../contracts/interchange.js';
import { MSPDI_MAX_BYTES, MSPDI_MAX_TASKS } from '../../../contracts/interchange.js';
import { serializeMspdi, type ExportInput, type ImportPlan, type ImportWarning } from '../../../domain/mspdi/index.js';
import { MspdiError } from '../../../domain/mspdi/index.js';
import { layOut } from '../../../domain/plan/outline.js';
import { calculateSchedule, type ScheduleRequest } from '../../../domain/schedule/index.js';
import type { TaskTable } from '../../db/schema.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { recordAudit } from '../../lib/audit.js';
import { HOUR } from '../../lib/clock.js';
import type { Ctx, Services } from '../../lib/context.js';
import { AppError, notFound, ruleViolated, validationFailed } from '../../lib/errors.js';
import { hashToken, randomToken, uuidv7 } from '../../lib/ids.js';
import { authorize } from '../../lib/policy.js';
import { insertCalendar, replaceExceptions } from '../calendars/calendar.repository.js';
import * as plans from '../projects/plan.repository.js';
import * as projects from '../projects/project.repository.js';
import { loadProject, presentProject, todayFor } from '../projects/project.service.js';
import { rescheduleProject, scheduleError } from '../projects/schedule.service.js';
import { recordProgress } from '../evm/progress.repository.js';
import { renderCalendar, type FeedEvent } from './ical.js';
import * as repo from './interchange.repository.js';

/** Limits of an upload; tests lower them. */
export const importLimits = { maxBytes: MSPDI_MAX_BYTES, maxTasks: MSPDI_MAX_TASKS };

const UPLOAD = Symbol('mspdi-upload');

/** What the HTTP layer hands over: the plan read from the file and the warnings so far. */
export interface MspdiUpload {
  readonly [UPLOAD]: true;
  plan: ImportPlan;
  warnings: ImportWarning[];
}

export const makeUpload = (plan: ImportPlan, warnings: ImportWarning[]): MspdiUpload => ({ [UPLOAD]: true, plan, warnings });
export const isUpload = (body: unknown): body is MspdiUpload => typeof body === 'object' && body !== null && (body as Record<symbol, unknown>)[UPLOAD] === true;

/** A refused file as the API's error: too large 413, too many tasks 422, anything else 400. */
export function mspdiError(err: MspdiError): AppError {
  if (err.code === 'too_large') return new AppError('payload_too_large', err.message, { reason: err.code, limit: importLimits.maxBytes });
  if (err.code === 'too_many_tasks') return ruleViolated(err.message, { reason: err.code, limit: importLimits.maxTasks });
  return new AppError('validation_failed', err.message, [{ path: 'file', message: err.message, reason: err.code }]);
}

/** Checked before the body is read, so that nobody uploads 200 MB to hear "no". */
export function assertMayImportProject(ctx: Ctx) {
  authorize(ctx.actor, 'create', 'project');
}

export async function assertMayImportInto(ctx: Ctx, projectId: string) {
  await loadProject(ctx, ctx.db, projectId, 'editPlan');
  if ((await repo.countTasks(ctx.db, projectId)) > 0) throw planNotEmpty();
}

const planNotEmpty = () => ruleViolated('This project already has a plan. Import into a new project, or delete its tasks first.');

function codeFrom(name: string | null): string {
  const base = (name ?? '')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 24)
    .replace(/[-_.]+$/, '')
    .toUpperCase();
  return base || 'MSP';
}

async function chooseCode(trx: Executor, orgId: string, wanted: string | undefined, name: string | null): Promise<string> {
  if (wanted) {
    if (await projects.findProjectByCode(trx, orgId, wanted)) throw validationFailed([{ path: 'code', message: 'Another project already has this code.' }]);
    return wanted;
  }
  const base = codeFrom(name);
  for (let n = 1; n < 100; n++) {
    const code = n === 1 ? base : `${base}-${n}`;
    if (!(await projects.findProjectByCode(trx, orgId, code))) return code;
  }
  return `${base}-${randomToken().slice(0, 6).replace(/[^A-Za-z0-9]/g, 'X').toUpperCase()}`;
}

async function createProjectCalendar(trx: Executor, orgId: string, code: string, plan: ImportPlan, at: string): Promise<string> {
  const id = uuidv7(Date.parse(at));
  const c = plan.calendar;
  await insertCalendar(trx, { id, org_id: orgId, name: `${c.name} (${code})`.slice(0, 120), working_days: [...c.workingDays].sort().join(','), hours_per_day: c.hoursPerDay, is_default: 0, created_at: at, updated_at: at, version: 1 });
  await replaceExceptions(trx, orgId, id, c.exceptions, at);
  return id;
}

type Summary = z.infer<typeof ImportResponse>['summary'];

/**
 * Writes the plan of a file into a project that has none: tasks (scheduled first, so their
 * computed dates go in with them), links, assignments (adding the people to the team), Baseline 0.
 */
async function writePlan(ctx: Ctx, trx: Executor, project: projects.ProjectRow, upload: MspdiUpload, now: Date, warnings: ImportWarning[]): Promise<Omit<Summary, 'calendarId' | 'calendarExceptions'>> {
  const { plan } = upload;
  const at = now.toISOString();
  const ms = now.getTime();
  const idOf = new Map(plan.tasks.map((t) => [t.key, uuidv7(ms)]));
  const byId = new Map(plan.tasks.map((t) => [idOf.get(t.key)!, t]));
  const placed = layOut(plan.tasks.map((t) => ({ id: idOf.get(t.key)!, parentId: t.parentKey ? idOf.get(t.parentKey)! : null, position: t.position })));
  const parents = new Set(placed.map((p) => p.parentId).filter((p): p is string => p !== null));
  const deps = plan.dependencies.map((d) => ({ predecessorId: idOf.get(d.predecessorKey)!, successorId: idOf.get(d.successorKey)!, type: d.type, lagDays: d.lagDays }));

  // The same request rescheduleProject builds, so that its pass afterwards finds nothing to change.
  const calendar = { workingDays: plan.calendar.workingDays, exceptions: plan.calendar.exceptions.map((e) => ({ date: e.date, working: e.working })) };
  const request: ScheduleRequest = {
    start: project.planned_start,
    calendar,
    tasks: placed.map((p) => {
      const t = byId.get(p.id)!;
      return { id: p.id, parentId: p.parentId, durationDays: t.kind === 'milestone' ? 0 : t.durationDays, constraint: t.constraintType === 'ASAP' || !t.constraintDate ? null : { type: t.constraintType, date: t.constraintDate } };
    }),
    dependencies: deps,
  };
  let result;
  try {
    result = calculateSchedule(request, project.planned_start);
  } catch (err) {
    throw scheduleError(err, new Map(placed.map((p) => [p.id, `${p.wbs} ${byId.get(p.id)!.name}`])));
  }
  const computed = new Map(result.tasks.map((r) => [r.id, r]));

  const pathOrder = new Map(result.criticalPath.map((id, k) => [id, k + 1]));
  const rows = placed.map((p): import('kysely').Insertable<TaskTable> => {
    const t = byId.get(p.id)!;
    const r = computed.get(p.id)!;
    const summary = parents.has(p.id);
    const pct = t.percentComplete;
    return {
      id: p.id, org_id: project.org_id, project_id: project.id, parent_id: p.parentId, position: p.position, wbs: p.wbs, name: t.name,
      kind: summary ? 'task' : t.kind,
      // A summary keeps the span of its children, should it lose them later.
      duration_days: summary ? Math.max(0, r.earlyFinish - r.earlyStart) : t.durationDays,
      constraint_type: t.constraintType, constraint_date: t.constraintType === 'ASAP' ? null : t.constraintDate,
      estimated_hours: summary ? null : t.estimatedHours,
      status: pct >= 100 ? 'done' : pct > 0 ? 'in_progress' : 'not_started', percent_complete: pct,
      actual_start: t.actualStart, actual_finish: t.actualFinish, deliverable: null,
      early_start: r.earlyStartDate, early_finish: r.earlyFinishDate, late_start: r.lateStartDate, late_finish: r.lateFinishDate,
      total_float: r.totalFloat, free_float: r.freeFloat, critical: r.critical ? 1 : 0, critical_order: pathOrder.get(p.id) ?? null,
      created_at: at, updated_at: at, version: 1,
    };
  });
  await repo.insertTasks(trx, rows);
  await recordProgress(trx, todayFor(ctx), rows.map((r) => ({ taskId: r.id, projectId: project.id, orgId: project.org_id, percentComplete: Number(r.percent_complete) })), now);
  await repo.insertDependencies(
    trx,
    deps.map((d) => ({ id: uuidv7(ms), org_id: project.org_id, project_id: project.id, predecessor_id: d.predecessorId, successor_id: d.successorId, type: d.type, lag_days: d.lagDays, created_at: at, updated_at: at, version: 1 })),
  );

  // People: matched by email among the organisation's active users; the others are reported.
  const emails = [...new Set(plan.assignments.map((a) => a.email).filter((e): e is string => !!e))];
  const users = new Map((await repo.activeUsersByEmail(trx, project.org_id, emails)).map((u) => [u.email.toLowerCase(), u.id]));
  const unmatched = new Map<string, string>();
  const members = await plans.memberIds(trx, project.id);
  let membersAdded = 0;
  const seen = new Set<string>();
  const assignmentRows = [];
  for (const a of plan.assignments) {
    const userId = a.email ? users.get(a.email) : undefined;
    if (!userId) {
      unmatched.set(a.resourceUid, a.email ? `${a.resourceName} <${a.email}>` : a.resourceName);
      continue;
    }
    const taskId = idOf.get(a.taskKey)!;
    if (seen.has(`${taskId}/${userId}`)) continue;
    seen.add(`${taskId}/${userId}`);
    if (!members.has(userId)) {
      await projects.insertMember(trx, { id: uuidv7(ms), org_id: project.org_id, project_id: project.id, user_id: userId, project_role: 'member', allocation_pct: 100, from_date: null, to_date: null, created_at: at, updated_at: at, version: 1 });
      members.add(userId);
      membersAdded++;
    }
    assignmentRows.push({ id: uuidv7(ms), org_id: project.org_id, project_id: project.id, task_id: taskId, user_id: userId, units: a.units, created_at: at, updated_at: at, version: 1 });
  }
  await repo.insertAssignments(trx, assignmentRows);
  if (unmatched.size) {
    const names = [...unmatched.values()];
    warnings.push({ code: 'resources_unmatched', message: 'Resources that are not users here (people are matched by email) were not assigned.', count: names.length, examples: names.slice(0, 5) });
  }

  const baselineRows = placed.flatMap((p) => {
    const b = byId.get(p.id)!.baseline;
    return b ? [{ id: uuidv7(ms), org_id: project.org_id, baseline_id: '', task_id: p.id, start: b.start, finish: b.finish, duration_days: b.durationDays, work_hours: b.workHours, cost: b.cost, created_at: at, updated_at: at, version: 1 }] : [];
  });
  if (baselineRows.length) {
    const baselineId = uuidv7(ms);
    await plans.insertBaseline(
      trx,
      { id: baselineId, org_id: project.org_id, project_id: project.id, name: 'Baseline (Microsoft Project)', taken_by: ctx.actor.id, created_at: at, updated_at: at, version: 1 },
      baselineRows.map((r) => ({ ...r, baseline_id: baselineId })),
    );
  }
  return { tasks: rows.length, dependencies: deps.length, assignments: assignmentRows.length, membersAdded, baselineTasks: baselineRows.length };
}

async function finishImport(ctx: Ctx, trx: Executor, projectId: string, calendarId: string, upload: MspdiUpload, summary: Omit<Summary, 'calendarId' | 'calendarExceptions'>, warnings: ImportWarning[], action: string, now: Date) {
  const project = (await projects.findProject(trx, ctx.actor.orgId, projectId))!;
  await rescheduleProject(trx, project);
  const full: Summary = { ...summary, calendarId, calendarExceptions: upload.plan.calendar.exceptions.length };
  await recordAudit(trx, {
    orgId: project.org_id, actorId: ctx.actor.id, action, entityType: 'project', entityId: project.id, ip: ctx.ip, at: now,
    changes: { source: 'mspdi', code: project.code, name: project.name, ...full, warnings: warnings.map((w) => w.code) },
  });
  const fresh = (await projects.findProject(trx, ctx.actor.orgId, projectId))!;
  return { project: presentProject(ctx.actor, fresh, await projects.userName(trx, fresh.manager_id), await projects.isMember(trx, projectId, ctx.actor.id)), warnings, summary: full };
}

/** A new project from a Microsoft Project file; the caller manages it. */
export async function importProject(ctx: Ctx, upload: MspdiUpload, query: z.infer<typeof ImportProjectQuery>): Promise<ImportResponse> {
  assertMayImportProject(ctx);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const warnings = [...upload.warnings];
  return inTransaction(ctx.db, async (trx) => {
    const code = await chooseCode(trx, ctx.actor.orgId, query.code, upload.plan.name);
    const calendarId = await createProjectCalendar(trx, ctx.actor.orgId, code, upload.plan, at);
    const row: projects.ProjectRow = {
      id: uuidv7(now.getTime()), org_id: ctx.actor.orgId, code, name: query.name ?? upload.plan.name ?? code, account_id: null, source_contract_id: null,
      manager_id: ctx.actor.id, sponsor: null, goals: '', scope_in: '', scope_out: '', status: 'planning', health: 'on_track',
      planned_start: query.plannedStart ?? upload.plan.start ?? todayFor(ctx), calendar_id: calendarId, budget_labour: 0, budget_expenses: 0,
      currency: upload.plan.currency ?? 'CNY', industry: null, tags: '["Microsoft Project"]', planned_finish: null, percent_complete: 0,
      created_at: at, updated_at: at, version: 1,
    };
    await projects.insertProject(trx, row);
    await projects.insertMember(trx, { id: uuidv7(now.getTime()), org_id: row.org_id, project_id: row.id, user_id: row.manager_id, project_role: 'project_manager', allocation_pct: 100, from_date: null, to_date: null, created_at: at, updated_at: at, version: 1 });
    const summary = await writePlan(ctx, trx, row, upload, now, warnings);
    return finishImport(ctx, trx, row.id, calendarId, upload, summary, warnings, 'import', now);
  });
}

/** The plan of a Microsoft Project file into an existing project that has no tasks yet. */
export async function importIntoProject(ctx: Ctx, projectId: string, upload: MspdiUpload): Promise<ImportResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const warnings = [...upload.warnings];
  return inTransaction(ctx.db, async (trx) => {
    const { project } = await loadProject(ctx, trx, projectId, 'editPlan');
    if ((await repo.countTasks(trx, projectId)) > 0) throw planNotEmpty();
    const calendarId = await createProjectCalendar(trx, project.org_id, project.code, upload.plan, at);
    const basis = { calendar_id: calendarId, planned_start: upload.plan.start ?? project.planned_start, updated_at: at, version: project.version + 1 };
    await repo.setProjectPlanBasis(trx, projectId, basis);
    const summary = await writePlan(ctx, trx, { ...project, ...basis }, upload, now, warnings);
    return finishImport(ctx, trx, projectId, calendarId, upload, summary, warnings, 'import_plan', now);
  });
}

const DEFAULT_CALENDAR = { name: 'Standard', workingDays: [1, 2, 3, 4, 5], hoursPerDay: 8, exceptions: [] };

/** A project's plan as an MSPDI document, in chunks; the schedule is computed before the first. */
export async function exportProject(ctx: Ctx, projectId: string): Promise<{ filename: string; chunks: Iterable<string> }> {
  const { project } = await loadProject(ctx, ctx.db, projectId, 'read');
  const [tasks, deps, assignments, people, calendar, baselines] = await Promise.all([
    plans.tasksOf(ctx.db, projectId),
    plans.dependenciesOf(ctx.db, projectId),
    plans.assignmentsOf(ctx.db, projectId),
    repo.assignedPeople(ctx.db, projectId),
    repo.exportCalendar(ctx.db, project),
    plans.baselinesOf(ctx.db, projectId),
  ]);
  const latest = baselines[0];
  const baselineRows = latest ? await plans.baselineTasks(ctx.db, latest.id) : null;
  const input: ExportInput = {
    project: { code: project.code, name: project.name, start: project.planned_start, currency: project.currency, createdAt: project.created_at },
    calendar: calendar ?? DEFAULT_CALENDAR,
    tasks: tasks.map((t) => ({
      id: t.id, parentId: t.parent_id, position: t.position, name: t.name, kind: t.kind, durationDays: t.duration_days, constraintType: t.constraint_type, constraintDate: t.constraint_date,
      percentComplete: t.percent_complete, actualStart: t.actual_start, actualFinish: t.actual_finish, estimatedHours: t.estimated_hours,
    })),
    dependencies: deps.map((d) => ({ predecessorId: d.predecessor_id, successorId: d.successor_id, type: d.type, lagDays: d.lag_days })),
    baseline: baselineRows?.map((b) => ({ taskId: b.task_id, start: b.start, finish: b.finish, durationDays: b.duration_days, workHours: b.work_hours, cost: b.cost })) ?? null,
    resources: people.map((p) => ({ id: p.id, name: p.name, email: p.email })),
    assignments: assignments.map((a) => ({ taskId: a.task_id, resourceId: a.user_id, units: a.units })),
  };
  const gen = serializeMspdi(input);
  let first: IteratorResult<string>;
  try {
    first = gen.next();
  } catch (err) {
    throw scheduleError(err);
  }
  return {
    filename: `${project.code}.xml`,
    chunks: (function* () {
      if (!first.done) yield first.value;
      yield* gen;
    })(),
  };
}

// --- iCalendar feed ---

const TOKEN_RE = /^[A-Za-z0-9_-]{16,64}$/;
const FEED_LIMIT = 2000;

export const feedUrl = (baseUrl: string, token: string) => `${baseUrl}/api/v1/ical/${token}.ics`;

/** Creates the caller's feed, or replaces its secret (the old URL stops working). Answers the URL once. */
export async function createCalendarFeed(ctx: Ctx) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const token = randomToken();
  const id = uuidv7(now.getTime());
  await inTransaction(ctx.db, async (trx) => {
    const before = await repo.findFeedOfUser(trx, ctx.actor.id);
    await repo.deleteFeedOfUser(trx, ctx.actor.id);
    await repo.insertFeed(trx, { id, org_id: ctx.actor.orgId, user_id: ctx.actor.id, token_hash: hashToken(token), last_used_at: null, created_at: at, updated_at: at, version: 1 });
    await recordAudit(trx, { orgId: ctx.actor.orgId, actorId: ctx.actor.id, action: before ? 'rotate' : 'create', entityType: 'calendar_feed', entityId: id, ip: ctx.ip, at: now });
  });
  return { url: feedUrl(ctx.baseUrl, token), createdAt: at };
}

export async function calendarFeedStatus(ctx: Ctx) {
  const feed = await repo.findFeedOfUser(ctx.db, ctx.actor.id);
  return { exists: !!feed, createdAt: feed?.created_at ?? null, lastUsedAt: feed?.last_used_at ?? null };
}

export async function deleteCalendarFeed(ctx: Ctx) {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const feed = await repo.findFeedOfUser(trx, ctx.actor.id);
    if (!feed) return;
    await repo.deleteFeedOfUser(trx, ctx.actor.id);
    await recordAudit(trx, { orgId: ctx.actor.orgId, actorId: ctx.actor.id, action: 'delete', entityType: 'calendar_feed', entityId: feed.id, ip: ctx.ip, at: now });
  });
}

/**
 * The feed of a secret token, without a session: the user's assigned tasks (all-day, early start
 * to early finish) and the milestones of their projects. 404 for a token nobody holds.
 */
export async function renderCalendarFeed(s: Services, token: string, baseUrl: string): Promise<string> {
  if (!TOKEN_RE.test(token)) throw notFound('Calendar feed');
  const feed = await repo.findFeedByTokenHash(s.db, hashToken(token));
  if (!feed || feed.user_status !== 'active') throw notFound('Calendar feed');
  const now = s.clock.now();
  const [assigned, milestones] = await Promise.all([repo.assignedTasksForFeed(s.db, feed.org_id, feed.user_id, FEED_LIMIT), repo.milestonesForFeed(s.db, feed.org_id, feed.user_id, FEED_LIMIT)]);
  const events = new Map<string, FeedEvent>();
  for (const t of [...milestones, ...assigned]) {
    if (events.has(t.id) || !t.early_start) continue;
    const milestone = t.kind === 'milestone';
    events.set(t.id, {
      uid: `task-${t.id}@tandem`,
      start: t.early_start,
      end: milestone ? t.early_start : (t.early_finish ?? t.early_start),
      summary: `${milestone ? '◆ ' : ''}${t.project_code} · ${t.name}`,
      description: `${t.project_code} ${t.project_name}\nWBS ${t.wbs}\n${Math.round(t.percent_complete)} %`,
      url: `${baseUrl}/delivery/projects/${t.project_id}`,
      categories: [milestone ? 'Milestone' : 'Task'],
      lastModified: t.updated_at,
    });
  }
  // Polled often: remember the last use at most once an hour, so reads stay reads.
  if (!feed.last_used_at || now.getTime() - Date.parse(feed.last_used_at) > HOUR) await repo.touchFeed(s.db, feed.id, now.toISOString());
  const ordered = [...events.values()].sort((a, b) => a.start.localeCompare(b.start) || a.uid.localeCompare(b.uid));
  return renderCalendar({ name: `Tandem · ${feed.user_name}`, now, events: ordered });
}
