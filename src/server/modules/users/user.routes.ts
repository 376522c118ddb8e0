import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, Id } from '../../../contracts/common.js';
import { CreateUserRequest, CreateUserResponse, ListUsersQuery, StatusChangeRequest, UpdateUserRequest, UserPage, UserResponse } from '../../../contracts/users.js';
import { ctxOf } from '../../http/request-context.js';
import * as users from './user.service.js';

const Params = z.object({ id: Id });
const errors = { 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/users', { schema: { tags: ['users'], summary: 'List users (keyset-paginated)', querystring: ListUsersQuery, response: { 200: UserPage } } }, (req) => users.listUsers(ctxOf(req), req.query));
  app.post('/users', { schema: { tags: ['users'], summary: 'Create a user with a password, or invite them', body: CreateUserRequest, response: { 201: CreateUserResponse, ...errors } } }, async (req, reply) => {
    reply.status(201);
    return users.createUser(ctxOf(req), req.body);
  });
  app.get('/users/:id', { schema: { tags: ['users'], params: Params, response: { 200: UserResponse, 404: ErrorResponse } } }, (req) => users.getUser(ctxOf(req), req.params.id));
  app.patch('/users/:id', { schema: { tags: ['users'], params: Params, body: UpdateUserRequest, response: { 200: UserResponse, ...errors } } }, (req) => users.updateUser(ctxOf(req), req.params.id, req.body));
  app.post('/users/:id/disable', { schema: { tags: ['users'], summary: 'Disable a user and end their sessions', params: Params, body: StatusChangeRequest, response: { 200: UserResponse, ...errors } } }, (req) =>
    users.setUserStatus(ctxOf(req), req.params.id, 'disabled', req.body.version),
  );
  app.post('/users/:id/enable', { schema: { tags: ['users'], params: Params, body: StatusChangeRequest, response: { 200: UserResponse, ...errors } } }, (req) => users.setUserStatus(ctxOf(req), req.params.id, 'active', req.body.version));
  app.post('/users/:id/invitation', { schema: { tags: ['users'], summary: 'Send a new invitation link', params: Params, response: { 200: z.object({ invitationUrl: z.string() }), ...errors } } }, (req) => users.resendInvitation(ctxOf(req), req.params.id));
  app.get('/users/:id/rates', { schema: { tags: ['users'], summary: 'Cost and bill rate history', params: Params, response: { 200: z.object({ items: z.array(z.object({ effectiveFrom: z.string(), costRate: z.number(), billRate: z.number() })) }), 404: ErrorResponse } } }, (req) =>
    users.listUserRates(ctxOf(req), req.params.id),
  );
};
