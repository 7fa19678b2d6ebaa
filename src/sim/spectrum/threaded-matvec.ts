/**
 * H·x split over worker threads (the shared piscina pool) for large n: each worker computes a z-range of y
 * from the shared x and diagonal. Vectors and the diagonal must be SharedArrayBuffer-backed.
 */

import { InternalError } from '../../errors.js';
import { type Diagonal, shareDiagonal } from '../statevector/diagonal.js';
import { getPool } from '../threads/pool.js';
import { scaledLevelTable } from './matvec.js';
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
