/**
 * The k lowest eigenvalues of H = −Γ Σσx + Λ H_P and their Ritz vectors, by single-vector Lanczos with
 * partial reorthogonalisation (PRO) — the fast path of the gap search (./gap.ts).
 *
 * Orthogonality: Simon's ω recurrence estimates |v_j·v_k| for every stored Lanczos vector from T's entries
 * alone; a Gram–Schmidt pass over the stored basis runs only when an estimate reaches √ε (and on the step
 * after), which keeps the basis semi-orthogonal: T's eigenvalues are then exact to rounding and no ghost
 * copies appear. Most steps cost one product and three vector passes, against 2·(basis size) passes for
 * full reorthogonalisation.
 *
 * Convergence is tested on the eigenvalues, not the vectors: for a contiguous cluster C of Ritz values with
 * block residual ‖R_C‖ = β_m·‖(y_m,i)_{i∈C}‖, separated by δ_C from the Ritz values outside it,
 * |θ_i − λ_i| ≤ ‖R_C‖²/δ_C for i ∈ C (the quadratic residual bound). A level is accepted when some cluster
 * around it meets `tol`; near-degenerate groups (the n single-flip states near s = 0, for example) are
 * certified as a group without resolving each vector. Ritz vectors come from T's eigenvectors by inverse
 * iteration and one combined pass over the basis.
 *
 * A single start vector sees one copy of each level: exact degeneracies beyond the lowest level are not
 * resolved (./block-lanczos.ts finds copies). The ground level of a stoquastic H with Γ > 0 is simple
 * (Perron–Frobenius), so E_1 − E_0 is exact. The start vector is the sum of the warm vectors plus a random
 * component (relative size `noise`), or a random positive vector; an invariant subspace is continued with a
 * fresh random direction. When the basis reaches `maxBasis` the solver restarts from the sum of its current
 * Ritz vectors.
 */

import { WorkError } from '../../errors.js';
import { Rng } from '../rng.js';
import type { Diagonal } from '../statevector/diagonal.js';
import { hamiltonianScale } from './lanczos.js';
import { productFor } from './threaded-matvec.js';
import { tridiagonalEigenvectors, tridiagonalValuesLastRow } from './tridiagonal.js';
import { axpy, axpyNorm2, combineMany, dot, dotMany, norm, scale, subtractMany } from './vector-ops.js';

export interface KrylovLevelsOptions {
  /** Levels wanted (≥ 1). */
  k: number;
  /** Warm-start vectors (e.g. the nearest evaluated point's Ritz vectors); summed into one start vector. */
  start?: readonly Float64Array[];
  /** Relative size of the random component added to a warm start (default 0.01). */
  noise?: number;
  /** Absolute tolerance on the eigenvalues (default 1e-11 times the scale of H). */
  tol?: number;
  /** Largest stored basis before an explicit restart (default: what fits in about 1.5 GiB, at most 400). */
  maxBasis?: number;
  maxMatvecs?: number;
  seed?: number;
  /** Worker threads for the products (from n = 16 with a SharedArrayBuffer-backed diagonal). */
  threads?: number;
  /** Spare vectors of length 2^n to reuse (returned to it on exit). */
  pool?: Float64Array[];
}

export interface KrylovLevels {
  values: Float64Array;
  vectors: Float64Array[];
  /** Ritz residual estimates β_m·|y_m,i|. */
  residuals: Float64Array;
  /** Error bounds on the values (cluster bound; 0 when the Krylov space is exhausted). */
  errors: Float64Array;
  matvecs: number;
  /** Basis size at convergence (of the last cycle). */
  basis: number;
  restarts: number;
}

const EPS = Number.EPSILON;
const SQRT_EPS = Math.sqrt(EPS);
const ETA = EPS ** 0.75;
/** Largest cluster (in Ritz values) the convergence test groups. */
const CLUSTER_SPAN = 24;

/** Default largest basis: about 1.5 GiB of vectors, between 60 and 400. */
export function defaultMaxBasis(n: number): number {
  const N = 2 ** n;
  return Math.min(N, Math.max(60, Math.min(400, Math.floor((1.5 * 2 ** 30) / (8 * N)))));
}

/**
 * Error bounds of the lowest `k` Ritz values from the tridiagonal's eigenvalues `theta` (ascending), their
 * residual estimates `r`: for each i the smallest ‖R_C‖²/δ_C over contiguous clusters C ∋ i with
 * ‖R_C‖ ≤ δ_C/2 (Infinity when none qualifies).
 */
export function clusterErrorBounds(theta: Float64Array, r: Float64Array, k: number): Float64Array {
  const m = theta.length;
  const pre = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) pre[i + 1] = pre[i]! + r[i]! * r[i]!;
  const out = new Float64Array(k).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < k && i < m; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let a = Math.max(0, i - CLUSTER_SPAN); a <= i; a++) {
      const left = a > 0 ? theta[a]! - theta[a - 1]! : Number.POSITIVE_INFINITY;
      for (let c = i; c <= Math.min(m - 2, a + CLUSTER_SPAN); c++) {
        const delta = Math.min(left, theta[c + 1]! - theta[c]!);
        const R2 = pre[c + 1]! - pre[a]!;
        if (!(delta > 0) || 4 * R2 > delta * delta) continue;
        const b = R2 / delta;
        if (b < best) best = b;
      }
    }
    out[i] = best;
  }
  return out;
}

/** Lowest k eigenpairs (ascending) of H = −Γ Σσx + Λ H_P. */
export async function krylovLevels(
  n: number,
  diag: Diagonal,
  gamma: number,
  lambda: number,
  opts: KrylovLevelsOptions,
): Promise<KrylovLevels> {
  const N = 2 ** n;
  const k = Math.max(1, Math.min(opts.k, N));
  const scaleH = hamiltonianScale(n, diag, gamma, lambda);
  const tol = Math.max(opts.tol ?? 1e-11 * scaleH, 1e-14 * scaleH);
  const product = productFor(n, diag, gamma, lambda, opts.threads);
  const maxBasis = Math.min(N, Math.max(2 * k + 6, opts.maxBasis ?? defaultMaxBasis(n)));
  const maxMatvecs = opts.maxMatvecs ?? 20000;
  const minSteps = Math.min(N, 2 * k + 4);
  const rng = Rng.fromSeed(opts.seed ?? 12345);
  const pool = opts.pool ?? [];
  const alloc = (): Float64Array => {
    const v = pool.pop();
    if (v && v.length === N && (!product.shared || v.buffer instanceof SharedArrayBuffer)) return v;
    return product.newVector();
  };
  const apply = product.apply;
  const V: Float64Array[] = [];
  const release = () => {
    for (const v of V) pool.push(v);
    V.length = 0;
  };
  /** Two classical Gram–Schmidt passes of w against V[0..count). */
  const fullOrth = (w: Float64Array, count: number): void => {
    if (count === 0) return;
    const d = new Float64Array(count);
    for (let pass = 0; pass < 2; pass++) {
      dotMany(V, count, w, d);
      subtractMany(V, count, w, d);
    }
  };
  /** Classical Gram–Schmidt of w against the listed basis vectors, repeated once if it removed most of w. */
  const selectiveOrth = (w: Float64Array, idx: readonly number[]): void => {
    if (idx.length === 0) return;
    const list = idx.map((i) => V[i]!);
    const d = new Float64Array(list.length);
    let before = norm(w);
    for (let pass = 0; pass < 2; pass++) {
      dotMany(list, list.length, w, d);
      subtractMany(list, list.length, w, d);
      const after = norm(w);
      if (after > 0.7 * before) break;
      before = after;
    }
  };
  const randomFill = (v: Float64Array, positive: boolean): void => {
    for (let z = 0; z < N; z++) v[z] = positive ? 0.5 + rng.nextDouble() : rng.nextDouble() - 0.5;
  };

  let matvecs = 0;
  let restarts = 0;
  let start = alloc();
  const warm = (opts.start ?? []).filter((v) => v.length === N);
  if (warm.length > 0) {
    start.fill(0);
    for (const w of warm) axpy(1 / norm(w), w, start);
    const ns = norm(start);
    const eta = opts.noise ?? 0.01;
    if (ns > 0 && eta > 0) {
      const r = alloc();
      randomFill(r, false);
      axpy((eta * ns) / norm(r), r, start);
      pool.push(r);
    } else if (!(ns > 0)) randomFill(start, true);
  } else randomFill(start, true);

  for (;;) {
    // one Lanczos cycle from `start`
    scale(1 / norm(start), start);
    V.push(start);
    const alpha: number[] = [];
    const beta: number[] = [];
    let omegaPrev = new Float64Array(maxBasis + 2);
    let omegaCur = new Float64Array(maxBasis + 2);
    let omegaNext = new Float64Array(maxBasis + 2);
    omegaCur[0] = 1;
    const psi = EPS * Math.sqrt(N);
    // PRO: the vectors to orthogonalise against on the step after a triggered one
    let reorthNext: number[] | undefined;
    let exhausted = false;
    let lastCheck = 0;
    let ritz: { values: Float64Array; last: Float64Array } | undefined;
    let errors: Float64Array = new Float64Array(k);
    for (let j = 0; ; j++) {
      const v = V[j]!;
      const w = alloc();
      if (j > 0 && beta[j - 1] !== 0) {
        w.set(V[j - 1]!);
        await apply(v, w, -beta[j - 1]!);
      } else await apply(v, w, 0);
      matvecs++;
      const a = dot(v, w);
      let b = Math.sqrt(axpyNorm2(a, v, w));
      alpha.push(a);
      // ω_{j+1,i} for i < j from T's entries (Simon's recurrence with a rounding term)
      let sel = reorthNext;
      reorthNext = undefined;
      if (b > 0) {
        let wmax = 0;
        for (let i = 0; i < j; i++) {
          let t = (alpha[i]! - a) * omegaCur[i]! + beta[i]! * omegaCur[i + 1]!;
          if (i > 0) t += beta[i - 1]! * omegaCur[i - 1]!;
          if (j > 0) t -= beta[j - 1]! * omegaPrev[i]!;
          t = (t + (t >= 0 ? 1 : -1) * 2 * EPS * scaleH) / b;
          omegaNext[i] = t;
          if (Math.abs(t) > wmax) wmax = Math.abs(t);
        }
        if (wmax > SQRT_EPS) {
          // orthogonalise against the vectors whose estimate passed ε^¾, now and on the next step
          const idx: number[] = [];
          for (let i = 0; i < j; i++) if (Math.abs(omegaNext[i]!) > ETA) idx.push(i);
          sel = sel ? [...new Set([...sel, ...idx])].sort((x, y) => x - y) : idx;
          reorthNext = idx;
        }
      }
      if (b < 1e-8 * scaleH) {
        fullOrth(w, j + 1);
        b = norm(w);
        for (let i = 0; i < j; i++) omegaNext[i] = psi;
      } else if (sel) {
        selectiveOrth(w, sel);
        b = norm(w);
        for (const i of sel) omegaNext[i] = psi;
      }
      omegaNext[j] = psi;
      omegaNext[j + 1] = 1;
      if (b < 1e-12 * scaleH) {
        // invariant subspace: continue with a fresh direction, or stop when the space is exhausted
        if (V.length >= N) {
          exhausted = true;
          pool.push(w);
          beta.push(0);
        } else {
          randomFill(w, false);
          fullOrth(w, j + 1);
          scale(1 / norm(w), w);
          beta.push(0);
          V.push(w);
          for (let i = 0; i <= j; i++) omegaNext[i] = psi;
        }
      } else {
        scale(1 / b, w);
        beta.push(b);
        V.push(w);
      }
      const t0 = omegaPrev;
      omegaPrev = omegaCur;
      omegaCur = omegaNext;
      omegaNext = t0;
      const m = j + 1;
      // eigenvalue test (spaced out when T's O(m²) eigenvalues would cost more than the products)
      const spacing = Math.max(
        1,
        Math.min(Math.ceil(m / 10), Math.ceil((150 * m * m) / (N * Math.max(1, n)))),
      );
      const full = m >= maxBasis || matvecs >= maxMatvecs;
      if (exhausted || full || (m >= Math.min(minSteps, N) && m - lastCheck >= spacing)) {
        lastCheck = m;
        ritz = tridiagonalValuesLastRow(alpha, beta, m);
        const kk = Math.min(k, m);
        const bm = beta[m - 1]!;
        const r = Float64Array.from(ritz.last, (y) => Math.abs(bm * y));
        errors = exhausted ? new Float64Array(kk) : clusterErrorBounds(ritz.values, r, kk);
        let ok = true;
        for (let i = 0; i < kk; i++) if (!(errors[i]! <= tol)) ok = false;
        if (ok || exhausted) {
          const ys = tridiagonalEigenvectors(alpha, beta, m, ritz.values.subarray(0, kk));
          const vectors = ys.map(() => new Float64Array(N));
          combineMany(V, m, ys, vectors);
          for (const x of vectors) scale(1 / norm(x), x);
          release();
          return {
            values: ritz.values.slice(0, kk),
            vectors,
            residuals: r.slice(0, kk),
            errors,
            matvecs,
            basis: m,
            restarts,
          };
        }
        if (matvecs >= maxMatvecs) {
          release();
          throw new WorkError(
            `Lanczos did not converge in ${matvecs} products (eigenvalue error bound ${Math.max(...errors).toExponential(2)}, tolerance ${tol.toExponential(2)})`,
          );
        }
        if (m >= maxBasis) {
          // explicit restart from the sum of the current Ritz vectors
          const ys = tridiagonalEigenvectors(alpha, beta, m, ritz.values.subarray(0, kk));
          const vectors = ys.map(() => alloc());
          combineMany(V, m, ys, vectors);
          release();
          start = alloc();
          start.fill(0);
          for (const x of vectors) {
            axpy(1 / norm(x), x, start);
            pool.push(x);
          }
          restarts++;
          break;
        }
      }
    }
  }
}
