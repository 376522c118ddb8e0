import { z } from 'zod';
import { Abilities, Id, IsoDate, PageQuery, pageOf, Version } from './common.js';

/** Requests and responses of the market insight, quotas, forecast, sales dashboard. */

const Text = (max: number) => z.string().trim().max(max);
/** Minor units, a non-negative safe integer (amounts arrive as JSON numbers, never strings). */
export const MinorAmount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const PeriodKind = z.enum(['month', 'quarter', 'year']);
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 code, e.g. USD.');

// ---- competitors ----
export const CompetitorResponse = z.object({
  id: Id,
  name: z.string(),
  website: z.string().nullable(),
  strengths: z.string(),
  weaknesses: z.string(),
  pricingNotes: z.string(),
  version: z.number(),
  abilities: Abilities,
});
export const CompetitorPage = pageOf(CompetitorResponse).extend({ abilities: Abilities });
export const ListCompetitorsQuery = PageQuery.extend({ q: Text(200).optional() });
export const CreateCompetitorRequest = z.object({
  name: Text(200).min(1),
  website: Text(500).nullable().default(null),
  strengths: Text(4000).default(''),
  weaknesses: Text(4000).default(''),
  pricingNotes: Text(4000).default(''),
});
export const UpdateCompetitorRequest = z.object({
  version: Version,
  name: Text(200).min(1).optional(),
  website: Text(500).nullable().optional(),
  strengths: Text(4000).optional(),
  weaknesses: Text(4000).optional(),
  pricingNotes: Text(4000).optional(),
});

// ---- market segments ----
export const SegmentSize = z.object({ periodKind: z.enum(['year', 'quarter']), periodStart: IsoDate, marketSize: MinorAmount });
export const SegmentResponse = z.object({ id: Id, name: z.string(), description: z.string(), version: z.number(), sizes: z.array(SegmentSize), abilities: Abilities });
export const SegmentPage = pageOf(SegmentResponse).extend({ abilities: Abilities });
export const CreateSegmentRequest = z.object({ name: Text(200).min(1), description: Text(4000).default('') });
export const UpdateSegmentRequest = z.object({ version: Version, name: Text(200).min(1).optional(), description: Text(4000).optional() });
/** Replaces the segment's market sizes with these (one per kind and period start). */
export const PutSegmentSizesRequest = z.object({ version: Version, sizes: z.array(SegmentSize).max(200) });

// ---- exchange rates ----
export const ExchangeRateResponse = z.object({ id: Id, currency: z.string(), rate: z.number(), effectiveFrom: z.string(), version: z.number() });
export const ExchangeRatePage = pageOf(ExchangeRateResponse).extend({ orgCurrency: z.string(), abilities: Abilities });
export const ListExchangeRatesQuery = PageQuery.extend({ currency: Currency.optional() });
export const CreateExchangeRateRequest = z.object({ currency: Currency, rate: z.number().positive().finite().max(1e9), effectiveFrom: IsoDate });

// ---- market feedback ----
export const FeedbackCategory = z.enum(['price', 'feature', 'competitor', 'service', 'other']);
export const FeedbackSentiment = z.enum(['positive', 'neutral', 'negative']);
export const FeedbackResponse = z.object({
  id: Id,
  source: z.string(),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  segmentId: z.string().nullable(),
  segmentName: z.string().nullable(),
  product: z.string().nullable(),
  category: FeedbackCategory,
  sentiment: FeedbackSentiment,
  text: z.string(),
  tags: z.array(z.string()),
  recordedBy: z.string(),
  recordedByName: z.string().nullable(),
  recordedOn: z.string(),
  version: z.number(),
});
export const FeedbackPage = pageOf(FeedbackResponse).extend({ abilities: Abilities });
export const ListFeedbackQuery = PageQuery.extend({
  category: FeedbackCategory.optional(),
  sentiment: FeedbackSentiment.optional(),
  segmentId: Id.optional(),
  accountId: Id.optional(),
  tag: Text(60).min(1).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const CreateFeedbackRequest = z.object({
  source: Text(200).min(1),
  accountId: Id.nullable().default(null),
  segmentId: Id.nullable().default(null),
  product: Text(200).nullable().default(null),
  category: FeedbackCategory,
  sentiment: FeedbackSentiment,
  text: Text(8000).min(1),
  tags: z.array(Text(60)).max(20).default([]),
  recordedOn: IsoDate,
});
export const FeedbackTrendsQuery = z.object({ from: IsoDate, to: IsoDate, by: z.enum(['month']).default('month') });
export const FeedbackTrendPoint = z.object({ month: z.string(), category: FeedbackCategory, sentiment: FeedbackSentiment, count: z.number() });
export const FeedbackTrendsResponse = z.object({ months: z.array(z.string()), points: z.array(FeedbackTrendPoint) });

// ---- market insight ----
export const MarketQuery = z.object({ periodKind: PeriodKind, periodStart: IsoDate });
export const CompetitorWinLoss = z.object({ competitorId: Id, name: z.string(), wonAgainst: z.number(), lostTo: z.number(), winRate: z.number().nullable(), lostAmount: z.number() });
export const LostReasonRow = z.object({ reason: z.string().nullable(), count: z.number(), amount: z.number() });
export const SegmentShare = z.object({ segmentId: Id, name: z.string(), marketSize: z.number().nullable(), sizePeriodKind: z.string().nullable(), booked: z.number(), share: z.number().nullable() });
export const MarketInsightResponse = z.object({
  period: z.object({ kind: PeriodKind, start: z.string(), end: z.string() }),
  competitors: z.array(CompetitorWinLoss),
  lostReasons: z.array(LostReasonRow),
  segments: z.array(SegmentShare),
});
export const WinLossDealsQuery = PageQuery.extend({ periodKind: PeriodKind, periodStart: IsoDate, competitorId: Id.optional(), segmentId: Id.optional(), outcome: z.enum(['won', 'lost']), reason: Text(200).optional() });
export const InsightDeal = z.object({ id: Id, name: z.string(), accountName: z.string(), ownerName: z.string().nullable(), status: z.string(), amountBase: z.number(), closeDate: z.string(), lostReason: z.string().nullable() });
export const InsightDealPage = pageOf(InsightDeal);

// ---- sales targets ----
export const TargetMetric = z.enum(['revenue', 'orders', 'new_customers']);
export const TargetResponse = z.object({
  id: Id,
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  periodKind: PeriodKind,
  periodStart: z.string(),
  metric: TargetMetric,
  amount: z.number(),
  version: z.number(),
});
export const ListTargetsQuery = z.object({ periodKind: PeriodKind, periodStart: IsoDate });
export const TargetList = z.object({ items: z.array(TargetResponse) });
export const PutTargetRequest = z
  .object({
    userId: Id.nullable().default(null),
    teamId: Id.nullable().default(null),
    periodKind: PeriodKind,
    periodStart: IsoDate,
    metric: TargetMetric,
    amount: MinorAmount,
    /** the version the client saw when it replaces an existing target (409 when stale) */
    version: Version.optional(),
  })
  .refine((t) => (t.userId === null) !== (t.teamId === null), { message: 'Set the target for exactly one person or one team.', path: ['userId'] });

// ---- forecast ----
export const ForecastQuery = z.object({ periodKind: PeriodKind, periodStart: IsoDate, teamId: Id.optional() });
export const ForecastFigures = z.object({
  closedWon: z.number(),
  /** value of the contracts signed in the period (what attainment and gap count) */
  booked: z.number(),
  /** contracts signed in the period, and the orders quota */
  orders: z.number(),
  ordersQuota: z.number().nullable(),
  /** accounts whose first signed contract was signed in the period, and the new-customers quota */
  newCustomers: z.number(),
  newCustomersQuota: z.number().nullable(),
  commit: z.number(),
  bestCase: z.number(),
  pipeline: z.number(),
  weighted: z.number(),
  quota: z.number().nullable(),
  attainment: z.number().nullable(),
  gap: z.number().nullable(),
  coverage: z.number().nullable(),
});
export const ForecastRep = ForecastFigures.extend({ userId: Id, name: z.string(), teamId: z.string().nullable() });
export const ForecastTeam = ForecastFigures.extend({ teamId: Id, name: z.string(), parentId: z.string().nullable(), depth: z.number(), managerId: z.string().nullable(), repIds: z.array(z.string()) });
export const ForecastResponse = z.object({
  period: z.object({ kind: PeriodKind, start: z.string(), end: z.string() }),
  currency: z.string(),
  reps: z.array(ForecastRep),
  teams: z.array(ForecastTeam),
  total: ForecastFigures,
  abilities: Abilities,
});
export const TakeSnapshotsRequest = z.object({ periodKind: PeriodKind, periodStart: IsoDate });
export const TakeSnapshotsResponse = z.object({ takenAt: z.string(), count: z.number() });
export const AccuracyQuery = z.object({ periodKind: PeriodKind.default('quarter'), periodStart: IsoDate });
export const AccuracyRow = z.object({ userId: Id, name: z.string(), commitAtStart: z.number().nullable(), snapshotAt: z.string().nullable(), booked: z.number(), accuracy: z.number().nullable() });
export const AccuracyResponse = z.object({ period: z.object({ kind: PeriodKind, start: z.string(), end: z.string() }), reps: z.array(AccuracyRow), total: AccuracyRow.omit({ userId: true, name: true, snapshotAt: true }) });

// ---- dashboard ----
export const DashboardQuery = z.object({ periodKind: PeriodKind, periodStart: IsoDate });
export const DashboardResponse = z.object({
  period: z.object({ kind: PeriodKind, start: z.string(), end: z.string() }),
  currency: z.string(),
  pipelineId: z.string().nullable(),
  funnel: z.array(z.object({ stageId: Id, name: z.string(), position: z.number(), count: z.number(), amount: z.number() })),
  attainment: z.array(z.object({ userId: Id, name: z.string(), closedWon: z.number(), booked: z.number(), quota: z.number().nullable(), attainment: z.number().nullable() })),
  forecastVsTarget: ForecastFigures,
  winRate: z.array(z.object({ month: z.string(), won: z.number(), lost: z.number(), winRate: z.number().nullable() })),
  feedbackTrends: FeedbackTrendsResponse,
});
