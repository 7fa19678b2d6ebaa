/** Worker-thread entry for threaded H·x products (./threaded-matvec.ts): one z-range over shared buffers. */

import type { Diagonal } from '../statevector/diagonal.js';
import { matvecRange, scaledLevelTable } from './matvec.js';

export interface MatvecTask {
  x: SharedArrayBuffer;
  y: SharedArrayBuffer;
  n: number;
  diag:
    | { kind: 'levels'; buffer: SharedArrayBuffer; e0: number; q: number; count: number }
    | { kind: 'energies'; buffer: SharedArrayBuffer };
  gamma: number;
  lambda: number;
  z0: number;
  z1: number;
  keep: number;
}

const tables = new Map<string, Float64Array | undefined>();

export default function runMatvec(t: MatvecTask): number {
  const diag: Diagonal =
    t.diag.kind === 'levels'
      ? {
          kind: 'levels',
          n: t.n,
          level: new Uint16Array(t.diag.buffer),
          e0: t.diag.e0,
          q: t.diag.q,
          count: t.diag.count,
        }
      : { kind: 'energies', n: t.n, energies: new Float64Array(t.diag.buffer) };
  const key = `${t.lambda}`;
  let table = tables.get(key);
  if (!tables.has(key)) {
    if (tables.size > 8) tables.clear();
    table = scaledLevelTable(diag, t.lambda);
    tables.set(key, table);
  }
  matvecRange(
    new Float64Array(t.x),
    new Float64Array(t.y),
    t.n,
    diag,
    table,
    t.gamma,
    t.lambda,
    t.z0,
    t.z1,
    t.keep,
  );
  return t.z1 - t.z0;
}
