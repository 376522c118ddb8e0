import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api.js';
import type { WorkloadCell, WorkloadPage } from './types.js';

export const WORKLOAD_PAGE_SIZE = 100;

export const workloadKeys = {
  all: ['workload'] as const,
  grid: (filter: WorkloadFilter) => ['workload', 'grid', filter] as const,
  cell: (userId: string, weekStart: string) => ['workload', 'cell', userId, weekStart] as const,
};

export interface WorkloadFilter {
  /** Any day of the first week; the server's current week when absent. */
  from?: string;
  weeks: number;
  teamId?: string;
  q?: string;
}

/** People × weeks, a page of people at a time (keyset by name); the previous grid stays while the next loads. */
export function useWorkload(filter: WorkloadFilter) {
  return useInfiniteQuery({
    queryKey: workloadKeys.grid(filter),
    queryFn: ({ pageParam, signal }) => api.get<WorkloadPage>('/workload', { ...filter, limit: WORKLOAD_PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The tasks behind one person's week. */
export function useWorkloadCell(userId: string | null, weekStart: string | null) {
  return useQuery({
    queryKey: workloadKeys.cell(userId ?? '', weekStart ?? ''),
    queryFn: ({ signal }) => api.get<WorkloadCell>('/workload/cell', { userId, weekStart }, signal),
    enabled: !!userId && !!weekStart,
  });
}
