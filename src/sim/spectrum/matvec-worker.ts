/** Worker-thread entry for threaded H·x products (./threaded-matvec.ts): one z-range over shared buffers. */

import { diagonalFromShared, type SharedDiagonal } from '../statevector/diagonal.js';
import { matvecRange } from './matvec.js';

/** A typed array's place in a shared buffer. */
export interface SharedView {
  buffer: SharedArrayBuffer;
  byteOffset: number;
  length: number;
}

export interface MatvecTask {
  x: SharedArrayBuffer;
  y: SharedArrayBuffer;
  n: number;
  diag: SharedDiagonal;
  /** Λ·E(l) per level (levels diagonals). */
  table?: SharedView;
  gamma: number;
  lambda: number;
  z0: number;
  z1: number;
  keep: number;
}

const f64 = (v: SharedView) => new Float64Array(v.buffer, v.byteOffset, v.length);

export default function runMatvec(t: MatvecTask): number {
  const diag = diagonalFromShared(t.diag, t.n);
  matvecRange(
    new Float64Array(t.x),
    new Float64Array(t.y),
    t.n,
    diag,
    t.table ? f64(t.table) : undefined,
    t.gamma,
    t.lambda,
    t.z0,
    t.z1,
    t.keep,
  );
  return t.z1 - t.z0;
}
