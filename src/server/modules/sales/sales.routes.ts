import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse } from '../../../contracts/common.js';
import { PutShareRequest, SalesSettingsResponse, ShareList, ShareParams, ShareUserParams, UpdateSalesSettingsRequest } from '../../../contracts/sales.js';
import { ctxOf } from '../../http/request-context.js';
import * as settings from './settings.service.js';
import * as shares from './share.service.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

/** The sales core routes (under /api/v1): settings and record sharing. */
export const salesCoreRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['sales'];
  app.get('/sales/settings', { schema: { tags, summary: 'The sales settings: discount needing approval, renewal notice, default contact cadence', response: { 200: SalesSettingsResponse, 403: ErrorResponse, 404: ErrorResponse } } }, (req) =>
    settings.getSalesSettings(ctxOf(req)),
  );
  app.put('/sales/settings', { schema: { tags, summary: 'Change the sales settings (sales managers and admins; version 0 saves the defaults for the first time)', body: UpdateSalesSettingsRequest, response: { 200: SalesSettingsResponse, ...errors } } }, (req) =>
    settings.updateSalesSettings(ctxOf(req), req.body),
  );
  app.get('/sales-shares/:entity/:id', { schema: { tags, summary: 'Who an account, lead, opportunity or contract is shared with', params: ShareParams, response: { 200: ShareList, 404: ErrorResponse } } }, (req) =>
    shares.listRecordShares(ctxOf(req), req.params.entity, req.params.id),
  );
  app.put('/sales-shares/:entity/:id/:userId', { schema: { tags, summary: 'Share a record with a colleague, to read or to edit (the owner and their managers)', params: ShareUserParams, body: PutShareRequest, response: { 200: ShareList, ...errors } } }, (req) =>
    shares.shareRecord(ctxOf(req), req.params.entity, req.params.id, req.params.userId, req.body.access),
  );
  app.delete('/sales-shares/:entity/:id/:userId', { schema: { tags, summary: 'Stop sharing a record with a colleague', params: ShareUserParams, response: { 200: ShareList, ...errors } } }, (req) =>
    shares.unshareRecord(ctxOf(req), req.params.entity, req.params.id, req.params.userId),
  );
};
