/**
 * The minimum spectral gap of H(s) = −Γ(s) Σσx + Λ(s) H_P over s ∈ [0, 1] (units of the schedule: GHz of H(s)
 * for D-Wave tables, ½ factors included; dimensionless for `linear`).
 *
 * Gap rule (cli.md): with H_P's ground level g-fold degenerate, the gap is E_g(s) − E_0(s), the first level
 * that does not join the ground level at s = 1; g is reported. In the symmetric sector (./symmetric-sector.ts)
 * g counts the ground level inside the sector.
 *
 * Search, in three phases:
 * 1. Scan: `points` uniform values of s, each warm-started from the nearest evaluated point's Ritz vectors.
 * 2. Refinement: every candidate — an interval whose end slopes (Hellmann–Feynman) turn from falling to
 *    rising, or a discrete local minimum the slopes do not show — is refined by a safeguarded cubic-Hermite
 *    search on the gap and its slope (Brent's method for the latter), stopped when the estimated excess
 *    slope²/(2·curvature) of the best point is below rtol/10 of the gap.
 * 3. Certification: H(s) = Γ(s)·(−Σσx + t·H_P) with t = Λ/Γ (or Λ(s)·(H_P − u·Σσx), u = Γ/Λ) is affine in
 *    t, so by Ky Fan the sum S_m of its m + 1 lowest levels is concave in t: above its chord between two
 *    evaluated points and below the tangent tr(YᵀK(t)Y) of the vectors Y found at either end (any orthonormal
 *    Y, so no derivative accuracy is needed). Hence E_g − E_0 = S_g − S_{g−1} − S_0 ≥ chord(S_g) −
 *    tangents(S_{g−1}) − tangents(S_0) on every interval between evaluated points. An interval whose bound
 *    falls below (1 − certifyMargin)·best may hide a lower minimum (an avoided crossing between scan points
 *    shows up exactly so: E_0's tangents cross there and the bound drops towards 0); it is split where its
 *    bound is lowest and new candidates are refined, until every interval is clear (`certified`) or
 *    `maxExtra` evaluations are spent. The bound assumes the solver found the true lowest levels at each
 *    point (Krylov methods can miss a level whose vector the start vector barely overlaps).
 */

import { CapacityError, InputError } from '../../errors.js';
import type { CompiledModel } from '../../hamiltonian/compiled.js';
import type { AnnealingSchedule } from '../../hamiltonian/schedule/types.js';
import { brentMinimize, hermiteArgmin, hermiteMin } from '../../util/minimize-1d.js';
import { type Progress, throwIfAborted } from '../sampler.js';
import { buildDiagonal, type Diagonal, energyAt } from '../statevector/diagonal.js';
import { checkCapacity, type MemoryPlan } from '../statevector/memory.js';
import { groundLevel } from '../statevector/observables.js';
import { defaultThreadCount } from '../threads/pool.js';
import type { Sector } from './block-lanczos.js';
import { DENSE_MAX_QUBITS, symmetricEigensystem } from './dense.js';
import { jacobiEigen } from './jacobi.js';
import { hamiltonianScale } from './lanczos.js';
import { type AtOptions, createLevelSolver, type SpectrumMethod } from './levels.js';
import { matvec } from './matvec.js';
import { symmetricSector } from './symmetric-sector.js';
import { dot } from './vector-ops.js';

/** Largest n for the Krylov path. */
export const LANCZOS_MAX_QUBITS = 24;
/** Largest ground degeneracy the gap rule is applied to (g + 1 levels at every point). */
export const MAX_GAP_LEVEL = 64;
/**
 * Largest n the automatic choice diagonalises densely (2^6 = 64 rows, ≈ 3 ms a point). From n = 7 block Lanczos
 * finds the same levels, copies included, to 1e-10 and is 2–15× faster (a 256-row dense eigensystem costs 0.13 s).
 */
export const DENSE_AUTO_MAX_QUBITS = 6;

export interface GapOptions {
  schedule: AnnealingSchedule;
  /** Coarse scan points over [0, 1] (default 101). */
  points?: number;
  /** Levels to report at each scan point (default g + 3, at least 4). */
  levels?: number;
  sector?: Sector;
  method?: 'auto' | SpectrumMethod;
  /** Worker threads for Lanczos products from n = 16 (default: all cores). */
  threads?: number;
  /** Relative tolerance of the minimum gap (default 1e-6). */
  rtol?: number;
  /**
   * Eigenvalue tolerance at the scan points, relative to the scale Γn + |Λ|·max|E| of H (default 1e-9);
   * refinement always works to rtol/100 of the gap.
   */
  scanTol?: number;
  /**
   * Certification margin: intervals whose concavity lower bound stays above (1 − margin)·minimum are clear
   * (default 0.05).
   */
  certifyMargin?: number;
  /** Most evaluations the certification may add (default max(12, points/2)). */
  maxExtra?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export interface GapResult {
  minGap: number;
  sAtMin: number;
  groundDegeneracy: number;
  /** Index g of the level whose distance to E_0 is the gap. */
  gapLevel: number;
  units: 'GHz' | 'dimensionless';
  sector: Sector;
  method: SpectrumMethod | 'sector-dense';
  s: number[];
  /** levels[i][j]: level j at s[i]. */
  levels: number[][];
  /** gaps[i] = levels[i][g] − levels[i][0]. */
  gaps: number[];
  /** The levels at sAtMin. */
  levelsAtMin: number[];
  /** Candidates refined, evaluations after the scan, and those the certification added. */
  refinement: { candidates: number; evaluations: number; certification: number };
  /** Whether every interval's concavity bound cleared the minimum (see the module note). */
  certified: boolean;
  /** Hamiltonian products spent (eigensolvers and the bound's Σσx products). */
  matvecs: number;
  /** Every evaluated point (scan, refinement, certification), sorted by s. */
  evaluated: { s: number[]; gaps: number[] };
  /** What the gap means for this problem (degenerate ground level, symmetric sector…). */
  note: string;
  wallSeconds: number;
}

function krylovMemory(n: number, k: number): MemoryPlan {
  const N = 2 ** n;
  // the smallest basis the solvers work with, the Ritz vectors held for warm starts, and the product buffers
  const vectors = (Math.min(N, 60) + 3 * k + 8) * 8 * N;
  return { state: 0, diagonal: 10 * N, extra: vectors, total: vectors + 10 * N };
}

/** One evaluated value of s. */
interface Point {
  s: number;
  gamma: number;
  lambda: number;
  values: Float64Array;
  sx: number[];
  hp: number[];
  gap: number;
  /** d(gap)/ds (Hellmann–Feynman). */
  slope: number;
  vectors: Float64Array[] | undefined;
  /** Vectors of levels 0…g (or exact states at the closed-form ends) and their Σσx, H_P and overlap blocks. */
  ritz?: RitzBlock | undefined;
}

/** Orthogonal-ish vectors with ⟨y_i|Σσx|y_j⟩, ⟨y_i|H_P|y_j⟩ and ⟨y_i|y_j⟩ (row-major r×r). */
interface RitzBlock {
  Y: Float64Array[];
  X: Float64Array;
  P: Float64Array;
  G: Float64Array;
}

/** The blocks of two points' vectors together (cross terms a×b, each row-major). */
interface CrossBlock {
  X: Float64Array;
  P: Float64Array;
  G: Float64Array;
}

/** Σ_z E(z)·a(z)·b(z). */
function problemDot(diag: Diagonal, a: Float64Array, b: Float64Array): number {
  let acc = 0;
  const N = a.length;
  if (diag.kind === 'levels') {
    const { level, e0, q } = diag;
    for (let z = 0; z < N; z++) {
      const t = a[z]! * b[z]!;
      if (t !== 0) acc += (e0 + level[z]! * q) * t;
    }
  } else {
    const E = diag.energies;
    for (let z = 0; z < N; z++) acc += E[z]! * a[z]! * b[z]!;
  }
  return acc;
}

/** Minimum gap of a SPIN compiled model. */
export async function minimumGap(model: CompiledModel, opts: GapOptions): Promise<GapResult> {
  const t0 = performance.now();
  const n = model.n;
  const sector = opts.sector ?? 'full';
  const points = opts.points ?? 101;
  if (!Number.isInteger(points) || points < 3 || points > 100000)
    throw new InputError(`--points: ${points} must be an integer in [3, 100000]`, { field: '--points' });
  if (n === 0)
    throw new InputError('MODEL: the model has no variables, so H(s) has a single level and no gap', {
      field: 'MODEL',
    });
  if (opts.method === 'dense' && n > DENSE_MAX_QUBITS)
    throw new CapacityError(
      `--method dense: handles n ≤ ${DENSE_MAX_QUBITS}; this model has ${n} (use lanczos)`,
      {
        field: '--method',
      },
    );
  if (n > LANCZOS_MAX_QUBITS)
    throw new CapacityError(
      `gap: spectra are computed for n ≤ ${LANCZOS_MAX_QUBITS} qubits; this model has ${n} (2^${n} amplitudes per Lanczos vector)`,
      { field: 'MODEL' },
    );
  const threads = Math.max(1, opts.threads ?? defaultThreadCount());
  const diag = buildDiagonal(model, { shared: threads > 1 && n >= 16 });
  const ground = groundLevel(diag);
  let g = ground.groundDegeneracy;
  let note: string;
  if (sector === 'symmetric') {
    g = sectorGroundDegeneracy(n, diag);
    note =
      `gap inside the symmetric sector (the subspace a forward anneal from |+⟩ explores); ` +
      (g > 1
        ? `its ground level at s = 1 is ${g}-fold, so the gap is E_${g} − E_0 there`
        : 'E_1 − E_0 in that sector');
  } else if (g > 1)
    note =
      `H_P's ground level is ${g}-fold degenerate (${g} states at E = ${ground.groundEnergy}), so the gap is E_${g}(s) − E_0(s): ` +
      `the first level that does not join the ground level at s = 1. Levels 1…${g - 1} close onto E_0 as s → 1 and do not limit the anneal's success.`;
  else note = 'E_1(s) − E_0(s); the ground state of H_P is unique';
  if (g > MAX_GAP_LEVEL)
    throw new CapacityError(
      `H_P's ground level is ${g}-fold degenerate (often variables with no bias or coupling): the gap E_${g} − E_0 needs ${g + 1} levels at every s, ` +
        `more than the ${MAX_GAP_LEVEL + 1} the gap search computes; remove or bias the free variables`,
      { field: 'MODEL' },
    );
  const K = Math.min(2 ** n, Math.max(opts.levels ?? Math.max(4, g + 3), g + 1));
  const kGap = Math.min(2 ** n, g + 1);
  // Which solver where. The gap itself needs every copy of the levels below E_g only when g > 1 (E_0 is simple
  // for Γ > 0); copies of the extra reported levels (K > g + 1) need the block solver or dense matrices at the
  // scan points, while refinement only needs the gap.
  const copiesInScan = K > kGap;
  const denseScan =
    opts.method === 'dense' ||
    (opts.method !== 'lanczos' && (n <= 4 || (n <= DENSE_AUTO_MAX_QUBITS && copiesInScan)));
  const denseRefine =
    opts.method === 'dense' ||
    (opts.method !== 'lanczos' && (n <= 4 || (n <= DENSE_AUTO_MAX_QUBITS && g > 1)));
  const method: SpectrumMethod = denseScan ? 'dense' : 'lanczos';
  if (sector === 'full' && (!denseScan || !denseRefine))
    checkCapacity(n, krylovMemory(n, K), 'gap search (Lanczos)');
  const scanSolver = createLevelSolver(
    n,
    diag,
    opts.schedule,
    denseScan ? 'dense' : 'lanczos',
    sector,
    threads,
  );
  const refineSolver =
    denseRefine === denseScan
      ? scanSolver
      : createLevelSolver(n, diag, opts.schedule, denseRefine ? 'dense' : 'lanczos', sector, threads);
  const rtol = opts.rtol ?? 1e-6;
  const scanTol = opts.scanTol ?? 1e-9;
  const margin = opts.certifyMargin ?? 0.05;
  const maxExtra = opts.maxExtra ?? Math.max(12, Math.ceil(points / 2));
  const N = 2 ** n;

  const pts: Point[] = [];
  let evaluations = 0;
  let matvecs = 0;
  const totalGuess = points + 40;
  const vectorBudget = 2 ** 29;
  const insert = (p: Point) => {
    let i = pts.length;
    while (i > 0 && pts[i - 1]!.s > p.s) i--;
    pts.splice(i, 0, p);
  };
  // Rayleigh–Ritz data of neighbouring points for the certification bound: Σσx·y of a new point's vectors
  // (one product each) dotted with its own and its neighbours' vectors
  const crossOf = new Map<Point, Map<Point, CrossBlock>>();
  const applyX = (x: Float64Array, y: Float64Array) => matvec(x, y, n, diag, -1, 0, undefined);
  const exactStates = (p: Point): Float64Array[] => {
    if (p.lambda === 0 && p.gamma > 0) return [new Float64Array(N).fill(1 / Math.sqrt(N))];
    if (p.gamma === 0 && p.lambda > 0) {
      // the g + 1 lowest basis states
      const order: number[] = [];
      for (let z = 0; z < N; z++) {
        const e = energyAt(diag, z);
        if (order.length < kGap || e < energyAt(diag, order[order.length - 1]!)) {
          let i = order.length;
          while (i > 0 && energyAt(diag, order[i - 1]!) > e) i--;
          order.splice(i, 0, z);
          if (order.length > kGap) order.pop();
        }
      }
      return order.map((z) => {
        const v = new Float64Array(N);
        v[z] = 1;
        return v;
      });
    }
    return [];
  };
  const attachRitz = async (p: Point): Promise<void> => {
    const Y = p.vectors ? p.vectors.slice(0, kGap) : exactStates(p);
    if (Y.length === 0) return;
    const r = Y.length;
    const XY = Y.map((y) => {
      const out = new Float64Array(N);
      applyX(y, out);
      return out;
    });
    matvecs += r;
    const block = (other: Float64Array[]): CrossBlock => {
      const a = other.length;
      const X = new Float64Array(a * r);
      const P = new Float64Array(a * r);
      const G = new Float64Array(a * r);
      for (let i = 0; i < a; i++)
        for (let j = 0; j < r; j++) {
          X[i * r + j] = dot(other[i]!, XY[j]!);
          P[i * r + j] = problemDot(diag, other[i]!, Y[j]!);
          G[i * r + j] = dot(other[i]!, Y[j]!);
        }
      return { X, P, G };
    };
    p.ritz = { Y, ...block(Y) };
    const i = pts.indexOf(p);
    const A = pts[i - 1];
    const B = pts[i + 1];
    if (A?.ritz && A.ritz.Y.length > 0) {
      if (!crossOf.has(A)) crossOf.set(A, new Map());
      crossOf.get(A)!.set(p, block(A.ritz.Y));
    }
    if (B?.ritz && B.ritz.Y.length > 0) {
      // stored as (p rows) × (B columns)
      const t = block(B.ritz.Y);
      const b = B.ritz.Y.length;
      const tr = (M: Float64Array) => {
        const o = new Float64Array(r * b);
        for (let u = 0; u < b; u++) for (let v = 0; v < r; v++) o[v * b + u] = M[u * r + v]!;
        return o;
      };
      if (!crossOf.has(p)) crossOf.set(p, new Map());
      crossOf.get(p)!.set(B, { X: tr(t.X), P: tr(t.P), G: tr(t.G) });
    }
  };
  const projectedPair = (A: Point, B: Point): ProjectedPair | undefined => {
    const c = crossOf.get(A)?.get(B);
    if (!c || !A.ritz || !B.ritz) return undefined;
    return { a: A.ritz, b: B.ritz, cross: c };
  };

  const evalAt = async (
    x: number,
    phase: 'scan' | 'refine' | 'certify',
    gapHint?: number,
  ): Promise<Point> => {
    throwIfAborted(opts.signal);
    for (const p of pts) if (p.s === x) return p;
    let near: Point | undefined;
    for (const p of pts)
      if (p.vectors && p.vectors.length > 0 && (!near || Math.abs(p.s - x) < Math.abs(near.s - x))) near = p;
    const scan = phase === 'scan';
    const k = scan ? K : kGap;
    const solver = scan ? scanSolver : refineSolver;
    const gamma = opts.schedule.transverse(x);
    const lambda = opts.schedule.problem(x);
    const close = near !== undefined && Math.abs(near.s - x) < 0.25 / (points - 1);
    const atOpts: AtOptions = {
      multiplicity: scan ? copiesInScan || g > 1 : g > 1,
      noise: close ? 1e-4 : 0.01,
      ...(g > 1 ? { block: Math.min(g, 4) } : {}),
    };
    const sc = hamiltonianScale(n, diag, gamma, lambda);
    atOpts.tol = scan ? scanTol * sc : Math.min(1e-11 * sc, 1e-2 * rtol * (gapHint ?? sc));
    const r = await solver.at(x, k, near?.vectors?.slice(0, k), atOpts);
    evaluations++;
    matvecs += r.matvecs;
    const gi = Math.min(g, r.values.length - 1);
    const p: Point = {
      s: x,
      gamma,
      lambda,
      values: r.values,
      sx: r.sx,
      hp: r.hp,
      gap: r.values[gi]! - r.values[0]!,
      slope: (r.slopes[gi] ?? 0) - (r.slopes[0] ?? 0),
      vectors: r.vectors && r.vectors.length > 0 ? r.vectors : undefined,
    };
    insert(p);
    if (sector === 'full') await attachRitz(p);
    // hold Ritz vectors for warm starts within a memory budget, dropping those farthest from the new point
    let held = 0;
    for (const q of pts) held += (q.vectors?.length ?? 0) * 8 * N;
    if (held > vectorBudget) {
      const byDistance = pts
        .filter((q) => q.vectors && q !== p)
        .sort((a, b) => Math.abs(b.s - x) - Math.abs(a.s - x));
      for (const q of byDistance) {
        if (held <= vectorBudget) break;
        held -= q.vectors!.length * 8 * N;
        q.vectors = undefined;
        if (q.ritz) q.ritz.Y = [];
      }
    }
    opts.onProgress?.({ done: Math.min(totalGuess - 1, evaluations), total: totalGuess, label: phase });
    if (evaluations % 8 === 0) await new Promise((res) => setImmediate(res));
    return p;
  };

  // 1. scan
  const scanPts: Point[] = [];
  for (let i = 0; i < points; i++) scanPts.push(await evalAt(i / (points - 1), 'scan'));
  let best = scanPts[0]!;
  for (const p of scanPts) if (p.gap < best.gap) best = p;
  const consider = (p: Point) => {
    if (p.gap < best.gap) best = p;
  };

  // 2. refinement of a bracket [A, B] with slope(A) < 0 < slope(B)
  let candidates = 0;
  const refineBracket = async (A: Point, B: Point): Promise<void> => {
    candidates++;
    let p = A;
    let q = B;
    let X = A.gap <= B.gap ? A : B;
    // the two latest evaluations: secant steps on the slope between them (superlinear), else Hermite
    let last: Point | undefined;
    let prev: Point | undefined;
    let prevExcess = Number.POSITIVE_INFINITY;
    let bisect = false;
    for (let it = 0; it < 40; it++) {
      const h = q.s - p.s;
      const local =
        last && prev && last.s !== prev.s ? (last.slope - prev.slope) / (last.s - prev.s) : Number.NaN;
      const c = local > 0 ? local : (q.slope - p.slope) / h;
      const excess = c > 0 ? (X.slope * X.slope) / (2 * c) : Number.POSITIVE_INFINITY;
      const target = 0.1 * rtol * X.gap;
      if (excess <= target || (c > 0 && (c * h * h) / 8 <= target)) break;
      if (h <= 1e-13 + 1e-11 * q.s) break;
      let u = Number.NaN;
      if (bisect) u = 0.5 * (p.s + q.s);
      else if (last && prev && last.slope !== prev.slope)
        u = last.s - (last.slope * (last.s - prev.s)) / (last.slope - prev.slope);
      if (!(u > p.s && u < q.s)) u = p.s + h * hermiteArgmin(p.gap, q.gap, p.slope, q.slope, h);
      const guard = Math.max(1e-12, 1e-9 * h);
      u = Math.min(q.s - guard, Math.max(p.s + guard, u));
      const U = await evalAt(u, 'refine', X.gap);
      prev = last;
      last = U;
      if (U.gap < X.gap) X = U;
      if (U.slope === 0) break;
      if (U.slope < 0) p = U;
      else q = U;
      const lc =
        prev && last.s !== prev.s
          ? (last.slope - prev.slope) / (last.s - prev.s)
          : (q.slope - p.slope) / (q.s - p.s);
      const e2 = lc > 0 ? (X.slope * X.slope) / (2 * lc) : Number.POSITIVE_INFINITY;
      bisect = !(e2 < 0.25 * prevExcess) && !bisect;
      prevExcess = Math.min(prevExcess, e2);
    }
    consider(X);
  };
  const refineDiscrete = async (A: Point, M: Point, B: Point): Promise<void> => {
    candidates++;
    const r = await brentMinimize(
      async (x) => (await evalAt(x, 'refine', M.gap)).gap,
      A.s,
      M.s,
      B.s,
      rtol,
      M.gap,
    );
    const p = pts.find((q) => q.s === r.x);
    if (p) consider(p);
  };
  const refineAround = async (list: Point[], limit: number): Promise<void> => {
    const cands: Array<{ f: number; run: () => Promise<void> }> = [];
    for (let i = 0; i + 1 < list.length; i++) {
      const A = list[i]!;
      const B = list[i + 1]!;
      if (A.slope < 0 && B.slope > 0) {
        const f = hermiteMin(A.gap, B.gap, A.slope, B.slope, B.s - A.s);
        cands.push({ f, run: () => refineBracket(A, B) });
      }
    }
    for (let i = 1; i + 1 < list.length; i++) {
      const M = list[i]!;
      const A = list[i - 1]!;
      const B = list[i + 1]!;
      // a discrete minimum whose slopes do not show it (inconsistent slopes): values only
      if (M.gap <= A.gap && M.gap <= B.gap && !(A.slope < 0 && M.slope > 0) && !(M.slope < 0 && B.slope > 0))
        cands.push({ f: M.gap, run: () => refineDiscrete(A, M, B) });
    }
    cands.sort((a, b) => a.f - b.f);
    for (const c of cands.slice(0, limit)) if (c.f < best.gap * (1 + 0.5) || c === cands[0]) await c.run();
  };
  await refineAround(scanPts, 4);

  // 3. certification by concavity bounds, splitting intervals that may hide a lower minimum
  let extra = 0;
  let certified = false;
  for (;;) {
    let worst: { A: Point; B: Point; L: number; at: number } | undefined;
    for (let i = 0; i + 1 < pts.length; i++) {
      const A = pts[i]!;
      const B = pts[i + 1]!;
      if (B.s - A.s < 1e-9) continue;
      const lb = gapLowerBound(A, B, g, opts.schedule, projectedPair(A, B));
      if (lb.L < best.gap * (1 - margin) && (!worst || lb.L < worst.L)) worst = { A, B, ...lb };
    }
    if (!worst) {
      certified = true;
      break;
    }
    if (extra >= maxExtra) break;
    const h = worst.B.s - worst.A.s;
    const x = Math.min(worst.B.s - 0.1 * h, Math.max(worst.A.s + 0.1 * h, worst.at));
    const P = await evalAt(x, 'certify', best.gap);
    extra++;
    consider(P);
    const i = pts.indexOf(P);
    await refineAround(pts.slice(Math.max(0, i - 1), i + 2), 2);
  }

  let levelsAtMin = Array.from(best.values);
  if (levelsAtMin.length < K) {
    // the reported levels at the minimum, as the scan computes them
    let near: Point | undefined;
    for (const p of pts)
      if (p.vectors && (!near || Math.abs(p.s - best.s) < Math.abs(near.s - best.s))) near = p;
    const r = await scanSolver.at(best.s, K, near?.vectors, {
      multiplicity: copiesInScan || g > 1,
      noise: 1e-4,
      ...(g > 1 ? { block: Math.min(g, 4) } : {}),
    });
    evaluations++;
    levelsAtMin = Array.from(r.values);
  }
  if (!certified)
    note += `; the bound check stopped at its budget of ${maxExtra} extra points with intervals still open (raise --points if a narrow crossing is suspected)`;
  opts.onProgress?.({ done: totalGuess, total: totalGuess, label: 'done' });
  return {
    minGap: best.gap,
    sAtMin: best.s,
    groundDegeneracy: g,
    gapLevel: g,
    units: opts.schedule.energyUnit,
    sector,
    method: sector === 'symmetric' ? 'sector-dense' : method,
    s: scanPts.map((p) => p.s),
    levels: scanPts.map((p) => Array.from(p.values)),
    gaps: scanPts.map((p) => p.gap),
    levelsAtMin,
    refinement: { candidates, evaluations: evaluations - points, certification: extra },
    certified,
    matvecs,
    evaluated: { s: pts.map((p) => p.s), gaps: pts.map((p) => p.gap) },
    note,
    wallSeconds: (performance.now() - t0) / 1000,
  };
}

/** Two points' vector blocks and their cross terms: the subspace of the Rayleigh–Ritz upper bounds. */
export interface ProjectedPair {
  a: RitzBlock;
  b: RitzBlock;
  cross: CrossBlock;
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
  const project = (M: Float64Array) => {
    const MT = new Float64Array(w * r);
    for (let i = 0; i < w; i++)
      for (let c = 0; c < r; c++) {
        let acc = 0;
        for (let k = 0; k < w; k++) acc += M[i * w + k]! * T[k * r + c]!;
        MT[i * r + c] = acc;
      }
    const out = new Float64Array(r * r);
    for (let a = 0; a < r; a++)
      for (let c = 0; c < r; c++) {
        let acc = 0;
        for (let i = 0; i < w; i++) acc += T[i * r + a]! * MT[i * r + c]!;
        out[a * r + c] = acc;
      }
    return out;
  };
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

/** Degeneracy of H_P's ground level inside the symmetric sector. */
function sectorGroundDegeneracy(n: number, diag: Diagonal): number {
  const vals = symmetricEigensystem(symmetricSector(n, diag).P).values;
  const e0 = vals[0]!;
  let g = 0;
  for (const v of vals) if (Math.abs(v - e0) <= 1e-9 * Math.max(1, Math.abs(e0))) g++;
  return g;
}
