/**
 * The certification's lower bound on the gap between two evaluated points (../gap.ts, phase 3): H(s) is affine
 * in t = Λ/Γ (or u = Γ/Λ) up to a positive factor, so by Ky Fan the sum S_m of its m + 1 lowest levels is concave
 * in t — above its chord between the ends, below the tangents at either end and below the Rayleigh–Ritz sums on
 * the ends' vectors. E_g − E_0 = S_g − S_{g−1} − S_0 is then bounded below on the whole interval.
 */

import type { AnnealingSchedule } from '../../../hamiltonian/schedule/types.js';
import { jacobiEigen } from '../jacobi.js';
import type { Point, ProjectedPair } from './types.js';

/** C = op(A)·B, row-major, B inner×cols: op(A) = A (rows×inner) or, with `transposeA`, Aᵀ (A is inner×rows). */
function multiply(
  A: Float64Array,
  B: Float64Array,
  rows: number,
  inner: number,
  cols: number,
  transposeA = false,
): Float64Array {
  const C = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      let acc = 0;
      for (let k = 0; k < inner; k++)
        acc += (transposeA ? A[k * rows + i]! : A[i * inner + k]!) * B[k * cols + j]!;
      C[i * cols + j] = acc;
    }
  return C;
}

/**
 * Σσx and H_P on span(Y_A ∪ Y_B) in an orthonormal basis of it (directions whose overlap eigenvalue is below
 * 1e-9 of the largest are dropped).
 */
function orthonormalProjection(pp: ProjectedPair): { X: Float64Array; P: Float64Array; r: number } {
  const ra = pp.a.Y.length;
  const rb = pp.b.Y.length;
  const w = ra + rb;
  const full = (aa: Float64Array, ab: Float64Array, bb: Float64Array) => {
    const M = new Float64Array(w * w);
    for (let i = 0; i < w; i++)
      for (let j = 0; j < w; j++) {
        let v: number;
        if (i < ra && j < ra) v = aa[i * ra + j]!;
        else if (i < ra) v = ab[i * rb + (j - ra)]!;
        else if (j < ra) v = ab[j * rb + (i - ra)]!;
        else v = bb[(i - ra) * rb + (j - ra)]!;
        M[i * w + j] = v;
      }
    return M;
  };
  const G = full(pp.a.G, pp.cross.G, pp.b.G);
  const X = full(pp.a.X, pp.cross.X, pp.b.X);
  const P = full(pp.a.P, pp.cross.P, pp.b.P);
  const eg = jacobiEigen(G, w);
  const mu = eg.values;
  const top = mu[w - 1]!;
  const keep: number[] = [];
  for (let j = 0; j < w; j++) if (mu[j]! > 1e-9 * top) keep.push(j);
  const r = keep.length;
  // T = U_keep·diag(μ^-1/2), w×r
  const T = new Float64Array(w * r);
  keep.forEach((j, c) => {
    const f = 1 / Math.sqrt(mu[j]!);
    for (let i = 0; i < w; i++) T[i * r + c] = eg.vectors[i * w + j]! * f;
  });
  // TᵀMT, the operator on the kept orthonormal directions
  const project = (M: Float64Array) => multiply(T, multiply(M, T, w, w, r), r, w, r, true);
  return { X: project(X), P: project(P), r };
}

/**
 * Lower bound of E_g − E_0 on [A.s, B.s] from the concavity of level sums in t = Λ/Γ (or u = Γ/Λ): the chord
 * of S_g minus the tangents of S_{g−1} and S_0 (see the module note), scaled back by Γ(s) (or Λ(s)) on a
 * sub-grid of s. Returns the bound and where it is lowest; −∞ when the ends lack what it needs.
 */
export function gapLowerBound(
  A: Pick<Point, 's' | 'gamma' | 'lambda' | 'values' | 'sx' | 'hp'>,
  B: Pick<Point, 's' | 'gamma' | 'lambda' | 'values' | 'sx' | 'hp'>,
  g: number,
  schedule: AnnealingSchedule,
  pair?: ProjectedPair,
): { L: number; at: number } {
  const none = { L: Number.NEGATIVE_INFINITY, at: 0.5 * (A.s + B.s) };
  if (A.values.length <= g || B.values.length <= g) return none;
  const tOk = A.gamma > 0 && B.gamma > 0;
  const uOk = A.lambda > 0 && B.lambda > 0;
  if (!tOk && !uOk) return none;
  const useT = tOk && (!uOk || A.gamma + B.gamma >= A.lambda + B.lambda);
  const scaleOf = (gamma: number, lambda: number) => (useT ? gamma : lambda);
  const paramOf = (gamma: number, lambda: number) => (useT ? lambda / gamma : gamma / lambda);
  const end = (P: typeof A) => {
    const f = scaleOf(P.gamma, P.lambda);
    const S = (m: number) => {
      let v = 0;
      for (let j = 0; j <= m; j++) v += P.values[j]! / f;
      return v;
    };
    const D = (m: number) => {
      let d = 0;
      for (let j = 0; j <= m; j++) d += useT ? P.hp[j]! : -P.sx[j]!;
      return d;
    };
    return { p: paramOf(P.gamma, P.lambda), Sg: S(g), Sm: S(g - 1), S0: S(0), Dm: D(g - 1), D0: D(0) };
  };
  const a = end(A);
  const b = end(B);
  const lo = Math.min(a.p, b.p);
  const hi = Math.max(a.p, b.p);
  const tangent = (S1: number, D1: number, p1: number, S2: number, D2: number, p2: number, p: number) => {
    let u = Number.POSITIVE_INFINITY;
    if (Number.isFinite(D1)) u = Math.min(u, S1 + (p - p1) * D1);
    if (Number.isFinite(D2)) u = Math.min(u, S2 + (p - p2) * D2);
    return u;
  };
  // Rayleigh–Ritz on span(Y_A ∪ Y_B): the sums of its lowest Ritz values bound S_m from above (Ky Fan)
  const proj = pair ? orthonormalProjection(pair) : undefined;
  const ritzSums = (p: number): { s0: number; sm: number } => {
    if (!proj || proj.r < g) return { s0: Number.POSITIVE_INFINITY, sm: Number.POSITIVE_INFINITY };
    const r = proj.r;
    const K = new Float64Array(r * r);
    for (let i = 0; i < r * r; i++) K[i] = useT ? -proj.X[i]! + p * proj.P[i]! : proj.P[i]! - p * proj.X[i]!;
    const v = jacobiEigen(K, r).values;
    let sm = 0;
    for (let j = 0; j < g; j++) sm += v[j]!;
    return { s0: v[0]!, sm };
  };
  const boundAt = (p: number): number => {
    const w = b.p === a.p ? 0 : (p - a.p) / (b.p - a.p);
    const chord = a.Sg + w * (b.Sg - a.Sg);
    const rr = ritzSums(p);
    const um = Math.min(rr.sm, tangent(a.Sm, a.Dm, a.p, b.Sm, b.Dm, b.p, p));
    const u0 = Math.min(rr.s0, tangent(a.S0, a.D0, a.p, b.S0, b.D0, b.p, p));
    return g === 1 ? chord - 2 * u0 : chord - um - u0;
  };
  let L = Number.POSITIVE_INFINITY;
  let at = A.s;
  const G = 64;
  const samples: number[] = [];
  for (let i = 0; i <= G; i++) samples.push(A.s + ((B.s - A.s) * i) / G);
  // where the tangents cross (the bound's kinks), mapped back to s by bisection
  const pOf = (s: number) => paramOf(schedule.transverse(s), schedule.problem(s));
  for (const [Sa, Da, Sb, Db] of [
    [a.S0, a.D0, b.S0, b.D0],
    [a.Sm, a.Dm, b.Sm, b.Dm],
  ] as const) {
    if (!(Number.isFinite(Da) && Number.isFinite(Db)) || Da === Db) continue;
    const pk = (Sb - Sa + a.p * Da - b.p * Db) / (Da - Db);
    if (!(pk > lo && pk < hi)) continue;
    let x0 = A.s;
    let x1 = B.s;
    const up = b.p > a.p;
    for (let it = 0; it < 60; it++) {
      const xm = 0.5 * (x0 + x1);
      if (pOf(xm) < pk === up) x0 = xm;
      else x1 = xm;
    }
    samples.push(x0, x1);
  }
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    const gamma = i === 0 ? A.gamma : i === G ? B.gamma : schedule.transverse(s);
    const lambda = i === 0 ? A.lambda : i === G ? B.lambda : schedule.problem(s);
    const f = scaleOf(gamma, lambda);
    const p = paramOf(gamma, lambda);
    if (!(f >= 0) || !(p >= lo - 1e-12 * (1 + hi) && p <= hi + 1e-12 * (1 + hi))) return none;
    const v = f * boundAt(p);
    if (Number.isNaN(v)) return none;
    if (v < L) {
      L = v;
      at = s;
    }
  }
  return { L, at };
}
