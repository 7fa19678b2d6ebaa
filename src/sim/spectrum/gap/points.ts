/**
 * The evaluated points of the gap search and how a new one is made: the lowest levels at s by the phase's
 * solver, warm-started from the nearest point's Ritz vectors; the gap E_g − E_0 and its Hellmann–Feynman slope;
 * the point's Rayleigh–Ritz blocks (./ritz.ts); and a memory budget for the vectors held.
 */

import type { Progress } from '../../sampler.js';
import { throwIfAborted } from '../../sampler.js';
import { hamiltonianScale } from '../lanczos.js';
import type { AtOptions } from '../levels.js';
import type { GapPlan } from './plan.js';
import { attachRitz, type CrossBlocks } from './ritz.js';
import type { Point } from './types.js';

/**
 * Which phase asks: the scan (every reported level, to scanTol) and the final solve for the reported levels at
 * the minimum (every level, to the gap's tolerance); refinement and certification (levels 0…g).
 */
export type Phase = 'scan' | 'refine' | 'certify' | 'minimum';

/** Bytes of Ritz vectors held for warm starts; past it, those farthest from the newest point are dropped. */
const VECTOR_BUDGET = 2 ** 29;

/** The search's state: every evaluated point, sorted by s, and what the evaluations cost. */
export interface EvaluatedPoints {
  readonly plan: GapPlan;
  readonly list: Point[];
  readonly cross: CrossBlocks;
  evaluations: number;
  /** Hamiltonian products (eigensolvers and the Ritz blocks' Σσx products). */
  matvecs: number;
  /** The progress total reported while the search runs (the scan plus a guess at the rest). */
  readonly totalGuess: number;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((p: Progress) => void) | undefined;
}

export function createEvaluatedPoints(
  plan: GapPlan,
  o: { signal?: AbortSignal | undefined; onProgress?: ((p: Progress) => void) | undefined },
): EvaluatedPoints {
  return {
    plan,
    list: [],
    cross: new Map(),
    evaluations: 0,
    matvecs: 0,
    totalGuess: plan.points + 40,
    signal: o.signal,
    onProgress: o.onProgress,
  };
}

function insert(list: Point[], p: Point): void {
  let i = list.length;
  while (i > 0 && list[i - 1]!.s > p.s) i--;
  list.splice(i, 0, p);
}

/** Drops the vectors farthest from `keep` while those held exceed the budget. */
function holdWithinBudget(ev: EvaluatedPoints, keep: Point): void {
  const bytes = 8 * ev.plan.N;
  let held = 0;
  for (const q of ev.list) held += (q.vectors?.length ?? 0) * bytes;
  if (held <= VECTOR_BUDGET) return;
  const byDistance = ev.list
    .filter((q) => q.vectors && q !== keep)
    .sort((a, b) => Math.abs(b.s - keep.s) - Math.abs(a.s - keep.s));
  for (const q of byDistance) {
    if (held <= VECTOR_BUDGET) break;
    held -= q.vectors!.length * bytes;
    q.vectors = undefined;
    if (q.ritz) q.ritz.Y = [];
  }
}

/**
 * A new evaluation at x, not added to the list: the levels the phase needs by its solver, warm-started from the
 * nearest point that holds vectors. `gapHint` (the gap being refined) sets the tolerance of every phase but the
 * scan's.
 */
export async function solveAt(
  ev: EvaluatedPoints,
  x: number,
  phase: Phase,
  gapHint?: number,
): Promise<Point> {
  throwIfAborted(ev.signal);
  const { plan, list } = ev;
  let near: Point | undefined;
  for (const p of list)
    if (p.vectors && p.vectors.length > 0 && (!near || Math.abs(p.s - x) < Math.abs(near.s - x))) near = p;
  // the scan and the reported levels at the minimum: every level K by the scan's solver; else levels 0…g
  const reported = phase === 'scan' || phase === 'minimum';
  const k = reported ? plan.K : plan.kGap;
  const solver = reported ? plan.scanSolver : plan.refineSolver;
  const gamma = plan.schedule.transverse(x);
  const lambda = plan.schedule.problem(x);
  const close = near !== undefined && Math.abs(near.s - x) < 0.25 / (plan.points - 1);
  const atOpts: AtOptions = {
    multiplicity: reported ? plan.copiesInScan || plan.g > 1 : plan.g > 1,
    noise: close ? 1e-4 : 0.01,
    ...(plan.g > 1 ? { block: Math.min(plan.g, 4) } : {}),
  };
  const sc = hamiltonianScale(plan.n, plan.diag, gamma, lambda);
  atOpts.tol =
    phase === 'scan' ? plan.scanTol * sc : Math.min(1e-11 * sc, 1e-2 * plan.rtol * (gapHint ?? sc));
  const r = await solver.at(x, k, near?.vectors?.slice(0, k), atOpts);
  ev.evaluations++;
  ev.matvecs += r.matvecs;
  const gi = Math.min(plan.g, r.values.length - 1);
  return {
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
}

/** The point at x: an evaluated one, or a new evaluation inserted into the list with its Ritz blocks. */
export async function evaluate(
  ev: EvaluatedPoints,
  x: number,
  phase: Exclude<Phase, 'minimum'>,
  gapHint?: number,
): Promise<Point> {
  throwIfAborted(ev.signal);
  const { plan, list } = ev;
  for (const p of list) if (p.s === x) return p;
  const p = await solveAt(ev, x, phase, gapHint);
  insert(list, p);
  if (plan.sector === 'full') {
    const i = list.indexOf(p);
    ev.matvecs += attachRitz(plan, p, list[i - 1], list[i + 1], ev.cross);
  }
  holdWithinBudget(ev, p);
  ev.onProgress?.({ done: Math.min(ev.totalGuess - 1, ev.evaluations), total: ev.totalGuess, label: phase });
  if (ev.evaluations % 8 === 0) await new Promise((res) => setImmediate(res));
  return p;
}
