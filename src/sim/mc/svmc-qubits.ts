/**
 * SVMC / SVMC-TF reads of an anneal whose qubits follow their own schedules (qubit-table.ts): each rotor's
 * energy is −Γ_i sin θ_i + Λ_ref (h'_i cos θ_i + Σ_j J'_ij cos θ_i cos θ_j) with PerQubitModel's h', J', i.e.
 * the expectation of the per-qubit Hamiltonian in product states. Every sweep runs group by group with the
 * group's βΓ (the SVMC-TF step width then uses Γ_g/Λ_ref). The uniform anneal keeps tasks.ts svmcReads.
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';
import { Rng } from '../rng.js';
import { PerQubitModel, type QubitSweepTable } from './qubit-table.js';
import { projectRotors, type RotorReadout, RotorState, type SvmcVariant, svmcSweep } from './svmc-kernel.js';

/** What an SVMC read range needs of its task (tasks.ts SvmcTask). */
export interface SvmcReadsJob {
  model: CompiledModel;
  variant: SvmcVariant;
  seed: number;
  readout: RotorReadout;
  initialState?: Int8Array;
}

/** Runs reads [r0, r1) of an SVMC task with per-qubit controls. */
export function svmcQubitReads(
  task: SvmcReadsJob,
  qt: QubitSweepTable,
  r0: number,
  r1: number,
  out: Int8Array,
): void {
  const n = task.model.n;
  const G = qt.numGroups;
  const pq = new PerQubitModel(task.model, qt);
  const { model, order, start, delta } = pq;
  const st = new RotorState(n);
  const initial = task.initialState ? Int8Array.from(order, (i) => task.initialState![i]!) : undefined;
  const row = new Int8Array(n);
  for (let r = r0; r < r1; r++) {
    const rng = Rng.fromSeed(task.seed, r);
    pq.reset();
    for (let k = 0; k < qt.length; k++) {
      const rebuilt = pq.at(k);
      if (k === 0) {
        if (initial) st.setClassical(model, initial);
        else st.setTransverse(model);
      } else if (rebuilt) st.refresh(model);
      else for (let j = 0; j < n; j++) st.field[j]! += delta[j]!;
      const lambda = pq.scales.lambdaRef;
      for (let g = 0; g < G; g++) {
        st.i0 = start[g]!;
        st.i1 = start[g + 1]!;
        if (st.i0 < st.i1) svmcSweep(model, st, qt.betaGamma[k * G + g]!, lambda, task.variant, rng);
      }
      st.i0 = 0;
      st.i1 = n;
    }
    projectRotors(st, task.readout, rng, row);
    for (let j = 0; j < n; j++) out[(r - r0) * n + order[j]!] = row[j]!;
  }
}
