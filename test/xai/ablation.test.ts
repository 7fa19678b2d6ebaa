import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/sim/rng.js';
import {
  ablationSelections,
  exactMinimiser,
  positiveSelection,
  randomKSelections,
  sameSelection,
  topKSelection,
} from '../../src/xai/ablation.js';
import { gapLocation } from '../../src/xai/eval-annealing.js';
import { pairedComparisons } from '../../src/xai/eval-compare.js';
import { buildFeatureQubo, featureQuboEnergy } from '../../src/xai/qubo.js';

/** Maps of 3 × 3 pixels, 5 channels (NHWC) with distinct patterns; α with three positive entries. */
function problem() {
  const k = 5;
  const maps = new Float64Array(9 * k);
  for (let p = 0; p < 9; p++)
    for (let a = 0; a < k; a++) maps[p * k + a] = Math.sin(1 + p * (a + 1) * 0.7) + (a === 3 ? 1 : 0);
  const alpha = [0.5, -0.2, 0.9, 0.3, 0];
  return { maps, alpha, shape: [3, 3, k] as [number, number, number] };
}

describe('ablation selections', () => {
  it('positive: maps with α > 0; top-k: the k largest α (ties by index), ascending', () => {
    const a = [0.5, -0.2, 0.9, 0.3, 0, 0.9];
    expect(positiveSelection(a)).toEqual([0, 2, 3, 5]);
    expect(topKSelection(a, 2)).toEqual([2, 5]);
    expect(topKSelection(a, 3)).toEqual([0, 2, 5]);
    expect(topKSelection(a, 0)).toEqual([]);
    // never more than the positive maps
    expect(topKSelection(a, 10)).toEqual([0, 2, 3, 5]);
  });

  it('random-k: seeded draws of k distinct maps from the pool, uniform over the subsets', () => {
    const pool = [1, 4, 6, 9];
    const a = randomKSelections(pool, 2, 6000, Rng.fromSeed(3));
    expect(randomKSelections(pool, 2, 6000, Rng.fromSeed(3))).toEqual(a);
    const counts = new Map<string, number>();
    for (const s of a) {
      expect(s).toHaveLength(2);
      expect(new Set(s).size).toBe(2);
      expect(s.every((v) => pool.includes(v))).toBe(true);
      expect(s[0]!).toBeLessThan(s[1]!);
      counts.set(s.join(','), (counts.get(s.join(',')) ?? 0) + 1);
    }
    // C(4, 2) = 6 subsets, 1000 expected each; binomial sd ≈ 29
    expect(counts.size).toBe(6);
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(150);
    expect(randomKSelections(pool, 9, 1, Rng.fromSeed(1))[0]).toEqual(pool);
  });

  it('exact: the enumerated minimiser of the QUBO, its classical gap, and the other baselines of one image', async () => {
    const { maps, alpha, shape } = problem();
    const q = buildFeatureQubo(alpha, maps, shape, { beta: 0.7 });
    expect(q.kept).toEqual([0, 2, 3]);
    const ex = (await exactMinimiser(q))!;
    // brute force over the 2^3 subsets
    const energies = Array.from({ length: 8 }, (_, m) =>
      featureQuboEnergy(q, [m & 1, (m >> 1) & 1, (m >> 2) & 1]),
    );
    const sorted = [...energies].sort((x, y) => x - y);
    expect(ex.groundEnergy).toBeCloseTo(sorted[0]!, 12);
    expect(ex.classicalGap).toBeCloseTo(sorted.find((e) => e > sorted[0]! + 1e-12)! - sorted[0]!, 12);
    const best = energies.indexOf(sorted[0]!);
    expect(ex.selected).toEqual(q.kept.filter((_, p) => (best >> p) & 1));
    const abl = ablationSelections(q, alpha, [2], ex, Rng.fromSeed(0), 10);
    expect(abl.positive).toEqual([0, 2, 3]);
    expect(abl['top-k']).toEqual([2]);
    expect(abl['random-k']).toHaveLength(10);
    for (const s of abl['random-k']) expect(s).toHaveLength(1);
    expect(abl.exact).toEqual(ex.selected);
    expect(sameSelection([1, 2], [1, 2])).toBe(true);
    expect(sameSelection([1, 2], [1])).toBe(false);
  });

  it('exact is not computed for an empty QUBO', async () => {
    const { maps, shape } = problem();
    const q = buildFeatureQubo([-1, -1, -1, -1, -1], maps, shape);
    expect(await exactMinimiser(q)).toBeNull();
  });
});

describe('paired comparisons', () => {
  it('gives the mean difference, the split, the Wilcoxon test and a sentence', () => {
    const va = [10, 12, 8, 30, 5, 7, 9, 11, 13, 6, 4, 20, 22, 8, 9];
    const vb = va.map((v, i) => v + 3 + (i % 3) - (i === 4 ? 5 : 0));
    const [c] = pairedComparisons([{ a: 'qa', b: 'gradcam', va, vb }], {
      seed: 1,
      name: (m) => m.toUpperCase(),
    });
    const d = va.map((v, i) => v - vb[i]!);
    expect(c!.n).toBe(15);
    expect(c!.meanDifference).toBeCloseTo(d.reduce((x, y) => x + y, 0) / 15, 12);
    expect(c!.aLower).toBe(d.filter((v) => v < 0).length);
    expect(c!.aHigher).toBe(d.filter((v) => v > 0).length);
    expect(c!.ci95[0]).toBeLessThan(c!.meanDifference);
    expect(c!.ci95[1]).toBeGreaterThan(c!.meanDifference);
    expect(c!.bootstrapResamples).toBeGreaterThanOrEqual(2000);
    expect(c!.significant).toBe(c!.wilcoxon.pValue < 0.05);
    expect(c!.summary).toMatch(/^QA vs GRADCAM: QA's Average Drop is [\d.]+ points lower/);
    expect(c!.summary).toMatch(/Wilcoxon p = /);
  });

  it('skips images without both scores and says when nothing differs; Holm adjusts over the list', () => {
    const same = pairedComparisons(
      [
        { a: 'qa', b: 'exact', va: [1, 2, 3], vb: [1, 2, 3] },
        { a: 'qa', b: 'x', va: [1, Number.NaN, 3, 4], vb: [2, 5, null, 1] },
      ],
      { seed: 0, name: (m) => m },
    );
    expect(same[0]!.summary).toMatch(/same Average Drop on all 3 images/);
    expect(same[1]!.n).toBe(2);
    expect(same[1]!.pHolm).toBeGreaterThanOrEqual(same[1]!.wilcoxon.pValue);
  });
});

describe('gap location', () => {
  it('counts minima at the end of the anneal and those equal to the classical gap, in words', () => {
    const recs = [
      { d: 3, minGap: 0.1, sAtMin: 0.999, classicalGap: 0.1001, successProbability: 0.5 },
      { d: 3, minGap: 0.05, sAtMin: 0.9995, classicalGap: 0.05, successProbability: 0.4 },
      { d: 4, minGap: 0.02, sAtMin: 0.6, classicalGap: 0.2, successProbability: 0.3 },
      { d: 4, minGap: null, sAtMin: null, classicalGap: 0.3, successProbability: null },
    ];
    const g = gapLocation(recs)!;
    expect(g.of).toBe(3);
    expect(g.atEnd).toBe(2);
    expect(g.classical).toBe(2);
    expect(g.classicalOf).toBe(3);
    expect(g.oneMinusS[2]).toBeCloseTo(0.4, 12);
    expect(g.summary).toMatch(/falls at the end of the anneal: s ≥ 0.99 in 2 of 3 images/);
    expect(g.gapByD.map((r) => r.d)).toEqual([3, 4]);
    expect(
      gapLocation([{ d: 2, minGap: null, sAtMin: null, classicalGap: null, successProbability: null }]),
    ).toBeNull();
  });
});
