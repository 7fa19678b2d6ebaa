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
import { scatterRow } from './field-update.js';
import { acceptUphill } from './metropolis.js';

export type SvmcVariant = 'svmc' | 'svmc-tf';

/** Where a RotorState keeps its four arrays (each length n), e.g. views of a wasm memory (wasm-kernel.ts). */
export interface RotorStorage {
  theta: Float64Array;
  cos: Float64Array;
  sin: Float64Array;
  field: Float64Array;
}

export class RotorState {
  readonly n: number;
  readonly theta: Float64Array;
  readonly cos: Float64Array;
  readonly sin: Float64Array;
  readonly field: Float64Array;
  /** The rotors [i0, i1) a sweep visits: all by default; a per-qubit anneal sets each offset group's. */
  i0 = 0;
  i1: number;

  constructor(n: number, storage?: RotorStorage) {
    this.n = n;
    this.i1 = n;
    this.theta = storage?.theta ?? new Float64Array(n);
    this.cos = storage?.cos ?? new Float64Array(n);
    this.sin = storage?.sin ?? new Float64Array(n);
    this.field = storage?.field ?? new Float64Array(n);
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

// fdlibm's kernel polynomials for sin and cos on |x| ≤ π/4 (__kernel_sin, __kernel_cos; within 2 ulp of Math.sin/cos)
const S1 = -0.16666666666666632;
const S2 = 0.00833333333332249;
const S3 = -0.0001984126982985795;
const S4 = 2.7557313707070068e-6;
const S5 = -2.5050760253406863e-8;
const S6 = 1.58969099521155e-10;
const C1 = 0.0416666666666666;
const C2 = -0.001388888888887411;
const C3 = 2.480158728947673e-5;
const C4 = -2.7557314351390663e-7;
const C5 = 2.087572321298175e-9;
const C6 = -1.1359647557788195e-11;

/** sin x for |x| ≤ π/4. */
export function kernelSin(x: number): number {
  const z = x * x;
  const z2 = z * z;
  return x + x * z * (S1 + z * S2 + z2 * (S3 + z * S4) + z2 * z2 * (S5 + z * S6));
}

/** cos x for |x| ≤ π/4. */
export function kernelCos(x: number): number {
  const z = x * x;
  const z2 = z * z;
  return 1 - 0.5 * z + z2 * (C1 + z * C2 + z2 * (C3 + z * C4) + z2 * z2 * (C5 + z * C6));
}

/** The proposal's half-width: 0 for SVMC's uniform θ' = π·u, π·min(1, Γ/Λ) for SVMC-TF. */
export function proposalWidth(variant: SvmcVariant, betaGamma: number, betaLambda: number): number {
  return variant === 'svmc' ? 0 : Math.PI * Math.min(1, betaLambda > 0 ? betaGamma / betaLambda : 1);
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
  const width = proposalWidth(variant, betaGamma, betaLambda);
  const { theta, cos, sin, field } = st;
  return svmcPass(
    theta,
    cos,
    sin,
    field,
    model.rowPtr,
    model.colIdx,
    model.weights,
    st.i0,
    st.i1,
    betaGamma,
    betaLambda,
    width,
    rng,
  );
}

/**
 * The sweep over plain typed arrays: width 0 means SVMC's uniform proposal θ' = π·u, else SVMC-TF's
 * θ' = θ + width·(2u − 1). (This is the reference and the fallback: the WebAssembly sweep is the one that runs.)
 *
 * Rotor i + 1's proposal (its draw, θ', cos θ', sin θ') is made before rotor i's acceptance test: the polynomials
 * then run ahead of the test's hard-to-predict branches instead of after them. Draws therefore come in the order
 * proposal 0, proposal 1, [acceptance 0], proposal 2, [acceptance 1], …; a proposal does not depend on the
 * earlier rotor's move (θ_{i+1} and the proposal width are unchanged by it), so the chain is the same.
 */
function svmcPass(
  theta: Float64Array,
  cos: Float64Array,
  sin: Float64Array,
  field: Float64Array,
  rowPtr: Int32Array,
  colIdx: Int32Array,
  weights: Float64Array,
  i0: number,
  i1: number,
  betaGamma: number,
  betaLambda: number,
  width: number,
  rng: Rng,
): number {
  let accepted = 0;
  // the pending proposal (for rotor i at the top of the loop)
  let tNext = 0;
  let cNext = 0;
  let snNext = 0;
  for (let i = i0 - 1; i < i1; i++) {
    const t = tNext;
    const c = cNext;
    const sn = snNext;
    if (i + 1 < i1) {
      const u = rng.next();
      tNext = width === 0 ? Math.PI * u : theta[i + 1]! + width * (2 * u - 1);
      // cos t and sin t from x = t/2 − π/4 ∈ [−π/4, π/4]: cos t = −2 sin x cos x, sin t = cos²x − sin²x.
      // Branch-free (t is random, so the quadrant tests of a full cos/sin would mispredict); V8's Math.cos and
      // Math.sin are calls into fdlibm that cost several times the two polynomials. Out of [0, π] the values
      // are not used.
      const hx = 0.5 * tNext - 0.7853981633974483;
      const sx = kernelSin(hx);
      const cx = kernelCos(hx);
      cNext = -2 * sx * cx;
      snNext = (cx - sx) * (cx + sx);
    }
    if (i < i0 || t < 0 || t > Math.PI) continue;
    const dc = c - cos[i]!;
    const x = -betaGamma * (sn - sin[i]!) + betaLambda * field[i]! * dc;
    if (x > 0) {
      // SKIP_ACTION (metropolis.ts) as a literal, as in sa-kernel.ts
      if (x > 23) continue;
      if (!acceptUphill(x, rng.next())) continue;
    }
    theta[i] = t;
    cos[i] = c;
    sin[i] = sn;
    scatterRow(field, 0, colIdx, weights, rowPtr[i]!, rowPtr[i + 1]!, -dc);
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
