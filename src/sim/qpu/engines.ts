/**
 * qpu-sim's engine phase: reads of one programmed model (physical frame, SPIN) on the engine the run chose,
 * along the profile's schedule, with the chunk's per-qubit controls:
 * - pimc: discrete-time path-integral Monte Carlo (src/sim/mc: the WASM kernels on threads, or the gpu.js
 *   backend, which has no per-qubit controls);
 * - svmc, svmc-tf: spin-vector Monte Carlo (rotors read out by sign);
 * - statevector: closed-system Schrödinger evolution of the programmed model (src/sim/statevector: the uniform
 *   engine, or the per-qubit one with controls), then `numReads` independent draws from |ψ(T)|².
 */

import { CapacityError, ParameterError } from '../../errors.js';
import type { CompiledModel } from '../../hamiltonian/compiled.js';
import type { QubitControls } from '../../hamiltonian/schedule/qubit-controls.js';
import { simulatePimcGpu } from '../mc/gpu-pimc-reads.js';
import { runReads } from '../mc/parallel.js';
import { simulatePimc } from '../mc/pimc.js';
import { buildQubitSweepTable, type QubitSweepTable } from '../mc/qubit-table.js';
import { Rng } from '../rng.js';
import type { EngineOptions } from '../sampler-base.js';
import { annealCompiled } from '../statevector/anneal.js';
import { annealPerQubit } from '../statevector/qubit-anneal.js';
import type { Emulation } from './emulation.js';

/** Most active qubits the statevector engine takes in qpu-sim (2^27 amplitudes: 2 GiB of state). */
export const STATEVECTOR_MAX_QUBITS = 27;

export interface EngineCall {
  numReads: number;
  seed: number;
  initialState: Int8Array | undefined;
  engine: EngineOptions;
  progress: (done: number) => void;
}

export interface EngineReads {
  /** numReads × n spins, read order. */
  spins: Int8Array;
  updates: number;
  /** What ran: 'cpu' (the Monte Carlo kernels), 'gpu.js:…', or 'statevector:…'. */
  kernel: string;
}

/** Refuses, before any run, an engine the problem or the controls cannot go with. */
export function checkEngine(emu: Emulation, n: number): void {
  if (emu.engine === 'statevector' && n > STATEVECTOR_MAX_QUBITS)
    throw new CapacityError(
      `x_engine: the statevector engine takes at most ${STATEVECTOR_MAX_QUBITS} active qubits (this problem has ${n}); use x_engine pimc`,
      { field: 'x_engine' },
    );
  if (emu.engine === 'pimc' && emu.backend === 'gpu' && (emu.controls || emu.fluxDrift > 0))
    throw new ParameterError(
      'x_backend: the gpu PIMC backend has no per-qubit schedules (anneal_offsets, h_gain_schedule, flux_biases, flux_drift_compensation false); use x_backend cpu',
      { field: 'x_backend' },
    );
}

/** The per-sweep table of a chunk's controls (the run's, or rebuilt when the chunk adds a flux drift). */
function qubitTableOf(
  emu: Emulation,
  controls: QubitControls | undefined,
  n: number,
): QubitSweepTable | undefined {
  if (!controls) return undefined;
  if (controls === emu.controls) return emu.qubitTable;
  return buildQubitSweepTable(
    emu.scheduleName,
    emu.scheduleTable,
    emu.path,
    emu.beta,
    emu.numSweeps,
    n,
    controls,
  );
}

/** Reads of `programmed` on the run's engine. */
export async function runEngine(
  programmed: CompiledModel,
  emu: Emulation,
  controls: QubitControls | undefined,
  call: EngineCall,
): Promise<EngineReads> {
  if (emu.engine === 'statevector') return statevectorReads(programmed, emu, controls, call);
  const { threads, signal, onProgress, offMainThread } = call.engine;
  const qubits = qubitTableOf(emu, controls, programmed.n);
  const common = {
    numReads: call.numReads,
    seed: call.seed,
    ...(call.initialState ? { initialState: call.initialState } : {}),
    ...(signal ? { signal } : {}),
    ...(onProgress ? { onProgress: (q: { done: number }) => call.progress(q.done) } : {}),
  };
  const pool = {
    ...(threads !== undefined ? { threads } : {}),
    ...(offMainThread ? { offMainThread } : {}),
  };
  if (emu.engine === 'pimc') {
    if (emu.backend === 'gpu') {
      const r = await simulatePimcGpu(programmed, emu.table, { ...common, numSlices: emu.slices });
      return { spins: r.spins, updates: r.updates, kernel: `gpu.js:${r.backend}` };
    }
    const r = await simulatePimc(programmed, emu.table, {
      ...common,
      ...pool,
      numSlices: emu.slices,
      ...(qubits ? { qubits } : {}),
    });
    return { spins: r.spins, updates: r.updates, kernel: 'cpu' };
  }
  const r = await runReads(
    {
      kind: 'svmc',
      variant: emu.engine,
      model: programmed,
      betaGamma: emu.table.betaGamma,
      betaLambda: emu.table.betaLambda,
      seed: call.seed,
      readout: 'sign',
      ...(call.initialState ? { initialState: call.initialState } : {}),
      ...(qubits ? { qubits } : {}),
    },
    call.numReads,
    { ...common, ...pool },
  );
  return { spins: r.spins, updates: r.updates, kernel: 'cpu' };
}

/** |ψ(T)|² of the programmed model, then `numReads` draws (inverse CDF, one uniform each from the call's seed). */
async function statevectorReads(
  model: CompiledModel,
  emu: Emulation,
  controls: QubitControls | undefined,
  call: EngineCall,
): Promise<EngineReads> {
  const n = model.n;
  const { signal, threads } = call.engine;
  const path = call.initialState ? { ...emu.path, initialState: call.initialState } : emu.path;
  let probabilities: Float64Array;
  let kernel: string;
  if (controls) {
    const r = await annealPerQubit(model, {
      scheduleName: emu.scheduleName,
      table: emu.scheduleTable,
      path,
      controls,
      ...(signal ? { signal } : {}),
    });
    probabilities = r.probabilities;
    kernel = 'statevector:per-qubit';
  } else {
    const r = await annealCompiled(model, {
      schedule: emu.schedule,
      path,
      keepState: true,
      ...(threads !== undefined ? { threads } : {}),
      ...(signal ? { signal } : {}),
    });
    const a = r.state!;
    probabilities = new Float64Array(2 ** n);
    for (let z = 0; z < probabilities.length; z++) probabilities[z] = a[2 * z]! ** 2 + a[2 * z + 1]! ** 2;
    kernel = `statevector:${r.kernel}`;
  }
  const cdf = new Float64Array(probabilities.length);
  let acc = 0;
  for (let z = 0; z < cdf.length; z++) cdf[z] = acc += probabilities[z]!;
  const rng = Rng.fromSeed(call.seed, 0x73766563);
  const spins = new Int8Array(call.numReads * n);
  for (let r = 0; r < call.numReads; r++) {
    const u = rng.next() * acc;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    // basis state z: bit i set ⇔ σz_i = −1
    for (let i = 0; i < n; i++) spins[r * n + i] = (lo >> i) & 1 ? -1 : 1;
  }
  call.progress(call.numReads);
  return { spins, updates: 0, kernel };
}
