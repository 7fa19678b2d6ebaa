/**
 * Paired comparisons of two explanation methods on the same images: the per-image difference of Average Drop
 * (method a − method b, percentage points; negative: a drops the class probability less, a is more
 * faithful), its mean with a seeded 95 % bootstrap CI, the Wilcoxon signed-rank p-value, a Holm adjustment
 * over the list, and one sentence that says what the data say.
 */

import { bootstrapMeanCi, holmAdjust, type WilcoxonMethod, wilcoxonSignedRank } from './paired-stats.js';

export interface PairedComparison {
  a: string;
  b: string;
  metric: 'averageDrop';
  /** Images scored by both methods. */
  n: number;
  /** Mean of a − b over the images (equal to the difference of the class means when classes have equal counts). */
  meanDifference: number;
  ci95: [number, number];
  bootstrapResamples: number;
  bootstrapSeed: number;
  wilcoxon: { statistic: number; pValue: number; method: WilcoxonMethod; zeros: number; z: number | null };
  /** Holm-adjusted p-value over the comparisons of the same list. */
  pHolm: number;
  /** Images where a's drop is lower, higher, equal. */
  aLower: number;
  aHigher: number;
  equal: number;
  /** Wilcoxon p < 0.05 (two-sided). */
  significant: boolean;
  summary: string;
}

export interface ComparisonInput {
  a: string;
  b: string;
  /** Per-image values of a and b (NaN or null where a method has no score). */
  va: readonly (number | null)[];
  vb: readonly (number | null)[];
}

const fmtP = (p: number) =>
  !Number.isFinite(p) ? 'undefined' : p < 1e-4 ? p.toExponential(1) : p < 0.01 ? p.toFixed(4) : p.toFixed(3);
const pts = (v: number) => Math.abs(v).toFixed(1);

/** One sentence: size and direction with its CI, how many images go each way, the test and its verdict. */
export function comparisonSentence(
  c: Omit<PairedComparison, 'summary'>,
  name: (m: string) => string,
): string {
  const [A, B] = [name(c.a), name(c.b)];
  if (c.n === 0) return `${A} vs ${B}: no image has both scores.`;
  if (c.equal === c.n)
    return `${A} and ${B} give the same Average Drop on all ${c.n} images: nothing to test.`;
  const dir = c.meanDifference < 0 ? 'lower' : 'higher';
  const ci = `95 % CI ${c.ci95[0].toFixed(1)} to ${c.ci95[1].toFixed(1)}`;
  const split = `${A} is lower on ${c.aLower}, higher on ${c.aHigher}${c.equal ? `, equal on ${c.equal}` : ''} of ${c.n} images`;
  const ciExcludes0 = c.ci95[0] > 0 || c.ci95[1] < 0;
  const verdict = c.significant
    ? ciExcludes0
      ? 'a significant difference'
      : 'the signed-rank test finds a difference although the CI of the mean includes 0'
    : ciExcludes0
      ? 'the CI of the mean excludes 0 but the signed-rank test finds no significant difference'
      : 'no significant difference';
  return `${A} vs ${B}: ${A}'s Average Drop is ${pts(c.meanDifference)} points ${dir} on average (${ci}); ${split}; Wilcoxon p = ${fmtP(c.wilcoxon.pValue)} (Holm ${fmtP(c.pHolm)}): ${verdict}.`;
}

/** Paired comparisons of the inputs, bootstrap seeded by `seed` and the comparison's position. */
export function pairedComparisons(
  inputs: readonly ComparisonInput[],
  o: { seed: number; resamples?: number; name: (m: string) => string },
): PairedComparison[] {
  const base = inputs.map((inp, k) => {
    const d: number[] = [];
    inp.va.forEach((x, i) => {
      const y = inp.vb[i];
      if (x !== null && y !== null && y !== undefined && Number.isFinite(x) && Number.isFinite(y))
        d.push(x - y);
    });
    const bootstrapSeed = o.seed * 1000 + k;
    const ci = bootstrapMeanCi(d, { seed: bootstrapSeed, resamples: o.resamples ?? 2000 });
    const w = wilcoxonSignedRank(d);
    return {
      a: inp.a,
      b: inp.b,
      metric: 'averageDrop' as const,
      n: d.length,
      meanDifference: ci.mean,
      ci95: [ci.lo, ci.hi] as [number, number],
      bootstrapResamples: ci.resamples,
      bootstrapSeed,
      wilcoxon: { statistic: w.statistic, pValue: w.pValue, method: w.method, zeros: w.zeros, z: w.z },
      aLower: d.filter((v) => v < 0).length,
      aHigher: d.filter((v) => v > 0).length,
      equal: d.filter((v) => v === 0).length,
    };
  });
  const holm = holmAdjust(base.map((c) => c.wilcoxon.pValue));
  return base.map((c, k) => {
    const full = { ...c, pHolm: holm[k]!, significant: c.wilcoxon.pValue < 0.05 };
    return { ...full, summary: comparisonSentence(full, o.name) };
  });
}
