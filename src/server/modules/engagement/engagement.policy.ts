import { allow, hasRole, type Actor } from '../../lib/policy.js';
import type { ProjectRecord } from '../projects/project.policy.js';

/**
 * Stakeholders, the communication plan and status reports are reached through their project
 * (DOMAIN.md, "Row scope"): who may see the project reads them; its manager keeps them; the owner
 * of a communication item (on the team) may mark it done.
 */
export interface CommunicationRecord extends ProjectRecord {
  ownerId: string | null;
}
export interface StatusReportRecord extends ProjectRecord {
  status: 'draft' | 'submitted';
}

const readsProject = (a: Actor, p: ProjectRecord) => p.managerId === a.id || p.actorIsMember || hasRole(a, 'pmo', 'executive');
const runsProject = (a: Actor, p: ProjectRecord) => p.managerId === a.id;

allow<ProjectRecord>('project', ['manageStakeholders', 'manageReports'], runsProject);

allow<ProjectRecord>('stakeholder', 'read', readsProject);
allow<ProjectRecord>('stakeholder', ['update', 'delete'], runsProject);
export const STAKEHOLDER_ACTIONS = ['update', 'delete'] as const;

allow<CommunicationRecord>('communication', 'read', readsProject);
allow<CommunicationRecord>('communication', ['update', 'delete'], runsProject);
allow<CommunicationRecord>('communication', 'markDone', (a, c) => runsProject(a, c) || (c.actorIsMember && c.ownerId === a.id));
export const COMMUNICATION_ACTIONS = ['update', 'delete', 'markDone'] as const;

allow<StatusReportRecord>('statusReport', 'read', readsProject);
// A submitted report is history: nobody edits it.
allow<StatusReportRecord>('statusReport', ['update', 'submit'], (a, r) => runsProject(a, r) && r.status === 'draft');
export const STATUS_REPORT_ACTIONS = ['update', 'submit'] as const;
