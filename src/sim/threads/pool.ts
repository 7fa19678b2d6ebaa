/**
 * Shared worker-thread pools (piscina), one per worker script, created lazily and reused across calls
 * (threads are expensive to start). Samplers split work into independent tasks (reads, chunks of states)
 * whose RNG streams are derived from the user seed and the task index, so results do not depend on the
 * thread count.
 */

import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { workerScriptUrl } from './worker-url.js';

const pools = new Map<string, Piscina>();

/** Default thread count: QAXAI_THREADS if set, else the machine's available parallelism. */
export function defaultThreadCount(): number {
  const env = Number(process.env.QAXAI_THREADS);
  if (Number.isInteger(env) && env > 0) return env;
  return Math.max(1, availableParallelism());
}

/**
 * The pool for a worker script (resolved with {@link workerScriptUrl}) with `threads` workers.
 * Pools are keyed by script and size.
 */
export function getPool(relativeScript: string, fromUrl: string, threads = defaultThreadCount()): Piscina {
  const url = workerScriptUrl(relativeScript, fromUrl);
  const key = `${url.href}#${threads}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new Piscina({
      filename: url.href,
      minThreads: Math.min(1, threads),
      maxThreads: threads,
      idleTimeout: 2000,
    });
    pools.set(key, pool);
  }
  return pool;
}

/** Closes every pool (tests, CLI exit). */
export async function closeAllPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.destroy()));
}
