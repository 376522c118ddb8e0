import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditPage, ListAuditQuery } from '../../../contracts/audit.js';
import { ErrorResponse } from '../../../contracts/common.js';
import { ctxOf } from '../../http/request-context.js';
import { listAudit } from './audit.service.js';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/audit-events', { schema: { tags: ['audit'], summary: 'The audit log, newest first, with filters', querystring: ListAuditQuery, response: { 200: AuditPage, 404: ErrorResponse } } }, (req) =>
    listAudit(ctxOf(req), req.query),
  );
};
