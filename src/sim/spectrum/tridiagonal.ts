/**
 * Eigensystem of a real symmetric tridiagonal matrix by the implicit QL method with Wilkinson shifts
 * (tqli of Numerical Recipes §11.3), over flat arrays: the Lanczos matrices of ./lanczos.ts.
 */

import { WorkError } from '../../errors.js';

export interface TridiagonalEigen {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** Eigenvectors as columns of a row-major m×m array, in the order of `values` (when requested). */
  vectors: Float64Array | undefined;
}

/** `alpha` (diagonal, m) and `beta` (off-diagonal, m−1 used: beta[i] couples i and i+1). */
export function tridiagonalEigen(
  alpha: ArrayLike<number>,
  beta: ArrayLike<number>,
  m: number,
  wantVectors = true,
): TridiagonalEigen {
  const d = new Float64Array(m);
  const e = new Float64Array(m);
  for (let i = 0; i < m; i++) d[i] = alpha[i]!;
  for (let i = 0; i + 1 < m; i++) e[i] = beta[i]!;
  const z = wantVectors ? new Float64Array(m * m) : undefined;
  if (z) for (let i = 0; i < m; i++) z[i * m + i] = 1;
  for (let l = 0; l < m; l++) {
    let iter = 0;
    let mm: number;
    do {
      for (mm = l; mm < m - 1; mm++) {
        const dd = Math.abs(d[mm]!) + Math.abs(d[mm + 1]!);
        if (Math.abs(e[mm]!) <= Number.EPSILON * dd) break;
      }
      if (mm !== l) {
        if (iter++ === 100) throw new WorkError('tridiagonal eigensolver did not converge');
        let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
        let r = Math.hypot(g, 1);
        g = d[mm]! - d[l]! + e[l]! / (g + (g >= 0 ? Math.abs(r) : -Math.abs(r)));
        let s = 1;
        let c = 1;
        let p = 0;
        let i: number;
        for (i = mm - 1; i >= l; i--) {
          let f = s * e[i]!;
          const b = c * e[i]!;
          r = Math.hypot(f, g);
          e[i + 1] = r;
          if (r === 0) {
            d[i + 1]! -= p;
            e[mm] = 0;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1]! - p;
          r = (d[i]! - g) * s + 2 * c * b;
          p = s * r;
          d[i + 1] = g + p;
          g = c * r - b;
          if (z)
            for (let k = 0; k < m; k++) {
              f = z[k * m + i + 1]!;
              z[k * m + i + 1] = s * z[k * m + i]! + c * f;
              z[k * m + i] = c * z[k * m + i]! - s * f;
            }
        }
        if (r === 0 && i >= l) continue;
        d[l]! -= p;
        e[l] = g;
        e[mm] = 0;
      }
    } while (mm !== l);
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => d[a]! - d[b]!);
  const values = Float64Array.from(order, (i) => d[i]!);
  let vectors: Float64Array | undefined;
  if (z) {
    vectors = new Float64Array(m * m);
    order.forEach((src, dst) => {
      for (let r = 0; r < m; r++) vectors![r * m + dst] = z[r * m + src]!;
    });
  }
  return { values, vectors };
}
