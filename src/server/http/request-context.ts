import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx, Services } from '../lib/context.js';
import { unauthenticated } from '../lib/errors.js';
import { authenticate } from '../modules/auth/auth.service.js';

export const SESSION_COOKIE = 'tandem_session';
export const SECURE_SESSION_COOKIE = '__Host-tandem_session';

type SessionActor = NonNullable<Awaited<ReturnType<typeof authenticate>>>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: SessionActor | null;
    sessionToken: string | null;
  }
  interface FastifyInstance {
    services: Services;
  }
}

export function readSessionToken(req: FastifyRequest): string | null {
  return req.cookies[SECURE_SESSION_COOKIE] ?? req.cookies[SESSION_COOKIE] ?? null;
}

/** Behind HTTPS the cookie is Secure and __Host- prefixed: bound to this host, never sent in clear. */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, maxAgeSeconds: number) {
  const secure = req.protocol === 'https';
  reply.setCookie(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: maxAgeSeconds });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply) {
  for (const name of [SESSION_COOKIE, SECURE_SESSION_COOKIE]) {
    if (req.cookies[name] !== undefined) reply.clearCookie(name, { path: '/', httpOnly: true, sameSite: 'lax', secure: name === SECURE_SESSION_COOKIE });
  }
}

/** The service context of a signed-in request; 401 otherwise. */
export function ctxOf(req: FastifyRequest): Ctx {
  if (!req.actor) throw unauthenticated();
  const s = req.server.services;
  return { ...s, actor: req.actor, ip: req.ip ?? null, baseUrl: (s.config.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/$/, '') };
}

export function requestInfo(req: FastifyRequest) {
  return { ip: req.ip ?? null, userAgent: (req.headers['user-agent'] as string | undefined) ?? null };
}
