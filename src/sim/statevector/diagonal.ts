/**
 * H_P's diagonal as the statevector engine stores it: when every energy lies on a grid e0 + ℓ·q with at most
 * 65536 levels (integer or rational biases: most problems), one Uint16 level per basis state and a per-step
 * phase table; otherwise one float64 energy per state. Arrays can live in SharedArrayBuffers for threads.
 */

import { InternalError } from '../../errors.js';
import type { CompiledModel } from '../../hamiltonian/compiled.js';
import { energyQuantum, problemEnergies } from './problem-energies.js';

export const MAX_LEVELS = 65536;

export type Diagonal =
  | {
      readonly kind: 'levels';
      readonly n: number;
      readonly level: Uint16Array;
      /** Energy of level 0 (the minimum). */
      readonly e0: number;
      /** Energy quantum. */
      readonly q: number;
      /** Number of levels (max level + 1). */
      readonly count: number;
    }
  | { readonly kind: 'energies'; readonly n: number; readonly energies: Float64Array };

function makeArray<T extends Float64Array | Uint16Array>(
  Ctor: { new (b: ArrayBufferLike): T; BYTES_PER_ELEMENT: number },
  length: number,
  shared: boolean,
): T {
  const bytes = length * Ctor.BYTES_PER_ELEMENT;
  return new Ctor(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
}

/**
 * Builds the diagonal of a SPIN model. With `shared`, arrays are SharedArrayBuffer-backed. `preferLevels:
 * false` forces the float64 path (tests, benchmarks). `levelArray` (length 2^n) receives the levels when the
 * energies lie on a grid (the engine passes the room next to a wasm state, ./wasm-kernel.ts).
 */
export function buildDiagonal(
  model: CompiledModel,
  opts: { shared?: boolean; preferLevels?: boolean; levelArray?: Uint16Array } = {},
): Diagonal {
  const n = model.n;
  const N = 2 ** n;
  const shared = opts.shared ?? false;
  const E = problemEnergies(model, makeArray(Float64Array, N, shared));
  const q = opts.preferLevels === false ? undefined : energyQuantum(model);
  if (q !== undefined && q > 0) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let z = 0; z < N; z++) {
      const e = E[z]!;
      if (e < min) min = e;
      if (e > max) max = e;
    }
    const count = Math.round((max - min) / q) + 1;
    if (count <= MAX_LEVELS) {
      const level = opts.levelArray ?? makeArray(Uint16Array, N, shared);
      for (let z = 0; z < N; z++) level[z] = Math.round((E[z]! - min) / q);
      return { kind: 'levels', n, level, e0: min, q, count };
    }
  }
  return { kind: 'energies', n, energies: E };
}

/** E(z). */
export function energyAt(d: Diagonal, z: number): number {
  return d.kind === 'levels' ? d.e0 + d.level[z]! * d.q : d.energies[z]!;
}

/** Bytes the diagonal of an n-qubit model needs at its peak (the float64 energies are built first). */
export function diagonalPeakBytes(n: number): number {
  return 10 * 2 ** n;
}

/** A diagonal's arrays as worker threads receive them: shared buffers with the views' byte offsets. */
export type SharedDiagonal =
  | { kind: 'levels'; buffer: SharedArrayBuffer; byteOffset: number; e0: number; q: number; count: number }
  | { kind: 'energies'; buffer: SharedArrayBuffer; byteOffset: number };

/** The diagonal for posting to workers; its arrays must be SharedArrayBuffer-backed. */
export function shareDiagonal(diag: Diagonal): SharedDiagonal {
  const view = diag.kind === 'levels' ? diag.level : diag.energies;
  if (!(view.buffer instanceof SharedArrayBuffer))
    throw new InternalError(`the diagonal's ${diag.kind} must be SharedArrayBuffer-backed`);
  return diag.kind === 'levels'
    ? {
        kind: 'levels',
        buffer: view.buffer,
        byteOffset: view.byteOffset,
        e0: diag.e0,
        q: diag.q,
        count: diag.count,
      }
    : { kind: 'energies', buffer: view.buffer, byteOffset: view.byteOffset };
}

/** A worker's view of a {@link shareDiagonal} diagonal of n qubits. */
export function diagonalFromShared(d: SharedDiagonal, n: number): Diagonal {
  const N = 2 ** n;
  return d.kind === 'levels'
    ? {
        kind: 'levels',
        n,
        level: new Uint16Array(d.buffer, d.byteOffset, N),
        e0: d.e0,
        q: d.q,
        count: d.count,
      }
    : { kind: 'energies', n, energies: new Float64Array(d.buffer, d.byteOffset, N) };
}
