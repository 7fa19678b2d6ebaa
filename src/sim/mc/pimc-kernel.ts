/**
 * Discrete-time path-integral Monte Carlo (simulated quantum annealing) kernels over a SPIN CompiledModel.
 *
 * Suzuki–Trotter mapping (stated once here and in docs/pimc.md). For H = −Γ Σ σx_i + Λ H_P at inverse
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
 * Given the bonds, clusters of one qubit do not interact (space couples equal slices only), so this is an exact
 * Gibbs resampling of the worldline; it is the discrete-time form of dwave-samplers' localPIMC qubit update.
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';
import type { Rng } from '../rng.js';
import { columnSum, rowDot, scatterRow } from './field-update.js';
import { acceptUphill, heatBathFlip } from './metropolis.js';

/** Upper cap on K (Γ → 0 makes K infinite; at K = 30 a Trotter-direction kink costs e^{−120}). */
export const MAX_SLICE_COUPLING = 30;

/** K = −½ ln tanh(βΓ/P), capped at {@link MAX_SLICE_COUPLING}. */
export function sliceCoupling(betaGamma: number, numSlices: number): number {
  const x = betaGamma / numSlices;
  if (!(x > 0)) return MAX_SLICE_COUPLING;
  const k = -0.5 * Math.log(Math.tanh(x));
  return Math.min(k, MAX_SLICE_COUPLING);
}

/** The arrays a {@link PimcState} works on. */
export interface PimcStorage {
  readonly spins: Int8Array;
  readonly field: Float64Array;
  readonly ring: Int32Array;
}

/** P replicas of n spins (slice-major: spins[k·n + i]) and their local fields. */
export class PimcState {
  readonly n: number;
  readonly numSlices: number;
  readonly spins: Int8Array;
  readonly field: Float64Array;
  /** Scratch for the worldline update (first slice of each cluster along the ring). */
  readonly ring: Int32Array;
  /** The qubits [i0, i1) the sweeps visit: all by default; a per-qubit anneal sets each offset group's. */
  i0 = 0;
  i1: number;

  /**
   * `storage` supplies the arrays (lengths n·P, n·P and P + 1), e.g. views of a WebAssembly memory
   * (wasm-kernel.ts); by default they are allocated here.
   */
  constructor(n: number, numSlices: number, storage?: PimcStorage) {
    this.n = n;
    this.numSlices = numSlices;
    this.spins = storage?.spins ?? new Int8Array(n * numSlices);
    this.field = storage?.field ?? new Float64Array(n * numSlices);
    this.ring = storage?.ring ?? new Int32Array(numSlices + 1);
    this.i1 = n;
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
      const slice = spins.subarray(base, base + n);
      for (let i = 0; i < n; i++)
        field[base + i] = rowDot(weights, colIdx, slice, rowPtr[i]!, rowPtr[i + 1]!, linear[i]!);
    }
  }
}

/**
 * One Metropolis sweep over every slice and spin (slice by slice, spins in index order).
 * `a` = βΛ/P, `K` = slice coupling. Returns the number of accepted flips.
 */
export function metropolisSweep(model: CompiledModel, st: PimcState, a: number, K: number, rng: Rng): number {
  const { spins, field, n, numSlices } = st;
  return metropolisPass(
    spins,
    field,
    model.rowPtr,
    model.colIdx,
    model.weights,
    n,
    numSlices,
    a,
    K,
    rng.state,
    st.i0,
    st.i1,
  );
}

/**
 * The Metropolis sweep over plain typed arrays (rs = the xoshiro128** state). The hot loops take no objects, so
 * their optimised code depends on nothing but typed-array kinds (see warm-up.ts).
 */
function metropolisPass(
  spins: Int8Array,
  field: Float64Array,
  rowPtr: Int32Array,
  colIdx: Int32Array,
  weights: Float64Array,
  n: number,
  P: number,
  a: number,
  K: number,
  rs: Uint32Array,
  i0: number,
  i1: number,
): number {
  // computed here, not passed in: a parameter used inside the loop is unboxed again on every turn
  const a2 = 2 * a;
  const K2 = 2 * K;
  // rng's xoshiro128** state in locals (the same stream as rng.next(); written back at the end)
  let s0 = rs[0]! | 0;
  let s1 = rs[1]! | 0;
  let s2 = rs[2]! | 0;
  let s3 = rs[3]! | 0;
  let flips = 0;
  for (let k = 0; k < P; k++) {
    const base = k * n;
    const up = (k + 1 === P ? 0 : k + 1) * n;
    const dn = (k === 0 ? P - 1 : k - 1) * n;
    // this slice's fields as their own view: indexing it saves an add and its overflow check per edge
    const f = field.subarray(base, base + n);
    for (let i = i0; i < i1; i++) {
      const s = spins[base + i]!;
      const dS = s * (K2 * (spins[up + i]! + spins[dn + i]!) - a2 * f[i]!);
      if (dS > 0) {
        // SKIP_ACTION (metropolis.ts) as a literal: an imported binding costs a check on every spin
        if (dS > 23) continue;
        const x = Math.imul(s1, 5);
        const r = Math.imul((x << 7) | (x >>> 25), 9);
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        if (!acceptUphill(dS, (r >>> 0) * 2.3283064365386963e-10)) continue;
      }
      spins[base + i] = -s;
      scatterRow(f, 0, colIdx, weights, rowPtr[i]!, rowPtr[i + 1]!, 2 * s);
      flips++;
    }
  }
  rs[0] = s0;
  rs[1] = s1;
  rs[2] = s2;
  rs[3] = s3;
  return flips;
}

/**
 * One worldline (imaginary-time cluster) sweep: for each qubit, Swendsen–Wang bonds along its ring of slices,
 * then a heat-bath draw of every cluster's spin. Returns the number of slice spins flipped.
 *
 * Bonds join equal neighbouring slices with probability 1 − q, q = e^{−2K}. When breaks are rare (q < 0.1) the
 * number of bonds before the next break is drawn directly (geometric, by inversion) instead of one draw per link;
 * the sequence of bond/break decisions has the same distribution either way.
 */
export function worldlineSweep(model: CompiledModel, st: PimcState, a: number, K: number, rng: Rng): number {
  const { n, numSlices, spins, field, ring } = st;
  return worldlinePass(
    spins,
    field,
    ring,
    model.rowPtr,
    model.colIdx,
    model.weights,
    n,
    numSlices,
    a,
    K,
    rng.state,
    st.i0,
    st.i1,
  );
}

/** The worldline sweep over plain typed arrays (rs = the xoshiro128** state); see {@link metropolisPass}. */
function worldlinePass(
  spins: Int8Array,
  field: Float64Array,
  ring: Int32Array,
  rowPtr: Int32Array,
  colIdx: Int32Array,
  weights: Float64Array,
  n: number,
  P: number,
  a: number,
  K: number,
  rs: Uint32Array,
  i0: number,
  i1: number,
): number {
  const q = Math.exp(-2 * K);
  const pBond = -Math.expm1(-2 * K);
  const sparse = q < 0.1;
  const lnBond = Math.log1p(-q);
  const a2 = 2 * a;
  const last = (P - 1) * n;
  // rng's xoshiro128** state in locals (the same stream as rng.next(); written back at the end)
  let s0 = rs[0]! | 0;
  let s1 = rs[1]! | 0;
  let s2 = rs[2]! | 0;
  let s3 = rs[3]! | 0;
  let x = 0;
  let r = 0;
  let t = 0;
  let gap = 0;
  if (sparse) {
    x = Math.imul(s1, 5);
    r = Math.imul((x << 7) | (x >>> 25), 9);
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    gap =
      q === 0
        ? Number.POSITIVE_INFINITY
        : Math.floor(Math.log(1 - (r >>> 0) * 2.3283064365386963e-10) / lnBond);
  }
  let flips = 0;
  for (let i = i0; i < i1; i++) {
    // ring[c] = first slice of cluster c: a cut sits between slice k − 1 and k unless they are bonded.
    let numCuts = 0;
    let prev = spins[last + i]!;
    for (let k = 0, idx = i; k < P; k++, idx += n) {
      if (sparse) {
        // Four equal links while gap >= 4 are four plain bonds (gap−− each): take them at once.
        while (
          gap >= 4 &&
          k + 4 <= P &&
          spins[idx] === prev &&
          spins[idx + n] === prev &&
          spins[idx + 2 * n] === prev &&
          spins[idx + 3 * n] === prev
        ) {
          k += 4;
          idx += 4 * n;
          gap -= 4;
        }
        if (k >= P) break;
      }
      const cur = spins[idx]!;
      if (prev !== cur) ring[numCuts++] = k;
      else if (sparse) {
        if (gap <= 0) {
          ring[numCuts++] = k;
          x = Math.imul(s1, 5);
          r = Math.imul((x << 7) | (x >>> 25), 9);
          t = s1 << 9;
          s2 ^= s0;
          s3 ^= s1;
          s1 ^= s2;
          s0 ^= s3;
          s2 ^= t;
          s3 = (s3 << 11) | (s3 >>> 21);
          gap =
            q === 0
              ? Number.POSITIVE_INFINITY
              : Math.floor(Math.log(1 - (r >>> 0) * 2.3283064365386963e-10) / lnBond);
        } else gap--;
      } else {
        x = Math.imul(s1, 5);
        r = Math.imul((x << 7) | (x >>> 25), 9);
        t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        if ((r >>> 0) * 2.3283064365386963e-10 >= pBond) ring[numCuts++] = k;
      }
      prev = cur;
    }
    // No cut: one cluster, the whole ring.
    if (numCuts === 0) {
      ring[0] = 0;
      numCuts = 1;
    }
    ring[numCuts] = ring[0]! + P;
    const p0 = rowPtr[i]!;
    const p1 = rowPtr[i + 1]!;
    for (let c = 0; c < numCuts; c++) {
      // Heat bath on cluster [from, to) (slices mod P): flipping it changes the action by −2a·s·F.
      const from = ring[c]!;
      const to = ring[c + 1]!;
      // Its slices in order: k·n + j < hi for k in [from, min(to, P)), then k·n + j < wrapHi for k in [0, to − P)
      // when it wraps past slice P − 1 (for any column j < n).
      const hi = Math.min(to, P) * n;
      const wrapHi = to > P ? (to - P) * n : 0;
      const lo = from * n;
      const F = columnSum(field, i, wrapHi, n, columnSum(field, lo + i, hi, n, 0));
      const s = spins[lo + i]!;
      x = Math.imul(s1, 5);
      r = Math.imul((x << 7) | (x >>> 25), 9);
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      if (!heatBathFlip(-a2 * s * F, (r >>> 0) * 2.3283064365386963e-10)) continue;
      for (let idx = lo + i; idx < hi; idx += n) spins[idx] = -s;
      for (let idx = i; idx < wrapHi; idx += n) spins[idx] = -s;
      const m = 2 * s;
      if (to - from <= 2) {
        // a short cluster: slice by slice, as a Metropolis flip
        for (let k = from; k < to; k++)
          scatterRow(field, (k >= P ? k - P : k) * n, colIdx, weights, p0, p1, m);
      } else {
        // a long one: neighbour by neighbour, down the neighbour's column (each field entry still changes once)
        for (let p = p0; p < p1; p++) {
          const j = colIdx[p]!;
          const d = m * weights[p]!;
          for (let idx = lo + j; idx < hi; idx += n) field[idx]! -= d;
          for (let idx = j; idx < wrapHi; idx += n) field[idx]! -= d;
        }
      }
      flips += to - from;
    }
  }
  rs[0] = s0;
  rs[1] = s1;
  rs[2] = s2;
  rs[3] = s3;
  return flips;
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

/** The slice a read returns: a fixed one, a uniformly random one, or the lowest-energy one (tasks.ts SliceReadout). */
export function readoutSlice(
  readout: 'slice' | 'random' | 'best',
  fixed: number,
  model: CompiledModel,
  st: PimcState,
  rng: Rng,
): number {
  return readout === 'best' ? bestSlice(model, st) : readout === 'random' ? rng.nextInt(st.numSlices) : fixed;
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
