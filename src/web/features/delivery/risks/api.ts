import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.js';
import type { CreateIssue, CreateRisk, Issue, IssuePage, IssueStatus, Occurred, OccurRisk, ReviewRisk, Risk, RiskMatrix, RiskPage, RiskReview, RiskStatus, UpdateIssue, UpdateRisk } from './types.js';

/** Under 'projects' like every delivery query, so that one invalidation of the delivery side refreshes these too. */
export const riskKeys = {
  all: (projectId: string) => ['projects', 'risks', projectId] as const,
  list: (projectId: string, filter: RiskFilter) => ['projects', 'risks', projectId, 'list', filter] as const,
  matrix: (projectId: string) => ['projects', 'risks', projectId, 'matrix'] as const,
  issues: (projectId: string, filter: IssueFilter) => ['projects', 'risks', projectId, 'issues', filter] as const,
  reviews: (projectId: string, riskId: string) => ['projects', 'risks', projectId, 'reviews', riskId] as const,
};

export const RISK_PAGE_SIZE = 50;

export interface RiskFilter {
  status?: RiskStatus | 'active';
  minScore?: number;
  ownerId?: string;
  probability?: number;
  impact?: number;
}

export interface IssueFilter {
  status?: IssueStatus | 'unresolved';
}

export function useRisks(projectId: string, filter: RiskFilter) {
  return useInfiniteQuery({
    queryKey: riskKeys.list(projectId, filter),
    queryFn: ({ pageParam, signal }) => api.get<RiskPage>(`/projects/${projectId}/risks`, { ...filter, limit: RISK_PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRiskMatrix(projectId: string) {
  return useQuery({ queryKey: riskKeys.matrix(projectId), queryFn: ({ signal }) => api.get<RiskMatrix>(`/projects/${projectId}/risk-matrix`, undefined, signal) });
}

export function useIssues(projectId: string, filter: IssueFilter) {
  return useInfiniteQuery({
    queryKey: riskKeys.issues(projectId, filter),
    queryFn: ({ pageParam, signal }) => api.get<IssuePage>(`/projects/${projectId}/issues`, { ...filter, limit: RISK_PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRiskReviews(projectId: string, riskId: string) {
  return useQuery({ queryKey: riskKeys.reviews(projectId, riskId), queryFn: ({ signal }) => api.get<{ items: RiskReview[] }>(`/risks/${riskId}/reviews`, undefined, signal).then((r) => r.items) });
}

/** Every write can move the register, the matrix and the issues: refresh all of the project's. */
const refresh = (qc: QueryClient, projectId: string) => qc.invalidateQueries({ queryKey: riskKeys.all(projectId) });

export function useRiskMutations(projectId: string) {
  const qc = useQueryClient();
  const onSettled = () => refresh(qc, projectId);
  return {
    createRisk: useMutation({ mutationFn: (body: CreateRisk) => api.post<Risk>(`/projects/${projectId}/risks`, body), onSettled }),
    updateRisk: useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateRisk }) => api.patch<Risk>(`/risks/${id}`, body), onSettled }),
    reviewRisk: useMutation({ mutationFn: ({ id, body }: { id: string; body: ReviewRisk }) => api.post<Risk>(`/risks/${id}/reviews`, body), onSettled }),
    occurRisk: useMutation({ mutationFn: ({ id, body }: { id: string; body: OccurRisk }) => api.post<Occurred>(`/risks/${id}/occur`, body), onSettled }),
    createIssue: useMutation({ mutationFn: (body: CreateIssue) => api.post<Issue>(`/projects/${projectId}/issues`, body), onSettled }),
    updateIssue: useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateIssue }) => api.patch<Issue>(`/issues/${id}`, body), onSettled }),
  };
}
export type RiskMutations = ReturnType<typeof useRiskMutations>;
