/**
 * qpu-sim's programming phase: the Ising model the emulated QPU anneals, per programming:
 *   h'_i = g_i h_i / scale + N(0, σ_h²),   J'_ij = g_i g_j J_ij / scale + N(0, σ_J²)
 * with the auto_scale factor `scale`, the spin-reversal gauge g ∈ {±1}^n (all +1 without transforms) and the
 * programming noise drawn from `rng` (h in qubit order, then J in edge order).
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';
import type { Rng } from '../rng.js';

/** For each CSR entry of `m`, the index of its edge in m.edgeU/edgeV. */
export function csrEdgeIndex(m: CompiledModel): Int32Array {
  const key = new Map<number, number>();
  for (let k = 0; k < m.edgeU.length; k++) key.set(m.edgeU[k]! * m.n + m.edgeV[k]!, k);
  const out = new Int32Array(m.colIdx.length);
  for (let i = 0; i < m.n; i++)
    for (let e = m.rowPtr[i]!; e < m.rowPtr[i + 1]!; e++) {
      const j = m.colIdx[e]!;
      out[e] = key.get(Math.min(i, j) * m.n + Math.max(i, j))!;
    }
  return out;
}

/** Programming noise: standard deviations of the Gaussian errors on the programmed h and J. */
export interface ProgrammingNoise {
  sigmaH: number;
  sigmaJ: number;
}

/** The programmed Ising model: scaled, gauge-transformed, with Gaussian noise on h and on each coupler's J. */
export function programModel(
  m: CompiledModel,
  entryEdge: Int32Array,
  scale: number,
  gauge: Int8Array,
  noise: ProgrammingNoise,
  rng: Rng,
): CompiledModel {
  const { sigmaH, sigmaJ } = noise;
  const linear = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++)
    linear[i] = (gauge[i]! * m.linear[i]!) / scale + (sigmaH > 0 ? sigmaH * rng.nextGaussian() : 0);
  const edgeW = new Float64Array(m.edgeW.length);
  for (let k = 0; k < edgeW.length; k++)
    edgeW[k] =
      (gauge[m.edgeU[k]!]! * gauge[m.edgeV[k]!]! * m.edgeW[k]!) / scale +
      (sigmaJ > 0 ? sigmaJ * rng.nextGaussian() : 0);
  const weights = Float64Array.from(entryEdge, (k) => edgeW[k]!);
  return { ...m, offset: 0, linear, weights, edgeW };
}
