/**
 * The lowest K levels of H(s) = −Γ(s) Σσx + Λ(s) H_P at one point, by the cheapest exact route: closed forms
 * where H is diagonal (Γ = 0: sorted Λ·E(z)) or a pure driver (Λ = 0: −Γ(n − 2k), multiplicity C(n, k)),
 * dense diagonalisation for small n, otherwise single-vector Lanczos with partial reorthogonalisation
 * (./krylov-levels.ts: fast, one copy of each level) or block Lanczos (./block-lanczos.ts: every copy of levels
 * of multiplicity ≤ block), warm-started from a neighbouring point. Also ⟨Σσx⟩ and ⟨H_P⟩ of each returned
 * vector: the Hellmann–Feynman slopes dE_k/ds = −Γ'(s)⟨Σσx⟩_k + Λ'(s)⟨H_P⟩_k that place refinements, and the
 * tangents of the gap search's concavity bounds (./gap.ts).
 */

import { Matrix } from 'ml-matrix';
import type { AnnealingSchedule } from '../../hamiltonian/schedule/types.js';
import type { Diagonal } from '../statevector/diagonal.js';
import { energyAt } from '../statevector/diagonal.js';
import { lowestLevels, type Sector } from './block-lanczos.js';
import { symmetricEigensystem } from './dense.js';
import { krylovLevels } from './krylov-levels.js';
import { driverAndProblemExpectation } from './matvec.js';
import { symmetricSector } from './symmetric-sector.js';

export type SpectrumMethod = 'dense' | 'lanczos';

export interface LevelsAt {
  s: number;
  values: Float64Array;
  /** Eigenvectors (Lanczos and dense paths; absent for the closed forms and the sector path). */
  vectors?: Float64Array[];
  /** Hellmann–Feynman slopes dE_j/ds of the returned levels. */
  slopes: number[];
  /**
   * ⟨Σσx⟩ and ⟨H_P⟩ of the vector returned for each level (NaN where no vector stands behind a closed form,
   * e.g. the degenerate excited levels of the pure driver).
   */
  sx: number[];
  hp: number[];
  matvecs: number;
}

export interface AtOptions {
  /** Find every copy of degenerate levels (block Lanczos) instead of one (single-vector Lanczos). */
  multiplicity?: boolean;
  /** Absolute eigenvalue tolerance of the single-vector path. */
  tol?: number;
  /** Relative random component of a warm start (single-vector path). */
  noise?: number;
  /** Block size of the block path. */
  block?: number;
}

export interface LevelSolver {
  readonly n: number;
  readonly method: SpectrumMethod;
  readonly sector: Sector;
  /** Lowest k levels at s; `warm` vectors seed the Krylov solver. */
  at(s: number, k: number, warm?: readonly Float64Array[], o?: AtOptions): Promise<LevelsAt>;
}

/** Central-difference derivative of a schedule coefficient (one-sided at the ends). */
export function derivative(f: (s: number) => number, s: number): number {
  const h = 1e-6;
  const a = Math.max(0, s - h);
  const b = Math.min(1, s + h);
  return (f(b) - f(a)) / (b - a);
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** The basis states z of the k smallest λ·E(z), in ascending order (ties in order of z). */
export function smallestDiagonalStates(diag: Diagonal, k: number, lambda = 1): number[] {
  const N = 2 ** diag.n;
  const states: number[] = [];
  const values: number[] = [];
  for (let z = 0; z < N; z++) {
    const v = lambda * energyAt(diag, z);
    if (values.length < k || v < values[values.length - 1]!) {
      if (values.length === k) {
        values.pop();
        states.pop();
      }
      let i = values.length;
      while (i > 0 && values[i - 1]! > v) i--;
      values.splice(i, 0, v);
      states.splice(i, 0, z);
    }
  }
  return states;
}

/** The k smallest of Λ·E(z), with multiplicity. */
function smallestDiagonal(diag: Diagonal, lambda: number, k: number): Float64Array {
  return Float64Array.from(smallestDiagonalStates(diag, k, lambda), (z) => lambda * energyAt(diag, z));
}

function driverLevels(n: number, gamma: number, k: number): Float64Array {
  const out: number[] = [];
  // −Γ Σσx has eigenvalue −Γ(n − 2m), multiplicity C(n, m), on states with m qubits in |−⟩
  const ms = Array.from({ length: n + 1 }, (_, m) => m).sort(
    (a, b) => -gamma * (n - 2 * a) - -gamma * (n - 2 * b),
  );
  for (const m of ms) {
    const mult = binomial(n, m);
    for (let c = 0; c < mult && out.length < k; c++) out.push(-gamma * (n - 2 * m));
    if (out.length >= k) break;
  }
  return Float64Array.from(out);
}

export function createLevelSolver(
  n: number,
  diag: Diagonal,
  schedule: AnnealingSchedule,
  method: SpectrumMethod,
  sector: Sector,
  threads = 1,
): LevelSolver {
  const N = 2 ** n;
  const sym = sector === 'symmetric' ? symmetricSector(n, diag) : undefined;
  let meanE = 0;
  for (let z = 0; z < N; z++) meanE += energyAt(diag, z) / N;
  const pool: Float64Array[] = [];
  const rates = (s: number) => [derivative(schedule.transverse, s), derivative(schedule.problem, s)] as const;
  return {
    n,
    method,
    sector,
    async at(s, k, warm, o = {}) {
      const gamma = schedule.transverse(s);
      const lambda = schedule.problem(s);
      const [dG, dL] = rates(s);
      if (sym) {
        const H = sym.X.clone().mul(-gamma).add(sym.P.clone().mul(lambda));
        const eig = symmetricEigensystem(H);
        const kk = Math.min(k, sym.dim);
        const sx: number[] = [];
        const hp: number[] = [];
        for (let j = 0; j < kk; j++) {
          const x = eig.vectors.getColumnVector(j);
          sx.push(x.transpose().mmul(sym.X).mmul(x).get(0, 0));
          hp.push(x.transpose().mmul(sym.P).mmul(x).get(0, 0));
        }
        const slopes = sx.map((x, j) => -dG * x + dL * hp[j]!);
        return { s, values: eig.values.slice(0, kk), slopes, sx, hp, matvecs: 0 };
      }
      if (gamma === 0) {
        // basis states: ⟨Σσx⟩ = 0, ⟨H_P⟩ = E(z)
        const values = smallestDiagonal(diag, lambda, k);
        const hp = Array.from(values, (v) => (lambda === 0 ? Number.NaN : v / lambda));
        return {
          s,
          values,
          slopes: Array.from(values, (v) => (lambda === 0 ? 0 : (dL * v) / lambda)),
          sx: hp.map((h) => (Number.isNaN(h) ? Number.NaN : 0)),
          hp,
          matvecs: 0,
        };
      }
      if (lambda === 0 && gamma > 0) {
        const values = driverLevels(n, gamma, k);
        // only the ground level |+⟩ is a single state; the excited levels are degenerate
        const sx = Array.from(values, (_, j) => (j === 0 ? n : Number.NaN));
        const hp = Array.from(values, (_, j) => (j === 0 ? meanE : Number.NaN));
        return {
          s,
          values,
          slopes: Array.from(values, (v) => (dG * v) / gamma + dL * meanE),
          sx,
          hp,
          matvecs: 0,
        };
      }
      let values: Float64Array;
      let vectors: Float64Array[];
      let matvecs = 0;
      if (method === 'dense') {
        const H = new Matrix(N, N);
        for (let z = 0; z < N; z++) {
          H.set(z, z, lambda * energyAt(diag, z));
          for (let i = 0; i < n; i++) H.set(z, z ^ (1 << i), -gamma);
        }
        const eig = symmetricEigensystem(H);
        const kk = Math.min(k, N);
        vectors = Array.from({ length: kk }, (_, j) =>
          Float64Array.from({ length: N }, (_, z) => eig.vectors.get(z, j)),
        );
        values = eig.values.slice(0, kk);
      } else if (o.multiplicity) {
        const r = await lowestLevels(n, diag, gamma, lambda, {
          k,
          threads,
          ...(o.block !== undefined ? { block: o.block } : {}),
          ...(warm && warm.length > 0 ? { start: warm } : {}),
        });
        values = r.values;
        vectors = r.vectors;
        matvecs = r.matvecs;
      } else {
        const r = await krylovLevels(n, diag, gamma, lambda, {
          k,
          threads,
          pool,
          ...(o.tol !== undefined ? { tol: o.tol } : {}),
          ...(o.noise !== undefined ? { noise: o.noise } : {}),
          ...(warm && warm.length > 0 ? { start: warm } : {}),
        });
        values = r.values;
        vectors = r.vectors;
        matvecs = r.matvecs;
      }
      const sx: number[] = [];
      const hp: number[] = [];
      for (const v of vectors) {
        const e = driverAndProblemExpectation(v, n, diag);
        sx.push(e.sx);
        hp.push(e.hp);
      }
      const slopes = sx.map((x, j) => -dG * x + dL * hp[j]!);
      return { s, values, vectors, slopes, sx, hp, matvecs };
    },
  };
}
