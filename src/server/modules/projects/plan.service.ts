import type { z } from 'zod';
import { applyOutlineAction, layOut, OutlineError, type OutlineNode } from '../../../domain/plan/outline.js';
import type { CreateDependencyRequest, CreateTaskRequest, MoveTaskRequest, PlanResponse, TaskResponse, UpdateDependencyRequest, UpdateTaskRequest } from '../../../contracts/projects.js';
import { inTransaction, type Executor } from '../../db/transaction.js';
import { diffRecords, recordAudit } from '../../lib/audit.js';
import type { Ctx } from '../../lib/context.js';
import { notFound, ruleViolated, staleVersion, validationFailed } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/ids.js';
import { abilitiesFor, authorize, type Actor } from '../../lib/policy.js';
import * as plan from './plan.repository.js';
import { TASK_ACTIONS, type TaskRecord } from './project.policy.js';
import { findProject, isMember, userName, type ProjectRow } from './project.repository.js';
import { loadProject, presentProject, projectRecord, todayFor } from './project.service.js';
import { recordProgress } from '../evm/progress.repository.js';
import { rescheduleProject } from './schedule.service.js';

type Assignment = { userId: string; units: number };

function presentTask(actor: Actor, t: plan.TaskRow, project: ProjectRow, member: boolean, assignments: Assignment[], hasChildren: boolean): TaskResponse {
  const record: TaskRecord = { ...projectRecord(project, member), assigneeIds: assignments.map((a) => a.userId) };
  return {
    id: t.id,
    parentId: t.parent_id,
    position: t.position,
    wbs: t.wbs,
    name: t.name,
    kind: hasChildren ? 'summary' : t.kind,
    durationDays: t.duration_days,
    constraintType: t.constraint_type,
    constraintDate: t.constraint_date,
    estimatedHours: t.estimated_hours,
    status: t.status,
    percentComplete: t.percent_complete,
    actualStart: t.actual_start,
    actualFinish: t.actual_finish,
    deliverable: t.deliverable,
    earlyStart: t.early_start,
    earlyFinish: t.early_finish,
    lateStart: t.late_start,
    lateFinish: t.late_finish,
    totalFloat: t.total_float,
    freeFloat: t.free_float,
    critical: t.critical === 1,
    assignments,
    version: t.version,
    abilities: abilitiesFor(actor, 'task', record, TASK_ACTIONS),
  };
}

const presentDependency = (d: plan.DependencyRow) => ({ id: d.id, predecessorId: d.predecessor_id, successorId: d.successor_id, type: d.type, lagDays: d.lag_days, version: d.version });

/**
 * The scheduler's own chain, as stored with the plan when it last rescheduled. A plan not
 * rescheduled since critical_order was added has critical tasks but no order yet: until its next
 * change, its critical leaf tasks in schedule order stand in.
 */
function criticalPathOf(tasks: plan.TaskRow[], parents: Set<string | null>, order: Map<string, number>): string[] {
  const stored = tasks.filter((t) => t.critical_order !== null).sort((a, b) => a.critical_order! - b.critical_order!);
  if (stored.length || !tasks.some((t) => t.critical === 1)) return stored.map((t) => t.id);
  return tasks
    .filter((t) => t.critical === 1 && !parents.has(t.id))
    .sort((a, b) => (a.early_start ?? '').localeCompare(b.early_start ?? '') || order.get(a.id)! - order.get(b.id)!)
    .map((t) => t.id);
}

/** The whole plan: tasks in outline order with computed dates, links, critical path, latest baseline. */
export async function getPlan(ctx: Ctx, projectId: string): Promise<PlanResponse> {
  const { project, member } = await loadProject(ctx, ctx.db, projectId, 'read');
  const [tasks, deps, assignments, baselines] = await Promise.all([plan.tasksOf(ctx.db, projectId), plan.dependenciesOf(ctx.db, projectId), plan.assignmentsOf(ctx.db, projectId), plan.baselinesOf(ctx.db, projectId)]);
  const order = new Map(layOut(tasks.map((t) => ({ id: t.id, parentId: t.parent_id, position: t.position }))).map((p) => [p.id, p.order]));
  tasks.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const parents = new Set(tasks.map((t) => t.parent_id));
  const byTask = new Map<string, Assignment[]>();
  for (const a of assignments) byTask.set(a.task_id, [...(byTask.get(a.task_id) ?? []), { userId: a.user_id, units: a.units }]);
  const latest = baselines[0];
  const baselineRows = latest ? await plan.baselineTasks(ctx.db, latest.id) : [];
  return {
    project: presentProject(ctx.actor, project, await userName(ctx.db, project.manager_id), member),
    tasks: tasks.map((t) => presentTask(ctx.actor, t, project, member, byTask.get(t.id) ?? [], parents.has(t.id))),
    dependencies: deps.map(presentDependency),
    criticalPath: criticalPathOf(tasks, parents, order),
    baseline: latest ? { id: latest.id, name: latest.name, tasks: baselineRows.map((b) => ({ taskId: b.task_id, start: b.start, finish: b.finish })) } : null,
  };
}

async function checkAssignments(trx: Executor, projectId: string, list: Assignment[] | undefined) {
  if (!list?.length) return;
  const members = await plan.memberIds(trx, projectId);
  const issues = list.flatMap((a, i) => (members.has(a.userId) ? [] : [{ path: `assignments.${i}.userId`, message: 'Add this person to the project team first.' }]));
  if (new Set(list.map((a) => a.userId)).size !== list.length) issues.push({ path: 'assignments', message: 'Each person once.' });
  if (issues.length) throw validationFailed(issues);
}

/**
 * Renumbers positions and WBS codes after a change to the outline; writes only what moved.
 * `tasks` are the rows as stored (the caller's, when it has them), `nodes` the outline after the change.
 */
async function renumber(trx: Executor, projectId: string, nodes?: OutlineNode[], loaded?: plan.TaskRow[]) {
  const tasks = loaded ?? (await plan.tasksOf(trx, projectId));
  const current = new Map(tasks.map((t) => [t.id, t]));
  const moved = layOut(nodes ?? tasks.map((t) => ({ id: t.id, parentId: t.parent_id, position: t.position }))).filter((p) => {
    const t = current.get(p.id)!;
    return t.parent_id !== p.parentId || t.position !== p.position || t.wbs !== p.wbs;
  });
  await plan.setTasksOutline(trx, projectId, moved.map((p) => ({ id: p.id, parent_id: p.parentId, position: p.position, wbs: p.wbs })));
}

async function loadTask(ctx: Ctx, trx: Executor, id: string, action: string) {
  const task = await plan.findTask(trx, ctx.actor.orgId, id);
  if (!task) throw notFound('Task');
  const project = (await findProject(trx, ctx.actor.orgId, task.project_id))!;
  const member = await isMember(trx, project.id, ctx.actor.id);
  const assignments = (await plan.assigneesOfTask(trx, id)).map((a) => ({ userId: a.user_id, units: a.units }));
  authorize(ctx.actor, action, 'task', { ...projectRecord(project, member), assigneeIds: assignments.map((a) => a.userId) }, 'Task');
  return { task, project, member, assignments };
}

async function respondTask(ctx: Ctx, trx: Executor, id: string) {
  const { task, project, member, assignments } = await loadTask(ctx, trx, id, 'read');
  const hasChildren = !!(await trx.selectFrom('tasks').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst());
  return presentTask(ctx.actor, task, project, member, assignments, hasChildren);
}

const auditTask = ({ name, kind, duration_days, constraint_type, constraint_date, estimated_hours, status, percent_complete, actual_start, actual_finish, deliverable, parent_id }: plan.TaskRow) => ({
  name, kind, duration_days, constraint_type, constraint_date, estimated_hours, status, percent_complete, actual_start, actual_finish, deliverable, parent_id,
});

export async function createTask(ctx: Ctx, projectId: string, input: z.infer<typeof CreateTaskRequest>): Promise<TaskResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { project } = await loadProject(ctx, trx, projectId, 'editPlan');
    const tasks = await plan.tasksOf(trx, projectId);
    const ids = new Set(tasks.map((t) => t.id));
    if (input.parentId && !ids.has(input.parentId)) throw validationFailed([{ path: 'parentId', message: 'No such task in this project.' }]);
    if (input.afterId && !ids.has(input.afterId)) throw validationFailed([{ path: 'afterId', message: 'No such task in this project.' }]);
    await checkAssignments(trx, projectId, input.assignments);
    const parentId = input.afterId ? tasks.find((t) => t.id === input.afterId)!.parent_id : input.parentId;
    const siblings = tasks.filter((t) => t.parent_id === parentId);
    const after = input.afterId ? tasks.find((t) => t.id === input.afterId)! : null;
    const id = uuidv7(now.getTime());
    // Room after the anchor: the renumbering below makes positions contiguous again.
    const position = after ? after.position + 0.5 : siblings.length ? Math.max(...siblings.map((t) => t.position)) + 1 : 0;
    const milestone = input.kind === 'milestone';
    const row: plan.TaskRow = {
      id, org_id: project.org_id, project_id: projectId, parent_id: parentId, position: 0, wbs: '', name: input.name, kind: input.kind,
      duration_days: milestone ? 0 : input.durationDays, constraint_type: input.constraintType, constraint_date: input.constraintType === 'ASAP' ? null : input.constraintDate,
      estimated_hours: input.estimatedHours, status: input.status, percent_complete: input.percentComplete, actual_start: input.actualStart, actual_finish: input.actualFinish,
      deliverable: input.deliverable, early_start: null, early_finish: null, late_start: null, late_finish: null, total_float: null, free_float: null, critical: 0, critical_order: null,
      created_at: at, updated_at: at, version: 1,
    };
    await plan.insertTask(trx, row);
    await recordProgress(trx, todayFor(ctx), [{ taskId: id, projectId, orgId: project.org_id, percentComplete: row.percent_complete }], now);
    await plan.replaceAssignments(trx, row, input.assignments, at, () => uuidv7(now.getTime()));
    const nodes = [...tasks.map((t) => ({ id: t.id, parentId: t.parent_id, position: t.position })), { id, parentId, position }];
    await renumber(trx, projectId, nodes, [...tasks, row]);
    await rescheduleProject(trx, project);
    await recordAudit(trx, { orgId: project.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'task', entityId: id, changes: diffRecords(null, { ...auditTask(row), project_id: projectId }), ip: ctx.ip, at: now });
    return respondTask(ctx, trx, id);
  });
}

const PROGRESS_FIELDS = new Set(['status', 'percentComplete', 'actualStart', 'actualFinish', 'version']);

export async function updateTask(ctx: Ctx, id: string, input: z.infer<typeof UpdateTaskRequest>): Promise<TaskResponse> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    // Assignees may report progress on their own tasks; anything else is the plan's owner's.
    const progressOnly = Object.keys(input).every((k) => PROGRESS_FIELDS.has(k));
    const { task: before, project } = await loadTask(ctx, trx, id, progressOnly ? 'reportProgress' : 'update');
    if (input.version !== before.version) throw staleVersion(await respondTask(ctx, trx, id));
    await checkAssignments(trx, project.id, input.assignments);
    const patch: Partial<plan.TaskRow> = { updated_at: at };
    if (input.name !== undefined) patch.name = input.name;
    if (input.kind !== undefined) patch.kind = input.kind;
    if (input.durationDays !== undefined) patch.duration_days = input.durationDays;
    if ((input.kind ?? before.kind) === 'milestone') patch.duration_days = 0;
    if (input.constraintType !== undefined) {
      patch.constraint_type = input.constraintType;
      patch.constraint_date = input.constraintType === 'ASAP' ? null : (input.constraintDate ?? before.constraint_date);
      if (input.constraintType !== 'ASAP' && !patch.constraint_date) throw validationFailed([{ path: 'constraintDate', message: 'This constraint needs a date.' }]);
    } else if (input.constraintDate !== undefined) patch.constraint_date = before.constraint_type === 'ASAP' ? null : input.constraintDate;
    if (input.estimatedHours !== undefined) patch.estimated_hours = input.estimatedHours;
    if (input.status !== undefined) patch.status = input.status;
    if (input.percentComplete !== undefined) patch.percent_complete = input.percentComplete;
    if (input.actualStart !== undefined) patch.actual_start = input.actualStart;
    if (input.actualFinish !== undefined) patch.actual_finish = input.actualFinish;
    if (input.deliverable !== undefined) patch.deliverable = input.deliverable;
    const after = await plan.updateTaskIfVersion(trx, id, input.version, patch);
    if (!after) throw staleVersion(await respondTask(ctx, trx, id));
    if (input.percentComplete !== undefined) await recordProgress(trx, todayFor(ctx), [{ taskId: id, projectId: project.id, orgId: project.org_id, percentComplete: after.percent_complete }], now);
    if (input.assignments) await plan.replaceAssignments(trx, after, input.assignments, at, () => uuidv7(now.getTime()));
    await rescheduleProject(trx, project);
    const changes = diffRecords(auditTask(before), auditTask(after));
    if (input.assignments) changes.assignments = [null, input.assignments];
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: project.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'task', entityId: id, changes, ip: ctx.ip, at: now });
    return respondTask(ctx, trx, id);
  });
}

export async function moveTask(ctx: Ctx, id: string, input: z.infer<typeof MoveTaskRequest>): Promise<TaskResponse> {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const { task, project } = await loadTask(ctx, trx, id, 'move');
    if (input.version !== task.version) throw staleVersion(await respondTask(ctx, trx, id));
    const tasks = await plan.tasksOf(trx, project.id);
    let nodes: OutlineNode[];
    try {
      nodes = applyOutlineAction(tasks.map((t) => ({ id: t.id, parentId: t.parent_id, position: t.position })), id, input.action);
    } catch (err) {
      if (err instanceof OutlineError) throw ruleViolated(err.message);
      throw err;
    }
    await renumber(trx, project.id, nodes, tasks);
    await plan.updateTaskIfVersion(trx, id, input.version, { updated_at: now.toISOString() });
    await rescheduleProject(trx, project);
    const moved = (await plan.findTask(trx, ctx.actor.orgId, id))!;
    await recordAudit(trx, { orgId: project.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'task', entityId: id, changes: diffRecords({ parent_id: task.parent_id, wbs: task.wbs }, { parent_id: moved.parent_id, wbs: moved.wbs }), ip: ctx.ip, at: now });
    return respondTask(ctx, trx, id);
  });
}

/** Deleting a summary deletes its subtasks too (as in Microsoft Project), and their links. */
export async function deleteTask(ctx: Ctx, id: string, version: number): Promise<void> {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const { task, project } = await loadTask(ctx, trx, id, 'delete');
    if (version !== task.version) throw staleVersion(await respondTask(ctx, trx, id));
    await plan.deleteTask(trx, id);
    await renumber(trx, project.id);
    await rescheduleProject(trx, project);
    await recordAudit(trx, { orgId: project.org_id, actorId: ctx.actor.id, action: 'delete', entityType: 'task', entityId: id, changes: diffRecords(auditTask(task), null), ip: ctx.ip, at: now });
  });
}

export async function createDependency(ctx: Ctx, projectId: string, input: z.infer<typeof CreateDependencyRequest>) {
  const now = ctx.clock.now();
  const at = now.toISOString();
  return inTransaction(ctx.db, async (trx) => {
    const { project } = await loadProject(ctx, trx, projectId, 'editPlan');
    const issues: { path: string; message: string }[] = [];
    const [pred, succ] = await Promise.all([plan.findTask(trx, ctx.actor.orgId, input.predecessorId), plan.findTask(trx, ctx.actor.orgId, input.successorId)]);
    if (!pred || pred.project_id !== projectId) issues.push({ path: 'predecessorId', message: 'No such task in this project.' });
    if (!succ || succ.project_id !== projectId) issues.push({ path: 'successorId', message: 'No such task in this project.' });
    if (input.predecessorId === input.successorId) issues.push({ path: 'successorId', message: 'A task cannot depend on itself.' });
    if (issues.length) throw validationFailed(issues);
    if (await plan.findDependencyPair(trx, input.predecessorId, input.successorId)) throw validationFailed([{ path: 'successorId', message: 'These tasks are already linked.' }]);
    const row: plan.DependencyRow = { id: uuidv7(now.getTime()), org_id: project.org_id, project_id: projectId, predecessor_id: input.predecessorId, successor_id: input.successorId, type: input.type, lag_days: input.lagDays, created_at: at, updated_at: at, version: 1 };
    await plan.insertDependency(trx, row);
    await rescheduleProject(trx, project);
    await recordAudit(trx, { orgId: project.org_id, actorId: ctx.actor.id, action: 'create', entityType: 'dependency', entityId: row.id, changes: diffRecords(null, { predecessor_id: row.predecessor_id, successor_id: row.successor_id, type: row.type, lag_days: row.lag_days }), ip: ctx.ip, at: now });
    return presentDependency(row);
  });
}

async function loadDependency(ctx: Ctx, trx: Executor, id: string) {
  const dep = await plan.findDependency(trx, ctx.actor.orgId, id);
  if (!dep) throw notFound('Dependency');
  const { project } = await loadProject(ctx, trx, dep.project_id, 'editPlan');
  return { dep, project };
}

export async function updateDependency(ctx: Ctx, id: string, input: z.infer<typeof UpdateDependencyRequest>) {
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const { dep, project } = await loadDependency(ctx, trx, id);
    if (input.version !== dep.version) throw staleVersion(presentDependency(dep));
    const after = await plan.updateDependencyIfVersion(trx, id, input.version, { ...(input.type ? { type: input.type } : {}), ...(input.lagDays !== undefined ? { lag_days: input.lagDays } : {}), updated_at: now.toISOString() });
    if (!after) throw staleVersion(presentDependency(dep));
    await rescheduleProject(trx, project);
    const changes = diffRecords({ type: dep.type, lag_days: dep.lag_days }, { type: after.type, lag_days: after.lag_days });
    if (Object.keys(changes).length) await recordAudit(trx, { orgId: project.org_id, actorId: ctx.actor.id, action: 'update', entityType: 'dependency', entityId: id, changes, ip: ctx.ip, at: now });
    return presentDependency(after);
  });
}

export async function deleteDependency(ctx: Ctx, id: string, version: number) {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const { dep, project } = await loadDependency(ctx, trx, id);
    if (version !== dep.version) throw staleVersion(presentDependency(dep));
    await plan.deleteDependency(trx, id);
    await rescheduleProject(trx, project);
    await recordAudit(trx, { orgId: project.org_id, actorId: ctx.actor.id, action: 'delete', entityType: 'dependency', entityId: id, changes: diffRecords({ predecessor_id: dep.predecessor_id, successor_id: dep.successor_id, type: dep.type, lag_days: dep.lag_days }, null), ip: ctx.ip, at: now });
  });
}
