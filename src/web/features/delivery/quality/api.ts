import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.js';
import type {
  ChangeRequest, ChangeRequestPage, ChangeRequestStatus, CreateChangeRequest, CreateDefect, CreateDeliverable, DecideChangeRequest, Defect, DefectPage, DefectSeverity, DefectStatus, Deliverable,
  DeliverablePage, DeliverableReview, DeliverableStatus, Reviewed, ReviewDeliverable, UpdateChangeRequest, UpdateDefect, UpdateDeliverable,
} from './types.js';

/** Under 'projects' like every delivery query, so that one invalidation of the delivery side refreshes these too. */
export const qualityKeys = {
  all: (projectId: string) => ['projects', 'quality', projectId] as const,
  deliverables: (projectId: string, filter: DeliverableFilter) => ['projects', 'quality', projectId, 'deliverables', filter] as const,
  defects: (projectId: string, filter: DefectFilter) => ['projects', 'quality', projectId, 'defects', filter] as const,
  reviews: (projectId: string, deliverableId: string) => ['projects', 'quality', projectId, 'reviews', deliverableId] as const,
  changes: (projectId: string, filter: ChangeFilter) => ['projects', 'changes', projectId, 'list', filter] as const,
  allChanges: (projectId: string) => ['projects', 'changes', projectId] as const,
};

export const QUALITY_PAGE_SIZE = 50;

export interface DeliverableFilter {
  status?: DeliverableStatus;
}
export interface DefectFilter {
  status?: DefectStatus | 'unresolved';
  severity?: DefectSeverity;
  deliverableId?: string;
}
export interface ChangeFilter {
  status?: ChangeRequestStatus;
}

const paged = <P extends { nextCursor: string | null }>(key: readonly unknown[], path: string, filter: object) => ({
  queryKey: key,
  queryFn: ({ pageParam, signal }: { pageParam: string | undefined; signal: AbortSignal }) => api.get<P>(path, { ...filter, limit: QUALITY_PAGE_SIZE, cursor: pageParam }, signal),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last: P) => last.nextCursor ?? undefined,
});

export function useDeliverables(projectId: string, filter: DeliverableFilter) {
  return useInfiniteQuery(paged<DeliverablePage>(qualityKeys.deliverables(projectId, filter), `/projects/${projectId}/deliverables`, filter));
}

export function useDefects(projectId: string, filter: DefectFilter) {
  return useInfiniteQuery(paged<DefectPage>(qualityKeys.defects(projectId, filter), `/projects/${projectId}/defects`, filter));
}

export function useDeliverableReviews(projectId: string, deliverableId: string) {
  return useQuery({
    queryKey: qualityKeys.reviews(projectId, deliverableId),
    queryFn: ({ signal }) => api.get<{ items: DeliverableReview[] }>(`/deliverables/${deliverableId}/reviews`, undefined, signal).then((r) => r.items),
  });
}

export function useChangeRequests(projectId: string, filter: ChangeFilter) {
  return useInfiniteQuery(paged<ChangeRequestPage>(qualityKeys.changes(projectId, filter), `/projects/${projectId}/change-requests`, filter));
}

/** A review or a defect moves the deliverables' counts and the defect lists: refresh all of the project's quality. */
const refresh = (qc: QueryClient, projectId: string) => qc.invalidateQueries({ queryKey: qualityKeys.all(projectId) });

export function useQualityMutations(projectId: string) {
  const qc = useQueryClient();
  const onSettled = () => refresh(qc, projectId);
  return {
    createDeliverable: useMutation({ mutationFn: (body: CreateDeliverable) => api.post<Deliverable>(`/projects/${projectId}/deliverables`, body), onSettled }),
    updateDeliverable: useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateDeliverable }) => api.patch<Deliverable>(`/deliverables/${id}`, body), onSettled }),
    review: useMutation({ mutationFn: ({ id, body }: { id: string; body: ReviewDeliverable }) => api.post<Reviewed>(`/deliverables/${id}/reviews`, body), onSettled }),
    createDefect: useMutation({ mutationFn: ({ deliverableId, body }: { deliverableId: string; body: CreateDefect }) => api.post<Defect>(`/deliverables/${deliverableId}/defects`, body), onSettled }),
    updateDefect: useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateDefect }) => api.patch<Defect>(`/defects/${id}`, body), onSettled }),
  };
}
export type QualityMutations = ReturnType<typeof useQualityMutations>;

export function useChangeMutations(projectId: string) {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: qualityKeys.allChanges(projectId) });
  return {
    create: useMutation({ mutationFn: (body: CreateChangeRequest) => api.post<ChangeRequest>(`/projects/${projectId}/change-requests`, body), onSettled }),
    update: useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateChangeRequest }) => api.patch<ChangeRequest>(`/change-requests/${id}`, body), onSettled }),
    submit: useMutation({ mutationFn: (c: ChangeRequest) => api.post<ChangeRequest>(`/change-requests/${c.id}/submit`, { version: c.version }), onSettled }),
    withdraw: useMutation({ mutationFn: (c: ChangeRequest) => api.post<ChangeRequest>(`/change-requests/${c.id}/withdraw`, { version: c.version }), onSettled }),
    decide: useMutation({ mutationFn: ({ id, body }: { id: string; body: DecideChangeRequest }) => api.post<ChangeRequest>(`/change-requests/${id}/decide`, body), onSettled }),
  };
}
export type ChangeMutations = ReturnType<typeof useChangeMutations>;
