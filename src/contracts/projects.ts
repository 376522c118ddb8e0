import { z } from 'zod';
import { Abilities, Id, IsoDate, PageQuery, Version, pageOf } from './common.js';
import { SCHEDULE_CONSTRAINT_TYPES, SCHEDULE_LINK_TYPES } from './schedule.js';

export const PROJECT_STATUSES = ['proposed', 'planning', 'executing', 'closing', 'closed', 'on_hold', 'cancelled'] as const;
export const ProjectStatus = z.enum(PROJECT_STATUSES);
export const PROJECT_HEALTH = ['on_track', 'at_risk', 'off_track'] as const;
export const ProjectHealth = z.enum(PROJECT_HEALTH);
export const TASK_KINDS = ['task', 'milestone', 'summary'] as const;
export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'blocked'] as const;
export const PROJECT_ROLES = ['project_manager', 'lead', 'member', 'reviewer', 'stakeholder'] as const;

const money = z.number().int('Whole minor units (cents, fen).').min(0).max(1e13);
const text = (max: number) => z.string().max(max);

export const ProjectResponse = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  accountId: z.string().nullable(),
  managerId: Id,
  managerName: z.string().nullable(),
  sponsor: z.string().nullable(),
  goals: z.string(),
  scopeIn: z.string(),
  scopeOut: z.string(),
  status: ProjectStatus,
  health: ProjectHealth,
  plannedStart: IsoDate,
  plannedFinish: IsoDate.nullable(),
  calendarId: Id.nullable(),
  budgetLabour: z.number().int(),
  budgetExpenses: z.number().int(),
  currency: z.string(),
  industry: z.string().nullable(),
  tags: z.array(z.string()),
  percentComplete: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: Version,
  abilities: Abilities,
});
export type ProjectResponse = z.infer<typeof ProjectResponse>;

const ProjectFields = {
  code: z.string().trim().min(1).max(30).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'Letters, digits, dot, dash and underscore.'),
  name: z.string().trim().min(1).max(200),
  accountId: z.string().max(60).nullable(),
  managerId: Id,
  sponsor: text(200).nullable(),
  goals: text(20_000),
  scopeIn: text(20_000),
  scopeOut: text(20_000),
  status: ProjectStatus,
  health: ProjectHealth,
  plannedStart: IsoDate,
  calendarId: Id.nullable(),
  budgetLabour: money,
  budgetExpenses: money,
  currency: z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as CNY.'),
  industry: text(100).nullable(),
  tags: z.array(z.string().trim().min(1).max(40)).max(30),
};

export const CreateProjectRequest = z.object({
  ...ProjectFields,
  accountId: ProjectFields.accountId.default(null),
  sponsor: ProjectFields.sponsor.default(null),
  goals: ProjectFields.goals.default(''),
  scopeIn: ProjectFields.scopeIn.default(''),
  scopeOut: ProjectFields.scopeOut.default(''),
  // A project reaches closing and closed through its life (the closing checks run on that change), never at birth.
  status: ProjectStatus.exclude(['closing', 'closed']).default('planning'),
  health: ProjectHealth.default('on_track'),
  calendarId: ProjectFields.calendarId.default(null),
  budgetLabour: money.default(0),
  budgetExpenses: money.default(0),
  currency: ProjectFields.currency.default('CNY'),
  industry: ProjectFields.industry.default(null),
  tags: ProjectFields.tags.default([]),
  managerId: Id.optional(),
});
export const UpdateProjectRequest = z.object(ProjectFields).partial().extend({ version: Version });

export const ListProjectsQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  status: ProjectStatus.optional(),
  managerId: Id.optional(),
  mine: z.enum(['true', 'false']).optional(),
});
export const ProjectPage = pageOf(ProjectResponse);

export const MemberResponse = z.object({
  id: Id,
  userId: Id,
  userName: z.string(),
  projectRole: z.enum(PROJECT_ROLES),
  allocationPct: z.number(),
  fromDate: IsoDate.nullable(),
  toDate: IsoDate.nullable(),
  version: Version,
});
export const MemberRequest = z
  .object({ userId: Id, projectRole: z.enum(PROJECT_ROLES).default('member'), allocationPct: z.number().min(0).max(100).default(100), fromDate: IsoDate.nullable().default(null), toDate: IsoDate.nullable().default(null) })
  .refine((m) => !m.fromDate || !m.toDate || m.fromDate <= m.toDate, { message: 'The end is before the start.', path: ['toDate'] });
export const MemberList = z.object({ items: z.array(MemberResponse) });

export const AssignmentResponse = z.object({ userId: Id, units: z.number() });

export const TaskResponse = z.object({
  id: Id,
  parentId: Id.nullable(),
  position: z.number().int(),
  wbs: z.string(),
  name: z.string(),
  kind: z.enum(TASK_KINDS),
  durationDays: z.number().int(),
  constraintType: z.enum(SCHEDULE_CONSTRAINT_TYPES),
  constraintDate: IsoDate.nullable(),
  estimatedHours: z.number().nullable(),
  status: z.enum(TASK_STATUSES),
  percentComplete: z.number(),
  actualStart: IsoDate.nullable(),
  actualFinish: IsoDate.nullable(),
  deliverable: z.string().nullable(),
  earlyStart: IsoDate.nullable(),
  earlyFinish: IsoDate.nullable(),
  lateStart: IsoDate.nullable(),
  lateFinish: IsoDate.nullable(),
  totalFloat: z.number().int().nullable(),
  freeFloat: z.number().int().nullable(),
  critical: z.boolean(),
  assignments: z.array(AssignmentResponse),
  version: Version,
  abilities: Abilities,
});
export type TaskResponse = z.infer<typeof TaskResponse>;

const TaskFields = {
  name: z.string().trim().min(1).max(300),
  kind: z.enum(['task', 'milestone']),
  durationDays: z.number({ error: 'The duration is a number of working days.' }).int('Whole working days.').min(0, 'The duration cannot be negative.').max(10_000),
  constraintType: z.enum(SCHEDULE_CONSTRAINT_TYPES),
  constraintDate: IsoDate.nullable(),
  estimatedHours: z.number().min(0).max(1_000_000).nullable(),
  status: z.enum(TASK_STATUSES),
  percentComplete: z.number().min(0).max(100),
  actualStart: IsoDate.nullable(),
  actualFinish: IsoDate.nullable(),
  deliverable: text(500).nullable(),
  assignments: z.array(z.object({ userId: Id, units: z.number().gt(0).max(10) })).max(50),
};
const constraintNeedsDate = (t: { constraintType?: string; constraintDate?: string | null }) => t.constraintType === undefined || t.constraintType === 'ASAP' || !!t.constraintDate;

export const CreateTaskRequest = z
  .object({
    ...TaskFields,
    kind: TaskFields.kind.default('task'),
    durationDays: TaskFields.durationDays.default(1),
    constraintType: TaskFields.constraintType.default('ASAP'),
    constraintDate: TaskFields.constraintDate.default(null),
    estimatedHours: TaskFields.estimatedHours.default(null),
    status: TaskFields.status.default('not_started'),
    percentComplete: TaskFields.percentComplete.default(0),
    actualStart: TaskFields.actualStart.default(null),
    actualFinish: TaskFields.actualFinish.default(null),
    deliverable: TaskFields.deliverable.default(null),
    assignments: TaskFields.assignments.default([]),
    parentId: Id.nullable().default(null),
    /** Insert after this sibling; at the end when absent. */
    afterId: Id.nullable().optional(),
  })
  .refine(constraintNeedsDate, { message: 'This constraint needs a date.', path: ['constraintDate'] });
export const UpdateTaskRequest = z
  .object(TaskFields)
  .partial()
  .extend({ version: Version })
  .refine(constraintNeedsDate, { message: 'This constraint needs a date.', path: ['constraintDate'] });

/** Indent (under the previous sibling), outdent (after the parent), or move before/after a task. */
export const MoveTaskRequest = z.object({
  version: Version,
  action: z.enum(['indent', 'outdent', 'up', 'down']),
});

export const DependencyResponse = z.object({ id: Id, predecessorId: Id, successorId: Id, type: z.enum(SCHEDULE_LINK_TYPES), lagDays: z.number().int(), version: Version });
export const CreateDependencyRequest = z.object({
  predecessorId: Id,
  successorId: Id,
  type: z.enum(SCHEDULE_LINK_TYPES).default('FS'),
  lagDays: z.number({ error: 'The lag is a number of working days.' }).int('Whole working days.').min(-1000).max(1000).default(0),
});
export const UpdateDependencyRequest = z.object({ type: z.enum(SCHEDULE_LINK_TYPES).optional(), lagDays: z.number().int().min(-1000).max(1000).optional(), version: Version });

/** The whole plan of a project in one answer: what the Gantt chart draws. */
export const PlanResponse = z.object({
  project: ProjectResponse,
  tasks: z.array(TaskResponse),
  dependencies: z.array(DependencyResponse),
  criticalPath: z.array(Id),
  baseline: z.object({ id: Id, name: z.string(), tasks: z.array(z.object({ taskId: Id, start: IsoDate.nullable(), finish: IsoDate.nullable() })) }).nullable(),
});
export type PlanResponse = z.infer<typeof PlanResponse>;

export const BaselineResponse = z.object({ id: Id, name: z.string(), takenAt: z.string(), takenBy: z.string().nullable() });
export const CreateBaselineRequest = z.object({ name: z.string().trim().min(1).max(120) });
export const BaselineVariance = z.object({
  baseline: BaselineResponse,
  tasks: z.array(
    z.object({
      taskId: Id,
      wbs: z.string(),
      name: z.string(),
      baselineStart: IsoDate.nullable(),
      baselineFinish: IsoDate.nullable(),
      start: IsoDate.nullable(),
      finish: IsoDate.nullable(),
      startVarianceDays: z.number().int().nullable(),
      finishVarianceDays: z.number().int().nullable(),
      baselineWorkHours: z.number(),
      workHours: z.number(),
      baselineCost: z.number().int(),
      cost: z.number().int(),
    }),
  ),
});

/** GET /me/tasks: the caller's own (assigned, leaf) tasks across the projects they can read. */
export const MY_TASK_FILTERS = ['open', 'done', 'all'] as const;
export const MyTasksQuery = PageQuery.extend({ status: z.enum(MY_TASK_FILTERS).default('open') });
export const MyTaskResponse = z.object({
  id: Id,
  projectId: Id,
  projectCode: z.string(),
  projectName: z.string(),
  wbs: z.string(),
  name: z.string(),
  kind: z.enum(TASK_KINDS),
  earlyStart: IsoDate.nullable(),
  earlyFinish: IsoDate.nullable(),
  status: z.enum(TASK_STATUSES),
  percentComplete: z.number(),
  units: z.number(),
  /** early finish before the caller's today and not done */
  late: z.boolean(),
  version: Version,
  abilities: Abilities,
});
export type MyTaskResponse = z.infer<typeof MyTaskResponse>;
export const MyTaskPage = pageOf(MyTaskResponse);
export type MyTaskPage = z.infer<typeof MyTaskPage>;
