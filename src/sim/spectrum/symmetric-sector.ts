/**
 * The symmetric sector: the smallest subspace S that contains |+⟩^n and is invariant under both Σσx and H_P
 * (so under every H(s)). A forward anneal from |+⟩ never leaves it, and it excludes every level that a
 * symmetry fixing |+⟩ keeps apart (odd parity when h = 0, other momenta on a ring). S is built by applying
 * Σσx and H_P to its vectors until no new direction appears; H(s) restricted to S is then a small dense matrix
 * −Γ(s) X_S + Λ(s) P_S.
 */

import { Matrix } from 'ml-matrix';
import { CapacityError } from '../../errors.js';
import type { Diagonal } from '../statevector/diagonal.js';
import { energyAt } from '../statevector/diagonal.js';
import { axpy, dot, norm, scale } from './vector-ops.js';

export interface SymmetricSector {
  dim: number;
  /** ⟨a|Σσx|b⟩ on the sector basis. */
  X: Matrix;
  /** ⟨a|H_P|b⟩ on the sector basis. */
  P: Matrix;
}

function applyX(x: Float64Array, y: Float64Array, n: number): void {
  const N = x.length;
  for (let z = 0; z < N; z++) {
    let acc = 0;
    for (let i = 0, bit = 1; i < n; i++, bit *= 2) acc += x[z ^ bit]!;
    y[z] = acc;
  }
}

function applyP(x: Float64Array, y: Float64Array, diag: Diagonal): void {
  for (let z = 0; z < x.length; z++) y[z] = energyAt(diag, z) * x[z]!;
}

/** Builds the sector (refuses past `maxDim` basis vectors). */
export function symmetricSector(n: number, diag: Diagonal, maxDim = 2048): SymmetricSector {
  const N = 2 ** n;
  const V: Float64Array[] = [new Float64Array(N).fill(1 / Math.sqrt(N))];
  const XV: Float64Array[] = [];
  const PV: Float64Array[] = [];
  for (let i = 0; i < V.length; i++) {
    const xv = new Float64Array(N);
    const pv = new Float64Array(N);
    applyX(V[i]!, xv, n);
    applyP(V[i]!, pv, diag);
    XV.push(xv);
    PV.push(pv);
    for (const w0 of [xv, pv]) {
      const w = Float64Array.from(w0);
      const n0 = norm(w);
      for (let pass = 0; pass < 2; pass++) for (const v of V) axpy(-dot(v, w), v, w);
      const nw = norm(w);
      if (nw > 1e-9 * Math.max(n0, 1e-300)) {
        scale(1 / nw, w);
        V.push(w);
        if (V.length > maxDim)
          throw new CapacityError(
            `the symmetric sector of this model has more than ${maxDim} dimensions (no symmetry to exploit); use the full spectrum`,
            { field: 'sector' },
          );
      }
    }
  }
  const d = V.length;
  const X = new Matrix(d, d);
  const P = new Matrix(d, d);
  for (let a = 0; a < d; a++)
    for (let b = a; b < d; b++) {
      const x = dot(V[a]!, XV[b]!);
      const p = dot(V[a]!, PV[b]!);
      X.set(a, b, x);
      X.set(b, a, x);
      P.set(a, b, p);
      P.set(b, a, p);
    }
  return { dim: d, X, P };
}
