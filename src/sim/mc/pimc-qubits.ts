/**
 * PIMC reads of an anneal whose qubits follow their own schedules (qubit-table.ts): per qubit slice coupling
 * K_i = −½ ln tanh(βΓ_i/P), and per sweep the effective model of SweepScales (h'_i = r_i² g h_i − flux term,
 * J'_ij = r_i r_j J_ij) weighed by a = Λ_ref/P. The uniform anneal keeps its own path (tasks.ts pimcReads);
 * this one runs only with non-neutral controls.
 *
 * The variables are reordered so that each offset group is a contiguous range, and every Metropolis and
 * worldline pass runs group by group over its range with the group's K (for the WASM kernels through the
 * memory's qubit range). When the scales r change (offsets, every sweep) J' and the fields are rebuilt from
 * scratch (O(nnz·P) a sweep); when only h' changes (h gain, flux biases) each slice's fields move by Δh'
 * (O(n·P)). Both kernels do the same floating-point operations, so a read is the same on either.
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';
import { Rng } from '../rng.js';
import { bestSlice, metropolisSweep, PimcState, sliceCoupling, worldlineSweep } from './pimc-kernel.js';
import { type QubitSweepTable, SweepScales } from './qubit-table.js';
import type { PimcTask } from './tasks.js';
import type { McWasmKernel } from './wasm-kernel.js';

/** A mutable copy of `m` with variable j of the copy being variable order[j] of `m`. */
export function permuteModel(m: CompiledModel, order: Int32Array): CompiledModel {
  const n = m.n;
  const inv = new Int32Array(n);
  for (let j = 0; j < n; j++) inv[order[j]!] = j;
  const linear = Float64Array.from(order, (i) => m.linear[i]!);
  const rowPtr = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) {
    const i = order[j]!;
    rowPtr[j + 1] = rowPtr[j]! + (m.rowPtr[i + 1]! - m.rowPtr[i]!);
  }
  const colIdx = new Int32Array(m.colIdx.length);
  const weights = new Float64Array(m.weights.length);
  for (let j = 0; j < n; j++) {
    const i = order[j]!;
    const row: Array<[number, number]> = [];
    for (let p = m.rowPtr[i]!; p < m.rowPtr[i + 1]!; p++) row.push([inv[m.colIdx[p]!]!, m.weights[p]!]);
    row.sort((a, b) => a[0] - b[0]);
    row.forEach(([c, w], k) => {
      colIdx[rowPtr[j]! + k] = c;
      weights[rowPtr[j]! + k] = w;
    });
  }
  const edgeU = Int32Array.from(m.edgeU, (i, k) => Math.min(inv[i]!, inv[m.edgeV[k]!]!));
  const edgeV = Int32Array.from(m.edgeV, (i, k) => Math.max(inv[i]!, inv[m.edgeU[k]!]!));
  return { ...m, linear, rowPtr, colIdx, weights, edgeU, edgeV, edgeW: Float64Array.from(m.edgeW) };
}

/** Variables sorted by group (stable) and the [start, end) of each group in that order. */
export function groupOrder(table: QubitSweepTable): { order: Int32Array; start: Int32Array } {
  const G = table.numGroups;
  const n = table.group.length;
  const start = new Int32Array(G + 1);
  for (let i = 0; i < n; i++) start[table.group[i]! + 1]!++;
  for (let g = 0; g < G; g++) start[g + 1]! += start[g]!;
  const next = start.slice(0, G);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[next[table.group[i]!]!++] = i;
  return { order, start };
}

/** Runs reads [r0, r1) of a PIMC task with per-qubit controls (see the module comment). */
export function pimcQubitReads(
  task: PimcTask,
  qt: QubitSweepTable,
  r0: number,
  r1: number,
  out: Int8Array,
  kern0: (m: CompiledModel) => McWasmKernel | undefined,
): void {
  const { numSlices: P } = task;
  const n = task.model.n;
  const G = qt.numGroups;
  const { order, start } = groupOrder(qt);
  const model = permuteModel(task.model, order);
  const h = Float64Array.from(model.linear);
  const J = Float64Array.from(model.weights);
  const kern = kern0(model);
  const st = kern ? kern.pimcState : new PimcState(n, P);
  const scales = new SweepScales(qt);
  const lin = new Float64Array(n);
  const rowOf = new Int32Array(model.colIdx.length);
  for (let j = 0; j < n; j++) for (let p = model.rowPtr[j]!; p < model.rowPtr[j + 1]!; p++) rowOf[p] = j;
  const groupAt = Int32Array.from(order, (i) => qt.group[i]!);
  const K = new Float64Array(G);
  const initial = task.initialState ? Int8Array.from(order, (i) => task.initialState![i]!) : undefined;
  const rebuild = () => {
    const r = scales.r;
    for (let p = 0; p < J.length; p++)
      model.weights[p] = r[groupAt[rowOf[p]!]!]! * r[groupAt[model.colIdx[p]!]!]! * J[p]!;
    model.linear.set(lin);
    if (kern) kern.setProblem(model.weights, model.linear);
    st.recomputeFields(model);
  };
  const shiftLinear = () => {
    for (let j = 0; j < n; j++) {
      const d = lin[j]! - model.linear[j]!;
      if (d === 0) continue;
      for (let k = 0; k < P; k++) st.field[k * n + j]! += d;
    }
    model.linear.set(lin);
    if (kern) kern.setProblem(model.weights, model.linear);
  };
  const sweep = (kind: 'metropolis' | 'worldline', a: number, rng: Rng) => {
    for (let g = 0; g < G; g++) {
      const i0 = start[g]!;
      const i1 = start[g + 1]!;
      if (i0 === i1) continue;
      if (kern) {
        kern.setRange(i0, i1);
        if (kind === 'metropolis') kern.metropolisSweep(a, K[g]!, rng);
        else kern.worldlineSweep(a, K[g]!, rng);
      } else if (kind === 'metropolis') metropolisSweep(model, st, a, K[g]!, rng, i0, i1);
      else worldlineSweep(model, st, a, K[g]!, rng, i0, i1);
    }
    kern?.setRange(0, n);
  };
  for (let r = r0; r < r1; r++) {
    const rng = Rng.fromSeed(task.seed, r);
    if (initial) st.setClassical(model, initial);
    else st.randomize(model, rng);
    scales.r.fill(0);
    for (let k = 0; k < qt.length; k++) {
      const changed = scales.at(k);
      scales.linear(k, h, order, lin);
      if (changed) rebuild();
      else shiftLinear();
      const a = scales.lambdaRef / P;
      for (let g = 0; g < G; g++) K[g] = sliceCoupling(qt.betaGamma[k * G + g]!, P);
      sweep('metropolis', a, rng);
      if (task.clusterMoves) sweep('worldline', a, rng);
    }
    const slice =
      task.readout === 'best'
        ? bestSlice(model, st)
        : task.readout === 'random'
          ? rng.nextInt(P)
          : task.readoutSlice;
    const base = (r - r0) * n;
    for (let j = 0; j < n; j++) out[base + order[j]!] = st.spins[slice * n + j]!;
  }
}
