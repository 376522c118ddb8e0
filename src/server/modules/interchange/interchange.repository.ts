import type { Insertable, Selectable } from 'kysely';
import type { CalendarFeedTable, DependencyTable, TaskAssignmentTable, TaskTable } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';
import type { ProjectRow } from '../projects/project.repository.js';

export type FeedRow = Selectable<CalendarFeedTable>;

/** Rows per INSERT: a task has 27 columns, so 400 rows stay far below SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 400;

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Tasks in outline order (a parent before its children, as the foreign key wants). */
export function insertTasks(db: Executor, rows: readonly Insertable<TaskTable>[]) {
  return insertChunked(rows, (chunk) => db.insertInto('tasks').values(chunk).execute());
}

export function insertDependencies(db: Executor, rows: readonly Insertable<DependencyTable>[]) {
  return insertChunked(rows, (chunk) => db.insertInto('dependencies').values(chunk).execute());
}

export function insertAssignments(db: Executor, rows: readonly Insertable<TaskAssignmentTable>[]) {
  return insertChunked(rows, (chunk) => db.insertInto('task_assignments').values(chunk).execute());
}

export function countTasks(db: Executor, projectId: string) {
  return db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

/** Active users of an organisation with one of these (lower-case) emails. */
export function activeUsersByEmail(db: Executor, orgId: string, emails: string[]) {
  if (!emails.length) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'email', 'name']).where('org_id', '=', orgId).where('status', '=', 'active').where('email', 'in', emails).execute();
}

export function setProjectPlanBasis(db: Executor, id: string, patch: Pick<ProjectRow, 'calendar_id' | 'planned_start' | 'updated_at' | 'version'>) {
  return db.updateTable('projects').set(patch).where('id', '=', id).execute();
}

/** The calendar a project's export describes: its own, else the organisation's default. */
export async function exportCalendar(db: Executor, project: ProjectRow) {
  const cal = project.calendar_id
    ? await db.selectFrom('calendars').select(['id', 'name', 'working_days', 'hours_per_day']).where('id', '=', project.calendar_id).executeTakeFirst()
    : await db.selectFrom('calendars').select(['id', 'name', 'working_days', 'hours_per_day']).where('org_id', '=', project.org_id).where('is_default', '=', 1).executeTakeFirst();
  if (!cal) return null;
  const exceptions = await db.selectFrom('calendar_exceptions').select(['date', 'name', 'working']).where('calendar_id', '=', cal.id).orderBy('date').execute();
  return { name: cal.name, workingDays: cal.working_days.split(',').filter(Boolean).map(Number), hoursPerDay: cal.hours_per_day, exceptions: exceptions.map((e) => ({ date: e.date, name: e.name, working: e.working === 1 })) };
}

/** Name and email of the people assigned in a project. */
export function assignedPeople(db: Executor, projectId: string) {
  return db
    .selectFrom('task_assignments')
    .innerJoin('users', 'users.id', 'task_assignments.user_id')
    .select(['users.id', 'users.name', 'users.email'])
    .where('task_assignments.project_id', '=', projectId)
    .distinct()
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();
}

// --- Calendar feeds ---

export function findFeedOfUser(db: Executor, userId: string) {
  return db.selectFrom('calendar_feeds').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** The feed of a token hash, with its user when that user is active. */
export function findFeedByTokenHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('calendar_feeds')
    .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
    .select(['calendar_feeds.id', 'calendar_feeds.user_id', 'calendar_feeds.org_id', 'calendar_feeds.last_used_at', 'users.name as user_name', 'users.status as user_status'])
    .where('calendar_feeds.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export function deleteFeedOfUser(db: Executor, userId: string) {
  return db.deleteFrom('calendar_feeds').where('user_id', '=', userId).execute();
}

export function insertFeed(db: Executor, row: FeedRow) {
  return db.insertInto('calendar_feeds').values(row).execute();
}

export function touchFeed(db: Executor, id: string, at: string) {
  return db.updateTable('calendar_feeds').set({ last_used_at: at }).where('id', '=', id).execute();
}

const FEED_COLUMNS = [
  'tasks.id', 'tasks.name', 'tasks.wbs', 'tasks.kind', 'tasks.early_start', 'tasks.early_finish', 'tasks.percent_complete', 'tasks.updated_at',
  'projects.id as project_id', 'projects.code as project_code', 'projects.name as project_name',
] as const;

/** Tasks assigned to a user, with dates, in projects that are not cancelled. */
export function assignedTasksForFeed(db: Executor, orgId: string, userId: string, limit: number) {
  return db
    .selectFrom('task_assignments')
    .innerJoin('tasks', 'tasks.id', 'task_assignments.task_id')
    .innerJoin('projects', 'projects.id', 'tasks.project_id')
    .select(FEED_COLUMNS)
    .where('task_assignments.user_id', '=', userId)
    .where('task_assignments.org_id', '=', orgId)
    .where('projects.status', '!=', 'cancelled')
    .where('tasks.early_start', 'is not', null)
    .orderBy('tasks.early_start', 'desc')
    .orderBy('tasks.id')
    .limit(limit)
    .execute();
}

/** Milestones of the projects a user manages or is a member of. */
export function milestonesForFeed(db: Executor, orgId: string, userId: string, limit: number) {
  return db
    .selectFrom('tasks')
    .innerJoin('projects', 'projects.id', 'tasks.project_id')
    .select(FEED_COLUMNS)
    .where('projects.org_id', '=', orgId)
    .where('projects.status', '!=', 'cancelled')
    .where((eb) => eb.or([eb('projects.manager_id', '=', userId), eb('projects.id', 'in', eb.selectFrom('project_members').select('project_id').where('user_id', '=', userId))]))
    .where('tasks.kind', '=', 'milestone')
    .where('tasks.early_start', 'is not', null)
    .orderBy('tasks.early_start', 'desc')
    .orderBy('tasks.id')
    .limit(limit)
    .execute();
}
