/**
 * Runs a step plan on a state: on the calling thread, or on the worker team of ./threaded.ts, with the WASM SIMD
 * kernels (./wasm-kernel.ts) when the state was allocated in wasm memory (`allocateWasmState`), else with the
 * TypeScript kernels (bit-identical results either way). Steps go in
 * chunks of about 0.1 s so progress is reported, cancellation is honoured and the event loop breathes
 * (the CLI's progress bar redraws) between chunks. Checkpoints stop the evolution after given steps so
 * callers can inspect the state (overlaps with instantaneous ground states).
 */

import { throwIfAborted } from '../sampler.js';
import type { Diagonal } from './diagonal.js';
import { gpuEvolver } from './gpu-evolver.js';
import type { GpuStepMode } from './gpu-step.js';
import type { StepPlan } from './plan.js';
import { diagonalStep, newLevelTable, trotterStep } from './step.js';
import { type Evolver, threadedEvolver } from './threaded.js';
import { type WasmState, wasmCanRun, wasmStateOf } from './wasm-kernel.js';

/** Below this many qubits threads cost more than they save. */
export const THREAD_MIN_QUBITS = 14;

export interface EvolveOptions {
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Step counts (1..steps) after which `onCheckpoint` sees the state (before the closing half step). */
  checkpoints?: readonly number[];
  onCheckpoint?: (stepsDone: number, amps: Float64Array) => void | Promise<void>;
  /** 'ts' runs the TypeScript kernels even on a wasm state (default 'auto'). */
  kernel?: 'auto' | 'ts';
  /**
   * Run the steps as gpu.js kernels in single precision (./gpu-evolver.ts) on this gpu.js backend instead of
   * the float64 kernels; `threads` and `kernel` are then ignored. Checkpoint callbacks see a copy of the
   * device state and must leave `amps` as they found it.
   */
  gpu?: GpuStepMode;
}

/** Which kernels ran: the float64 WASM or TypeScript kernels, or gpu.js (its backend named). */
export type EvolveKernel = 'wasm' | 'ts' | `gpu.js:${string}`;

/** The wasm state to run the WASM kernels on, if `amps` and `diag` live in one. */
function wasmFor(amps: Float64Array, diag: Diagonal, kernel: EvolveOptions['kernel']): WasmState | undefined {
  if (kernel === 'ts') return undefined;
  const ws = wasmStateOf(amps);
  return ws && wasmCanRun(ws, diag) ? ws : undefined;
}

function wasmSerialEvolver(ws: WasmState, n: number, diag: Diagonal, plan: StepPlan): Evolver {
  const K = ws.kernel;
  const d = plan.data;
  return {
    threads: 1,
    run: async (k0, k1) => {
      for (let k = k0; k < k1; k++) K.step(diag, d[3 * k]!, d[3 * k + 1]!, d[3 * k + 2]!);
    },
    phase: async (phi) => K.diagonal(diag, phi, 0, 2 ** n),
    end: async () => {},
  };
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
function stepCostSeconds(n: number, wasm: boolean): number {
  return 2 ** n * (n / 3 + 1) * (wasm ? 1e-9 : 3e-9);
}

const tick = () => new Promise<void>((r) => setImmediate(r));

/**
 * Applies every step of `plan` and the closing half diagonal to `amps` (in place). With threads > 1 the
 * state, the diagonal's arrays and the plan must be SharedArrayBuffer-backed (a wasm state is). Returns the
 * threads and the kernels used.
 */
export async function evolve(
  amps: Float64Array,
  n: number,
  diag: Diagonal,
  plan: StepPlan,
  opts: EvolveOptions = {},
): Promise<{ threads: number; kernel: EvolveKernel }> {
  if (opts.gpu) {
    const ev = await gpuEvolver(amps, n, diag, plan, opts.gpu);
    await runPlan(ev, amps, plan, stepCostSeconds(n, false), opts, ev.sync);
    return { threads: 1, kernel: `gpu.js:${ev.backend}` };
  }
  const threads = opts.threads ?? 1;
  const ws = wasmFor(amps, diag, opts.kernel);
  const threaded = threads > 1 && n >= THREAD_MIN_QUBITS;
  // a wasm state carries level tables for the thread count it was allocated for
  const wasm = ws && (!threaded || ws.layout.threads >= threads) ? ws : undefined;
  const ev = threaded
    ? await threadedEvolver(amps, n, diag, plan, threads, wasm)
    : wasm
      ? wasmSerialEvolver(wasm, n, diag, plan)
      : serialEvolver(amps, n, diag, plan);
  await runPlan(ev, amps, plan, stepCostSeconds(n, wasm !== undefined) / ev.threads, opts);
  return { threads: ev.threads, kernel: wasm ? 'wasm' : 'ts' };
}

/**
 * Runs the plan's steps in chunks of about 0.1 s (`stepSeconds` per step) with progress, cancellation and
 * checkpoints (`sync` first brings `amps` up to date), then the closing phase; always ends the evolver.
 */
async function runPlan(
  ev: Evolver,
  amps: Float64Array,
  plan: StepPlan,
  stepSeconds: number,
  opts: EvolveOptions,
  sync?: () => Promise<void>,
): Promise<void> {
  try {
    const chunk = Math.max(1, Math.floor(0.1 / stepSeconds));
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
      if (next < stops.length && stops[next] === k && opts.onCheckpoint) {
        await sync?.();
        await opts.onCheckpoint(k, amps);
      }
      if (ev.threads === 1) await tick();
    }
    await ev.phase(plan.finalPhi);
  } finally {
    await ev.end();
  }
}
