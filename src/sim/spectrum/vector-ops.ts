/** Dense real vector operations for the Krylov solvers (flat Float64Arrays, no allocation). */

export function dot(x: Float64Array, y: Float64Array): number {
  let s0 = 0;
  let s1 = 0;
  const N = x.length;
  let i = 0;
  for (; i + 1 < N; i += 2) {
    s0 += x[i]! * y[i]!;
    s1 += x[i + 1]! * y[i + 1]!;
  }
  if (i < N) s0 += x[i]! * y[i]!;
  return s0 + s1;
}

/** y += a·x */
export function axpy(a: number, x: Float64Array, y: Float64Array): void {
  const N = x.length;
  for (let i = 0; i < N; i++) y[i]! += a * x[i]!;
}

export function scale(a: number, x: Float64Array): void {
  const N = x.length;
  for (let i = 0; i < N; i++) x[i]! *= a;
}

export function norm(x: Float64Array): number {
  return Math.sqrt(dot(x, x));
}

const CHUNK = 2048;

/** d[j] = basis[j]·w for j < count: four basis vectors per pass over a cache-sized chunk of w. */
export function dotMany(
  basis: readonly Float64Array[],
  count: number,
  w: Float64Array,
  d: Float64Array,
): void {
  d.fill(0, 0, count);
  const N = w.length;
  for (let z0 = 0; z0 < N; z0 += CHUNK) {
    const z1 = Math.min(N, z0 + CHUNK);
    let j = 0;
    for (; j + 4 <= count; j += 4) {
      const b0 = basis[j]!;
      const b1 = basis[j + 1]!;
      const b2 = basis[j + 2]!;
      const b3 = basis[j + 3]!;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let z = z0; z < z1; z++) {
        const wz = w[z]!;
        s0 += b0[z]! * wz;
        s1 += b1[z]! * wz;
        s2 += b2[z]! * wz;
        s3 += b3[z]! * wz;
      }
      d[j]! += s0;
      d[j + 1]! += s1;
      d[j + 2]! += s2;
      d[j + 3]! += s3;
    }
    for (; j < count; j++) {
      const b = basis[j]!;
      let s0 = 0;
      for (let z = z0; z < z1; z++) s0 += b[z]! * w[z]!;
      d[j]! += s0;
    }
  }
}

/** y += Σ_j c[j]·basis[j] for j < count (four basis vectors per pass over a chunk of y). */
export function addMany(
  basis: readonly Float64Array[],
  count: number,
  c: ArrayLike<number>,
  y: Float64Array,
): void {
  const N = y.length;
  for (let z0 = 0; z0 < N; z0 += CHUNK) {
    const z1 = Math.min(N, z0 + CHUNK);
    let j = 0;
    for (; j + 4 <= count; j += 4) {
      const b0 = basis[j]!;
      const b1 = basis[j + 1]!;
      const b2 = basis[j + 2]!;
      const b3 = basis[j + 3]!;
      const c0 = c[j]!;
      const c1 = c[j + 1]!;
      const c2 = c[j + 2]!;
      const c3 = c[j + 3]!;
      for (let z = z0; z < z1; z++) y[z]! += c0 * b0[z]! + c1 * b1[z]! + c2 * b2[z]! + c3 * b3[z]!;
    }
    for (; j < count; j++) {
      const b = basis[j]!;
      const cj = c[j]!;
      for (let z = z0; z < z1; z++) y[z]! += cj * b[z]!;
    }
  }
}

/** w −= Σ_j d[j]·basis[j] for j < count. */
export function subtractMany(
  basis: readonly Float64Array[],
  count: number,
  w: Float64Array,
  d: Float64Array,
): void {
  const neg = new Float64Array(count);
  for (let j = 0; j < count; j++) neg[j] = -d[j]!;
  addMany(basis, count, neg, w);
}

/**
 * outs[i] = Σ_j coeffs[i][j]·basis[j] for j < count (overwrites outs): every basis vector is read once per
 * cache-sized chunk for all outputs together (Ritz vectors from a long Krylov basis).
 */
export function combineMany(
  basis: readonly Float64Array[],
  count: number,
  coeffs: readonly ArrayLike<number>[],
  outs: readonly Float64Array[],
): void {
  const k = outs.length;
  if (k === 0) return;
  const N = outs[0]!.length;
  for (const y of outs) y.fill(0);
  for (let z0 = 0; z0 < N; z0 += CHUNK) {
    const z1 = Math.min(N, z0 + CHUNK);
    let j = 0;
    for (; j + 2 <= count; j += 2) {
      const b0 = basis[j]!;
      const b1 = basis[j + 1]!;
      for (let i = 0; i < k; i++) {
        const y = outs[i]!;
        const c0 = coeffs[i]![j]!;
        const c1 = coeffs[i]![j + 1]!;
        for (let z = z0; z < z1; z++) y[z]! += c0 * b0[z]! + c1 * b1[z]!;
      }
    }
    for (; j < count; j++) {
      const b = basis[j]!;
      for (let i = 0; i < k; i++) {
        const y = outs[i]!;
        const c = coeffs[i]![j]!;
        for (let z = z0; z < z1; z++) y[z]! += c * b[z]!;
      }
    }
  }
}

/** y −= a·x and returns ‖y‖² after the update (one pass). */
export function axpyNorm2(a: number, x: Float64Array, y: Float64Array): number {
  const N = x.length;
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < N; i += 2) {
    const u = y[i]! - a * x[i]!;
    const v = y[i + 1]! - a * x[i + 1]!;
    y[i] = u;
    y[i + 1] = v;
    s0 += u * u;
    s1 += v * v;
  }
  if (i < N) {
    const u = y[i]! - a * x[i]!;
    y[i] = u;
    s0 += u * u;
  }
  return s0 + s1;
}
