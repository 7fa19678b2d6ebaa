/** Worker-thread entry for threaded H·x products (./threaded-matvec.ts): one z-range over shared buffers. */

import type { Diagonal } from '../statevector/diagonal.js';
import { matvecRange } from './matvec.js';

/** A typed array's place in a shared buffer (views need not start at byte 0, e.g. levels in a wasm state). */
export interface SharedView {
  buffer: SharedArrayBuffer;
  byteOffset: number;
  length: number;
}

export interface MatvecTask {
  x: SharedArrayBuffer;
  y: SharedArrayBuffer;
  n: number;
  diag:
    | { kind: 'levels'; level: SharedView; e0: number; q: number; count: number; table: SharedView }
    | { kind: 'energies'; energies: SharedView };
  gamma: number;
  lambda: number;
  z0: number;
  z1: number;
  keep: number;
}

const f64 = (v: SharedView) => new Float64Array(v.buffer, v.byteOffset, v.length);

export default function runMatvec(t: MatvecTask): number {
  const d = t.diag;
  const diag: Diagonal =
    d.kind === 'levels'
      ? {
          kind: 'levels',
          n: t.n,
          level: new Uint16Array(d.level.buffer, d.level.byteOffset, d.level.length),
          e0: d.e0,
          q: d.q,
          count: d.count,
        }
      : { kind: 'energies', n: t.n, energies: f64(d.energies) };
  matvecRange(
    new Float64Array(t.x),
    new Float64Array(t.y),
    t.n,
    diag,
    d.kind === 'levels' ? f64(d.table) : undefined,
    t.gamma,
    t.lambda,
    t.z0,
    t.z1,
    t.keep,
  );
  return t.z1 - t.z0;
}
