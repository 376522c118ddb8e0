import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChecklistItemResponse, CloseProjectRequest, ClosingResponse, CreateChecklistItemRequest, CreateLessonRequest, DeliveryDashboard, LessonPage, LessonResponse, ListLessonsQuery,
  PortfolioPage, PortfolioQuery, SuggestedLessonList, UpdateChecklistItemRequest, UpdateClosingRequest, UpdateLessonRequest,
} from '../../../contracts/closing.js';
import { DeleteRequest, ErrorResponse, Id } from '../../../contracts/common.js';
import { ProjectResponse } from '../../../contracts/projects.js';
import { ctxOf } from '../../http/request-context.js';
import * as closing from './closing.service.js';
import * as lessons from './lessons.service.js';
import * as portfolio from './portfolio.service.js';

const Params = z.object({ id: Id });
const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

/** The closing routes (under /api/v1): closing, lessons learned, the portfolio and the PM dashboard. */
export const closingRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['closing'];
  app.get('/projects/:id/closing', { schema: { tags, summary: 'The closing checklist, final acceptance and retrospective of a project (its manager\'s first visit makes the default checklist)', params: Params, response: { 200: ClosingResponse, 404: ErrorResponse } } }, (req) =>
    closing.getClosing(ctxOf(req), req.params.id),
  );
  app.put('/projects/:id/closing', { schema: { tags, summary: 'Record the final acceptance and the retrospective', params: Params, body: UpdateClosingRequest, response: { 200: ClosingResponse, ...errors } } }, (req) =>
    closing.updateClosing(ctxOf(req), req.params.id, req.body),
  );
  app.post('/projects/:id/closing/items', { schema: { tags, summary: 'Add a checklist item', params: Params, body: CreateChecklistItemRequest, response: { 201: ChecklistItemResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return closing.addItem(ctxOf(req), req.params.id, req.body);
  });
  app.patch('/closing-items/:id', { schema: { tags, summary: 'Tick, untick or rename a checklist item', params: Params, body: UpdateChecklistItemRequest, response: { 200: ChecklistItemResponse, ...errors } } }, (req) =>
    closing.updateItem(ctxOf(req), req.params.id, req.body),
  );
  app.delete('/closing-items/:id', { schema: { tags, params: Params, body: DeleteRequest, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await closing.deleteItem(ctxOf(req), req.params.id, req.body.version);
    reply.status(204);
    return null;
  });
  app.post('/projects/:id/close', { schema: { tags, summary: 'Close the project: needs the checklist done, the final acceptance and a retrospective with a lesson (422 naming what is missing)', params: Params, body: CloseProjectRequest, response: { 200: ProjectResponse, ...errors } } }, (req) =>
    closing.closeProject(ctxOf(req), req.params.id, req.body.version),
  );

  const lessonTags = ['lessons'];
  app.get('/lessons', { schema: { tags: lessonTags, summary: 'The organisation\'s lessons learned: search words (title, what happened, why, recommendation), tag, industry; newest first (keyset-paginated)', querystring: ListLessonsQuery, response: { 200: LessonPage, 400: ErrorResponse, 403: ErrorResponse } } }, (req) =>
    lessons.listLessons(ctxOf(req), req.query),
  );
  app.get('/lessons/facets', { schema: { tags: lessonTags, summary: 'Industries and tags used in the library', response: { 200: z.object({ industries: z.array(z.string()), tags: z.array(z.string()) }), 403: ErrorResponse } } }, (req) => lessons.lessonFacets(ctxOf(req)));
  app.get('/lessons/:id', { schema: { tags: lessonTags, params: Params, response: { 200: LessonResponse, 404: ErrorResponse } } }, (req) => lessons.getLesson(ctxOf(req), req.params.id));
  app.post('/projects/:id/lessons', { schema: { tags: lessonTags, summary: 'Add a lesson to the project\'s retrospective (industry copied from the project)', params: Params, body: CreateLessonRequest, response: { 201: LessonResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return lessons.createLesson(ctxOf(req), req.params.id, req.body);
  });
  app.patch('/lessons/:id', { schema: { tags: lessonTags, params: Params, body: UpdateLessonRequest, response: { 200: LessonResponse, ...errors } } }, (req) => lessons.updateLesson(ctxOf(req), req.params.id, req.body));
  app.delete('/lessons/:id', { schema: { tags: lessonTags, params: Params, body: DeleteRequest, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await lessons.deleteLesson(ctxOf(req), req.params.id, req.body.version);
    reply.status(204);
    return null;
  });
  app.get('/projects/:id/suggested-lessons', { schema: { tags: lessonTags, summary: 'Lessons of other projects like this one: same industry, shared tags', params: Params, response: { 200: SuggestedLessonList, 403: ErrorResponse, 404: ErrorResponse } } }, (req) =>
    lessons.suggestedLessons(ctxOf(req), req.params.id),
  );

  const pTags = ['portfolio'];
  app.get('/portfolio', { schema: { tags: pTags, summary: 'Every project the caller may read with health, progress, SPI/CPI at today, budget, actual cost and next milestone (keyset-paginated)', querystring: PortfolioQuery, response: { 200: PortfolioPage, 400: ErrorResponse, 403: ErrorResponse } } }, (req) =>
    portfolio.portfolio(ctxOf(req), req.query),
  );
  app.get('/me/delivery-dashboard', { schema: { tags: pTags, summary: 'The caller\'s running projects with SPI/CPI, next milestone, overdue tasks, open high risks and timesheets awaiting approval', response: { 200: DeliveryDashboard } } }, (req) =>
    portfolio.deliveryDashboard(ctxOf(req)),
  );
};
