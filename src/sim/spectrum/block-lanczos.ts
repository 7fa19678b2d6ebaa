/**
 * The k lowest eigenpairs of H = −Γ Σσx + Λ H_P, counted with multiplicity, by a thick-restarted block
 * Lanczos method with full reorthogonalisation and matrix-free products (./matvec.ts).
 *
 * The basis V is orthonormal; a vector is "expanded" once Hv has been projected on the whole basis (two
 * classical Gram–Schmidt passes), which fills its column of T = VᵀHV and leaves one new basis vector. With a
 * block of p pending vectors, degenerate levels of multiplicity ≤ p are all found. Ritz residuals come from
 * T's rows of the pending vectors. On restart the lowest Ritz vectors are kept (T becomes diagonal there) with
 * the pending block and their couplings. Warm starts (the previous point of a scan) converge in few steps.
 *
 * Sector `symmetric`: a single start vector |+⟩^n and no random refills, so the Krylov space stays inside the
 * sector of every symmetry that fixes |+⟩ (the one a forward anneal explores; e.g. even parity when h = 0).
 */

import { Matrix } from 'ml-matrix';
import { WorkError } from '../../errors.js';
import { Rng } from '../rng.js';
import type { Diagonal } from '../statevector/diagonal.js';
import { symmetricEigensystem } from './dense.js';
import { clusterErrorBounds } from './krylov-levels.js';
import { hamiltonianScale } from './lanczos.js';
import { productFor } from './threaded-matvec.js';
import { axpy, combineMany, dot, dotMany, norm, scale, subtractMany } from './vector-ops.js';

export type Sector = 'full' | 'symmetric';

export interface LowestLevelsOptions {
  /** Levels wanted (≥ 1). */
  k: number;
  /**
   * Block size (default min(k + 1, 2), 1 for the symmetric sector): every level of multiplicity ≤ block is
   * found with all its copies (exact degeneracies beyond that need a larger block).
   */
  block?: number;
  /** Largest basis before a restart (default max(4·block, 2k + 2·block, 40), at most 2^n). */
  maxBasis?: number;
  /** Residual tolerance relative to the scale of H (default 1e-9): a Ritz pair whose residual meets it is done. */
  tol?: number;
  /**
   * Eigenvalue tolerance relative to the scale of H (default 1e-11): a level is also done when the quadratic
   * residual bound ‖R_C‖²/δ_C of a cluster of Ritz values around it meets it (./krylov-levels.ts). Inside a
   * near-degenerate cluster (the n single-flip states near s = 0) single vectors converge very slowly while
   * the cluster's values are already exact.
   */
  eigTol?: number;
  /** Warm-start vectors (e.g. the previous scan point's eigenvectors). */
  start?: readonly Float64Array[];
  sector?: Sector;
  maxMatvecs?: number;
  seed?: number;
  /** Worker threads for the products (used from n = 16 when the diagonal is SharedArrayBuffer-backed). */
  threads?: number;
}

export interface LowestLevels {
  values: Float64Array;
  vectors: Float64Array[];
  residuals: Float64Array;
  matvecs: number;
}

/** Lowest k eigenpairs (ascending). */
export async function lowestLevels(
  n: number,
  diag: Diagonal,
  gamma: number,
  lambda: number,
  opts: LowestLevelsOptions,
): Promise<LowestLevels> {
  const N = 2 ** n;
  const product = productFor(n, diag, gamma, lambda, opts.threads);
  const sector = opts.sector ?? 'full';
  const k = Math.min(opts.k, N);
  const p = sector === 'symmetric' ? 1 : Math.min(opts.block ?? Math.min(k + 1, 2), N);
  const M = Math.min(N, Math.max(opts.maxBasis ?? Math.max(4 * p, 2 * k + 2 * p, 40), k + p + 1));
  const scaleH = hamiltonianScale(n, diag, gamma, lambda);
  const tol = (opts.tol ?? 1e-9) * scaleH;
  const eigTol = (opts.eigTol ?? 1e-11) * scaleH;
  const maxMatvecs = opts.maxMatvecs ?? 20000;
  const rng = Rng.fromSeed(opts.seed ?? 12345);
  const basis: Float64Array[] = [];
  const spare: Float64Array[] = [];
  const alloc = () => spare.pop() ?? product.newVector();
  // T as a dense M×M (row-major) array; T[i][j] for i, j < basis.length
  const T = new Float64Array((M + 1) * (M + 1));
  const W = M + 1;
  let expanded = 0;
  let matvecs = 0;
  let exhausted = false;
  // Rayleigh–Ritz (an m×m eigenproblem) costs more than a product when N is small: test convergence after
  // growing the basis by a quarter since the last test, and always before a restart
  let nextCheck = 0;

  /**
   * Orthogonalises w against the basis by classical Gram–Schmidt, with a second pass only when the first
   * removed most of w (the DGKS criterion); returns the coefficients.
   */
  const orthogonalise = (w: Float64Array): Float64Array => {
    const c = new Float64Array(basis.length);
    const d = new Float64Array(basis.length);
    let before = norm(w);
    for (let pass = 0; pass < 2; pass++) {
      dotMany(basis, basis.length, w, d);
      subtractMany(basis, basis.length, w, d);
      for (let j = 0; j < basis.length; j++) c[j]! += d[j]!;
      const after = norm(w);
      if (after > 0.7 * before) break;
      before = after;
    }
    return c;
  };

  /** Adds a random unit vector orthogonal to the basis; false when none can be found (sector mode). */
  const addRandom = (): boolean => {
    if (sector === 'symmetric' || basis.length >= N) return false;
    for (let attempt = 0; attempt < 3; attempt++) {
      const r = alloc();
      for (let i = 0; i < N; i++) r[i] = rng.nextDouble() - 0.5;
      orthogonaliseSimple(r);
      const nr = norm(r);
      if (nr > 1e-8) {
        scale(1 / nr, r);
        basis.push(r);
        return true;
      }
      spare.push(r);
    }
    return false;
  };
  const orthogonaliseSimple = (w: Float64Array): void => {
    for (let pass = 0; pass < 2; pass++)
      for (let j = 0; j < basis.length; j++) axpy(-dot(basis[j]!, w), basis[j]!, w);
  };

  // start block
  const starts = sector === 'symmetric' ? [] : (opts.start ?? []);
  if (sector === 'symmetric') {
    const v = alloc().fill(1 / Math.sqrt(N));
    basis.push(v);
  } else {
    for (const s of starts.slice(0, p)) {
      const v = alloc();
      v.set(s);
      orthogonaliseSimple(v);
      const nv = norm(v);
      if (nv > 1e-8) {
        scale(1 / nv, v);
        basis.push(v);
      } else spare.push(v);
    }
    while (basis.length < p && addRandom());
  }

  let ritz: { values: Float64Array; S: { get(r: number, c: number): number } } | undefined;
  const ritzOf = (m: number) => {
    // Householder + QL (ml-matrix): ≈ 3× faster than cyclic Jacobi at m = 40, where it dominates small n
    const A = new Matrix(m, m);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) A.set(i, j, 0.5 * (T[i * W + j]! + T[j * W + i]!));
    const eig = symmetricEigensystem(A);
    return { values: eig.values, S: eig.vectors };
  };
  /** The coefficients (in the basis) of the lowest `count` Ritz vectors. */
  const ritzColumns = (count: number, m: number): Float64Array[] =>
    Array.from({ length: count }, (_, i) => Float64Array.from({ length: m }, (_, c) => ritz!.S.get(c, i)));
  const residualOf = (i: number, m: number): number => {
    let r2 = 0;
    for (let j = m; j < basis.length; j++) {
      let acc = 0;
      for (let c = 0; c < m; c++) acc += T[j * W + c]! * ritz!.S.get(c, i);
      r2 += acc * acc;
    }
    return Math.sqrt(r2);
  };

  for (;;) {
    // expand one block of pending vectors (or until the basis is full)
    for (let b = 0; b < p && expanded < basis.length && basis.length <= M; b++) {
      const v = basis[expanded]!;
      const w = alloc();
      await product.apply(v, w);
      matvecs++;
      const c = orthogonalise(w);
      for (let j = 0; j < basis.length; j++) {
        T[j * W + expanded] = c[j]!;
        T[expanded * W + j] = c[j]!;
      }
      const nw = norm(w);
      let hv2 = nw * nw;
      for (const x of c) hv2 += x * x;
      const e = expanded;
      expanded++;
      const j = basis.length;
      if (nw > 1e-10 * Math.sqrt(hv2) && nw > 0) {
        scale(1 / nw, w);
        basis.push(w);
        for (let col = 0; col < j; col++) {
          T[j * W + col] = 0;
          T[col * W + j] = 0;
        }
        T[j * W + e] = nw;
        T[e * W + j] = nw;
      } else {
        // invariant subspace: continue with a fresh direction (none in sector mode)
        spare.push(w);
        if (addRandom())
          for (let col = 0; col < j; col++) {
            T[j * W + col] = 0;
            T[col * W + j] = 0;
          }
      }
    }
    if (expanded >= basis.length) exhausted = true;
    const m = expanded;
    if (m < k && !exhausted) continue;
    if (!exhausted && m < nextCheck && basis.length <= M) continue;
    nextCheck = m + Math.max(p, Math.ceil(m / 4));
    ritz = ritzOf(m);
    const kk = Math.min(k, m);
    let converged = true;
    // residuals of every Ritz pair (the cluster bound needs the neighbours of the wanted ones)
    const all = new Float64Array(m);
    for (let i = 0; i < m; i++) all[i] = exhausted ? 0 : residualOf(i, m);
    const bounds = exhausted ? new Float64Array(kk) : clusterErrorBounds(ritz.values, all, kk);
    const res = all.slice(0, kk);
    for (let i = 0; i < kk; i++) if (res[i]! > tol && !(bounds[i]! <= eigTol)) converged = false;
    if (converged) {
      const vectors = Array.from({ length: kk }, () => new Float64Array(N));
      combineMany(basis, m, ritzColumns(kk, m), vectors);
      return { values: ritz.values.slice(0, kk), vectors, residuals: res, matvecs };
    }
    if (matvecs >= maxMatvecs)
      throw new WorkError(
        `block Lanczos did not converge in ${matvecs} products (residual ${Math.max(...res).toExponential(2)}, tolerance ${tol.toExponential(2)})`,
      );
    if (basis.length <= M) continue;
    // thick restart: keep q lowest Ritz vectors + the pending block
    const q = Math.min(m, Math.max(kk + p, Math.floor(M / 2)));
    // all q Ritz vectors in one pass over the basis
    const kept = Array.from({ length: q }, () => alloc());
    combineMany(basis, m, ritzColumns(q, m), kept);
    const pending = basis.slice(m);
    // couplings of pending rows with the kept Ritz vectors
    const coupling = pending.map((_, pj) => {
      const row = new Float64Array(q);
      for (let i = 0; i < q; i++) {
        let acc = 0;
        for (let c = 0; c < m; c++) acc += T[(m + pj) * W + c]! * ritz!.S.get(c, i);
        row[i] = acc;
      }
      return row;
    });
    for (let c = 0; c < m; c++) spare.push(basis[c]!);
    basis.length = 0;
    basis.push(...kept, ...pending);
    T.fill(0);
    for (let i = 0; i < q; i++) T[i * W + i] = ritz.values[i]!;
    pending.forEach((_, pj) => {
      for (let i = 0; i < q; i++) {
        T[(q + pj) * W + i] = coupling[pj]![i]!;
        T[i * W + q + pj] = coupling[pj]![i]!;
      }
    });
    expanded = q;
    nextCheck = 0;
  }
}
