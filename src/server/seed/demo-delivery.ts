import type { Insertable, Kysely } from 'kysely';
import { layOut } from '../../domain/plan/outline.js';
import { taskWorkAndCost } from '../../domain/plan/work.js';
import { calculateSchedule, computeSchedule, parseIsoDate, WorkingCalendar, WorkingDayIndex } from '../../domain/schedule/index.js';
import type { LinkType, ScheduleRequest, ScheduleRequestCalendar, ScheduleResponse } from '../../domain/schedule/index.js';
import type { DB, ProjectHealth, ProjectStatus } from '../db/schema.js';
import type { Executor } from '../db/transaction.js';
import { localDate } from '../lib/dates.js';
import { rescheduleProject } from '../modules/projects/schedule.service.js';
import type { ProjectRow } from '../modules/projects/project.repository.js';
import { createRandom, type Random } from './random.js';

/**
 * Delivery data of the demo company: twelve projects at every stage of their life, each with a
 * work breakdown of 40–150 tasks (phases as summary tasks, work packages, milestones), links of
 * all kinds with lags and leads, assignments, estimates, an approved baseline once past planning,
 * progress consistent with the status and `now`, and the schedule the CPM engine computes.
 *
 * The plan generator (`draftPlan`) and the step that dates it and records progress (`realisePlan`)
 * are pure, so the large benchmark company (large-delivery.ts) uses them too.
 */

// ---------------------------------------------------------------------------------------------
// Plan drafts: the work breakdown before it is dated.

/** Who works on a task: slot 0 is the project manager, slots 1… the team members (1 = the lead). */
export interface DraftAssignee {
  slot: number;
  units: number;
}

export interface DraftTask {
  /** index of the parent task in the draft, or null at the top */
  parent: number | null;
  /** position among its siblings */
  position: number;
  name: string;
  kind: 'task' | 'milestone';
  /** working days; 0 for milestones, ignored (recomputed as the span) for summaries */
  durationDays: number;
  summary: boolean;
  /** index of the phase (top-level summary) the task belongs to */
  phase: number;
  assignees: DraftAssignee[];
  estimatedHours: number | null;
  deliverable: string | null;
  /** a start-no-earlier-than constraint this many working days after the task's early start */
  snetAfterDays?: number;
}

export interface DraftLink {
  predecessor: number;
  successor: number;
  type: LinkType;
  lagDays: number;
}

export interface PlanDraft {
  tasks: DraftTask[];
  links: DraftLink[];
  /** index of the first leaf of the closing phase (the closing stage starts there) */
  closeStart: number;
}

export interface DraftOptions {
  /** Work packages of the build phase (each a summary of four tasks). */
  modules: readonly string[];
  /** Team members besides the project manager (slots 1…members). */
  members: number;
  /** Members' allocation to the project, by slot (1 = full time); assignment units never exceed it. */
  allocation: readonly number[];
  hoursPerDay: number;
  /** Share of tasks with an estimate (the rest take duration × units). */
  estimatedShare?: number;
  /** Extra finish-to-start links between leaves of successive phases, per task (the large seed uses it). */
  extraLinksPerTask?: number;
}

/** The fixed part of every plan; the build phase adds 5 tasks per work package. */
export const FIXED_PLAN_TASKS = 38;
export const TASKS_PER_MODULE = 5;

/** Work packages for a plan of about `tasks` tasks (40–150 keeps it between 1 and 22 packages). */
export function modulesFor(tasks: number): number {
  return Math.max(1, Math.round((tasks - FIXED_PLAN_TASKS) / TASKS_PER_MODULE));
}

/**
 * A realistic work breakdown: Initiation, Requirements & design, Build (work packages in lanes,
 * one lane per team member), Test, Deploy, Close. Links follow creation order (a predecessor is
 * always created before its successor), so the network never has a cycle.
 */
export function draftPlan(rnd: Random, opts: DraftOptions): PlanDraft {
  const tasks: DraftTask[] = [];
  const links: DraftLink[] = [];
  const members = Math.max(1, opts.members);
  const slot = (k: number) => 1 + ((k - 1) % members);
  const alloc = (s: number) => opts.allocation[s] ?? 1;
  const estimatedShare = opts.estimatedShare ?? 0.85;
  let phase = -1;
  const childCount = new Map<number | null, number>();

  const add = (parent: number | null, name: string, durationDays: number, who: [number, number][] = [], extra: Partial<DraftTask> = {}): number => {
    const position = childCount.get(parent) ?? 0;
    childCount.set(parent, position + 1);
    const milestone = extra.kind === 'milestone';
    const assignees = milestone ? [] : mergeAssignees(who.map(([s, u]) => ({ slot: s, units: clampUnits(u, alloc(s)) })));
    const units = assignees.reduce((a, b) => a + b.units, 0);
    const estimated = !milestone && units > 0 && rnd.next() < estimatedShare;
    tasks.push({
      parent,
      position,
      name,
      kind: milestone ? 'milestone' : 'task',
      durationDays: milestone ? 0 : durationDays,
      summary: false,
      phase,
      assignees,
      estimatedHours: estimated ? Math.max(1, Math.round(durationDays * opts.hoursPerDay * units * (0.75 + rnd.next() * 0.5))) : null,
      deliverable: null,
      ...extra,
    });
    if (parent !== null) tasks[parent].summary = true;
    return tasks.length - 1;
  };
  const summary = (parent: number | null, name: string) => {
    const i = add(parent, name, 1);
    tasks[i].summary = true;
    tasks[i].assignees = [];
    tasks[i].estimatedHours = null;
    return i;
  };
  const newPhase = (name: string) => {
    phase++;
    return summary(null, name);
  };
  const ms = (parent: number, name: string, deliverable: string | null = null) => add(parent, name, 0, [], { kind: 'milestone', deliverable });
  const link = (predecessor: number, successor: number, type: LinkType = 'FS', lagDays = 0) => links.push({ predecessor, successor, type, lagDays });
  const d = (lo: number, hi: number) => rnd.int(lo, hi);
  const PM = 0;

  // 1 Initiation
  const init = newPhase('项目启动 Initiation');
  const charter = add(init, '项目章程 Project charter', d(2, 4), [[PM, 1]], { deliverable: '项目章程 Project charter' });
  const stakeholders = add(init, '干系人分析 Stakeholder analysis', d(2, 3), [[PM, 0.5]]);
  const pmPlan = add(init, '项目管理计划 Project management plan', d(3, 5), [[PM, 1], [slot(1), 0.5]], { deliverable: '项目管理计划 Project management plan' });
  const kickoff = add(init, '启动会 Kick-off meeting', 1, [[PM, 1], [slot(1), 1], [slot(2), 1], [slot(3), 1]]);
  const initDone = ms(init, '启动完成 Kick-off complete');
  link(charter, stakeholders, 'SS', 1);
  link(charter, pmPlan);
  link(stakeholders, kickoff);
  link(pmPlan, kickoff);
  link(kickoff, initDone);

  // 2 Requirements and design
  const design = newPhase('需求与设计 Requirements & design');
  const survey = add(design, '现状调研 Current-state survey', d(4, 7), [[slot(1), 1], [PM, 0.5]]);
  const workshops = add(design, '需求工作坊 Requirements workshops', d(5, 10), [[slot(1), 1], [slot(2), 1], [PM, 0.5]]);
  const spec = add(design, '需求规格说明书 Requirements specification', d(4, 8), [[slot(1), 1]], { deliverable: '需求规格说明书 Requirements specification' });
  const solution = add(design, '方案设计 Solution design', d(6, 12), [[slot(1), 1], [slot(2), 0.5]], { deliverable: '方案设计书 Solution design' });
  const migrationDesign = add(design, '数据迁移方案 Data migration design', d(3, 6), [[slot(3), 1]]);
  const integrationDesign = add(design, '集成设计 Integration design', d(4, 8), [[slot(2), 1]]);
  const designReview = add(design, '设计评审 Design review', d(1, 2), [[PM, 0.5], [slot(1), 0.5], [slot(2), 0.5], [slot(3), 0.5]]);
  const designDone = ms(design, '设计签字 Design sign-off', '设计签字单 Design sign-off');
  link(initDone, survey);
  link(survey, workshops);
  link(workshops, spec, 'SS', d(2, 4));
  link(workshops, solution);
  link(spec, solution);
  link(spec, migrationDesign);
  link(solution, integrationDesign, 'SS', d(2, 3));
  link(solution, designReview);
  link(migrationDesign, designReview);
  link(integrationDesign, designReview);
  link(designReview, designDone);

  // 3 Build: environment, work packages in lanes (one per member), migration scripts, interfaces
  const build = newPhase('开发构建 Build');
  const env = add(build, '环境搭建 Environment setup', d(2, 4), [[slot(3), 1]]);
  link(designDone, env, 'FS', -2); // a lead: the environment is prepared before the design is signed off
  const devOf: number[] = [];
  const reviews: number[] = [];
  opts.modules.forEach((name, k) => {
    const lane = slot(1 + (k % members));
    const pkg = summary(build, `工作包 Work package: ${name}`);
    const detail = add(pkg, `详细设计 Detailed design – ${name}`, d(2, 4), [[lane, 0.5]]);
    const dev = add(pkg, `开发 Development – ${name}`, d(5, 15), [[lane, 1]]);
    const unit = add(pkg, `单元测试 Unit testing – ${name}`, d(2, 4), [[lane, 0.5]]);
    const review = add(pkg, `代码评审 Code review – ${name}`, d(1, 2), [[slot(1), 0.25], [lane, 0.25]]);
    link(env, detail);
    link(detail, dev);
    link(detail, unit);
    link(dev, unit, 'FF', 1); // unit tests follow development and end a day after it
    link(unit, review);
    // Each member builds one package after another.
    if (k >= members) link(devOf[k - members], dev);
    devOf.push(dev);
    reviews.push(review);
  });
  const migrationScripts = add(build, '数据迁移脚本 Data migration scripts', d(5, 10), [[slot(3), 1]]);
  const interfaces = add(build, '接口开发 Interface development', d(6, 14), [[slot(2), 1]]);
  const buildDone = ms(build, '开发完成 Build complete');
  link(migrationDesign, migrationScripts, 'FS', 0);
  link(env, migrationScripts, 'SS', 1);
  link(integrationDesign, interfaces);
  link(env, interfaces, 'SS', 2);
  for (const r of reviews) link(r, buildDone);
  link(migrationScripts, buildDone);
  link(interfaces, buildDone);

  // 4 Test
  const test = newPhase('测试 Test');
  const sit = add(test, '系统集成测试 System integration testing', d(8, 12), [[slot(1), 0.5], [slot(2), 0.5], [slot(3), 0.5]]);
  const perf = add(test, '性能测试 Performance testing', d(3, 6), [[slot(3), 1]]);
  const fixing = add(test, '缺陷修复 Defect fixing', d(6, 10), [[slot(1), 0.5], [slot(2), 0.5]]);
  const uat = add(test, '用户验收测试 User acceptance testing', d(8, 12), [[PM, 0.5], [slot(1), 0.5]], { deliverable: '测试报告 Test report' });
  const uatDone = ms(test, 'UAT 签字 UAT sign-off', 'UAT 签字单 UAT sign-off');
  link(buildDone, sit);
  link(sit, perf, 'SS', d(3, 5));
  link(sit, fixing, 'SS', 3);
  link(sit, uat);
  link(perf, uat);
  link(fixing, uat, 'FF', -1); // defect fixing may end the day before UAT does
  link(uat, uatDone);

  // 5 Deploy
  const deploy = newPhase('部署上线 Deploy');
  const cutover = add(deploy, '上线方案 Cut-over plan', d(2, 4), [[PM, 1]], { deliverable: '上线方案 Cut-over plan' });
  const training = add(deploy, '用户培训 End-user training', d(3, 6), [[slot(2), 1]], { snetAfterDays: rnd.next() < 0.4 ? d(1, 3) : undefined });
  const dataMigration = add(deploy, '数据迁移 Data migration', d(2, 4), [[slot(3), 1]]);
  const goLiveTask = add(deploy, '正式上线 Go-live', 1, [[PM, 1], [slot(1), 1], [slot(2), 1], [slot(3), 1]]);
  const goLive = ms(deploy, '系统上线 System live');
  const hypercare = add(deploy, '上线支持 Hypercare', d(5, 10), [[slot(1), 0.5], [slot(2), 0.25]]);
  link(uatDone, cutover, 'FS', -3); // a lead: the cut-over plan starts before UAT is signed off
  link(cutover, training, 'SS', 1);
  link(cutover, dataMigration);
  link(training, goLiveTask);
  link(dataMigration, goLiveTask);
  link(goLiveTask, goLive);
  link(goLive, hypercare);

  // 6 Close
  const close = newPhase('项目收尾 Close');
  const acceptance = add(close, '项目验收 Final acceptance', d(2, 4), [[PM, 1]], { deliverable: '验收证书 Acceptance certificate' });
  const handover = add(close, '文档移交 Documentation handover', d(2, 3), [[slot(1), 0.5]], { deliverable: '运维手册 Operations manual' });
  const retro = add(close, '项目复盘 Retrospective', 1, [[PM, 0.5], [slot(1), 0.25], [slot(2), 0.25], [slot(3), 0.25]]);
  const closed = ms(close, '项目关闭 Project closed');
  link(goLive, acceptance, 'FS', d(3, 5));
  link(hypercare, acceptance, 'FF', 0);
  link(acceptance, handover);
  link(handover, retro);
  link(retro, closed);
  link(hypercare, closed);

  if (opts.extraLinksPerTask) addExtraLinks(rnd, tasks, links, Math.round(opts.extraLinksPerTask * tasks.length));
  return { tasks, links, closeStart: acceptance };
}

function clampUnits(units: number, allocation: number) {
  return Math.max(0.25, Math.round(Math.min(units, allocation) * 4) / 4);
}

function mergeAssignees(list: DraftAssignee[]): DraftAssignee[] {
  const by = new Map<number, number>();
  for (const a of list) by.set(a.slot, Math.min(1, (by.get(a.slot) ?? 0) + a.units));
  return [...by].map(([slot, units]) => ({ slot, units }));
}

/** Finish-to-start links from a leaf of one phase to a leaf of a later phase, never a duplicate pair. */
function addExtraLinks(rnd: Random, tasks: DraftTask[], links: DraftLink[], count: number) {
  const leavesByPhase = new Map<number, number[]>();
  tasks.forEach((t, i) => {
    if (t.summary) return;
    leavesByPhase.set(t.phase, [...(leavesByPhase.get(t.phase) ?? []), i]);
  });
  const phases = [...leavesByPhase.keys()].sort((a, b) => a - b);
  const pairs = new Set(links.map((l) => `${l.predecessor}>${l.successor}`));
  for (let tries = 0, added = 0; added < count && tries < count * 10; tries++) {
    const p = rnd.int(0, phases.length - 2);
    const from = rnd.pick(leavesByPhase.get(phases[p])!);
    const to = rnd.pick(leavesByPhase.get(phases[rnd.int(p + 1, Math.min(phases.length - 1, p + 2))])!);
    const key = `${from}>${to}`;
    if (pairs.has(key) || pairs.has(`${to}>${from}`)) continue;
    pairs.add(key);
    links.push({ predecessor: from, successor: to, type: 'FS', lagDays: rnd.next() < 0.15 ? rnd.int(1, 3) : 0 });
    added++;
  }
}

// ---------------------------------------------------------------------------------------------
// Realising a draft: dates from the calendar and `today`, baseline, slips, progress.

export interface RealiseOptions {
  status: ProjectStatus;
  /** The org's local date of `now`. */
  today: string;
  calendar: ScheduleRequestCalendar;
  /**
   * Where today falls in the plan, by status:
   * - proposed, planning: the project starts `value` working days after today;
   * - executing: today is at this share of the planned duration;
   * - on_hold, cancelled: work stopped at this share of the duration, `stoppedDays` working days ago;
   * - closing: a couple of days into the closing phase (value unused);
   * - closed: the project finished `value` working days ago.
   */
  value: number;
  stoppedDays?: number;
  /** 0 on plan; 1 some tasks behind and longer than baselined; 2 more of both. */
  slipping?: 0 | 1 | 2;
  rnd: Random;
  /** Never start earlier than this many working days before today. */
  maxAgeDays?: number;
}

export interface RealisedTask {
  durationDays: number;
  constraintDate: string | null;
  status: 'not_started' | 'in_progress' | 'done' | 'blocked';
  percentComplete: number;
  actualStart: string | null;
  actualFinish: string | null;
  earlyStart: string;
  earlyFinish: string;
  lateStart: string;
  lateFinish: string;
  totalFloat: number;
  freeFloat: number;
  critical: boolean;
  /** Place on the scheduler's critical path (1-based), null when off it. */
  criticalOrder: number | null;
  baseline: { start: string; finish: string; durationDays: number };
}

export interface RealisedPlan {
  plannedStart: string;
  plannedFinish: string;
  tasks: RealisedTask[];
  /** The request the final schedule came from (same shape rescheduleProject builds). */
  request: ScheduleRequest;
}

const idOf = (i: number) => `t${i}`;

function scheduleOf(draft: PlanDraft, durations: readonly number[], start: string, calendar: ScheduleRequestCalendar, constraints: readonly (string | null)[]) {
  const request: ScheduleRequest = {
    start,
    calendar,
    tasks: draft.tasks.map((t, i) => ({
      id: idOf(i),
      parentId: t.parent === null ? null : idOf(t.parent),
      durationDays: durations[i],
      constraint: constraints[i] ? { type: 'SNET' as const, date: constraints[i] } : null,
    })),
    dependencies: draft.links.map((l) => ({ predecessorId: idOf(l.predecessor), successorId: idOf(l.successor), type: l.type, lagDays: l.lagDays })),
  };
  return { request, result: calculateSchedule(request, start) };
}

/** Dates a draft on a calendar so that today falls where the status says, and records progress. */
export function realisePlan(draft: PlanDraft, opts: RealiseOptions): RealisedPlan {
  const { rnd, calendar } = opts;
  const durations = draft.tasks.map((t) => (t.summary ? 0 : t.durationDays));

  // Offsets do not depend on the start date (no dated constraint yet): find the plan's length.
  const probe = computeSchedule({
    tasks: draft.tasks.map((t, i) => ({ id: idOf(i), parentId: t.parent === null ? null : idOf(t.parent), durationDays: durations[i] })),
    dependencies: draft.links.map((l) => ({ predecessorId: idOf(l.predecessor), successorId: idOf(l.successor), type: l.type, lagDays: l.lagDays })),
  });
  const duration = probe.projectDuration;
  let elapsed: number; // working days of the plan before today
  let stopped = 0; // working days since work stopped
  switch (opts.status) {
    case 'proposed':
    case 'planning':
      elapsed = -Math.max(1, Math.round(opts.value));
      break;
    case 'executing':
      elapsed = Math.round(duration * opts.value);
      break;
    case 'on_hold':
    case 'cancelled':
      stopped = opts.stoppedDays ?? 15;
      elapsed = Math.round(duration * opts.value) + stopped;
      break;
    case 'closing':
      elapsed = probe.earlyStart[draft.closeStart] + 2;
      break;
    case 'closed':
      elapsed = duration + Math.round(opts.value);
      break;
  }
  // A closed project has finished whatever the cap.
  if (opts.maxAgeDays !== undefined) elapsed = Math.min(elapsed, Math.max(opts.maxAgeDays, opts.status === 'closed' ? duration + 5 : 0));

  const cal = new WorkingCalendar(calendar);
  const todayDay = parseIsoDate(opts.today);
  const fromToday = new WorkingDayIndex(cal, todayDay);
  // The start is the working day `elapsed` working days before today (after it, when negative).
  // (When today is not a working day, the index starts on the next one: the count before today holds.)
  const todayWorks = cal.isWorkingDay(todayDay);
  const plannedStart = fromToday.dateOf(-elapsed);
  const startDay = parseIsoDate(plannedStart);
  const index = new WorkingDayIndex(cal, startDay);

  // Constraints: a few tasks may not start before a date the customer set.
  const constraints = draft.tasks.map((t, i) => (t.snetAfterDays ? index.dateOf(probe.earlyStart[i] + t.snetAfterDays) : null));
  const baseline = scheduleOf(draft, durations, plannedStart, calendar, constraints);

  // Working days done before today, plus half of today when it is a working day.
  const doneDays = cal.countWorkingDays(startDay, todayDay) + (todayWorks ? 0.5 : 0);
  const progressAt = opts.status === 'closed' ? Number.POSITIVE_INFINITY : doneDays - stopped;

  // Slips: tasks around today take longer than baselined, and the schedule moves.
  const slipping = opts.status === 'executing' ? (opts.slipping ?? 0) : 0;
  let final = baseline;
  const finalDurations = [...durations];
  if (slipping) {
    const around = draft.tasks
      .map((t, i) => i)
      .filter((i) => !draft.tasks[i].summary && draft.tasks[i].durationDays >= 3 && baseline.result.tasks[i].earlyFinish > progressAt - 2 && baseline.result.tasks[i].earlyStart < progressAt + 10);
    const count = Math.min(around.length, slipping === 2 ? 5 : 3);
    for (let k = 0; k < count; k++) {
      const i = around.splice(rnd.int(0, around.length - 1), 1)[0];
      finalDurations[i] += slipping === 2 ? rnd.int(4, 8) : rnd.int(2, 5);
    }
    final = scheduleOf(draft, finalDurations, plannedStart, calendar, constraints);
  }

  const behindShare = slipping === 2 ? 0.6 : slipping === 1 ? 0.35 : 0;
  let blocked = slipping === 2;
  const pathOrder = new Map(final.result.criticalPath.map((id, k) => [id, k + 1]));
  const out: RealisedTask[] = draft.tasks.map((t, i) => {
    const r = final.result.tasks[i];
    const b = baseline.result.tasks[i];
    let status: RealisedTask['status'] = 'not_started';
    let percent = 0;
    if (!t.summary) {
      if (r.earlyFinish <= progressAt) {
        status = 'done';
        percent = 100;
        // Behind: some tasks that should have finished recently are still open.
        if (behindShare && t.kind === 'task' && r.earlyFinish > progressAt - 8 && rnd.next() < behindShare) {
          status = 'in_progress';
          percent = 5 * rnd.int(12, 18);
        }
      } else if (t.kind === 'task' && r.earlyStart < progressAt) {
        status = 'in_progress';
        const share = (progressAt - r.earlyStart) / (r.earlyFinish - r.earlyStart);
        percent = Math.min(95, Math.max(5, 5 * Math.round(share * 20)));
        if (behindShare && rnd.next() < behindShare) percent = Math.max(5, percent - 5 * rnd.int(2, 6));
        if (blocked) {
          status = 'blocked';
          blocked = false;
        }
      }
    }
    const started = status !== 'not_started';
    return {
      durationDays: t.summary ? r.earlyFinish - r.earlyStart : finalDurations[i],
      constraintDate: constraints[i],
      status,
      percentComplete: percent,
      actualStart: started ? r.earlyStartDate : null,
      actualFinish: status === 'done' ? r.earlyFinishDate : null,
      earlyStart: r.earlyStartDate,
      earlyFinish: r.earlyFinishDate,
      lateStart: r.lateStartDate,
      lateFinish: r.lateFinishDate,
      totalFloat: r.totalFloat,
      freeFloat: r.freeFloat,
      critical: r.critical,
      criticalOrder: pathOrder.get(idOf(i)) ?? null,
      baseline: { start: b.earlyStartDate, finish: b.earlyFinishDate, durationDays: t.summary ? b.earlyFinish - b.earlyStart : durations[i] },
    };
  });
  rollUp(draft, out);
  let plannedFinish = out[0]?.earlyFinish ?? plannedStart;
  for (const t of out) if (t.earlyFinish > plannedFinish) plannedFinish = t.earlyFinish;
  return { plannedStart, plannedFinish, tasks: out, request: final.request };
}

/** Summary tasks: % complete weighted by duration over their leaves, status and actual dates from them. */
function rollUp(draft: PlanDraft, out: RealisedTask[]) {
  const acc = draft.tasks.map(() => ({ weight: 0, done: 0, started: false, allDone: true, start: null as string | null, finish: null as string | null }));
  // Children come after their parent in the draft, so walking backwards sees every child first.
  for (let i = draft.tasks.length - 1; i >= 0; i--) {
    const t = draft.tasks[i];
    const o = out[i];
    const a = acc[i];
    if (t.summary) {
      o.percentComplete = a.weight ? Math.round((1000 * a.done) / a.weight) / 10 : 0;
      o.status = a.allDone ? 'done' : a.started ? 'in_progress' : 'not_started';
      if (o.status === 'done') o.percentComplete = 100;
      o.actualStart = a.started ? a.start : null;
      o.actualFinish = a.allDone ? a.finish : null;
    } else {
      const w = Math.max(1, t.kind === 'milestone' ? 0 : o.durationDays);
      a.weight = w;
      a.done = (w * o.percentComplete) / 100;
      a.started = o.status !== 'not_started';
      a.allDone = o.status === 'done';
      a.start = o.actualStart;
      a.finish = o.actualFinish;
    }
    if (t.parent !== null) {
      const p = acc[t.parent];
      p.weight += a.weight;
      p.done += a.done;
      p.started ||= a.started;
      p.allDone &&= a.allDone;
      if (a.start && (!p.start || a.start < p.start)) p.start = a.start;
      if (a.finish && (!p.finish || a.finish > p.finish)) p.finish = a.finish;
    }
  }
}

/** The project's % complete as rescheduleProject computes it: leaves weighted by duration, milestones one day. */
export function projectPercent(draft: PlanDraft, out: readonly RealisedTask[]): number {
  let weight = 0;
  let done = 0;
  draft.tasks.forEach((t, i) => {
    if (t.summary) return;
    const w = Math.max(1, t.kind === 'milestone' ? 0 : out[i].durationDays);
    weight += w;
    done += (w * out[i].percentComplete) / 100;
  });
  return weight ? Math.round((1000 * done) / weight) / 10 : 0;
}

/** WBS codes of a draft, from the same outline rules the plan editor uses. */
export function wbsOf(draft: PlanDraft): string[] {
  const placed = layOut(draft.tasks.map((t, i) => ({ id: idOf(i), parentId: t.parent === null ? null : idOf(t.parent), position: t.position })));
  const wbs: string[] = new Array(draft.tasks.length);
  for (const p of placed) wbs[Number(p.id.slice(1))] = p.wbs;
  return wbs;
}

// ---------------------------------------------------------------------------------------------
// The demo company's twelve projects.

type Manager = 'pm1' | 'pm2' | 'pm3' | 'pmo';

interface DemoProject {
  code: string;
  name: string;
  manager: Manager;
  status: ProjectStatus;
  health: ProjectHealth;
  industry: string;
  tags: string[];
  sponsor: string;
  goals: string;
  scopeIn: string;
  scopeOut: string;
  /** about how many tasks the plan has */
  size: number;
  modules: string[];
  /** see RealiseOptions.value */
  value: number;
  stoppedDays?: number;
  slipping?: 0 | 1 | 2;
  /** allocation of the PM and member1..3, in % */
  allocation: [number, number, number, number];
}

export const GENERIC_MODULES = [
  '用户与权限 Users & roles', '报表 Reports', '通知中心 Notifications', '审计日志 Audit log', '单点登录 Single sign-on', '工作流引擎 Workflow engine',
  '文档管理 Document management', '全文检索 Search', '数据导入 Data import', '系统管理 Administration', '接口网关 API gateway', '移动端 Mobile access',
  '消息队列 Messaging', '多语言 Localisation', '监控告警 Monitoring & alerts', '备份恢复 Backup & restore', '主数据 Master data', '审批流 Approvals',
  '仪表盘 Dashboards', '开放平台 Open platform', '计费 Billing', '日程 Scheduling',
];

export const DEMO_PROJECTS: DemoProject[] = [
  {
    code: 'PRJ-1001', name: 'CRM 实施 – 华东制造 / CRM rollout for East Manufacturing', manager: 'pm1', status: 'executing', health: 'on_track',
    industry: '制造业 Manufacturing', tags: ['CRM', '华东 East', 'SaaS'], sponsor: '张伟 (CIO, 华东制造)',
    goals: '统一销售与服务流程，销售周期缩短 20%。One sales and service process; sales cycle 20 % shorter.',
    scopeIn: '销售、服务、营销模块；历史数据迁移；与 ERP 集成。Sales, service and marketing modules; history migration; ERP integration.',
    scopeOut: '经销商门户（二期）。Dealer portal (phase 2).',
    size: 118, value: 0.55, allocation: [60, 80, 60, 50],
    modules: ['客户管理 Accounts', '联系人 Contacts', '线索管理 Leads', '商机管理 Opportunities', '报价 Quotes', '合同管理 Contracts', '营销活动 Campaigns', '服务工单 Service cases', '销售预测 Forecasting', '产品目录 Product catalogue', '客户门户 Customer portal', '知识库 Knowledge base'],
  },
  {
    code: 'PRJ-1002', name: 'ERP 升级 – 远航物流 / ERP upgrade for Yuanhang Logistics', manager: 'pm2', status: 'executing', health: 'at_risk', slipping: 1,
    industry: '物流 Logistics', tags: ['ERP', 'upgrade', '数据迁移 data migration'], sponsor: '李娜 (CFO, 远航物流)',
    goals: '升级到新版 ERP，月结从 8 天缩短到 4 天。Upgrade to the new ERP release; month-end close from 8 to 4 days.',
    scopeIn: '财务、采购、仓储、运输模块升级。Finance, purchasing, warehousing and transport modules.',
    scopeOut: '人力资源模块。HR module.',
    size: 96, value: 0.42, allocation: [50, 50, 60, 80],
    modules: ['总账 General ledger', '应收 Receivables', '应付 Payables', '采购 Purchasing', '库存 Inventory', '仓储 Warehousing', '运输管理 Transport', '成本核算 Costing', '固定资产 Fixed assets', '合并报表 Consolidation', '预算 Budgeting', '销售订单 Sales orders'],
  },
  {
    code: 'PRJ-1003', name: '数据中台 – 华南零售 / Data platform for South China Retail', manager: 'pm3', status: 'executing', health: 'on_track',
    industry: '零售 Retail', tags: ['数据中台 data platform', 'BI', 'cloud'], sponsor: 'Grace Lim (CDO, South China Retail)',
    goals: '门店、会员、供应链数据统一，T+1 变为准实时。One source for store, member and supply data; from T+1 to near real time.',
    scopeIn: '数据接入、数仓模型、指标体系、自助分析。Ingestion, warehouse model, metrics layer, self-service analytics.',
    scopeOut: '推荐算法训练。Training recommendation models.',
    size: 142, value: 0.3, allocation: [50, 60, 80, 60],
    modules: ['数据接入 Ingestion', '数据湖 Data lake', '数仓模型 Warehouse model', '主数据 Master data', '数据质量 Data quality', '指标体系 Metrics layer', '会员画像 Customer 360', '实时看板 Real-time dashboards', '数据服务 Data services API', '数据治理 Governance', '权限与脱敏 Access & masking', '调度平台 Orchestration', '门店分析 Store analytics', '供应链分析 Supply analytics', '自助分析 Self-service BI'],
  },
  {
    code: 'PRJ-1004', name: '手机银行 App – 东海银行 / Mobile banking app for Donghai Bank', manager: 'pm1', status: 'executing', health: 'off_track', slipping: 2,
    industry: '银行 Banking', tags: ['mobile', 'iOS', 'Android', '安全 security'], sponsor: '周强 (Head of Digital, 东海银行)',
    goals: '新版手机银行上线，月活提升 30%。Launch the new mobile bank; monthly active users up 30 %.',
    scopeIn: '账户、转账、理财、信用卡、生物识别登录。Accounts, transfers, wealth, cards, biometric sign-in.',
    scopeOut: '小程序版本。Mini-program version.',
    size: 84, value: 0.7, allocation: [60, 100, 80, 50],
    modules: ['登录与生物识别 Sign-in & biometrics', '账户总览 Accounts overview', '转账汇款 Transfers', '理财 Wealth', '信用卡 Credit cards', '消息推送 Push notifications', '风控 Fraud controls', '客服 In-app support', '埋点分析 Analytics'],
  },
  {
    code: 'PRJ-1005', name: '电商平台重构 – 优品商城 / E-commerce replatforming for Youpin Mall', manager: 'pm2', status: 'closing', health: 'on_track',
    industry: '零售 Retail', tags: ['e-commerce', '微服务 microservices'], sponsor: 'Daniel Tan (COO, Youpin Mall)',
    goals: '大促期间可用性 99.95%，页面响应 < 1 秒。99.95 % availability during sales events; pages under 1 s.',
    scopeIn: '商品、订单、支付、促销、会员。Catalogue, orders, payments, promotions, members.',
    scopeOut: '线下门店 POS。In-store POS.',
    size: 86, value: 0, allocation: [40, 60, 60, 60],
    modules: ['商品中心 Catalogue', '订单中心 Orders', '支付 Payments', '促销引擎 Promotions', '会员 Members', '购物车 Cart', '搜索 Search', '物流跟踪 Delivery tracking', '评价 Reviews', '运营后台 Back office'],
  },
  {
    code: 'PRJ-1006', name: '医院信息系统 – 仁和医院 / Hospital information system for Renhe Hospital', manager: 'pm3', status: 'closed', health: 'on_track',
    industry: '医疗 Healthcare', tags: ['HIS', '医疗 healthcare', '等保 compliance'], sponsor: '陈静 (院长 President, 仁和医院)',
    goals: '门诊挂号到收费全流程线上化。Outpatient flow online from registration to payment.',
    scopeIn: '门诊、住院、药房、检验接口。Outpatient, inpatient, pharmacy, lab interfaces.',
    scopeOut: '医保结算改造。Insurance settlement changes.',
    size: 104, value: 200, allocation: [50, 60, 50, 60],
    modules: ['挂号 Registration', '门诊医生站 Outpatient desk', '住院管理 Inpatient', '药房 Pharmacy', '检验接口 Lab interface', '影像接口 Imaging interface', '收费 Billing', '病历 Medical records', '护理 Nursing', '排班 Rostering', '统计报表 Statistics', '患者服务 Patient app', '耗材 Supplies'],
  },
  {
    code: 'PRJ-1007', name: '供应链可视化 – 长江化工 / Supply chain visibility for Changjiang Chemicals', manager: 'pmo', status: 'closed', health: 'on_track',
    industry: '化工 Chemicals', tags: ['供应链 supply chain', 'IoT', 'BI'], sponsor: 'Henry Walker (VP Operations, Changjiang Chemicals)',
    goals: '在途库存可见，缺货率下降 15%。Stock in transit visible; stock-outs down 15 %.',
    scopeIn: '运输跟踪、库存看板、预警。Shipment tracking, inventory dashboards, alerts.',
    scopeOut: '供应商协同门户。Supplier collaboration portal.',
    size: 66, value: 25, allocation: [30, 50, 50, 40],
    modules: ['运输跟踪 Shipment tracking', '库存看板 Inventory dashboard', '预警规则 Alert rules', '供应商数据 Supplier data', '地图服务 Maps', '移动查询 Mobile lookup'],
  },
  {
    code: 'PRJ-1008', name: '客服中心上云 – 星辰电信 / Cloud contact centre for Xingchen Telecom', manager: 'pm2', status: 'on_hold', health: 'at_risk',
    industry: '电信 Telecom', tags: ['contact centre', 'cloud', 'AI'], sponsor: '刘洋 (VP Customer Care, 星辰电信)',
    goals: '2,000 坐席迁移上云，接通率 90%。2,000 seats to the cloud; 90 % answer rate.',
    scopeIn: '呼叫路由、工单、质检、智能客服。Routing, tickets, quality checks, chatbot.',
    scopeOut: '外呼营销。Outbound campaigns.',
    size: 78, value: 0.4, stoppedDays: 18, allocation: [40, 50, 40, 50],
    modules: ['呼叫路由 Call routing', 'IVR', '坐席工作台 Agent desktop', '工单 Tickets', '质检 Quality checks', '智能客服 Chatbot', '录音 Recording', '报表 Contact reports'],
  },
  {
    code: 'PRJ-1009', name: 'HR 系统 – 青禾教育 / HR suite for Qinghe Education', manager: 'pm3', status: 'cancelled', health: 'off_track',
    industry: '教育 Education', tags: ['HR', 'SaaS'], sponsor: '吴敏 (HR Director, 青禾教育)',
    goals: '教师招聘、考勤、薪酬一体化。Hiring, attendance and payroll for teachers in one place.',
    scopeIn: '招聘、入职、考勤、薪酬。Recruiting, onboarding, attendance, payroll.',
    scopeOut: '培训平台。Learning platform.',
    size: 52, value: 0.3, stoppedDays: 55, allocation: [30, 40, 40, 40],
    modules: ['招聘 Recruiting', '入职 Onboarding', '考勤 Attendance'],
  },
  {
    code: 'PRJ-1010', name: 'MES 智能工厂 – 西部重工 / Smart factory MES for Western Heavy Industries', manager: 'pmo', status: 'planning', health: 'on_track',
    industry: '制造业 Manufacturing', tags: ['MES', 'IoT', '工业互联网 industrial internet'], sponsor: '马军 (厂长 Plant Director, 西部重工)',
    goals: '产线数据实时采集，OEE 提升 10%。Real-time line data; OEE up 10 %.',
    scopeIn: '生产排程、设备采集、质量追溯、看板。Scheduling, machine data, traceability, shop-floor boards.',
    scopeOut: 'ERP 替换。Replacing the ERP.',
    size: 132, value: 15, allocation: [60, 60, 60, 80],
    modules: ['生产排程 Production scheduling', '设备采集 Machine data', '质量追溯 Traceability', '工单管理 Work orders', '物料配送 Material delivery', '设备维护 Maintenance', '能耗管理 Energy', '车间看板 Shop-floor boards', '工艺管理 Routings', '仓储 Warehouse', 'SPC 统计 SPC', '安灯 Andon'],
  },
  {
    code: 'PRJ-1011', name: 'BI 报表 – 金桥保险 / BI dashboards for Jinqiao Insurance', manager: 'pm1', status: 'planning', health: 'on_track',
    industry: '保险 Insurance', tags: ['BI', '报表 reporting'], sponsor: 'Priya Khan (Head of Analytics, Jinqiao Insurance)',
    goals: '管理层日报自动化。Daily management reporting without spreadsheets.',
    scopeIn: '保费、理赔、渠道三大主题。Premiums, claims and channels.',
    scopeOut: '监管报送。Regulatory filings.',
    size: 58, value: 8, allocation: [40, 50, 50, 30],
    modules: ['保费分析 Premium analytics', '理赔分析 Claims analytics', '渠道分析 Channel analytics', '管理驾驶舱 Executive cockpit'],
  },
  {
    code: 'PRJ-1012', name: 'IoT 设备管理 – 绿能新能源 / IoT device management for Lvneng Energy', manager: 'pmo', status: 'proposed', health: 'on_track',
    industry: '能源 Energy', tags: ['IoT', '新能源 renewables'], sponsor: '高明 (CTO, 绿能新能源)',
    goals: '10 万台逆变器远程监控与升级。Remote monitoring and updates for 100,000 inverters.',
    scopeIn: '设备接入、远程升级、告警。Device onboarding, over-the-air updates, alerts.',
    scopeOut: '电站运维 App。Plant maintenance app.',
    size: 44, value: 30, allocation: [30, 40, 40, 40],
    modules: ['设备接入 Device onboarding'],
  },
];

const DEMO_BASELINE_NAME = 'Approved plan';
const MEMBER_SLOTS = ['dev1', 'dev2', 'dev3'] as const;
const MAX_ROWS_PER_STATEMENT = 500;

export interface DemoDeliveryOptions {
  orgId: string;
  /** keys of DEMO_PEOPLE → user ids */
  people: Map<string, string>;
  calendarId: string;
  now: Date;
  seed: number;
  timeZone?: string;
}

export interface DemoDeliveryResult {
  projects: number;
  tasks: number;
  dependencies: number;
  assignments: number;
  baselines: number;
}

/** Multi-row inserts of at most 500 rows per statement. */
export async function insertRows<T extends keyof DB>(trx: Executor, table: T, rows: Insertable<DB[T]>[]) {
  for (let i = 0; i < rows.length; i += MAX_ROWS_PER_STATEMENT) {
    await (trx as unknown as Kysely<any>).insertInto(table).values(rows.slice(i, i + MAX_ROWS_PER_STATEMENT)).execute();
  }
}

const isoAt = (date: string, hourUtc = 2) => `${date}T${String(hourUtc).padStart(2, '0')}:00:00.000Z`;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const earlier = (a: string, b: string) => (a < b ? a : b);

/**
 * Writes the demo company's projects, members, plans, links, assignments and baselines in the
 * caller's transaction, then lets rescheduleProject confirm every schedule and set each project's
 * planned finish and % complete.
 */
export async function seedDemoDelivery(trx: Executor, opts: DemoDeliveryOptions): Promise<DemoDeliveryResult> {
  const at = opts.now.toISOString();
  const today = localDate(opts.now, opts.timeZone ?? 'Asia/Shanghai');
  const ids = createRandom(opts.seed ^ 0x0de11e7);
  let idClock = Date.UTC(2024, 0, 1) + 10_000_000;
  const newId = () => ids.uuid(idClock++);

  const cal = await trx.selectFrom('calendars').select(['id', 'working_days', 'hours_per_day']).where('id', '=', opts.calendarId).executeTakeFirstOrThrow();
  const exceptions = await trx.selectFrom('calendar_exceptions').select(['date', 'working']).where('calendar_id', '=', cal.id).orderBy('date').execute();
  const calendar: ScheduleRequestCalendar = { workingDays: cal.working_days.split(',').map(Number), exceptions: exceptions.map((e) => ({ date: e.date, working: e.working === 1 })) };
  const person = (key: string) => {
    const id = opts.people.get(key);
    if (!id) throw new Error(`The demo delivery data needs the demo person "${key}".`);
    return id;
  };
  const rates = new Map(
    (await trx.selectFrom('users').select(['id', 'cost_rate']).where('org_id', '=', opts.orgId).execute()).map((u) => [u.id, u.cost_rate]),
  );

  const projects: ProjectRow[] = [];
  const members: Insertable<DB['project_members']>[] = [];
  const tasks: Insertable<DB['tasks']>[] = [];
  const deps: Insertable<DB['dependencies']>[] = [];
  const assignments: Insertable<DB['task_assignments']>[] = [];
  const baselines: Insertable<DB['baselines']>[] = [];
  const baselineTasks: Insertable<DB['baseline_tasks']>[] = [];

  DEMO_PROJECTS.forEach((spec, p) => {
    const rnd = createRandom((opts.seed + 7919 * (p + 1)) >>> 0);
    const slots = [person(spec.manager), ...MEMBER_SLOTS.map(person)];
    const allocation = spec.allocation.map((a) => a / 100);
    const modules = pickModules(spec.modules, modulesFor(spec.size));
    const draft = draftPlan(rnd, { modules, members: 3, allocation, hoursPerDay: cal.hours_per_day });
    const plan = realisePlan(draft, { status: spec.status, today, calendar, value: spec.value, stoppedDays: spec.stoppedDays, slipping: spec.slipping, rnd, maxAgeDays: 380 });
    const wbs = wbsOf(draft);

    const projectId = newId();
    const created = isoAt(earlier(addDays(plan.plannedStart, -21), addDays(today, -2)));
    const stamp = { org_id: opts.orgId, created_at: created, updated_at: at, version: 1 };
    const taskIds = draft.tasks.map(() => newId());

    // Budget: the baselined labour cost plus a reserve, and expenses of 5–12 % of it.
    const costs = draft.tasks.map((t, i) =>
      t.summary ? { workHours: 0, cost: 0 } : taskWorkAndCost({ durationDays: plan.tasks[i].baseline.durationDays, estimatedHours: t.estimatedHours }, t.assignees.map((a) => ({ units: a.units, costRate: rates.get(slots[a.slot]) ?? 0 })), cal.hours_per_day),
    );
    const labour = costs.reduce((s, c) => s + c.cost, 0);
    const budgetLabour = Math.round((labour * (1.08 + rnd.next() * 0.1)) / 1_000_000) * 1_000_000;
    const budgetExpenses = Math.round((labour * (0.05 + rnd.next() * 0.07)) / 100_000) * 100_000;

    projects.push({
      id: projectId, ...stamp, code: spec.code, name: spec.name, account_id: null, source_contract_id: null, manager_id: slots[0], sponsor: spec.sponsor,
      goals: spec.goals, scope_in: spec.scopeIn, scope_out: spec.scopeOut, status: spec.status, health: spec.health, planned_start: plan.plannedStart,
      calendar_id: cal.id, budget_labour: budgetLabour, budget_expenses: budgetExpenses, currency: 'CNY', industry: spec.industry, tags: JSON.stringify(spec.tags),
      planned_finish: plan.plannedFinish, percent_complete: projectPercent(draft, plan.tasks),
    });
    slots.forEach((userId, s) =>
      members.push({
        id: newId(), ...stamp, project_id: projectId, user_id: userId, project_role: s === 0 ? 'project_manager' : s === 1 ? 'lead' : 'member',
        allocation_pct: spec.allocation[s], from_date: plan.plannedStart, to_date: plan.plannedFinish,
      }),
    );
    draft.tasks.forEach((t, i) => {
      const r = plan.tasks[i];
      tasks.push({
        id: taskIds[i], ...stamp, project_id: projectId, parent_id: t.parent === null ? null : taskIds[t.parent], position: t.position, wbs: wbs[i], name: t.name, kind: t.kind,
        duration_days: r.durationDays, constraint_type: r.constraintDate ? 'SNET' : 'ASAP', constraint_date: r.constraintDate, estimated_hours: t.estimatedHours,
        status: r.status, percent_complete: r.percentComplete, actual_start: r.actualStart, actual_finish: r.actualFinish, deliverable: t.deliverable,
        early_start: r.earlyStart, early_finish: r.earlyFinish, late_start: r.lateStart, late_finish: r.lateFinish, total_float: r.totalFloat, free_float: r.freeFloat, critical: r.critical ? 1 : 0, critical_order: r.criticalOrder,
      });
      for (const a of t.assignees) assignments.push({ id: newId(), ...stamp, project_id: projectId, task_id: taskIds[i], user_id: slots[a.slot], units: a.units });
    });
    for (const l of draft.links) deps.push({ id: newId(), ...stamp, project_id: projectId, predecessor_id: taskIds[l.predecessor], successor_id: taskIds[l.successor], type: l.type, lag_days: l.lagDays });

    // Past planning, the plan as approved is the baseline (taken just before work started).
    if (!['proposed', 'planning'].includes(spec.status)) {
      const baselineId = newId();
      const takenAt = isoAt(earlier(addDays(plan.plannedStart, -3), today), 6);
      baselines.push({ id: baselineId, org_id: opts.orgId, project_id: projectId, name: DEMO_BASELINE_NAME, taken_by: slots[0], created_at: takenAt, updated_at: takenAt, version: 1 });
      draft.tasks.forEach((_, i) => {
        const b = plan.tasks[i].baseline;
        baselineTasks.push({
          id: newId(), org_id: opts.orgId, baseline_id: baselineId, task_id: taskIds[i], start: b.start, finish: b.finish, duration_days: b.durationDays,
          work_hours: costs[i].workHours, cost: costs[i].cost, created_at: takenAt, updated_at: takenAt, version: 1,
        });
      });
    }
  });

  await insertRows(trx, 'projects', projects);
  await insertRows(trx, 'project_members', members);
  // Parents before children: the draft lists a parent before its children (tasks.parent_id is a foreign key).
  await insertRows(trx, 'tasks', tasks);
  await insertRows(trx, 'dependencies', deps);
  await insertRows(trx, 'task_assignments', assignments);
  await insertRows(trx, 'baselines', baselines);
  await insertRows(trx, 'baseline_tasks', baselineTasks);
  // The scheduler has the last word: it finds the stored dates right and writes planned finish and % complete.
  for (const project of projects) await rescheduleProject(trx, project);
  return { projects: projects.length, tasks: tasks.length, dependencies: deps.length, assignments: assignments.length, baselines: baselines.length };
}

/** `count` work packages: the project's own first, then generic ones, then second phases. */
export function pickModules(own: readonly string[], count: number): string[] {
  const out = [...own.slice(0, count)];
  for (const g of GENERIC_MODULES) {
    if (out.length >= count) break;
    if (!out.includes(g)) out.push(g);
  }
  for (let k = 0; out.length < count; k++) out.push(`${own[k % own.length] ?? GENERIC_MODULES[k % GENERIC_MODULES.length]} 二期 Phase 2`);
  return out;
}
