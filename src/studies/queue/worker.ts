/**
 * The working side of the point queue: a BullMQ worker that takes points of any kind, fetches their input
 * files (by content hash, cached on local disk), runs them with the caller's evaluator and returns the result.
 *   - A point of another qaxai version (or wire format) is refused: put back for another worker, never run.
 *   - Bad input (an InputError: deterministic) fails the point once, without retries; any other failure is
 *     retried by BullMQ (the submitter sets the attempts) on whichever worker takes it next.
 *   - A worker that dies holds its points' locks no longer than `lockDurationMs`; BullMQ's stalled-job check
 *     (run by every other worker) then puts them back in the queue.
 *   - `close()` finishes the running points; `close({ handBack: true })` stops them and returns them to the
 *     queue at once.
 * The evaluator must not block the event loop for long (run points on worker threads), or the locks lapse.
 */

import { existsSync, mkdirSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DelayedError, type Job, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import { WorkError } from '../../errors.js';
import type { Progress } from '../../sim/sampler.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { contentHash, type JsonLike } from '../sweep/runner.js';
import { closeRedis, connectRedis, openRedis } from './connection.js';
import type { RedisTarget } from './redis-target.js';
import {
  blobKey,
  encodeError,
  type FileRef,
  POINT_QUEUE,
  type PointJobData,
  qaxaiVersion,
  toWireError,
  WIRE_FORMAT,
} from './wire.js';
import { workerName } from './worker-name.js';

export interface PointContext {
  signal: AbortSignal;
  /** Local paths of the point's input files, by the spec field that names them. */
  files: Record<string, string>;
  onProgress: (p: Progress) => void;
}

/** Runs one point of `kind`; throws InputError for bad input (not retried), anything else is retried. */
export type PointEvaluator = (kind: string, spec: JsonLike, ctx: PointContext) => Promise<JsonLike>;

export interface PointWorkerOptions {
  evaluate: PointEvaluator;
  /** Points run at once (default 1). */
  concurrency?: number;
  /** How long a point stays locked to a worker that stopped answering (ms, default 30 000). */
  lockDurationMs?: number;
  /** Where fetched input files are kept (default <tmp>/qaxai-worker-files; shared by workers, by content). */
  cacheDir?: string;
  /** One line per notable event (refusals, failures, reconnections); passwords are masked. */
  log?: (line: string) => void;
  /** The version this worker runs (default this qaxai's; tests use another). */
  version?: string;
  connectTimeoutMs?: number;
}

export interface WorkerStats {
  done: number;
  failed: number;
  refused: number;
  running: number;
}

export interface RunningPointWorker {
  /** The name the worker registers in Redis (`qaxai/VERSION/HOST/PID`). */
  name: string;
  stats(): WorkerStats;
  /** Takes no more points; finishes the running ones, or with `handBack` returns them to the queue now. */
  close(o?: { handBack?: boolean }): Promise<void>;
}

/** How long a refused point waits before any worker may take it again (ms). */
const REFUSE_DELAY_MS = 1000;

export async function startPointWorker(
  target: RedisTarget,
  o: PointWorkerOptions,
): Promise<RunningPointWorker> {
  const version = o.version ?? qaxaiVersion();
  const log = (line: string) => o.log?.(target.mask(line));
  const name = workerName({ version, host: hostname(), pid: process.pid });
  let closing: Promise<void> | undefined;
  const client = openRedis(target, 'qaxai-worker', {
    onDown: (m) => {
      if (!closing) log(`Redis unreachable (${m}); reconnecting, running points continue`);
    },
    onUp: () => log('Redis reachable again'),
  });
  await connectRedis(client, target, o.connectTimeoutMs);
  const cacheDir = o.cacheDir ?? join(tmpdir(), 'qaxai-worker-files');
  const stats: WorkerStats = { done: 0, failed: 0, refused: 0, running: 0 };
  const active = new Map<string, AbortController>();
  const refusedVersions = new Set<string>();
  let handingBack = false;

  const fetchFile = async (f: FileRef): Promise<string> => {
    const path = join(cacheDir, f.hash, f.name.replace(/[^A-Za-z0-9._-]/g, '_'));
    // written atomically under its content hash: a file that exists is complete
    if (existsSync(path)) return path;
    const text = await client.get(blobKey(f.hash));
    if (text === null)
      throw new WorkError(
        `input file ${f.name} (${f.hash}) is no longer in Redis; submit the sweep again (with --resume) to store it`,
      );
    if (contentHash(text) !== f.hash)
      throw new WorkError(`input file ${f.name} (${f.hash}) is corrupt in Redis`);
    mkdirSync(join(cacheDir, f.hash), { recursive: true });
    return writeFileAtomic(path, text);
  };

  const process_ = async (
    job: Job<PointJobData>,
    token?: string,
    signal?: AbortSignal,
  ): Promise<JsonLike> => {
    const d = job.data;
    if (d.wire !== WIRE_FORMAT || d.qaxai !== version) {
      stats.refused++;
      const theirs = `${d.qaxai} (wire format ${d.wire})`;
      if (!refusedVersions.has(theirs)) {
        refusedVersions.add(theirs);
        log(
          `refusing points of qaxai ${d.qaxai}: this worker is qaxai ${version}; start a worker of that version`,
        );
      }
      await job.moveToDelayed(Date.now() + REFUSE_DELAY_MS, token);
      throw new DelayedError();
    }
    const ctl = new AbortController();
    const onAbort = () => ctl.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    active.set(job.id!, ctl);
    stats.running++;
    let lastProgress = 0;
    try {
      const files: Record<string, string> = {};
      for (const [field, f] of Object.entries(d.files)) files[field] = await fetchFile(f);
      const result = await o.evaluate(d.kind, d.spec, {
        signal: ctl.signal,
        files,
        onProgress: (p) => {
          const now = Date.now();
          if (now - lastProgress < 250 && p.done < p.total) return;
          lastProgress = now;
          void job.updateProgress({ ...p }).catch(() => undefined);
        },
      });
      stats.done++;
      return result;
    } catch (e) {
      if (handingBack && ctl.signal.aborted) {
        await job.moveToWait(token);
        throw new WaitingError();
      }
      stats.failed++;
      const w = toWireError(e);
      log(`point ${job.id} (${d.kind}) failed: ${w.message}${w.exitCode === 2 ? '' : ' (will be retried)'}`);
      if (w.exitCode === 2) throw new UnrecoverableError(encodeError(w));
      throw new Error(encodeError(w));
    } finally {
      stats.running--;
      active.delete(job.id!);
      signal?.removeEventListener('abort', onAbort);
    }
  };

  const lockDuration = o.lockDurationMs ?? 30_000;
  const worker = new Worker<PointJobData, JsonLike>(POINT_QUEUE, process_, {
    connection: client,
    name,
    concurrency: o.concurrency ?? 1,
    lockDuration,
    stalledInterval: lockDuration,
    // a point whose workers keep dying fails after this many recoveries rather than circling forever
    maxStalledCount: 3,
  });
  worker.on('error', (e) => log(`queue error: ${e.message}`));
  await worker.waitUntilReady();
  return {
    name,
    stats: () => ({ ...stats }),
    close(c = {}) {
      if (c.handBack) {
        handingBack = true;
        for (const ctl of active.values()) ctl.abort();
      }
      closing ??= (async () => {
        await worker.close();
        await closeRedis(client);
      })();
      return closing;
    },
  };
}
