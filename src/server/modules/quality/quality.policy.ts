import { allow, hasRole, type Actor } from '../../lib/policy.js';
import type { ProjectRecord } from '../projects/project.policy.js';

/**
 * Deliverables, defects and change requests are reached through their project (DOMAIN.md "Row
 * scope"): who may see the project sees them; its manager keeps them. Team members take part in
 * quality: they record reviews (as the reviewer) and log defects; an assignee marks theirs fixed.
 * Anyone who reads the project may raise a change request; the PM or the PMO decides it.
 */
const readsProject = (a: Actor, p: ProjectRecord) => p.managerId === a.id || p.actorIsMember || hasRole(a, 'pmo', 'executive');
const runsProject = (a: Actor, p: ProjectRecord) => p.managerId === a.id;
const onTeam = (a: Actor, p: ProjectRecord) => runsProject(a, p) || p.actorIsMember;

allow<ProjectRecord>('project', 'manageQuality', runsProject);
allow<ProjectRecord>('project', 'raiseChange', readsProject);

export type DeliverableRecord = ProjectRecord;
allow<DeliverableRecord>('deliverable', 'read', readsProject);
allow<DeliverableRecord>('deliverable', 'update', runsProject);
// A member records a review as its reviewer (the service checks that they name nobody else).
allow<DeliverableRecord>('deliverable', ['review', 'logDefect'], onTeam);
export const DELIVERABLE_ACTIONS = ['update', 'review', 'logDefect'] as const;

export interface DefectRecord extends ProjectRecord {
  assigneeId: string | null;
}
allow<DefectRecord>('defect', 'read', readsProject);
allow<DefectRecord>('defect', 'update', runsProject);
// The assignee moves their defect between open and fixed; verifying and closing is the PM's.
allow<DefectRecord>('defect', 'fix', (a, d) => runsProject(a, d) || (d.actorIsMember && d.assigneeId === a.id));
export const DEFECT_ACTIONS = ['update', 'fix'] as const;

export interface ChangeRequestRecord extends ProjectRecord {
  requestedBy: string;
}
const requesterOrPm = (a: Actor, c: ChangeRequestRecord) => runsProject(a, c) || (readsProject(a, c) && c.requestedBy === a.id);
allow<ChangeRequestRecord>('changeRequest', 'read', readsProject);
allow<ChangeRequestRecord>('changeRequest', ['update', 'submit', 'withdraw'], requesterOrPm);
allow<ChangeRequestRecord>('changeRequest', 'decide', (a, c) => runsProject(a, c) || (readsProject(a, c) && hasRole(a, 'pmo')));
export const CHANGE_REQUEST_ACTIONS = ['update', 'submit', 'withdraw', 'decide'] as const;
