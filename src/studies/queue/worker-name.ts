/**
 * A worker's name in Redis (CLIENT SETNAME, which BullMQ lists as the queue's workers): `qaxai/VERSION/HOST/PID`,
 * so a submitter and `qaxai queue status` can say which workers are connected and of which version.
 */

export interface WorkerInfo {
  version: string;
  host: string;
  pid: number;
}

/** The name a worker registers under (no spaces: Redis client names may not hold them). */
export function workerName(w: WorkerInfo): string {
  const clean = (s: string) => s.replace(/[^!-~]|\//g, '_');
  return `qaxai/${clean(w.version)}/${clean(w.host)}/${w.pid}`;
}

/** The worker behind a Redis client name (BullMQ's `…:w:NAME`), or undefined for a client that is not one. */
export function parseWorkerName(raw: string): WorkerInfo | undefined {
  const m = /:w:qaxai\/([^/]+)\/([^/]+)\/(\d+)$/.exec(raw);
  return m ? { version: m[1]!, host: m[2]!, pid: Number(m[3]) } : undefined;
}
