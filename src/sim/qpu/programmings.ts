/**
 * qpu-sim's gauge, noise and engine phases: the reads are split over `programmings` (one per spin-reversal
 * transform, or one), each with its gauge (the spin-reversal machinery: drawn from the run's stream, samples
 * mapped back), its programmed model (./programming.ts) and PIMC reads along the profile's schedule; then
 * readout errors. One random stream serves the whole run, in a fixed order per programming: gauge, then per
 * chunk the programming noise, the engine seed and the readout flips.
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';
import { getSchedule } from '../../hamiltonian/schedule/catalog.js';
import { type AnnealPath, pathDuration } from '../../hamiltonian/schedule/types.js';
import { mkToBeta } from '../../hamiltonian/schedule/units.js';
import { drawGaugeFrom, gaugeSpins } from '../composites/spin-reversal.js';
import { DEFAULT_SWEEPS_PER_US } from '../mc/anneal-params.js';
import { type AnnealTable, buildAnnealTable } from '../mc/anneal-table.js';
import { simulatePimcGpu } from '../mc/gpu-pimc-reads.js';
import { simulatePimc } from '../mc/pimc.js';
import type { Rng } from '../rng.js';
import { type ResolvedParameters, throwIfAborted } from '../sampler.js';
import type { EngineOptions } from '../sampler-base.js';
import type { QpuProfile } from './profiles.js';
import { csrEdgeIndex, type ProgrammingNoise, programModel } from './programming.js';
import type { QpuParameters } from './qpu-parameters.js';
import { applyReadoutErrors } from './readout.js';

/** The emulated QPU of one run: temperature, sweeps, the anneal table, noise and readout errors. */
export interface Emulation {
  temperatureMk: number;
  /** 1/(k_B·T/h), 1/GHz. */
  beta: number;
  numSweeps: number;
  table: AnnealTable;
  slices: number;
  noise: ProgrammingNoise;
  /** Draw the programming noise for every read (else once per programming). */
  perRead: boolean;
  readoutFlipProbability: number;
  backend: 'cpu' | 'gpu';
}

/** The emulation of a run along `path` on the schedule sheet `scheduleName`, from the x_ parameters and the profile. */
export function qpuEmulation(
  p: ResolvedParameters<QpuParameters>,
  prof: QpuProfile,
  path: AnnealPath,
  scheduleName: string,
): Emulation {
  const temperatureMk = p.x_temperature_mk ?? prof.temperatureMk;
  const beta = mkToBeta(temperatureMk);
  const numSweeps =
    p.x_num_sweeps ??
    Math.max(1, Math.round((p.x_sweeps_per_us ?? DEFAULT_SWEEPS_PER_US) * pathDuration(path)));
  return {
    temperatureMk,
    beta,
    numSweeps,
    table: buildAnnealTable(getSchedule(scheduleName), path, beta, numSweeps),
    slices: p.x_trotter_slices,
    noise: { sigmaH: p.x_h_noise_sigma, sigmaJ: p.x_j_noise_sigma },
    perRead: p.x_noise === 'per_read',
    readoutFlipProbability: p.x_readout_flip_probability,
    backend: p.x_backend,
  };
}

/** What the programmings run: the SPIN model on the active qubits and how the reads are laid out. */
export interface ProgrammingPlan {
  model: CompiledModel;
  /** The auto_scale factor (1 without auto_scale). */
  scale: number;
  numReads: number;
  programmings: number;
  /** Draw a random gauge per programming (spin-reversal transforms); else the identity gauge. */
  spinReversal: boolean;
  /** Reverse anneal start state (model order), and whether each read starts from the previous read's end. */
  initial: Int8Array | undefined;
  carryState: boolean;
}

export interface ProgrammingsResult {
  /** numReads × n spins (model order), read order. */
  spins: Int8Array;
  spinUpdates: number;
  kernel: string;
}

/** Runs every programming; `rng` is the run's stream (see the file header for its order of use). */
export async function runProgrammings(
  plan: ProgrammingPlan,
  emu: Emulation,
  rng: Rng,
  engine: EngineOptions,
): Promise<ProgrammingsResult> {
  const { model, numReads, programmings } = plan;
  const n = model.n;
  const entryEdge = csrEdgeIndex(model);
  const spins = new Int8Array(numReads * n);
  let done = 0;
  let spinUpdates = 0;
  let kernel = 'cpu';
  for (let b = 0; b < programmings; b++) {
    throwIfAborted(engine.signal);
    const reads = Math.floor(numReads / programmings) + (b < numReads % programmings ? 1 : 0);
    const gauge = plan.spinReversal ? drawGaugeFrom(rng, n) : new Int8Array(n).fill(1);
    // reads share one programmed model unless noise is drawn per read; a carried reverse anneal starts each
    // read from the previous read's final state
    const chunks = emu.perRead || plan.carryState ? reads : 1;
    let carry = plan.initial ? gaugeSpins(Int8Array.from(plan.initial), gauge) : undefined;
    for (let c = 0; c < chunks; c++) {
      const count = chunks === 1 ? reads : 1;
      const programmed = programModel(model, entryEdge, plan.scale, gauge, emu.noise, rng);
      const res = await runEngine(programmed, emu, {
        numReads: count,
        seed: rng.nextUint32(),
        initialState: carry,
        engine,
        progress: (q) => engine.onProgress?.({ done: done + q, total: numReads, label: 'qpu-sim reads' }),
      });
      if ('backend' in res) kernel = `gpu.js:${res.backend}`;
      spinUpdates += res.updates;
      if (plan.carryState) carry = res.spins.slice(res.spins.length - n);
      const read = gaugeSpins(res.spins.slice(0, count * n), gauge);
      applyReadoutErrors(read, emu.readoutFlipProbability, rng);
      spins.set(read, done * n);
      done += count;
    }
  }
  return { spins, spinUpdates, kernel };
}

interface EngineCall {
  numReads: number;
  seed: number;
  initialState: Int8Array | undefined;
  engine: EngineOptions;
  progress: (done: number) => void;
}

/** PIMC reads of the programmed model on the chosen backend. */
function runEngine(programmed: CompiledModel, emu: Emulation, call: EngineCall) {
  const { threads, signal, onProgress, offMainThread } = call.engine;
  const common = {
    numSlices: emu.slices,
    numReads: call.numReads,
    seed: call.seed,
    ...(call.initialState ? { initialState: call.initialState } : {}),
    ...(signal ? { signal } : {}),
    ...(onProgress ? { onProgress: (q: { done: number }) => call.progress(q.done) } : {}),
  };
  return emu.backend === 'gpu'
    ? simulatePimcGpu(programmed, emu.table, common)
    : simulatePimc(programmed, emu.table, {
        ...common,
        ...(threads !== undefined ? { threads } : {}),
        ...(offMainThread ? { offMainThread } : {}),
      });
}
