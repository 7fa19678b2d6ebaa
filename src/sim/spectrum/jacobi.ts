/**
 * Eigensystem of a small dense real symmetric matrix (the projected matrices of the Krylov solvers, m ≲ 100)
 * by cyclic Jacobi rotations over flat arrays: no allocation per rotation, accurate to rounding.
 */

export interface SmallEigen {
  /** Ascending. */
  values: Float64Array;
  /** Eigenvectors as columns of a row-major m×m array, in the order of `values`. */
  vectors: Float64Array;
}

/** `A` is row-major m×m (only read; symmetrised on entry). */
export function jacobiEigen(A: ArrayLike<number>, m: number, stride = m): SmallEigen {
  const a = new Float64Array(m * m);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) a[i * m + j] = 0.5 * (A[i * stride + j]! + A[j * stride + i]!);
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < m; i++) {
      diag += a[i * m + i]! ** 2;
      for (let j = i + 1; j < m; j++) off += a[i * m + j]! ** 2;
    }
    if (off <= 1e-30 * Math.max(diag, 1e-300)) break;
    for (let p = 0; p < m; p++)
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const app = a[p * m + p]!;
        const aqq = a[q * m + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = a[k * m + p]!;
          const akq = a[k * m + q]!;
          a[k * m + p] = c * akp - s * akq;
          a[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = a[p * m + k]!;
          const aqk = a[q * m + k]!;
          a[p * m + k] = c * apk - s * aqk;
          a[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = v[k * m + p]!;
          const vkq = v[k * m + q]!;
          v[k * m + p] = c * vkp - s * vkq;
          v[k * m + q] = s * vkp + c * vkq;
        }
      }
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((x, y) => a[x * m + x]! - a[y * m + y]!);
  const values = Float64Array.from(order, (i) => a[i * m + i]!);
  const vectors = new Float64Array(m * m);
  order.forEach((src, dst) => {
    for (let r = 0; r < m; r++) vectors[r * m + dst] = v[r * m + src]!;
  });
  return { values, vectors };
}
