/**
 * Background susceptibility, one of the integrated control errors D-Wave documents (QPU documentation,
 * "Background Susceptibility"): every spin j couples its neighbours to each other and leaks its h to them,
 *   J_ik += χ·Σ_j J_ij J_jk   (next-nearest-neighbour couplings, i ≠ k, through every common neighbour j),
 *   h_i  += χ·Σ_j J_ij h_j    (h leakage),
 * with χ = M_AFM·dI_p/dΦ_q (dimensionless; about −0.04 early in the anneal and −0.015 late, at single-qubit
 * freeze-out, in D-Wave's figure). The emulator applies one χ to the programmed model (after scaling, gauge and
 * programming noise: the susceptibility acts on the couplings the QPU actually realizes).
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';

/** The programmed model with χ's NNN couplings and h leakage added (new couplers where none were); χ = 0: `m`. */
export function withBackgroundSusceptibility(m: CompiledModel, chi: number): CompiledModel {
  if (chi === 0 || m.n === 0) return m;
  const n = m.n;
  const rows: Array<Map<number, number>> = Array.from({ length: n }, () => new Map());
  for (let i = 0; i < n; i++)
    for (let p = m.rowPtr[i]!; p < m.rowPtr[i + 1]!; p++) rows[i]!.set(m.colIdx[p]!, m.weights[p]!);
  const linear = Float64Array.from(m.linear);
  const add = (i: number, k: number, w: number) => rows[i]!.set(k, (rows[i]!.get(k) ?? 0) + w);
  for (let j = 0; j < n; j++) {
    const p0 = m.rowPtr[j]!;
    const p1 = m.rowPtr[j + 1]!;
    for (let a = p0; a < p1; a++) {
      const i = m.colIdx[a]!;
      const Jij = m.weights[a]!;
      linear[i]! += chi * Jij * m.linear[j]!;
      for (let b = p0; b < p1; b++) {
        const k = m.colIdx[b]!;
        if (k !== i) add(i, k, chi * Jij * m.weights[b]!);
      }
    }
  }
  const rowPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowPtr[i + 1] = rowPtr[i]! + rows[i]!.size;
  const colIdx = new Int32Array(rowPtr[n]!);
  const weights = new Float64Array(rowPtr[n]!);
  const edges: Array<[number, number, number]> = [];
  for (let i = 0; i < n; i++) {
    const sorted = [...rows[i]!].sort((x, y) => x[0] - y[0]);
    sorted.forEach(([k, w], q) => {
      colIdx[rowPtr[i]! + q] = k;
      weights[rowPtr[i]! + q] = w;
      if (i < k) edges.push([i, k, w]);
    });
  }
  return {
    ...m,
    linear,
    rowPtr,
    colIdx,
    weights,
    edgeU: Int32Array.from(edges, (e) => e[0]),
    edgeV: Int32Array.from(edges, (e) => e[1]),
    edgeW: Float64Array.from(edges, (e) => e[2]),
  };
}
