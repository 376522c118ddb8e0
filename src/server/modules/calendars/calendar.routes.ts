import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CalendarList, CalendarResponse, CreateCalendarRequest, UpdateCalendarRequest } from '../../../contracts/calendars.js';
import { DeleteRequest, ErrorResponse, Id } from '../../../contracts/common.js';
import { ctxOf } from '../../http/request-context.js';
import * as calendars from './calendar.service.js';

const Params = z.object({ id: Id });
const errors = { 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/calendars', { schema: { tags: ['calendars'], summary: 'Working calendars with holidays', response: { 200: CalendarList } } }, (req) => calendars.listCalendars(ctxOf(req)));
  app.post('/calendars', { schema: { tags: ['calendars'], body: CreateCalendarRequest, response: { 201: CalendarResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return calendars.createCalendar(ctxOf(req), req.body);
  });
  app.patch('/calendars/:id', { schema: { tags: ['calendars'], params: Params, body: UpdateCalendarRequest, response: { 200: CalendarResponse, ...errors } } }, (req) =>
    calendars.updateCalendar(ctxOf(req), req.params.id, req.body),
  );
  app.delete('/calendars/:id', { schema: { tags: ['calendars'], params: Params, body: DeleteRequest, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await calendars.deleteCalendar(ctxOf(req), req.params.id, req.body.version);
    return reply.status(204).send(null);
  });
};
