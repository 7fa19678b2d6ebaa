/**
 * How the web app answers failures: fastify's own refusals (body too large, upload too large, unsupported
 * content type, empty or invalid JSON, a path with malformed percent-encoding) in the app's words, and every
 * error as `{ error: { code, message, field?, status } }` (./http-error.ts); bugs are logged.
 */

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorRecord, formatBytes, HttpError } from './http-error.js';

export interface ErrorLimits {
  /** JSON body limit, bytes. */
  bodyBytes: number;
  /** Upload limit per file, bytes. */
  uploadBytes: number;
}

/** The error a fastify refusal stands for, in the app's words (others are returned unchanged). */
function translate(err: FastifyError, req: FastifyRequest, limits: ErrorLimits): unknown {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(
        413,
        `request body too large; the limit is ${formatBytes(limits.bodyBytes)} (upload files with POST /api/uploads/image or /api/problems)`,
      );
    case 'FST_REQ_FILE_TOO_LARGE':
      return new HttpError(
        413,
        `upload too large; the limit is ${formatBytes(limits.uploadBytes)} per file`,
        {
          field: 'file',
        },
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(
        415,
        `unsupported content type ${JSON.stringify(req.headers['content-type'] ?? '')}; send application/json (or multipart/form-data for uploads)`,
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpError(400, 'body: empty JSON body', { field: 'body' });
    case 'FST_ERR_BAD_URL':
      return new HttpError(400, 'the request path is not valid percent-encoding');
  }
  if (err.statusCode === 400 && err instanceof SyntaxError)
    return new HttpError(400, `body: invalid JSON (${err.message})`, { field: 'body' });
  return err;
}

/** Sends the JSON error reply for `err`. */
function sendError(err: FastifyError, req: FastifyRequest, reply: FastifyReply, limits: ErrorLimits) {
  const rec = errorRecord(translate(err, req, limits));
  if (rec.status >= 500 && rec.code === 'QA_INTERNAL') req.log.error(err);
  return reply.code(rec.status).type('application/json').send({ error: rec });
}

export function setWebErrorHandler(app: FastifyInstance, limits: ErrorLimits): void {
  app.setErrorHandler((err: FastifyError, req, reply) => sendError(err, req, reply, limits));
}

/** fastify's `frameworkErrors` option: errors found before routing (a malformed path) get the same replies. */
export function webFrameworkErrors(limits: ErrorLimits) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply) => sendError(err, req, reply, limits);
}
