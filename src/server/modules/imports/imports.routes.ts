import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, Id, PageQuery } from '../../../contracts/common.js';
import { IMPORT_MAX_BYTES, ImportJobPage, ImportJobResponse, ImportMappingRequest, ImportRejectionPage, ListRejectionsQuery, UploadImportQuery } from '../../../contracts/imports.js';
import { ctxOf } from '../../http/request-context.js';
import * as imports from './import.service.js';
import { ExportParams, exportList } from './export.service.js';

const Params = z.object({ id: Id });
const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

/** The CSV import and CSV/XLSX export routes (under /api/v1). */
export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['imports'];
  // The file is the request body, as sent by the browser (no multipart): CSV text in any encoding.
  app.addContentTypeParser(['text/csv', 'application/csv', 'application/vnd.ms-excel', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_req, body, done) => done(null, body));
  app.addHook('onClose', async () => imports.settleImports());

  app.post(
    '/imports',
    {
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        tags,
        summary: 'Upload a CSV file (the body, up to 100 MB; UTF-8 with or without BOM, or GBK) to import accounts, contacts, leads or opportunities: answers its columns, sample rows and a suggested mapping',
        querystring: UploadImportQuery,
        response: { 201: ImportJobResponse, ...errors, 413: ErrorResponse, 415: ErrorResponse },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return imports.uploadImport(ctxOf(req), req.query, req.body as Buffer);
    },
  );
  app.get('/imports', { schema: { tags, summary: 'My imports, newest first', querystring: PageQuery, response: { 200: ImportJobPage, 404: ErrorResponse } } }, (req) => imports.listImports(ctxOf(req), req.query));
  app.get('/imports/:id', { schema: { tags, summary: 'An import with its progress and figures', params: Params, response: { 200: ImportJobResponse, 404: ErrorResponse } } }, (req) => imports.getImport(ctxOf(req), req.params.id));
  app.put('/imports/:id/mapping', { schema: { tags, summary: 'Which field each column fills (null: leave the column out)', params: Params, body: ImportMappingRequest, response: { 200: ImportJobResponse, ...errors } } }, (req) =>
    imports.setMapping(ctxOf(req), req.params.id, req.body.mapping),
  );
  app.post('/imports/:id/check', { schema: { tags, summary: 'Dry run in the background: judge every row, write nothing, list each rejected row and why', params: Params, response: { 202: ImportJobResponse, ...errors } } }, async (req, reply) => {
    reply.status(202);
    return imports.checkImport(ctxOf(req), req.params.id);
  });
  app.post('/imports/:id/run', { schema: { tags, summary: 'Import the checked file in the background; rejected rows are not written', params: Params, response: { 202: ImportJobResponse, ...errors } } }, async (req, reply) => {
    reply.status(202);
    return imports.runImport(ctxOf(req), req.params.id);
  });
  app.get('/imports/:id/rejections', { schema: { tags, summary: 'The rows a check or an import rejected, by row of the file', params: Params, querystring: ListRejectionsQuery, response: { 200: ImportRejectionPage, 404: ErrorResponse } } }, (req) =>
    imports.listRejections(ctxOf(req), req.params.id, req.query),
  );
  app.get(
    '/exports/:list',
    { schema: { tags, summary: 'Download a sales list with the same filters as the list (format=xlsx or csv): everything of it that you may see', params: ExportParams, querystring: z.record(z.string(), z.string()), response: { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } } },
    async (req, reply) => {
      const file = exportList(ctxOf(req), req.params.list, req.query);
      reply.header('content-type', file.contentType);
      reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      reply.header('cache-control', 'no-store');
      return reply.send(file.stream as never);
    },
  );
};
