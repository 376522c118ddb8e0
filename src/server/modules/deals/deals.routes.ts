import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeleteRequest, ErrorResponse, Id } from '../../../contracts/common.js';
import {
  BoardCardPage, BoardCardsQuery, BoardQuery, BoardResponse, CreateOpportunityRequest, CreatePipelineRequest, CreateSavedViewRequest, CreateStageRequest, ListOpportunitiesQuery,
  MoveOpportunityRequest, OpportunityCompetitorList, OpportunityDetail, OpportunityPage, OpportunityResponse, PipelineList, PipelineResponse, PutOpportunityCompetitorRequest,
  SavedViewList, SavedViewListQuery, SavedViewResponse, StageOrderRequest, UpdateOpportunityRequest, UpdatePipelineRequest, UpdateSavedViewRequest, UpdateStageRequest,
} from '../../../contracts/deals.js';
import { ctxOf } from '../../http/request-context.js';
import { unchecked } from '../../http/serialize.js';
import * as opportunities from './opportunity.service.js';
import * as pipelines from './pipeline.service.js';
import * as views from './saved-view.service.js';

const Params = z.object({ id: Id });
const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
const tags = ['deals'];

/** The pipelines, stages, opportunities, board, saved views routes (under /api/v1). */
export const dealsRoutes: FastifyPluginAsyncZod = async (app) => {
  // ---- pipelines and stages ----
  app.get('/pipelines', { schema: { tags, summary: "The organisation's pipelines with their stages (the standard one is made on first use)", response: { 200: PipelineList, 403: ErrorResponse, 404: ErrorResponse } } }, (req) =>
    pipelines.listPipelines(ctxOf(req)),
  );
  app.post('/pipelines', { schema: { tags, summary: 'Add a pipeline (exactly one won and one lost stage)', body: CreatePipelineRequest, response: { 201: PipelineResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return pipelines.createPipeline(ctxOf(req), req.body);
  });
  app.get('/pipelines/:id', { schema: { tags, params: Params, response: { 200: PipelineResponse, 404: ErrorResponse } } }, (req) => pipelines.getPipeline(ctxOf(req), req.params.id));
  app.patch('/pipelines/:id', { schema: { tags, summary: 'Rename, make the default, archive', params: Params, body: UpdatePipelineRequest, response: { 200: PipelineResponse, ...errors } } }, (req) =>
    pipelines.updatePipeline(ctxOf(req), req.params.id, req.body),
  );
  app.post('/pipelines/:id/stages', { schema: { tags, summary: 'Add a stage', params: Params, body: CreateStageRequest, response: { 201: PipelineResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return pipelines.addStage(ctxOf(req), req.params.id, req.body);
  });
  app.put('/pipelines/:id/stage-order', { schema: { tags, summary: 'Reorder the stages (all live stages, in the new order; the pipeline version)', params: Params, body: StageOrderRequest, response: { 200: PipelineResponse, ...errors } } }, (req) =>
    pipelines.reorderStages(ctxOf(req), req.params.id, req.body),
  );
  app.patch('/stages/:id', { schema: { tags, summary: 'Name, default probability, kind (unused stages only), archive', params: Params, body: UpdateStageRequest, response: { 200: PipelineResponse, ...errors } } }, (req) =>
    pipelines.updateStage(ctxOf(req), req.params.id, req.body),
  );
  app.delete('/stages/:id', { schema: { tags, summary: 'Remove a stage: deleted when never used, archived otherwise', params: Params, body: DeleteRequest, response: { 200: PipelineResponse, ...errors } } }, (req) =>
    pipelines.removeStage(ctxOf(req), req.params.id, req.body.version),
  );

  // ---- board ----
  app.get('/pipelines/:id/board', { ...unchecked, schema: { tags, summary: 'Kanban: per stage count, amount and weighted amount (SQL), and the first 10 cards of each open stage', params: Params, querystring: BoardQuery, response: { 200: BoardResponse, 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } } }, (req) =>
    opportunities.board(ctxOf(req), req.params.id, req.query),
  );
  app.get('/pipelines/:id/board/stages/:stageId/cards', { schema: { tags, summary: "More of a board column's cards", params: Params.extend({ stageId: Id }), querystring: BoardCardsQuery, response: { 200: BoardCardPage, 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } } }, (req) =>
    opportunities.boardCards(ctxOf(req), req.params.id, req.params.stageId, req.query),
  );

  // ---- opportunities ----
  // The two hot reads skip zod's response check (deals.db.test.ts parses their answers with the schemas instead).
  app.get('/opportunities', { ...unchecked, schema: { tags, summary: 'Opportunities the user may see, filtered, keyset-paginated', querystring: ListOpportunitiesQuery, response: { 200: OpportunityPage, 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } } }, (req) =>
    opportunities.listOpportunities(ctxOf(req), req.query),
  );
  app.post('/opportunities', { schema: { tags, body: CreateOpportunityRequest, response: { 201: OpportunityResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return opportunities.createOpportunity(ctxOf(req), req.body);
  });
  app.get('/opportunities/:id', { schema: { tags, summary: 'An opportunity with its stage history and competitors', params: Params, response: { 200: OpportunityDetail, 404: ErrorResponse } } }, (req) =>
    opportunities.getOpportunity(ctxOf(req), req.params.id),
  );
  app.patch('/opportunities/:id', { schema: { tags, params: Params, body: UpdateOpportunityRequest, response: { 200: OpportunityResponse, ...errors } } }, (req) => opportunities.updateOpportunity(ctxOf(req), req.params.id, req.body));
  app.post('/opportunities/:id/move', { schema: { tags, summary: 'Move to another stage of its pipeline (lost needs a reason)', params: Params, body: MoveOpportunityRequest, response: { 200: OpportunityResponse, ...errors } } }, (req) =>
    opportunities.moveOpportunity(ctxOf(req), req.params.id, req.body),
  );
  const CompetitorParams = Params.extend({ competitorId: Id });
  app.put('/opportunities/:id/competitors/:competitorId', { schema: { tags, summary: 'Add or update a competitor on the deal', params: CompetitorParams, body: PutOpportunityCompetitorRequest, response: { 200: OpportunityCompetitorList, ...errors } } }, (req) =>
    opportunities.putCompetitor(ctxOf(req), req.params.id, req.params.competitorId, req.body),
  );
  app.delete('/opportunities/:id/competitors/:competitorId', { schema: { tags, params: CompetitorParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await opportunities.removeCompetitor(ctxOf(req), req.params.id, req.params.competitorId);
    return reply.status(204).send(null);
  });

  // ---- saved views ----
  app.get('/saved-views', { schema: { tags, summary: "The user's saved views of a list and those shared in the organisation", querystring: SavedViewListQuery, response: { 200: SavedViewList, 400: ErrorResponse, 404: ErrorResponse } } }, (req) =>
    views.listSavedViews(ctxOf(req), req.query.list),
  );
  app.post('/saved-views', { schema: { tags, body: CreateSavedViewRequest, response: { 201: SavedViewResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return views.createSavedView(ctxOf(req), req.body);
  });
  app.patch('/saved-views/:id', { schema: { tags, params: Params, body: UpdateSavedViewRequest, response: { 200: SavedViewResponse, ...errors } } }, (req) => views.updateSavedView(ctxOf(req), req.params.id, req.body));
  app.delete('/saved-views/:id', { schema: { tags, params: Params, body: DeleteRequest, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await views.deleteSavedView(ctxOf(req), req.params.id, req.body.version);
    return reply.status(204).send(null);
  });
};
