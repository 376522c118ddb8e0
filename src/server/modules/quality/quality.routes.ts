import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, Id } from '../../../contracts/common.js';
import {
  ChangeRequestActionRequest, ChangeRequestPage, ChangeRequestResponse, CreateChangeRequestRequest, CreateDefectRequest, CreateDeliverableRequest, DecideChangeRequestRequest, DefectPage,
  DefectResponse, DeliverablePage, DeliverableResponse, DeliverableReviewList, ListChangeRequestsQuery, ListDefectsQuery, ListDeliverablesQuery, ReviewDeliverableRequest,
  ReviewDeliverableResponse, UpdateChangeRequestRequest, UpdateDefectRequest, UpdateDeliverableRequest,
} from '../../../contracts/quality.js';
import { ctxOf } from '../../http/request-context.js';
import * as changes from './change.service.js';
import * as quality from './quality.service.js';

const Params = z.object({ id: Id });
const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
const read = { 400: ErrorResponse, 404: ErrorResponse };
const tags = ['quality'];
const crTags = ['change requests'];

/** The quality routes (under /api/v1): deliverables, their reviews and defects; change requests. */
export const qualityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/projects/:id/deliverables', { schema: { tags, summary: 'Deliverables of a project: earliest due first (keyset-paginated)', params: Params, querystring: ListDeliverablesQuery, response: { 200: DeliverablePage, ...read } } }, (req) =>
    quality.listDeliverables(ctxOf(req), req.params.id, req.query),
  );
  app.post('/projects/:id/deliverables', { schema: { tags, summary: 'Add a deliverable with its acceptance criteria', params: Params, body: CreateDeliverableRequest, response: { 201: DeliverableResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return quality.createDeliverable(ctxOf(req), req.params.id, req.body);
  });
  app.get('/deliverables/:id', { schema: { tags, params: Params, response: { 200: DeliverableResponse, ...read } } }, (req) => quality.getDeliverable(ctxOf(req), req.params.id));
  app.patch('/deliverables/:id', { schema: { tags, summary: 'Edit a deliverable; its status moves between planned and in review (accepted and rejected come from reviews)', params: Params, body: UpdateDeliverableRequest, response: { 200: DeliverableResponse, ...errors } } }, (req) =>
    quality.updateDeliverable(ctxOf(req), req.params.id, req.body),
  );
  app.get('/deliverables/:id/reviews', { schema: { tags, summary: 'Reviews of a deliverable, newest first', params: Params, response: { 200: DeliverableReviewList, ...read } } }, (req) => quality.listDeliverableReviews(ctxOf(req), req.params.id));
  app.post('/deliverables/:id/reviews', { schema: { tags, summary: 'Record a review with the defects it found; accepting needs every criterion met and no open high or critical defect (422)', params: Params, body: ReviewDeliverableRequest, response: { 201: ReviewDeliverableResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return quality.reviewDeliverable(ctxOf(req), req.params.id, req.body);
  });
  app.post('/deliverables/:id/defects', { schema: { tags, summary: 'Log a defect against a deliverable', params: Params, body: CreateDefectRequest, response: { 201: DefectResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return quality.createDefect(ctxOf(req), req.params.id, req.body);
  });
  app.get('/projects/:id/defects', { schema: { tags, summary: 'Defects of a project: most severe first (keyset-paginated)', params: Params, querystring: ListDefectsQuery, response: { 200: DefectPage, ...read } } }, (req) =>
    quality.listDefects(ctxOf(req), req.params.id, req.query),
  );
  app.get('/defects/:id', { schema: { tags, params: Params, response: { 200: DefectResponse, ...read } } }, (req) => quality.getDefect(ctxOf(req), req.params.id));
  app.patch('/defects/:id', { schema: { tags, summary: 'Edit a defect; the assignee may move it between open and fixed', params: Params, body: UpdateDefectRequest, response: { 200: DefectResponse, ...errors } } }, (req) =>
    quality.updateDefect(ctxOf(req), req.params.id, req.body),
  );

  app.get('/projects/:id/change-requests', { schema: { tags: crTags, summary: 'Change requests of a project: newest first (keyset-paginated)', params: Params, querystring: ListChangeRequestsQuery, response: { 200: ChangeRequestPage, ...read } } }, (req) =>
    changes.listChangeRequests(ctxOf(req), req.params.id, req.query),
  );
  app.post('/projects/:id/change-requests', { schema: { tags: crTags, summary: 'Raise a change request (numbered CR-1, CR-2 … per project)', params: Params, body: CreateChangeRequestRequest, response: { 201: ChangeRequestResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return changes.createChangeRequest(ctxOf(req), req.params.id, req.body);
  });
  app.get('/change-requests/:id', { schema: { tags: crTags, params: Params, response: { 200: ChangeRequestResponse, ...read } } }, (req) => changes.getChangeRequest(ctxOf(req), req.params.id));
  app.patch('/change-requests/:id', { schema: { tags: crTags, summary: 'Edit a draft', params: Params, body: UpdateChangeRequestRequest, response: { 200: ChangeRequestResponse, ...errors } } }, (req) =>
    changes.updateChangeRequest(ctxOf(req), req.params.id, req.body),
  );
  app.post('/change-requests/:id/submit', { schema: { tags: crTags, summary: 'Submit a draft for decision', params: Params, body: ChangeRequestActionRequest, response: { 200: ChangeRequestResponse, ...errors } } }, (req) =>
    changes.submitChangeRequest(ctxOf(req), req.params.id, req.body),
  );
  app.post('/change-requests/:id/withdraw', { schema: { tags: crTags, summary: 'Withdraw a draft or submitted request', params: Params, body: ChangeRequestActionRequest, response: { 200: ChangeRequestResponse, ...errors } } }, (req) =>
    changes.withdrawChangeRequest(ctxOf(req), req.params.id, req.body),
  );
  app.post('/change-requests/:id/decide', { schema: { tags: crTags, summary: 'Approve or reject a submitted request (the PM or the PMO)', params: Params, body: DecideChangeRequestRequest, response: { 200: ChangeRequestResponse, ...errors } } }, (req) =>
    changes.decideChangeRequest(ctxOf(req), req.params.id, req.body),
  );
};
