/**
 * LeapClient: the SAPI operations qaxai needs (dwave.md §1), over {@link SapiTransport}.
 *
 * Submission never repeats a POST blindly. Each problem carries a unique tag in its label
 * (`<your label> [qaxai:<batch>.<k>]`, or `qaxai:<batch>.<k>` alone). Then:
 * - 2xx: the reply lists one status (or per-item error) per problem, in order.
 * - 429: SAPI refused the whole request before accepting anything; wait (Retry-After) and POST again.
 * - 503, or an answer we could not read (500/502/504, a dropped connection, a timeout, a truncated body): the
 *   outcome is unknown, so the problems are looked up by their tags (`GET problems/?label=qaxai:<batch>.`, twice
 *   with a pause). Problems found are adopted: they run once. For 503 ("unavailable", nothing accepted) the ones
 *   not found are POSTed again; otherwise they are reported as not queued, with the reason, and never resent.
 * - other 4xx: refused; reported.
 * Statuses are long-polled for all waiting problems together (./poller.ts); a waiter that is aborted cancels
 * its problem when it may still be pending.
 */

import { randomBytes } from 'node:crypto';
import { CancelledError } from '../../errors.js';
import type { LeapConfig } from './config.js';
import { checkTokenCharacters, requireToken } from './config.js';
import {
  LeapHttpError,
  ProblemCancelledError,
  ProblemFailedError,
  Redactor,
  SapiFormatError,
} from './errors.js';
import { DEFAULT_RETRY, type RetryPolicy, SapiAttemptError, SapiTransport, sleep } from './http.js';
import { MEDIA } from './media-types.js';
import {
  isSapiErrorItem,
  type ProblemInfo,
  type ProblemStatus,
  type ProblemSubmission,
  type QpAnswer,
  readProblemStatus,
  readSolverDescription,
  type SolverDescription,
} from './models.js';
import { StatusPoller } from './poller.js';

export const SUBMIT_BATCH_SIZE = 20;

export interface LeapClientOptions {
  endpoint: string;
  token: string;
  /** One request's time limit (default 60 s). */
  requestTimeoutMs?: number;
  /** Long-poll `timeout` parameter, 1…30 s (default 30). */
  pollWaitSeconds?: number;
  /** Longest wait for one problem to finish (default: no limit). */
  pollingTimeoutMs?: number | undefined;
  retry?: Partial<RetryPolicy>;
  /** Deflate request bodies (default true, as dwave-cloud-client). */
  compress?: boolean;
  /** How long solver descriptions are reused (default 1 h). */
  solverCacheMs?: number;
  /** Pause between the two label look-ups that settle an uncertain submission (default 1 s). */
  lookupPauseMs?: number;
  fetch?: typeof fetch;
  log?: (line: string) => void;
  random?: () => number;
}

export interface SubmittedProblem {
  id: string;
  status: ProblemStatus;
  /** The label as sent (your label plus the qaxai tag). */
  label: string;
}

export type SubmitOutcome = SubmittedProblem | Error;

export type CancelOutcome = 'cancelled' | 'cancelling' | 'finished' | 'not-found' | 'error';

export interface CancelResult {
  id: string;
  outcome: CancelOutcome;
  message: string;
}

const VERSION = process.env.npm_package_version ?? '0.1.0';

function tagLabel(label: string | undefined, tag: string): string {
  return label ? `${label} [${tag}]` : tag;
}

export class LeapClient {
  readonly transport: SapiTransport;
  readonly redactor: Redactor;
  private readonly poller: StatusPoller;
  private solverCache: { at: number; list: SolverDescription[] } | undefined;
  private readonly oneSolverCache = new Map<string, { at: number; d: SolverDescription }>();
  private readonly solverCacheMs: number;
  private readonly pollingTimeoutMs: number | undefined;
  private readonly lookupPauseMs: number;

  constructor(options: LeapClientOptions) {
    checkTokenCharacters(options.token);
    this.redactor = new Redactor([options.token]);
    this.transport = new SapiTransport({
      endpoint: options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`,
      token: options.token,
      redactor: this.redactor,
      requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
      retry: { ...DEFAULT_RETRY, ...(options.retry ?? {}) },
      compress: options.compress ?? true,
      userAgent: `qaxai/${VERSION} node/${process.versions.node}`,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      log: options.log,
      ...(options.random ? { random: options.random } : {}),
    });
    const wait = Math.round(options.pollWaitSeconds ?? 30);
    this.poller = new StatusPoller(this.transport, Math.min(30, Math.max(1, wait)));
    this.solverCacheMs = options.solverCacheMs ?? 3_600_000;
    this.pollingTimeoutMs = options.pollingTimeoutMs;
    this.lookupPauseMs = options.lookupPauseMs ?? 1000;
  }

  static fromConfig(config: LeapConfig, options: Partial<LeapClientOptions> = {}): LeapClient {
    return new LeapClient({
      endpoint: config.endpoint,
      token: requireToken(config),
      requestTimeoutMs: config.requestTimeout * 1000,
      pollingTimeoutMs: config.pollingTimeout !== undefined ? config.pollingTimeout * 1000 : undefined,
      ...options,
    });
  }

  get endpoint(): string {
    return this.transport.endpoint;
  }

  // ---- solvers ------------------------------------------------------------------------------------------

  /** Every solver the token can use (cached for solverCacheMs unless `refresh`). */
  async listSolvers(opts: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<SolverDescription[]> {
    const c = this.solverCache;
    if (!opts.refresh && c && Date.now() - c.at < this.solverCacheMs) return c.list;
    const res = await this.transport.request({
      method: 'GET',
      path: 'solvers/remote/',
      accept: MEDIA.solverList,
      signal: opts.signal,
      retry: 'safe',
    });
    if (!Array.isArray(res.body))
      throw new SapiFormatError('GET solvers/remote/: expected a list of solvers');
    const list = res.body.map((d, i) => readSolverDescription(d, `solvers[${i}]`));
    this.solverCache = { at: Date.now(), list };
    return list;
  }

  /** One solver by name (cached). A 404 says which solvers exist. */
  async getSolver(
    name: string,
    opts: { refresh?: boolean; signal?: AbortSignal } = {},
  ): Promise<SolverDescription> {
    const hit = this.oneSolverCache.get(name);
    if (!opts.refresh && hit && Date.now() - hit.at < this.solverCacheMs) return hit.d;
    const fromList = !opts.refresh && this.solverCache?.list.find((d) => d.identity.name === name);
    if (fromList) return fromList;
    try {
      const res = await this.transport.request({
        method: 'GET',
        path: `solvers/remote/${encodeURIComponent(name)}`,
        accept: MEDIA.solver,
        signal: opts.signal,
        retry: 'safe',
      });
      const d = readSolverDescription(res.body, 'solver');
      this.oneSolverCache.set(name, { at: Date.now(), d });
      return d;
    } catch (e) {
      if (e instanceof LeapHttpError && e.status === 404) {
        let names = '';
        try {
          names = (await this.listSolvers({ ...(opts.signal ? { signal: opts.signal } : {}) }))
            .map((d) => d.identity.name)
            .join(', ');
        } catch {
          // keep the 404
        }
        throw new LeapHttpError(
          `solver ${JSON.stringify(name)} is not available at ${this.endpoint}${names ? `; available: ${names}` : ''}`,
          { status: 404, method: 'GET', path: e.path, cause: e },
        );
      }
      throw e;
    }
  }

  // ---- submission ---------------------------------------------------------------------------------------

  /**
   * Submits problems (in POSTs of up to 20), returning one outcome per problem in order: the accepted
   * problem, or the error that says why it was not queued. Throws only for cancellation.
   */
  async submitProblems(
    problems: readonly ProblemSubmission[],
    opts: { signal?: AbortSignal | undefined } = {},
  ): Promise<SubmitOutcome[]> {
    const out: SubmitOutcome[] = [];
    for (let i = 0; i < problems.length; i += SUBMIT_BATCH_SIZE)
      out.push(...(await this.submitBatch(problems.slice(i, i + SUBMIT_BATCH_SIZE), opts.signal)));
    return out;
  }

  /** Submits one problem; throws its error when it was not queued. */
  async submitProblem(
    p: ProblemSubmission,
    opts: { signal?: AbortSignal | undefined } = {},
  ): Promise<SubmittedProblem> {
    const [r] = await this.submitProblems([p], opts);
    if (r instanceof Error) throw r;
    return r!;
  }

  private async submitBatch(
    batch: readonly ProblemSubmission[],
    signal: AbortSignal | undefined,
  ): Promise<SubmitOutcome[]> {
    const batchTag = `qaxai:${randomBytes(6).toString('hex')}`;
    const tags = batch.map((_, k) => `${batchTag}.${k}`);
    const bodies = batch.map((p, k) => ({ ...p, label: tagLabel(p.label, tags[k]!) }));
    const results: Array<SubmitOutcome | undefined> = new Array(batch.length).fill(undefined);
    let pending = [...batch.keys()];
    const { maxAttempts } = this.transport.options.retry;
    for (let attempt = 0; pending.length > 0; attempt++) {
      try {
        const res = await this.transport.request({
          method: 'POST',
          path: 'problems/',
          body: pending.map((k) => bodies[k]),
          accept: MEDIA.problems,
          signal,
          retry: 'rate-limit',
        });
        try {
          this.readSubmitReply(res.body, pending, bodies, results);
        } catch (e) {
          if (e instanceof SapiAttemptError) throw e;
          throw new SapiAttemptError(`SAPI POST problems/: ${(e as Error).message}`, 'body', {
            method: 'POST',
            path: 'problems/',
            status: res.status,
          });
        }
        pending = [];
      } catch (e) {
        if (e instanceof CancelledError) throw e;
        if (!(e instanceof SapiAttemptError || e instanceof LeapHttpError)) throw e;
        const status = e.status;
        const certainRefusal =
          e instanceof SapiAttemptError && e.kind === 'status' && status !== undefined && status < 500;
        if (
          certainRefusal ||
          (e instanceof LeapHttpError && !(e instanceof SapiAttemptError) && status === 429)
        ) {
          for (const k of pending) results[k] = e;
          pending = [];
          break;
        }
        // Outcome unknown (or 503): find what the server has before doing anything else.
        const found = await this.lookUpTags(
          pending.map((k) => tags[k]!),
          signal,
        );
        if (found instanceof Error) {
          const err = new LeapHttpError(
            `${e.message}; whether the problem was queued is unknown because looking it up by its label failed (${found.message}). Look for label ${batchTag} in the Leap dashboard before submitting again`,
            { status, method: 'POST', path: 'problems/', cause: e },
          );
          for (const k of pending) results[k] = err;
          pending = [];
          break;
        }
        for (const k of pending) {
          const s = found.get(tags[k]!);
          if (s) results[k] = { id: s.id, status: s, label: bodies[k]!.label };
        }
        pending = pending.filter((k) => results[k] === undefined);
        if (pending.length === 0) break;
        const unavailable = status === 503;
        if (!unavailable || attempt + 1 >= maxAttempts) {
          const err = new LeapHttpError(
            `${e.message}; the problem is not on the server (looked up by its label ${batchTag}), so it was not queued${unavailable ? '' : ' and was not resent'}. Run again to submit it`,
            { status, method: 'POST', path: 'problems/', cause: e },
          );
          for (const k of pending) results[k] = err;
          pending = [];
          break;
        }
        const delay =
          (e instanceof SapiAttemptError ? e.retryAfterMs : undefined) ?? this.transport.backoffMs(attempt);
        this.transport.log(
          `SAPI POST problems/: ${e.message}; not queued (checked), resubmitting in ${delay} ms`,
        );
        await sleep(delay, signal);
      }
    }
    return results.map(
      (r, k) =>
        r ??
        new LeapHttpError(`problem ${k} of the batch got no reply`, { method: 'POST', path: 'problems/' }),
    );
  }

  private readSubmitReply(
    body: unknown,
    sent: readonly number[],
    bodies: ReadonlyArray<{ label: string }>,
    results: Array<SubmitOutcome | undefined>,
  ): void {
    if (!Array.isArray(body) || body.length !== sent.length)
      throw new SapiAttemptError(
        `SAPI POST problems/: expected a list of ${sent.length} statuses, got ${Array.isArray(body) ? `${body.length}` : typeof body}`,
        'body',
        { method: 'POST', path: 'problems/' },
      );
    body.forEach((item, i) => {
      const k = sent[i]!;
      if (isSapiErrorItem(item)) {
        results[k] = new ProblemFailedError(
          undefined,
          this.redactor.redact(String(item.error_msg)),
          item.error_code,
        );
        return;
      }
      const s = readProblemStatus(item, `problems[${i}]`);
      results[k] = { id: s.id, status: s, label: bodies[k]!.label };
    });
  }

  /** Finds submitted problems by their tags: a map tag -> status, or the error that stopped the look-up. */
  private async lookUpTags(
    tags: readonly string[],
    signal: AbortSignal | undefined,
  ): Promise<Map<string, ProblemStatus> | Error> {
    const prefix = tags[0]!.slice(0, tags[0]!.lastIndexOf('.') + 1);
    const found = new Map<string, ProblemStatus>();
    for (let round = 0; round < 2; round++) {
      if (round > 0) await sleep(this.lookupPauseMs, signal);
      let list: ProblemStatus[];
      try {
        list = await this.findProblemsByLabel(prefix, { signal });
      } catch (e) {
        if (e instanceof CancelledError) throw e;
        return e as Error;
      }
      for (const s of list) {
        const label = typeof s.label === 'string' ? s.label : '';
        const tag = tags.find((t) => label === t || label.endsWith(`[${t}]`));
        if (tag) found.set(tag, s);
      }
      if (tags.every((t) => found.has(t))) break;
    }
    return found;
  }

  /** Problems whose label contains `label` (SAPI's substring filter). */
  async findProblemsByLabel(
    label: string,
    opts: { signal?: AbortSignal | undefined; maxResults?: number } = {},
  ): Promise<ProblemStatus[]> {
    const res = await this.transport.request({
      method: 'GET',
      path: 'problems/',
      query: { label, max_results: opts.maxResults ?? 1000 },
      accept: MEDIA.problems,
      signal: opts.signal,
      retry: 'safe',
    });
    if (!Array.isArray(res.body))
      throw new SapiFormatError('GET problems/?label=…: expected a list of statuses');
    return res.body.map((s, i) => readProblemStatus(s, `problems[${i}]`));
  }

  // ---- status, answers, cancel --------------------------------------------------------------------------

  /**
   * Waits until the problem is done and returns its COMPLETED status with the answer. FAILED and CANCELLED
   * become errors; abort rejects with a CancelledError (the caller cancels the problem).
   */
  async waitForAnswer(
    id: string,
    opts: { signal?: AbortSignal | undefined; onStatus?: (s: ProblemStatus) => void } = {},
  ): Promise<ProblemStatus> {
    let timer: NodeJS.Timeout | undefined;
    const ctl = new AbortController();
    const signals = [ctl.signal, ...(opts.signal ? [opts.signal] : [])];
    if (this.pollingTimeoutMs !== undefined) timer = setTimeout(() => ctl.abort(), this.pollingTimeoutMs);
    try {
      let s: ProblemStatus;
      try {
        s = await this.poller.wait(id, { signal: AbortSignal.any(signals), onStatus: opts.onStatus });
      } catch (e) {
        if (ctl.signal.aborted && !opts.signal?.aborted)
          throw new LeapHttpError(
            `problem ${id} did not finish within the polling timeout of ${this.pollingTimeoutMs! / 1000} s; it may still complete (look it up with \`qaxai leap problem ${id}\`)`,
            { method: 'GET', path: 'problems/' },
          );
        throw e;
      }
      return await this.finish(s, opts.signal);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /** Turns a terminal status into the COMPLETED status with its answer, or the matching error. */
  async finish(s: ProblemStatus, signal?: AbortSignal): Promise<ProblemStatus> {
    if (s.status === 'FAILED')
      throw new ProblemFailedError(s.id, this.redactor.redact(s.error_message ?? 'no error message given'));
    if (s.status === 'CANCELLED') throw new ProblemCancelledError(s.id);
    if (s.status !== 'COMPLETED')
      throw new SapiFormatError(`problem ${s.id}: status ${s.status} is not terminal`);
    if (s.answer) return s;
    const full = await this.getProblem(s.id, { signal });
    if (full.status !== 'COMPLETED' || !full.answer)
      throw new SapiFormatError(`problem ${s.id} is COMPLETED but GET problems/${s.id}/ has no answer`);
    return full;
  }

  /** `GET problems/<id>/`: the status, with the answer when done. */
  async getProblem(id: string, opts: { signal?: AbortSignal | undefined } = {}): Promise<ProblemStatus> {
    const res = await this.transport.request({
      method: 'GET',
      path: `problems/${encodeURIComponent(id)}/`,
      accept: MEDIA.problem,
      signal: opts.signal,
      retry: 'safe',
    });
    return readProblemStatus(res.body, 'problem');
  }

  /** Statuses of many problems (no long poll unless `timeout` is given). */
  async getProblemStatuses(
    ids: readonly string[],
    opts: { timeout?: number; signal?: AbortSignal } = {},
  ): Promise<ProblemStatus[]> {
    const out: ProblemStatus[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      const res = await this.transport.request({
        method: 'GET',
        path: 'problems/',
        query: { id: ids.slice(i, i + 100).join(','), timeout: opts.timeout },
        accept: MEDIA.problems,
        signal: opts.signal,
        retry: 'safe',
        timeoutMs: this.transport.options.requestTimeoutMs + (opts.timeout ?? 0) * 1000,
      });
      if (!Array.isArray(res.body)) throw new SapiFormatError('GET problems/: expected a list of statuses');
      out.push(...res.body.map((s, k) => readProblemStatus(s, `problems[${k}]`)));
    }
    return out;
  }

  /** `GET problems/<id>/info`: data, params, metadata and answer. */
  async getProblemInfo(id: string, opts: { signal?: AbortSignal } = {}): Promise<ProblemInfo> {
    const res = await this.transport.request({
      method: 'GET',
      path: `problems/${encodeURIComponent(id)}/info`,
      accept: MEDIA.problemData,
      signal: opts.signal,
      retry: 'safe',
    });
    const b = res.body as ProblemInfo;
    if (!b || typeof b !== 'object' || typeof b.id !== 'string')
      throw new SapiFormatError(`GET problems/${id}/info: expected a problem info object`);
    return b;
  }

  /** `GET problems/<id>/answer`. */
  async getAnswer(id: string, opts: { signal?: AbortSignal } = {}): Promise<QpAnswer> {
    const res = await this.transport.request({
      method: 'GET',
      path: `problems/${encodeURIComponent(id)}/answer`,
      accept: MEDIA.problemAnswer,
      signal: opts.signal,
      retry: 'safe',
    });
    const b = res.body as { answer?: QpAnswer } & QpAnswer;
    if (!b || typeof b !== 'object')
      throw new SapiFormatError(`GET problems/${id}/answer: expected an object`);
    return b.answer ?? b;
  }

  /**
   * Cancels problems (`DELETE problems/<id>` for one, `DELETE problems/` with the id list for several).
   * 200 = cancelled, 202 = in progress (it may still complete), 409 = already finished, 404 = unknown.
   */
  async cancelProblems(ids: readonly string[], opts: { signal?: AbortSignal } = {}): Promise<CancelResult[]> {
    if (ids.length === 0) return [];
    if (ids.length === 1) {
      const id = ids[0]!;
      try {
        const res = await this.transport.request({
          method: 'DELETE',
          path: `problems/${encodeURIComponent(id)}`,
          accept: MEDIA.problem,
          acceptStatuses: [202, 409],
          signal: opts.signal,
          retry: 'safe',
        });
        return [cancelResult(id, res.status, res.body)];
      } catch (e) {
        if (e instanceof LeapHttpError && e.status === 404)
          return [{ id, outcome: 'not-found', message: 'no such problem' }];
        throw e;
      }
    }
    const res = await this.transport.request({
      method: 'DELETE',
      path: 'problems/',
      body: ids,
      accept: MEDIA.problems,
      acceptStatuses: [202, 207, 409],
      signal: opts.signal,
      retry: 'safe',
    });
    if (!Array.isArray(res.body) || res.body.length !== ids.length)
      throw new SapiFormatError(`DELETE problems/: expected a list of ${ids.length} results`);
    return res.body.map((item, i) => cancelResult(ids[i]!, 200, item));
  }

  close(): void {
    this.solverCache = undefined;
    this.oneSolverCache.clear();
  }
}

function cancelResult(id: string, httpStatus: number, body: unknown): CancelResult {
  if (isSapiErrorItem(body)) {
    const code = body.error_code;
    const outcome: CancelOutcome =
      code === 202 ? 'cancelling' : code === 409 ? 'finished' : code === 404 ? 'not-found' : 'error';
    return { id, outcome, message: String(body.error_msg) };
  }
  if (httpStatus === 202) return { id, outcome: 'cancelling', message: 'cancelling a problem in progress' };
  if (httpStatus === 409) return { id, outcome: 'finished', message: 'the problem has finished' };
  const s = body as ProblemStatus | undefined;
  if (s && s.status === 'CANCELLED') return { id, outcome: 'cancelled', message: 'cancelled' };
  if (s && (s.status === 'COMPLETED' || s.status === 'FAILED'))
    return { id, outcome: 'finished', message: `the problem has finished (${s.status})` };
  return { id, outcome: 'cancelling', message: `status ${s?.status ?? 'unknown'}` };
}
