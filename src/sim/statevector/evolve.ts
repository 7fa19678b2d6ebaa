/**
 * Runs a step plan on a state: on the calling thread, or on the worker team of ./threaded.ts. Steps go in
 * chunks of about 0.1 s so progress is reported, cancellation is honoured and the event loop breathes
 * (the CLI's progress bar redraws) between chunks. Checkpoints stop the evolution after given steps so
 * callers can inspect the state (overlaps with instantaneous ground states).
 */

import { throwIfAborted } from '../sampler.js';
import type { Diagonal } from './diagonal.js';
import type { StepPlan } from './plan.js';
import { diagonalStep, newLevelTable, trotterStep } from './step.js';
import { type Evolver, threadedEvolver } from './threaded.js';

/** Below this many qubits threads cost more than they save. */
export const THREAD_MIN_QUBITS = 14;

export interface EvolveOptions {
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Step counts (1..steps) after which `onCheckpoint` sees the state (before the closing half step). */
  checkpoints?: readonly number[];
  onCheckpoint?: (stepsDone: number, amps: Float64Array) => void | Promise<void>;
}

function serialEvolver(a: Float64Array, n: number, diag: Diagonal, plan: StepPlan): Evolver {
  const table = newLevelTable(diag);
  const d = plan.data;
  return {
    threads: 1,
    run: async (k0, k1) => {
      for (let k = k0; k < k1; k++) trotterStep(a, n, diag, table, d[3 * k]!, d[3 * k + 1]!, d[3 * k + 2]!);
    },
    phase: async (phi) => diagonalStep(a, n, diag, table, phi),
    end: async () => {},
  };
}

/** Rough single-thread cost of one step in seconds (for chunking only). */
function stepCostSeconds(n: number): number {
  return 2 ** n * (n / 3 + 1) * 3e-9;
}

const tick = () => new Promise<void>((r) => setImmediate(r));

/**
 * Applies every step of `plan` and the closing half diagonal to `amps` (in place). With threads > 1 the
 * state, the diagonal's arrays and the plan must be SharedArrayBuffer-backed.
 */
export async function evolve(
  amps: Float64Array,
  n: number,
  diag: Diagonal,
  plan: StepPlan,
  opts: EvolveOptions = {},
): Promise<{ threads: number }> {
  const threads = opts.threads ?? 1;
  const ev =
    threads > 1 && n >= THREAD_MIN_QUBITS
      ? await threadedEvolver(amps, n, diag, plan, threads)
      : serialEvolver(amps, n, diag, plan);
  try {
    const chunk = Math.max(1, Math.floor(0.1 / (stepCostSeconds(n) / ev.threads)));
    const stops = [...(opts.checkpoints ?? [])]
      .filter((k) => k >= 1 && k <= plan.steps)
      .sort((x, y) => x - y);
    let next = 0;
    let k = 0;
    while (k < plan.steps) {
      throwIfAborted(opts.signal);
      let k1 = Math.min(plan.steps, k + chunk);
      while (next < stops.length && stops[next]! <= k) next++;
      if (next < stops.length && stops[next]! < k1) k1 = stops[next]!;
      await ev.run(k, k1);
      k = k1;
      opts.onProgress?.(k, plan.steps);
      if (next < stops.length && stops[next] === k) await opts.onCheckpoint?.(k, amps);
      if (ev.threads === 1) await tick();
    }
    await ev.phase(plan.finalPhi);
  } finally {
    await ev.end();
  }
  return { threads: ev.threads };
}
