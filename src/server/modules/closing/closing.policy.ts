import { allow, hasRole, type Actor } from '../../lib/policy.js';
import type { ProjectRecord } from '../projects/project.policy.js';

/**
 * Closing follows its project (DOMAIN.md, "Row scope"): who may read the project reads its
 * checklist, acceptance and retrospective; its manager keeps them and closes the project.
 * Lessons learned are the organisation's knowledge: everyone with the delivery workspace reads
 * the library (never another organisation's); the manager of the lesson's project edits it.
 */
const runsProject = (a: Actor, p: ProjectRecord) => p.managerId === a.id;
export const readsLibrary = (a: Actor) => hasRole(a, 'project_manager', 'pmo', 'team_member', 'executive');

allow<ProjectRecord>('project', 'manageClosing', runsProject);

export type LessonRecord = ProjectRecord;
allow<LessonRecord | undefined>('lesson', 'list', (a) => readsLibrary(a));
allow<LessonRecord>('lesson', 'read', (a, l) => readsLibrary(a) || runsProject(a, l) || l.actorIsMember);
allow<LessonRecord>('lesson', ['update', 'delete'], runsProject);
export const LESSON_ACTIONS = ['update', 'delete'] as const;

/** The portfolio lists what the caller may read; the SQL applies the row scope. */
allow<undefined>('portfolio', 'list', (a) => readsLibrary(a));
