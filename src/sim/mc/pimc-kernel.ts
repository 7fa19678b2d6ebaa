/**
 * Discrete-time path-integral Monte Carlo (simulated quantum annealing) kernels over a SPIN CompiledModel.
 *
 * Suzuki–Trotter mapping (stated once; docs/pimc.md derives it). For H = −Γ Σ σx_i + Λ H_P at inverse
 * temperature β with P slices (Δτ = β/P), the partition function is that of P classical replicas on a ring,
 *   Z_P ∝ Σ exp(−S),  S = a Σ_k E(s_k) − K Σ_k Σ_i s_{k,i} s_{k+1,i},   slice P ≡ slice 0,
 * with the dimensionless problem weight a = βΛ/P and the slice coupling K = −½ ln tanh(βΓ/P) > 0
 * (β in inverse energy units, Γ and Λ in energy units: 1/GHz and GHz for D-Wave tables).
 * Flipping s_{k,i} changes the action by ΔS = 2 s_{k,i} (K (s_{k−1,i} + s_{k+1,i}) − a f_{k,i}), where
 * f_{k,i} = h_i + Σ_j J_ij s_{k,j} is the local field kept up to date in `field`.
 *
 * Moves: a Metropolis sweep (every slice, every spin, in order) and a worldline sweep that resamples each
 * qubit's imaginary-time worldline: Swendsen–Wang bonds between equal neighbouring slices with probability
 * 1 − e^{−2K}, then each cluster's spin is drawn by heat bath from its summed field, P(σ = +1) = 1/(1 + e^{2aF}).
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';
import type { Rng } from '../rng.js';
import { acceptUphill, SKIP_ACTION } from './metropolis.js';

/** Upper cap on K (Γ → 0 makes K infinite; at K = 30 a Trotter-direction kink costs e^{−120}). */
export const MAX_SLICE_COUPLING = 30;

/** K = −½ ln tanh(βΓ/P), capped at {@link MAX_SLICE_COUPLING}. */
export function sliceCoupling(betaGamma: number, numSlices: number): number {
  const x = betaGamma / numSlices;
  if (!(x > 0)) return MAX_SLICE_COUPLING;
  const k = -0.5 * Math.log(Math.tanh(x));
  return Math.min(k, MAX_SLICE_COUPLING);
}

/** P replicas of n spins (slice-major: spins[k·n + i]) and their local fields. */
export class PimcState {
  readonly n: number;
  readonly numSlices: number;
  readonly spins: Int8Array;
  readonly field: Float64Array;
  /** Scratch for the worldline update (cluster labels along the ring). */
  readonly ring: Int32Array;

  constructor(n: number, numSlices: number) {
    this.n = n;
    this.numSlices = numSlices;
    this.spins = new Int8Array(n * numSlices);
    this.field = new Float64Array(n * numSlices);
    this.ring = new Int32Array(numSlices + 1);
  }

  /** Independent uniform spins in every slice (the K → 0 limit), then fields. */
  randomize(model: CompiledModel, rng: Rng): void {
    const s = this.spins;
    for (let k = 0; k < s.length; k++) s[k] = rng.nextUint32() & 1 ? 1 : -1;
    this.recomputeFields(model);
  }

  /** Every slice set to the classical state `state` (±1, length n), then fields. */
  setClassical(model: CompiledModel, state: ArrayLike<number>): void {
    const { n, spins } = this;
    for (let k = 0; k < this.numSlices; k++)
      for (let i = 0; i < n; i++) spins[k * n + i] = state[i]! > 0 ? 1 : -1;
    this.recomputeFields(model);
  }

  recomputeFields(model: CompiledModel): void {
    const { n, spins, field } = this;
    const { rowPtr, colIdx, weights, linear } = model;
    for (let k = 0; k < this.numSlices; k++) {
      const base = k * n;
      for (let i = 0; i < n; i++) {
        let f = linear[i]!;
        for (let p = rowPtr[i]!, e = rowPtr[i + 1]!; p < e; p++) f += weights[p]! * spins[base + colIdx[p]!]!;
        field[base + i] = f;
      }
    }
  }
}

/**
 * One Metropolis sweep over every slice and spin (slice by slice, spins in index order).
 * `a` = βΛ/P, `K` = slice coupling. Returns the number of accepted flips.
 */
export function metropolisSweep(model: CompiledModel, st: PimcState, a: number, K: number, rng: Rng): number {
  const { rowPtr, colIdx, weights } = model;
  const { spins, field, n, numSlices: P } = st;
  const a2 = 2 * a;
  const K2 = 2 * K;
  let flips = 0;
  for (let k = 0; k < P; k++) {
    const base = k * n;
    const up = (k + 1 === P ? 0 : k + 1) * n;
    const dn = (k === 0 ? P - 1 : k - 1) * n;
    for (let i = 0; i < n; i++) {
      const s = spins[base + i]!;
      const dS = s * (K2 * (spins[up + i]! + spins[dn + i]!) - a2 * field[base + i]!);
      if (dS > 0 && (dS > SKIP_ACTION || !acceptUphill(dS, rng.next()))) continue;
      spins[base + i] = -s;
      const m = 2 * s;
      for (let p = rowPtr[i]!, e = rowPtr[i + 1]!; p < e; p++) field[base + colIdx[p]!]! -= m * weights[p]!;
      flips++;
    }
  }
  return flips;
}

/**
 * One worldline (imaginary-time cluster) sweep: for each qubit, Swendsen–Wang bonds along its ring of slices,
 * then a heat-bath draw of every cluster's spin. Returns the number of slice spins flipped.
 */
export function worldlineSweep(model: CompiledModel, st: PimcState, a: number, K: number, rng: Rng): number {
  const { n, numSlices: P, spins, ring } = st;
  const pBond = -Math.expm1(-2 * K);
  const a2 = 2 * a;
  let flips = 0;
  for (let i = 0; i < n; i++) {
    // ring[c] = first slice of cluster c: a cut sits between slice k − 1 and k unless they are bonded.
    let numCuts = 0;
    for (let k = 0; k < P; k++) {
      const prev = k === 0 ? P - 1 : k - 1;
      if (spins[prev * n + i] !== spins[k * n + i] || rng.next() >= pBond) ring[numCuts++] = k;
    }
    if (numCuts === 0) {
      flips += resampleCluster(model, st, i, 0, P, a2, rng.next());
      continue;
    }
    ring[numCuts] = ring[0]! + P;
    for (let c = 0; c < numCuts; c++)
      flips += resampleCluster(model, st, i, ring[c]!, ring[c + 1]!, a2, rng.next());
  }
  return flips;
}

/**
 * Heat-bath draw of the cluster of qubit i on slices [from, to) (indices taken mod P): flipping it changes the
 * action by x = −2a·s·F with F the summed local field, so it flips with probability 1/(1 + e^{x}).
 */
function resampleCluster(
  model: CompiledModel,
  st: PimcState,
  i: number,
  from: number,
  to: number,
  a2: number,
  u: number,
): number {
  const { n, numSlices: P, spins, field } = st;
  let F = 0;
  for (let k = from; k < to; k++) F += field[(k >= P ? k - P : k) * n + i]!;
  const s = spins[(from >= P ? from - P : from) * n + i]!;
  const x = -a2 * s * F;
  if (x > 40 || u * (1 + Math.exp(x)) >= 1) return 0;
  const { rowPtr, colIdx, weights } = model;
  const m = 2 * s;
  const p0 = rowPtr[i]!;
  const p1 = rowPtr[i + 1]!;
  for (let k = from; k < to; k++) {
    const base = (k >= P ? k - P : k) * n;
    spins[base + i] = -s;
    for (let p = p0; p < p1; p++) field[base + colIdx[p]!]! -= m * weights[p]!;
  }
  return to - from;
}

/** Classical energy E(s_k) of slice k (without the model offset). */
export function sliceEnergy(model: CompiledModel, st: PimcState, k: number): number {
  const { n, spins, field } = st;
  const { linear } = model;
  const base = k * n;
  // E = Σ h s + Σ_{i<j} J s s = ½ Σ_i s_i (f_i + h_i)
  let e = 0;
  for (let i = 0; i < n; i++) e += spins[base + i]! * (field[base + i]! + linear[i]!);
  return 0.5 * e;
}

/** The slice with the lowest classical energy (first among ties). */
export function bestSlice(model: CompiledModel, st: PimcState): number {
  let best = 0;
  let eBest = Number.POSITIVE_INFINITY;
  for (let k = 0; k < st.numSlices; k++) {
    const e = sliceEnergy(model, st, k);
    if (e < eBest) {
      eBest = e;
      best = k;
    }
  }
  return best;
}
