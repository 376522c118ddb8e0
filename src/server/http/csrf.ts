import type { FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard for unsafe methods (OWASP: verify origin with standard
 * headers). A browser always sends Origin on a cross-origin POST/PUT/PATCH/DELETE and
 * Sec-Fetch-Site on every request; a request from another site is refused whatever cookies it
 * carries. Requests without either header do not come from a browser page, so they carry no
 * ambient cookie risk. JSON-only bodies (anything else is 415) add a second layer: an HTML form
 * cannot send them without a CORS preflight, which this server never grants.
 */
export function checkCsrf(req: FastifyRequest, publicUrl: string | undefined) {
  if (SAFE.has(req.method)) return;
  const origin = req.headers.origin;
  const fetchSite = req.headers['sec-fetch-site'];
  if (origin !== undefined) {
    const allowed = new Set<string>([`${req.protocol}://${req.host}`]);
    if (publicUrl) allowed.add(new URL(publicUrl).origin);
    if (!allowed.has(origin)) throw new AppError('csrf_rejected', 'This request came from another site and was refused.');
  } else if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    throw new AppError('csrf_rejected', 'This request came from another site and was refused.');
  }
}
