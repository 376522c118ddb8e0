import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CommunicationItemPage as CommPageSchema,
  CommunicationItemResponse,
  CreateCommunicationItemRequest,
  CreateStakeholderRequest,
  StakeholderPage as StakeholderPageSchema,
  StakeholderResponse,
  UpdateCommunicationItemRequest,
  UpdateStakeholderRequest,
} from '../../../../contracts/engagement.js';
import { api } from '../../../lib/api.js';

export type Stakeholder = z.infer<typeof StakeholderResponse>;
export type StakeholderPage = z.infer<typeof StakeholderPageSchema>;
export type CreateStakeholder = z.input<typeof CreateStakeholderRequest>;
export type UpdateStakeholder = z.input<typeof UpdateStakeholderRequest>;
export type CommItem = z.infer<typeof CommunicationItemResponse>;
export type CommPage = z.infer<typeof CommPageSchema>;
export type CreateCommItem = z.input<typeof CreateCommunicationItemRequest>;
export type UpdateCommItem = z.input<typeof UpdateCommunicationItemRequest>;
export type Attitude = Stakeholder['attitude'];
export type Quadrant = Stakeholder['quadrant'];
export type Channel = CommItem['channel'];
export type Frequency = CommItem['frequency'];

export const ATTITUDE_LIST: readonly Attitude[] = ['champion', 'supporter', 'neutral', 'critic', 'blocker'];
export const QUADRANT_LIST: readonly Quadrant[] = ['manage_closely', 'keep_satisfied', 'keep_informed', 'monitor'];
export const CHANNEL_LIST: readonly Channel[] = ['meeting', 'email', 'report', 'call', 'chat', 'other'];
export const FREQUENCY_LIST: readonly Frequency[] = ['once', 'weekly', 'biweekly', 'monthly', 'quarterly'];

/** Under 'projects' like every delivery query. */
export const engagementKeys = {
  all: (projectId: string) => ['projects', 'engagement', projectId] as const,
  stakeholders: (projectId: string) => ['projects', 'engagement', projectId, 'stakeholders'] as const,
  comms: (projectId: string) => ['projects', 'engagement', projectId, 'comms'] as const,
};

const PAGE = 200;

export function useStakeholders(projectId: string) {
  return useInfiniteQuery({
    queryKey: engagementKeys.stakeholders(projectId),
    queryFn: ({ pageParam, signal }) => api.get<StakeholderPage>(`/projects/${projectId}/stakeholders`, { limit: PAGE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCommItems(projectId: string) {
  return useInfiniteQuery({
    queryKey: engagementKeys.comms(projectId),
    queryFn: ({ pageParam, signal }) => api.get<CommPage>(`/projects/${projectId}/communications`, { limit: PAGE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useEngagementMutations(projectId: string) {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: engagementKeys.all(projectId) });
  return {
    createStakeholder: useMutation({ mutationFn: (body: CreateStakeholder) => api.post<Stakeholder>(`/projects/${projectId}/stakeholders`, body), onSettled }),
    updateStakeholder: useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateStakeholder }) => api.patch<Stakeholder>(`/stakeholders/${id}`, body), onSettled }),
    deleteStakeholder: useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api.delete(`/stakeholders/${id}`, { version }), onSettled }),
    createItem: useMutation({ mutationFn: (body: CreateCommItem) => api.post<CommItem>(`/projects/${projectId}/communications`, body), onSettled }),
    updateItem: useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateCommItem }) => api.patch<CommItem>(`/communications/${id}`, body), onSettled }),
    deleteItem: useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api.delete(`/communications/${id}`, { version }), onSettled }),
    markDone: useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api.post<CommItem>(`/communications/${id}/done`, { version }), onSettled }),
  };
}
export type EngagementMutations = ReturnType<typeof useEngagementMutations>;
