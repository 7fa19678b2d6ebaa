/**
 * Phase 3 of the gap search: certification by concavity bounds (./lower-bound.ts). An interval between
 * evaluated points whose bound falls below (1 − margin)·best may hide a lower minimum; the lowest such interval
 * is split where its bound is lowest and the candidates around the new point are refined, until every interval
 * is clear or `maxExtra` evaluations are spent. Each interval's bound is computed once: it depends only on its
 * two ends (their levels and Ritz blocks), so it is kept until a new point splits the interval or the vector
 * budget drops an end's vectors.
 */

import { gapLowerBound } from './lower-bound.js';
import { evaluate } from './points.js';
import { consider, type GapSearch, refineAround } from './refine.js';
import { projectedPair } from './ritz.js';
import type { Point } from './types.js';

export interface Certification {
  /** Whether every interval's bound cleared the minimum. */
  certified: boolean;
  /** Evaluations the certification added. */
  extra: number;
}

/** An interval's bound, with what it was computed from. */
interface CachedBound {
  B: Point;
  yA: Float64Array[] | undefined;
  yB: Float64Array[] | undefined;
  L: number;
  at: number;
}

export async function certify(search: GapSearch): Promise<Certification> {
  const ev = search.points;
  const { g, schedule, margin, maxExtra } = ev.plan;
  const pts = ev.list;
  let extra = 0;
  let certified = false;
  // keyed by the interval's left end
  const bounds = new Map<Point, CachedBound>();
  const boundOf = (A: Point, B: Point): CachedBound => {
    const c = bounds.get(A);
    if (c && c.B === B && c.yA === A.ritz?.Y && c.yB === B.ritz?.Y) return c;
    const lb = gapLowerBound(A, B, g, schedule, projectedPair(ev.cross, A, B));
    const fresh = { B, yA: A.ritz?.Y, yB: B.ritz?.Y, L: lb.L, at: lb.at };
    bounds.set(A, fresh);
    return fresh;
  };
  for (;;) {
    let worst: { A: Point; B: Point; L: number; at: number } | undefined;
    for (let i = 0; i + 1 < pts.length; i++) {
      const A = pts[i]!;
      const B = pts[i + 1]!;
      if (B.s - A.s < 1e-9) continue;
      const lb = boundOf(A, B);
      if (lb.L < search.best.gap * (1 - margin) && (!worst || lb.L < worst.L))
        worst = { A, B, L: lb.L, at: lb.at };
    }
    if (!worst) {
      certified = true;
      break;
    }
    if (extra >= maxExtra) break;
    const h = worst.B.s - worst.A.s;
    const x = Math.min(worst.B.s - 0.1 * h, Math.max(worst.A.s + 0.1 * h, worst.at));
    const P = await evaluate(ev, x, 'certify', search.best.gap);
    extra++;
    consider(search, P);
    const i = pts.indexOf(P);
    await refineAround(search, pts.slice(Math.max(0, i - 1), i + 2), 2);
  }
  return { certified, extra };
}
