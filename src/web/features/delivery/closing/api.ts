/** Closing, lessons learned, the portfolio and the PM dashboard: wire types (from the shared contracts) and TanStack Query hooks. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ChecklistItemResponse, ClosingResponse, CreateLessonRequest, DeliveryDashboard as DeliveryDashboardSchema, LessonPage as LessonPageSchema, LessonResponse, PortfolioItem as PortfolioItemSchema,
  PortfolioPage as PortfolioPageSchema, SuggestedLessonList, UpdateClosingRequest, UpdateLessonRequest,
} from '../../../../contracts/closing.js';
import { api, request } from '../../../lib/api.js';
import { deliveryKeys } from '../api.js';
import type { Project, ProjectHealth, ProjectStatus } from '../types.js';

export type Closing = z.infer<typeof ClosingResponse>;
export type ChecklistItem = z.infer<typeof ChecklistItemResponse>;
export type Lesson = z.infer<typeof LessonResponse>;
export type LessonPage = z.infer<typeof LessonPageSchema>;
export type CreateLesson = z.input<typeof CreateLessonRequest>;
export type UpdateLesson = z.input<typeof UpdateLessonRequest>;
export type UpdateClosing = z.input<typeof UpdateClosingRequest>;
export type Suggested = z.infer<typeof SuggestedLessonList>['items'][number];
export type PortfolioItem = z.infer<typeof PortfolioItemSchema>;
export type PortfolioPage = z.infer<typeof PortfolioPageSchema>;
export type DeliveryDashboard = z.infer<typeof DeliveryDashboardSchema>;
export type LessonCategory = Lesson['category'];
export type ClosingGap = Closing['missing'][number];

export const LESSON_CATEGORY_LIST: readonly LessonCategory[] = ['scope', 'schedule', 'cost', 'quality', 'risk', 'team', 'customer', 'technical', 'supplier', 'process', 'other'];

/** Under 'projects' like every delivery query, so that one invalidation of the delivery side refreshes these too. */
export const closingKeys = {
  closing: (projectId: string) => ['projects', 'closing', projectId] as const,
  suggested: (projectId: string) => ['projects', 'suggested-lessons', projectId] as const,
  lessons: (filter: LessonFilter) => ['projects', 'lessons', filter] as const,
  facets: ['projects', 'lessons-facets'] as const,
  portfolio: (filter: PortfolioFilter) => ['projects', 'portfolio', filter] as const,
  dashboard: ['projects', 'dashboard'] as const,
};

export function useClosing(projectId: string) {
  return useQuery({ queryKey: closingKeys.closing(projectId), queryFn: ({ signal }) => api.get<Closing>(`/projects/${projectId}/closing`, undefined, signal) });
}

export function useClosingMutations(projectId: string) {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: closingKeys.closing(projectId) });
  return {
    save: useMutation({ mutationFn: (body: UpdateClosing) => request<Closing>('PUT', `/projects/${projectId}/closing`, { body }), onSuccess: (c) => qc.setQueryData(closingKeys.closing(projectId), c), onSettled }),
    addItem: useMutation({ mutationFn: (label: string) => api.post<ChecklistItem>(`/projects/${projectId}/closing/items`, { label }), onSettled }),
    updateItem: useMutation({ mutationFn: ({ id, body }: { id: string; body: { version: number; done?: boolean; label?: string } }) => api.patch<ChecklistItem>(`/closing-items/${id}`, body), onSettled }),
    deleteItem: useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api.delete(`/closing-items/${id}`, { version }), onSettled }),
    addLesson: useMutation({ mutationFn: (body: CreateLesson) => api.post<Lesson>(`/projects/${projectId}/lessons`, body), onSettled }),
    updateLesson: useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateLesson }) => api.patch<Lesson>(`/lessons/${id}`, body), onSettled }),
    deleteLesson: useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api.delete(`/lessons/${id}`, { version }), onSettled }),
    close: useMutation({
      mutationFn: (version: number) => api.post<Project>(`/projects/${projectId}/close`, { version }),
      onSuccess: (p) => {
        qc.setQueryData(deliveryKeys.project(p.id), p);
        void qc.invalidateQueries({ queryKey: deliveryKeys.all });
      },
      onSettled,
    }),
  };
}

export function useSuggestedLessons(projectId: string, enabled = true) {
  return useQuery({ queryKey: closingKeys.suggested(projectId), queryFn: ({ signal }) => api.get<{ items: Suggested[] }>(`/projects/${projectId}/suggested-lessons`, undefined, signal).then((r) => r.items), enabled });
}

export interface LessonFilter {
  q?: string;
  tag?: string;
  industry?: string;
  category?: LessonCategory;
}

export function useLessons(filter: LessonFilter) {
  return useInfiniteQuery({
    queryKey: closingKeys.lessons(filter),
    queryFn: ({ pageParam, signal }) => api.get<LessonPage>('/lessons', { ...filter, limit: 20, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useLessonFacets() {
  return useQuery({ queryKey: closingKeys.facets, queryFn: ({ signal }) => api.get<{ industries: string[]; tags: string[] }>('/lessons/facets', undefined, signal) });
}

export interface PortfolioFilter {
  q?: string;
  status?: ProjectStatus;
  health?: ProjectHealth;
  managerId?: string;
}

export function usePortfolio(filter: PortfolioFilter) {
  return useInfiniteQuery({
    queryKey: closingKeys.portfolio(filter),
    queryFn: ({ pageParam, signal }) => api.get<PortfolioPage>('/portfolio', { ...filter, limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useDeliveryDashboard(enabled = true) {
  return useQuery({ queryKey: closingKeys.dashboard, queryFn: ({ signal }) => api.get<DeliveryDashboard>('/me/delivery-dashboard', undefined, signal), enabled });
}

/** SPI/CPI colour: below 0.9 red, below 1 amber, else green; none when unknown. Judged at the two decimals shown, so that "1.00" is never amber. */
export function indexColour(value: number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const v = Math.round(value * 100) / 100;
  if (v < 0.9) return '#cf1322';
  if (v < 1) return '#d48806';
  return '#389e0d';
}
