import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.js';
import type {
  Account, AccountPage, AccountStatus, Activity, ActivityPage, ActivityParentType, Contact, ContactPage, ConvertedLead, ConvertLead, CreateAccount, CreateActivity, CreateContact, CreateLead,
  Lead, LeadDuplicates, LeadPage, LeadStatus, MyDay, UpdateAccount, UpdateActivity, UpdateContact, UpdateLead,
} from './types.js';
import type { AccountOpportunity } from './types.js';

/** Every crm query sits under 'sales' so one invalidation of the sales side refreshes them too. */
export const crmKeys = {
  all: ['sales', 'crm'] as const,
  accounts: (filter: AccountFilter) => ['sales', 'crm', 'accounts', filter] as const,
  account: (id: string) => ['sales', 'crm', 'account', id] as const,
  accountContacts: (id: string) => ['sales', 'crm', 'account', id, 'contacts'] as const,
  accountOpportunities: (id: string) => ['sales', 'crm', 'account', id, 'opportunities'] as const,
  overdue: () => ['sales', 'crm', 'overdue'] as const,
  leads: (filter: LeadFilter) => ['sales', 'crm', 'leads', filter] as const,
  lead: (id: string) => ['sales', 'crm', 'lead', id] as const,
  duplicates: (id: string) => ['sales', 'crm', 'lead', id, 'duplicates'] as const,
  activities: (type: ActivityParentType, id: string) => ['sales', 'crm', 'activities', type, id] as const,
  myDay: () => ['sales', 'crm', 'myDay'] as const,
};

export const PAGE_SIZE = 50;

export interface AccountFilter {
  ownerId?: string;
  status?: AccountStatus;
  industry?: string;
  region?: string;
  segmentId?: string;
  q?: string;
}
export interface LeadFilter {
  ownerId?: string;
  status?: LeadStatus;
  q?: string;
}

const pageParams = { initialPageParam: undefined as string | undefined, getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor ?? undefined };

export function useAccounts(filter: AccountFilter) {
  return useInfiniteQuery({
    queryKey: crmKeys.accounts(filter),
    queryFn: ({ pageParam, signal }) => api.get<AccountPage>('/accounts', { ...filter, limit: PAGE_SIZE, cursor: pageParam }, signal),
    ...pageParams,
  });
}
export function useAccount(id: string) {
  return useQuery({ queryKey: crmKeys.account(id), queryFn: ({ signal }) => api.get<Account>(`/accounts/${id}`, undefined, signal) });
}
export function useAccountContacts(id: string) {
  return useInfiniteQuery({
    queryKey: crmKeys.accountContacts(id),
    queryFn: ({ pageParam, signal }) => api.get<ContactPage>(`/accounts/${id}/contacts`, { limit: PAGE_SIZE, cursor: pageParam }, signal),
    ...pageParams,
  });
}
export function useAccountOpportunities(id: string) {
  return useInfiniteQuery({
    queryKey: crmKeys.accountOpportunities(id),
    queryFn: ({ pageParam, signal }) => api.get<{ items: AccountOpportunity[]; nextCursor: string | null }>(`/accounts/${id}/opportunities`, { limit: PAGE_SIZE, cursor: pageParam }, signal),
    ...pageParams,
  });
}
export function useOverdueAccounts(limit = PAGE_SIZE) {
  return useInfiniteQuery({
    queryKey: [...crmKeys.overdue(), limit],
    queryFn: ({ pageParam, signal }) => api.get<{ items: Account[]; nextCursor: string | null }>('/accounts/overdue-contact', { limit, cursor: pageParam }, signal),
    ...pageParams,
  });
}
export function useLeads(filter: LeadFilter) {
  return useInfiniteQuery({
    queryKey: crmKeys.leads(filter),
    queryFn: ({ pageParam, signal }) => api.get<LeadPage>('/leads', { ...filter, limit: PAGE_SIZE, cursor: pageParam }, signal),
    ...pageParams,
  });
}
export function useLead(id: string) {
  return useQuery({ queryKey: crmKeys.lead(id), queryFn: ({ signal }) => api.get<Lead>(`/leads/${id}`, undefined, signal) });
}
export function useLeadDuplicates(id: string, enabled: boolean) {
  return useQuery({ queryKey: crmKeys.duplicates(id), enabled, queryFn: ({ signal }) => api.get<LeadDuplicates>(`/leads/${id}/duplicates`, undefined, signal) });
}
export function useActivities(type: ActivityParentType, id: string) {
  return useInfiniteQuery({
    queryKey: crmKeys.activities(type, id),
    queryFn: ({ pageParam, signal }) => api.get<ActivityPage>('/activities', { [`${type}Id`]: id, limit: PAGE_SIZE, cursor: pageParam }, signal),
    ...pageParams,
  });
}
export function useMyDay() {
  return useQuery({ queryKey: crmKeys.myDay(), queryFn: ({ signal }) => api.get<MyDay>('/me/day', undefined, signal) });
}

/** Writes can move lists, timelines, my day and the overdue accounts: refresh the whole crm side. */
export function useCrmMutations() {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: crmKeys.all });
  return {
    createAccount: useMutation({ mutationFn: (body: CreateAccount) => api.post<Account>('/accounts', body), onSettled }),
    updateAccount: useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateAccount }) => api.patch<Account>(`/accounts/${id}`, body), onSettled }),
    deleteAccount: useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api.delete(`/accounts/${id}`, { version }), onSettled }),
    createContact: useMutation({ mutationFn: ({ accountId, body }: { accountId: string; body: CreateContact }) => api.post<Contact>(`/accounts/${accountId}/contacts`, body), onSettled }),
    updateContact: useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateContact }) => api.patch<Contact>(`/contacts/${id}`, body), onSettled }),
    deleteContact: useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api.delete(`/contacts/${id}`, { version }), onSettled }),
    createLead: useMutation({ mutationFn: (body: CreateLead) => api.post<Lead>('/leads', body), onSettled }),
    updateLead: useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateLead }) => api.patch<Lead>(`/leads/${id}`, body), onSettled }),
    qualifyLead: useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api.post<Lead>(`/leads/${id}/qualify`, { version }), onSettled }),
    disqualifyLead: useMutation({ mutationFn: ({ id, version, reason }: { id: string; version: number; reason: string }) => api.post<Lead>(`/leads/${id}/disqualify`, { version, reason }), onSettled }),
    convertLead: useMutation({ mutationFn: ({ id, body }: { id: string; body: ConvertLead }) => api.post<ConvertedLead>(`/leads/${id}/convert`, body), onSettled }),
    createActivity: useMutation({ mutationFn: (body: CreateActivity) => api.post<Activity>('/activities', body), onSettled }),
    updateActivity: useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateActivity }) => api.patch<Activity>(`/activities/${id}`, body), onSettled }),
  };
}
export type CrmMutations = ReturnType<typeof useCrmMutations>;
