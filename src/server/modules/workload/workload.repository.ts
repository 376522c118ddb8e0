import { sql, type ExpressionBuilder } from 'kysely';
import type { Dialect } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Executor } from '../../db/transaction.js';
import { keysetPage, type PageQuery } from '../../lib/pagination.js';
import { hasRole, type Actor } from '../../lib/policy.js';
import { like } from '../../lib/sql.js';
import { visibleProjects } from '../projects/project.repository.js';

/**
 * Whose workload an actor may see, as a condition on `users` inside the SQL: the PMO and
 * executives everyone in their organisation; anyone else themselves plus the members of the
 * projects they manage (for a project manager, their teams; for others, nobody more).
 */
export function visiblePeople(eb: ExpressionBuilder<DB, 'users'>, actor: Actor) {
  const inOrg = eb('users.org_id', '=', actor.orgId);
  if (hasRole(actor, 'pmo', 'executive')) return inOrg;
  return eb.and([
    inOrg,
    eb.or([
      eb('users.id', '=', actor.id),
      eb(
        'users.id',
        'in',
        eb
          .selectFrom('project_members as wm')
          .innerJoin('projects as wp', 'wp.id', 'wm.project_id')
          .select('wm.user_id')
          .where('wp.manager_id', '=', actor.id)
          .where('wp.org_id', '=', actor.orgId),
      ),
    ]),
  ]);
}

export interface PeopleFilter {
  teamId?: string;
  q?: string;
}

const personColumns = ['users.id', 'users.name', 'users.team_id', 'users.calendar_id', 'users.weekly_capacity_hours'] as const;

/** One page of the people the actor may see (not disabled), by name, with their team's name. */
export function listPeople(db: Executor, actor: Actor, f: PeopleFilter, page: PageQuery) {
  let q = db
    .selectFrom('users')
    .leftJoin('teams', 'teams.id', 'users.team_id')
    .select(personColumns)
    .select('teams.name as team_name')
    .where('users.status', '!=', 'disabled')
    .where((eb) => visiblePeople(eb, actor));
  if (f.teamId) {
    const teamId = f.teamId;
    q = q.where('users.team_id', 'in', (eb) => eb.selectFrom('team_closure as wtc').select('wtc.descendant_id').where('wtc.ancestor_id', '=', teamId).where('wtc.org_id', '=', actor.orgId));
  }
  if (f.q) {
    const text = f.q.toLowerCase();
    q = q.where((eb) => eb.or([like(eb.fn('lower', ['users.name']), text, 'contains'), like('users.email', text, 'contains')]));
  }
  return keysetPage(q, {
    sort: [
      { column: 'users.name', direction: 'asc' },
      { column: 'users.id', direction: 'asc' },
    ],
    page,
    keyOf: (r) => [r.name, r.id],
  });
}

export type PersonRow = Awaited<ReturnType<typeof listPeople>>['items'][number];

/** The person, when the actor may see their workload. */
export function findVisiblePerson(db: Executor, actor: Actor, userId: string): Promise<PersonRow | undefined> {
  return db
    .selectFrom('users')
    .leftJoin('teams', 'teams.id', 'users.team_id')
    .select(personColumns)
    .select('teams.name as team_name')
    .where('users.id', '=', userId)
    .where((eb) => visiblePeople(eb, actor))
    .executeTakeFirst();
}

/** Every calendar of the organisation with its exceptions (two queries; an organisation has few calendars). */
export async function calendarsOf(db: Executor, orgId: string) {
  const [calendars, exceptions] = await Promise.all([
    db.selectFrom('calendars').select(['id', 'working_days', 'hours_per_day', 'is_default']).where('org_id', '=', orgId).execute(),
    db.selectFrom('calendar_exceptions').select(['calendar_id', 'date', 'working']).where('org_id', '=', orgId).execute(),
  ]);
  return { calendars, exceptions };
}

/** Up to this many people, the query starts from their assignments; beyond, from the tasks in the range. */
const PEOPLE_LEAD_MAX = 20;

/**
 * The assignments of these people to leaf tasks whose scheduled span overlaps [first, last], in
 * one query: assignment, task, project and the project calendar's hours per day, plus the task's
 * total units (to share its estimate). Summary tasks (with subtasks) carry no work of their own;
 * cancelled projects none at all. With `actor`, each row also says whether the actor may see the
 * project (the project's row scope, in the SQL).
 *
 * Which side leads follows the number of people. For many (a page of the grid) the tasks are
 * found by date first (index tasks_org_early_finish), then their assignments by task: the cost
 * follows the work planned around the range, not years of finished work behind each person. For
 * a few (a cell, a small page) their assignments come first (index task_assignments_user), then
 * each task by id. CROSS JOIN makes SQLite keep the order chosen (its planner has no statistics
 * unless ANALYZE ran); PostgreSQL reads it as an inner join and plans from its own statistics. When
 * tasks lead on SQLite, the people filter is written `+ta.user_id IN (…)` so that it is checked on
 * each task's few assignments rather than probing the (task_id, user_id) index once per person.
 */
export function assignmentsOverlapping(db: Executor, dialect: Dialect, orgId: string, userIds: readonly string[], first: string, last: string, actor?: Actor) {
  const peopleLead = userIds.length <= PEOPLE_LEAD_MAX;
  const byTasks = db.selectFrom('tasks').crossJoin('task_assignments as ta');
  const from = peopleLead ? (db.selectFrom('task_assignments as ta').crossJoin('tasks') as unknown as typeof byTasks) : byTasks;
  const userId = dialect === 'sqlite' && !peopleLead ? sql<string>`+${sql.ref('ta.user_id')}` : sql.ref<string>('ta.user_id');
  const q = from
    .innerJoin('projects', 'projects.id', 'ta.project_id')
    .leftJoin('calendars as pc', 'pc.id', 'projects.calendar_id')
    .select([
      'ta.user_id',
      'ta.units',
      'tasks.id as task_id',
      'tasks.name as task_name',
      'tasks.wbs',
      'tasks.early_start',
      'tasks.early_finish',
      'tasks.duration_days',
      'tasks.estimated_hours',
      'projects.id as project_id',
      'projects.code as project_code',
      'projects.name as project_name',
      'pc.hours_per_day',
    ])
    .select((eb) => eb.selectFrom('task_assignments as tu').select((e) => e.fn.sum<number>('tu.units').as('s')).whereRef('tu.task_id', '=', 'tasks.id').as('total_units'))
    .where('tasks.org_id', '=', orgId)
    .where('tasks.early_finish', '>=', first)
    .where('tasks.early_start', '<=', last)
    .whereRef('ta.task_id', '=', 'tasks.id')
    .where((eb) => eb(userId, 'in', [...userIds]))
    .where('projects.status', '!=', 'cancelled')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('tasks as sub').select('sub.id').whereRef('sub.parent_id', '=', 'tasks.id'))));
  if (!actor) return q.select((eb) => eb.val(1).as('visible')).execute();
  return q
    .select((eb) =>
      eb
        .case()
        .when(visibleProjects(eb as unknown as ExpressionBuilder<DB, 'projects'>, actor))
        .then(1)
        .else(0)
        .end()
        .as('visible'),
    )
    .execute();
}

export type AssignmentRow = Awaited<ReturnType<typeof assignmentsOverlapping>>[number];
