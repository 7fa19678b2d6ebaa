/**
 * The annealing statistics of an evaluation: minimum gaps Δmin of H(s) = −(1 − s) Σσx + s H_P and where they
 * fall, success probabilities F per d (and for several τ), and where the gap sits: 1 − s at Δmin, Δmin per d,
 * and whether Δmin is the classical gap E_1 − E_0 of H_P (the gap at s = 1, between the best and the
 * second-best subset), which it is when the minimum falls at the end of the anneal.
 */

import { quantiles } from './metrics.js';

export interface QuantileRow {
  d: number;
  count: number;
  median: number;
  q1: number;
  q3: number;
}

export interface GapLocation {
  /** 1 − s at Δmin per image (0 when the minimum is at s = 1). */
  oneMinusS: number[];
  /** Images with the minimum at s ≥ 0.99, of those with a gap. */
  atEnd: number;
  of: number;
  /** Images whose Δmin is within 5 % of the classical gap E_1 − E_0 of H_P, of those with both. */
  classical: number;
  classicalOf: number;
  /** Median Δmin and median classical gap per d. */
  gapByD: QuantileRow[];
  classicalByD: QuantileRow[];
  /** The observation in words. */
  summary: string;
}

export interface AnnealingSummary {
  available: boolean;
  engine: string | null;
  tau: number;
  minGaps: number[];
  sAtMin: number[];
  successProbabilities: number[];
  minGapMedian: number | null;
  minGapQuartiles: [number, number] | null;
  sAtMinMedian: number | null;
  successProbabilityMedian: number | null;
  /** Median F with quartiles per d at the main τ. */
  successByD: QuantileRow[];
  /** F versus d for each τ of the sweep. */
  tauSweep: { tau: number; byD: QuantileRow[] }[];
  dHistogram: { d: number; count: number }[];
  gapLocation: GapLocation | null;
  note?: string;
}

export function groupByD(ds: readonly number[], values: readonly (number | null)[]): QuantileRow[] {
  const by = new Map<number, number[]>();
  ds.forEach((d, i) => {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v)) return;
    if (!by.has(d)) by.set(d, []);
    by.get(d)!.push(v);
  });
  return [...by.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([d, v]) => {
      const q = quantiles(v);
      return { d, count: q.n, median: q.median, q1: q.q1, q3: q.q3 };
    });
}

interface GapRecord {
  d: number;
  minGap: number | null;
  sAtMin: number | null;
  classicalGap: number | null;
  successProbability: number | null;
}

/** Where the minimum gaps fall, and the sentence that says so. */
export function gapLocation(records: readonly GapRecord[]): GapLocation | null {
  const withGap = records.filter((r) => r.minGap !== null && r.sAtMin !== null);
  if (withGap.length === 0) return null;
  const oneMinusS = withGap.map((r) => Math.max(0, 1 - r.sAtMin!));
  const atEnd = oneMinusS.filter((v) => v <= 0.01).length;
  const both = withGap.filter((r) => r.classicalGap !== null && r.classicalGap > 0);
  const classical = both.filter(
    (r) => Math.abs(r.minGap! - r.classicalGap!) <= 0.05 * r.classicalGap!,
  ).length;
  const med = quantiles(oneMinusS).median;
  const share = (a: number, b: number) => `${a} of ${b} images (${((100 * a) / b).toFixed(0)} %)`;
  const where =
    atEnd >= 0.5 * withGap.length
      ? `The minimum gap falls at the end of the anneal: s ≥ 0.99 in ${share(atEnd, withGap.length)}, median 1 − s = ${med.toExponential(1)}.`
      : `The minimum gap falls inside the anneal in most images: s ≥ 0.99 in only ${share(atEnd, withGap.length)}, median 1 − s = ${med.toPrecision(2)}.`;
  const cl = both.length
    ? classical >= 0.5 * both.length
      ? ` There H(s) ≈ s·H_P and Δmin is the classical gap E₁ − E₀ of H_P (best against second-best subset) within 5 % in ${share(classical, both.length)}: the hard part of these anneals is a classical near-degeneracy of the QUBO, not a quantum avoided crossing.`
      : ` Δmin equals the classical gap E₁ − E₀ of H_P within 5 % in only ${share(classical, both.length)}: most minima are avoided crossings away from s = 1.`
    : '';
  return {
    oneMinusS,
    atEnd,
    of: withGap.length,
    classical,
    classicalOf: both.length,
    gapByD: groupByD(
      withGap.map((r) => r.d),
      withGap.map((r) => r.minGap),
    ),
    classicalByD: groupByD(
      both.map((r) => r.d),
      both.map((r) => r.classicalGap),
    ),
    summary: where + cl,
  };
}

export function annealingSummary(
  records: readonly GapRecord[],
  o: {
    available: boolean;
    engine: string | null;
    tau: number;
    sweep: { tau: number; values: (number | null)[] }[];
  },
): AnnealingSummary {
  const ds = records.map((r) => r.d);
  const gaps = records.map((r) => r.minGap).filter((v): v is number => v !== null);
  const sMin = records.map((r) => r.sAtMin).filter((v): v is number => v !== null);
  const Fs = records.map((r) => r.successProbability).filter((v): v is number => v !== null);
  const dCounts = new Map<number, number>();
  for (const d of ds) dCounts.set(d, (dCounts.get(d) ?? 0) + 1);
  const gq = quantiles(gaps);
  return {
    available: o.available,
    engine: o.engine,
    tau: o.tau,
    minGaps: gaps,
    sAtMin: sMin,
    successProbabilities: Fs,
    minGapMedian: gaps.length ? gq.median : null,
    minGapQuartiles: gaps.length ? [gq.q1, gq.q3] : null,
    sAtMinMedian: sMin.length ? quantiles(sMin).median : null,
    successProbabilityMedian: Fs.length ? quantiles(Fs).median : null,
    successByD: groupByD(
      ds,
      records.map((r) => r.successProbability),
    ),
    tauSweep: o.sweep.map((s) => ({ tau: s.tau, byD: groupByD(ds, s.values) })),
    dHistogram: [...dCounts.entries()].sort((a, b) => a[0] - b[0]).map(([d, count]) => ({ d, count })),
    gapLocation: gapLocation(records),
    ...(o.available
      ? {}
      : {
          note: 'minimum gaps and success probabilities were not computed (no annealing analyzer: --no-anneal-stats)',
        }),
  };
}
