/**
 * PIMC reads of an anneal whose qubits follow their own schedules (qubit-table.ts): per qubit slice coupling
 * K_i = −½ ln tanh(βΓ_i/P), and per sweep the effective model of PerQubitModel (h'_i = r_i² g h_i − flux term,
 * J'_ij = r_i r_j J_ij) weighed by a = Λ_ref/P. The uniform anneal keeps its own path (tasks.ts pimcReads);
 * this one runs only with non-neutral controls.
 *
 * Every Metropolis and worldline pass runs group by group over the group's range of the reordered variables
 * with the group's K (for the WASM kernels through the memory's qubit range). When J' changes (offsets: every
 * sweep) the fields are rebuilt from scratch (O(nnz·P) a sweep); when only h' changes (h gain, flux biases)
 * each slice's fields move by Δh' (O(n·P)). Both kernels do the same floating-point operations, so a read is
 * the same on either.
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';
import { Rng } from '../rng.js';
import { metropolisSweep, PimcState, readoutSlice, sliceCoupling, worldlineSweep } from './pimc-kernel.js';
import { PerQubitModel, type QubitSweepTable } from './qubit-table.js';
import type { McWasmKernel } from './wasm-kernel.js';

/** What a PIMC read range needs of its task (tasks.ts PimcTask). */
export interface PimcReadsJob {
  model: CompiledModel;
  numSlices: number;
  seed: number;
  clusterMoves: boolean;
  readout: 'slice' | 'random' | 'best';
  readoutSlice: number;
  initialState?: Int8Array;
}

/** Runs reads [r0, r1) of a PIMC task with per-qubit controls (see the module comment). */
export function pimcQubitReads(
  task: PimcReadsJob,
  qt: QubitSweepTable,
  r0: number,
  r1: number,
  out: Int8Array,
  kernelFor: (m: CompiledModel) => McWasmKernel | undefined,
): void {
  const { numSlices: P } = task;
  const n = task.model.n;
  const G = qt.numGroups;
  const pq = new PerQubitModel(task.model, qt);
  const { model, order, start, delta } = pq;
  const kern = kernelFor(model);
  const st = kern ? kern.pimcState : new PimcState(n, P);
  const K = new Float64Array(G);
  const initial = task.initialState ? Int8Array.from(order, (i) => task.initialState![i]!) : undefined;
  const sweep = (kind: 'metropolis' | 'worldline', a: number, rng: Rng) => {
    for (let g = 0; g < G; g++) {
      st.i0 = start[g]!;
      st.i1 = start[g + 1]!;
      if (st.i0 === st.i1) continue;
      if (kern) {
        if (kind === 'metropolis') kern.metropolisSweep(a, K[g]!, rng);
        else kern.worldlineSweep(a, K[g]!, rng);
      } else if (kind === 'metropolis') metropolisSweep(model, st, a, K[g]!, rng);
      else worldlineSweep(model, st, a, K[g]!, rng);
    }
    st.i0 = 0;
    st.i1 = n;
  };
  for (let r = r0; r < r1; r++) {
    const rng = Rng.fromSeed(task.seed, r);
    pq.reset();
    for (let k = 0; k < qt.length; k++) {
      const rebuilt = pq.at(k);
      kern?.setProblem(model.weights, model.linear);
      if (k === 0) {
        if (initial) st.setClassical(model, initial);
        else st.randomize(model, rng);
      } else if (rebuilt) st.recomputeFields(model);
      else
        for (let j = 0; j < n; j++) {
          const d = delta[j]!;
          if (d !== 0) for (let s = j; s < n * P; s += n) st.field[s]! += d;
        }
      const a = pq.scales.lambdaRef / P;
      for (let g = 0; g < G; g++) K[g] = sliceCoupling(qt.betaGamma[k * G + g]!, P);
      sweep('metropolis', a, rng);
      if (task.clusterMoves) sweep('worldline', a, rng);
    }
    const slice = readoutSlice(task.readout, task.readoutSlice, model, st, rng);
    const base = (r - r0) * n;
    for (let j = 0; j < n; j++) out[base + order[j]!] = st.spins[slice * n + j]!;
  }
}
