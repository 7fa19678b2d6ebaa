/**
 * Matrix-free products with H = −Γ Σ_i σ^x_i + Λ H_P on real vectors of length 2^n (H is real symmetric in
 * the computational basis; basis convention of ../statevector/problem-energies.ts): (Hx)(z) = Λ E(z) x(z)
 * − Γ Σ_i x(z ⊕ 2^i). Also the pieces needed for Hellmann–Feynman slopes: ⟨x|Σσx|x⟩ and ⟨x|H_P|x⟩.
 */

import type { Diagonal } from '../statevector/diagonal.js';

/** Λ·E(z) as a per-level table (levels) or undefined (float energies, computed on the fly). */
export function scaledLevelTable(diag: Diagonal, lambda: number): Float64Array | undefined {
  if (diag.kind !== 'levels') return undefined;
  const t = new Float64Array(diag.count);
  for (let l = 0; l < diag.count; l++) t[l] = lambda * (diag.e0 + l * diag.q);
  return t;
}

/**
 * y[z] = (Hx)[z] + keep·y[z] for z ∈ [z0, z1) (keep = 0 overwrites y). `table` from {@link scaledLevelTable}
 * for the same Λ.
 */
export function matvecRange(
  x: Float64Array,
  y: Float64Array,
  n: number,
  diag: Diagonal,
  table: Float64Array | undefined,
  gamma: number,
  lambda: number,
  z0: number,
  z1: number,
  keep = 0,
): void {
  const mg = -gamma;
  if (diag.kind === 'levels') {
    const level = diag.level;
    const t = table!;
    for (let z = z0; z < z1; z++) {
      let acc = 0;
      for (let i = 0, bit = 1; i < n; i++, bit *= 2) acc += x[z ^ bit]!;
      const v = t[level[z]!]! * x[z]! + mg * acc;
      y[z] = keep === 0 ? v : v + keep * y[z]!;
    }
  } else {
    const E = diag.energies;
    for (let z = z0; z < z1; z++) {
      let acc = 0;
      for (let i = 0, bit = 1; i < n; i++, bit *= 2) acc += x[z ^ bit]!;
      const v = lambda * E[z]! * x[z]! + mg * acc;
      y[z] = keep === 0 ? v : v + keep * y[z]!;
    }
  }
}

/** y = Hx + keep·y over the whole space. */
export function matvec(
  x: Float64Array,
  y: Float64Array,
  n: number,
  diag: Diagonal,
  gamma: number,
  lambda: number,
  table = scaledLevelTable(diag, lambda),
  keep = 0,
): void {
  matvecRange(x, y, n, diag, table, gamma, lambda, 0, 2 ** n, keep);
}

/** ⟨x|Σ_i σ^x_i|x⟩ and ⟨x|H_P|x⟩ for a real vector x (not necessarily normalised). */
export function driverAndProblemExpectation(
  x: Float64Array,
  n: number,
  diag: Diagonal,
): { sx: number; hp: number } {
  let sx = 0;
  let hp = 0;
  const N = 2 ** n;
  for (let z = 0; z < N; z++) {
    const v = x[z]!;
    if (v === 0) continue;
    let acc = 0;
    for (let i = 0, bit = 1; i < n; i++, bit *= 2) acc += x[z ^ bit]!;
    sx += v * acc;
    hp += v * v * (diag.kind === 'levels' ? diag.e0 + diag.level[z]! * diag.q : diag.energies[z]!);
  }
  return { sx, hp };
}
