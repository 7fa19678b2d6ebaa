/**
 * Ablation baselines of QA-fGradCAM: other choices of the map subset S that enter the same heatmap formula
 * Σ_{a ∈ S} ReLU(α_a A^a), so a difference in the scores is a difference of the selection alone.
 * - `positive`: every map with α > 0 (the QUBO's candidate set S+, no selection);
 * - `top-k`: the k maps of largest α, k = the QA selection's size;
 * - `random-k`: k maps drawn uniformly from S+ (several seeded draws, scores averaged over them);
 * - `exact`: the QUBO's exact minimiser (exhaustive enumeration, as dimod's ExactSolver).
 */

import { solveExact } from '../sim/exact/solve-exact.js';
import type { Rng } from '../sim/rng.js';
import type { FeatureQubo } from './qubo.js';

export const ABLATIONS = ['positive', 'top-k', 'random-k', 'exact'] as const;
export type Ablation = (typeof ABLATIONS)[number];

/** Largest d for which the exact minimiser is computed (2^20 states take ~10 ms on one thread). */
export const EXACT_ABLATION_MAX_D = 20;

/** Random draws per image for `random-k`. */
export const RANDOM_K_DRAWS = 10;

/** Maps with α > 0, ascending. */
export function positiveSelection(alpha: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let a = 0; a < alpha.length; a++) if (alpha[a]! > 0) out.push(a);
  return out;
}

/** The k maps of largest α (ties: lower index first), ascending; only maps with α > 0 are taken. */
export function topKSelection(alpha: ArrayLike<number>, k: number): number[] {
  return positiveSelection(alpha)
    .sort((a, b) => alpha[b]! - alpha[a]! || a - b)
    .slice(0, k)
    .sort((a, b) => a - b);
}

/** `draws` subsets of size k drawn uniformly without replacement from `pool` (partial Fisher–Yates), ascending. */
export function randomKSelections(pool: readonly number[], k: number, draws: number, rng: Rng): number[][] {
  const m = Math.min(k, pool.length);
  return Array.from({ length: draws }, () => {
    const p = [...pool];
    for (let i = 0; i < m; i++) {
      const j = i + rng.nextInt(p.length - i);
      const t = p[i]!;
      p[i] = p[j]!;
      p[j] = t;
    }
    return p.slice(0, m).sort((a, b) => a - b);
  });
}

export interface ExactMinimiser {
  /** A ground state of the QUBO as map indices (the first in enumeration order when degenerate). */
  selected: number[];
  groundEnergy: number;
  degeneracy: number;
  /**
   * E_1 − E_0 of H_P over its distinct levels (the classical gap: best against second-best subset), null
   * when H_P has a single level.
   */
  classicalGap: number | null;
}

/** The QUBO's exact minimiser (null when d = 0 or d > {@link EXACT_ABLATION_MAX_D}). */
export async function exactMinimiser(q: FeatureQubo): Promise<ExactMinimiser | null> {
  if (q.d === 0 || q.d > EXACT_ABLATION_MAX_D) return null;
  const sol = await solveExact(q.bqm, { levels: 2, maxGroundStates: 1, threads: 1 });
  const selected: number[] = [];
  sol.variables.forEach((label, i) => {
    if (sol.groundStates[i] === 1) selected.push(label as number);
  });
  selected.sort((a, b) => a - b);
  const [e0, e1] = sol.spectrum;
  return {
    selected,
    groundEnergy: sol.groundEnergy,
    degeneracy: sol.degeneracy,
    classicalGap: e0 && e1 ? e1.energy - e0.energy : null,
  };
}

/** Whether two ascending index lists are equal. */
export const sameSelection = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** The selections of the ablation baselines for one image (exact omitted when it was not computed). */
export function ablationSelections(
  q: FeatureQubo,
  alpha: ArrayLike<number>,
  qaSelected: readonly number[],
  exact: ExactMinimiser | null,
  rng: Rng,
  draws = RANDOM_K_DRAWS,
): { positive: number[]; 'top-k': number[]; 'random-k': number[][]; exact: number[] | null } {
  const k = qaSelected.length;
  return {
    positive: [...q.kept],
    'top-k': topKSelection(alpha, k),
    'random-k': randomKSelections(q.kept, k, draws, rng),
    exact: exact ? exact.selected : null,
  };
}

export interface SelectionRelation {
  /** The candidates S+ (maps with α > 0). */
  positive: number[];
  /** The QUBO's exact minimiser (null when d = 0 or d > {@link EXACT_ABLATION_MAX_D}). */
  exact: number[] | null;
  exactEnergy: number | null;
  /** The selection is all of S+ (the annealer kept every candidate: the heatmap is the positive-subset Grad-CAM). */
  equalsPositive: boolean;
  /** The selection is a ground state of the QUBO (null when not enumerated). */
  equalsExact: boolean | null;
  summary: string;
}

/** How a QA selection relates to the candidates and to the QUBO's exact minimiser, with a sentence. */
export async function selectionRelation(
  q: FeatureQubo,
  selected: readonly number[],
  energy: number | null,
): Promise<SelectionRelation> {
  const ex = await exactMinimiser(q);
  const equalsPositive = q.d > 0 && sameSelection(selected, q.kept);
  const equalsExact =
    ex === null
      ? null
      : sameSelection(selected, ex.selected) ||
        (energy !== null &&
          Math.abs(energy - ex.groundEnergy) <= 1e-9 * Math.max(1, Math.abs(ex.groundEnergy)));
  const of = `${selected.length} of the d = ${q.d} maps with α > 0`;
  const pos = equalsPositive
    ? ' (all of them: the heatmap equals Grad-CAM restricted to positive weights)'
    : '';
  const exact =
    ex === null
      ? q.d === 0
        ? ''
        : `; the exact minimiser is not enumerated for d > ${EXACT_ABLATION_MAX_D}`
      : equalsExact
        ? '; this is the exact minimiser of the QUBO'
        : `; the exact minimiser is [${ex.selected.join(', ')}] (energy ${ex.groundEnergy.toPrecision(4)}${energy !== null ? ` against ${energy.toPrecision(4)}` : ''})`;
  return {
    positive: [...q.kept],
    exact: ex?.selected ?? null,
    exactEnergy: ex?.groundEnergy ?? null,
    equalsPositive,
    equalsExact,
    summary: `QA selected ${of}${pos}${exact}.`,
  };
}
