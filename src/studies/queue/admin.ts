/**
 * Looking after the point queue (`qaxai queue status|drain|clean`): what is waiting, running, failed and
 * finished, per sweep; which workers are connected; dropping the waiting points (drain) and removing finished
 * points or every point of one sweep (clean).
 */

import { type Job, Queue } from 'bullmq';
import { closeRedis, connectRedis, openRedis } from './connection.js';
import type { RedisTarget } from './redis-target.js';
import { decodeError, POINT_QUEUE, type PointJobData } from './wire.js';
import { parseWorkerName, type WorkerInfo } from './worker-name.js';

/** Jobs inspected per state for the per-sweep table (the counts themselves are exact). */
const SCAN_LIMIT = 20_000;

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
type State = (typeof STATES)[number];

export interface QueueReport {
  queue: string;
  counts: Record<State, number>;
  workers: WorkerInfo[];
  /** Jobs per sweep and state (of the first SCAN_LIMIT jobs of each state). */
  sweeps: Array<{ sweep: string } & Record<State, number>>;
  /** The latest failures: point, sweep, attempts and error. */
  failures: Array<{ id: string; kind: string; sweep: string; attempts: number; error: string }>;
}

async function withQueue<T>(target: RedisTarget, fn: (q: Queue) => Promise<T>): Promise<T> {
  const client = openRedis(target, 'qaxai-admin');
  await connectRedis(client, target);
  const queue = new Queue(POINT_QUEUE, { connection: client });
  queue.on('error', () => undefined);
  try {
    return await fn(queue);
  } finally {
    await queue.close();
    await closeRedis(client);
  }
}

async function jobsIn(q: Queue, state: State): Promise<Job<PointJobData>[]> {
  return (await q.getJobs([state], 0, SCAN_LIMIT - 1)).filter((j): j is Job<PointJobData> => !!j);
}

export function queueStatus(target: RedisTarget): Promise<QueueReport> {
  return withQueue(target, async (q) => {
    const raw = await q.getJobCounts(...STATES, 'prioritized');
    const counts = Object.fromEntries(STATES.map((s) => [s, raw[s] ?? 0])) as Record<State, number>;
    counts.waiting += raw.prioritized ?? 0;
    const workers = (await q.getWorkers())
      .map((w) => parseWorkerName(w.rawname ?? ''))
      .filter((w): w is WorkerInfo => w !== undefined);
    const bySweep = new Map<string, Record<State, number>>();
    for (const state of STATES)
      for (const j of await jobsIn(q, state)) {
        const key = j.data?.sweep ?? '(unknown)';
        let row = bySweep.get(key);
        if (!row) {
          row = { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 };
          bySweep.set(key, row);
        }
        row[state]++;
      }
    const failures = (await q.getFailed(0, 9)).filter(Boolean).map((j) => ({
      id: j.id ?? '',
      kind: (j.data as PointJobData | undefined)?.kind ?? '',
      sweep: (j.data as PointJobData | undefined)?.sweep ?? '',
      attempts: j.attemptsMade,
      error: target.mask(decodeError(j.failedReason).message),
    }));
    return {
      queue: target.display,
      counts,
      workers,
      sweeps: [...bySweep.entries()].map(([sweep, c]) => ({ sweep, ...c })),
      failures,
    };
  });
}

/** Removes every waiting and delayed point (running ones finish); returns how many were waiting. */
export function drainQueue(target: RedisTarget): Promise<number> {
  return withQueue(target, async (q) => {
    const n = (await q.getWaitingCount()) + (await q.getDelayedCount()) + (await q.getPrioritizedCount());
    await q.drain(true);
    return n;
  });
}

/**
 * With `sweeps`: removes every point of those sweeps that no worker holds (waiting, delayed, failed,
 * finished). Without: removes the finished and failed points of every sweep. Returns how many were removed.
 */
export function cleanQueue(target: RedisTarget, sweeps?: readonly string[]): Promise<number> {
  return withQueue(target, async (q) => {
    if (!sweeps) {
      const done = await q.clean(0, 0, 'completed');
      const failed = await q.clean(0, 0, 'failed');
      return done.length + failed.length;
    }
    const wanted = new Set(sweeps);
    let removed = 0;
    for (const state of ['waiting', 'delayed', 'failed', 'completed'] as const)
      for (const j of await jobsIn(q, state))
        if (wanted.has(j.data?.sweep) && j.id && (await q.remove(j.id)) === 1) removed++;
    return removed;
  });
}
