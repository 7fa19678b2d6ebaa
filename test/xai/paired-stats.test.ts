import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/sim/rng.js';
import {
  averageRanks,
  bootstrapMeanCi,
  erfc,
  holmAdjust,
  signedRankCounts,
  wilcoxonSignedRank,
} from '../../src/xai/paired-stats.js';

/** Deterministic test data, d_i = round(2 sin(a i) + b, dec): the same numbers in numpy and here. */
const gen = (n: number, a: number, b: number, dec: number) =>
  Array.from({ length: n }, (_, i) => Number((Math.sin(i * a) * 2 + b).toFixed(dec)));

describe('erfc', () => {
  // scipy.special.erfc
  it.each([
    [0.1, 0.8875370839817152],
    [0.5, 0.4795001221869535],
    [1.0, 0.15729920705028516],
    [1.19, 0.092391714028315],
    [1.21, 0.08704449202733061],
    [2, 0.004677734981047266],
    [3, 2.2090496998585445e-5],
    [5, 1.5374597944280347e-12],
    [8, 1.1224297172982928e-29],
    [-1, 1.8427007929497148],
  ])('erfc(%f) = %g', (x, v) => {
    expect(Math.abs(erfc(x) - v) / v).toBeLessThan(1e-13);
  });
});

describe('Wilcoxon signed-rank test (values from scipy.stats.wilcoxon 1.17, default arguments)', () => {
  it("reproduces scipy's documented example (n = 15, exact distribution)", () => {
    const d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
    const r = wilcoxonSignedRank(d);
    expect(r.method).toBe('exact');
    expect(r.statistic).toBe(24);
    expect(r.pValue).toBeCloseTo(0.041259765625, 14);
  });

  it('uses the exact distribution for n = 20 without ties', () => {
    const d = [
      -0.151791, 0.325283, 2.163724, 1.159148, -1.141397, 0.494797, -0.123464, 0.648632, -1.108188, 0.741772,
      0.735381, 2.075626, 0.816645, 1.010547, -0.993117, 2.752729, -1.415646, 1.601802, 0.170096, -0.380647,
    ];
    const r = wilcoxonSignedRank(d);
    expect(r.method).toBe('exact');
    expect(r.statistic).toBe(62);
    expect(r.pValue).toBeCloseTo(0.11398696899414062, 14);
  });

  it('uses the exact permutation test for n ≤ 13 with ties and zeros', () => {
    const a = wilcoxonSignedRank([1.5, -0.5, 0, 2.0, 2.0, -3.0, 4.0, 0.5, 1.0]);
    expect(a.method).toBe('permutation');
    expect(a.statistic).toBe(8.5);
    expect(a.pValue).toBeCloseTo(0.2265625, 14);
    const b = wilcoxonSignedRank([0, 2, 2, 0, -1, -1, 1, 2, 2, -0]);
    expect(b.zeros).toBe(3);
    expect(b.statistic).toBe(4);
    expect(b.pValue).toBeCloseTo(0.109375, 14);
  });

  it('uses the normal approximation with tie and zero corrections otherwise', () => {
    const cases: [number[], number, number, number][] = [
      [gen(120, 1.7, 0.3, 1), 2, 2558.5, 0.010540829425679042],
      [gen(80, 0.77, -0.2, 6), 0, 1354, 0.2020218455581645],
      [gen(30, 2.3, 0.4, 1), 0, 158, 0.12512837245636618],
    ];
    for (const [d, zeros, stat, p] of cases) {
      const r = wilcoxonSignedRank(d);
      expect(r.method).toBe('normal');
      expect(r.zeros).toBe(zeros);
      expect(r.statistic).toBe(stat);
      expect(Math.abs(r.pValue - p) / p).toBeLessThan(1e-10);
    }
  });

  it('is symmetric in the sign of the differences and gives NaN when all are zero', () => {
    const d = gen(40, 0.9, 0.5, 2);
    const a = wilcoxonSignedRank(d);
    const b = wilcoxonSignedRank(d.map((v) => -v));
    expect(b.pValue).toBeCloseTo(a.pValue, 14);
    expect(b.wPlus).toBeCloseTo(a.statistic === a.wPlus ? 820 - a.wPlus : a.statistic, 10);
    expect(wilcoxonSignedRank([0, 0, 0]).pValue).toBeNaN();
  });

  it('counts the null distribution of W+ (sums to 2^n, symmetric)', () => {
    const c = signedRankCounts(10);
    expect(c.reduce((a, b) => a + b, 0)).toBe(1024);
    for (let k = 0; k < c.length; k++) expect(c[k]).toBe(c[c.length - 1 - k]);
    expect(averageRanks([3, 1, 3, 2])).toEqual({ ranks: [3.5, 1, 3.5, 2], ties: [1, 1, 2] });
  });
});

describe('bootstrap CI of a mean', () => {
  it('is seeded, has the sample mean and about the normal-theory width', () => {
    const v = gen(200, 0.37, 1, 6);
    const a = bootstrapMeanCi(v, { seed: 7 });
    expect(bootstrapMeanCi(v, { seed: 7 })).toEqual(a);
    expect(bootstrapMeanCi(v, { seed: 8 })).not.toEqual(a);
    expect(a.resamples).toBe(2000);
    const mean = v.reduce((x, y) => x + y, 0) / v.length;
    const sd = Math.sqrt(v.reduce((x, y) => x + (y - mean) ** 2, 0) / v.length);
    expect(a.mean).toBeCloseTo(mean, 12);
    // percentile interval ≈ mean ± 1.96 sd/√n; Monte Carlo error of the 2.5 % quantile of 2,000 draws ~ 5 %
    const half = (1.96 * sd) / Math.sqrt(v.length);
    expect(a.lo).toBeGreaterThan(mean - half * 1.12);
    expect(a.lo).toBeLessThan(mean - half * 0.88);
    expect(a.hi).toBeGreaterThan(mean + half * 0.88);
    expect(a.hi).toBeLessThan(mean + half * 1.12);
  });

  it('covers the true mean about 95 % of the time', () => {
    let hits = 0;
    const trials = 300;
    for (let t = 0; t < trials; t++) {
      // samples of 40 from the exponential distribution of mean 1 (skewed: the percentile interval undercovers a little)
      const rng = Rng.fromSeed(1000 + t);
      const v = Array.from({ length: 40 }, () => -Math.log(1 - rng.next()));
      const ci = bootstrapMeanCi(v, { seed: t });
      if (ci.lo <= 1 && 1 <= ci.hi) hits++;
    }
    // binomial sd of the coverage over 300 trials ≈ 1.3 %
    expect(hits / trials).toBeGreaterThan(0.88);
    expect(hits / trials).toBeLessThan(0.98);
  });

  it('adjusts p-values by Holm', () => {
    expect(holmAdjust([0.01, 0.04, 0.03, Number.NaN])).toEqual([0.03, 0.06, 0.06, Number.NaN]);
  });
});
