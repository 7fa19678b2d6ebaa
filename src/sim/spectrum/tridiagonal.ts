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

/**
 * The implicit QL iteration on d (diagonal, overwritten by the eigenvalues, unsorted) and e (off-diagonal,
 * e[i] couples i and i+1; destroyed). Each plane rotation (i, i+1) with sine s and cosine c is reported to
 * `rotate`, which applies it to whatever the caller accumulates.
 */
function qlIterate(
  d: Float64Array,
  e: Float64Array,
  m: number,
  rotate?: (i: number, s: number, c: number) => void,
): void {
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
          const f = s * e[i]!;
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
          rotate?.(i, s, c);
        }
        if (r === 0 && i >= l) continue;
        d[l]! -= p;
        e[l] = g;
        e[mm] = 0;
      }
    } while (mm !== l);
  }
}

function copyTridiagonal(alpha: ArrayLike<number>, beta: ArrayLike<number>, m: number) {
  const d = new Float64Array(m);
  const e = new Float64Array(m);
  for (let i = 0; i < m; i++) d[i] = alpha[i]!;
  for (let i = 0; i + 1 < m; i++) e[i] = beta[i]!;
  return { d, e, order: () => Array.from({ length: m }, (_, i) => i).sort((a, b) => d[a]! - d[b]!) };
}

/** `alpha` (diagonal, m) and `beta` (off-diagonal, m−1 used: beta[i] couples i and i+1). */
export function tridiagonalEigen(
  alpha: ArrayLike<number>,
  beta: ArrayLike<number>,
  m: number,
  wantVectors = true,
): TridiagonalEigen {
  const { d, e, order: sorted } = copyTridiagonal(alpha, beta, m);
  const z = wantVectors ? new Float64Array(m * m) : undefined;
  if (z) for (let i = 0; i < m; i++) z[i * m + i] = 1;
  qlIterate(
    d,
    e,
    m,
    z
      ? (i, s, c) => {
          for (let k = 0; k < m; k++) {
            const f = z[k * m + i + 1]!;
            z[k * m + i + 1] = s * z[k * m + i]! + c * f;
            z[k * m + i] = c * z[k * m + i]! - s * f;
          }
        }
      : undefined,
  );
  const order = sorted();
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

/**
 * Eigenvalues (ascending) of the symmetric tridiagonal matrix and the last component of each normalised
 * eigenvector (same order): the QL iteration of {@link tridiagonalEigen} with only the last row of the
 * rotation product accumulated, O(m²). The last components give the Lanczos residual estimates β_m·|y_m|.
 */
export function tridiagonalValuesLastRow(
  alpha: ArrayLike<number>,
  beta: ArrayLike<number>,
  m: number,
): { values: Float64Array; last: Float64Array } {
  const { d, e, order: sorted } = copyTridiagonal(alpha, beta, m);
  const z = new Float64Array(m);
  z[m - 1] = 1;
  qlIterate(d, e, m, (i, s, c) => {
    const zf = z[i + 1]!;
    z[i + 1] = s * z[i]! + c * zf;
    z[i] = c * z[i]! - s * zf;
  });
  const order = sorted();
  return { values: Float64Array.from(order, (i) => d[i]!), last: Float64Array.from(order, (i) => z[i]!) };
}

/**
 * Normalised eigenvectors of the symmetric tridiagonal matrix for the given (accurate) eigenvalues, by
 * inverse iteration with partially pivoted elimination (as LAPACK's dstein); vectors of eigenvalues closer
 * than 1e-3·‖T‖ are orthogonalised against each other. O(m) per vector.
 */
function normalise(x: Float64Array): void {
  let nx = 0;
  for (let i = 0; i < x.length; i++) nx += x[i]! * x[i]!;
  nx = Math.sqrt(nx);
  for (let i = 0; i < x.length; i++) x[i]! /= nx;
}

export function tridiagonalEigenvectors(
  alpha: ArrayLike<number>,
  beta: ArrayLike<number>,
  m: number,
  thetas: ArrayLike<number>,
): Float64Array[] {
  let tnorm = 0;
  for (let i = 0; i < m; i++)
    tnorm = Math.max(
      tnorm,
      Math.abs(alpha[i]!) + (i > 0 ? Math.abs(beta[i - 1]!) : 0) + (i + 1 < m ? Math.abs(beta[i]!) : 0),
    );
  tnorm ||= 1;
  const tiny = Number.EPSILON * tnorm;
  const u0 = new Float64Array(m);
  const u1 = new Float64Array(m);
  const u2 = new Float64Array(m);
  const mult = new Float64Array(m);
  const swap = new Uint8Array(m);
  const out: Float64Array[] = [];
  let seed = 1;
  for (let t = 0; t < thetas.length; t++) {
    const sigma = thetas[t]!;
    /** x minus its components along the vectors already found for eigenvalues within 1e-3·‖T‖ of sigma. */
    const orthogonaliseToClose = (x: Float64Array) => {
      for (let q = 0; q < out.length; q++) {
        if (Math.abs(thetas[q]! - sigma) > 1e-3 * tnorm) continue;
        const y = out[q]!;
        let c = 0;
        for (let i = 0; i < m; i++) c += y[i]! * x[i]!;
        for (let i = 0; i < m; i++) x[i]! -= c * y[i]!;
      }
    };
    // factor T − σI = P·L·U
    let p0 = alpha[0]! - sigma;
    let p1 = m > 1 ? beta[0]! : 0;
    for (let i = 0; i + 1 < m; i++) {
      const sub = beta[i]!;
      const diag1 = alpha[i + 1]! - sigma;
      const sup1 = i + 2 < m ? beta[i + 1]! : 0;
      if (Math.abs(sub) > Math.abs(p0)) {
        u0[i] = sub;
        u1[i] = diag1;
        u2[i] = sup1;
        const l = p0 / sub;
        mult[i] = l;
        swap[i] = 1;
        p0 = p1 - l * diag1;
        p1 = -l * sup1;
      } else {
        if (p0 === 0) p0 = tiny;
        u0[i] = p0;
        u1[i] = p1;
        u2[i] = 0;
        const l = sub / p0;
        mult[i] = l;
        swap[i] = 0;
        p0 = diag1 - l * p1;
        p1 = sup1;
      }
    }
    u0[m - 1] = p0 === 0 ? tiny : p0;
    for (let i = 0; i < m; i++) if (u0[i] === 0) u0[i] = tiny;
    const x = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      seed = (seed * 16807) % 2147483647;
      x[i] = 1 + 0.1 * (seed / 2147483647 - 0.5);
    }
    for (let it = 0; it < 3; it++) {
      orthogonaliseToClose(x);
      // solve P·L·U·x' = x
      for (let i = 0; i + 1 < m; i++) {
        if (swap[i]) {
          const tmp = x[i]!;
          x[i] = x[i + 1]!;
          x[i + 1] = tmp;
        }
        x[i + 1]! -= mult[i]! * x[i]!;
      }
      x[m - 1] = x[m - 1]! / u0[m - 1]!;
      if (m > 1) x[m - 2] = (x[m - 2]! - u1[m - 2]! * x[m - 1]!) / u0[m - 2]!;
      for (let i = m - 3; i >= 0; i--) x[i] = (x[i]! - u1[i]! * x[i + 1]! - u2[i]! * x[i + 2]!) / u0[i]!;
      normalise(x);
    }
    orthogonaliseToClose(x);
    normalise(x);
    out.push(x);
  }
  return out;
}
