/**
 * Long polling for many problems at once (dwave.md §1.7): one loop watches every problem that some caller
 * waits for, asks `GET problems/?id=a,b,c&timeout=N` with up to 100 ids per request (chunks in parallel, oldest
 * submissions first), and settles each waiter when its problem reaches a terminal status. The request returns
 * as soon as one listed problem is done or after N seconds. A waiter whose signal fires is dropped at once
 * (the caller cancels the problem); when nobody waits any more the in-flight poll is abandoned.
 */

import { CancelledError } from '../../errors.js';
import { LeapHttpError, SapiFormatError } from './errors.js';
import type { SapiTransport } from './http.js';
import { MEDIA } from './media-types.js';
import { type ProblemStatus, readProblemStatus, TERMINAL_STATUSES } from './models.js';

export const STATUS_QUERY_SIZE = 100;

interface Waiter {
  id: string;
  since: number;
  resolve(s: ProblemStatus): void;
  reject(e: unknown): void;
  onStatus: ((s: ProblemStatus) => void) | undefined;
}

export class StatusPoller {
  private readonly waiters = new Map<string, Waiter[]>();
  private loop: Promise<void> | undefined;
  private inflight: AbortController | undefined;

  constructor(
    private readonly transport: SapiTransport,
    /** The `timeout` query parameter, 1…30 s. */
    private readonly waitSeconds: number,
  ) {}

  get watching(): number {
    return this.waiters.size;
  }

  /** Resolves with the problem's terminal status (COMPLETED, FAILED or CANCELLED). */
  wait(
    id: string,
    opts: { signal?: AbortSignal | undefined; onStatus?: ((s: ProblemStatus) => void) | undefined } = {},
  ): Promise<ProblemStatus> {
    return new Promise<ProblemStatus>((resolve, reject) => {
      if (opts.signal?.aborted) return reject(new CancelledError('cancelled'));
      const waiter: Waiter = {
        id,
        since: Date.now(),
        resolve: (s) => {
          opts.signal?.removeEventListener('abort', onAbort);
          resolve(s);
        },
        reject: (e) => {
          opts.signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
        onStatus: opts.onStatus,
      };
      const onAbort = () => {
        this.remove(waiter);
        reject(new CancelledError('cancelled'));
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const list = this.waiters.get(id) ?? [];
      const fresh = list.length === 0;
      list.push(waiter);
      this.waiters.set(id, list);
      // a long poll in flight does not list this id: restart it so the new problem is watched at once
      if (fresh && this.inflight) this.inflight.abort();
      this.loop ??= this.run().finally(() => {
        this.loop = undefined;
      });
    });
  }

  private remove(w: Waiter): void {
    const list = this.waiters.get(w.id)?.filter((x) => x !== w) ?? [];
    if (list.length) this.waiters.set(w.id, list);
    else this.waiters.delete(w.id);
    if (this.waiters.size === 0) this.inflight?.abort();
  }

  private settle(id: string, f: (w: Waiter) => void): void {
    const list = this.waiters.get(id) ?? [];
    this.waiters.delete(id);
    for (const w of list) f(w);
  }

  private async run(): Promise<void> {
    while (this.waiters.size > 0) {
      const ids = [...this.waiters.entries()]
        .sort((a, b) => Math.min(...a[1].map((w) => w.since)) - Math.min(...b[1].map((w) => w.since)))
        .map(([id]) => id);
      const chunks: string[][] = [];
      for (let i = 0; i < ids.length; i += STATUS_QUERY_SIZE)
        chunks.push(ids.slice(i, i + STATUS_QUERY_SIZE));
      const ctl = new AbortController();
      this.inflight = ctl;
      await Promise.all(chunks.map((chunk) => this.pollChunk(chunk, ctl.signal)));
      this.inflight = undefined;
    }
  }

  private async pollChunk(ids: string[], signal: AbortSignal): Promise<void> {
    let statuses: ProblemStatus[];
    try {
      const res = await this.transport.request({
        method: 'GET',
        path: 'problems/',
        query: { id: ids.join(','), timeout: this.waitSeconds },
        accept: MEDIA.problems,
        timeoutMs: this.transport.options.requestTimeoutMs + this.waitSeconds * 1000,
        signal,
        retry: 'safe',
      });
      if (!Array.isArray(res.body)) throw new SapiFormatError('GET problems/: expected a list of statuses');
      statuses = res.body.map((s, i) => readProblemStatus(s, `problems[${i}]`));
    } catch (e) {
      if (signal.aborted) return; // nobody waits any more
      const err = e as Error & { status?: number };
      for (const id of ids)
        this.settle(id, (w) =>
          w.reject(
            new LeapHttpError(
              `${err.message}; while waiting for problem ${id}, which may still complete (look it up with \`qaxai leap problem ${id}\`)`,
              { method: 'GET', path: 'problems/', status: err.status, cause: e },
            ),
          ),
        );
      return;
    }
    const seen = new Set<string>();
    for (const s of statuses) {
      seen.add(s.id);
      for (const w of this.waiters.get(s.id) ?? []) w.onStatus?.(s);
      if (TERMINAL_STATUSES.includes(s.status)) this.settle(s.id, (w) => w.resolve(s));
    }
    for (const id of ids)
      if (!seen.has(id) && this.waiters.has(id))
        this.settle(id, (w) =>
          w.reject(new SapiFormatError(`GET problems/?id=…: problem ${id} is missing from the status list`)),
        );
  }
}
