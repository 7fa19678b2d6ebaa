/**
 * What the problem routes share: looking a problem up (404 in SAPI's words), the long-poll `timeout=`
 * parameter, cancelling one problem with SAPI's outcomes, and a signal that fires when the client goes away.
 */

import type { FastifyReply } from 'fastify';
import type { SapiGeneration } from './negotiation.js';
import type { ProblemStore, StoredProblem } from './problem-store.js';
import { errorBody, SapiHttpError } from './sapi-errors.js';

export function needProblem(store: ProblemStore, id: string): StoredProblem {
  const p = store.get(id);
  if (!p) throw new SapiHttpError(404, `Problem does not exist or apitoken does not have access: ${id}`);
  return p;
}

/** The long-poll wait, whole seconds 1…30, or undefined when not asked for. */
export function readTimeout(v: string | null): number | undefined {
  if (v === null) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 30)
    throw new SapiHttpError(400, `timeout=${v}: must be a whole number of seconds from 1 to 30`);
  return n;
}

/**
 * Cancels one problem: 200 with its status (was pending; in representation generation `g`), 202 in progress,
 * 409 finished, 404 unknown.
 */
export function cancelOne(
  store: ProblemStore,
  id: string,
  g: SapiGeneration,
): { status: number; body: unknown } {
  const outcome = store.cancel(id);
  if (outcome === undefined) return { status: 404, body: errorBody(404, `Problem does not exist: ${id}`) };
  if (outcome === 'cancelled') return { status: 200, body: store.statusOf(store.get(id)!, false, g) };
  if (outcome === 'cancelling')
    return { status: 202, body: errorBody(202, 'Attempting to cancel problem in progress.') };
  return { status: 409, body: errorBody(409, 'Problem has been finished.') };
}

/** Aborts when the response is closed (sent, or the client went away): long polls stop waiting. */
export function closedSignal(reply: FastifyReply): AbortSignal {
  const closed = new AbortController();
  reply.raw.on('close', () => closed.abort());
  return closed.signal;
}
