/**
 * qpu-sim's gauge, noise and engine phases: the reads are split over `programmings` (one per spin-reversal
 * transform, or one), each with its gauge (the spin-reversal machinery: drawn from the run's stream, samples
 * mapped back), its programmed model (./programming.ts, with the background susceptibility of
 * ./susceptibility.ts) and reads of the chosen engine along the profile's
 * schedule (./engines.ts), with the per-qubit controls (anneal offsets, h gain, flux biases) acting on the
 * programmed, physical-frame model: like Ocean's spin-reversal composite, which transforms h and J only, the
 * gauge does not touch flux biases or offsets. Then readout errors. One random stream serves the whole run, in
 * a fixed order per programming: gauge, then per chunk the programming noise, the flux drift (only with
 * flux_drift_compensation false), the engine seed and the readout flips.
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';
import { drawGaugeFrom, gaugeSpins } from '../composites/spin-reversal.js';
import type { Rng } from '../rng.js';
import { throwIfAborted } from '../sampler.js';
import type { EngineOptions } from '../sampler-base.js';
import { chunkControls, type Emulation } from './emulation.js';
import { runEngine } from './engines.js';
import { csrEdgeIndex, programModel } from './programming.js';
import { applyReadoutErrors } from './readout.js';
import { withBackgroundSusceptibility } from './susceptibility.js';

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
      const programmed = withBackgroundSusceptibility(
        programModel(model, entryEdge, plan.scale, gauge, emu.noise, rng),
        emu.chi,
      );
      const controls = chunkControls(emu, n, rng);
      const res = await runEngine(programmed, emu, controls, {
        numReads: count,
        seed: rng.nextUint32(),
        initialState: carry,
        engine,
        progress: (q) => engine.onProgress?.({ done: done + q, total: numReads, label: 'qpu-sim reads' }),
      });
      kernel = res.kernel;
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
