/** Wire types of the risks API, inferred from the shared contracts (types only: no zod in the bundle). */
import type { z } from 'zod';
import type {
  CreateIssueRequest,
  CreateRiskRequest,
  IssuePage as IssuePageSchema,
  IssueResponse,
  OccurRiskRequest,
  OccurRiskResponse,
  ReviewRiskRequest,
  RiskMatrixResponse,
  RiskPage as RiskPageSchema,
  RiskResponse,
  RiskReviewResponse,
  UpdateIssueRequest,
  UpdateRiskRequest,
} from '../../../../contracts/risks.js';

export type Risk = z.infer<typeof RiskResponse>;
export type RiskPage = z.infer<typeof RiskPageSchema>;
export type CreateRisk = z.input<typeof CreateRiskRequest>;
export type UpdateRisk = z.input<typeof UpdateRiskRequest>;
export type ReviewRisk = z.input<typeof ReviewRiskRequest>;
export type RiskReview = z.infer<typeof RiskReviewResponse>;
export type OccurRisk = z.input<typeof OccurRiskRequest>;
export type Occurred = z.infer<typeof OccurRiskResponse>;
export type RiskMatrix = z.infer<typeof RiskMatrixResponse>;
export type Issue = z.infer<typeof IssueResponse>;
export type IssuePage = z.infer<typeof IssuePageSchema>;
export type CreateIssue = z.input<typeof CreateIssueRequest>;
export type UpdateIssue = z.input<typeof UpdateIssueRequest>;

export type RiskCategory = Risk['category'];
export type RiskResponseKind = Risk['response'];
export type RiskStatus = Risk['status'];
export type RiskBand = Risk['band'];
export type IssueSeverity = Issue['severity'];
export type IssueStatus = Issue['status'];

/** The same lists as the contracts, as values (checked against them in types.test.ts). */
export const RISK_CATEGORY_LIST: readonly RiskCategory[] = ['technical', 'schedule', 'cost', 'resource', 'scope', 'quality', 'customer', 'supplier', 'legal', 'other'];
export const RISK_RESPONSE_LIST: readonly RiskResponseKind[] = ['avoid', 'mitigate', 'transfer', 'accept', 'escalate'];
export const RISK_STATUS_LIST: readonly RiskStatus[] = ['open', 'monitoring', 'occurred', 'closed'];
export const RISK_EDITABLE_STATUS_LIST: readonly Exclude<RiskStatus, 'occurred'>[] = ['open', 'monitoring', 'closed'];
export const ISSUE_SEVERITY_LIST: readonly IssueSeverity[] = ['low', 'medium', 'high', 'critical'];
export const ISSUE_STATUS_LIST: readonly IssueStatus[] = ['open', 'in_progress', 'resolved', 'closed'];
export const RATINGS = [1, 2, 3, 4, 5] as const;
