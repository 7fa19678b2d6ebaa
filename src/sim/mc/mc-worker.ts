/** Worker-thread entry for Monte Carlo reads (piscina): runs reads [r0, r1) of a task into shared output. */

import { type McTask, runTaskReads } from './tasks.js';

export interface McWorkerJob {
  task: McTask;
  r0: number;
  r1: number;
  /** numReads × n int8 spins, shared with the main thread. */
  out: SharedArrayBuffer;
}

export default function run(job: McWorkerJob): number {
  const n = job.task.model.n;
  runTaskReads(job.task, job.r0, job.r1, new Int8Array(job.out, job.r0 * n, (job.r1 - job.r0) * n));
  return job.r1 - job.r0;
}
