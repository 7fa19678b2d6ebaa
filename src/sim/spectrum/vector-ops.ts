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
