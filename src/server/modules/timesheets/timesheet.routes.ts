import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, Id } from '../../../contracts/common.js';
import {
  CreateExpenseRequest, DecisionRequest, ExpensePage, ExpenseResponse, ListExpensesQuery, ListTimesheetsQuery, SaveWeekRequest, SubmitWeekRequest, TimesheetEntryPage,
  TimesheetEntryResponse, TimesheetWeekResponse, WeekQuery,
} from '../../../contracts/timesheets.js';
import { ctxOf } from '../../http/request-context.js';
import * as time from './timesheet.service.js';

const Params = z.object({ id: Id });
const Decision = z.object({ id: Id, decision: z.enum(['approve', 'reject']) });
const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
const tags = ['timesheets'];

export const timesheetRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/timesheets', { schema: { tags, summary: "The caller's week: assigned tasks on active projects and the hours logged", querystring: WeekQuery, response: { 200: TimesheetWeekResponse, 400: ErrorResponse } } }, (req) =>
    time.getWeek(ctxOf(req), req.query.weekStart),
  );
  app.put('/timesheets/week', { schema: { tags, summary: "Save the caller's draft week in one transaction (≤ 24 h a day, quarter hours)", body: SaveWeekRequest, response: { 200: TimesheetWeekResponse, ...errors } } }, (req) =>
    time.saveWeek(ctxOf(req), req.body),
  );
  app.post('/timesheets/submit', { schema: { tags, summary: "Submit the caller's draft week for approval", body: SubmitWeekRequest, response: { 200: TimesheetWeekResponse, ...errors } } }, (req) =>
    time.submitWeek(ctxOf(req), req.body.weekStart),
  );
  app.get('/projects/:id/timesheets', { schema: { tags, summary: "A project's timesheet entries (the PM sees all, a member their own; keyset-paginated)", params: Params, querystring: ListTimesheetsQuery, response: { 200: TimesheetEntryPage, 400: ErrorResponse, 404: ErrorResponse } } }, (req) =>
    time.listProjectTimesheets(ctxOf(req), req.params.id, req.query),
  );
  app.post('/timesheet-entries/:id/:decision', { schema: { tags, summary: 'The PM approves or rejects submitted hours', params: Decision, body: DecisionRequest, response: { 200: TimesheetEntryResponse, ...errors } } }, (req) =>
    time.decideEntry(ctxOf(req), req.params.id, req.params.decision, req.body.version),
  );
  app.get('/projects/:id/expenses', { schema: { tags, summary: "A project's expenses (the PM sees all, a member their own)", params: Params, querystring: ListExpensesQuery, response: { 200: ExpensePage, 400: ErrorResponse, 404: ErrorResponse } } }, (req) =>
    time.listExpenses(ctxOf(req), req.params.id, req.query),
  );
  app.post('/projects/:id/expenses', { schema: { tags, summary: 'Record an expense (waits for the PM)', params: Params, body: CreateExpenseRequest, response: { 201: ExpenseResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return time.createExpense(ctxOf(req), req.params.id, req.body);
  });
  app.post('/expenses/:id/:decision', { schema: { tags, summary: 'The PM approves or rejects an expense', params: Decision, body: DecisionRequest, response: { 200: ExpenseResponse, ...errors } } }, (req) =>
    time.decideExpense(ctxOf(req), req.params.id, req.params.decision, req.body.version),
  );
};
