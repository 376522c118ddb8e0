import { allow, hasRole } from '../../lib/policy.js';

/** What a policy needs to know of a project: its organisation, manager and whether the actor is on it. */
export interface ProjectRecord {
  orgId: string;
  managerId: string;
  actorIsMember: boolean;
}

allow<ProjectRecord>('project', 'read', (a, p) => p.managerId === a.id || p.actorIsMember || hasRole(a, 'pmo', 'executive'));
allow<ProjectRecord | undefined>('project', 'list', () => true);
allow<ProjectRecord | undefined>('project', 'create', (a) => hasRole(a, 'project_manager', 'pmo'));
// The project's manager runs it; the PMO and executives read.
allow<ProjectRecord>('project', ['update', 'manageMembers', 'editPlan', 'delete'], (a, p) => p.managerId === a.id);

export const PROJECT_ACTIONS = ['update', 'manageMembers', 'editPlan', 'delete'] as const;

/** A task's record: its project's, plus who is assigned to it. */
export interface TaskRecord extends ProjectRecord {
  assigneeIds: readonly string[];
}
allow<TaskRecord>('task', 'read', (a, t) => t.managerId === a.id || t.actorIsMember || hasRole(a, 'pmo', 'executive'));
allow<TaskRecord>('task', ['update', 'delete', 'move'], (a, t) => t.managerId === a.id);
// Members report progress on their own tasks.
allow<TaskRecord>('task', 'reportProgress', (a, t) => t.managerId === a.id || (t.actorIsMember && t.assigneeIds.includes(a.id)));

export const TASK_ACTIONS = ['update', 'delete', 'reportProgress'] as const;
