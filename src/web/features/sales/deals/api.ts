import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.js';
import type { Board, CreateOpportunity, Opportunity, OpportunityCompetitor, OpportunityDetail, OpportunityFilter, OpportunityPage, Pipeline, PipelineList, SavedView, Stage, UpdateOpportunity } from './types.js';

/** Every deals query sits under 'sales' so one invalidation of the sales side refreshes them too. */
export const dealKeys = {
  all: ['sales', 'deals'] as const,
  pipelines: ['sales', 'deals', 'pipelines'] as const,
  board: (pipelineId: string, ownerId?: string) => ['sales', 'deals', 'board', pipelineId, ownerId ?? null] as const,
  list: (filter: OpportunityFilter) => ['sales', 'deals', 'list', filter] as const,
  opportunity: (id: string) => ['sales', 'deals', 'opportunity', id] as const,
  views: ['sales', 'deals', 'views'] as const,
  competitors: ['sales', 'deals', 'competitors'] as const,
};

export const PAGE_SIZE = 50;

export const usePipelines = () => useQuery({ queryKey: dealKeys.pipelines, queryFn: ({ signal }) => api.get<PipelineList>('/pipelines', undefined, signal) });

export const useBoard = (pipelineId: string | undefined, ownerId?: string) =>
  useQuery({ queryKey: dealKeys.board(pipelineId ?? '', ownerId), enabled: !!pipelineId, queryFn: ({ signal }) => api.get<Board>(`/pipelines/${pipelineId}/board`, { ownerId }, signal) });

export function useOpportunities(filter: OpportunityFilter) {
  return useInfiniteQuery({
    queryKey: dealKeys.list(filter),
    queryFn: ({ pageParam, signal }) => api.get<OpportunityPage>('/opportunities', { ...filter, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const useOpportunity = (id: string) => useQuery({ queryKey: dealKeys.opportunity(id), queryFn: ({ signal }) => api.get<OpportunityDetail>(`/opportunities/${id}`, undefined, signal) });

export const useSavedViews = () => useQuery({ queryKey: dealKeys.views, queryFn: ({ signal }) => api.get<{ items: SavedView[] }>('/saved-views', { list: 'opportunities' }, signal).then((r) => r.items) });

/** The competitor list (built by the market insight area); empty when that endpoint is not there yet. */
export const useCompetitorOptions = () =>
  useQuery({
    queryKey: dealKeys.competitors,
    queryFn: ({ signal }) => api.get<{ items: { id: string; name: string }[] }>('/competitors', { limit: 200 }, signal).then((r) => r.items).catch(() => [] as { id: string; name: string }[]),
  });

export function useDealMutations() {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: dealKeys.all });
  return {
    create: useMutation({ mutationFn: (body: CreateOpportunity) => api.post<Opportunity>('/opportunities', body), onSettled }),
    update: useMutation({ mutationFn: ({ id, ...body }: UpdateOpportunity & { id: string }) => api.patch<Opportunity>(`/opportunities/${id}`, body), onSettled }),
    move: useMutation({ mutationFn: ({ id, ...body }: { id: string; stageId: string; version: number; lostReason?: string; lostToCompetitorId?: string | null }) => api.post<Opportunity>(`/opportunities/${id}/move`, body), onSettled }),
    putCompetitor: useMutation({
      mutationFn: ({ id, competitorId, ...body }: { id: string; competitorId: string; strengths?: string; weaknesses?: string; status?: OpportunityCompetitor['status']; version?: number }) =>
        api.put<{ items: OpportunityCompetitor[] }>(`/opportunities/${id}/competitors/${competitorId}`, body),
      onSettled,
    }),
    removeCompetitor: useMutation({ mutationFn: ({ id, competitorId }: { id: string; competitorId: string }) => api.delete(`/opportunities/${id}/competitors/${competitorId}`), onSettled }),
    saveView: useMutation({ mutationFn: (body: { name: string; filters: OpportunityFilter; shared: boolean }) => api.post<SavedView>('/saved-views', { list: 'opportunities', ...body }), onSettled }),
    deleteView: useMutation({ mutationFn: (v: SavedView) => api.delete(`/saved-views/${v.id}`, { version: v.version }), onSettled }),
  };
}

export function usePipelineMutations() {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: dealKeys.all });
  return {
    create: useMutation({ mutationFn: (body: { name: string }) => api.post<Pipeline>('/pipelines', body), onSettled }),
    addStage: useMutation({ mutationFn: ({ pipelineId, ...body }: { pipelineId: string; name: string; probability: number }) => api.post<Pipeline>(`/pipelines/${pipelineId}/stages`, body), onSettled }),
    updateStage: useMutation({ mutationFn: ({ id, ...body }: { id: string; version: number; name?: string; probability?: number }) => api.patch<Pipeline>(`/stages/${id}`, body), onSettled }),
    removeStage: useMutation({ mutationFn: (s: Stage) => api.delete<Pipeline>(`/stages/${s.id}`, { version: s.version }), onSettled }),
    reorder: useMutation({ mutationFn: ({ pipelineId, version, stageIds }: { pipelineId: string; version: number; stageIds: string[] }) => api.put<Pipeline>(`/pipelines/${pipelineId}/stage-order`, { version, stageIds }), onSettled }),
  };
}
