/**
 * One HTTP exchange with SAPI, with the protocol's rules applied in one place: the X-Auth-Token header,
 * versioned Accept / Content-Type checks (./media-types.ts), deflate-compressed JSON bodies, per-request
 * timeouts, and retries with backoff for what is safe to repeat:
 * - GET and DELETE (idempotent): connection failures, timeouts, unreadable bodies, 429 and 5xx;
 * - any method: 429, waiting what Retry-After says (seconds or an HTTP date), capped;
 * - POST is otherwise never repeated here: the client decides (./client.ts looks the problem up first).
 * Every message that leaves this module is redacted (the token never appears).
 */

import { deflateSync } from 'node:zlib';
import { CancelledError } from '../../errors.js';
import { LeapHttpError, type Redactor } from './errors.js';
import { acceptHeader, checkContentType, type MediaType } from './media-types.js';

export interface RetryPolicy {
  /** Attempts in all (first try included). */
  maxAttempts: number;
  /** First backoff delay; doubles each retry, with jitter in [½, 1]. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After honoured; longer asks fail with a clear error instead of hanging. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 120_000,
};

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface SapiRequest {
  method: HttpMethod;
  /** Relative to the SAPI base, e.g. "problems/" (no leading slash). */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  accept: MediaType;
  /** Statuses other than 2xx that are answers, not errors (cancel: 202, 409; per-item bodies). */
  acceptStatuses?: readonly number[];
  timeoutMs?: number;
  signal?: AbortSignal | undefined;
  /** Retries allowed: 'safe' = the idempotent rules above; 'rate-limit' = only 429 (POST). */
  retry: 'safe' | 'rate-limit';
}

export interface SapiResponse {
  status: number;
  body: unknown;
  headers: Headers;
}

/** Why an attempt failed, for the retry decision and the message. */
export type FailureKind = 'network' | 'timeout' | 'status' | 'body' | 'content-type';

export class SapiAttemptError extends LeapHttpError {
  constructor(
    message: string,
    readonly kind: FailureKind,
    init: ConstructorParameters<typeof LeapHttpError>[1] & { retryAfterMs?: number | undefined },
  ) {
    super(message, init);
    this.retryAfterMs = init.retryAfterMs;
  }
  readonly retryAfterMs: number | undefined;
}

export interface TransportOptions {
  endpoint: string;
  token: string;
  redactor: Redactor;
  requestTimeoutMs: number;
  retry: RetryPolicy;
  compress: boolean;
  userAgent: string;
  fetch?: typeof fetch;
  log?: ((line: string) => void) | undefined;
  /** Random source for jitter (tests pass a constant). */
  random?: () => number;
}

/** Sleeps, waking early with a CancelledError when the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError('cancelled'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new CancelledError('cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Retry-After as milliseconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

const STATUS_HINTS: Record<number, string> = {
  400: 'the request was refused as invalid',
  401: 'the token was refused: check DWAVE_API_TOKEN (or the token in your dwave.conf profile, or --token)',
  403: 'access forbidden: the token has no access to this resource or solver',
  404: 'not found',
  409: 'conflict',
  410: 'no longer accessible',
  413: 'the request is too large',
  415: 'unsupported media type or representation version',
  429: 'rate limit exceeded',
};

export class SapiTransport {
  private readonly fetchImpl: typeof fetch;
  private readonly random: () => number;

  constructor(readonly options: TransportOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.random = options.random ?? Math.random;
  }

  get endpoint(): string {
    return this.options.endpoint;
  }

  log(line: string): void {
    this.options.log?.(this.options.redactor.redact(line));
  }

  url(path: string, query?: SapiRequest['query']): string {
    const u = new URL(path, this.options.endpoint);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  }

  backoffMs(attempt: number): number {
    const { baseDelayMs, maxDelayMs } = this.options.retry;
    const d = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    return Math.round(d * (0.5 + 0.5 * this.random()));
  }

  /** Sends a request, retrying as the request's rule allows; returns the parsed response or throws. */
  async request(req: SapiRequest): Promise<SapiResponse> {
    const { maxAttempts, maxRetryAfterMs } = this.options.retry;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(req);
      } catch (e) {
        if (!(e instanceof SapiAttemptError)) throw e;
        const retryable =
          e.status === 429 ||
          (req.retry === 'safe' &&
            (e.kind === 'network' ||
              e.kind === 'timeout' ||
              e.kind === 'body' ||
              (e.kind === 'status' && (e.status ?? 0) >= 500)));
        if (!retryable || attempt + 1 >= maxAttempts) {
          if (retryable)
            throw new LeapHttpError(`${e.message} (gave up after ${attempt + 1} attempts)`, {
              status: e.status,
              errorCode: e.errorCode,
              method: e.method,
              path: e.path,
              cause: e,
            });
          throw e;
        }
        let delay = this.backoffMs(attempt);
        if (e.retryAfterMs !== undefined) {
          if (e.retryAfterMs > maxRetryAfterMs)
            throw new LeapHttpError(
              `${e.message}; the server asks to retry after ${Math.round(e.retryAfterMs / 1000)} s, longer than the ${Math.round(maxRetryAfterMs / 1000)} s qaxai waits`,
              { status: e.status, method: e.method, path: e.path, cause: e },
            );
          delay = e.retryAfterMs;
        }
        // e.message already starts with "SAPI <method> <path>: "
        this.log(`${e.message}; retry ${attempt + 1} in ${delay} ms`);
        await sleep(delay, req.signal);
      }
    }
  }

  /** One attempt, no retries. */
  async once(req: SapiRequest): Promise<SapiResponse> {
    const where = { method: req.method, path: req.path };
    const redact = (s: string) => this.options.redactor.redact(s);
    if (req.signal?.aborted) throw new CancelledError('cancelled');
    const headers: Record<string, string> = {
      'X-Auth-Token': this.options.token,
      Accept: acceptHeader(req.accept),
      'User-Agent': this.options.userAgent,
    };
    let body: Uint8Array | string | undefined;
    if (req.body !== undefined) {
      const text = JSON.stringify(req.body);
      headers['Content-Type'] = 'application/json';
      if (this.options.compress) {
        body = deflateSync(Buffer.from(text, 'utf8'));
        headers['Content-Encoding'] = 'deflate';
      } else body = text;
    }
    const timeoutMs = req.timeoutMs ?? this.options.requestTimeoutMs;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
    const label = `SAPI ${req.method} ${req.path}`;
    const noResponse = (e: unknown): never => {
      if (req.signal?.aborted) throw new CancelledError('cancelled', { cause: e });
      if (timeout.signal.aborted)
        throw new SapiAttemptError(`${label}: no response within ${timeoutMs / 1000} s`, 'timeout', where);
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (e as Error).message;
      throw new SapiAttemptError(redact(`${label}: connection failed (${why})`), 'network', where);
    };
    try {
      let res: Response;
      try {
        res = await this.fetchImpl(this.url(req.path, req.query), {
          method: req.method,
          headers,
          ...(body !== undefined ? { body } : {}),
          signal,
        });
      } catch (e) {
        return noResponse(e);
      }
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        return noResponse(e);
      }
      const ok = (res.status >= 200 && res.status < 300) || (req.acceptStatuses ?? []).includes(res.status);
      if (!ok) {
        const { code, msg } = errorBody(text);
        const hint = STATUS_HINTS[res.status] ?? (res.status >= 500 ? 'server error' : 'request failed');
        throw new SapiAttemptError(
          redact(`${label}: HTTP ${res.status} (${hint})${msg ? `: ${msg}` : ''}`),
          'status',
          {
            ...where,
            status: res.status,
            errorCode: code,
            retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
          },
        );
      }
      if (res.status >= 200 && res.status < 300 && !(req.acceptStatuses ?? []).includes(res.status)) {
        const wrong = checkContentType(res.headers.get('content-type'), req.accept);
        if (wrong)
          throw new SapiAttemptError(redact(`${label}: ${wrong}`), 'content-type', {
            ...where,
            status: res.status,
          });
      }
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        throw new SapiAttemptError(
          `${label}: HTTP ${res.status} with a body that is not complete JSON (${text.length} bytes; truncated?)`,
          'body',
          { ...where, status: res.status },
        );
      }
      return { status: res.status, body: parsed, headers: res.headers };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** SAPI error bodies: `{"error_code": n, "error_msg": "…"}` or plain text. */
function errorBody(text: string): { code: number | undefined; msg: string } {
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    if (j && typeof j === 'object') {
      const msg = j.error_msg ?? j.message ?? j.detail;
      return {
        code: typeof j.error_code === 'number' ? j.error_code : undefined,
        msg: typeof msg === 'string' ? msg : JSON.stringify(j).slice(0, 300),
      };
    }
  } catch {
    // plain text
  }
  return { code: undefined, msg: text.trim().slice(0, 300) };
}
