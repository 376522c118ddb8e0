import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../lib/errors.js';

function body(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/** Every error leaves the server in one shape: { error: { code, message, details } }. */
export function errorHandler(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    if (err.code === 'conflict' || err.status >= 500) req.log.info({ code: err.code }, 'request refused');
    return reply.status(err.status).send(body(err.code, err.message, err.details));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as FastifyError).validationContext ?? 'body';
    const details = err.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      return { path: where === 'body' ? path : `${where}${path ? '.' + path : ''}`, message: v.message ?? 'Invalid value.' };
    });
    return reply.status(400).send(body('validation_failed', 'Some fields are not valid.', details));
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err, issues: err.cause?.issues }, 'response did not match its schema');
    return reply.status(500).send(body('internal_error', 'Something went wrong on our side. It has been logged.'));
  }
  const e = err as FastifyError;
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return reply.status(413).send(body('payload_too_large', `The request body is larger than the limit of ${req.routeOptions.bodyLimit ?? 0} bytes.`));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return reply.status(415).send(body('unsupported_media_type', 'Send the request body as application/json.'));
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return reply.status(400).send(body('validation_failed', 'The request body is not valid JSON.', [{ path: '', message: e.message }]));
  }
  // A unique key met by a concurrent request (two creations racing for the same number or pair):
  // the loser is told to try again, not that the server broke.
  const dbCode = (err as { code?: string }).code;
  if (dbCode === '23505' || dbCode === 'SQLITE_CONSTRAINT_UNIQUE') {
    req.log.info({ code: dbCode }, 'unique key conflict');
    return reply.status(409).send(body('conflict', 'Someone else made the same change at the same moment. Reload and try again.'));
  }
  if (e.statusCode === 429) return reply.status(429).send(body('rate_limited', 'Too many attempts. Wait a minute and try again.'));
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return reply.status(e.statusCode).send(body('validation_failed', e.message));
  }
  req.log.error({ err }, 'unhandled error');
  return reply.status(500).send(body('internal_error', 'Something went wrong on our side. It has been logged.'));
}
