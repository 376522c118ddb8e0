import { sql } from 'kysely';
import type { z } from 'zod';
import type { DashboardProject, PortfolioItem, PortfolioQuery } from '../../../contracts/closing.js';
import { HIGH_RISK_SCORE } from '../../../domain/risk/scoring.js';
import type { Executor } from '../../db/transaction.js';
import type { Ctx } from '../../lib/context.js';
import { keysetPage } from '../../lib/pagination.js';
import { authorize } from '../../lib/policy.js';
import { like } from '../../lib/sql.js';
import { earnedValueOfProjects } from '../evm/evm.service.js';
import { visibleProjects, type ProjectRow } from '../projects/project.repository.js';
import { todayFor } from '../projects/project.service.js';

type Row = ProjectRow & { manager_name: string | null };

const countBy = (rows: { project_id: string; n: number | string }[]) => new Map(rows.map((r) => [r.project_id, Number(r.n)]));

/** The next open milestone of each project: one query for all of them. */
async function nextMilestones(db: Executor, ids: string[]) {
  const out = new Map<string, { id: string; name: string; date: string | null }>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('tasks')
    .select(['id', 'project_id', 'name', 'early_finish'])
    .where('project_id', 'in', ids)
    .where('kind', '=', 'milestone')
    .where('status', '<>', 'done')
    .where('percent_complete', '<', 100)
    .orderBy('project_id')
    .orderBy('early_finish')
    .orderBy('id')
    .execute();
  for (const r of rows) if (!out.has(r.project_id)) out.set(r.project_id, { id: r.id, name: r.name, date: r.early_finish });
  return out;
}

async function present(db: Executor, rows: Row[], statusDate: string): Promise<PortfolioItem[]> {
  const ids = rows.map((r) => r.id);
  const [ev, milestones] = await Promise.all([earnedValueOfProjects(db, rows, statusDate), nextMilestones(db, ids)]);
  return rows.map((p) => {
    const v = ev.get(p.id)!;
    return {
      id: p.id, code: p.code, name: p.name, status: p.status, health: p.health, managerId: p.manager_id, managerName: p.manager_name, industry: p.industry, currency: p.currency,
      percentComplete: p.percent_complete, plannedStart: p.planned_start, plannedFinish: p.planned_finish,
      budget: Number(p.budget_labour) + Number(p.budget_expenses), actualCost: v.ac, bac: v.bac, pv: v.pv, ev: v.ev, spi: v.spi, cpi: v.cpi,
      nextMilestone: milestones.get(p.id) ?? null,
    };
  });
}

/** Every project the caller may read, with health, progress, SPI and CPI at today, cost and next milestone. */
export async function portfolio(ctx: Ctx, q: z.infer<typeof PortfolioQuery>) {
  authorize(ctx.actor, 'list', 'portfolio');
  let query = ctx.db
    .selectFrom('projects')
    .leftJoin('users as mgr', 'mgr.id', 'projects.manager_id')
    .selectAll('projects')
    .select('mgr.name as manager_name')
    .where((eb) => visibleProjects(eb, ctx.actor));
  if (q.status) query = query.where('projects.status', '=', q.status);
  if (q.health) query = query.where('projects.health', '=', q.health);
  if (q.managerId) query = query.where('projects.manager_id', '=', q.managerId);
  if (q.q) query = query.where((eb) => eb.or([like(eb.fn('lower', ['projects.name']), q.q!.toLowerCase(), 'contains'), like(eb.fn('lower', ['projects.code']), q.q!.toLowerCase(), 'prefix')]));
  const page = await keysetPage(query, {
    sort: [
      { column: 'projects.name', direction: 'asc' },
      { column: 'projects.id', direction: 'asc' },
    ],
    page: { limit: q.limit, cursor: q.cursor },
    keyOf: (r) => [r.name, r.id],
  });
  const statusDate = todayFor(ctx);
  return { items: await present(ctx.db, page.items, statusDate), nextCursor: page.nextCursor, statusDate };
}

const DASHBOARD_LIMIT = 50;

/**
 * A project manager's dashboard: the projects they manage that are still running, with the portfolio
 * figures and, counted in SQL for all of them at once, overdue tasks, open high risks and timesheet
 * entries waiting for their approval.
 */
export async function deliveryDashboard(ctx: Ctx) {
  const statusDate = todayFor(ctx);
  const rows = await ctx.db
    .selectFrom('projects')
    .leftJoin('users as mgr', 'mgr.id', 'projects.manager_id')
    .selectAll('projects')
    .select('mgr.name as manager_name')
    .where('projects.org_id', '=', ctx.actor.orgId)
    .where('projects.manager_id', '=', ctx.actor.id)
    .where('projects.status', 'not in', ['closed', 'cancelled'])
    .orderBy('projects.name')
    .orderBy('projects.id')
    .limit(DASHBOARD_LIMIT)
    .execute();
  const ids = rows.map((r) => r.id);
  const none = Promise.resolve([] as { project_id: string; n: number | string }[]);
  const [items, overdue, risks, approvals] = await Promise.all([
    present(ctx.db, rows, statusDate),
    ids.length
      ? ctx.db
          .selectFrom('tasks as t')
          .select(['t.project_id', sql<number | string>`count(*)`.as('n')])
          .where('t.project_id', 'in', ids)
          .where('t.status', '<>', 'done')
          .where('t.percent_complete', '<', 100)
          .where('t.early_finish', '<', statusDate)
          // leaves only: a summary is late because a child is
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom('tasks as c').select('c.id').whereRef('c.parent_id', '=', 't.id'))))
          .groupBy('t.project_id')
          .execute()
      : none,
    ids.length
      ? ctx.db.selectFrom('risks').select(['project_id', sql<number | string>`count(*)`.as('n')]).where('project_id', 'in', ids).where('status', 'in', ['open', 'monitoring']).where('score', '>=', HIGH_RISK_SCORE).groupBy('project_id').execute()
      : none,
    ids.length
      ? ctx.db.selectFrom('timesheet_entries').select(['project_id', sql<number | string>`count(*)`.as('n')]).where('project_id', 'in', ids).where('status', '=', 'submitted').groupBy('project_id').execute()
      : none,
  ]);
  const o = countBy(overdue);
  const r = countBy(risks);
  const a = countBy(approvals);
  const projects: DashboardProject[] = items.map((p) => ({ ...p, overdueTasks: o.get(p.id) ?? 0, openHighRisks: r.get(p.id) ?? 0, pendingApprovals: a.get(p.id) ?? 0 }));
  const sum = (k: 'overdueTasks' | 'openHighRisks' | 'pendingApprovals') => projects.reduce((s, p) => s + p[k], 0);
  return { statusDate, projects, totals: { overdueTasks: sum('overdueTasks'), openHighRisks: sum('openHighRisks'), pendingApprovals: sum('pendingApprovals') } };
}
