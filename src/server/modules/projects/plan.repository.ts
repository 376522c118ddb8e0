import { sql, type Selectable } from 'kysely';
import type { BaselineTable, DependencyTable, TaskAssignmentTable, TaskTable } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';
import type { ProjectRow } from './project.repository.js';

export type TaskRow = Selectable<TaskTable>;
export type DependencyRow = Selectable<DependencyTable>;
export type AssignmentRow = Selectable<TaskAssignmentTable>;
export type BaselineRow = Selectable<BaselineTable>;

export function tasksOf(db: Executor, projectId: string) {
  return db.selectFrom('tasks').selectAll().where('project_id', '=', projectId).execute();
}

/** Just what the scheduler needs (and what it compares its answer with). */
export function scheduleInputs(db: Executor, projectId: string) {
  return db
    .selectFrom('tasks')
    .select(['id', 'parent_id', 'wbs', 'name', 'kind', 'duration_days', 'constraint_type', 'constraint_date', 'percent_complete', 'early_start', 'early_finish', 'late_start', 'late_finish', 'total_float', 'free_float', 'critical', 'critical_order'])
    .where('project_id', '=', projectId)
    .execute();
}

export function dependenciesOf(db: Executor, projectId: string) {
  return db.selectFrom('dependencies').selectAll().where('project_id', '=', projectId).execute();
}

export function assignmentsOf(db: Executor, projectId: string) {
  return db.selectFrom('task_assignments').selectAll().where('project_id', '=', projectId).execute();
}

export async function calendarOf(db: Executor, project: ProjectRow) {
  const cal = project.calendar_id
    ? await db.selectFrom('calendars').select(['id', 'working_days']).where('id', '=', project.calendar_id).executeTakeFirst()
    : await db.selectFrom('calendars').select(['id', 'working_days']).where('org_id', '=', project.org_id).where('is_default', '=', 1).executeTakeFirst();
  if (!cal) return null;
  const ex = await db.selectFrom('calendar_exceptions').select(['date', 'working']).where('calendar_id', '=', cal.id).execute();
  return { workingDays: cal.working_days.split(',').map(Number), exceptions: ex.map((e) => ({ date: e.date, working: e.working === 1 })) };
}

export type TaskComputed = Pick<TaskRow, 'early_start' | 'early_finish' | 'late_start' | 'late_finish' | 'total_float' | 'free_float' | 'critical' | 'critical_order'>;

/** Rows per UPDATE … FROM (VALUES …): at most 10 parameters each, well inside both databases' limits. */
const UPDATE_CHUNK = 400;

/**
 * Writes new values of some columns for many tasks of a project with one statement per 400 tasks
 * (UPDATE … FROM a VALUES list, which SQLite ≥ 3.33 and PostgreSQL both run) instead of one
 * statement per task: a change early in a 5,000-task plan moves and renumbers most of it. `columns`
 * maps each column to the SQL type its values are cast to (PostgreSQL reads untyped parameters as
 * text); a CTE names the VALUES' columns in both dialects.
 */
async function updateTasks<K extends keyof TaskRow & string>(db: Executor, projectId: string, columns: Record<K, 'text' | 'integer' | 'real'>, rows: (Pick<TaskRow, K> & { id: string })[]) {
  const names = Object.keys(columns) as K[];
  const aliases = sql.join([sql.raw('id'), ...names.map((_, k) => sql.raw(`c${k}`))]);
  const sets = sql.join(names.map((n, k) => sql`${sql.ref(n)} = CAST(v.${sql.raw(`c${k}`)} AS ${sql.raw(columns[n])})`));
  for (let i = 0; i < rows.length; i += UPDATE_CHUNK) {
    const values = sql.join(rows.slice(i, i + UPDATE_CHUNK).map((r) => sql`(${sql.join([r.id, ...names.map((n) => r[n])])})`));
    await sql`WITH v(${aliases}) AS (VALUES ${values}) UPDATE tasks SET ${sets} FROM v WHERE tasks.id = CAST(v.id AS text) AND tasks.project_id = ${projectId}`.execute(db);
  }
}

/** The scheduler's figures for the tasks whose figures changed. */
export function setTasksComputed(db: Executor, projectId: string, rows: (TaskComputed & { id: string })[]) {
  return updateTasks(db, projectId, { early_start: 'text', early_finish: 'text', late_start: 'text', late_finish: 'text', total_float: 'integer', free_float: 'integer', critical: 'integer', critical_order: 'integer' }, rows);
}

/** New places in the outline for the tasks that moved. */
export function setTasksOutline(db: Executor, projectId: string, rows: (Pick<TaskRow, 'parent_id' | 'position' | 'wbs'> & { id: string })[]) {
  return updateTasks(db, projectId, { parent_id: 'text', position: 'integer', wbs: 'text' }, rows);
}

export function findTask(db: Executor, orgId: string, id: string) {
  return db.selectFrom('tasks').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function insertTask(db: Executor, row: TaskRow) {
  return db.insertInto('tasks').values(row).execute();
}

export function updateTaskIfVersion(db: Executor, id: string, version: number, patch: Partial<TaskRow>) {
  return db.updateTable('tasks').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export function deleteTask(db: Executor, id: string) {
  return db.deleteFrom('tasks').where('id', '=', id).execute();
}

export async function replaceAssignments(db: Executor, task: Pick<TaskRow, 'id' | 'org_id' | 'project_id'>, list: { userId: string; units: number }[], at: string, newId: () => string) {
  await db.deleteFrom('task_assignments').where('task_id', '=', task.id).execute();
  if (!list.length) return;
  await db
    .insertInto('task_assignments')
    .values(list.map((a) => ({ id: newId(), org_id: task.org_id, project_id: task.project_id, task_id: task.id, user_id: a.userId, units: a.units, created_at: at, updated_at: at, version: 1 })))
    .execute();
}

export function assigneesOfTask(db: Executor, taskId: string) {
  return db.selectFrom('task_assignments').select(['user_id', 'units']).where('task_id', '=', taskId).execute();
}

export function memberIds(db: Executor, projectId: string) {
  return db.selectFrom('project_members').select('user_id').where('project_id', '=', projectId).execute().then((r) => new Set(r.map((x) => x.user_id)));
}

export function findDependency(db: Executor, orgId: string, id: string) {
  return db.selectFrom('dependencies').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findDependencyPair(db: Executor, predecessorId: string, successorId: string) {
  return db.selectFrom('dependencies').select('id').where('predecessor_id', '=', predecessorId).where('successor_id', '=', successorId).executeTakeFirst();
}

export function insertDependency(db: Executor, row: DependencyRow) {
  return db.insertInto('dependencies').values(row).execute();
}

export function updateDependencyIfVersion(db: Executor, id: string, version: number, patch: Partial<DependencyRow>) {
  return db.updateTable('dependencies').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).returningAll().executeTakeFirst();
}

export function deleteDependency(db: Executor, id: string) {
  return db.deleteFrom('dependencies').where('id', '=', id).execute();
}

export function baselinesOf(db: Executor, projectId: string) {
  return db
    .selectFrom('baselines')
    .leftJoin('users', 'users.id', 'baselines.taken_by')
    .selectAll('baselines')
    .select('users.name as taken_by_name')
    .where('baselines.project_id', '=', projectId)
    .orderBy('baselines.created_at', 'desc')
    .orderBy('baselines.id', 'desc')
    .execute();
}

export function findBaseline(db: Executor, orgId: string, id: string) {
  return db
    .selectFrom('baselines')
    .leftJoin('users', 'users.id', 'baselines.taken_by')
    .selectAll('baselines')
    .select('users.name as taken_by_name')
    .where('baselines.org_id', '=', orgId)
    .where('baselines.id', '=', id)
    .executeTakeFirst();
}

export function baselineTasks(db: Executor, baselineId: string) {
  return db.selectFrom('baseline_tasks').selectAll().where('baseline_id', '=', baselineId).execute();
}

export async function insertBaseline(db: Executor, row: BaselineRow, tasks: Selectable<import('../../db/schema.js').BaselineTaskTable>[]) {
  await db.insertInto('baselines').values(row).execute();
  for (let i = 0; i < tasks.length; i += 500) await db.insertInto('baseline_tasks').values(tasks.slice(i, i + 500)).execute();
}

/** Cost rates of users (current), for a baseline's labour cost of assigned work. */
export function costRates(db: Executor, userIds: string[]) {
  if (!userIds.length) return Promise.resolve(new Map<string, number>());
  return db.selectFrom('users').select(['id', 'cost_rate']).where('id', 'in', userIds).execute().then((r) => new Map(r.map((x) => [x.id, x.cost_rate])));
}
