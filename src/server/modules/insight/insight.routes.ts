import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeleteRequest, ErrorResponse, Id, PageQuery } from '../../../contracts/common.js';
import {
  AccuracyQuery, AccuracyResponse, CompetitorPage, CompetitorResponse, CreateCompetitorRequest, CreateExchangeRateRequest, CreateFeedbackRequest, CreateSegmentRequest, DashboardQuery,
  DashboardResponse, ExchangeRatePage, ExchangeRateResponse, FeedbackPage, FeedbackResponse, FeedbackTrendsQuery, FeedbackTrendsResponse, ForecastQuery, ForecastResponse, InsightDealPage,
  ListCompetitorsQuery, ListExchangeRatesQuery, ListFeedbackQuery, ListTargetsQuery, MarketInsightResponse, MarketQuery, PutSegmentSizesRequest, PutTargetRequest, SegmentPage,
  SegmentResponse, TakeSnapshotsRequest, TakeSnapshotsResponse, TargetList, TargetResponse, UpdateCompetitorRequest, UpdateSegmentRequest, WinLossDealsQuery,
} from '../../../contracts/insight.js';
import { ctxOf } from '../../http/request-context.js';
import * as forecast from './forecast.service.js';
import * as insight from './insight.service.js';

const Params = z.object({ id: Id });
const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
const reads = { 400: ErrorResponse, 404: ErrorResponse };

/** The market insight, quotas, forecast, sales dashboard routes (under /api/v1). */
export const insightRoutes: FastifyPluginAsyncZod = async (app) => {
  let tags = ['market insight'];
  app.get('/competitors', { schema: { tags, summary: 'Competitors by name (keyset-paginated); every sales user', querystring: ListCompetitorsQuery, response: { 200: CompetitorPage, ...reads } } }, (req) => insight.listCompetitors(ctxOf(req), req.query));
  app.post('/competitors', { schema: { tags, summary: 'Add a competitor (sales reps and managers)', body: CreateCompetitorRequest, response: { 201: CompetitorResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return insight.createCompetitor(ctxOf(req), req.body);
  });
  app.patch('/competitors/:id', { schema: { tags, params: Params, body: UpdateCompetitorRequest, response: { 200: CompetitorResponse, ...errors } } }, (req) => insight.updateCompetitor(ctxOf(req), req.params.id, req.body));

  app.get('/market-segments', { schema: { tags, summary: 'Market segments with their market sizes, by name (keyset-paginated)', querystring: PageQuery, response: { 200: SegmentPage, ...reads } } }, (req) => insight.listSegments(ctxOf(req), req.query));
  app.post('/market-segments', { schema: { tags, summary: 'Add a segment (salesConfig)', body: CreateSegmentRequest, response: { 201: SegmentResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return insight.createSegment(ctxOf(req), req.body);
  });
  app.patch('/market-segments/:id', { schema: { tags, params: Params, body: UpdateSegmentRequest, response: { 200: SegmentResponse, ...errors } } }, (req) => insight.updateSegment(ctxOf(req), req.params.id, req.body));
  app.put('/market-segments/:id/sizes', { schema: { tags, summary: 'Replace the market sizes of a segment (per year or quarter, minor units of the org currency)', params: Params, body: PutSegmentSizesRequest, response: { 200: SegmentResponse, ...errors } } }, (req) =>
    insight.putSegmentSizes(ctxOf(req), req.params.id, req.body),
  );

  app.get('/market-feedback', { schema: { tags, summary: 'The organisation’s market feedback, newest first (keyset-paginated); every sales user', querystring: ListFeedbackQuery, response: { 200: FeedbackPage, ...reads } } }, (req) => insight.listFeedback(ctxOf(req), req.query));
  app.post('/market-feedback', { schema: { tags, summary: 'Record market feedback (sales reps and managers)', body: CreateFeedbackRequest, response: { 201: FeedbackResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return insight.createFeedback(ctxOf(req), req.body);
  });
  app.get('/market-feedback/trends', { schema: { tags, summary: 'Feedback counted per month, category and sentiment', querystring: FeedbackTrendsQuery, response: { 200: FeedbackTrendsResponse, ...reads } } }, (req) => insight.feedbackTrends(ctxOf(req), req.query));
  app.get('/market', { schema: { tags, summary: 'Win/loss by competitor and lost reason (the actor’s deals), segments’ market size and share (the organisation’s)', querystring: MarketQuery, response: { 200: MarketInsightResponse, ...reads } } }, (req) =>
    insight.marketInsight(ctxOf(req), req.query),
  );
  app.get('/market/deals', { schema: { tags, summary: 'The deals behind a win/loss chart element (keyset-paginated)', querystring: WinLossDealsQuery, response: { 200: InsightDealPage, ...reads } } }, (req) => insight.winLossDeals(ctxOf(req), req.query));

  tags = ['exchange rates'];
  app.get('/exchange-rates', { schema: { tags, querystring: ListExchangeRatesQuery, response: { 200: ExchangeRatePage, ...reads } } }, (req) => insight.listExchangeRates(ctxOf(req), req.query));
  app.post('/exchange-rates', { schema: { tags, summary: 'Add a rate (units of the org currency per unit) from a date on; one per currency and date', body: CreateExchangeRateRequest, response: { 201: ExchangeRateResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return insight.createExchangeRate(ctxOf(req), req.body);
  });
  app.delete('/exchange-rates/:id', { schema: { tags, params: Params, body: DeleteRequest, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await insight.deleteExchangeRate(ctxOf(req), req.params.id, req.body.version);
    reply.status(204);
    return null;
  });

  tags = ['forecast'];
  app.get('/sales-targets', { schema: { tags, summary: 'Quotas of a period that the actor may see', querystring: ListTargetsQuery, response: { 200: TargetList, ...reads } } }, (req) => forecast.listTargets(ctxOf(req), req.query));
  app.put('/sales-targets', { schema: { tags, summary: 'Set a quota for a person or team in the manager’s tree (version when replacing one)', body: PutTargetRequest, response: { 200: TargetResponse, ...errors } } }, (req) => forecast.putTarget(ctxOf(req), req.body));
  app.get('/forecast', { schema: { tags, summary: 'Forecast of a period per rep and rolled up by team', querystring: ForecastQuery, response: { 200: ForecastResponse, ...reads } } }, (req) => forecast.getForecast(ctxOf(req), req.query));
  app.post('/forecast/snapshots', { schema: { tags, summary: 'Snapshot the forecast of the manager’s reps now', body: TakeSnapshotsRequest, response: { 201: TakeSnapshotsResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return forecast.takeSnapshotsNow(ctxOf(req), req.body);
  });
  app.get('/forecast/accuracy', { schema: { tags, summary: 'Commit at period start vs closed won: 1 − |commit − booked| ÷ booked', querystring: AccuracyQuery, response: { 200: AccuracyResponse, ...reads } } }, (req) => forecast.forecastAccuracyOf(ctxOf(req), req.query));
  app.get('/sales-dashboard', { schema: { tags, summary: 'Every series of the sales dashboard in one response', querystring: DashboardQuery, response: { 200: DashboardResponse, ...reads } } }, (req) => forecast.salesDashboard(ctxOf(req), req.query));
};
