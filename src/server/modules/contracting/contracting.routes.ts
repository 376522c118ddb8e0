import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, Id } from '../../../contracts/common.js';
import {
  AddRoundRequest, AnswerSurveyRequest, ContractActionRequest, ContractDetail, ContractPage, CreateContractRequest, CreatedSurveyResponse, CreateOrderRequest, CreateProductRequest,
  CreateQuoteRequest, CreateSurveyRequest, ListContractsQuery, ListProductsQuery, ListSurveysQuery, MilestoneActionRequest, OrderResponse, ProductList, ProductResponse,
  PublicSurveyResponse, QuoteActionRequest, QuoteList, QuoteResponse, ReplaceMilestonesRequest, ReplaceQuoteLinesRequest, SignContractRequest, SurveyPage, SurveyToken,
  UpdateContractRequest, UpdateProductRequest,
} from '../../../contracts/contracting.js';
import { ctxOf } from '../../http/request-context.js';
import * as contracts from './contract.service.js';
import * as orders from './order.service.js';
import * as products from './product.service.js';
import * as quotes from './quote.service.js';
import * as surveys from './survey.service.js';

const Params = z.object({ id: Id });
const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

/** The products, quotes, contracts, orders, satisfaction surveys routes (under /api/v1). */
export const contractingRoutes: FastifyPluginAsyncZod = async (app) => {
  let tags = ['products'];
  app.get('/products', { schema: { tags, summary: 'The products and services catalogue (any sales user)', querystring: ListProductsQuery, response: { 200: ProductList, 403: ErrorResponse } } }, (req) =>
    products.listProducts(ctxOf(req), req.query),
  );
  app.post('/products', { schema: { tags, body: CreateProductRequest, response: { 201: ProductResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return products.createProduct(ctxOf(req), req.body);
  });
  app.patch('/products/:id', { schema: { tags, params: Params, body: UpdateProductRequest, response: { 200: ProductResponse, ...errors } } }, (req) => products.updateProduct(ctxOf(req), req.params.id, req.body));

  tags = ['quotes'];
  app.get('/opportunities/:id/quotes', { schema: { tags, summary: 'Every version of the opportunity’s quote, newest first', params: Params, response: { 200: QuoteList, 404: ErrorResponse } } }, (req) =>
    quotes.listQuotes(ctxOf(req), req.params.id),
  );
  app.post('/opportunities/:id/quotes', { schema: { tags, summary: 'A new quote version (fromQuoteId copies its lines); the open version before it is superseded', params: Params, body: CreateQuoteRequest, response: { 201: QuoteResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return quotes.createQuote(ctxOf(req), req.params.id, req.body);
  });
  app.get('/quotes/:id', { schema: { tags, params: Params, response: { 200: QuoteResponse, 404: ErrorResponse } } }, (req) => quotes.getQuote(ctxOf(req), req.params.id));
  app.put('/quotes/:id/lines', { schema: { tags, summary: 'Replace a draft’s lines; totals and margin are recomputed', params: Params, body: ReplaceQuoteLinesRequest, response: { 200: QuoteResponse, ...errors } } }, (req) =>
    quotes.replaceLines(ctxOf(req), req.params.id, req.body),
  );
  const quoteAction = (path: string, summary: string, fn: typeof quotes.submitQuote) =>
    app.post(`/quotes/:id/${path}`, { schema: { tags, summary, params: Params, body: QuoteActionRequest, response: { 200: QuoteResponse, ...errors } } }, (req) => fn(ctxOf(req), req.params.id, req.body));
  quoteAction('submit', 'Submit a draft: a discount above the limit waits for a sales manager’s approval, otherwise approved', quotes.submitQuote);
  quoteAction('approve', 'A sales manager over the owner approves the discount', quotes.approveQuote);
  quoteAction('reject-approval', 'A sales manager over the owner sends the discount back to draft (note required)', quotes.rejectQuoteApproval);
  quoteAction('send', 'The approved quote went to the customer', quotes.sendQuote);
  quoteAction('accept', 'The customer accepted the sent quote', quotes.acceptQuote);
  quoteAction('reject', 'The customer rejected the sent quote', quotes.rejectQuote);

  tags = ['contracts'];
  app.get('/contracts', { schema: { tags, summary: 'Contracts the user may see, newest first (keyset-paginated)', querystring: ListContractsQuery, response: { 200: ContractPage, 400: ErrorResponse, 403: ErrorResponse } } }, (req) =>
    contracts.listContracts(ctxOf(req), req.query),
  );
  app.post('/contracts', { schema: { tags, summary: 'A contract from an opportunity and its accepted quote, or by hand for an account', body: CreateContractRequest, response: { 201: ContractDetail, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return contracts.createContract(ctxOf(req), req.body);
  });
  app.get('/contracts/:id', { schema: { tags, params: Params, response: { 200: ContractDetail, 404: ErrorResponse } } }, (req) => contracts.getContract(ctxOf(req), req.params.id));
  app.patch('/contracts/:id', { schema: { tags, params: Params, body: UpdateContractRequest, response: { 200: ContractDetail, ...errors } } }, (req) => contracts.updateContract(ctxOf(req), req.params.id, req.body));
  app.post('/contracts/:id/rounds', { schema: { tags, summary: 'Log a negotiation round (moves a draft to negotiating)', params: Params, body: AddRoundRequest, response: { 200: ContractDetail, ...errors } } }, (req) =>
    contracts.addRound(ctxOf(req), req.params.id, req.body),
  );
  app.post('/contracts/:id/sign', { schema: { tags, summary: 'One side signs (422 unless awaiting signature); both signed → signed on the later date', params: Params, body: SignContractRequest, response: { 200: ContractDetail, ...errors } } }, (req) =>
    contracts.signContractSide(ctxOf(req), req.params.id, req.body),
  );
  const contractAction = (path: string, fn: typeof contracts.requestSignature) =>
    app.post(`/contracts/:id/${path}`, { schema: { tags, params: Params, body: ContractActionRequest, response: { 200: ContractDetail, ...errors } } }, (req) => fn(ctxOf(req), req.params.id, req.body));
  contractAction('request-signature', contracts.requestSignature);
  contractAction('activate', contracts.activateContract);
  contractAction('complete', contracts.completeContract);
  contractAction('terminate', contracts.terminateContract);

  tags = ['orders'];
  app.post('/contracts/:id/order', { schema: { tags, summary: 'The order of a signed contract (one per contract), with the accepted quote’s lines', params: Params, body: CreateOrderRequest, response: { 201: OrderResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return orders.createOrder(ctxOf(req), req.params.id, req.body);
  });
  app.get('/orders/:id', { schema: { tags, params: Params, response: { 200: OrderResponse, 404: ErrorResponse } } }, (req) => orders.getOrder(ctxOf(req), req.params.id));
  app.put('/orders/:id/milestones', { schema: { tags, summary: 'Replace the billing milestones; they must add up to the order’s value', params: Params, body: ReplaceMilestonesRequest, response: { 200: OrderResponse, ...errors } } }, (req) =>
    orders.replaceMilestones(ctxOf(req), req.params.id, req.body),
  );
  app.post('/milestones/:id/invoice', { schema: { tags, params: Params, body: MilestoneActionRequest, response: { 200: OrderResponse, ...errors } } }, (req) => orders.invoiceMilestone(ctxOf(req), req.params.id, req.body));
  app.post('/milestones/:id/pay', { schema: { tags, params: Params, body: MilestoneActionRequest, response: { 200: OrderResponse, ...errors } } }, (req) => orders.payMilestone(ctxOf(req), req.params.id, req.body));

  tags = ['surveys'];
  app.post('/surveys', { schema: { tags, summary: 'Send a CSAT/NPS survey; the answer link is returned once', body: CreateSurveyRequest, response: { 201: CreatedSurveyResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return surveys.createSurvey(ctxOf(req), req.body);
  });
  app.get('/surveys', { schema: { tags, summary: 'The surveys of an account, newest first', querystring: ListSurveysQuery, response: { 200: SurveyPage, 400: ErrorResponse, 404: ErrorResponse } } }, (req) =>
    surveys.listSurveys(ctxOf(req), req.query),
  );
  // The customer's side: no session; the token alone reaches the survey.
  const TokenParams = z.object({ token: SurveyToken });
  app.get('/public/surveys/:token', { schema: { tags, summary: 'The question and the company asking (no sign-in)', security: [], params: TokenParams, response: { 200: PublicSurveyResponse, 400: ErrorResponse, 404: ErrorResponse } } }, (req) =>
    surveys.publicSurvey(req.server.services, req.params.token),
  );
  app.post('/public/surveys/:token', { schema: { tags, summary: 'Answer the survey, once (no sign-in)', security: [], params: TokenParams, body: AnswerSurveyRequest, response: { 200: PublicSurveyResponse, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse } } }, (req) =>
    surveys.answerSurvey(req.server.services, req.params.token, req.body, req.ip ?? null),
  );
};
