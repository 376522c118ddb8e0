import type { Insertable } from 'kysely';
import type { ScheduleRequestCalendar } from '../../domain/schedule/index.js';
import type { DB, JobRole, ProjectHealth, ProjectStatus } from '../db/schema.js';
import { localDate } from '../lib/dates.js';
import { CN_2026_EXCEPTIONS } from './demo.js';
import { draftPlan, GENERIC_MODULES, modulesFor, projectPercent, realisePlan, wbsOf } from './demo-delivery.js';
import type { LargeContext, SeedBatch } from './large.js';
import type { Random } from './random.js';

/**
 * The large company's delivery data: projects (default 5 per user: 5,000 for 1,000 users), each
 * with a plan of about 60 tasks (45–75) drawn by the demo's plan generator, ≈1.5 links per task,
 * its project manager and three delivery people as members and assignees, and the schedule the
 * CPM engine computes (one calculation per project, as the rows are generated).
 *
 * Every row is a function of (seed, project index): project p's generator is ctx.random('project',
 * p) and its rows' ids sit in index windows of their own (tasks p·200 + j, links and assignments
 * p·400 + k, members p·8 + k), so the output does not depend on the batch size.
 */

export const PROJECTS_PER_USER = 5;
const TASK_WINDOW = 200;
const LINK_WINDOW = 400;
const MEMBER_WINDOW = 8;
const TEAM_SIZE = 3;
/** Typical hourly cost of the team, for budgets (CNY fen). */
const BUDGET_RATE = 42_000;

/** What the project stage needs to know of the users stage: each user's job role and team. */
export interface UserPlacement {
  jobRole: JobRole;
  team: number | null;
}

const SYSTEMS: [string, string][] = [
  ['CRM 实施', 'CRM rollout'], ['ERP 升级', 'ERP upgrade'], ['数据中台', 'Data platform'], ['移动应用', 'Mobile app'], ['电商平台', 'E-commerce platform'],
  ['MES 智能工厂', 'Smart factory MES'], ['HR 系统', 'HR suite'], ['BI 报表', 'BI dashboards'], ['供应链协同', 'Supply chain portal'], ['客服中心', 'Contact centre'],
  ['IoT 平台', 'IoT platform'], ['协同办公', 'Workplace collaboration'], ['财务共享', 'Shared finance services'], ['WMS 仓储', 'Warehouse management'], ['数据治理', 'Data governance'],
];
const PLACES: [string, string][] = [
  ['华东', 'East'], ['华南', 'South'], ['华北', 'North'], ['西部', 'Western'], ['华中', 'Central'], ['东北', 'Northeast'], ['长江', 'Yangtze'], ['珠江', 'Pearl River'],
  ['东海', 'East Sea'], ['天府', 'Tianfu'], ['江南', 'Jiangnan'], ['燕山', 'Yanshan'],
];
const INDUSTRIES: [string, string, string][] = [
  ['制造', 'Manufacturing', '制造业 Manufacturing'], ['物流', 'Logistics', '物流 Logistics'], ['零售', 'Retail', '零售 Retail'], ['银行', 'Bank', '银行 Banking'],
  ['保险', 'Insurance', '保险 Insurance'], ['医院', 'Hospital', '医疗 Healthcare'], ['化工', 'Chemicals', '化工 Chemicals'], ['电信', 'Telecom', '电信 Telecom'],
  ['教育', 'Education', '教育 Education'], ['能源', 'Energy', '能源 Energy'], ['汽车', 'Automotive', '汽车 Automotive'], ['食品', 'Foods', '食品 Food & beverage'],
];

/** Share of projects by status, in this order. */
const STATUS_MIX: [ProjectStatus, number][] = [
  ['proposed', 0.04], ['planning', 0.08], ['executing', 0.45], ['closing', 0.05], ['closed', 0.3], ['on_hold', 0.04], ['cancelled', 0.04],
];

function pickStatus(rnd: Random): ProjectStatus {
  let roll = rnd.next();
  for (const [status, share] of STATUS_MIX) {
    if (roll < share) return status;
    roll -= share;
  }
  return 'executing';
}

/** Project managers and delivery people, by delivery team (and all of them). */
function staffing(placements: readonly UserPlacement[]) {
  const managers: number[] = [];
  const people: number[] = [];
  const peopleByTeam = new Map<number, number[]>();
  placements.forEach((p, i) => {
    if (p.jobRole === 'project_manager') managers.push(i);
    if (p.jobRole === 'delivery') {
      people.push(i);
      if (p.team !== null) peopleByTeam.set(p.team, [...(peopleByTeam.get(p.team) ?? []), i]);
    }
  });
  return { managers, people, peopleByTeam };
}

/** Yields the projects stage: `perBatch` projects (with all their rows) per batch. */
export async function* largeProjectBatches(ctx: LargeContext, placements: readonly UserPlacement[]): AsyncGenerator<SeedBatch> {
  const total = ctx.plan.projects;
  if (total <= 0) return;
  const staff = staffing(placements);
  if (staff.managers.length === 0) throw new Error('The large company has no project manager to run its projects.');
  // Tiny companies may lack delivery people: project managers then do the work themselves.
  const pool = staff.people.length ? staff.people : staff.managers;
  const calendar: ScheduleRequestCalendar = { workingDays: [1, 2, 3, 4, 5], exceptions: CN_2026_EXCEPTIONS.map((e) => ({ date: e.date, working: e.working })) };
  const calendarId = ctx.id('calendar', 0);
  const today = localDate(new Date(ctx.at), 'Asia/Shanghai');
  const perBatch = Math.max(1, Math.floor(ctx.batchSize / 20));

  for (let from = 0; from < total; from += perBatch) {
    const to = Math.min(total, from + perBatch);
    const projects: Insertable<DB['projects']>[] = [];
    const members: Insertable<DB['project_members']>[] = [];
    const tasks: Insertable<DB['tasks']>[] = [];
    const links: Insertable<DB['dependencies']>[] = [];
    const assignments: Insertable<DB['task_assignments']>[] = [];
    for (let p = from; p < to; p++) {
      const rnd = ctx.random('project', p);
      const projectId = ctx.id('project', p);
      const manager = rnd.pick(staff.managers);
      const team = placements[manager].team;
      const candidates = team !== null && (staff.peopleByTeam.get(team)?.length ?? 0) >= TEAM_SIZE ? staff.peopleByTeam.get(team)! : pool;
      const crew: number[] = [];
      for (let tries = 0; crew.length < TEAM_SIZE && tries < 50; tries++) {
        const u = rnd.pick(candidates);
        if (u !== manager && !crew.includes(u)) crew.push(u);
      }
      const slots = [manager, ...crew].map((u) => ctx.id('user', u));
      const allocationPct = slots.map((_, s) => (s === 0 ? rnd.pick([20, 25, 30, 40, 50]) : rnd.pick([25, 40, 50, 60, 80, 100])));

      const status = pickStatus(rnd);
      const slipping: 0 | 1 | 2 = status === 'executing' ? (rnd.next() < 0.3 ? 1 : rnd.next() < 0.12 ? 2 : 0) : 0;
      const health: ProjectHealth = slipping === 2 || status === 'cancelled' ? 'off_track' : slipping === 1 || status === 'on_hold' ? 'at_risk' : 'on_track';
      const first = GENERIC_MODULES.length;
      const offset = rnd.int(0, first - 1);
      const modules = Array.from({ length: modulesFor(rnd.int(45, 75)) }, (_, k) => GENERIC_MODULES[(offset + k) % first]);
      const draft = draftPlan(rnd, { modules, members: crew.length || 1, allocation: allocationPct.map((a) => a / 100), hoursPerDay: 8, extraLinksPerTask: 0.3 });
      const value =
        status === 'executing' ? 0.1 + rnd.next() * 0.8
        : status === 'closed' ? rnd.int(5, 250)
        : status === 'on_hold' ? 0.2 + rnd.next() * 0.5
        : status === 'cancelled' ? 0.1 + rnd.next() * 0.4
        : rnd.int(5, 60);
      const stoppedDays = status === 'on_hold' ? rnd.int(5, 40) : rnd.int(10, 120);
      const plan = realisePlan(draft, { status, today, calendar, value, stoppedDays, slipping, rnd, maxAgeDays: 380 });
      const wbs = wbsOf(draft);

      const [systemZh, systemEn] = rnd.pick(SYSTEMS);
      const [placeZh, placeEn] = rnd.pick(PLACES);
      const [industryZh, industryEn, industry] = rnd.pick(INDUSTRIES);
      const workHours = draft.tasks.reduce((s, t, i) => s + (t.summary ? 0 : (t.estimatedHours ?? plan.tasks[i].baseline.durationDays * 8 * t.assignees.reduce((u, a) => u + a.units, 0))), 0);
      const labour = workHours * BUDGET_RATE;
      const base = ctx.base('project', p);
      projects.push({
        ...base,
        code: `LP-${String(p + 1).padStart(5, '0')}`,
        name: `${systemZh} – ${placeZh}${industryZh} / ${systemEn} for ${placeEn} ${industryEn}`,
        account_id: null,
        source_contract_id: null,
        manager_id: slots[0],
        sponsor: null,
        goals: '',
        scope_in: '',
        scope_out: '',
        status,
        health,
        planned_start: plan.plannedStart,
        calendar_id: calendarId,
        budget_labour: Math.round((labour * (1.05 + rnd.next() * 0.15)) / 1_000_000) * 1_000_000,
        budget_expenses: Math.round((labour * (0.03 + rnd.next() * 0.1)) / 100_000) * 100_000,
        currency: 'CNY',
        industry,
        tags: JSON.stringify([systemEn.split(' ')[0], industryEn]),
        planned_finish: plan.plannedFinish,
        percent_complete: projectPercent(draft, plan.tasks),
      });
      slots.forEach((userId, s) =>
        members.push({
          ...ctx.base('project_member', p * MEMBER_WINDOW + s),
          project_id: projectId,
          user_id: userId,
          project_role: s === 0 ? 'project_manager' : s === 1 ? 'lead' : 'member',
          allocation_pct: allocationPct[s],
          from_date: plan.plannedStart,
          to_date: plan.plannedFinish,
        }),
      );
      // Plain loops and literal rows: this runs for hundreds of thousands of rows.
      const n = draft.tasks.length;
      if (n > TASK_WINDOW || draft.links.length > LINK_WINDOW) throw new Error(`Project ${p} outgrew its id windows.`);
      const taskIds: string[] = new Array(n);
      for (let j = 0; j < n; j++) taskIds[j] = ctx.id('task', p * TASK_WINDOW + j);
      const at = ctx.at;
      const org = ctx.orgId;
      let k = 0;
      for (let j = 0; j < n; j++) {
        const t = draft.tasks[j];
        const r = plan.tasks[j];
        tasks.push({
          id: taskIds[j],
          org_id: org,
          created_at: at,
          updated_at: at,
          version: 1,
          project_id: projectId,
          parent_id: t.parent === null ? null : taskIds[t.parent],
          position: t.position,
          wbs: wbs[j],
          name: t.name,
          kind: t.kind,
          duration_days: r.durationDays,
          constraint_type: r.constraintDate ? 'SNET' : 'ASAP',
          constraint_date: r.constraintDate,
          estimated_hours: t.estimatedHours,
          status: r.status,
          percent_complete: r.percentComplete,
          actual_start: r.actualStart,
          actual_finish: r.actualFinish,
          deliverable: t.deliverable,
          early_start: r.earlyStart,
          early_finish: r.earlyFinish,
          late_start: r.lateStart,
          late_finish: r.lateFinish,
          total_float: r.totalFloat,
          free_float: r.freeFloat,
          critical: r.critical ? 1 : 0,
          critical_order: r.criticalOrder,
        });
        for (const a of t.assignees) {
          if (k >= LINK_WINDOW) throw new Error(`Project ${p} outgrew its id windows.`);
          const id = ctx.id('task_assignment', p * LINK_WINDOW + k++);
          assignments.push({ id, org_id: org, created_at: at, updated_at: at, version: 1, project_id: projectId, task_id: taskIds[j], user_id: slots[a.slot], units: a.units });
        }
      }
      for (let m = 0; m < draft.links.length; m++) {
        const l = draft.links[m];
        const id = ctx.id('dependency', p * LINK_WINDOW + m);
        links.push({ id, org_id: org, created_at: at, updated_at: at, version: 1, project_id: projectId, predecessor_id: taskIds[l.predecessor], successor_id: taskIds[l.successor], type: l.type, lag_days: l.lagDays });
      }
    }
    yield {
      count: to - from,
      inserts: [
        { table: 'projects', rows: projects },
        { table: 'project_members', rows: members },
        // A parent task precedes its children in the list (tasks.parent_id is a foreign key).
        { table: 'tasks', rows: tasks },
        { table: 'dependencies', rows: links },
        { table: 'task_assignments', rows: assignments },
      ],
    };
  }
}
