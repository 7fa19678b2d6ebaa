/**
 * HTTP-facing errors of the web app and the mapping of every error to a status and a JSON body
 * `{ error: { code, message, field? } }`: bad input 400 (naming the field), too large 413 (naming the limit),
 * unknown resources 404, a full job queue 503, work that failed 500 with its message; anything that is not a
 * QaError is a bug (500, "internal error").
 */

import { CapacityError, InputError, QaError, type QaErrorCode } from '../errors.js';

/** An error with an HTTP status (404, 405, 409, 413, 503…). */
export class HttpError extends QaError {
  readonly status: number;
  constructor(status: number, message: string, options: { field?: string; code?: QaErrorCode } = {}) {
    super(
      options.code ?? 'QA_HTTP',
      message,
      status < 500 ? 2 : 1,
      options.field ? { field: options.field } : {},
    );
    this.status = status;
  }
}

export interface ErrorBody {
  error: { code: string; message: string; field?: string; status: number };
}

/** Serialisable form of an error (also what job workers send back). */
export interface ErrorRecord {
  code: string;
  message: string;
  field?: string;
  status: number;
}

export function errorRecord(e: unknown): ErrorRecord {
  if (e instanceof HttpError)
    return { code: e.code, message: e.message, status: e.status, ...(e.field ? { field: e.field } : {}) };
  if (e instanceof QaError) {
    const status =
      e instanceof InputError || e instanceof CapacityError ? 400 : e.code === 'QA_CANCELLED' ? 409 : 500;
    return { code: e.code, message: e.message, status, ...(e.field ? { field: e.field } : {}) };
  }
  const err = e as { statusCode?: number; code?: string; message?: string };
  // Errors raised by fastify itself (body too large, bad JSON, unsupported media type) carry statusCode.
  if (typeof err?.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500)
    return { code: err.code ?? 'QA_HTTP', message: err.message ?? 'bad request', status: err.statusCode };
  return {
    code: 'QA_INTERNAL',
    message: `internal error (this is a bug in qaxai): ${(e as Error)?.message ?? String(e)}`,
    status: 500,
  };
}

export function errorBody(e: unknown): ErrorBody {
  return { error: errorRecord(e) };
}

/** A size for messages: "5 MiB", "1.5 MiB", "64 KiB". */
export function formatBytes(b: number): string {
  return b >= 2 ** 20
    ? `${(b / 2 ** 20).toFixed(b % 2 ** 20 === 0 ? 0 : 1)} MiB`
    : `${Math.round(b / 1024)} KiB`;
}
