/**
 * Monte Carlo work as plain, structured-cloneable task records, and the one function that runs a range of
 * reads of a task (on the main thread or in a worker). Read r always draws from Rng.fromSeed(seed, r), so the
 * samples do not depend on how reads are split across threads.
 */

import { InternalError } from '../../errors.js';
import type { CompiledModel } from '../../hamiltonian/compiled.js';
import { Rng } from '../rng.js';
import { type UpdateOrder, WorldlineState } from './ct-pimc-kernel.js';
import { metropolisSweep, PimcState, readoutSlice, sliceCoupling, worldlineSweep } from './pimc-kernel.js';
import { pimcQubitReads } from './pimc-qubits.js';
import type { QubitSweepTable } from './qubit-table.js';
import { saAnneal } from './sa-kernel.js';
import {
  projectRotors,
  proposalWidth,
  type RotorReadout,
  RotorState,
  type SvmcVariant,
  svmcSweep,
} from './svmc-kernel.js';
import { svmcQubitReads } from './svmc-qubits.js';
import { warmUpKernels } from './warm-up.js';
import { type McKernel, McWasmKernel, useMcWasm } from './wasm-kernel.js';

/** Which slice a PIMC read returns: a fixed slice, a uniformly random one, or the lowest-energy one. */
export type SliceReadout = 'slice' | 'random' | 'best';

export interface PimcTask {
  kind: 'pimc';
  model: CompiledModel;
  /** Per sweep: β·Γ(s_k) and β·Λ(s_k) (see anneal-table.ts). */
  betaGamma: Float64Array;
  betaLambda: Float64Array;
  numSlices: number;
  seed: number;
  /** Add a worldline (imaginary-time cluster) sweep after every Metropolis sweep. */
  clusterMoves: boolean;
  readout: SliceReadout;
  readoutSlice: number;
  /** Classical start state (±1, length n) for reverse anneals: every slice starts there. */
  initialState?: Int8Array;
  /** Sweep kernels (default: QAXAI_MC_KERNEL, else 'wasm' where available); the samples are the same. */
  kernel?: McKernel;
  /** Per-qubit schedules (anneal offsets, h gain, flux biases; pimc-qubits.ts); betaGamma/betaLambda still give the sweeps. */
  qubits?: QubitSweepTable;
}

export interface SaTask {
  kind: 'sa';
  model: CompiledModel;
  betas: Float64Array;
  sweepsPerBeta: number;
  seed: number;
  /** Rows of initial states (±1, row-major, numInitial × n). */
  initialStates?: Int8Array;
  /** How reads past the given initial states start: reuse them cyclically, or random states. */
  expand: 'tile' | 'random';
  /** Sweep kernels (default: QAXAI_MC_KERNEL, else 'wasm' where available); the samples are the same. */
  kernel?: McKernel;
}

export interface SvmcTask {
  kind: 'svmc';
  variant: SvmcVariant;
  model: CompiledModel;
  betaGamma: Float64Array;
  betaLambda: Float64Array;
  seed: number;
  readout: RotorReadout;
  initialState?: Int8Array;
  /** Sweep kernels (default: QAXAI_MC_KERNEL, else 'wasm' where available); the samples are the same. */
  kernel?: McKernel;
  /** Per-qubit schedules (svmc-qubits.ts, TypeScript kernel); betaGamma/betaLambda still give the sweeps. */
  qubits?: QubitSweepTable;
}

/** Continuous-time PIMC (ct-pimc-kernel.ts): one worldline update per qubit per sweep; reads s(τ = 0). */
export interface CtPimcTask {
  kind: 'pimc-ct';
  model: CompiledModel;
  betaGamma: Float64Array;
  betaLambda: Float64Array;
  /** Qubit order within a sweep (default sequential). */
  updateOrder?: UpdateOrder;
  seed: number;
  initialState?: Int8Array;
}

export type McTask = PimcTask | SaTask | SvmcTask | CtPimcTask;

/** Spin updates one read costs (for splitting work and for rates). */
export function updatesPerRead(task: McTask): number {
  switch (task.kind) {
    case 'pimc':
      return task.model.n * task.numSlices * task.betaGamma.length * (task.clusterMoves ? 2 : 1);
    case 'sa':
      return task.model.n * task.betas.length * task.sweepsPerBeta;
    case 'svmc':
    case 'pimc-ct':
      return task.model.n * task.betaGamma.length;
    default: {
      const never: never = task;
      throw new InternalError(`unknown task ${JSON.stringify(never)}`);
    }
  }
}

/** Spin updates from which a thread warms the PIMC/SA kernels up first (warm-up.ts; ~50 ms, once per thread). */
export const WARM_UP_WORK = 1e8;

/** Runs reads [r0, r1) of `task`, writing read r's ±1 spins to out[(r − r0)·n …]. */
export function runTaskReads(task: McTask, r0: number, r1: number, out: Int8Array): void {
  switch (task.kind) {
    case 'pimc':
    case 'sa': {
      const wasm = useMcWasm(task.kernel);
      const long = updatesPerRead(task) * (r1 - r0) >= WARM_UP_WORK;
      if (task.kind === 'pimc') pimcReads(task, r0, r1, out, wasm, long);
      else saReads(task, r0, r1, out, wasm, long);
      return;
    }
    case 'svmc':
      svmcReads(task, r0, r1, out, useMcWasm(task.kernel));
      return;
    case 'pimc-ct':
      ctPimcReads(task, r0, r1, out);
      return;
    default: {
      const never: never = task;
      throw new InternalError(`unknown task ${JSON.stringify(never)}`);
    }
  }
}

/**
 * The kernels of a read range: a wasm memory for the WASM kernels (`wasm`), else undefined for the TypeScript
 * ones, which are warmed up first for a long run (the WASM kernels need no warm-up: V8 tiers wasm functions up
 * between calls, without on-stack replacement).
 */
function kernelsFor(model: CompiledModel, slices: number, wasm: boolean, long: boolean) {
  let kern: McWasmKernel | undefined;
  if (wasm) {
    kern = wasmKernels.get(model);
    if (kern?.numSlices !== slices) {
      kern = McWasmKernel.create(model, slices);
      if (kern) wasmKernels.set(model, kern);
    }
  }
  if (!kern && long) warmUpKernels();
  return kern;
}

/**
 * This thread's wasm memory per model, reused by the model's later read ranges (runReads runs the reads of one
 * call in chunks: a memory and an instance per chunk cost ≈ 0.5 ms each); it goes when the model does.
 */
const wasmKernels = new WeakMap<CompiledModel, McWasmKernel>();

function pimcReads(
  task: PimcTask,
  r0: number,
  r1: number,
  out: Int8Array,
  wasm: boolean,
  long: boolean,
): void {
  const { model, numSlices: P, betaGamma, betaLambda } = task;
  if (task.qubits) {
    pimcQubitReads(task, task.qubits, r0, r1, out, (m) => kernelsFor(m, P, wasm, long));
    return;
  }
  const n = model.n;
  // the model, spins, fields and scratch laid out in one wasm memory for all reads of this range
  const kern = kernelsFor(model, P, wasm, long);
  const st = kern ? kern.pimcState : new PimcState(n, P);
  const N = betaGamma.length;
  const a = new Float64Array(N);
  const K = new Float64Array(N);
  for (let k = 0; k < N; k++) {
    a[k] = betaLambda[k]! / P;
    K[k] = sliceCoupling(betaGamma[k]!, P);
  }
  for (let r = r0; r < r1; r++) {
    const rng = Rng.fromSeed(task.seed, r);
    if (task.initialState) st.setClassical(model, task.initialState);
    else st.randomize(model, rng);
    if (kern)
      for (let k = 0; k < N; k++) {
        kern.metropolisSweep(a[k]!, K[k]!, rng);
        if (task.clusterMoves) kern.worldlineSweep(a[k]!, K[k]!, rng);
      }
    else
      for (let k = 0; k < N; k++) {
        metropolisSweep(model, st, a[k]!, K[k]!, rng);
        if (task.clusterMoves) worldlineSweep(model, st, a[k]!, K[k]!, rng);
      }
    const slice = readoutSlice(task.readout, task.readoutSlice, model, st, rng);
    out.set(st.spins.subarray(slice * n, (slice + 1) * n), (r - r0) * n);
  }
}

function saReads(task: SaTask, r0: number, r1: number, out: Int8Array, wasm: boolean, long: boolean): void {
  const { model } = task;
  const n = model.n;
  const field = new Float64Array(n);
  const kern = kernelsFor(model, 1, wasm, long);
  const numInitial = task.initialStates ? task.initialStates.length / Math.max(1, n) : 0;
  for (let r = r0; r < r1; r++) {
    const rng = Rng.fromSeed(task.seed, r);
    const spins = out.subarray((r - r0) * n, (r - r0 + 1) * n);
    if (task.initialStates && (r < numInitial || (task.expand === 'tile' && numInitial > 0))) {
      const row = r % numInitial;
      spins.set(task.initialStates.subarray(row * n, (row + 1) * n));
    } else for (let i = 0; i < n; i++) spins[i] = rng.nextUint32() & 1 ? 1 : -1;
    if (kern) {
      kern.spins.set(spins);
      kern.saAnneal(task.betas, task.sweepsPerBeta, rng);
      spins.set(kern.spins);
    } else saAnneal(model, spins, field, task.betas, task.sweepsPerBeta, rng);
  }
}

function svmcReads(task: SvmcTask, r0: number, r1: number, out: Int8Array, wasm: boolean): void {
  if (task.qubits) {
    svmcQubitReads(task, task.qubits, r0, r1, out);
    return;
  }
  const { model, betaGamma, betaLambda } = task;
  // the rotor memory: four rows of n f64 in the field region (wasm-kernel.ts rotorState)
  const kern = kernelsFor(model, 4, wasm, false);
  const st = kern ? kern.rotorState() : new RotorState(model.n);
  for (let r = r0; r < r1; r++) {
    const rng = Rng.fromSeed(task.seed, r);
    if (task.initialState) st.setClassical(model, task.initialState);
    else st.setTransverse(model);
    if (kern)
      for (let k = 0; k < betaGamma.length; k++) {
        const bg = betaGamma[k]!;
        const bl = betaLambda[k]!;
        kern.svmcSweep(bg, bl, proposalWidth(task.variant, bg, bl), rng);
      }
    else
      for (let k = 0; k < betaGamma.length; k++)
        svmcSweep(model, st, betaGamma[k]!, betaLambda[k]!, task.variant, rng);
    projectRotors(st, task.readout, rng, out, (r - r0) * model.n);
  }
}

function ctPimcReads(task: CtPimcTask, r0: number, r1: number, out: Int8Array): void {
  const { model, betaGamma, betaLambda } = task;
  const n = model.n;
  const st = new WorldlineState(n);
  const start = new Int8Array(n);
  for (let r = r0; r < r1; r++) {
    const rng = Rng.fromSeed(task.seed, r);
    if (task.initialState) st.setClassical(task.initialState);
    else {
      for (let i = 0; i < n; i++) start[i] = rng.nextSpin();
      st.setClassical(start);
    }
    const order = task.updateOrder ?? 'sequential';
    for (let k = 0; k < betaGamma.length; k++) st.sweep(model, betaGamma[k]!, betaLambda[k]!, rng, order);
    for (let i = 0; i < n; i++) out[(r - r0) * n + i] = st.s0[i]!;
  }
}
