import { sql } from 'kysely';
import type { z } from 'zod';
import type { MyTaskPage, MyTasksQuery } from '../../../contracts/projects.js';
import type { Ctx } from '../../lib/context.js';
import { keysetPage } from '../../lib/pagination.js';
import { abilitiesFor, authorize, hasRole } from '../../lib/policy.js';
import { TASK_ACTIONS, type TaskRecord } from './project.policy.js';
import { todayFor } from './project.service.js';

/**
 * The caller's assigned leaf tasks across the projects they may read, ordered by early finish
 * (unscheduled last) then id, keyset-paginated. One query per page, served by the
 * task_assignments_user (user_id, project_id) index.
 */
export async function listMyTasks(ctx: Ctx, q: z.infer<typeof MyTasksQuery>): Promise<MyTaskPage> {
  authorize(ctx.actor, 'list', 'project');
  const { actor } = ctx;
  const readsAll = hasRole(actor, 'pmo', 'executive');
  // NULL early finishes sort last on both databases: a sortable stand-in keeps the keyset simple.
  const finishKey = sql<string>`coalesce(t.early_finish, '9999-12-31')`;
  let query = ctx.db
    .selectFrom('task_assignments as a')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('projects as p', 'p.id', 'a.project_id')
    .select([
      't.id', 't.project_id', 't.wbs', 't.name', 't.kind', 't.early_start', 't.early_finish', 't.status', 't.percent_complete', 't.version',
      'a.units', 'p.code as project_code', 'p.name as project_name', 'p.manager_id', 'p.org_id', 'p.status as project_status',
      finishKey.as('finish_key'),
      (eb) => eb.exists(eb.selectFrom('project_members as m').select('m.id').whereRef('m.project_id', '=', 'p.id').where('m.user_id', '=', actor.id)).as('is_member'),
    ])
    .where('a.user_id', '=', actor.id)
    .where('a.org_id', '=', actor.orgId)
    .where('p.org_id', '=', actor.orgId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('tasks as c').select('c.id').whereRef('c.parent_id', '=', 't.id'))));
  if (!readsAll) {
    query = query.where((eb) =>
      eb.or([
        eb('p.manager_id', '=', actor.id),
        eb.exists(eb.selectFrom('project_members as pm').select('pm.id').whereRef('pm.project_id', '=', 'p.id').where('pm.user_id', '=', actor.id)),
      ]),
    );
  }
  if (q.status === 'open') query = query.where('t.status', '<>', 'done').where('p.status', 'not in', ['cancelled', 'closed']);
  if (q.status === 'done') query = query.where('t.status', '=', 'done');

  // Wrapped so that the keyset can name the computed sort key.
  const page = await keysetPage(ctx.db.selectFrom(query.as('x')).selectAll(), {
    sort: [
      { column: 'x.finish_key', direction: 'asc' },
      { column: 'x.id', direction: 'asc' },
    ],
    page: { limit: q.limit, cursor: q.cursor },
    keyOf: (r) => [r.finish_key, r.id],
  });
  const today = todayFor(ctx);
  return {
    items: page.items.map((r) => {
      const record: TaskRecord = { orgId: r.org_id, managerId: r.manager_id, actorIsMember: Boolean(r.is_member), assigneeIds: [actor.id] };
      return {
        id: r.id,
        projectId: r.project_id,
        projectCode: r.project_code,
        projectName: r.project_name,
        wbs: r.wbs,
        name: r.name,
        kind: r.kind,
        earlyStart: r.early_start,
        earlyFinish: r.early_finish,
        status: r.status,
        percentComplete: Number(r.percent_complete),
        units: Number(r.units),
        // A paused project's tasks wait with it: not late while it is on hold.
        late: r.status !== 'done' && r.project_status !== 'on_hold' && r.early_finish !== null && r.early_finish < today,
        version: r.version,
        abilities: abilitiesFor(actor, 'task', record, TASK_ACTIONS.filter((a) => a === 'reportProgress')),
      };
    }),
    nextCursor: page.nextCursor,
  };
}
