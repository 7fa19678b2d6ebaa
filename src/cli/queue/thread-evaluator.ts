/**
 * The evaluator of `qaxai worker`: each point on a worker thread of one pool (`concurrency` threads, each point
 * with `threads` engine threads), so the worker's event loop stays free to renew its points' locks.
 */

import { MessageChannel } from 'node:worker_threads';
import type { Progress } from '../../sim/sampler.js';
import { getPool } from '../../sim/threads/pool.js';
import { errorFromWire } from '../../studies/queue/wire.js';
import type { PointEvaluator } from '../../studies/queue/worker.js';
import type { PointOutcome, PointTask } from './point-thread.js';

export function threadPointEvaluator(concurrency: number, threads: number): PointEvaluator {
  const pool = getPool('./point-thread.js', import.meta.url, concurrency);
  return async (kind, spec, ctx) => {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (p: Progress) => ctx.onProgress(p));
    const task: PointTask = { kind, spec, files: ctx.files, threads, progress: port2 };
    try {
      const out = (await pool.run(task, { transferList: [port2], signal: ctx.signal })) as PointOutcome;
      if (!out.ok) throw errorFromWire(out.error);
      return out.result;
    } finally {
      port1.close();
    }
  };
}
