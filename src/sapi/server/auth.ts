/**
 * Authentication from the headers alone: every request under the SAPI base must carry an accepted
 * `X-Auth-Token` (compared in constant time). The check runs as the first `onRequest` hook after the request is
 * recorded, so a refused request is answered 401 before its body is read, decompressed or parsed; the
 * connection is then closed so the rest of an unread body is not taken in either. The token is never logged.
 */

import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SapiHttpError } from './sapi-errors.js';

/** Whether `given` is one of `tokens` (constant time per token of equal length). */
export function tokenMatcher(tokens: readonly string[]): (given: unknown) => boolean {
  const accepted = tokens.map((t) => Buffer.from(t));
  return (given) => {
    if (typeof given !== 'string') return false;
    const g = Buffer.from(given);
    let ok = false;
    for (const b of accepted) if (b.length === g.length && timingSafeEqual(b, g)) ok = true;
    return ok;
  };
}

function hasBody(req: FastifyRequest): boolean {
  const len = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (len !== undefined && len !== '0');
}

/** Adds the token check to `app` (an `onRequest` hook: headers only). */
export function addTokenCheck(app: FastifyInstance, tokens: readonly string[]): void {
  const matches = tokenMatcher(tokens);
  app.addHook('onRequest', async (req, reply) => {
    if (matches(req.headers['x-auth-token'])) return;
    if (hasBody(req)) reply.header('connection', 'close');
    throw new SapiHttpError(401, 'Invalid token or access denied.');
  });
}
