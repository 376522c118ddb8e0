import type { z } from 'zod';
import type { CreateExpenseRequest, ListExpensesQuery, ListTimesheetsQuery, SaveWeekRequest, TimesheetWeekResponse } from '../../../contracts/timesheets.js';
import { formatIsoDate, isoWeekday, parseIsoDate, tryParseIsoDate } from '../../../domain/schedule/calendar.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { notFound, ruleViolated, staleVersion, validationFailed, forbidden, type FieldIssue } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { authorize, hasRole } from '../../lib/policy.js';
import * as projectRepo from '../projects/project.repository.js';
import { loadProject } from '../projects/project.service.js';
import * as repo from './timesheet.repository.js';
import './timesheet.policy.js';
import type { TimeRecord } from './timesheet.policy.js';

const MAX_HOURS_PER_DAY = 24;

/** The cost rate in force on a date: the latest rate effective on or before it, else the user's rate. */
export function costRateAt(rates: { current: number; history: readonly { effective_from: string; cost_rate: number }[] }, date: string): number {
  let rate: number | null = null;
  for (const r of rates.history) if (r.effective_from <= date) rate = r.cost_rate;
  return rate ?? rates.current;
}

export const entryCost = (hours: number, rate: number) => Math.round(hours * rate);

function weekDays(weekStart: string, path = 'weekStart'): string[] {
  const d = tryParseIsoDate(weekStart);
  if (d === undefined || isoWeekday(d) !== 1) throw validationFailed([{ path, message: 'A week starts on a Monday (YYYY-MM-DD).' }]);
  return Array.from({ length: 7 }, (_, i) => formatIsoDate(d + i));
}

export const presentEntry = (e: repo.TimesheetEntryRow & { user_name?: string; task_name?: string }) => ({
  id: e.id,
  userId: e.user_id,
  ...(e.user_name !== undefined ? { userName: e.user_name } : {}),
  projectId: e.project_id,
  taskId: e.task_id,
  ...(e.task_name !== undefined ? { taskName: e.task_name } : {}),
  date: e.date,
  hours: e.hours,
  billable: e.billable === 1,
  note: e.note,
  status: e.status,
  approvedBy: e.approved_by,
  approvedAt: e.approved_at,
  cost: Number(e.cost),
  version: e.version,
});

async function weekOf(ctx: Ctx, db: Executor, days: string[]): Promise<TimesheetWeekResponse> {
  const { actor } = ctx;
  const entries = await repo.entriesOfUser(db, actor.orgId, actor.id, days[0], days[6]);
  const assigned = await repo.assignedTasks(db, actor.orgId, actor.id, days[0], days[6]);
  const known = new Set(assigned.map((a) => a.task_id));
  const extra = await repo.tasksWithProjects(db, actor.orgId, [...new Set(entries.map((e) => e.task_id))].filter((id) => !known.has(id)));
  const rows = [...assigned.map((a) => ({ ...a, assigned: true })), ...extra.map((t) => ({ ...t, assigned: false }))];
  rows.sort((a, b) => a.project_code.localeCompare(b.project_code) || a.wbs.localeCompare(b.wbs, undefined, { numeric: true }));
  const dayTotals = days.map((d) => entries.filter((e) => e.date === d).reduce((s, e) => s + e.hours, 0));
  const statuses = new Set(entries.map((e) => e.status));
  const status = statuses.size === 0 ? 'empty' : statuses.has('draft') ? 'draft' : statuses.size === 1 ? [...statuses][0] : 'mixed';
  return {
    weekStart: days[0],
    days,
    rows: rows.map((r) => ({
      projectId: r.project_id,
      projectCode: r.project_code,
      projectName: r.project_name,
      taskId: r.task_id,
      wbs: r.wbs,
      taskName: r.task_name,
      assigned: r.assigned,
      entries: entries.filter((e) => e.task_id === r.task_id).map((e) => presentEntry(e)),
    })),
    dayTotals,
    total: dayTotals.reduce((s, h) => s + h, 0),
    status,
  };
}

/** The caller's own week: tasks assigned to them on active projects, and what they logged. */
export async function getWeek(ctx: Ctx, weekStart: string) {
  return weekOf(ctx, ctx.db, weekDays(weekStart));
}

/**
 * Saves the caller's draft week in one transaction: cells with hours > 0 are kept (costed at the
 * rate in force on their date), draft or rejected cells not sent (or sent as 0) are removed.
 * Submitted and approved cells are locked: they may be sent again unchanged, not altered.
 */
export async function saveWeek(ctx: Ctx, input: z.infer<typeof SaveWeekRequest>) {
  const days = weekDays(input.weekStart);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const { actor } = ctx;
  return inTransaction(ctx.db, async (trx) => {
    const issues: FieldIssue[] = [];
    const taskIds = [...new Set(input.entries.map((e) => e.taskId))];
    const tasks = new Map((await repo.tasksWithProjects(trx, actor.orgId, taskIds)).map((t) => [t.task_id, t]));
    const projectIds = [...new Set([...tasks.values()].map((t) => t.project_id))];
    const [assignedIds, memberOf, parents] = await Promise.all([repo.taskIdsAssignedTo(trx, actor.id, taskIds), repo.projectIdsMemberOf(trx, actor.id, projectIds), repo.parentTaskIds(trx, taskIds)]);
    const existing = await repo.entriesOfUser(trx, actor.orgId, actor.id, days[0], days[6]);
    const key = (taskId: string, date: string) => `${taskId}|${date}`;
    const existingByKey = new Map(existing.map((e) => [key(e.task_id, e.date), e]));
    const seen = new Set<string>();
    input.entries.forEach((e, i) => {
      if (!days.includes(e.date)) issues.push({ path: `entries.${i}.date`, message: `The date ${e.date} is not in the week of ${days[0]}.` });
      const k = key(e.taskId, e.date);
      if (seen.has(k)) issues.push({ path: `entries.${i}.date`, message: 'This task and day are listed twice.' });
      seen.add(k);
      const t = tasks.get(e.taskId);
      if (!t || (!assignedIds.has(e.taskId) && !memberOf.has(t.project_id))) issues.push({ path: `entries.${i}.taskId`, message: 'No such task on your projects.' });
      else if (parents.has(e.taskId)) issues.push({ path: `entries.${i}.taskId`, message: 'Log time on a task, not on a summary.' });
      else if (!(repo.ACTIVE_PROJECT_STATUSES as readonly string[]).includes(t.project_status) && e.hours > 0) issues.push({ path: `entries.${i}.taskId`, message: 'This project does not take time now.' });
      const old = existingByKey.get(k);
      if (old && (old.status === 'submitted' || old.status === 'approved') && old.hours !== e.hours) {
        issues.push({ path: `entries.${i}.hours`, message: `These hours are ${old.status}; they can no longer change.` });
      }
    });
    // A day holds at most 24 hours: the locked entries of the day plus what is sent.
    const locked = existing.filter((e) => e.status === 'submitted' || e.status === 'approved');
    for (const day of days) {
      const sent = input.entries.map((e, i) => ({ e, i })).filter(({ e }) => e.date === day && !locked.some((l) => l.task_id === e.taskId && l.date === day));
      const total = locked.filter((l) => l.date === day).reduce((s, l) => s + l.hours, 0) + sent.reduce((s, { e }) => s + e.hours, 0);
      if (total > MAX_HOURS_PER_DAY) {
        for (const { e, i } of sent) if (e.hours > 0) issues.push({ path: `entries.${i}.hours`, message: `On ${day} the hours add up to ${total}; a day holds at most ${MAX_HOURS_PER_DAY}.` });
      }
    }
    if (issues.length) throw validationFailed(issues);

    const rates = await repo.costRatesOf(trx, actor.id);
    const keep = new Set<string>();
    const inserts: repo.TimesheetEntryRow[] = [];
    for (const e of input.entries) {
      const old = existingByKey.get(key(e.taskId, e.date));
      if (old && (old.status === 'submitted' || old.status === 'approved')) {
        keep.add(old.id);
        continue;
      }
      if (e.hours === 0) continue;
      const cost = entryCost(e.hours, costRateAt(rates, e.date));
      if (old) {
        keep.add(old.id);
        if (old.hours !== e.hours || old.billable !== (e.billable ? 1 : 0) || old.note !== e.note || old.status !== 'draft' || Number(old.cost) !== cost) {
          await repo.updateEntry(trx, old.id, { hours: e.hours, billable: e.billable ? 1 : 0, note: e.note, status: 'draft', cost, approved_by: null, approved_at: null, updated_at: at, version: old.version + 1 });
        }
        continue;
      }
      const project = tasks.get(e.taskId)!.project_id;
      inserts.push({ id: uuidv7(now.getTime()), org_id: actor.orgId, user_id: actor.id, project_id: project, task_id: e.taskId, date: e.date, hours: e.hours, billable: e.billable ? 1 : 0, note: e.note, status: 'draft', approved_by: null, approved_at: null, cost, created_at: at, updated_at: at, version: 1 });
    }
    await repo.deleteEntries(trx, existing.filter((e) => !keep.has(e.id)).map((e) => e.id));
    await repo.insertEntries(trx, inserts);
    await recordAudit(trx, { orgId: actor.orgId, actorId: actor.id, action: 'update', entityType: 'timesheet_week', entityId: null, changes: { weekStart: [null, days[0]], entries: [existing.length, keep.size + inserts.length] }, ip: ctx.ip, at: now });
    return weekOf(ctx, trx, days);
  });
}

/** Submits the caller's draft (and re-saved rejected) entries of the week for approval. */
export async function submitWeek(ctx: Ctx, weekStart: string) {
  const days = weekDays(weekStart);
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const open = (await repo.entriesOfUser(trx, ctx.actor.orgId, ctx.actor.id, days[0], days[6])).filter((e) => e.status === 'draft' || e.status === 'rejected');
    if (!open.length) throw ruleViolated('Nothing to submit in this week: save some hours first.');
    for (const e of open) await repo.updateEntry(trx, e.id, { status: 'submitted', updated_at: at, version: e.version + 1 });
    await recordAudit(trx, { orgId: ctx.actor.orgId, actorId: ctx.actor.id, action: 'submit', entityType: 'timesheet_week', entityId: null, changes: { weekStart: [null, days[0]], entries: [null, open.length] }, ip: ctx.ip, at: now });
    return weekOf(ctx, trx, days);
  });
}

async function timeRecord(db: Executor, orgId: string, projectId: string, userId: string, actorId: string): Promise<TimeRecord> {
  const project = (await projectRepo.findProject(db, orgId, projectId))!;
  return { orgId, userId, managerId: project.manager_id, actorIsMember: await projectRepo.isMember(db, projectId, actorId) };
}

/** The PM approves or rejects a submitted entry. */
export async function decideEntry(ctx: Ctx, id: string, decision: 'approve' | 'reject', version: number) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const e = await repo.findEntry(trx, ctx.actor.orgId, id);
    if (!e) throw notFound('Timesheet entry');
    authorize(ctx.actor, decision, 'timesheetEntry', await timeRecord(trx, ctx.actor.orgId, e.project_id, e.user_id, ctx.actor.id), 'Timesheet entry');
    if (e.version !== version) throw staleVersion(presentEntry(e));
    if (e.status !== 'submitted') throw ruleViolated(`Only submitted hours can be decided; these are ${e.status}.`);
    const after = await repo.updateEntryIfVersion(trx, id, version, { status: decision === 'approve' ? 'approved' : 'rejected', approved_by: decision === 'approve' ? ctx.actor.id : null, approved_at: decision === 'approve' ? at : null, updated_at: at });
    if (!after) throw staleVersion(presentEntry(e));
    await recordAudit(trx, { orgId: ctx.actor.orgId, actorId: ctx.actor.id, action: decision, entityType: 'timesheet_entry', entityId: id, changes: { status: [e.status, after.status] }, ip: ctx.ip, at: now });
    return presentEntry(after);
  });
}

const seesAll = (ctx: Ctx, project: projectRepo.ProjectRow) => project.manager_id === ctx.actor.id || hasRole(ctx.actor, 'pmo', 'executive');

/** A project's entries: all of them for its manager, the PMO and executives; a member's own otherwise. */
export async function listProjectTimesheets(ctx: Ctx, projectId: string, q: z.infer<typeof ListTimesheetsQuery>) {
  const { project } = await loadProject(ctx, ctx.db, projectId, 'read');
  const userId = seesAll(ctx, project) ? q.userId : ctx.actor.id;
  const page = await repo.listProjectEntries(ctx.db, projectId, { status: q.status, userId }, { limit: q.limit, cursor: q.cursor });
  return { items: page.items.map(presentEntry), nextCursor: page.nextCursor };
}

// ---- expenses ----

const presentExpense = (e: repo.ExpenseRow & { user_name: string }) => ({
  id: e.id,
  projectId: e.project_id,
  userId: e.user_id,
  userName: e.user_name,
  category: e.category as z.infer<typeof CreateExpenseRequest>['category'],
  amount: Number(e.amount),
  currency: e.currency,
  date: e.date,
  note: e.note,
  status: e.status,
  approvedBy: e.approved_by,
  approvedAt: e.approved_at,
  version: e.version,
});

export async function listExpenses(ctx: Ctx, projectId: string, q: z.infer<typeof ListExpensesQuery>) {
  const { project } = await loadProject(ctx, ctx.db, projectId, 'read');
  const page = await repo.listExpenses(ctx.db, projectId, { status: q.status, userId: seesAll(ctx, project) ? undefined : ctx.actor.id }, { limit: q.limit, cursor: q.cursor });
  return { items: page.items.map(presentExpense), nextCursor: page.nextCursor };
}

/** A member (or the manager) records an expense; it waits for the manager's approval. */
export async function createExpense(ctx: Ctx, projectId: string, input: z.infer<typeof CreateExpenseRequest>) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { project, member } = await loadProject(ctx, trx, projectId, 'read');
    if (!member && project.manager_id !== ctx.actor.id) throw forbidden('Only the project team records expenses.');
    if (input.currency && input.currency !== project.currency) throw validationFailed([{ path: 'currency', message: `Expenses are recorded in the project's currency, ${project.currency}.` }]);
    parseIsoDate(input.date);
    const row: repo.ExpenseRow = { id: uuidv7(now.getTime()), org_id: project.org_id, project_id: projectId, user_id: ctx.actor.id, category: input.category, amount: input.amount, currency: project.currency, date: input.date, note: input.note, status: 'submitted', approved_by: null, approved_at: null, created_at: at, updated_at: at, version: 1 };
    await repo.insertExpense(trx, row);
    await recordAudit(trx, { orgId: row.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'expense', entityId: row.id, changes: { project_id: [null, projectId], amount: [null, row.amount], category: [null, row.category], date: [null, row.date] }, ip: ctx.ip, at: now });
    return presentExpense({ ...row, user_name: ctx.actor.name });
  });
}

export async function decideExpense(ctx: Ctx, id: string, decision: 'approve' | 'reject', version: number) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const e = await repo.findExpense(trx, ctx.actor.orgId, id);
    if (!e) throw notFound('Expense');
    authorize(ctx.actor, decision, 'expense', await timeRecord(trx, ctx.actor.orgId, e.project_id, e.user_id, ctx.actor.id), 'Expense');
    if (e.version !== version) throw staleVersion(presentExpense(e));
    if (e.status !== 'submitted') throw ruleViolated(`Only submitted expenses can be decided; this one is ${e.status}.`);
    const after = await repo.updateExpenseIfVersion(trx, id, version, { status: decision === 'approve' ? 'approved' : 'rejected', approved_by: decision === 'approve' ? ctx.actor.id : null, approved_at: decision === 'approve' ? at : null, updated_at: at });
    if (!after) throw staleVersion(presentExpense(e));
    await recordAudit(trx, { orgId: ctx.actor.orgId, actorId: ctx.actor.id, action: decision, entityType: 'expense', entityId: id, changes: { status: [e.status, after.status] }, ip: ctx.ip, at: now });
    return presentExpense({ ...after, user_name: e.user_name });
  });
}
