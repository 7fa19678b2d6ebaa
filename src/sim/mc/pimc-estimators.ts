/**
 * Thermodynamic estimators of a PIMC configuration (discrete time, P slices, x = βΓ/P):
 * - <σz_i>, <σz_i σz_j>, <H_P>: averages over slices;
 * - <σx_i> = (1/P) Σ_k [tanh x if s_{k,i} = s_{k+1,i}, coth x at a kink] (from ∂ ln Z_P / ∂Γ);
 * - <H> = −Γ Σ_i <σx_i> + Λ <H_P>.
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';
import { type PimcState, sliceEnergy } from './pimc-kernel.js';

/** Σ_i <σx_i> for the current configuration (an unbiased single-configuration estimate). */
export function transverseEstimate(st: PimcState, betaGamma: number): number {
  const { n, numSlices: P, spins } = st;
  const x = betaGamma / P;
  const t = Math.tanh(x);
  let kinks = 0;
  for (let k = 0; k < P; k++) {
    const a = k * n;
    const b = (k + 1 === P ? 0 : k + 1) * n;
    for (let i = 0; i < n; i++) if (spins[a + i] !== spins[b + i]) kinks++;
  }
  return (kinks / t + (n * P - kinks) * t) / P;
}

/** <σx_i> estimate of one qubit. */
export function transverseEstimateAt(st: PimcState, betaGamma: number, i: number): number {
  const { n, numSlices: P, spins } = st;
  const t = Math.tanh(betaGamma / P);
  let kinks = 0;
  for (let k = 0; k < P; k++) if (spins[k * n + i] !== spins[(k + 1 === P ? 0 : k + 1) * n + i]) kinks++;
  return (kinks / t + (P - kinks) * t) / P;
}

/** <H_P> over slices, including the model offset. */
export function problemEnergyEstimate(model: CompiledModel, st: PimcState): number {
  let e = 0;
  for (let k = 0; k < st.numSlices; k++) e += sliceEnergy(model, st, k);
  return e / st.numSlices + model.offset;
}

/** Adds Σ_k s_{k,i} s_{k,j} / P into `zz` (n×n, row-major) and Σ_k s_{k,i} / P into `z`. */
export function accumulateCorrelations(st: PimcState, z: Float64Array, zz: Float64Array): void {
  const { n, numSlices: P, spins } = st;
  const w = 1 / P;
  for (let k = 0; k < P; k++) {
    const base = k * n;
    for (let i = 0; i < n; i++) {
      const si = spins[base + i]!;
      z[i]! += si * w;
      for (let j = 0; j < n; j++) zz[i * n + j]! += si * spins[base + j]! * w;
    }
  }
}
