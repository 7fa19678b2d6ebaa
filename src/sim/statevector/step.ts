/**
 * One Trotter step on one thread, cache-blocked: for each block of 2^b amplitudes (b ≤ 12, 64 KiB of
 * amplitudes, L2-resident) apply the fused diagonal and the x-rotations of the b low qubits while the block
 * sits in cache; then the n − b high qubits in strided passes of three qubits each (those over qubits ≥ 24
 * staged through a small scratch, kernels.ts rxStaged). The same split is used by the threaded driver
 * (./threaded.ts), with blocks and high-pass groups shared out between workers, and by the WASM kernels.
 */

import type { Diagonal } from './diagonal.js';
import {
  diagEnergies,
  diagLevels,
  fillLevelTable,
  rx1,
  rx2,
  rx3,
  rxRange,
  rxStaged,
  STAGE_BITS,
  STAGE_FROM_QUBIT,
} from './kernels.js';

/** Low-qubit block size (log2 amplitudes) for an n-qubit state. */
export function blockBits(n: number): number {
  return Math.min(n, 12);
}

/** The high-qubit passes: [first qubit, number of qubits (1–3)] each. */
export function highGroups(n: number, b: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let q = b;
  for (; q + 3 <= n; q += 3) out.push([q, 3]);
  if (q < n) out.push([q, n - q]);
  return out;
}

/** Applies D(phi) to amplitudes [z0, z1) (the level table must already hold phi's phases). */
export function applyDiagonal(
  a: Float64Array,
  diag: Diagonal,
  table: Float64Array,
  phi: number,
  z0: number,
  z1: number,
): void {
  if (diag.kind === 'levels') diagLevels(a, diag.level, table, z0, z1);
  else diagEnergies(a, diag.energies, phi, z0, z1);
}

/** Prepares the per-level phase table for phi (no-op for float energies). */
export function prepareTable(diag: Diagonal, table: Float64Array, phi: number): void {
  if (diag.kind === 'levels') fillLevelTable(table, phi, diag.e0, diag.q, diag.count);
}

/** A table big enough for `diag`. */
export function newLevelTable(diag: Diagonal): Float64Array {
  return new Float64Array(diag.kind === 'levels' ? 2 * diag.count : 2);
}

/** Whether a high pass on qubits q … q+k−1 is staged through scratch (kernels.ts rxStaged). */
export function isStaged(q: number, k: number): boolean {
  return q + k - 1 >= STAGE_FROM_QUBIT;
}

let stageScratch: Float64Array | undefined;

/** x-rotation pass on `k` consecutive qubits from q, over groups [g0, g1). */
export function rxGroup(
  a: Float64Array,
  q: number,
  k: number,
  c: number,
  s: number,
  g0: number,
  g1: number,
): void {
  if (isStaged(q, k)) {
    stageScratch ??= new Float64Array(2 * 8 * 2 ** STAGE_BITS);
    rxStaged(a, q, k, c, s, g0, g1, stageScratch, STAGE_BITS);
  } else if (k === 3) rx3(a, q, c, s, g0, g1);
  else if (k === 2) rx2(a, q, c, s, g0, g1);
  else rx1(a, q, c, s, g0, g1);
}

/**
 * One fused step on a single thread: D(phi) then Π exp(iθσx) with (c, s) = (cos θ, sin θ). `table` is scratch
 * of {@link newLevelTable}'s size.
 */
export function trotterStep(
  a: Float64Array,
  n: number,
  diag: Diagonal,
  table: Float64Array,
  phi: number,
  c: number,
  s: number,
): void {
  const N = 2 ** n;
  const b = blockBits(n);
  const B = 2 ** b;
  if (phi !== 0) prepareTable(diag, table, phi);
  for (let z0 = 0; z0 < N; z0 += B) {
    if (phi !== 0) applyDiagonal(a, diag, table, phi, z0, z0 + B);
    rxRange(a, 0, b, c, s, z0, z0 + B);
  }
  for (const [q, k] of highGroups(n, b)) rxGroup(a, q, k, c, s, 0, N / 2 ** k);
}

/** D(phi) alone over the whole state (the closing half step). */
export function diagonalStep(
  a: Float64Array,
  n: number,
  diag: Diagonal,
  table: Float64Array,
  phi: number,
): void {
  if (phi === 0) return;
  prepareTable(diag, table, phi);
  applyDiagonal(a, diag, table, phi, 0, 2 ** n);
}
