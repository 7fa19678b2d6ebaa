/**
 * The job queue: bounded concurrency (jobs wait for a worker), a bounded number of waiting jobs (a full queue
 * answers 503), and bounded retention (finished jobs are kept for download until there are `retain` of them or
 * their results pass `retainBytes`, oldest first). Listeners get status and (throttled) progress events for
 * server-sent events.
 */

import { randomUUID } from 'node:crypto';
import { CancelledError } from '../../errors.js';
import type { Progress } from '../../sim/sampler.js';
import { type ErrorRecord, errorRecord, HttpError } from '../http-error.js';
import type { JobInput, JobKind } from './protocol.js';
import { JobError } from './worker-pool.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface Job {
  id: string;
  kind: JobKind;
  status: JobStatus;
  /** Short description of the input (for lists; no bulk data). */
  summary: Record<string, unknown>;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  progress?: Progress;
  result?: unknown;
  /** Approximate size of the result (bytes of its JSON). */
  resultBytes?: number;
  error?: ErrorRecord;
}

/** Public view of a job (no result). */
export interface JobView {
  id: string;
  kind: JobKind;
  status: JobStatus;
  summary: Record<string, unknown>;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  progress: Progress | null;
  error: ErrorRecord | null;
  queuePosition: number | null;
}

export type JobEvent =
  | { type: 'status'; job: JobView }
  | { type: 'progress'; id: string; progress: Progress };

export type JobRunner = (
  job: Job,
  input: JobInput,
  ctx: { signal: AbortSignal; onProgress: (p: Progress) => void },
) => Promise<unknown>;

export interface JobQueueOptions {
  runner: JobRunner;
  concurrency: number;
  /** Jobs that may wait for a worker (beyond the running ones). */
  maxQueued: number;
  /** Finished jobs kept. */
  retain: number;
  /** Total result bytes kept across finished jobs. */
  retainBytes: number;
  /** Minimum interval between progress events of one job (ms). */
  progressIntervalMs?: number;
}

interface Entry {
  job: Job;
  input?: JobInput;
  controller: AbortController;
  listeners: Set<(e: JobEvent) => void>;
  lastProgressAt: number;
  settled: Promise<void>;
  settle: () => void;
}

const iso = (t: number | undefined) => (t === undefined ? null : new Date(t).toISOString());

export class JobQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly pending: Entry[] = [];
  private running = 0;

  constructor(private readonly o: JobQueueOptions) {}

  view(job: Job): JobView {
    const pos = job.status === 'queued' ? this.pending.findIndex((e) => e.job.id === job.id) : -1;
    return {
      id: job.id,
      kind: job.kind,
      status: job.status,
      summary: job.summary,
      createdAt: iso(job.createdAt)!,
      startedAt: iso(job.startedAt),
      finishedAt: iso(job.finishedAt),
      progress: job.progress ?? null,
      error: job.error ?? null,
      queuePosition: pos >= 0 ? pos + 1 : null,
    };
  }

  stats(): { running: number; queued: number; kept: number; concurrency: number; maxQueued: number } {
    return {
      running: this.running,
      queued: this.pending.length,
      kept: this.entries.size,
      concurrency: this.o.concurrency,
      maxQueued: this.o.maxQueued,
    };
  }

  submit(kind: JobKind, input: JobInput, summary: Record<string, unknown>): Job {
    if (this.pending.length >= this.o.maxQueued)
      throw new HttpError(
        503,
        `the job queue is full (${this.o.maxQueued} jobs waiting, ${this.running} running); try again shortly`,
      );
    let settle!: () => void;
    const settled = new Promise<void>((r) => (settle = r));
    const job: Job = { id: randomUUID(), kind, status: 'queued', summary, createdAt: Date.now() };
    const entry: Entry = {
      job,
      input,
      controller: new AbortController(),
      listeners: new Set(),
      lastProgressAt: 0,
      settled,
      settle,
    };
    this.entries.set(job.id, entry);
    this.pending.push(entry);
    this.pump();
    return job;
  }

  get(id: string): Job | undefined {
    return this.entries.get(id)?.job;
  }

  list(): Job[] {
    return [...this.entries.values()].map((e) => e.job).sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Resolves when the job has finished (any final status). */
  async wait(id: string): Promise<Job | undefined> {
    const e = this.entries.get(id);
    if (!e) return undefined;
    await e.settled;
    return e.job;
  }

  /** Cancels a queued or running job; returns false when it had already finished. */
  cancel(id: string): boolean {
    const e = this.entries.get(id);
    if (!e) return false;
    if (e.job.status === 'queued') {
      const i = this.pending.indexOf(e);
      if (i >= 0) this.pending.splice(i, 1);
      this.finish(e, 'cancelled', undefined, {
        code: 'QA_CANCELLED',
        message: 'job cancelled before it started',
        status: 409,
      });
      return true;
    }
    if (e.job.status === 'running') {
      e.controller.abort();
      return true;
    }
    return false;
  }

  /** Listens to a job's events; returns the unsubscribe function. */
  subscribe(id: string, listener: (e: JobEvent) => void): () => void {
    const e = this.entries.get(id);
    if (!e) return () => undefined;
    e.listeners.add(listener);
    return () => e.listeners.delete(listener);
  }

  private emit(e: Entry, ev: JobEvent): void {
    for (const l of e.listeners) {
      try {
        l(ev);
      } catch {
        e.listeners.delete(l);
      }
    }
  }

  private pump(): void {
    while (this.running < this.o.concurrency && this.pending.length > 0) {
      const e = this.pending.shift()!;
      this.running++;
      void this.start(e);
    }
    for (const p of this.pending) this.emit(p, { type: 'status', job: this.view(p.job) });
  }

  private async start(e: Entry): Promise<void> {
    e.job.status = 'running';
    e.job.startedAt = Date.now();
    this.emit(e, { type: 'status', job: this.view(e.job) });
    const interval = this.o.progressIntervalMs ?? 100;
    try {
      const result = await this.o.runner(e.job, e.input!, {
        signal: e.controller.signal,
        onProgress: (p) => {
          e.job.progress = p;
          const now = Date.now();
          if (now - e.lastProgressAt >= interval || p.done >= p.total) {
            e.lastProgressAt = now;
            this.emit(e, { type: 'progress', id: e.job.id, progress: p });
          }
        },
      });
      if (e.controller.signal.aborted)
        this.finish(e, 'cancelled', undefined, {
          code: 'QA_CANCELLED',
          message: 'job cancelled',
          status: 409,
        });
      else this.finish(e, 'done', result);
    } catch (err) {
      const record = err instanceof JobError ? err.record : errorRecord(err);
      const cancelled =
        e.controller.signal.aborted || err instanceof CancelledError || record.code === 'QA_CANCELLED';
      this.finish(
        e,
        cancelled ? 'cancelled' : 'failed',
        undefined,
        cancelled ? { code: 'QA_CANCELLED', message: 'job cancelled', status: 409 } : record,
      );
    } finally {
      this.running--;
      this.pump();
    }
  }

  private finish(e: Entry, status: JobStatus, result?: unknown, error?: ErrorRecord): void {
    const job = e.job;
    job.status = status;
    job.finishedAt = Date.now();
    e.input = undefined;
    if (result !== undefined) {
      job.result = result;
      job.resultBytes = JSON.stringify(result)?.length ?? 0;
    }
    if (error) job.error = error;
    this.emit(e, { type: 'status', job: this.view(job) });
    e.listeners.clear();
    e.settle();
    this.evict();
  }

  /** Drops the oldest finished jobs beyond the retention limits. */
  private evict(): void {
    const finished = [...this.entries.values()]
      .filter((e) => e.job.finishedAt !== undefined)
      .sort((a, b) => a.job.finishedAt! - b.job.finishedAt!);
    let bytes = finished.reduce((s, e) => s + (e.job.resultBytes ?? 0), 0);
    let count = finished.length;
    for (const e of finished) {
      if (count <= this.o.retain && bytes <= this.o.retainBytes) break;
      this.entries.delete(e.job.id);
      count--;
      bytes -= e.job.resultBytes ?? 0;
    }
  }

  /** Cancels everything (server shutdown). */
  cancelAll(): void {
    for (const e of [...this.entries.values()]) this.cancel(e.job.id);
  }
}
