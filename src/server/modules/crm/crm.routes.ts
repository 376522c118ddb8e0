import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DeleteRequest, ErrorResponse, Id, PageQuery } from '../../../contracts/common.js';
import {
  AccountOpportunityPage, AccountPage, AccountResponse, ActivityPage, ActivityResponse, ContactPage, ContactResponse, ConvertLeadRequest, ConvertLeadResponse, CreateAccountRequest,
  CreateActivityRequest, CreateContactRequest, CreateLeadRequest, DisqualifyLeadRequest, LeadDuplicatesResponse, LeadPage, LeadResponse, ListAccountsQuery, ListActivitiesQuery, ListLeadsQuery,
  MyDayResponse, OverdueAccountPage, OverdueAccountsQuery, QualifyLeadRequest, UpdateAccountRequest, UpdateActivityRequest, UpdateContactRequest, UpdateLeadRequest,
} from '../../../contracts/crm.js';
import { ctxOf } from '../../http/request-context.js';
import * as accounts from './account.service.js';
import * as activities from './activity.service.js';
import * as leads from './lead.service.js';

const Params = z.object({ id: Id });
const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
const read = { 400: ErrorResponse, 404: ErrorResponse };

/** The accounts, contacts, leads, activities, my day, relationship upkeep routes (under /api/v1). */
export const crmRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['accounts'];
  app.get('/accounts', { schema: { tags, summary: 'Accounts the user may see, by name (filters, name search; keyset-paginated)', querystring: ListAccountsQuery, response: { 200: AccountPage, 400: ErrorResponse } } }, (req) =>
    accounts.listAccounts(ctxOf(req), req.query),
  );
  app.get('/accounts/overdue-contact', { schema: { tags, summary: 'Accounts overdue for contact (next contact due before now), most overdue first', querystring: OverdueAccountsQuery, response: { 200: OverdueAccountPage, 400: ErrorResponse } } }, (req) =>
    accounts.listOverdueAccounts(ctxOf(req), req.query),
  );
  app.post('/accounts', { schema: { tags, summary: 'Add an account (409 listing a same-named one unless allowDuplicate)', body: CreateAccountRequest, response: { 201: AccountResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return accounts.createAccount(ctxOf(req), req.body);
  });
  app.get('/accounts/:id', { schema: { tags, params: Params, response: { 200: AccountResponse, 404: ErrorResponse } } }, (req) => accounts.getAccount(ctxOf(req), req.params.id));
  app.patch('/accounts/:id', { schema: { tags, params: Params, body: UpdateAccountRequest, response: { 200: AccountResponse, ...errors } } }, (req) => accounts.updateAccount(ctxOf(req), req.params.id, req.body));
  app.delete('/accounts/:id', { schema: { tags, summary: 'Delete an account and its contacts (422 when it has opportunities)', params: Params, body: DeleteRequest, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await accounts.deleteAccount(ctxOf(req), req.params.id, req.body.version);
    reply.status(204);
    return null;
  });
  app.get('/accounts/:id/opportunities', { schema: { tags, summary: 'The opportunities of an account, latest close date first', params: Params, querystring: PageQuery, response: { 200: AccountOpportunityPage, ...read } } }, (req) =>
    accounts.listAccountOpportunities(ctxOf(req), req.params.id, req.query),
  );
  app.get('/accounts/:id/contacts', { schema: { tags, params: Params, querystring: PageQuery, response: { 200: ContactPage, ...read } } }, (req) => accounts.listContacts(ctxOf(req), req.params.id, req.query));
  app.post('/accounts/:id/contacts', { schema: { tags, summary: 'Add a contact (409 with the existing one for an email already known)', params: Params, body: CreateContactRequest, response: { 201: ContactResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return accounts.createContact(ctxOf(req), req.params.id, req.body);
  });
  app.patch('/contacts/:id', { schema: { tags, params: Params, body: UpdateContactRequest, response: { 200: ContactResponse, ...errors } } }, (req) => accounts.updateContact(ctxOf(req), req.params.id, req.body));
  app.delete('/contacts/:id', { schema: { tags, params: Params, body: DeleteRequest, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await accounts.deleteContact(ctxOf(req), req.params.id, req.body.version);
    reply.status(204);
    return null;
  });

  const leadTags = ['leads'];
  app.get('/leads', { schema: { tags: leadTags, summary: 'Leads the user may see, newest first', querystring: ListLeadsQuery, response: { 200: LeadPage, 400: ErrorResponse } } }, (req) => leads.listLeads(ctxOf(req), req.query));
  app.post('/leads', { schema: { tags: leadTags, body: CreateLeadRequest, response: { 201: LeadResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return leads.createLead(ctxOf(req), req.body);
  });
  app.get('/leads/:id', { schema: { tags: leadTags, params: Params, response: { 200: LeadResponse, 404: ErrorResponse } } }, (req) => leads.getLead(ctxOf(req), req.params.id));
  app.patch('/leads/:id', { schema: { tags: leadTags, params: Params, body: UpdateLeadRequest, response: { 200: LeadResponse, ...errors } } }, (req) => leads.updateLead(ctxOf(req), req.params.id, req.body));
  app.post('/leads/:id/qualify', { schema: { tags: leadTags, params: Params, body: QualifyLeadRequest, response: { 200: LeadResponse, ...errors } } }, (req) => leads.qualifyLead(ctxOf(req), req.params.id, req.body.version));
  app.post('/leads/:id/disqualify', { schema: { tags: leadTags, summary: 'Disqualify a lead (a reason is required)', params: Params, body: DisqualifyLeadRequest, response: { 200: LeadResponse, ...errors } } }, (req) =>
    leads.disqualifyLead(ctxOf(req), req.params.id, req.body),
  );
  app.get('/leads/:id/duplicates', { schema: { tags: leadTags, summary: 'Accounts and contacts like this lead that the user may see, to link on conversion', params: Params, response: { 200: LeadDuplicatesResponse, 404: ErrorResponse } } }, (req) =>
    leads.leadDuplicates(ctxOf(req), req.params.id),
  );
  app.post('/leads/:id/convert', { schema: { tags: leadTags, summary: 'Convert: account + contact (linked or new) + opportunity, in one transaction', params: Params, body: ConvertLeadRequest, response: { 201: ConvertLeadResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return leads.convertLead(ctxOf(req), req.params.id, req.body);
  });

  const actTags = ['activities'];
  app.get('/activities', { schema: { tags: actTags, summary: 'The activity timeline of one record (newest first)', querystring: ListActivitiesQuery, response: { 200: ActivityPage, ...read } } }, (req) => activities.listActivities(ctxOf(req), req.query));
  app.post('/activities', { schema: { tags: actTags, summary: 'Log a call, meeting, email, note or task against one record', body: CreateActivityRequest, response: { 201: ActivityResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return activities.createActivity(ctxOf(req), req.body);
  });
  app.patch('/activities/:id', { schema: { tags: actTags, params: Params, body: UpdateActivityRequest, response: { 200: ActivityResponse, ...errors } } }, (req) => activities.updateActivity(ctxOf(req), req.params.id, req.body));
  app.get('/me/day', { schema: { tags: actTags, summary: 'My follow-ups: overdue, due today, the coming week; done today', response: { 200: MyDayResponse } } }, (req) => activities.myDay(ctxOf(req)));
};
