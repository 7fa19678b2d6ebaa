/**
 * Exact references for the Monte Carlo tests on small models (n ≤ 8), in the project's convention
 * H = −Γ Σ σx_i + Λ H_P at inverse temperature β:
 * - {@link trotterAverages}: the exact P-slice (Suzuki–Trotter) averages a correct discrete PIMC converges
 *   to, from the symmetric transfer matrix T = D^{1/2} X D^{1/2}, D = e^{−(βΛ/P) H_P}, X = e^{(βΓ/P) Σσx};
 * - {@link gibbsAverages}: the exact quantum Gibbs averages, by dense exact diagonalisation (src/sim/spectrum).
 * Basis state z: bit i set ⇔ σz_i = −1.
 */

import type { CompiledModel } from '../../src/hamiltonian/compiled.js';
import { energyOfRow } from '../../src/hamiltonian/compiled.js';
import { denseEigensystem, thermalState } from '../../src/sim/spectrum/dense.js';
import { problemEnergies } from '../../src/sim/statevector/problem-energies.js';

export interface Averages {
  /** <σz_i> */
  z: Float64Array;
  /** <σz_i σz_j>, row-major n×n */
  zz: Float64Array;
  /** <σx_i> (NaN where a reference gives only the sum) */
  x: Float64Array;
  /** Σ_i <σx_i> */
  sx: number;
  /** <H_P> (with the model offset) */
  energyP: number;
}

function spinOf(z: number, i: number): number {
  return (z >> i) & 1 ? -1 : 1;
}

/** E(z) of every basis state. */
export function diagonalEnergies(model: CompiledModel): Float64Array {
  const n = model.n;
  const dim = 1 << n;
  const out = new Float64Array(dim);
  const row = new Int8Array(n);
  for (let z = 0; z < dim; z++) {
    for (let i = 0; i < n; i++) row[i] = spinOf(z, i);
    out[z] = energyOfRow(model, row);
  }
  return out;
}

function matmul(A: Float64Array, B: Float64Array, d: number): Float64Array {
  const C = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let k = 0; k < d; k++) {
      const a = A[i * d + k]!;
      if (a === 0) continue;
      for (let j = 0; j < d; j++) C[i * d + j]! += a * B[k * d + j]!;
    }
  return C;
}

function matpow(T: Float64Array, p: number, d: number): Float64Array {
  let result: Float64Array | undefined;
  let base = T;
  while (p > 0) {
    if (p & 1) result = result ? matmul(result, base, d) : base;
    p >>= 1;
    if (p) base = matmul(base, base, d);
  }
  return result!;
}

function averagesFromDensity(
  n: number,
  diagE: Float64Array,
  rhoDiag: (z: number) => number,
  x: Float64Array,
): Averages {
  const dim = 1 << n;
  const z = new Float64Array(n);
  const zz = new Float64Array(n * n);
  let energyP = 0;
  for (let s = 0; s < dim; s++) {
    const p = rhoDiag(s);
    energyP += p * diagE[s]!;
    for (let i = 0; i < n; i++) {
      const si = spinOf(s, i);
      z[i]! += p * si;
      for (let j = 0; j < n; j++) zz[i * n + j]! += p * si * spinOf(s, j);
    }
  }
  return { z, zz, x, energyP, sx: x.reduce((p, q) => p + q, 0) };
}

/**
 * Exact P-slice averages for transverse weight βΓ and problem weight βΛ (both dimensionless); βΓ may be given
 * per qubit (a per-qubit transverse field −Σ Γ_i σx_i).
 */
export function trotterAverages(
  model: CompiledModel,
  betaGamma: number | Float64Array,
  betaLambda: number,
  P: number,
): Averages {
  const n = model.n;
  const dim = 1 << n;
  const E = diagonalEnergies(model);
  const bg = (i: number) => (typeof betaGamma === 'number' ? betaGamma : betaGamma[i]!);
  const a = betaLambda / P;
  const ch = Float64Array.from({ length: n }, (_, i) => Math.cosh(bg(i) / P));
  const sh = Float64Array.from({ length: n }, (_, i) => Math.sinh(bg(i) / P));
  // Shift energies for numerical range (cancels in ratios).
  const e0 = Math.min(...E);
  const half = new Float64Array(dim);
  for (let s = 0; s < dim; s++) half[s] = Math.exp((-a * (E[s]! - e0)) / 2);
  const xElem = (s: number, t: number, flipBit = -1): number => {
    let v = 1;
    for (let i = 0; i < n; i++) {
      const same = ((s >> i) & 1) === ((t >> i) & 1);
      v *= i === flipBit ? (same ? sh[i]! : ch[i]!) : same ? ch[i]! : sh[i]!;
    }
    return v;
  };
  const T = new Float64Array(dim * dim);
  for (let s = 0; s < dim; s++)
    for (let t = 0; t < dim; t++) T[s * dim + t] = half[s]! * xElem(s, t) * half[t]!;
  const TP1 = P > 1 ? matpow(T, P - 1, dim) : undefined;
  const TP = TP1 ? matmul(TP1, T, dim) : T;
  let Z = 0;
  for (let s = 0; s < dim; s++) Z += TP[s * dim + s]!;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Tr[T^{P−1} T'_i], T'_i = D^{1/2} (σx_i X) D^{1/2}
    let tr = 0;
    for (let s = 0; s < dim; s++)
      for (let t = 0; t < dim; t++) {
        const m = TP1 ? TP1[s * dim + t]! : s === t ? 1 : 0;
        if (m !== 0) tr += m * half[t]! * xElem(t, s, i) * half[s]!;
      }
    x[i] = tr / Z;
  }
  return averagesFromDensity(n, E, (s) => TP[s * dim + s]! / Z, x);
}

/**
 * Exact Gibbs averages of H = −Γ Σσx + Λ H_P at inverse temperature β, from the project's dense exact
 * diagonalisation (src/sim/spectrum/dense.ts). Only Σ_i <σx_i> is available (from <H> = −Γ Σ<σx> + Λ<H_P>);
 * the per-qubit `x` entries are NaN.
 */
export function gibbsAverages(model: CompiledModel, gamma: number, lambda: number, beta: number): Averages {
  const n = model.n;
  const E = problemEnergies(model);
  const thermal = thermalState(denseEigensystem(model, gamma, lambda, E), beta);
  const avg = averagesFromDensity(
    n,
    diagonalEnergies(model),
    (z) => thermal.probabilities[z]!,
    new Float64Array(n),
  );
  let ep = 0;
  for (let z = 0; z < E.length; z++) ep += thermal.probabilities[z]! * E[z]!;
  avg.x.fill(Number.NaN);
  avg.sx = (lambda * ep - thermal.energy) / gamma;
  return avg;
}
