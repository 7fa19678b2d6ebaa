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

export class WorldlineState {
  readonly n: number;
  /** s_i(0) = ±1. */
  readonly s0: Int8Array;
  /** Kink times of qubit i: kinks[i][0 .. count[i]), sorted, in [0, 1); always an even number. */
  kinks: Float64Array[];
  readonly count: Int32Array;
  // scratch
  private evT: Float64Array = new Float64Array(64);
  private evD: Float64Array = new Float64Array(64);
  private order: number[] = [];
  private cuts: Float64Array = new Float64Array(64);
  private fresh: Float64Array = new Float64Array(64);
  private domF: Float64Array = new Float64Array(64);
  private domS = new Int8Array(64);

  constructor(n: number) {
    this.n = n;
    this.s0 = new Int8Array(n);
    this.kinks = Array.from({ length: n }, () => new Float64Array(4));
    this.count = new Int32Array(n);
  }

  /** Constant worldlines in the classical state `state` (±1). */
  setClassical(state: ArrayLike<number>): void {
    for (let i = 0; i < this.n; i++) {
      this.s0[i] = state[i]! > 0 ? 1 : -1;
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
    const k = this.kinks[i]!;
    const m = this.count[i]!;
    let s = this.s0[i]!;
    let prev = 0;
    let acc = 0;
    for (let c = 0; c < m; c++) {
      acc += s * (k[c]! - prev);
      prev = k[c]!;
      s = -s;
    }
    return acc + s * (1 - prev);
  }

  /**
   * Resamples qubit i's worldline given its neighbours at transverse weight βΓ and problem weight βΛ.
   * Returns the number of kinks after the update.
   */
  updateQubit(model: CompiledModel, i: number, betaGamma: number, betaLambda: number, rng: Rng): number {
    const { rowPtr, colIdx, weights, linear } = model;
    // 1. the field timeline: f(0) and jumps at neighbour kinks
    let f0 = linear[i]!;
    let numEv = 0;
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) {
      const j = colIdx[p]!;
      const J = weights[p]!;
      let s = this.s0[j]!;
      f0 += J * s;
      const m = this.count[j]!;
      if (m === 0) continue;
      this.evT = grow(this.evT, numEv + m, numEv);
      this.evD = grow(this.evD, numEv + m, numEv);
      const kj = this.kinks[j]!;
      for (let c = 0; c < m; c++) {
        this.evT[numEv] = kj[c]!;
        this.evD[numEv] = -2 * J * s;
        s = -s;
        numEv++;
      }
    }
    const order = this.order;
    order.length = numEv;
    for (let e = 0; e < numEv; e++) order[e] = e;
    const evT = this.evT;
    if (numEv > 1) order.sort((x, y) => evT[x]! - evT[y]!);
    // 2. cuts: current kinks ∪ Poisson(βΓ) points, sorted
    const mine = this.kinks[i]!;
    const m0 = this.count[i]!;
    let numFresh = 0;
    if (betaGamma > 0) {
      // Poisson process on [0, 1) by exponential gaps
      let t = -Math.log(1 - rng.next()) / betaGamma;
      while (t < 1) {
        this.fresh = grow(this.fresh, numFresh + 1, numFresh);
        this.fresh[numFresh++] = t;
        t += -Math.log(1 - rng.next()) / betaGamma;
      }
    }
    const numCuts = m0 + numFresh;
    this.cuts = grow(this.cuts, numCuts + 1, 0);
    const cuts = this.cuts;
    {
      let a = 0;
      let b = 0;
      let c = 0;
      const fr = this.fresh;
      while (a < m0 || b < numFresh)
        cuts[c++] = b >= numFresh || (a < m0 && mine[a]! <= fr[b]!) ? mine[a++]! : fr[b++]!;
    }
    // 3. integrate f over the domains; domain d = [cuts[d], cuts[d+1]), the last wraps through 0
    const numDom = Math.max(1, numCuts);
    if (this.domF.length < numDom) {
      this.domF = new Float64Array(2 * numDom);
      this.domS = new Int8Array(2 * numDom);
    }
    const domF = this.domF;
    domF.fill(0, 0, numDom);
    let f = f0;
    let t = 0;
    let e = 0;
    let d = numDom - 1; // [0, cuts[0]) belongs to the wrapping domain
    let nextCut = 0;
    for (;;) {
      const tEv = e < numEv ? evT[order[e]!]! : 2;
      const tCut = nextCut < numCuts ? cuts[nextCut]! : 2;
      const tNext = Math.min(tEv, tCut, 1);
      domF[d]! += f * (tNext - t);
      t = tNext;
      if (t >= 1) break;
      if (tCut <= tEv) {
        d = nextCut;
        nextCut++;
      } else {
        f += this.evD[order[e]!]!;
        e++;
      }
    }
    // 4. heat bath per domain (weight exp(−σ βΛ F)): flip the domain's current spin with probability 1/(1 + e^{x}),
    //    x = −2 βΛ σ F
    const domS = this.domS;
    let s = this.s0[i]!;
    // current spin of each domain: the wrap domain has s(0); domain d starts at cuts[d]
    {
      let sc = s;
      let a = 0;
      for (let dd = 0; dd < numCuts; dd++) {
        while (a < m0 && mine[a]! <= cuts[dd]!) {
          sc = -sc;
          a++;
        }
        domS[dd] = sc;
      }
      if (numCuts === 0) domS[0] = s;
    }
    for (let dd = 0; dd < numDom; dd++) {
      const sd = domS[dd]!;
      if (heatBathFlip(-2 * betaLambda * sd * domF[dd]!, rng.next())) domS[dd] = -sd;
    }
    // 5. new worldline: s(0) from the wrap domain, kinks where neighbouring domains differ
    s = domS[numDom - 1]!;
    this.s0[i] = s;
    let m = 0;
    let kk = this.kinks[i]!;
    if (kk.length < numCuts) kk = this.kinks[i] = new Float64Array(Math.max(numCuts, 2 * kk.length));
    for (let dd = 0; dd < numCuts; dd++) {
      const before = dd === 0 ? domS[numDom - 1]! : domS[dd - 1]!;
      if (domS[dd] !== before) kk[m++] = cuts[dd]!;
    }
    this.count[i] = m;
    return m;
  }

  /** One sweep: every qubit's worldline resampled in index order. Returns the total number of kinks. */
  sweep(model: CompiledModel, betaGamma: number, betaLambda: number, rng: Rng): number {
    let total = 0;
    for (let i = 0; i < this.n; i++) total += this.updateQubit(model, i, betaGamma, betaLambda, rng);
    return total;
  }
}
