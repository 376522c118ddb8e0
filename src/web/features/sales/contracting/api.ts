import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.js';
import type { ContractDetail, ContractPage, CreatedSurvey, CreateProduct, Order, Product, ProductList, PublicSurvey, Quote, QuoteLineInput, QuoteList, SurveyPage } from './types.js';

/** Under 'sales' like every sales query, so that one invalidation of the sales side refreshes these too. */
export const contractingKeys = {
  products: ['sales', 'products'] as const,
  quotes: (opportunityId: string) => ['sales', 'quotes', opportunityId] as const,
  quote: (id: string) => ['sales', 'quote', id] as const,
  contracts: (filter: ContractFilter) => ['sales', 'contracts', filter] as const,
  contract: (id: string) => ['sales', 'contract', id] as const,
  order: (id: string) => ['sales', 'order', id] as const,
  surveys: (accountId: string) => ['sales', 'surveys', accountId] as const,
};

export interface ContractFilter {
  status?: string;
  ownerId?: string;
  accountId?: string;
  signedFrom?: string;
  signedTo?: string;
}

export const useProducts = (active?: boolean) =>
  useQuery({ queryKey: [...contractingKeys.products, active ?? 'all'], queryFn: ({ signal }) => api.get<ProductList>('/products', { active: active === undefined ? undefined : String(active) }, signal) });

export function useProductMutations() {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: contractingKeys.products });
  return {
    create: useMutation({ mutationFn: (body: CreateProduct) => api.post<Product>('/products', body), onSettled }),
    update: useMutation({ mutationFn: ({ id, ...body }: Partial<CreateProduct> & { id: string; version: number }) => api.patch<Product>(`/products/${id}`, body), onSettled }),
  };
}

export const useQuotes = (opportunityId: string) =>
  useQuery({ queryKey: contractingKeys.quotes(opportunityId), queryFn: ({ signal }) => api.get<QuoteList>(`/opportunities/${opportunityId}/quotes`, undefined, signal) });
export const useQuote = (id: string | undefined) =>
  useQuery({ queryKey: contractingKeys.quote(id ?? ''), enabled: !!id, queryFn: ({ signal }) => api.get<Quote>(`/quotes/${id}`, undefined, signal) });

export type QuoteAction = 'submit' | 'approve' | 'reject-approval' | 'send' | 'accept' | 'reject';

export function useQuoteMutations(opportunityId: string) {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: ['sales'] });
  return {
    create: useMutation({ mutationFn: (body: { fromQuoteId?: string }) => api.post<Quote>(`/opportunities/${opportunityId}/quotes`, body), onSettled }),
    lines: useMutation({ mutationFn: ({ id, ...body }: { id: string; version: number; validUntil?: string | null; lines: QuoteLineInput[] }) => api.put<Quote>(`/quotes/${id}/lines`, body), onSettled }),
    action: useMutation({ mutationFn: ({ id, action, ...body }: { id: string; action: QuoteAction; version: number; note?: string }) => api.post<Quote>(`/quotes/${id}/${action}`, body), onSettled }),
  };
}

export function useContracts(filter: ContractFilter) {
  return useInfiniteQuery({
    queryKey: contractingKeys.contracts(filter),
    queryFn: ({ pageParam, signal }) => api.get<ContractPage>('/contracts', { ...filter, limit: 50, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
export const useContract = (id: string) => useQuery({ queryKey: contractingKeys.contract(id), queryFn: ({ signal }) => api.get<ContractDetail>(`/contracts/${id}`, undefined, signal) });
export const useOrder = (id: string | null) => useQuery({ queryKey: contractingKeys.order(id ?? ''), enabled: !!id, queryFn: ({ signal }) => api.get<Order>(`/orders/${id}`, undefined, signal) });

export type ContractAction = 'request-signature' | 'activate' | 'complete' | 'terminate';

export function useContractMutations() {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: ['sales'] });
  return {
    create: useMutation({ mutationFn: (body: Record<string, unknown>) => api.post<ContractDetail>('/contracts', body), onSettled }),
    update: useMutation({ mutationFn: ({ id, ...body }: { id: string; version: number } & Record<string, unknown>) => api.patch<ContractDetail>(`/contracts/${id}`, body), onSettled }),
    round: useMutation({ mutationFn: ({ id, ...body }: { id: string; version: number; date: string; summary: string; reason?: string; valueAfter?: number }) => api.post<ContractDetail>(`/contracts/${id}/rounds`, body), onSettled }),
    sign: useMutation({ mutationFn: ({ id, ...body }: { id: string; version: number; side: 'customer' | 'company'; date: string }) => api.post<ContractDetail>(`/contracts/${id}/sign`, body), onSettled }),
    action: useMutation({ mutationFn: ({ id, action, ...body }: { id: string; action: ContractAction; version: number }) => api.post<ContractDetail>(`/contracts/${id}/${action}`, body), onSettled }),
    order: useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => api.post<Order>(`/contracts/${id}/order`, { version }), onSettled }),
    milestones: useMutation({ mutationFn: ({ id, ...body }: { id: string; version: number; milestones: { name: string; amount: number; dueDate: string }[] }) => api.put<Order>(`/orders/${id}/milestones`, body), onSettled }),
    milestone: useMutation({ mutationFn: ({ id, what, ...body }: { id: string; what: 'invoice' | 'pay'; version: number; date: string }) => api.post<Order>(`/milestones/${id}/${what}`, body), onSettled }),
  };
}

export function useSurveys(accountId: string) {
  return useQuery({ queryKey: contractingKeys.surveys(accountId), queryFn: ({ signal }) => api.get<SurveyPage>('/surveys', { accountId, limit: 200 }, signal) });
}
export function useSendSurvey() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: { kind: 'csat' | 'nps'; accountId: string; contractId?: string | null; email: string }) => api.post<CreatedSurvey>('/surveys', body), onSettled: () => qc.invalidateQueries({ queryKey: ['sales', 'surveys'] }) });
}

export const usePublicSurvey = (token: string) =>
  useQuery({ queryKey: ['public-survey', token], retry: false, queryFn: ({ signal }) => api.get<PublicSurvey>(`/public/surveys/${token}`, undefined, signal) });
export const useAnswerSurvey = (token: string) => {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (body: { csat?: number; nps?: number; comment?: string }) => api.post<PublicSurvey>(`/public/surveys/${token}`, body), onSuccess: (r) => qc.setQueryData(['public-survey', token], r) });
};
