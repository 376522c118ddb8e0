/** The insight API on the wire: types from the shared contracts (types only), TanStack Query hooks. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as C from '../../../../contracts/insight.js';
import type { OpportunityPage, OpportunityResponse } from '../../../../contracts/deals.js';
import { api } from '../../../lib/api.js';

export type PeriodKind = z.infer<typeof C.PeriodKind>;
export type Competitor = z.infer<typeof C.CompetitorResponse>;
export type CompetitorPage = z.infer<typeof C.CompetitorPage>;
export type Segment = z.infer<typeof C.SegmentResponse>;
export type SegmentPage = z.infer<typeof C.SegmentPage>;
export type ExchangeRate = z.infer<typeof C.ExchangeRateResponse>;
export type ExchangeRatePage = z.infer<typeof C.ExchangeRatePage>;
export type Feedback = z.infer<typeof C.FeedbackResponse>;
export type FeedbackPage = z.infer<typeof C.FeedbackPage>;
export type FeedbackFilter = Omit<z.input<typeof C.ListFeedbackQuery>, 'limit' | 'cursor'>;
export type CreateFeedback = z.input<typeof C.CreateFeedbackRequest>;
export type FeedbackTrends = z.infer<typeof C.FeedbackTrendsResponse>;
export type MarketInsight = z.infer<typeof C.MarketInsightResponse>;
export type InsightDealPage = z.infer<typeof C.InsightDealPage>;
export type Forecast = z.infer<typeof C.ForecastResponse>;
export type ForecastFigures = z.infer<typeof C.ForecastFigures>;
export type Target = z.infer<typeof C.TargetResponse>;
export type PutTarget = z.input<typeof C.PutTargetRequest>;
export type Accuracy = z.infer<typeof C.AccuracyResponse>;
export type Dashboard = z.infer<typeof C.DashboardResponse>;
export type Opportunity = z.infer<typeof OpportunityResponse>;
export type ForecastCategory = Opportunity['forecastCategory'];
export type Period = { kind: PeriodKind; start: string };
export type DealsFilter = { outcome: 'won' | 'lost'; competitorId?: string; segmentId?: string; reason?: string; title: string };

export const insightKeys = {
  all: ['sales', 'insight'] as const,
  competitors: ['sales', 'insight', 'competitors'] as const,
  segments: ['sales', 'insight', 'segments'] as const,
  rates: ['sales', 'insight', 'rates'] as const,
  feedback: (f: FeedbackFilter) => ['sales', 'insight', 'feedback', f] as const,
  trends: (from: string, to: string) => ['sales', 'insight', 'trends', from, to] as const,
  market: (p: Period) => ['sales', 'insight', 'market', p] as const,
  marketDeals: (p: Period, f: object) => ['sales', 'insight', 'market-deals', p, f] as const,
  forecast: (p: Period, teamId?: string) => ['sales', 'insight', 'forecast', p, teamId ?? null] as const,
  targets: (p: Period) => ['sales', 'insight', 'targets', p] as const,
  accuracy: (p: Period) => ['sales', 'insight', 'accuracy', p] as const,
  dashboard: (p: Period) => ['sales', 'insight', 'dashboard', p] as const,
  repDeals: (p: Period, ownerId: string) => ['opportunities', 'insight-forecast', p, ownerId] as const,
};

const pages = <P extends { nextCursor: string | null }>(key: readonly unknown[], path: string, query: Record<string, string | number | undefined> = {}) => ({
  queryKey: key,
  queryFn: ({ pageParam, signal }: { pageParam: string | undefined; signal: AbortSignal }) => api.get<P>(path, { ...query, limit: 50, cursor: pageParam }, signal),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last: P) => last.nextCursor ?? undefined,
});

export const useCompetitors = () => useInfiniteQuery(pages<CompetitorPage>(insightKeys.competitors, '/competitors'));
export const useSegments = () => useInfiniteQuery(pages<SegmentPage>(insightKeys.segments, '/market-segments'));
export const useExchangeRates = () => useInfiniteQuery(pages<ExchangeRatePage>(insightKeys.rates, '/exchange-rates'));
export const useFeedback = (f: FeedbackFilter) => useInfiniteQuery(pages<FeedbackPage>(insightKeys.feedback(f), '/market-feedback', f));
export const useFeedbackTrends = (from: string, to: string) =>
  useQuery({ queryKey: insightKeys.trends(from, to), queryFn: ({ signal }) => api.get<FeedbackTrends>('/market-feedback/trends', { from, to, by: 'month' }, signal) });
export const useMarket = (p: Period) => useQuery({ queryKey: insightKeys.market(p), queryFn: ({ signal }) => api.get<MarketInsight>('/market', { periodKind: p.kind, periodStart: p.start }, signal) });
export const useMarketDeals = (p: Period, f: DealsFilter | null) =>
  useQuery({
    queryKey: insightKeys.marketDeals(p, f ?? {}),
    enabled: f !== null,
    queryFn: ({ signal }) => api.get<InsightDealPage>('/market/deals', { periodKind: p.kind, periodStart: p.start, limit: 200, outcome: f?.outcome, competitorId: f?.competitorId, segmentId: f?.segmentId, reason: f?.reason }, signal),
  });
export const useForecast = (p: Period, teamId?: string) =>
  useQuery({ queryKey: insightKeys.forecast(p, teamId), queryFn: ({ signal }) => api.get<Forecast>('/forecast', { periodKind: p.kind, periodStart: p.start, teamId }, signal) });
export const useTargets = (p: Period) => useQuery({ queryKey: insightKeys.targets(p), queryFn: ({ signal }) => api.get<{ items: Target[] }>('/sales-targets', { periodKind: p.kind, periodStart: p.start }, signal) });
export const useAccuracy = (p: Period) => useQuery({ queryKey: insightKeys.accuracy(p), queryFn: ({ signal }) => api.get<Accuracy>('/forecast/accuracy', { periodKind: p.kind, periodStart: p.start }, signal) });
export const useDashboard = (p: Period) => useQuery({ queryKey: insightKeys.dashboard(p), queryFn: ({ signal }) => api.get<Dashboard>('/sales-dashboard', { periodKind: p.kind, periodStart: p.start }, signal) });

/** A rep's deals closing in the period (the opportunities list of the deals area, filtered). */
export const useRepDeals = (p: Period, ownerId: string, closeTo: string) =>
  useQuery({
    queryKey: insightKeys.repDeals(p, ownerId),
    queryFn: ({ signal }) => api.get<z.infer<typeof OpportunityPage>>('/opportunities', { ownerId, closeFrom: p.start, closeTo, limit: 200 }, signal),
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: insightKeys.all });
}

export function useInsightMutations() {
  const invalidate = useInvalidate();
  const qc = useQueryClient();
  return {
    saveCompetitor: useMutation({
      mutationFn: ({ id, ...body }: { id?: string } & Record<string, unknown>) => (id ? api.patch<Competitor>(`/competitors/${id}`, body) : api.post<Competitor>('/competitors', body)),
      onSuccess: invalidate,
    }),
    saveSegment: useMutation({
      mutationFn: ({ id, ...body }: { id?: string } & Record<string, unknown>) => (id ? api.patch<Segment>(`/market-segments/${id}`, body) : api.post<Segment>('/market-segments', body)),
      onSuccess: invalidate,
    }),
    putSizes: useMutation({ mutationFn: ({ id, ...body }: { id: string; version: number; sizes: Segment['sizes'] }) => api.put<Segment>(`/market-segments/${id}/sizes`, body), onSuccess: invalidate }),
    addRate: useMutation({ mutationFn: (body: { currency: string; rate: number; effectiveFrom: string }) => api.post<ExchangeRate>('/exchange-rates', body), onSuccess: invalidate }),
    deleteRate: useMutation({ mutationFn: (r: ExchangeRate) => api.delete(`/exchange-rates/${r.id}`, { version: r.version }), onSuccess: invalidate }),
    addFeedback: useMutation({ mutationFn: (body: CreateFeedback) => api.post<Feedback>('/market-feedback', body), onSuccess: invalidate }),
    putTarget: useMutation({ mutationFn: (body: PutTarget) => api.put<Target>('/sales-targets', body), onSuccess: invalidate }),
    takeSnapshot: useMutation({ mutationFn: (p: Period) => api.post('/forecast/snapshots', { periodKind: p.kind, periodStart: p.start }), onSuccess: invalidate }),
    setCategory: useMutation({
      mutationFn: (o: { id: string; version: number; forecastCategory: ForecastCategory }) => api.patch<Opportunity>(`/opportunities/${o.id}`, { version: o.version, forecastCategory: o.forecastCategory }),
      onSuccess: () => {
        void invalidate();
        void qc.invalidateQueries({ queryKey: ['opportunities'] });
      },
    }),
  };
}

// ---- periods on the client ----

const pad = (n: number) => String(n).padStart(2, '0');

/** The period of `kind` containing today. */
export function currentPeriod(kind: PeriodKind, today = new Date()): Period {
  const y = today.getFullYear();
  const m = today.getMonth() + 1;
  const first = kind === 'year' ? 1 : kind === 'quarter' ? m - ((m - 1) % 3) : m;
  return { kind, start: `${y}-${pad(first)}-01` };
}

/** The period `n` periods after `p` (negative: before). */
export function shiftPeriod(p: Period, n: number): Period {
  const months = p.kind === 'year' ? 12 : p.kind === 'quarter' ? 3 : 1;
  const y = Number(p.start.slice(0, 4));
  const m = Number(p.start.slice(5, 7));
  const idx = y * 12 + (m - 1) + n * months;
  return { kind: p.kind, start: `${Math.floor(idx / 12)}-${pad((idx % 12) + 1)}-01` };
}

/** The last day of the period (for closeTo in links). */
export function periodEnd(p: Period): string {
  const next = shiftPeriod(p, 1);
  const d = new Date(Date.UTC(Number(next.start.slice(0, 4)), Number(next.start.slice(5, 7)) - 1, 1) - 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** A label such as 2026-Q4, 2026-11 or 2026. */
export function periodLabel(p: Period): string {
  if (p.kind === 'year') return p.start.slice(0, 4);
  if (p.kind === 'month') return p.start.slice(0, 7);
  return `${p.start.slice(0, 4)}-Q${Math.floor((Number(p.start.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The link to the opportunities list with these filters (the deals area reads them). */
const linkTo = (path: string) => (filters: Record<string, string | undefined>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  return `${path}?${q.toString()}`;
};

/** The opportunity list with these filters (what a chart element stands for). */
export const opportunitiesLink = linkTo('/sales/opportunities');
/** The contract list with these filters (booked revenue: contracts signed in a period). */
export const contractsLink = linkTo('/sales/contracts');
