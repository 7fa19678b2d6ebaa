/**
 * Runs the reads of a Monte Carlo task, on worker threads when the work is long enough to pay for them (an
 * estimated single-thread time, job-cost.ts) or when the caller must stay free (`offMainThread`), and on the
 * calling thread otherwise. Reads are split into contiguous chunks; each read's RNG stream depends only
 * on (seed, read index), so the result is the same for any thread count.
 */

import { toShared } from '../../hamiltonian/compiled.js';
import { type Progress, throwIfAborted } from '../sampler.js';
import { defaultThreadCount, getPool } from '../threads/pool.js';
import { estimatedSecondsPerRead } from './job-cost.js';
import type { McWorkerJob } from './mc-worker.js';
import { type McTask, runTaskReads, updatesPerRead } from './tasks.js';
import { mcKernelFromEnv } from './wasm-kernel.js';

/** Below this estimated single-thread time (seconds) a job runs on the calling thread: threads would cost more. */
export const INLINE_SECONDS = 0.2;

export interface RunReadsOptions {
  /** Worker threads (default: QAXAI_THREADS or the machine's parallelism); 1 runs on the calling thread. */
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /**
   * Estimated single-thread seconds (job-cost.ts) below which the reads run on the calling thread (default
   * {@link INLINE_SECONDS}; 0 uses threads whenever there are several).
   */
  minSecondsForThreads?: number;
  /** Never run on the calling thread: a pool of `threads` workers (one at least) takes even a small job. */
  offMainThread?: boolean;
}

export interface ReadsResult {
  /** numReads × n spins (±1), row-major. */
  spins: Int8Array;
  /** Threads that ran the reads (1 = the calling thread). */
  threads: number;
  /** Spin updates performed. */
  updates: number;
}

export async function runReads(
  task: McTask,
  numReads: number,
  opts: RunReadsOptions = {},
): Promise<ReadsResult> {
  // the kernel choice travels with the task, so worker threads follow the caller's QAXAI_MC_KERNEL
  if ((task.kind === 'pimc' || task.kind === 'sa' || task.kind === 'svmc') && task.kernel === undefined)
    task = { ...task, kernel: mcKernelFromEnv() };
  const n = task.model.n;
  const perRead = updatesPerRead(task);
  const threads = Math.max(1, Math.min(opts.threads ?? defaultThreadCount(), numReads));
  const total = perRead * numReads;
  const label = `${task.kind} reads`;
  const seconds = estimatedSecondsPerRead(task) * numReads;
  const small = threads === 1 || seconds < (opts.minSecondsForThreads ?? INLINE_SECONDS);
  if (n === 0 || (small && !opts.offMainThread)) {
    const spins = new Int8Array(numReads * n);
    // chunks so progress and cancellation are seen between reads
    const chunk = Math.max(1, Math.ceil(numReads / 20));
    for (let r = 0; r < numReads; r += chunk) {
      throwIfAborted(opts.signal);
      const r1 = Math.min(numReads, r + chunk);
      runTaskReads(task, r, r1, spins.subarray(r * n, r1 * n));
      opts.onProgress?.({ done: r1, total: numReads, label });
    }
    return { spins, threads: 1, updates: total };
  }
  const pool = getPool('./mc-worker.js', import.meta.url, threads);
  const shared: McTask = { ...task, model: toShared(task.model) };
  const out = new SharedArrayBuffer(numReads * n);
  const chunk = Math.max(1, Math.ceil(numReads / (threads * 4)));
  let done = 0;
  const jobs: Promise<unknown>[] = [];
  for (let r = 0; r < numReads; r += chunk) {
    const job: McWorkerJob = { task: shared, r0: r, r1: Math.min(numReads, r + chunk), out };
    jobs.push(
      pool.run(job, opts.signal ? { signal: opts.signal } : {}).then((count: number) => {
        done += count;
        opts.onProgress?.({ done, total: numReads, label });
      }),
    );
  }
  try {
    await Promise.all(jobs);
  } catch (e) {
    throwIfAborted(opts.signal);
    throw e;
  }
  return { spins: new Int8Array(out).slice(), threads, updates: total };
}
