/** Wire types of the projects API, inferred from the shared contracts (types only: no zod in the bundle). */
import type { z } from 'zod';
import type {
  BaselineResponse,
  BaselineVariance as BaselineVarianceSchema,
  CreateDependencyRequest,
  CreateProjectRequest,
  CreateTaskRequest,
  DependencyResponse,
  MemberRequest,
  MemberResponse,
  MoveTaskRequest,
  PlanResponse,
  ProjectPage as ProjectPageSchema,
  ProjectResponse,
  TaskResponse,
  UpdateDependencyRequest,
  UpdateProjectRequest,
  UpdateTaskRequest,
} from '../../../contracts/projects.js';
import type { ScheduleCycleDetails } from '../../../contracts/schedule.js';

export type Project = z.infer<typeof ProjectResponse>;
export type ProjectPage = z.infer<typeof ProjectPageSchema>;
export type CreateProject = z.input<typeof CreateProjectRequest>;
export type UpdateProject = z.input<typeof UpdateProjectRequest>;
export type Member = z.infer<typeof MemberResponse>;
export type AddMember = z.input<typeof MemberRequest>;
export type Task = z.infer<typeof TaskResponse>;
export type CreateTask = z.input<typeof CreateTaskRequest>;
export type UpdateTask = z.input<typeof UpdateTaskRequest>;
export type MoveTask = z.infer<typeof MoveTaskRequest>;
export type Dependency = z.infer<typeof DependencyResponse>;
export type CreateDependency = z.input<typeof CreateDependencyRequest>;
export type UpdateDependency = z.input<typeof UpdateDependencyRequest>;
export type Plan = z.infer<typeof PlanResponse>;
export type Baseline = z.infer<typeof BaselineResponse>;
export type BaselineVariance = z.infer<typeof BaselineVarianceSchema>;
export type CycleDetails = z.infer<typeof ScheduleCycleDetails>;

export type ProjectStatus = Project['status'];
export type ProjectHealth = Project['health'];
export type ProjectRole = Member['projectRole'];
export type TaskStatus = Task['status'];
export type LinkType = Dependency['type'];
export type ConstraintType = Task['constraintType'];
export type MoveAction = MoveTask['action'];

/** The same lists as the contracts, as values (checked against them in types.test.ts). */
export const PROJECT_STATUS_LIST: readonly ProjectStatus[] = ['proposed', 'planning', 'executing', 'closing', 'closed', 'on_hold', 'cancelled'];
export const PROJECT_HEALTH_LIST: readonly ProjectHealth[] = ['on_track', 'at_risk', 'off_track'];
export const PROJECT_ROLE_LIST: readonly ProjectRole[] = ['project_manager', 'lead', 'member', 'reviewer', 'stakeholder'];
export const TASK_STATUS_LIST: readonly TaskStatus[] = ['not_started', 'in_progress', 'done', 'blocked'];
export const LINK_TYPE_LIST: readonly LinkType[] = ['FS', 'SS', 'FF', 'SF'];
export const CONSTRAINT_TYPE_LIST: readonly ConstraintType[] = ['ASAP', 'SNET', 'SNLT', 'FNET', 'FNLT', 'MSO', 'MFO'];
