/**
 * Paired statistics for comparing two explanation methods on the same images: a seeded percentile bootstrap
 * of the mean paired difference, and the Wilcoxon signed-rank test as `scipy.stats.wilcoxon` computes it with
 * its defaults (SciPy 1.17: `zero_method='wilcox'`, `correction=False`, `alternative='two-sided'`,
 * `method='auto'`):
 * - zero differences are dropped, |d| ranked with average ranks for ties, W+ = Σ ranks of d > 0, and the
 *   reported statistic is min(W+, W−);
 * - n ≤ 50 (n counts the zeros too) without ties or zeros: the exact null distribution of W+;
 * - n ≤ 13 with ties or zeros: the exact permutation test over all 2ⁿ sign flips;
 * - otherwise the normal approximation z = (W+ − n'(n'+1)/4) / √((n'(n'+1)(2n'+1) − Σ(t³ − t)/2) / 24),
 *   with n' the non-zero count (the zero correction) and t the sizes of tie groups (the tie correction), no
 *   continuity correction.
 * Two-sided p-values throughout.
 */

import { Rng } from '../sim/rng.js';

/** erfc(x) with relative accuracy near machine precision (series for |x| < 1.2, continued fraction above). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 1.2) {
    // erf(x) = 2/√π e^{−x²} Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1)), all terms positive
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && term > sum * 1e-17; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  if (x > 27) return 0;
  // erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), modified Lentz
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** P(Z ≥ z) for a standard normal Z. */
export const normalSf = (z: number): number => 0.5 * erfc(z / Math.SQRT2);

/** Average ranks (1-based) of `v` and the sizes of its tie groups. */
export function averageRanks(v: readonly number[]): { ranks: number[]; ties: number[] } {
  const order = v.map((_, i) => i).sort((a, b) => v[a]! - v[b]!);
  const ranks = new Array<number>(v.length);
  const ties: number[] = [];
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && v[order[j + 1]!] === v[order[i]!]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = r;
    ties.push(j - i + 1);
    i = j + 1;
  }
  return { ranks, ties };
}

/** Counts of W+ = 0 … n(n+1)/2 under the null (each of the 2ⁿ sign patterns once); exact as float64 to n = 50. */
export function signedRankCounts(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  const c = new Float64Array(max + 1);
  c[0] = 1;
  for (let k = 1; k <= n; k++) for (let s = (k * (k + 1)) / 2; s >= k; s--) c[s]! += c[s - k]!;
  return c;
}

export type WilcoxonMethod = 'exact' | 'permutation' | 'normal';

export interface WilcoxonResult {
  /** min(W+, W−) over the non-zero differences (scipy's two-sided statistic). */
  statistic: number;
  /** W+, the rank sum of the positive differences. */
  wPlus: number;
  pValue: number;
  method: WilcoxonMethod;
  /** Differences given (zeros included). */
  n: number;
  /** Zero differences (dropped). */
  zeros: number;
  /** Normal-approximation z of W+ (null for the exact and permutation methods). */
  z: number | null;
}

/** The two-sided Wilcoxon signed-rank test of paired differences `d` (scipy.stats.wilcoxon defaults). */
export function wilcoxonSignedRank(d: ArrayLike<number>): WilcoxonResult {
  const all = Array.from(d);
  if (all.some((v) => !Number.isFinite(v))) throw new Error('wilcoxonSignedRank: differences must be finite');
  const n = all.length;
  const nz = all.filter((v) => v !== 0);
  const zeros = n - nz.length;
  const m = nz.length;
  if (m === 0) return { statistic: 0, wPlus: 0, pValue: Number.NaN, method: 'normal', n, zeros, z: null };
  const { ranks, ties } = averageRanks(nz.map(Math.abs));
  let wPlus = 0;
  let total = 0;
  nz.forEach((v, i) => {
    total += ranks[i]!;
    if (v > 0) wPlus += ranks[i]!;
  });
  const statistic = Math.min(wPlus, total - wPlus);
  const hasTies = ties.some((t) => t > 1);
  if (n <= 50 && !hasTies && zeros === 0) {
    const counts = signedRankCounts(m);
    const all2 = 2 ** m;
    const cdf = (k: number) => {
      let s = 0;
      for (let j = 0; j <= Math.min(k, counts.length - 1); j++) s += counts[j]!;
      return s / all2;
    };
    const sf = (k: number) => {
      let s = 0;
      for (let j = Math.max(0, k); j < counts.length; j++) s += counts[j]!;
      return s / all2;
    };
    const p = 2 * Math.min(sf(Math.floor(wPlus)), cdf(Math.ceil(wPlus)));
    return { statistic, wPlus, pValue: Math.min(1, p), method: 'exact', n, zeros, z: null };
  }
  if (n <= 13) {
    // exact permutation test: |d| (so the ranks) is fixed, each sign pattern of the non-zero d equally likely;
    // scipy flips the zeros too, which only repeats every pattern 2^zeros times
    const gamma = Math.abs(wPlus * 100 * Number.EPSILON);
    let le = 0;
    let ge = 0;
    const N = 2 ** m;
    for (let mask = 0; mask < N; mask++) {
      let w = 0;
      for (let i = 0; i < m; i++) if (mask & (1 << i)) w += ranks[i]!;
      if (w <= wPlus + gamma) le++;
      if (w >= wPlus - gamma) ge++;
    }
    const p = Math.min(1, 2 * Math.min(le / N, ge / N));
    return { statistic, wPlus, pValue: p, method: 'permutation', n, zeros, z: null };
  }
  const mean = (m * (m + 1)) / 4;
  const tieCorrect = ties.reduce((a, t) => a + t ** 3 - t, 0);
  const se = Math.sqrt((m * (m + 1) * (2 * m + 1) - tieCorrect / 2) / 24);
  const z = (wPlus - mean) / se;
  return {
    statistic,
    wPlus,
    pValue: Math.min(1, 2 * normalSf(Math.abs(z))),
    method: 'normal',
    n,
    zeros,
    z,
  };
}

/** The q-quantile of sorted values, linear interpolation (numpy's default). */
function sortedQuantile(v: Float64Array, q: number): number {
  const pos = q * (v.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(v.length - 1, lo + 1);
  return v[lo]! + (v[hi]! - v[lo]!) * (pos - lo);
}

export interface BootstrapCi {
  mean: number;
  lo: number;
  hi: number;
  level: number;
  resamples: number;
}

/**
 * Percentile bootstrap confidence interval of the mean of `values`: `resamples` (≥ 2,000 by default) draws
 * of n values with replacement from {@link Rng} seeded by `seed`, the interval between the (1 − level)/2 and
 * (1 + level)/2 quantiles of their means.
 */
export function bootstrapMeanCi(
  values: ArrayLike<number>,
  o: { seed: number; resamples?: number; level?: number },
): BootstrapCi {
  const v = Float64Array.from(values);
  const n = v.length;
  const resamples = o.resamples ?? 2000;
  const level = o.level ?? 0.95;
  const mean = n ? v.reduce((a, b) => a + b, 0) / n : Number.NaN;
  if (n === 0) return { mean, lo: Number.NaN, hi: Number.NaN, level, resamples };
  const rng = Rng.fromSeed(o.seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += v[rng.nextInt(n)]!;
    means[r] = s / n;
  }
  means.sort();
  return {
    mean,
    lo: sortedQuantile(means, (1 - level) / 2),
    hi: sortedQuantile(means, (1 + level) / 2),
    level,
    resamples,
  };
}

/** Holm–Bonferroni adjusted p-values (same order as given; NaN stays NaN). */
export function holmAdjust(p: readonly number[]): number[] {
  const idx = p.map((_, i) => i).filter((i) => Number.isFinite(p[i]!));
  idx.sort((a, b) => p[a]! - p[b]!);
  const out = p.map(() => Number.NaN);
  let running = 0;
  idx.forEach((i, k) => {
    running = Math.max(running, Math.min(1, (idx.length - k) * p[i]!));
    out[i] = running;
  });
  return out;
}
