/**
 * The submitting side of the point queue: {@link PointSubmitter.run} queues one point (job id = its content
 * hash, so submitting it again adds nothing) and resolves with its result when a worker anywhere has computed
 * it. Results arrive through the queue's events; a reconciliation pass every few seconds asks Redis for the
 * state of every point still outstanding, so a missed event, a restarted Redis or a job that vanished
 * (re-queued) cannot lose a point. A point already finished in Redis (computed while this process was not
 * running) is collected, not recomputed; a point that failed on bad input earlier fails again at once, with
 * its recorded error (it would fail the same way), while one that failed for any other reason is retried.
 */

import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Job, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { CancelledError } from '../../errors.js';
import type { Progress } from '../../sim/sampler.js';
import { contentHash, type JsonLike } from '../sweep/runner.js';
import { closeRedis, connectRedis, openRedis } from './connection.js';
import type { RedisTarget } from './redis-target.js';
import {
  blobKey,
  decodeError,
  errorFromWire,
  type FileRef,
  POINT_QUEUE,
  type PointJobData,
  pointJobId,
  qaxaiVersion,
  RETAIN_SECONDS,
  WIRE_FORMAT,
} from './wire.js';
import { parseWorkerName, type WorkerInfo } from './worker-name.js';

export interface PointRequest {
  kind: string;
  spec: JsonLike;
  /** Input files the point reads, by the spec field that names them (local paths; their text travels). */
  files?: Record<string, string>;
  /** The sweep the point belongs to (shown by `qaxai queue status`, removed by `qaxai queue clean`). */
  sweep: string;
}

export interface QueueProgress {
  /** Points of this submitter finished, failed, waiting for a worker, running on one. */
  done: number;
  failed: number;
  waiting: number;
  running: number;
  /** Workers connected to the queue now (any version), those of this version, the other versions seen. */
  workers: number;
  sameVersionWorkers: number;
  otherVersions: string[];
  /** Set while Redis is unreachable (the masked reason). */
  redisDown?: string;
}

export interface SubmitterOptions {
  /** Tries per point for failures other than bad input (default 3). */
  attempts?: number;
  /** Interval of the reconciliation pass (ms, default 3000). */
  reconcileMs?: number;
  /** Called when the counts change (throttled by the caller). */
  onStatus?: (p: QueueProgress) => void;
  /** The version stamped on jobs (default this qaxai's; tests use another). */
  version?: string;
  /** How long the first connection may take (ms, default 10 s). */
  connectTimeoutMs?: number;
}

type PointState = 'queued' | 'waiting' | 'running';

interface Waiter {
  resolve: (v: JsonLike) => void;
  reject: (e: Error) => void;
  onProgress: ((p: Progress) => void) | undefined;
  /** Stops listening to the caller's signal. */
  done: () => void;
}

interface Pending {
  id: string;
  data: PointJobData;
  state: PointState;
  /** Everyone waiting for this point (the same point asked for twice, e.g. two equal web requests). */
  waiters: Waiter[];
  /** Whether the state check after adding (a point finished or failed before this run) is still due. */
  fresh: boolean;
}

export class PointSubmitter {
  private readonly pending = new Map<string, Pending>();
  private readonly toAdd: Pending[] = [];
  private readonly toRemove: string[] = [];
  private readonly blobs = new Map<string, Promise<void>>();
  private readonly files = new Map<string, FileRef & { text: string }>();
  private flushScheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private reconciling = false;
  private closed = false;
  private readonly counts = { done: 0, failed: 0 };
  private workers: WorkerInfo[] = [];
  private redisDown: string | undefined;
  private readonly version: string;

  private constructor(
    readonly target: RedisTarget,
    private readonly client: Redis,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly o: SubmitterOptions,
  ) {
    this.version = o.version ?? qaxaiVersion();
  }

  /** Connects (a WorkError naming the masked URL when Redis cannot be reached) and starts listening. */
  static async open(target: RedisTarget, o: SubmitterOptions = {}): Promise<PointSubmitter> {
    let self: PointSubmitter | undefined;
    const client = openRedis(target, 'qaxai-submitter', {
      onDown: (m) => self?.setDown(m),
      onUp: () => self?.setUp(),
    });
    await connectRedis(client, target, o.connectTimeoutMs);
    const queue = new Queue(POINT_QUEUE, { connection: client });
    const events = new QueueEvents(POINT_QUEUE, { connection: client });
    queue.on('error', () => undefined);
    events.on('error', () => undefined);
    await events.waitUntilReady();
    self = new PointSubmitter(target, client, queue, events, o);
    self.listen();
    return self;
  }

  /** Queues a point and resolves with its result (rejects with its error: InputError or WorkError). */
  run(
    p: PointRequest,
    opts: { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {},
  ): Promise<JsonLike> {
    if (this.closed) return Promise.reject(new CancelledError('the point queue is closed'));
    const files: Record<string, FileRef> = {};
    for (const [field, path] of Object.entries(p.files ?? {})) {
      const f = this.file(path);
      files[field] = { name: f.name, hash: f.hash };
    }
    const base = { wire: WIRE_FORMAT, qaxai: this.version, kind: p.kind, spec: p.spec, files };
    const id = pointJobId(base);
    return new Promise<JsonLike>((resolve, reject) => {
      if (opts.signal?.aborted) {
        reject(new CancelledError('cancelled'));
        return;
      }
      const signal = opts.signal;
      const onAbort = () => this.abandon(id, waiter);
      const waiter: Waiter = {
        resolve,
        reject,
        onProgress: opts.onProgress,
        done: () => signal?.removeEventListener('abort', onAbort),
      };
      let entry = this.pending.get(id);
      if (!entry) {
        entry = { id, data: { ...base, sweep: p.sweep }, state: 'queued', waiters: [], fresh: true };
        this.pending.set(id, entry);
        this.toAdd.push(entry);
        this.scheduleFlush();
      }
      entry.waiters.push(waiter);
      if (signal) {
        // one listener per outstanding point of a sweep: thousands are expected
        setMaxListeners(0, signal);
        signal.addEventListener('abort', onAbort, { once: true });
      }
    });
  }

  /** One waiter gives up; with none left the point is taken off the queue if no worker has started it. */
  private abandon(id: string, waiter: Waiter): void {
    const e = this.pending.get(id);
    if (!e?.waiters.includes(waiter)) return;
    e.waiters = e.waiters.filter((w) => w !== waiter);
    waiter.done();
    waiter.reject(new CancelledError('cancelled'));
    if (e.waiters.length > 0) return;
    this.pending.delete(id);
    // removing fails for a point a worker holds: it finishes, and its result waits in Redis
    void this.queue.remove(id).catch(() => 0);
    this.emitStatus();
  }

  /** Counts for progress displays. */
  status(): QueueProgress {
    let waiting = 0;
    let running = 0;
    for (const e of this.pending.values()) {
      if (e.state === 'running') running++;
      else waiting++;
    }
    return {
      ...this.counts,
      waiting,
      running,
      workers: this.workers.length,
      sameVersionWorkers: this.workers.filter((w) => w.version === this.version).length,
      otherVersions: [
        ...new Set(this.workers.filter((w) => w.version !== this.version).map((w) => w.version)),
      ],
      ...(this.redisDown !== undefined ? { redisDown: this.redisDown } : {}),
    };
  }

  /** Stops listening; outstanding points stay queued (a later run collects them) and their promises reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    for (const id of [...this.pending.keys()])
      this.settle(id, new CancelledError('the point queue was closed; the point stays queued'));
    await this.flushRemovals().catch(() => undefined);
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    await closeRedis(this.client);
  }

  private file(path: string): FileRef & { text: string } {
    let f = this.files.get(path);
    if (!f) {
      const text = readFileSync(path, 'utf8');
      f = { name: basename(path), hash: contentHash(text), text };
      this.files.set(path, f);
    }
    return f;
  }

  /** Stores a file's text once per content (and refreshes its expiry once per run). */
  private putBlob(f: FileRef & { text: string }): Promise<void> {
    let p = this.blobs.get(f.hash);
    if (!p) {
      p = this.client.set(blobKey(f.hash), f.text, 'EX', RETAIN_SECONDS).then(() => undefined);
      this.blobs.set(f.hash, p);
      p.catch(() => this.blobs.delete(f.hash));
    }
    return p;
  }

  private listen(): void {
    const mine = (jobId: string) => this.pending.get(jobId);
    this.events.on('completed', ({ jobId, returnvalue }) => {
      if (mine(jobId)) this.settle(jobId, undefined, returnvalue as unknown as JsonLike);
    });
    this.events.on('failed', ({ jobId, failedReason }) => {
      if (mine(jobId)) this.settle(jobId, errorFromWire(decodeError(failedReason)));
    });
    this.events.on('active', ({ jobId }) => {
      const e = mine(jobId);
      if (e) this.setState(e, 'running');
    });
    this.events.on('waiting', ({ jobId }) => {
      const e = mine(jobId);
      if (e) this.setState(e, 'waiting');
    });
    this.events.on('progress', ({ jobId, data }) => {
      const p = data as unknown as Progress;
      if (p && typeof p === 'object' && typeof p.done === 'number')
        for (const w of mine(jobId)?.waiters ?? []) w.onProgress?.(p);
    });
    this.scheduleReconcile();
    void this.refreshWorkers();
  }

  private setState(e: Pending, s: PointState): void {
    if (e.state === s) return;
    e.state = s;
    this.emitStatus();
  }

  private setDown(message: string): void {
    if (this.closed) return;
    this.redisDown = message;
    this.emitStatus();
  }

  private setUp(): void {
    this.redisDown = undefined;
    this.emitStatus();
    // a restarted Redis may have lost what was not yet persisted: check every outstanding point now
    void this.reconcile();
  }

  private emitStatus(): void {
    this.o.onStatus?.(this.status());
  }

  private settle(id: string, error: Error | undefined, value?: JsonLike): void {
    const e = this.pending.get(id);
    if (!e) return;
    this.pending.delete(id);
    if (error) {
      if (!(error instanceof CancelledError)) this.counts.failed++;
      for (const w of e.waiters) {
        w.done();
        w.reject(error);
      }
    } else {
      this.counts.done++;
      // removed on the next pass, once the caller has saved the result
      this.toRemove.push(id);
      for (const w of e.waiters) {
        w.done();
        w.resolve(value ?? null);
      }
    }
    this.emitStatus();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      void this.flushAdds();
    });
  }

  private jobOptions(id: string) {
    return {
      jobId: id,
      attempts: this.o.attempts ?? 3,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: RETAIN_SECONDS },
      removeOnFail: { age: RETAIN_SECONDS },
    };
  }

  /** Adds the queued points in one batch, then checks which of them had finished before (duplicates). */
  private async flushAdds(): Promise<void> {
    const batch = this.toAdd.splice(0).filter((e) => this.pending.has(e.id));
    if (batch.length === 0) return;
    try {
      const hashes = new Set<string>();
      for (const e of batch) for (const f of Object.values(e.data.files)) hashes.add(f.hash);
      await Promise.all(
        [...this.files.values()].filter((f) => hashes.has(f.hash)).map((f) => this.putBlob(f)),
      );
      await this.queue.addBulk(
        batch.map((e) => ({ name: e.data.kind, data: e.data, opts: this.jobOptions(e.id) })),
      );
      for (const e of batch) if (e.state === 'queued') this.setState(e, 'waiting');
      await this.check(batch);
    } catch {
      // Redis is unreachable: the reconciliation pass adds them once it is back
    }
  }

  /**
   * Asks Redis for the state of `entries`: finished ones are settled; a point that is gone (Redis lost it, or
   * someone cleaned it) is added again.
   */
  private async check(entries: Pending[]): Promise<void> {
    const states = await Promise.all(entries.map((e) => this.queue.getJobState(e.id)));
    const lost: Pending[] = [];
    await Promise.all(
      entries.map(async (e, k) => {
        const state = states[k]!;
        const fresh = e.fresh;
        e.fresh = false;
        if (!this.pending.has(e.id)) return;
        if (state === 'unknown') lost.push(e);
        else if (state === 'completed' || state === 'failed') {
          const job = (await this.queue.getJob(e.id)) as Job<PointJobData> | undefined;
          if (!job) lost.push(e);
          else if (state === 'completed') this.settle(e.id, undefined, job.returnvalue as JsonLike);
          else {
            const err = decodeError(job.failedReason);
            // a failure that is not bad input, found when the point is submitted again, is retried
            if (fresh && err.exitCode !== 2) {
              await job.retry('failed');
              this.setState(e, 'waiting');
            } else this.settle(e.id, errorFromWire(err));
          }
        } else this.setState(e, state === 'active' ? 'running' : 'waiting');
      }),
    );
    if (lost.length > 0) {
      // a Redis that lost jobs may have lost their files too: store them again
      this.blobs.clear();
      this.toAdd.push(...lost);
      this.scheduleFlush();
    }
  }

  private async flushRemovals(): Promise<void> {
    const ids = this.toRemove.splice(0);
    await Promise.all(ids.map((id) => this.queue.remove(id).catch(() => 0)));
  }

  private async refreshWorkers(): Promise<void> {
    try {
      const list = await this.queue.getWorkers();
      this.workers = list
        .map((w) => parseWorkerName(w.rawname ?? ''))
        .filter((w): w is WorkerInfo => w !== undefined);
      this.emitStatus();
    } catch {
      // shown as unchanged until Redis answers
    }
  }

  /** The next pass: every `reconcileMs`, or less often with many points outstanding (0.5 ms of Redis each). */
  private scheduleReconcile(): void {
    if (this.closed) return;
    const ms = Math.max(this.o.reconcileMs ?? 3000, this.pending.size / 2);
    this.timer = setTimeout(() => {
      void this.reconcile().finally(() => this.scheduleReconcile());
    }, ms);
    this.timer.unref();
  }

  private async reconcile(): Promise<void> {
    if (this.reconciling || this.closed) return;
    this.reconciling = true;
    try {
      await this.flushRemovals();
      await this.refreshWorkers();
      const adding = new Set(this.toAdd);
      const outstanding = [...this.pending.values()].filter((e) => !adding.has(e));
      for (let k = 0; k < outstanding.length; k += 500) await this.check(outstanding.slice(k, k + 500));
    } catch {
      // Redis is unreachable: the next pass tries again
    } finally {
      this.reconciling = false;
    }
  }
}
