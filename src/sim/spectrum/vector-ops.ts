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

/** d[j] = basis[j]·w for j < count, in chunks so w is read once from memory. */
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
    for (let j = 0; j < count; j++) {
      const b = basis[j]!;
      let s0 = 0;
      let s1 = 0;
      let z = z0;
      for (; z + 1 < z1; z += 2) {
        s0 += b[z]! * w[z]!;
        s1 += b[z + 1]! * w[z + 1]!;
      }
      if (z < z1) s0 += b[z]! * w[z]!;
      d[j]! += s0 + s1;
    }
  }
}

/** w −= Σ_j d[j]·basis[j] for j < count, in chunks so w is written once. */
export function subtractMany(
  basis: readonly Float64Array[],
  count: number,
  w: Float64Array,
  d: Float64Array,
): void {
  const N = w.length;
  for (let z0 = 0; z0 < N; z0 += CHUNK) {
    const z1 = Math.min(N, z0 + CHUNK);
    for (let j = 0; j < count; j++) {
      const b = basis[j]!;
      const c = d[j]!;
      if (c === 0) continue;
      for (let z = z0; z < z1; z++) w[z]! -= c * b[z]!;
    }
  }
}
