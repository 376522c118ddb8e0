import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { StatusReportPage as PageSchema, StatusReportResponse, UpdateStatusReportRequest } from '../../../../contracts/reports.js';
import { api } from '../../../lib/api.js';

export type StatusReport = z.infer<typeof StatusReportResponse>;
export type StatusReportPage = z.infer<typeof PageSchema>;
export type UpdateStatusReport = z.input<typeof UpdateStatusReportRequest>;
export type Health = StatusReport['health'];
export const HEALTH_LIST: readonly Health[] = ['on_track', 'at_risk', 'off_track'];

export const reportKeys = {
  all: (projectId: string) => ['projects', 'status-reports', projectId] as const,
  list: (projectId: string) => ['projects', 'status-reports', projectId, 'list'] as const,
  one: (projectId: string, id: string) => ['projects', 'status-reports', projectId, 'one', id] as const,
};

export function useReports(projectId: string) {
  return useInfiniteQuery({
    queryKey: reportKeys.list(projectId),
    queryFn: ({ pageParam, signal }) => api.get<StatusReportPage>(`/projects/${projectId}/status-reports`, { limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useReport(projectId: string, id: string | null) {
  return useQuery({ queryKey: reportKeys.one(projectId, id ?? ''), enabled: !!id, queryFn: ({ signal }) => api.get<StatusReport>(`/status-reports/${id}`, undefined, signal) });
}

export function useReportMutations(projectId: string) {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: reportKeys.all(projectId) });
  return {
    draft: useMutation({ mutationFn: (weekOf?: string) => api.post<StatusReport>(`/projects/${projectId}/status-reports/draft${weekOf ? `?weekOf=${weekOf}` : ''}`), onSettled }),
    update: useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateStatusReport }) => api.patch<StatusReport>(`/status-reports/${id}`, body), onSettled }),
    submit: useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api.post<StatusReport>(`/status-reports/${id}/submit`, { version }), onSettled }),
  };
}
