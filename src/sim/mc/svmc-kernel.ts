/**
 * Spin-vector Monte Carlo (Shin, Smith, Smolin & Vazirani, arXiv:1401.7087) and its transverse-field variant
 * SVMC-TF (Albash & Lidar, PRX 8, 031016): every qubit is a classical O(2) rotor θ_i ∈ [0, π] with energy
 *   E(θ) = −Γ Σ_i sin θ_i + Λ (Σ_i h_i cos θ_i + Σ_{i<j} J_ij cos θ_i cos θ_j),
 * the expectation of H(s) = −Γ Σσx + Λ H_P in product states. Metropolis at inverse temperature β (uniform
 * measure in θ). Proposals: SVMC draws θ' uniformly in [0, π]; SVMC-TF draws θ' = θ + δ, δ uniform in
 * [−X, X] with X = π·min(1, Γ/Λ), and rejects θ' outside [0, π] (a symmetric proposal, so detailed balance holds).
 * The local field f_i = h_i + Σ_j J_ij cos θ_j is kept up to date.
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';
import type { Rng } from '../rng.js';
import { acceptUphill, SKIP_ACTION } from './metropolis.js';

export type SvmcVariant = 'svmc' | 'svmc-tf';

export class RotorState {
  readonly n: number;
  readonly theta: Float64Array;
  readonly cos: Float64Array;
  readonly sin: Float64Array;
  readonly field: Float64Array;
  /** The rotors [i0, i1) a sweep visits: all by default; a per-qubit anneal sets each offset group's. */
  i0 = 0;
  i1: number;

  constructor(n: number) {
    this.n = n;
    this.i1 = n;
    this.theta = new Float64Array(n);
    this.cos = new Float64Array(n);
    this.sin = new Float64Array(n);
    this.field = new Float64Array(n);
  }

  /** Every rotor at θ = π/2 (the ground state of −Γ Σ sin θ: the start of a forward anneal). */
  setTransverse(model: CompiledModel): void {
    this.theta.fill(Math.PI / 2);
    this.refresh(model);
  }

  /** θ_i = 0 for s_i = +1 and π for s_i = −1 (reverse anneals). */
  setClassical(model: CompiledModel, state: ArrayLike<number>): void {
    for (let i = 0; i < this.n; i++) this.theta[i] = state[i]! > 0 ? 0 : Math.PI;
    this.refresh(model);
  }

  refresh(model: CompiledModel): void {
    const { theta, cos, sin, field } = this;
    for (let i = 0; i < this.n; i++) {
      cos[i] = Math.cos(theta[i]!);
      sin[i] = Math.sin(theta[i]!);
    }
    const { rowPtr, colIdx, weights, linear } = model;
    for (let i = 0; i < this.n; i++) {
      let f = linear[i]!;
      for (let p = rowPtr[i]!, e = rowPtr[i + 1]!; p < e; p++) f += weights[p]! * cos[colIdx[p]!]!;
      field[i] = f;
    }
  }

  /** E(θ) at transverse coefficient Γ and problem scale Λ (without the model offset). */
  energy(model: CompiledModel, gamma: number, lambda: number): number {
    let sinSum = 0;
    let e = 0;
    for (let i = 0; i < this.n; i++) {
      sinSum += this.sin[i]!;
      e += this.cos[i]! * (this.field[i]! + model.linear[i]!);
    }
    return -gamma * sinSum + lambda * 0.5 * e;
  }
}

/**
 * One Metropolis sweep over every rotor in index order at dimensionless weights βΓ and βΛ.
 * Returns the number of accepted moves.
 */
export function svmcSweep(
  model: CompiledModel,
  st: RotorState,
  betaGamma: number,
  betaLambda: number,
  variant: SvmcVariant,
  rng: Rng,
): number {
  const { rowPtr, colIdx, weights } = model;
  const { theta, cos, sin, field } = st;
  const width =
    variant === 'svmc' ? Math.PI : Math.PI * Math.min(1, betaLambda > 0 ? betaGamma / betaLambda : 1);
  let accepted = 0;
  for (let i = st.i0; i < st.i1; i++) {
    const t = variant === 'svmc' ? Math.PI * rng.next() : theta[i]! + width * (2 * rng.next() - 1);
    if (t < 0 || t > Math.PI) continue;
    const c = Math.cos(t);
    const s = Math.sin(t);
    const dc = c - cos[i]!;
    const x = -betaGamma * (s - sin[i]!) + betaLambda * field[i]! * dc;
    if (x > 0 && (x > SKIP_ACTION || !acceptUphill(x, rng.next()))) continue;
    theta[i] = t;
    cos[i] = c;
    sin[i] = s;
    for (let p = rowPtr[i]!, e = rowPtr[i + 1]!; p < e; p++) field[colIdx[p]!]! += weights[p]! * dc;
    accepted++;
  }
  return accepted;
}

export type RotorReadout = 'sign' | 'probabilistic';

/**
 * Classical spins from rotors: 'sign' gives sign(cos θ) (SSSV; a tie at cos θ = 0 is broken at random),
 * 'probabilistic' gives +1 with probability (1 + cos θ)/2 (dwave-samplers' rotor model).
 */
export function projectRotors(
  st: RotorState,
  readout: RotorReadout,
  rng: Rng,
  out: Int8Array,
  offset = 0,
): void {
  for (let i = 0; i < st.n; i++) {
    const c = st.cos[i]!;
    let v: number;
    if (readout === 'sign') v = c > 1e-12 ? 1 : c < -1e-12 ? -1 : rng.nextSpin();
    else v = rng.next() < 0.5 * (1 + c) ? 1 : -1;
    out[offset + i] = v;
  }
}
