/**
 * The minimum spectral gap of H(s) = −Γ(s) Σσx + Λ(s) H_P over s ∈ [0, 1] (units of the schedule: GHz of H(s)
 * for D-Wave tables, ½ factors included; dimensionless for `linear`).
 *
 * Gap rule (cli.md): with H_P's ground level g-fold degenerate, the gap is E_g(s) − E_0(s), the first level
 * that does not join the ground level at s = 1; g is reported. In the symmetric sector (./symmetric-sector.ts)
 * g counts the ground level inside the sector.
 *
 * Search: a uniform scan of `points` values of s, then every candidate — a local minimum of the scan, or an
 * interval whose end slopes (Hellmann–Feynman) turn from falling to rising — is refined by Brent's method to
 * a relative tolerance of 1e-6 in the gap, and the global minimum is kept. A dip narrower than the scan
 * spacing whose end slopes both point the same way cannot be seen: raise --points for very narrow crossings.
 */

import { CapacityError, InputError } from '../../errors.js';
import type { CompiledModel } from '../../hamiltonian/compiled.js';
import type { AnnealingSchedule } from '../../hamiltonian/schedule/types.js';
import { type Progress, throwIfAborted } from '../sampler.js';
import { buildDiagonal, type Diagonal } from '../statevector/diagonal.js';
import { checkCapacity, type MemoryPlan } from '../statevector/memory.js';
import { groundLevel } from '../statevector/observables.js';
import { defaultThreadCount } from '../threads/pool.js';
import type { Sector } from './block-lanczos.js';
import { DENSE_MAX_QUBITS, symmetricEigensystem } from './dense.js';
import { createLevelSolver, type LevelSolver, type LevelsAt, type SpectrumMethod } from './levels.js';
import { symmetricSector } from './symmetric-sector.js';

/** Largest n for the Krylov path. */
export const LANCZOS_MAX_QUBITS = 24;
/** Largest ground degeneracy the gap rule is applied to (g + 1 levels at every point). */
export const MAX_GAP_LEVEL = 64;

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
  refinement: { candidates: number; evaluations: number };
  /** What the gap means for this problem (degenerate ground level, symmetric sector…). */
  note: string;
  wallSeconds: number;
}

function krylovMemory(n: number, k: number): MemoryPlan {
  const N = 2 ** n;
  const p = k + 1;
  const M = Math.max(4 * p, k + 2 * p, 16);
  const vectors = (M + 2 * p + k + 4) * 8 * N;
  return { state: 0, diagonal: 10 * N, extra: vectors, total: vectors + 10 * N };
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
  let method: SpectrumMethod =
    opts.method === 'dense' || opts.method === 'lanczos' ? opts.method : n <= 8 ? 'dense' : 'lanczos';
  if (method === 'dense' && n > DENSE_MAX_QUBITS)
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
    method = 'dense';
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
  if (method === 'lanczos' && sector === 'full') checkCapacity(n, krylovMemory(n, K), 'gap search (Lanczos)');
  const solver: LevelSolver = createLevelSolver(n, diag, opts.schedule, method, sector, threads);
  const rtol = opts.rtol ?? 1e-6;

  // coarse scan, warm-starting each point from the previous one
  const s: number[] = [];
  const levels: number[][] = [];
  const gaps: number[] = [];
  const slopes: number[] = [];
  const cache: LevelsAt[] = [];
  let evaluations = 0;
  let warm: Float64Array[] | undefined;
  const totalGuess = points + 40;
  const keepVectors = 2 ** n * K * points <= 2 ** 25;
  const evalAt = (x: number, w?: readonly Float64Array[]): Promise<LevelsAt> => {
    evaluations++;
    return solver.at(x, K, w);
  };
  for (let i = 0; i < points; i++) {
    throwIfAborted(opts.signal);
    const x = i / (points - 1);
    const r = await evalAt(x, warm);
    if (r.vectors) warm = r.vectors;
    s.push(x);
    levels.push(Array.from(r.values));
    const gi = gapOf(r, g);
    gaps.push(gi);
    slopes.push((r.slopes[Math.min(g, r.slopes.length - 1)] ?? 0) - (r.slopes[0] ?? 0));
    // keep eigenvectors for warm refinement starts only while they are cheap to hold
    cache.push(keepVectors ? r : { ...r, vectors: [] });
    opts.onProgress?.({ done: i + 1, total: totalGuess, label: 'scan' });
    if (i % 8 === 7) await new Promise((res) => setImmediate(res));
  }

  // candidates: discrete local minima (with their neighbours as bracket) and slope sign changes
  const cands: Array<{ a: number; b: number; x: number; f: number; iw: number; exact: boolean }> = [];
  for (let i = 0; i < points; i++) {
    const left = i === 0 ? Number.POSITIVE_INFINITY : gaps[i - 1]!;
    const right = i === points - 1 ? Number.POSITIVE_INFINITY : gaps[i + 1]!;
    if (gaps[i]! <= left && gaps[i]! <= right)
      cands.push({
        a: s[Math.max(0, i - 1)]!,
        b: s[Math.min(points - 1, i + 1)]!,
        x: s[i]!,
        f: gaps[i]!,
        iw: i,
        exact: true,
      });
  }
  for (let i = 0; i + 1 < points; i++) {
    if (slopes[i]! < 0 && slopes[i + 1]! > 0) {
      const f = hermiteMin(gaps[i]!, gaps[i + 1]!, slopes[i]!, slopes[i + 1]!, s[i + 1]! - s[i]!);
      if (f < Math.min(gaps[i]!, gaps[i + 1]!))
        cands.push({ a: s[i]!, b: s[i + 1]!, x: 0.5 * (s[i]! + s[i + 1]!), f, iw: i, exact: false });
    }
  }
  cands.sort((p, q) => p.f - q.f);
  const chosen = cands.slice(0, 4);
  let best = { x: s[0]!, f: gaps[0]! };
  for (let i = 0; i < points; i++) if (gaps[i]! < best.f) best = { x: s[i]!, f: gaps[i]! };
  for (const c of chosen) {
    throwIfAborted(opts.signal);
    const w = cache[c.iw]!.vectors;
    let lastVec: Float64Array[] | undefined = w && w.length > 0 ? w : undefined;
    const f = async (x: number) => {
      const r = await evalAt(x, lastVec);
      if (r.vectors) lastVec = r.vectors;
      opts.onProgress?.({
        done: Math.min(totalGuess - 1, points + evaluations - points),
        total: totalGuess,
        label: 'refine',
      });
      return gapOf(r, g);
    };
    // a Hermite candidate carries a predicted value: evaluate its midpoint for real first
    const fx = c.exact ? c.f : await f(c.x);
    const r = await brentMinimize(f, c.a, c.x, c.b, rtol, fx);
    if (r.f < best.f) best = r;
  }
  const atMin = await evalAt(best.x);
  opts.onProgress?.({ done: totalGuess, total: totalGuess, label: 'done' });
  return {
    minGap: best.f,
    sAtMin: best.x,
    groundDegeneracy: g,
    gapLevel: g,
    units: opts.schedule.energyUnit,
    sector,
    method: sector === 'symmetric' ? 'sector-dense' : method,
    s,
    levels,
    gaps,
    levelsAtMin: Array.from(atMin.values),
    refinement: { candidates: chosen.length, evaluations: evaluations - points },
    note,
    wallSeconds: (performance.now() - t0) / 1000,
  };
}

function gapOf(r: LevelsAt, g: number): number {
  const v = r.values;
  return v[Math.min(g, v.length - 1)]! - v[0]!;
}

/** Degeneracy of H_P's ground level inside the symmetric sector. */
function sectorGroundDegeneracy(n: number, diag: Diagonal): number {
  const vals = symmetricEigensystem(symmetricSector(n, diag).P).values;
  const e0 = vals[0]!;
  let g = 0;
  for (const v of vals) if (Math.abs(v - e0) <= 1e-9 * Math.max(1, Math.abs(e0))) g++;
  return g;
}

/** Minimum of the cubic Hermite interpolant on [0, h] through (f0, d0), (f1, d1). */
export function hermiteMin(f0: number, f1: number, d0: number, d1: number, h: number): number {
  let best = Math.min(f0, f1);
  for (let j = 1; j < 64; j++) {
    const t = j / 64;
    const h00 = 2 * t ** 3 - 3 * t * t + 1;
    const h10 = t ** 3 - 2 * t * t + t;
    const h01 = -2 * t ** 3 + 3 * t * t;
    const h11 = t ** 3 - t * t;
    const v = h00 * f0 + h10 * h * d0 + h01 * f1 + h11 * h * d1;
    if (v < best) best = v;
  }
  return best;
}

/**
 * Brent's minimisation (parabolic steps with golden-section fallback) of f on [a, b] starting at x with
 * f(x) = fx; stops when the bracket is below max(rtol·|x|, 1e-10) or the gap value has settled to rtol.
 */
export async function brentMinimize(
  f: (x: number) => number | Promise<number>,
  a: number,
  x: number,
  b: number,
  rtol: number,
  fx: number,
  maxIter = 100,
): Promise<{ x: number; f: number }> {
  const CG = 0.381966011250105;
  let w = x;
  let v = x;
  let fw = fx;
  let fv = fx;
  let d = 0;
  let e = 0;
  for (let it = 0; it < maxIter; it++) {
    const xm = 0.5 * (a + b);
    const tol1 = Math.max(1e-3 * rtol * Math.abs(x), 1e-10);
    const tol2 = 2 * tol1;
    if (Math.abs(x - xm) <= tol2 - 0.5 * (b - a)) break;
    let useGolden = true;
    if (Math.abs(e) > tol1) {
      const r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      const etemp = e;
      e = d;
      if (!(Math.abs(p) >= Math.abs(0.5 * q * etemp) || p <= q * (a - x) || p >= q * (b - x))) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = xm - x >= 0 ? tol1 : -tol1;
        useGolden = false;
      }
    }
    if (useGolden) {
      e = x >= xm ? a - x : b - x;
      d = CG * e;
    }
    const u = Math.abs(d) >= tol1 ? x + d : x + (d >= 0 ? tol1 : -tol1);
    const fu = await f(u);
    if (fu <= fx) {
      if (u >= x) a = x;
      else b = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
    // converged in value: the last improvements are below rtol of the gap
    if (
      Math.abs(fw - fx) <= rtol * 0.1 * Math.abs(fx) &&
      Math.abs(fv - fx) <= rtol * 0.1 * Math.abs(fx) &&
      w !== x &&
      v !== x &&
      it > 4
    )
      break;
  }
  return { x, f: fx };
}
