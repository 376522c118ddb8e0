/** The sales core on the wire: settings and record sharing (types from the shared contracts). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { SalesSettingsResponse, ShareList as ShareListSchema, UpdateSalesSettingsRequest } from '../../../contracts/sales.js';
import { api } from '../../lib/api.js';

export type SalesSettings = z.infer<typeof SalesSettingsResponse>;
export type ShareList = z.infer<typeof ShareListSchema>;
export type ShareableEntity = 'account' | 'lead' | 'opportunity' | 'contract';

export const salesCoreKeys = {
  settings: ['sales', 'settings'] as const,
  shares: (entity: ShareableEntity, id: string) => ['sales', 'shares', entity, id] as const,
};

export function useSalesSettings() {
  return useQuery({ queryKey: salesCoreKeys.settings, queryFn: ({ signal }) => api.get<SalesSettings>('/sales/settings', undefined, signal) });
}

export function useSaveSalesSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof UpdateSalesSettingsRequest>) => api.put<SalesSettings>('/sales/settings', body),
    onSuccess: (data) => qc.setQueryData(salesCoreKeys.settings, data),
  });
}

export function useShares(entity: ShareableEntity, id: string) {
  return useQuery({ queryKey: salesCoreKeys.shares(entity, id), queryFn: ({ signal }) => api.get<ShareList>(`/sales-shares/${entity}/${id}`, undefined, signal) });
}

export function useShareMutations(entity: ShareableEntity, id: string) {
  const qc = useQueryClient();
  const onSuccess = (data: ShareList) => qc.setQueryData(salesCoreKeys.shares(entity, id), data);
  return {
    share: useMutation({ mutationFn: ({ userId, access }: { userId: string; access: 'read' | 'edit' }) => api.put<ShareList>(`/sales-shares/${entity}/${id}/${userId}`, { access }), onSuccess }),
    unshare: useMutation({ mutationFn: (userId: string) => api.delete<ShareList>(`/sales-shares/${entity}/${id}/${userId}`), onSuccess }),
  };
}
