/**
 * The minimum spectral gap of H(s) = −Γ(s) Σσx + Λ(s) H_P over s ∈ [0, 1] (units of the schedule: GHz of H(s)
 * for D-Wave tables, ½ factors included; dimensionless for `linear`).
 *
 * Gap rule (cli.md): with H_P's ground level g-fold degenerate, the gap is E_g(s) − E_0(s), the first level
 * that does not join the ground level at s = 1; g is reported. In the symmetric sector (./symmetric-sector.ts)
 * g counts the ground level inside the sector.
 *
 * Search, in three phases (./gap/: plan.ts settles levels and solvers, points.ts evaluates, then scan.ts,
 * refine.ts, certify.ts; the 1-D minimisers are in src/util/minimize-1d.ts):
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

import type { CompiledModel } from '../../hamiltonian/compiled.js';
import { certify } from './gap/certify.js';
import { planGapSearch } from './gap/plan.js';
import { createEvaluatedPoints, solveAt } from './gap/points.js';
import { type GapSearch, refineAround } from './gap/refine.js';
import { scan } from './gap/scan.js';
import type { GapOptions, GapResult } from './gap/types.js';

export { DENSE_AUTO_MAX_QUBITS, LANCZOS_MAX_QUBITS, MAX_GAP_LEVEL } from './gap/plan.js';
export type { GapOptions, GapResult } from './gap/types.js';

/** Minimum gap of a SPIN compiled model. */
export async function minimumGap(model: CompiledModel, opts: GapOptions): Promise<GapResult> {
  const t0 = performance.now();
  const plan = planGapSearch(model, opts);
  const { g, K, points, sector } = plan;
  const ev = createEvaluatedPoints(plan, opts);

  // 1. scan
  const scanPts = await scan(ev);
  let best = scanPts[0]!;
  for (const p of scanPts) if (p.gap < best.gap) best = p;
  const search: GapSearch = { points: ev, best, candidates: 0 };

  // 2. refinement of the candidates the scan shows
  await refineAround(search, scanPts, 4);

  // 3. certification by concavity bounds, splitting intervals that may hide a lower minimum
  const { certified, extra } = await certify(search);

  best = search.best;
  // the reported levels at the minimum, when its evaluation solved only for levels 0…g
  const levelsAtMin = Array.from(
    best.values.length < K ? (await solveAt(ev, best.s, 'minimum', best.gap)).values : best.values,
  );
  let note = plan.note;
  if (!certified)
    note += `; the bound check stopped at its budget of ${plan.maxExtra} extra points with intervals still open (raise \`points\` if a narrow crossing is suspected)`;
  opts.onProgress?.({ done: ev.totalGuess, total: ev.totalGuess, label: 'done' });
  return {
    minGap: best.gap,
    sAtMin: best.s,
    groundDegeneracy: g,
    gapLevel: g,
    units: opts.schedule.energyUnit,
    sector,
    method: sector === 'symmetric' ? 'sector-dense' : plan.method,
    s: scanPts.map((p) => p.s),
    levels: scanPts.map((p) => Array.from(p.values)),
    gaps: scanPts.map((p) => p.gap),
    levelsAtMin,
    refinement: { candidates: search.candidates, evaluations: ev.evaluations - points, certification: extra },
    certified,
    matvecs: ev.matvecs,
    evaluated: { s: ev.list.map((p) => p.s), gaps: ev.list.map((p) => p.gap) },
    note,
    wallSeconds: (performance.now() - t0) / 1000,
  };
}
