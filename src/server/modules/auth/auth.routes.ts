import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AcceptInvitationRequest, ChangePasswordRequest, MeResponse, SignInRequest, UpdateMeRequest } from '../../../contracts/auth.js';
import { ErrorResponse } from '../../../contracts/common.js';
import { clearSessionCookie, ctxOf, readSessionToken, requestInfo, setSessionCookie } from '../../http/request-context.js';
import { unauthenticated } from '../../lib/errors.js';
import * as auth from './auth.service.js';

const Ok = z.object({ ok: z.literal(true) });

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const s = app.services;

  app.post(
    '/auth/sign-in',
    {
      schema: { tags: ['auth'], summary: 'Sign in with email and password', body: SignInRequest, response: { 200: MeResponse, 401: ErrorResponse, 429: ErrorResponse } },
      config: { rateLimit: { max: s.config.signInRatePerMinute, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { token, maxAgeSeconds } = await auth.signIn(s, req.body.email, req.body.password, requestInfo(req), readSessionToken(req) ?? undefined);
      const actor = await auth.authenticate(s, token);
      if (!actor) throw unauthenticated();
      setSessionCookie(req, reply, token, maxAgeSeconds);
      return auth.presentMe(actor);
    },
  );

  app.post('/auth/sign-out', { schema: { tags: ['auth'], summary: 'End this session on the server', response: { 200: Ok } } }, async (req, reply) => {
    const token = readSessionToken(req);
    if (token) await auth.signOut(s, token, requestInfo(req));
    clearSessionCookie(req, reply);
    return { ok: true as const };
  });

  app.get('/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user, roles and abilities', response: { 200: MeResponse, 401: ErrorResponse } } }, async (req) => {
    if (!req.actor) throw unauthenticated();
    return auth.presentMe(req.actor);
  });

  app.patch('/auth/me', { schema: { tags: ['auth'], summary: 'Change my language or time zone', body: UpdateMeRequest, response: { 200: MeResponse } } }, async (req) => {
    const ctx = ctxOf(req);
    await auth.updateMe(ctx, req.body);
    const actor = await auth.authenticate(s, req.sessionToken!);
    if (!actor) throw unauthenticated();
    return auth.presentMe(actor);
  });

  app.post('/auth/password', { schema: { tags: ['auth'], summary: 'Change my password (ends my other sessions)', body: ChangePasswordRequest, response: { 200: Ok } } }, async (req) => {
    await auth.changePassword(ctxOf(req), req.body.currentPassword, req.body.newPassword, req.sessionToken!);
    return { ok: true as const };
  });

  app.post(
    '/auth/accept-invitation',
    { schema: { tags: ['auth'], summary: 'Set a password from an invitation link', body: AcceptInvitationRequest, response: { 200: Ok } }, config: { rateLimit: { max: s.config.signInRatePerMinute, timeWindow: '1 minute' } } },
    async (req) => {
      await auth.acceptInvitation(s, req.body.token, req.body.password, requestInfo(req));
      return { ok: true as const };
    },
  );
};
