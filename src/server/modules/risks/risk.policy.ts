import { allow, hasRole, type Actor } from '../../lib/policy.js';
import type { ProjectRecord } from '../projects/project.policy.js';

/**
 * Risks and issues are reached through their project (DOMAIN.md, "Row scope"): who may see the
 * project sees its register; its manager keeps it; a risk's owner records reviews of that risk.
 */
export interface RiskRecord extends ProjectRecord {
  ownerId: string | null;
}
export type IssueRecord = RiskRecord;

const readsProject = (a: Actor, p: ProjectRecord) => p.managerId === a.id || p.actorIsMember || hasRole(a, 'pmo', 'executive');
const runsProject = (a: Actor, p: ProjectRecord) => p.managerId === a.id;

// Adding to a project's register is the project manager's, like the rest of the plan.
allow<ProjectRecord>('project', 'manageRisks', runsProject);

allow<RiskRecord>('risk', 'read', readsProject);
allow<RiskRecord>('risk', ['update', 'occur'], runsProject);
// The owner watches the risk: they may re-rate it and set the next review, not rewrite it.
allow<RiskRecord>('risk', 'review', (a, r) => runsProject(a, r) || (r.actorIsMember && r.ownerId === a.id));
export const RISK_ACTIONS = ['update', 'review', 'occur'] as const;

allow<IssueRecord>('issue', 'read', readsProject);
allow<IssueRecord>('issue', 'update', runsProject);
export const ISSUE_ACTIONS = ['update'] as const;
