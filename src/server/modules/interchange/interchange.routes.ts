import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, Id } from '../../../contracts/common.js';
import { CalendarFeedCreated, CalendarFeedStatus, ImportProjectQuery, ImportResponse, MSPDI_CONTENT_TYPES } from '../../../contracts/interchange.js';
import { MspdiError, MspdiStreamParser, toImportPlan } from '../../../domain/mspdi/index.js';
import { ctxOf } from '../../http/request-context.js';
import { AppError, notFound } from '../../lib/errors.js';
import { UUID_RE } from '../../lib/ids.js';
import * as interchange from './interchange.service.js';

const Params = z.object({ id: Id });
const tags = ['interchange'];
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse, 422: ErrorResponse };
const XML_BODY = 'The body is the Microsoft Project XML file itself (MSPDI), sent as application/xml or text/xml, up to 200 MB; it is read as it streams in.';

/**
 * Streams a request body into the MSPDI parser: the 200 MB limit is checked against
 * Content-Length first and then against the bytes actually read, so an oversized upload is
 * refused without being buffered.
 */
async function readUpload(req: FastifyRequest, payload: AsyncIterable<Buffer | string>): Promise<interchange.MspdiUpload> {
  const { maxBytes, maxTasks } = interchange.importLimits;
  const declared = Number(req.headers['content-length']);
  try {
    if (Number.isFinite(declared) && declared > maxBytes) throw new MspdiError('too_large', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);
    const parser = new MspdiStreamParser({ maxBytes, maxTasks });
    for await (const chunk of payload) parser.writeBytes(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    const { plan, warnings } = toImportPlan(parser.finish(), { maxTasks });
    return interchange.makeUpload(plan, warnings);
  } catch (err) {
    if (err instanceof MspdiError) throw interchange.mspdiError(err);
    throw err;
  }
}

function uploadOf(body: unknown): interchange.MspdiUpload {
  if (!interchange.isUpload(body)) throw new AppError('unsupported_media_type', 'Send the Microsoft Project XML file itself as the body, as application/xml or text/xml.');
  return body;
}

export const interchangeRoutes: FastifyPluginAsyncZod = async (app) => {
  // Only the routes of this plugin read XML bodies.
  app.addContentTypeParser([...MSPDI_CONTENT_TYPES], (req: FastifyRequest, payload: IncomingMessage) => readUpload(req, payload));

  app.post(
    '/projects/import',
    {
      bodyLimit: interchange.importLimits.maxBytes,
      // Who may import is known before a byte of the body is read.
      preParsing: async (req, _reply, payload) => {
        interchange.assertMayImportProject(ctxOf(req));
        return payload;
      },
      schema: { tags, summary: 'Import a Microsoft Project XML (MSPDI) file as a new project', description: XML_BODY, querystring: ImportProjectQuery, response: { 201: ImportResponse, ...errors } },
    },
    async (req, reply) => {
      const result = await interchange.importProject(ctxOf(req), uploadOf(req.body), req.query);
      reply.status(201);
      return result;
    },
  );

  app.post(
    '/projects/:id/import',
    {
      bodyLimit: interchange.importLimits.maxBytes,
      preParsing: async (req, _reply, payload) => {
        const id = (req.params as { id?: string }).id ?? '';
        if (!UUID_RE.test(id)) throw notFound('Project');
        await interchange.assertMayImportInto(ctxOf(req), id);
        return payload;
      },
      schema: { tags, summary: 'Import a Microsoft Project XML (MSPDI) file as the plan of a project that has none', description: XML_BODY, params: Params, response: { 200: ImportResponse, ...errors } },
    },
    (req) => interchange.importIntoProject(ctxOf(req), req.params.id, uploadOf(req.body)),
  );

  app.get(
    '/projects/:id/export.mspdi',
    { schema: { tags, summary: 'The plan as a Microsoft Project XML (MSPDI) file', description: 'Answers application/xml (an attachment), or 404 for a project the caller may not see.', params: Params } },
    async (req, reply) => {
      const { filename, chunks } = await interchange.exportProject(ctxOf(req), req.params.id);
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9_.-]/g, '_')}"`)
        .header('cache-control', 'private, no-store')
        .send(Readable.from(chunks));
    },
  );

  app.get('/auth/me/calendar-feed', { schema: { tags, summary: 'Whether I have a calendar feed (its URL is shown only when made)', response: { 200: CalendarFeedStatus, 401: ErrorResponse } } }, (req) =>
    interchange.calendarFeedStatus(ctxOf(req)),
  );
  app.post(
    '/auth/me/calendar-feed',
    { schema: { tags, summary: 'Make my secret iCalendar feed URL, or replace it (the old one stops working)', response: { 201: CalendarFeedCreated, 401: ErrorResponse } } },
    async (req, reply) => {
      reply.status(201);
      return interchange.createCalendarFeed(ctxOf(req));
    },
  );
  app.delete('/auth/me/calendar-feed', { schema: { tags, summary: 'Turn my calendar feed off', response: { 204: z.null(), 401: ErrorResponse } } }, async (req, reply) => {
    await interchange.deleteCalendarFeed(ctxOf(req));
    return reply.status(204).send(null);
  });

  app.get(
    '/ical/:token.ics',
    {
      schema: {
        tags,
        summary: 'A user’s tasks and milestones as iCalendar (the secret URL is the credential; no session)',
        params: z.object({ token: z.string().max(100) }),
        description: 'Answers text/calendar, or 404 for a token nobody holds.',
        security: [],
      },
    },
    async (req, reply) => {
      const s = req.server.services;
      const baseUrl = (s.config.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/$/, '');
      const body = await interchange.renderCalendarFeed(s, req.params.token, baseUrl);
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').header('content-disposition', 'inline; filename="tandem.ics"').send(body);
    },
  );
};
