import { describe, expect, it } from 'vitest';
import {
  averageDropPerImage,
  bhattacharyya,
  classHistograms,
  disentanglement,
  increasePerImage,
  meanSem,
  perClassMean,
  perturbationSeries,
  quantiles,
  trapezoidAuc,
} from '../../src/xai/metrics.js';

describe('Average Drop and Increase in Confidence', () => {
  it('matches the definition on constructed scores', () => {
    const y = [0.8, 0.5, 0.9, 0.4];
    const o = [0.4, 0.6, 0.9, 0.1];
    // 100·max(0, Y − O)/Y: 50, 0 (O > Y), 0, 75
    const drop = averageDropPerImage(y, o);
    [50, 0, 0, 75].forEach((v, i) => expect(drop[i]).toBeCloseTo(v, 10));
    expect(Array.from(increasePerImage(y, o))).toEqual([0, 1, 0, 0]);
    expect(perClassMean(drop, [0, 0, 1, 1], 3).slice(0, 2)).toEqual([25, 37.5]);
    expect(perClassMean(drop, [0, 0, 1, 1], 3)[2]).toBeNaN();
  });

  it('reproduces the paper’s Table I summary (mean ± population-std SEM over 10 classes)', () => {
    // N_f = 16 QA-fGradCAM column: printed 10.6 ± 5.11
    const qa = [13.8, 7.06, 0.67, 4.99, 14.5, 56.9, 3.43, 4.18, 0.7, 0.14];
    const s = meanSem(qa);
    expect(s.mean).toBeCloseTo(10.637, 3);
    expect(s.sem).toBeCloseTo(5.11, 2);
    // GradCAM column: 17.6 ± 5.74
    const gc = meanSem([33.1, 14.4, 3.87, 11.6, 24.8, 63.3, 7.9, 16.2, 0.72, 0.22]);
    expect(gc.mean).toBeCloseTo(17.611, 3);
    expect(gc.sem).toBeCloseTo(5.74, 2);
  });

  it('computes quartiles as numpy does', () => {
    const q = quantiles([4, 1, 3, 2, 5]);
    expect(q).toEqual({ median: 3, q1: 2, q3: 4, n: 5 });
    const q2 = quantiles([1, 2, 3, 4]);
    expect(q2.median).toBe(2.5);
    expect(q2.q1).toBe(1.75);
  });
});

describe('deletion and insertion', () => {
  it('removes or inserts pixels in saliency order', () => {
    const img = [0.1, 0.2, 0.3, 0.4];
    const heat = [0.5, 1, 0, 0.7];
    const del = perturbationSeries(img, heat, 1, 2, 'deletion');
    // steps 0, 1 (2 px: indices 1, 3 removed), 2 (all)
    expect(Array.from(del.slice(0, 4))).toEqual(Array.from(new Float32Array(img)));
    expect(Array.from(del.slice(4, 8))).toEqual(Array.from(new Float32Array([0.1, 0, 0.3, 0])));
    expect(Array.from(del.slice(8, 12))).toEqual([0, 0, 0, 0]);
    const ins = perturbationSeries(img, heat, 1, 2, 'insertion');
    expect(Array.from(ins.slice(4, 8))).toEqual(Array.from(new Float32Array([0, 0.2, 0, 0.4])));
    expect(trapezoidAuc([1, 0.5, 0])).toBeCloseTo(0.5, 12);
    expect(trapezoidAuc([0, 1, 1, 1])).toBeCloseTo(5 / 6, 12);
  });
});

describe('Bhattacharyya disentanglement', () => {
  it('gives 1 for identical, 0 for disjoint and Σ√(pq) otherwise', () => {
    expect(bhattacharyya([0.5, 0.5, 0], [0.5, 0.5, 0])).toBeCloseTo(1, 12);
    expect(bhattacharyya([1, 0, 0], [0, 0.5, 0.5])).toBe(0);
    expect(bhattacharyya([0.5, 0.5, 0], [0, 0.5, 0.5])).toBeCloseTo(0.5, 12);
  });

  it('builds per-class histograms and counts off-diagonal pairs ≥ 0.1', () => {
    // class 0 selects {0,1} and {0}; class 1 selects {1,2}; class 2 selects {3}
    const sel = [[0, 1], [0], [1, 2], [3]];
    const h = classHistograms(sel, [0, 0, 1, 2], 3, 4);
    expect(h[0]).toEqual([2 / 3, 1 / 3, 0, 0]);
    expect(h[1]).toEqual([0, 0.5, 0.5, 0]);
    expect(h[2]).toEqual([0, 0, 0, 1]);
    const d = disentanglement(h);
    const bc01 = Math.sqrt((1 / 3) * 0.5);
    expect(d.matrix[0]![1]).toBeCloseTo(bc01, 12);
    expect(d.matrix[0]![0]).toBeCloseTo(1, 12);
    expect(d.offDiagonalAtLeast0_1).toBe(1);
    expect(d.maxOffDiagonal).toBeCloseTo(bc01, 12);
    expect(d.meanOffDiagonal).toBeCloseTo(bc01 / 3, 12);
    expect(d.emptyClasses).toEqual([]);
    const withEmpty = disentanglement(classHistograms([[0], []], [0, 1], 2, 2));
    expect(withEmpty.emptyClasses).toEqual([1]);
    expect(withEmpty.matrix[1]![1]).toBe(0);
  });
});
