/**
 * A small pool of job workers (node:worker_threads) so long jobs never run on the request thread. Each worker
 * runs one job at a time (the engines inside may use their own thread pools). Cancelling a job first asks its
 * worker to abort (the job's AbortSignal reaches the sampler/engine); a worker that has not stopped after
 * `killAfterMs` is terminated and replaced, so a cancel always frees its slot. A worker that dies (crash, out of
 * memory) fails only its own job and is replaced.
 */

import { Worker } from 'node:worker_threads';
import { CancelledError, WorkError } from '../../errors.js';
import type { Progress } from '../../sim/sampler.js';
import { workerScriptUrl } from '../../sim/threads/worker-url.js';
import type { ErrorRecord } from '../http-error.js';
import type { FromWorker, JobInput, JobKind, ToWorker } from './protocol.js';

/** A job error carried back from a worker, with its HTTP status. */
export class JobError extends WorkError {
  readonly record: ErrorRecord;
  constructor(record: ErrorRecord) {
    super(record.message, record.field ? { field: record.field } : {});
    this.record = record;
  }
}

export interface WorkerPoolOptions {
  size: number;
  /** Heap limit per worker (MiB); a worker past it dies and its job fails with a clear message. */
  maxOldGenerationSizeMb?: number;
  killAfterMs?: number;
  /** Environment overrides for the workers (e.g. QAXAI_THREADS). */
  env?: Record<string, string>;
}

interface Slot {
  worker: Worker;
  /** Shared cancel flag: set by the pool, read by the engines through the job's signal even mid-computation. */
  cancelFlag: Int32Array;
  busy?: {
    id: string;
    resolve: (v: unknown) => void;
    reject: (e: Error) => void;
    onProgress: ((p: Progress) => void) | undefined;
    cancelled: boolean;
    killTimer?: NodeJS.Timeout;
  };
}

export class JobWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: (() => void)[] = [];
  private closed = false;
  private readonly url: URL;

  constructor(private readonly o: WorkerPoolOptions) {
    this.url = workerScriptUrl('./job-worker.js', import.meta.url);
  }

  get size(): number {
    return this.o.size;
  }

  private spawn(): Slot {
    const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(this.url, {
      workerData: { cancelFlag },
      resourceLimits: { maxOldGenerationSizeMb: this.o.maxOldGenerationSizeMb ?? 2048 },
      env: { ...process.env, ...this.o.env },
    });
    worker.unref();
    const slot: Slot = { worker, cancelFlag };
    worker.on('message', (m: FromWorker) => this.onMessage(slot, m));
    worker.on('error', (e) => this.onExit(slot, e));
    worker.on('exit', (code) => this.onExit(slot, new Error(`worker exited with code ${code}`)));
    return slot;
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    const b = slot.busy;
    if (!b || b.id !== m.id) return;
    if (m.type === 'progress') {
      b.onProgress?.(m.progress);
      return;
    }
    clearTimeout(b.killTimer);
    slot.busy = undefined;
    if (m.type === 'done') b.resolve(m.result);
    else b.reject(new JobError(m.error));
    this.release();
  }

  private onExit(slot: Slot, e: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    const b = slot.busy;
    slot.busy = undefined;
    if (b) {
      clearTimeout(b.killTimer);
      if (b.cancelled) b.reject(new CancelledError('job cancelled (its worker was stopped)'));
      else {
        const oom = /ERR_WORKER_OUT_OF_MEMORY|out of memory/i.test(
          `${(e as NodeJS.ErrnoException).code} ${e.message}`,
        );
        b.reject(
          new JobError({
            code: 'QA_WORK_FAILED',
            message: oom
              ? `the job ran out of memory (worker heap limit ${this.o.maxOldGenerationSizeMb ?? 2048} MiB); try a smaller problem`
              : `the job's worker stopped: ${e.message}`,
            status: 500,
          }),
        );
      }
    }
    void slot.worker.terminate().catch(() => undefined);
    this.release();
  }

  private release(): void {
    const next = this.waiting.shift();
    next?.();
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
      if (this.closed) throw new CancelledError('the server is shutting down');
      const idle = this.slots.find((s) => !s.busy);
      if (idle) return idle;
      if (this.slots.length < this.o.size) {
        const s = this.spawn();
        this.slots.push(s);
        return s;
      }
      await new Promise<void>((r) => this.waiting.push(r));
    }
  }

  /** Runs one job in a worker; rejects with CancelledError when `signal` aborts. */
  async run(
    id: string,
    kind: JobKind,
    input: JobInput,
    opts: { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {},
  ): Promise<unknown> {
    if (opts.signal?.aborted) throw new CancelledError('job cancelled');
    const slot = await this.acquire();
    if (opts.signal?.aborted) {
      this.release();
      throw new CancelledError('job cancelled');
    }
    return new Promise<unknown>((resolve, reject) => {
      const busy: NonNullable<Slot['busy']> = {
        id,
        resolve,
        reject,
        onProgress: opts.onProgress,
        cancelled: false,
      };
      slot.busy = busy;
      const onAbort = () => {
        if (slot.busy !== busy) return;
        busy.cancelled = true;
        Atomics.store(slot.cancelFlag, 0, 1);
        slot.worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
        busy.killTimer = setTimeout(() => {
          if (slot.busy === busy) void slot.worker.terminate();
        }, this.o.killAfterMs ?? 3000);
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const msg: ToWorker = { type: 'run', id, kind, input };
      slot.worker.postMessage(msg);
    });
  }

  /** Terminates every worker; running jobs fail as cancelled. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w();
    await Promise.all(
      [...this.slots].map(async (s) => {
        if (s.busy) s.busy.cancelled = true;
        await s.worker.terminate();
      }),
    );
  }
}
