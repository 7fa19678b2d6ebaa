/**
 * Job worker entry (node:worker_threads): runs one job at a time for the web server, posting throttled progress,
 * then the result or an error record. A 'cancel' message aborts the job's AbortSignal, which the engines and
 * samplers check; the server terminates the worker if it does not stop in time.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { CancelledError } from '../../errors.js';
import { errorRecord } from '../http-error.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { inRequestTerms } from './request-fields.js';
import { runJob } from './run-job.js';
import type { JobContext } from './run-lab.js';

const port = parentPort;
if (!port) throw new Error('job-worker.js must run as a worker thread');

let current: { id: string; controller: AbortController } | undefined;
const cancelFlag: Int32Array | undefined = (workerData as { cancelFlag?: Int32Array } | undefined)
  ?.cancelFlag;

/**
 * An AbortSignal whose `aborted` also reads the pool's shared cancel flag, so engines that poll it between
 * steps stop without waiting for the 'cancel' message (which needs a free event loop). Listeners still fire when
 * that message arrives.
 */
function jobSignal(controller: AbortController): AbortSignal {
  const signal = controller.signal;
  if (!cancelFlag) return signal;
  const flag = cancelFlag;
  const proto = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')!;
  Object.defineProperty(signal, 'aborted', {
    configurable: true,
    get: () => Atomics.load(flag, 0) === 1 || (proto.get!.call(signal) as boolean),
  });
  return signal;
}

function post(m: FromWorker): void {
  port!.postMessage(m);
}

port.on('message', async (m: ToWorker) => {
  if (m.type === 'cancel') {
    if (current?.id === m.id) current.controller.abort();
    return;
  }
  const controller = new AbortController();
  if (cancelFlag) Atomics.store(cancelFlag, 0, 0);
  const signal = jobSignal(controller);
  current = { id: m.id, controller };
  let last = 0;
  const ctx: JobContext = {
    signal,
    onProgress: (p) => {
      const now = Date.now();
      if (now - last < 50 && p.done < p.total) return;
      last = now;
      post({
        type: 'progress',
        id: m.id,
        progress: { done: p.done, total: p.total, ...(p.label ? { label: p.label } : {}) },
      });
    },
  };
  try {
    const result = await runJob(m.kind, m.input, ctx);
    if (controller.signal.aborted) throw new CancelledError('job cancelled');
    post({ type: 'done', id: m.id, result });
  } catch (e) {
    post({
      type: 'error',
      id: m.id,
      error: inRequestTerms(
        m.kind,
        errorRecord(controller.signal.aborted ? new CancelledError('job cancelled') : e),
      ),
    });
  } finally {
    current = undefined;
  }
});
