/**
 * SAPI's error shape, `{"error_code": <status>, "error_msg": "<text>"}` (dwave.md §1.8), and the one place where
 * every failure of a request becomes it: a {@link SapiHttpError} keeps its status, bad input (an InputError)
 * is 400, fastify's own refusals (body too large, unsupported media type, bad length) keep their status with
 * SAPI wording, anything else is a bug: 500, logged with its stack.
 */

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { QaError } from '../../errors.js';

/** An HTTP error a route or hook raises on purpose; `headers` go with the reply (e.g. Retry-After). */
export class SapiHttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const SOLVER_UNKNOWN = 'Solver does not exist or apitoken does not have access';

export function errorBody(code: number, msg: string): { error_code: number; error_msg: string } {
  return { error_code: code, error_msg: msg };
}

/** Sends a SAPI error reply (JSON, not a versioned media type). */
export function sendError(
  reply: FastifyReply,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): FastifyReply {
  return reply.code(status).headers(headers).type('application/json').send(errorBody(status, message));
}

/** The status and message a failure is answered with, or undefined for a bug. */
function describe(err: unknown, req: FastifyRequest, maxBodyBytes: number): SapiHttpError | undefined {
  if (err instanceof SapiHttpError) return err;
  if (err instanceof QaError && err.exitCode === 2) return new SapiHttpError(400, err.message);
  const e = err as Partial<FastifyError>;
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new SapiHttpError(413, `request body larger than ${maxBodyBytes} bytes`);
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    const ct = String(req.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    return new SapiHttpError(415, `Content-Type ${ct || '(none)'} is not supported; send application/json`);
  }
  if (typeof e.code === 'string' && e.code.startsWith('FST_') && (e.statusCode ?? 500) < 500)
    return new SapiHttpError(e.statusCode ?? 400, e.message ?? 'bad request');
  return undefined;
}

/** Installs the SAPI error handler on `app` (and so on every plugin registered inside it). */
export function setSapiErrorHandler(app: FastifyInstance, maxBodyBytes: number, log: (l: string) => void) {
  app.setErrorHandler((err, req, reply) => {
    const known = describe(err, req, maxBodyBytes);
    if (known) return sendError(reply, known.statusCode, known.message, known.headers);
    log(`internal error: ${(err as Error)?.stack ?? String(err)}`);
    return sendError(reply, 500, 'internal server error');
  });
}

const METHODS: HTTPMethods[] = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'OPTIONS'];

/** Answers the methods a resource does not take with 405 `<METHOD> is not allowed on <what>`. */
export function refuseOtherMethods(
  app: FastifyInstance,
  url: string,
  allowed: readonly HTTPMethods[],
  what: string,
): void {
  const others = METHODS.filter((m) => !allowed.includes(m));
  app.route({
    method: others,
    url,
    handler: async (req) => {
      throw new SapiHttpError(405, `${req.method} is not allowed on ${what}`);
    },
  });
}
