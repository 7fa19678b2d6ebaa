/**
 * H·x split over worker threads (the shared piscina pool) for large n: each worker computes a z-range of y
 * from the shared x and diagonal. Vectors and the diagonal must be SharedArrayBuffer-backed.
 */

import { InternalError } from '../../errors.js';
import { type Diagonal, shareDiagonal } from '../statevector/diagonal.js';
import { getPool } from '../threads/pool.js';
import { matvec, scaledLevelTable } from './matvec.js';
import type { MatvecTask, SharedView } from './matvec-worker.js';

/** Below this n a product is faster on the calling thread. */
export const MATVEC_THREAD_MIN_QUBITS = 16;

function shared(a: ArrayBufferView, what: string): SharedArrayBuffer {
  if (!(a.buffer instanceof SharedArrayBuffer))
    throw new InternalError(`${what} must be SharedArrayBuffer-backed`);
  return a.buffer;
}

function view(a: Float64Array | Uint16Array, what: string): SharedView {
  return { buffer: shared(a, what), byteOffset: a.byteOffset, length: a.length };
}

export type AsyncMatvec = (x: Float64Array, y: Float64Array, keep?: number) => Promise<void>;

/** A threaded y = Hx + keep·y for fixed (Γ, Λ). */
export function threadedMatvec(
  n: number,
  diag: Diagonal,
  gamma: number,
  lambda: number,
  threads: number,
): AsyncMatvec {
  const pool = getPool('./matvec-worker.js', import.meta.url, threads);
  // the level table Λ·E(l) of this (diagonal, Λ), computed once and shared with every worker
  const table = (): SharedView => {
    const t = scaledLevelTable(diag, lambda)!;
    const sharedTable = new Float64Array(new SharedArrayBuffer(8 * t.length));
    sharedTable.set(t);
    return view(sharedTable, 'table');
  };
  const d = shareDiagonal(diag);
  const levelTable = diag.kind === 'levels' ? table() : undefined;
  const N = 2 ** n;
  return async (x, y, keep = 0) => {
    const xs = shared(x, 'x');
    const ys = shared(y, 'y');
    const jobs: Promise<unknown>[] = [];
    for (let w = 0; w < threads; w++) {
      const z0 = Math.floor((w * N) / threads);
      const z1 = Math.floor(((w + 1) * N) / threads);
      const task: MatvecTask = {
        x: xs,
        y: ys,
        n,
        diag: d,
        ...(levelTable ? { table: levelTable } : {}),
        gamma,
        lambda,
        z0,
        z1,
        keep,
      };
      jobs.push(pool.run(task));
    }
    await Promise.all(jobs);
  };
}

/** H·x for one (Γ, Λ), on worker threads where that pays, else on the calling thread. */
export interface Product {
  /** y = Hx + keep·y. */
  apply(x: Float64Array, y: Float64Array, keep?: number): Promise<void>;
  /** Whether vectors must be SharedArrayBuffer-backed (the threaded product). */
  readonly shared: boolean;
  /** A zeroed vector of the right kind. */
  newVector(): Float64Array;
}

/**
 * The product the Krylov solvers use: threaded for threads > 1, n ≥ {@link MATVEC_THREAD_MIN_QUBITS} and a
 * SharedArrayBuffer-backed diagonal; otherwise serial with the level table computed once.
 */
export function productFor(n: number, diag: Diagonal, gamma: number, lambda: number, threads = 1): Product {
  const N = 2 ** n;
  const isShared =
    (diag.kind === 'levels' ? diag.level.buffer : diag.energies.buffer) instanceof SharedArrayBuffer;
  const tm =
    threads > 1 && n >= MATVEC_THREAD_MIN_QUBITS && isShared
      ? threadedMatvec(n, diag, gamma, lambda, threads)
      : undefined;
  const table = tm ? undefined : scaledLevelTable(diag, lambda);
  return {
    shared: tm !== undefined,
    apply: async (x, y, keep = 0) => {
      if (tm) await tm(x, y, keep);
      else matvec(x, y, n, diag, gamma, lambda, table, keep);
    },
    newVector: () => new Float64Array(tm ? new SharedArrayBuffer(8 * N) : new ArrayBuffer(8 * N)),
  };
}
