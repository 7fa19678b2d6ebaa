/**
 * Read-outs of an interleaved statevector (./kernels.ts layout) against H_P's diagonal: norm, success
 * probability (total probability on the ground set of H_P, all degenerate ground states, cli.md's 1e-9
 * relative tolerance), ⟨H_P⟩, and overlaps.
 */

import type { Diagonal } from './diagonal.js';
import { ENERGY_REL_TOL } from './problem-energies.js';

export interface GroundLevel {
  groundEnergy: number;
  groundDegeneracy: number;
  /** Largest energy counted as ground (E_min + tolerance). */
  threshold: number;
}

/** Ground energy and degeneracy of the diagonal. */
export function groundLevel(diag: Diagonal): GroundLevel {
  const N = 2 ** diag.n;
  if (diag.kind === 'levels') {
    const tol = ENERGY_REL_TOL * Math.max(1, Math.abs(diag.e0));
    const lmax = Math.floor(tol / diag.q + 1e-12);
    let g = 0;
    for (let z = 0; z < N; z++) if (diag.level[z]! <= lmax) g++;
    return { groundEnergy: diag.e0, groundDegeneracy: g, threshold: diag.e0 + tol };
  }
  const E = diag.energies;
  let min = Number.POSITIVE_INFINITY;
  for (let z = 0; z < N; z++) if (E[z]! < min) min = E[z]!;
  const threshold = min + ENERGY_REL_TOL * Math.max(1, Math.abs(min));
  let g = 0;
  for (let z = 0; z < N; z++) if (E[z]! <= threshold) g++;
  return { groundEnergy: min, groundDegeneracy: g, threshold };
}

export interface Measurement {
  norm: number;
  successProbability: number;
  expectedEnergy: number;
}

/** Probability on the ground set and ⟨H_P⟩ (normalised by the state's norm). */
export function measure(a: Float64Array, diag: Diagonal, ground: GroundLevel): Measurement {
  const N = 2 ** diag.n;
  let norm = 0;
  let p = 0;
  let e = 0;
  if (diag.kind === 'levels') {
    const lmax = Math.floor((ground.threshold - diag.e0) / diag.q + 1e-12);
    const level = diag.level;
    // ⟨E⟩ = e0 + q⟨ℓ⟩
    let l = 0;
    for (let z = 0, i = 0; z < N; z++, i += 2) {
      const w = a[i]! * a[i]! + a[i + 1]! * a[i + 1]!;
      norm += w;
      const lz = level[z]!;
      l += w * lz;
      if (lz <= lmax) p += w;
    }
    e = diag.e0 * norm + diag.q * l;
  } else {
    const E = diag.energies;
    for (let z = 0, i = 0; z < N; z++, i += 2) {
      const w = a[i]! * a[i]! + a[i + 1]! * a[i + 1]!;
      norm += w;
      e += w * E[z]!;
      if (E[z]! <= ground.threshold) p += w;
    }
  }
  return { norm, successProbability: p / norm, expectedEnergy: e / norm };
}

/** |⟨a|b⟩|² for two interleaved complex states. */
export function fidelity(a: Float64Array, b: Float64Array): number {
  let re = 0;
  let im = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 2) {
    const ar = a[i]!;
    const ai = a[i + 1]!;
    const br = b[i]!;
    const bi = b[i + 1]!;
    re += ar * br + ai * bi;
    im += ar * bi - ai * br;
    na += ar * ar + ai * ai;
    nb += br * br + bi * bi;
  }
  return (re * re + im * im) / (na * nb);
}

/** |⟨g|ψ⟩|² for a real normalised g (length 2^n) and an interleaved ψ. */
export function overlapWithReal(a: Float64Array, g: Float64Array): number {
  let re = 0;
  let im = 0;
  let na = 0;
  for (let z = 0, i = 0; z < g.length; z++, i += 2) {
    re += g[z]! * a[i]!;
    im += g[z]! * a[i + 1]!;
    na += a[i]! * a[i]! + a[i + 1]! * a[i + 1]!;
  }
  return (re * re + im * im) / na;
}
