import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, Id } from '../../../contracts/common.js';
import {
  CreateIssueRequest, CreateRiskRequest, IssuePage, IssueResponse, ListIssuesQuery, ListRisksQuery, OccurRiskRequest, OccurRiskResponse, ReviewRiskRequest, RiskMatrixResponse,
  RiskPage, RiskResponse, RiskReviewList, UpdateIssueRequest, UpdateRiskRequest,
} from '../../../contracts/risks.js';
import { ctxOf } from '../../http/request-context.js';
import * as issues from './issue.service.js';
import * as risks from './risk.service.js';

const Params = z.object({ id: Id });
const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
const tags = ['risks'];

export const riskRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/projects/:id/risks', { schema: { tags, summary: 'The risk register of a project: highest score first (keyset-paginated)', params: Params, querystring: ListRisksQuery, response: { 200: RiskPage, 400: ErrorResponse, 404: ErrorResponse } } }, (req) =>
    risks.listRisks(ctxOf(req), req.params.id, req.query),
  );
  app.post('/projects/:id/risks', { schema: { tags, summary: 'Add a risk (score = probability × impact)', params: Params, body: CreateRiskRequest, response: { 201: RiskResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return risks.createRisk(ctxOf(req), req.params.id, req.body);
  });
  app.get('/projects/:id/risk-matrix', { schema: { tags, summary: 'Open and monitored risks counted per probability × impact cell (5×5)', params: Params, response: { 200: RiskMatrixResponse, 404: ErrorResponse } } }, (req) =>
    risks.riskMatrix(ctxOf(req), req.params.id),
  );
  app.get('/risks/:id', { schema: { tags, params: Params, response: { 200: RiskResponse, 404: ErrorResponse } } }, (req) => risks.getRisk(ctxOf(req), req.params.id));
  app.patch('/risks/:id', { schema: { tags, params: Params, body: UpdateRiskRequest, response: { 200: RiskResponse, ...errors } } }, (req) => risks.updateRisk(ctxOf(req), req.params.id, req.body));
  app.post('/risks/:id/reviews', { schema: { tags, summary: 'Record a review: re-rate the risk, set the next review date; kept in its history', params: Params, body: ReviewRiskRequest, response: { 200: RiskResponse, ...errors } } }, (req) =>
    risks.reviewRisk(ctxOf(req), req.params.id, req.body),
  );
  app.get('/risks/:id/reviews', { schema: { tags, summary: 'Review history, newest first', params: Params, response: { 200: RiskReviewList, 404: ErrorResponse } } }, (req) => risks.listRiskReviews(ctxOf(req), req.params.id));
  app.post('/risks/:id/occur', { schema: { tags, summary: 'The risk happened: it becomes an issue (one transaction, linked both ways)', params: Params, body: OccurRiskRequest, response: { 201: OccurRiskResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return risks.occurRisk(ctxOf(req), req.params.id, req.body);
  });

  app.get('/projects/:id/issues', { schema: { tags, summary: 'Issues of a project: most severe first (keyset-paginated)', params: Params, querystring: ListIssuesQuery, response: { 200: IssuePage, 400: ErrorResponse, 404: ErrorResponse } } }, (req) =>
    issues.listIssues(ctxOf(req), req.params.id, req.query),
  );
  app.post('/projects/:id/issues', { schema: { tags, params: Params, body: CreateIssueRequest, response: { 201: IssueResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return issues.createIssue(ctxOf(req), req.params.id, req.body);
  });
  app.get('/issues/:id', { schema: { tags, params: Params, response: { 200: IssueResponse, 404: ErrorResponse } } }, (req) => issues.getIssue(ctxOf(req), req.params.id));
  app.patch('/issues/:id', { schema: { tags, params: Params, body: UpdateIssueRequest, response: { 200: IssueResponse, ...errors } } }, (req) => issues.updateIssue(ctxOf(req), req.params.id, req.body));
};
