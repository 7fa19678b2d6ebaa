/**
 * The minimum gap of H(s) = −Γ(s) Σσx + Λ(s) H_P for the small QUBOs of the XAI layer (d ≲ 14 qubits), fast
 * enough to run for every image: a uniform scan of s, then golden-section refinement of each local minimum.
 * The two lowest levels at each s come from Lanczos with full reorthogonalisation, warm-started from the
 * previous point's two lowest Ritz vectors (plus a small fixed pseudo-random component), built on the engine's problemEnergies and tridiagonalEigen. Gap rule of cli.md: E_1 − E_0 when
 * H_P's ground state is unique; degenerate problems are left to src/sim/spectrum/gap (minimumGap).
 */

import type { CompiledModel } from '../hamiltonian/compiled.js';
import type { AnnealingSchedule } from '../hamiltonian/schedule/types.js';
import { tridiagonalEigen } from '../sim/spectrum/tridiagonal.js';
import { groundSetOf, problemEnergies } from '../sim/statevector/problem-energies.js';

export interface GapScanResult {
  minGap: number;
  sAtMin: number;
  groundDegeneracy: number;
  evaluations: number;
  matvecs: number;
}

export interface GapScanOptions {
  schedule: AnnealingSchedule;
  /** Scan points over [0, 1] (default 41). */
  points?: number;
  /** Width in s to which each local minimum is refined (default 1e-5). */
  sTol?: number;
}

class Lowest2 {
  private readonly N: number;
  private warm: Float64Array;
  private warm1: Float64Array | undefined;
  private readonly noise: Float64Array;
  matvecs = 0;
  constructor(
    private readonly n: number,
    private readonly E: Float64Array,
  ) {
    this.N = 2 ** n;
    let x = 0x9e3779b9;
    this.noise = Float64Array.from({ length: this.N }, () => {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      return x / 2 ** 32 - 0.5;
    });
    this.warm = new Float64Array(this.N).fill(1);
  }

  private matvec(v: Float64Array, out: Float64Array, gamma: number, lambda: number): void {
    const { n, N, E } = this;
    for (let z = 0; z < N; z++) {
      let acc = lambda * E[z]! * v[z]!;
      for (let i = 0; i < n; i++) acc -= gamma * v[z ^ (1 << i)]!;
      out[z] = acc;
    }
    this.matvecs++;
  }

  /** E_1 − E_0 of H = −γΣσx + λ·diag(E). */
  gap(gamma: number, lambda: number): number {
    const N = this.N;
    const mMax = Math.min(N, 160);
    let emax = 0;
    for (let z = 0; z < N; z++) emax = Math.max(emax, Math.abs(this.E[z]!));
    // a Ritz value's error is ≤ r²/(distance to the next level), so a 1e-7 relative residual already gives the
    // levels to ~1e-12 of the scale for gaps ≳ 1e-3
    const tol = 1e-7 * (Math.abs(gamma) * this.n + Math.abs(lambda) * emax + 1e-300);
    const V: Float64Array[] = [];
    const alpha: number[] = [];
    const beta: number[] = [];
    let v = new Float64Array(N);
    let nv = 0;
    for (let z = 0; z < N; z++) {
      v[z] = this.warm[z]! + (this.warm1 ? this.warm1[z]! + 1e-3 * this.noise[z]! : 0.05 * this.noise[z]!);
      nv += v[z]! * v[z]!;
    }
    nv = Math.sqrt(nv);
    for (let z = 0; z < N; z++) v[z]! /= nv;
    let result: { values: Float64Array; vec: Float64Array; vec1: Float64Array } | undefined;
    for (let j = 0; j < mMax; j++) {
      V.push(v);
      const w = new Float64Array(N);
      this.matvec(v, w, gamma, lambda);
      let a = 0;
      for (let z = 0; z < N; z++) a += v[z]! * w[z]!;
      alpha.push(a);
      // Gram–Schmidt against the whole basis; a second pass when the first cancelled more than 1/√2 of the
      // norm (Kahan–Parlett "twice is enough"), so no ghost copies of converged levels appear
      let before = 0;
      for (let z = 0; z < N; z++) before += w[z]! * w[z]!;
      let b = 0;
      for (let pass = 0; pass < 2; pass++) {
        for (const q of V) {
          let c = 0;
          for (let z = 0; z < N; z++) c += q[z]! * w[z]!;
          for (let z = 0; z < N; z++) w[z]! -= c * q[z]!;
        }
        b = 0;
        for (let z = 0; z < N; z++) b += w[z]! * w[z]!;
        if (b > 0.5 * before) break;
        before = b;
      }
      b = Math.sqrt(b);
      const m = j + 1;
      const last = b <= tol || m === mMax;
      if (m >= 2 && (last || m % 4 === 0)) {
        const te = tridiagonalEigen(alpha, beta, m, true);
        const y = te.vectors!;
        const r0 = Math.abs(b * y[(m - 1) * m + 0]!);
        const r1 = Math.abs(b * y[(m - 1) * m + 1]!);
        if (last || (r0 <= tol && r1 <= tol)) {
          const vec = new Float64Array(N);
          const vec1 = new Float64Array(N);
          for (let i = 0; i < m; i++) {
            const c0 = y[i * m + 0]!;
            const c1 = y[i * m + 1]!;
            const q = V[i]!;
            for (let z = 0; z < N; z++) {
              vec[z]! += c0 * q[z]!;
              vec1[z]! += c1 * q[z]!;
            }
          }
          result = { values: te.values, vec, vec1 };
          break;
        }
      }
      if (b <= tol) break;
      beta.push(b);
      for (let z = 0; z < N; z++) w[z]! /= b;
      v = w;
    }
    if (!result) {
      // a one-dimensional Krylov space: the start vector was an eigenvector; perturb and retry
      this.warm = Float64Array.from(this.noise);
      this.warm1 = undefined;
      return this.gap(gamma, lambda);
    }
    this.warm = result.vec;
    this.warm1 = result.vec1;
    return result.values[1]! - result.values[0]!;
  }
}

/** Minimum gap of a SPIN compiled model with a unique ground state (see the module note). */
export function scanMinimumGap(
  model: CompiledModel,
  o: GapScanOptions,
): GapScanResult | { degenerate: number } {
  const n = model.n;
  const E = problemEnergies(model);
  const g = groundSetOf(E).degeneracy;
  if (g > 1) return { degenerate: g };
  const solver = new Lowest2(n, E);
  const gapAt = (s: number) => solver.gap(o.schedule.transverse(s), o.schedule.problem(s));
  const P = o.points ?? 41;
  const xs = Array.from({ length: P }, (_, k) => k / (P - 1));
  const fs = xs.map(gapAt);
  let evaluations = P;
  const cands: number[] = [];
  for (let k = 0; k < P; k++)
    if ((k === 0 || fs[k]! <= fs[k - 1]!) && (k === P - 1 || fs[k]! <= fs[k + 1]!)) cands.push(k);
  cands.sort((a, b) => fs[a]! - fs[b]!);
  let best = { x: xs[cands[0]!]!, f: fs[cands[0]!]! };
  const sTol = o.sTol ?? 1e-5;
  const phi = (Math.sqrt(5) - 1) / 2;
  for (const k of cands.slice(0, 3)) {
    let a = xs[Math.max(0, k - 1)]!;
    let b = xs[Math.min(P - 1, k + 1)]!;
    let c = b - phi * (b - a);
    let d = a + phi * (b - a);
    let fc = gapAt(c);
    let fd = gapAt(d);
    evaluations += 2;
    while (b - a > sTol) {
      if (fc < fd) {
        b = d;
        d = c;
        fd = fc;
        c = b - phi * (b - a);
        fc = gapAt(c);
      } else {
        a = c;
        c = d;
        fc = fd;
        d = a + phi * (b - a);
        fd = gapAt(d);
      }
      evaluations++;
    }
    for (const [x, f] of [
      [c, fc],
      [d, fd],
    ] as const)
      if (f < best.f) best = { x, f };
  }
  return { minGap: best.f, sAtMin: best.x, groundDegeneracy: 1, evaluations, matvecs: solver.matvecs };
}
