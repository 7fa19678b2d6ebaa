/**
 * Continuous-time path-integral Monte Carlo (the P → ∞ limit of pimc-kernel.ts; physics reference §6.4 and
 * dwave-samplers' localPIMC). Imaginary time is normalised to τ ∈ [0, 1): each qubit's worldline is its spin at
 * τ = 0 and the sorted times of its kinks (spin flips), and the weight of a configuration is
 *   (βΓ)^{#kinks} · exp(−βΛ ∫₀¹ E(s(τ)) dτ).
 *
 * Qubit update (an exact Gibbs resampling of one worldline given its neighbours): cuts = the qubit's kinks plus
 * Poisson points of rate βΓ; the domains between cuts (the last one wraps through τ = 0) are redrawn
 * independently by heat bath, P(σ_d) ∝ exp(−σ_d F_d) with F_d = βΛ ∫_d (h_i + Σ_j J_ij s_j(τ)) dτ; cuts
 * between equal domains are dropped. There is no Trotter error.
 *
 * Estimators: <σz_i> = ∫ s_i dτ, <σx_i> = <#kinks_i>/(βΓ).
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';
import type { Rng } from '../rng.js';
import { heatBathFlip } from './metropolis.js';

/** Grows a Float64Array to at least `need` entries (copying `keep` of them). */
function grow(a: Float64Array, need: number, keep: number): Float64Array {
  if (a.length >= need) return a;
  const b = new Float64Array(Math.max(need, 2 * a.length, 8));
  b.set(a.subarray(0, keep));
  return b;
}

/**
 * cuts[0 .. m0 + numFresh) = the merge of the sorted own kinks and proposals; domS[c] = the spin just after cut c
 * (it flips at own kinks), starting from s(0) = s0.
 */
function mergeCuts(
  mine: Float64Array,
  m0: number,
  fresh: Float64Array,
  numFresh: number,
  s0: number,
  cuts: Float64Array,
  domS: Int8Array,
): void {
  let a = 0;
  let b = 0;
  let s = s0;
  for (let c = 0, numCuts = m0 + numFresh; c < numCuts; c++) {
    if (b >= numFresh || (a < m0 && mine[a]! <= fresh[b]!)) {
      cuts[c] = mine[a++]!;
      s = -s;
    } else cuts[c] = fresh[b++]!;
    domS[c] = s;
  }
}

/**
 * acc[d] += J·S_j(cuts[d]) for d < numCuts, with S_j(t) = ∫₀^t s_j dτ of a neighbour whose worldline starts at
 * s(0) = sj and flips at kj[0 .. m): one merge of the two sorted lists.
 */
function addPrefixIntegrals(
  acc: Float64Array,
  cuts: Float64Array,
  numCuts: number,
  kj: Float64Array,
  m: number,
  sj: number,
  J: number,
): void {
  let S = 0;
  let prev = 0;
  let k = 0;
  for (let d = 0; d < numCuts; d++) {
    const t = cuts[d]!;
    while (k < m && kj[k]! <= t) {
      const tk = kj[k++]!;
      S += sj * (tk - prev);
      prev = tk;
      sj = -sj;
    }
    acc[d]! += J * (S + sj * (t - prev));
  }
}

/** Writes the cuts where the spin changes (domS[d] ≠ the spin before cut d; the wrap domain precedes cut 0). */
function kinksBetween(domS: Int8Array, cuts: Float64Array, numCuts: number, out: Float64Array): number {
  let m = 0;
  let before = domS[numCuts - 1]!;
  for (let d = 0; d < numCuts; d++) {
    const sd = domS[d]!;
    if (sd !== before) out[m++] = cuts[d]!;
    before = sd;
  }
  return m;
}

/** In which order a sweep visits the qubits: index order, or n uniformly random picks (dwave-samplers' PIMC). */
export type UpdateOrder = 'sequential' | 'random';

export class WorldlineState {
  readonly n: number;
  /** s_i(0) = ±1. */
  readonly s0: Int8Array;
  /** Kink times of qubit i: kinks[i][0 .. count[i]), sorted, in [0, 1); always an even number. */
  kinks: Float64Array[];
  readonly count: Int32Array;
  /** ∫₀¹ s_i(τ) dτ of every qubit, kept up to date (the field a constant worldline sees is h + Σ J·mag). */
  readonly mag: Float64Array;
  // scratch, grown as needed: the cuts of the qubit being updated, the neighbours' Σ_j J_ij ∫₀^{cut} s_j dτ at
  // each cut, each domain's spin, and the Poisson proposals
  private cuts: Float64Array = new Float64Array(64);
  private acc: Float64Array = new Float64Array(64);
  private domS = new Int8Array(64);
  private fresh: Float64Array = new Float64Array(64);

  constructor(n: number) {
    this.n = n;
    this.s0 = new Int8Array(n);
    this.kinks = Array.from({ length: n }, () => new Float64Array(4));
    this.count = new Int32Array(n);
    this.mag = new Float64Array(n);
  }

  /** Constant worldlines in the classical state `state` (±1). */
  setClassical(state: ArrayLike<number>): void {
    for (let i = 0; i < this.n; i++) {
      const s = state[i]! > 0 ? 1 : -1;
      this.s0[i] = s;
      this.mag[i] = s;
      this.count[i] = 0;
    }
  }

  /** Spin of qubit i at time τ ∈ [0, 1). */
  spinAt(i: number, tau: number): number {
    const k = this.kinks[i]!;
    let s = this.s0[i]!;
    for (let c = 0; c < this.count[i]! && k[c]! <= tau; c++) s = -s;
    return s;
  }

  /** ∫₀¹ s_i(τ) dτ. */
  magnetisation(i: number): number {
    return this.mag[i]!;
  }

  /**
   * Resamples qubit i's worldline given its neighbours at transverse weight βΓ and problem weight βΛ.
   * Returns the number of kinks after the update.
   *
   * Domain d is [cuts[d], cuts[d+1]); the last one wraps through τ = 0. Its field integral is
   *   F_d = c·|d| + Σ_{j kinked} J_ij ∫_d s_j dτ,  c = h_i + Σ_{j constant} J_ij s_j,
   * and ∫_d s_j = S_j(cuts[d+1]) − S_j(cuts[d]) with S_j(t) = ∫₀^t s_j: one merge of the cuts with each kinked
   * neighbour's kinks accumulates Σ_j J_ij S_j(cut) per cut. With at most one cut there is one domain, the whole
   * circle, and F = h_i + Σ_j J_ij mag_j.
   */
  updateQubit(model: CompiledModel, i: number, betaGamma: number, betaLambda: number, rng: Rng): number {
    const numFresh = betaGamma > 0 ? this.drawProposals(betaGamma, rng) : 0;
    const numCuts = this.count[i]! + numFresh;
    if (numCuts > 1) return this.resampleDomains(model, i, numFresh, betaLambda, rng);
    // one domain (the kink count is even, so the worldline is constant): heat bath on F = h + Σ J·mag
    const { rowPtr, colIdx, weights, linear } = model;
    const mag = this.mag;
    let F = linear[i]!;
    for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++) F += weights[p]! * mag[colIdx[p]!]!;
    const s = this.s0[i]!;
    const sn = heatBathFlip(-2 * betaLambda * s * F, rng.next()) ? -s : s;
    this.s0[i] = sn;
    mag[i] = sn;
    return 0;
  }

  /** Poisson(βΓ) points on [0, 1) by exponential gaps into `fresh`; returns how many. */
  private drawProposals(betaGamma: number, rng: Rng): number {
    let num = 0;
    let t = -Math.log(1 - rng.next()) / betaGamma;
    while (t < 1) {
      if (num === this.fresh.length) this.fresh = grow(this.fresh, num + 1, num);
      this.fresh[num++] = t;
      t += -Math.log(1 - rng.next()) / betaGamma;
    }
    return num;
  }

  /** The update of qubit i with more than one cut (see updateQubit). */
  private resampleDomains(
    model: CompiledModel,
    i: number,
    numFresh: number,
    betaLambda: number,
    rng: Rng,
  ): number {
    const { rowPtr, colIdx, weights, linear } = model;
    const { s0, count, mag } = this;
    const m0 = count[i]!;
    const numCuts = m0 + numFresh;
    if (this.cuts.length < numCuts) {
      const size = 2 * numCuts;
      this.cuts = new Float64Array(size);
      this.acc = new Float64Array(size);
      this.domS = new Int8Array(size);
    }
    const { cuts, acc, domS } = this;
    // cuts = own kinks ∪ proposals, sorted; the spin on each domain (domain d starts at cuts[d])
    mergeCuts(this.kinks[i]!, m0, this.fresh, numFresh, s0[i]!, cuts, domS);
    // field integrals: constant neighbours into c, kinked ones into acc[d] = Σ J S_j(cuts[d]) (and their
    // Σ J S_j(1) = Σ J mag_j into accEnd)
    let c = linear[i]!;
    let accEnd = 0;
    acc.fill(0, 0, numCuts);
    for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++) {
      const j = colIdx[p]!;
      const J = weights[p]!;
      const m = count[j]!;
      if (m === 0) c += J * s0[j]!;
      else {
        accEnd += J * mag[j]!;
        addPrefixIntegrals(acc, cuts, numCuts, this.kinks[j]!, m, s0[j]!, J);
      }
    }
    // heat bath per domain (weight exp(−σ βΛ F)): flip with probability 1/(1 + e^{x}), x = −2 βΛ σ F
    const last = numCuts - 1;
    let newMag = 0;
    for (let d = 0; d < numCuts; d++) {
      const len = d < last ? cuts[d + 1]! - cuts[d]! : 1 - cuts[last]! + cuts[0]!;
      const F = c * len + (d < last ? acc[d + 1]! - acc[d]! : accEnd - acc[last]! + acc[0]!);
      let sd = domS[d]!;
      if (heatBathFlip(-2 * betaLambda * sd * F, rng.next())) domS[d] = sd = -sd;
      newMag += sd * len;
    }
    // new worldline: s(0) from the wrap domain, kinks where neighbouring domains differ
    s0[i] = domS[last]!;
    mag[i] = newMag;
    let kk = this.kinks[i]!;
    if (kk.length < numCuts) kk = this.kinks[i] = new Float64Array(Math.max(numCuts, 2 * kk.length));
    const m = kinksBetween(domS, cuts, numCuts, kk);
    count[i] = m;
    return m;
  }

  /**
   * One sweep: n qubit updates, in index order ('sequential') or each on a uniformly random qubit ('random', one
   * rng.nextInt(n) before each). Returns the total number of kinks of the updated qubits.
   */
  sweep(
    model: CompiledModel,
    betaGamma: number,
    betaLambda: number,
    rng: Rng,
    order: UpdateOrder = 'sequential',
  ): number {
    let total = 0;
    if (order === 'random')
      for (let k = 0; k < this.n; k++)
        total += this.updateQubit(model, rng.nextInt(this.n), betaGamma, betaLambda, rng);
    else for (let i = 0; i < this.n; i++) total += this.updateQubit(model, i, betaGamma, betaLambda, rng);
    return total;
  }
}
