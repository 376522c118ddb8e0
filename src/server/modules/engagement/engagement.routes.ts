import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeleteRequest, ErrorResponse, Id } from '../../../contracts/common.js';
import {
  CommunicationItemPage, CommunicationItemResponse, CreateCommunicationItemRequest, CreateStakeholderRequest, ListCommunicationItemsQuery, ListStakeholdersQuery,
  MarkCommunicationDoneRequest, StakeholderPage, StakeholderResponse, UpdateCommunicationItemRequest, UpdateStakeholderRequest,
} from '../../../contracts/engagement.js';
import { DraftStatusReportQuery, ListStatusReportsQuery, StatusReportPage, StatusReportResponse, SubmitStatusReportRequest, UpdateStatusReportRequest } from '../../../contracts/reports.js';
import { ctxOf } from '../../http/request-context.js';
import { notificationRoutes } from '../notifications/notification.routes.js';
import * as comms from './communication.service.js';
import * as reports from './report.service.js';
import * as stakeholders from './stakeholder.service.js';

const Params = z.object({ id: Id });
const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

/** The engagement routes (under /api/v1): stakeholders, the communication plan, status reports, notifications. */
export const engagementRoutes: FastifyPluginAsyncZod = async (app) => {
  let tags = ['stakeholders'];
  app.get('/projects/:id/stakeholders', { schema: { tags, summary: 'Stakeholder register: most influential, then most interested first (keyset-paginated)', params: Params, querystring: ListStakeholdersQuery, response: { 200: StakeholderPage, 400: ErrorResponse, 404: ErrorResponse } } }, (req) =>
    stakeholders.listStakeholders(ctxOf(req), req.params.id, req.query),
  );
  app.post('/projects/:id/stakeholders', { schema: { tags, params: Params, body: CreateStakeholderRequest, response: { 201: StakeholderResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return stakeholders.createStakeholder(ctxOf(req), req.params.id, req.body);
  });
  app.get('/stakeholders/:id', { schema: { tags, params: Params, response: { 200: StakeholderResponse, 404: ErrorResponse } } }, (req) => stakeholders.getStakeholder(ctxOf(req), req.params.id));
  app.patch('/stakeholders/:id', { schema: { tags, params: Params, body: UpdateStakeholderRequest, response: { 200: StakeholderResponse, ...errors } } }, (req) => stakeholders.updateStakeholder(ctxOf(req), req.params.id, req.body));
  app.delete('/stakeholders/:id', { schema: { tags, params: Params, body: DeleteRequest, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await stakeholders.deleteStakeholder(ctxOf(req), req.params.id, req.body.version);
    return reply.status(204).send(null);
  });

  tags = ['communication plan'];
  app.get('/projects/:id/communications', { schema: { tags, summary: 'Communication plan: soonest due first (keyset-paginated)', params: Params, querystring: ListCommunicationItemsQuery, response: { 200: CommunicationItemPage, 400: ErrorResponse, 404: ErrorResponse } } }, (req) =>
    comms.listItems(ctxOf(req), req.params.id, req.query),
  );
  app.post('/projects/:id/communications', { schema: { tags, params: Params, body: CreateCommunicationItemRequest, response: { 201: CommunicationItemResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return comms.createItem(ctxOf(req), req.params.id, req.body);
  });
  app.get('/communications/:id', { schema: { tags, params: Params, response: { 200: CommunicationItemResponse, 404: ErrorResponse } } }, (req) => comms.getItem(ctxOf(req), req.params.id));
  app.patch('/communications/:id', { schema: { tags, params: Params, body: UpdateCommunicationItemRequest, response: { 200: CommunicationItemResponse, ...errors } } }, (req) => comms.updateItem(ctxOf(req), req.params.id, req.body));
  app.post('/communications/:id/done', { schema: { tags, summary: 'Done: the next due date moves on by the frequency (the PM or the item owner)', params: Params, body: MarkCommunicationDoneRequest, response: { 200: CommunicationItemResponse, ...errors } } }, (req) =>
    comms.markItemDone(ctxOf(req), req.params.id, req.body),
  );
  app.delete('/communications/:id', { schema: { tags, params: Params, body: DeleteRequest, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await comms.deleteItem(ctxOf(req), req.params.id, req.body.version);
    return reply.status(204).send(null);
  });

  tags = ['status reports'];
  app.get('/projects/:id/status-reports', { schema: { tags, summary: 'Status report history: newest week first (keyset-paginated)', params: Params, querystring: ListStatusReportsQuery, response: { 200: StatusReportPage, 400: ErrorResponse, 404: ErrorResponse } } }, (req) =>
    reports.listReports(ctxOf(req), req.params.id, req.query),
  );
  app.post('/projects/:id/status-reports/draft', { schema: { tags, summary: 'Draft the report of a week from the data (progress, SPI/CPI, milestones, top risks, open issues); 409 when that week has one', params: Params, querystring: DraftStatusReportQuery, response: { 201: StatusReportResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return reports.draftReport(ctxOf(req), req.params.id, req.query.weekOf);
  });
  app.get('/status-reports/:id', { schema: { tags, params: Params, response: { 200: StatusReportResponse, 404: ErrorResponse } } }, (req) => reports.getReport(ctxOf(req), req.params.id));
  app.patch('/status-reports/:id', { schema: { tags, summary: 'Edit a draft (a submitted report is read-only: 422)', params: Params, body: UpdateStatusReportRequest, response: { 200: StatusReportResponse, ...errors } } }, (req) => reports.updateReport(ctxOf(req), req.params.id, req.body));
  app.post('/status-reports/:id/submit', { schema: { tags, summary: 'Submit a draft: it becomes read-only history', params: Params, body: SubmitStatusReportRequest, response: { 200: StatusReportResponse, ...errors } } }, (req) =>
    reports.submitReport(ctxOf(req), req.params.id, req.body.version),
  );

  await app.register(notificationRoutes);
};
