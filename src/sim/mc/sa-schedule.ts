/**
 * β schedules of the classical annealer, with dwave-samplers' semantics (dwave/samplers/sa/sampler.py):
 * - the default β range from the problem's biases ({@link defaultIsingBetaRange});
 * - `linear` (numpy linspace) or `geometric` (numpy geomspace) interpolation over num_sweeps / num_sweeps_per_beta
 *   points, a single point at the cold end when that is 1;
 * - `custom`: the user's list as given.
 * β is in inverse units of the model's biases.
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';

export type BetaScheduleType = 'linear' | 'geometric' | 'custom';

export interface DefaultBetaRange {
  range: [number, number];
  /** Set when every bias is zero and the range is arbitrary (dwave-samplers warns the same way). */
  warning?: string;
}

/**
 * dwave-samplers' `_default_ising_beta_range(h, J)` with its defaults (excitation rate 0.01, T scaled with N):
 * - hot β = ln 2 / (2 max_i Σ|bias_i|) (every spin flips with probability ≥ ½; 1 when all sums are 0);
 * - cold β = ln(m / 0.01) / (2 b_min), b_min the smallest non-zero |h_i| or |J_ij| over the variables' own
 *   minima and m the number of variables whose minimum equals b_min;
 * - [0.1, 1] with a warning when every bias is zero.
 */
export function defaultIsingBetaRange(model: CompiledModel): DefaultBetaRange {
  const { n, linear, edgeU, edgeV, edgeW } = model;
  const sumAbs = new Float64Array(n);
  const minAbs = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    const a = Math.abs(linear[i]!);
    sumAbs[i] = a;
    if (a !== 0) minAbs[i] = a;
  }
  for (let k = 0; k < edgeW.length; k++) {
    const a = Math.abs(edgeW[k]!);
    for (const v of [edgeU[k]!, edgeV[k]!]) {
      sumAbs[v]! += a;
      if (a !== 0 && a < minAbs[v]!) minAbs[v] = a;
    }
  }
  let maxField = 0;
  for (let i = 0; i < n; i++) maxField = Math.max(maxField, sumAbs[i]!);
  let minField = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) minField = Math.min(minField, minAbs[i]!);
  if (minField === Number.POSITIVE_INFINITY)
    return {
      range: [0.1, 1],
      warning:
        'all biases are zero (every energy is zero): the β range is set arbitrarily to [0.1, 1] and Metropolis is non-ergodic',
    };
  const hot = maxField === 0 ? 1 : Math.LN2 / (2 * maxField);
  let count = 0;
  for (let i = 0; i < n; i++) if (minAbs[i] === minField) count++;
  const cold = Math.log(count / 0.01) / (2 * minField);
  return { range: [hot, cold] };
}

/** numpy.linspace(a, b, num) with exact end points. */
export function linspace(a: number, b: number, num: number): Float64Array {
  const out = new Float64Array(num);
  if (num === 1) {
    out[0] = a;
    return out;
  }
  const step = (b - a) / (num - 1);
  for (let k = 0; k < num; k++) out[k] = a + k * step;
  out[num - 1] = b;
  return out;
}

/** numpy.geomspace(a, b, num) for a, b > 0 (log-uniform, exact end points). */
export function geomspace(a: number, b: number, num: number): Float64Array {
  const la = Math.log10(a);
  const lb = Math.log10(b);
  const out = linspace(la, lb, num).map((x) => 10 ** x);
  out[0] = a;
  out[num - 1] = b;
  return out;
}

/** The β values swept for a linear or geometric schedule of `numBetas` points over `range`. */
export function interpolatedBetas(
  type: 'linear' | 'geometric',
  range: readonly [number, number],
  numBetas: number,
) {
  if (numBetas === 1) return Float64Array.of(range[1]);
  return type === 'linear' ? linspace(range[0], range[1], numBetas) : geomspace(range[0], range[1], numBetas);
}
