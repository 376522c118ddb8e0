import { sql, type Selectable } from 'kysely';
import type { ExpenseTable, TimesheetEntryTable } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';
import { keysetPage, type PageQuery } from '../../lib/pagination.js';

export type TimesheetEntryRow = Selectable<TimesheetEntryTable>;
export type ExpenseRow = Selectable<ExpenseTable>;

/** Projects that take time: not proposed, closed or cancelled. */
export const ACTIVE_PROJECT_STATUSES = ['planning', 'executing', 'closing', 'on_hold'] as const;

/** The user's entries in [from, to] (inclusive dates), across projects. */
export function entriesOfUser(db: Executor, orgId: string, userId: string, from: string, to: string) {
  return db.selectFrom('timesheet_entries').selectAll().where('org_id', '=', orgId).where('user_id', '=', userId).where('date', '>=', from).where('date', '<=', to).orderBy('date').orderBy('id').execute();
}

/**
 * Leaf tasks assigned to the user on active projects, with their project, that are open in the
 * week [from, to]: their work (actual dates where known, else the schedule's early dates) overlaps
 * it, or they started by its end and are not done yet (late work is still logged). Not every task
 * the person ever had: on a big project that is hundreds of rows nobody logs on.
 */
export function assignedTasks(db: Executor, orgId: string, userId: string, from: string, to: string) {
  return db
    .selectFrom('task_assignments as ta')
    .innerJoin('tasks as t', 't.id', 'ta.task_id')
    .innerJoin('projects as p', 'p.id', 't.project_id')
    .select(['t.id as task_id', 't.wbs', 't.name as task_name', 'p.id as project_id', 'p.code as project_code', 'p.name as project_name'])
    .where('ta.user_id', '=', userId)
    .where('p.org_id', '=', orgId)
    .where('p.status', 'in', [...ACTIVE_PROJECT_STATUSES])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('tasks as child').select('child.id').whereRef('child.parent_id', '=', 't.id'))))
    .where((eb) => {
      const start = eb.fn.coalesce('t.actual_start', 't.early_start');
      const finish = eb.fn.coalesce('t.actual_finish', 't.early_finish');
      return eb.or([
        eb('t.early_start', 'is', null),
        eb.and([eb(start, '<=', to), eb.or([eb(finish, '>=', from), eb('t.status', '!=', 'done')])]),
      ]);
    })
    .execute();
}

export function tasksWithProjects(db: Executor, orgId: string, taskIds: string[]) {
  if (!taskIds.length) return Promise.resolve([]);
  return db
    .selectFrom('tasks as t')
    .innerJoin('projects as p', 'p.id', 't.project_id')
    .select(['t.id as task_id', 't.wbs', 't.name as task_name', 't.kind', 'p.id as project_id', 'p.code as project_code', 'p.name as project_name', 'p.status as project_status'])
    .where('t.org_id', '=', orgId)
    .where('t.id', 'in', taskIds)
    .execute();
}

export async function taskIdsAssignedTo(db: Executor, userId: string, taskIds: string[]) {
  if (!taskIds.length) return new Set<string>();
  const rows = await db.selectFrom('task_assignments').select('task_id').where('user_id', '=', userId).where('task_id', 'in', taskIds).execute();
  return new Set(rows.map((r) => r.task_id));
}

export async function projectIdsMemberOf(db: Executor, userId: string, projectIds: string[]) {
  if (!projectIds.length) return new Set<string>();
  const rows = await db.selectFrom('project_members').select('project_id').where('user_id', '=', userId).where('project_id', 'in', projectIds).execute();
  return new Set(rows.map((r) => r.project_id));
}

export async function parentTaskIds(db: Executor, taskIds: string[]) {
  if (!taskIds.length) return new Set<string>();
  const rows = await db.selectFrom('tasks').select('parent_id').where('parent_id', 'in', taskIds).execute();
  return new Set(rows.map((r) => r.parent_id!));
}

/** The user's cost rate history (ascending) and their current rate, the fallback before any history. */
export async function costRatesOf(db: Executor, userId: string) {
  const [user, history] = await Promise.all([
    db.selectFrom('users').select('cost_rate').where('id', '=', userId).executeTakeFirstOrThrow(),
    db.selectFrom('user_rates').select(['effective_from', 'cost_rate']).where('user_id', '=', userId).orderBy('effective_from').execute(),
  ]);
  return { current: user.cost_rate, history };
}

export function deleteEntries(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve();
  return db.deleteFrom('timesheet_entries').where('id', 'in', ids).execute().then(() => undefined);
}

export function insertEntries(db: Executor, rows: TimesheetEntryRow[]) {
  if (!rows.length) return Promise.resolve();
  return db.insertInto('timesheet_entries').values(rows).execute().then(() => undefined);
}

export function updateEntry(db: Executor, id: string, patch: Partial<TimesheetEntryRow>) {
  return db.updateTable('timesheet_entries').set(patch).where('id', '=', id).execute();
}

export function updateEntryIfVersion(db: Executor, id: string, version: number, patch: Partial<TimesheetEntryRow>) {
  return db.updateTable('timesheet_entries').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export function findEntry(db: Executor, orgId: string, id: string) {
  return db.selectFrom('timesheet_entries').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function listProjectEntries(db: Executor, projectId: string, f: { status?: TimesheetEntryRow['status']; userId?: string }, page: PageQuery) {
  let q = db
    .selectFrom('timesheet_entries as te')
    .innerJoin('users as u', 'u.id', 'te.user_id')
    .innerJoin('tasks as t', 't.id', 'te.task_id')
    .selectAll('te')
    .select(['u.name as user_name', 't.name as task_name'])
    .where('te.project_id', '=', projectId);
  if (f.status) q = q.where('te.status', '=', f.status);
  if (f.userId) q = q.where('te.user_id', '=', f.userId);
  return keysetPage(q, {
    sort: [
      { column: 'te.date', direction: 'asc' },
      { column: 'te.id', direction: 'asc' },
    ],
    page,
    keyOf: (r) => [r.date, r.id],
  });
}

// ---- expenses ----

export function insertExpense(db: Executor, row: ExpenseRow) {
  return db.insertInto('expenses').values(row).execute();
}

export function findExpense(db: Executor, orgId: string, id: string) {
  return db.selectFrom('expenses').innerJoin('users as u', 'u.id', 'expenses.user_id').selectAll('expenses').select('u.name as user_name').where('expenses.org_id', '=', orgId).where('expenses.id', '=', id).executeTakeFirst();
}

export function updateExpenseIfVersion(db: Executor, id: string, version: number, patch: Partial<ExpenseRow>) {
  return db.updateTable('expenses').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export function listExpenses(db: Executor, projectId: string, f: { status?: ExpenseRow['status']; userId?: string }, page: PageQuery) {
  let q = db.selectFrom('expenses').innerJoin('users as u', 'u.id', 'expenses.user_id').selectAll('expenses').select('u.name as user_name').where('expenses.project_id', '=', projectId);
  if (f.status) q = q.where('expenses.status', '=', f.status);
  if (f.userId) q = q.where('expenses.user_id', '=', f.userId);
  return keysetPage(q, {
    sort: [
      { column: 'expenses.date', direction: 'desc' },
      { column: 'expenses.id', direction: 'asc' },
    ],
    page,
    keyOf: (r) => [r.date, r.id],
  });
}

// ---- actual cost ----

/** Approved actual cost per date up to and including `upTo`: labour (timesheets) and expenses. */
export async function approvedCostByDate(db: Executor, projectId: string, upTo: string) {
  const [labour, expenses] = await Promise.all([
    db
      .selectFrom('timesheet_entries')
      .select(['date', sql<number>`sum(cost)`.as('cost')])
      .where('project_id', '=', projectId)
      .where('status', '=', 'approved')
      .where('date', '<=', upTo)
      .groupBy('date')
      .execute(),
    db
      .selectFrom('expenses')
      .select(['date', sql<number>`sum(amount)`.as('cost')])
      .where('project_id', '=', projectId)
      .where('status', '=', 'approved')
      .where('date', '<=', upTo)
      .groupBy('date')
      .execute(),
  ]);
  const num = (rows: { date: string; cost: number | string }[]) => rows.map((r) => ({ date: r.date, cost: Number(r.cost) }));
  return { labour: num(labour), expenses: num(expenses) };
}
