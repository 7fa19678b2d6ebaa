/**
 * Phase 2 of the gap search: refinement of candidate minima between evaluated points. A bracket whose end
 * slopes (Hellmann–Feynman) turn from falling to rising is refined by secant steps on the slope, safeguarded by
 * the cubic Hermite minimiser and bisection, until the estimated excess slope²/(2·curvature) of the best point
 * is below rtol/10 of the gap; a discrete local minimum that the slopes do not show is refined on values alone
 * (Brent).
 */

import { brentMinimize, hermiteArgmin, hermiteMin } from '../../../util/minimize-1d.js';
import { type EvaluatedPoints, evaluate } from './points.js';
import type { Point } from './types.js';

/** The search after the scan: its points and the lowest gap found so far. */
export interface GapSearch {
  readonly points: EvaluatedPoints;
  best: Point;
  /** Candidates refined so far. */
  candidates: number;
}

/** Makes p the best point when its gap is lower. */
export function consider(search: GapSearch, p: Point): void {
  if (p.gap < search.best.gap) search.best = p;
}

/** Refines a bracket [A, B] with slope(A) < 0 < slope(B). */
async function refineBracket(search: GapSearch, A: Point, B: Point): Promise<void> {
  const ev = search.points;
  const { rtol } = ev.plan;
  search.candidates++;
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
    const U = await evaluate(ev, u, 'refine', X.gap);
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
  consider(search, X);
}

/** Refines a discrete minimum M between A and B on gap values alone. */
async function refineDiscrete(search: GapSearch, A: Point, M: Point, B: Point): Promise<void> {
  const ev = search.points;
  search.candidates++;
  const r = await brentMinimize(
    async (x) => (await evaluate(ev, x, 'refine', M.gap)).gap,
    A.s,
    M.s,
    B.s,
    ev.plan.rtol,
    M.gap,
  );
  const p = ev.list.find((q) => q.s === r.x);
  if (p) consider(search, p);
}

/**
 * Refines the most promising candidates among consecutive points `list` (at most `limit`, lowest interpolated
 * minimum first; those more than 1.5× the best gap only when nothing lower stands).
 */
export async function refineAround(search: GapSearch, list: Point[], limit: number): Promise<void> {
  const cands: Array<{ f: number; run: () => Promise<void> }> = [];
  for (let i = 0; i + 1 < list.length; i++) {
    const A = list[i]!;
    const B = list[i + 1]!;
    if (A.slope < 0 && B.slope > 0) {
      const f = hermiteMin(A.gap, B.gap, A.slope, B.slope, B.s - A.s);
      cands.push({ f, run: () => refineBracket(search, A, B) });
    }
  }
  for (let i = 1; i + 1 < list.length; i++) {
    const M = list[i]!;
    const A = list[i - 1]!;
    const B = list[i + 1]!;
    // a discrete minimum whose slopes do not show it (inconsistent slopes): values only
    if (M.gap <= A.gap && M.gap <= B.gap && !(A.slope < 0 && M.slope > 0) && !(M.slope < 0 && B.slope > 0))
      cands.push({ f: M.gap, run: () => refineDiscrete(search, A, M, B) });
  }
  cands.sort((a, b) => a.f - b.f);
  for (const c of cands.slice(0, limit))
    if (c.f < search.best.gap * (1 + 0.5) || c === cands[0]) await c.run();
}
