/**
 * Ground state of H = −Γ Σσx + Λ H_P by plain Lanczos in two passes (memory: three vectors of 2^n doubles,
 * so it serves the statevector engine's initial state up to its largest n). Pass 1 builds the tridiagonal
 * matrix until the lowest Ritz pair's residual β_m|y_m| is below tolerance; pass 2 regenerates the same
 * Lanczos vectors (the arithmetic is deterministic) and accumulates the Ritz vector.
 */

import { WorkError } from '../../errors.js';
import type { Diagonal } from '../statevector/diagonal.js';
import { matvec, scaledLevelTable } from './matvec.js';
import { tridiagonalEigen } from './tridiagonal.js';
import { axpy, dot, norm, scale } from './vector-ops.js';

export interface GroundStateResult {
  energy: number;
  /** Normalised real ground state (length 2^n). */
  vector: Float64Array;
  iterations: number;
  /** ‖Hx − Ex‖ of the returned vector. */
  residual: number;
}

/** Scale of H for tolerances: Γ·n + |Λ|·max|E|. */
export function hamiltonianScale(n: number, diag: Diagonal, gamma: number, lambda: number): number {
  let emax: number;
  if (diag.kind === 'levels')
    emax = Math.max(Math.abs(diag.e0), Math.abs(diag.e0 + (diag.count - 1) * diag.q));
  else {
    emax = 0;
    for (const e of diag.energies) if (Math.abs(e) > emax) emax = Math.abs(e);
  }
  return Math.abs(gamma) * n + Math.abs(lambda) * emax || 1;
}

/**
 * A real symmetric operator in place of −ΓΣσx + ΛH_P: y = Hx + keep·y, with `scale` its size for tolerances
 * (a Hamiltonian whose qubits have their own fields, ../statevector/qubit-anneal.ts).
 */
export interface LanczosOperator {
  apply(x: Float64Array, y: Float64Array, keep: number): void;
  scale: number;
}

/**
 * Lowest eigenpair. `start` (default |+⟩^n) must overlap the ground state; `out` receives the vector.
 * `tol` is relative to {@link hamiltonianScale} (or to `operator.scale`, when an operator replaces H).
 */
export function lanczosGround(
  n: number,
  diag: Diagonal,
  gamma: number,
  lambda: number,
  opts: {
    start?: Float64Array;
    out?: Float64Array;
    tol?: number;
    maxIter?: number;
    operator?: LanczosOperator;
  } = {},
): GroundStateResult {
  const N = 2 ** n;
  const op = opts.operator;
  const tol = (opts.tol ?? 1e-10) * (op ? op.scale : hamiltonianScale(n, diag, gamma, lambda));
  const maxIter = Math.min(opts.maxIter ?? 400, N);
  const table = op ? undefined : scaledLevelTable(diag, lambda);
  const apply = (x: Float64Array, y: Float64Array, keep = 0) =>
    op ? op.apply(x, y, keep) : matvec(x, y, n, diag, gamma, lambda, table, keep);
  const v = new Float64Array(N);
  const u = new Float64Array(N);
  const init = () => {
    if (opts.start) v.set(opts.start);
    else v.fill(1);
    scale(1 / norm(v), v);
    u.fill(0);
  };
  const alpha: number[] = [];
  const beta: number[] = [];
  // one Lanczos step: on entry v = v_j, u = β_j v_{j−1}·(1/β_j)… kept as v_{j−1}; on exit v = v_{j+1}, u = v_j
  const step = (j: number): number => {
    apply(v, u, j === 0 ? 0 : -beta[j - 1]!);
    const a = j < alpha.length ? alpha[j]! : dot(v, u);
    axpy(-a, v, u);
    const b = norm(u);
    if (j >= alpha.length) alpha.push(a);
    if (b > 0) scale(1 / b, u);
    // swap roles: new v = u, new u = old v
    for (let i = 0; i < N; i++) {
      const t = v[i]!;
      v[i] = u[i]!;
      u[i] = t;
    }
    return b;
  };
  init();
  let m = 0;
  let y: Float64Array | undefined;
  for (let j = 0; j < maxIter; j++) {
    const b = step(j);
    m = j + 1;
    const exhausted = b <= 1e-14 * Math.max(1, Math.abs(alpha[j]!));
    if (m % 4 === 0 || exhausted || m === maxIter) {
      const te = tridiagonalEigen(alpha, beta, m);
      y = Float64Array.from({ length: m }, (_, r) => te.vectors![r * m]!);
      if (exhausted || b * Math.abs(y[m - 1]!) <= tol) break;
    }
    if (exhausted) break;
    beta.push(b);
  }
  if (!y) throw new WorkError('Lanczos produced no Ritz vector');
  // pass 2
  const out = opts.out ?? new Float64Array(N);
  out.fill(0);
  init();
  for (let j = 0; j < m; j++) {
    axpy(y[j]!, v, out);
    if (j + 1 < m) step(j);
  }
  scale(1 / norm(out), out);
  // residual of the result
  apply(out, u);
  const e = dot(out, u);
  axpy(-e, out, u);
  return { energy: e, vector: out, iterations: m, residual: norm(u) };
}
