/**
 * Worker-thread entry of `qaxai worker`: runs one point of any kind (./kinds.ts). Errors come back as values
 * (class, code, field survive; a thrown error would lose them crossing the thread boundary); progress goes
 * through the task's MessagePort.
 */

import type { MessagePort } from 'node:worker_threads';
import { toWireError, type WireError } from '../../studies/queue/wire.js';
import type { JsonLike } from '../../studies/sweep/runner.js';
import { evaluatePointKind } from './kinds.js';

export interface PointTask {
  kind: string;
  spec: JsonLike;
  files: Record<string, string>;
  threads: number;
  progress?: MessagePort;
}

export type PointOutcome = { ok: true; result: JsonLike } | { ok: false; error: WireError };

export default async function runPointTask(task: PointTask): Promise<PointOutcome> {
  try {
    const result = await evaluatePointKind(task.kind, task.spec, {
      files: task.files,
      threads: task.threads,
      onProgress: (p) => task.progress?.postMessage({ done: p.done, total: p.total, label: p.label }),
    });
    return { ok: true, result };
  } catch (e) {
    return { ok: false, error: toWireError(e) };
  } finally {
    task.progress?.close();
  }
}
