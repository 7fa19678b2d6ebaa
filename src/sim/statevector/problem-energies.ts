/**
 * The diagonal of H_P in the computational basis, shared by the statevector engine and the spectrum code.
 *
 * Basis convention (used everywhere in src/sim/statevector and src/sim/spectrum): amplitude index z, bit i of z
 * is qubit i = variable i in the compiled model's order; bit 0 ↔ σ_i = +1, bit 1 ↔ σ_i = −1 (σ^z|0⟩ = +|0⟩).
 * Energies are those of the SPIN model including its offset (cli.md's Ising energy).
 */

import { ModelError } from '../../errors.js';
import type { CompiledModel } from '../../hamiltonian/compiled.js';

/** Relative tolerance for equal energies (cli.md): |E1 − E2| ≤ 1e-9·max(1, |E1|). */
export const ENERGY_REL_TOL = 1e-9;

export function energiesEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= ENERGY_REL_TOL * Math.max(1, Math.abs(a));
}

/** σ_i (±1) of basis state z. */
export function spinOf(z: number, i: number): 1 | -1 {
  return (Math.floor(z / 2 ** i) & 1) === 0 ? 1 : -1;
}

/** Basis index of a ±1 spin row (model order). */
export function basisIndexOf(spins: ArrayLike<number>): number {
  let z = 0;
  for (let i = 0; i < spins.length; i++) if (spins[i]! < 0) z += 2 ** i;
  return z;
}

/** Fills a ±1 row from basis index z. */
export function spinsOf(z: number, n: number, out: Int8Array = new Int8Array(n)): Int8Array {
  for (let i = 0; i < n; i++) out[i] = spinOf(z, i);
  return out;
}

/**
 * E(z) for every basis state z (length 2^n), by Gray-code increments: one spin flip per state, updating the
 * local fields of its neighbours, O(2^n · degree) in all. `model` must be SPIN.
 */
export function problemEnergies(model: CompiledModel, out?: Float64Array): Float64Array {
  if (model.vartype !== 'SPIN')
    throw new ModelError('problemEnergies needs a SPIN model (compile with SPIN)');
  const n = model.n;
  if (n > 31)
    throw new ModelError(`problemEnergies: ${n} variables is past the 31 a basis index can address`);
  const size = 2 ** n;
  const E = out ?? new Float64Array(size);
  const { linear, rowPtr, colIdx, weights, edgeW } = model;
  const spin = new Float64Array(n).fill(1);
  const field = new Float64Array(n);
  let e = model.offset;
  for (let i = 0; i < n; i++) {
    let f = linear[i]!;
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) f += weights[p]!;
    field[i] = f;
    e += linear[i]!;
  }
  for (let k = 0; k < edgeW.length; k++) e += edgeW[k]!;
  E[0] = e;
  let g = 0;
  for (let k = 1; k < size; k++) {
    const i = 31 - Math.clz32(k & -k);
    const s = spin[i]!;
    e -= 2 * s * field[i]!;
    spin[i] = -s;
    const d = -2 * s;
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) field[colIdx[p]!]! += weights[p]! * d;
    g ^= 1 << i;
    E[g >>> 0] = e;
  }
  return E;
}

export interface GroundSet {
  groundEnergy: number;
  /** Number of basis states within the cli.md tolerance of the minimum. */
  degeneracy: number;
}

/** Minimum energy and its degeneracy (cli.md tolerance). */
export function groundSetOf(E: ArrayLike<number>): GroundSet {
  let min = Number.POSITIVE_INFINITY;
  for (let z = 0; z < E.length; z++) if (E[z]! < min) min = E[z]!;
  let g = 0;
  for (let z = 0; z < E.length; z++) if (energiesEqual(min, E[z]!)) g++;
  return { groundEnergy: min, degeneracy: g };
}

/**
 * The energy quantum q of a model whose biases are all integer multiples of q (D ≤ 1024 as common
 * denominator), or undefined. Then every E(z) − E(0) is a multiple of q, and the diagonal phase can be
 * tabulated per level instead of computed per amplitude.
 */
export function energyQuantum(model: CompiledModel): number | undefined {
  const coefs: number[] = [];
  for (const h of model.linear) if (h !== 0) coefs.push(h);
  for (const w of model.edgeW) if (w !== 0) coefs.push(w);
  if (coefs.length === 0) return 1;
  for (let D = 1; D <= 1024; D++) {
    let ok = true;
    let G = 0;
    for (const c of coefs) {
      const a = c * D;
      const r = Math.round(a);
      if (Math.abs(a - r) > 1e-9 * Math.max(1, Math.abs(a))) {
        ok = false;
        break;
      }
      G = gcd(G, Math.abs(r));
    }
    if (ok && G > 0) return G / D;
  }
  return undefined;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
