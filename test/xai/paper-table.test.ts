import { describe, expect, it } from 'vitest';
import { type AverageDropOf, comparableHalf, PAPER_TABLE_I, paperBlock } from '../../src/xai/paper-table.js';
import { countAxisMax, histogramSvg, matrixSvg, ticks } from '../../src/xai/svg-charts.js';

const scores = (perClass: number[]): AverageDropOf => ({
  averageDrop: { perClass, mean: perClass.reduce((a, b) => a + b, 0) / perClass.length, sem: 1 },
});

describe("the paper's Table I", () => {
  it('holds both halves; every printed mean ± SEM follows from its rows but the noted N_f = 16 Grad-CAM++ one', () => {
    const b = paperBlock(
      { gradcam: scores([3]), 'gradcam++': scores([2]), qa: scores([1]) },
      {
        numMaps: 16,
        dataset: 'fashion-mnist',
        sampler: 'statevector',
      },
    );
    for (const [half, h] of Object.entries(PAPER_TABLE_I.halves))
      for (const [m, col] of Object.entries(h.methods)) {
        expect(col.perClass).toHaveLength(10);
        const re = b.recomputed[half as 'nf16'][m]!;
        if (half === 'nf16' && m === 'gradcam++') {
          expect(re.mean).toBeCloseTo(12.53, 2);
          expect(re.sem).toBeCloseTo(5.04, 2);
        } else {
          // printed to 3 significant digits (N_f = 512 Grad-CAM++: 6.72 ± 2.03 from the rows, 6.73 ± 2.04 printed)
          expect(Math.abs(re.mean - col.mean)).toBeLessThan(0.05);
          expect(Math.abs(re.sem - col.sem)).toBeLessThan(0.05);
        }
      }
    expect(PAPER_TABLE_I.halves.nf512.methods.qa.mean).toBe(18.4);
    expect(PAPER_TABLE_I.halves.nf16.methods.qa.mean).toBe(10.6);
    expect(b.comparedHalf).toBe('nf16');
    expect(b.ordering).toEqual({
      paper: ['qa', 'gradcam++', 'gradcam'],
      ours: ['qa', 'gradcam++', 'gradcam'],
      same: true,
    });
  });

  it('compares a run with the half nearest in N_f, and states a different ordering', () => {
    expect(comparableHalf(16)).toBe('nf16');
    expect(comparableHalf(32)).toBe('nf16');
    expect(comparableHalf(256)).toBe('nf512');
    expect(comparableHalf(512)).toBe('nf512');
    const b = paperBlock(
      { gradcam: scores([1]), 'gradcam++': scores([2]), qa: scores([3]) },
      {
        numMaps: 512,
        dataset: null,
        sampler: 'sa',
      },
    );
    expect(b.comparedHalf).toBe('nf512');
    expect(b.ordering.paper).toEqual(['gradcam', 'gradcam++', 'qa']);
    expect(b.ordering.same).toBe(true);
    expect(b.ours.methods.qa!.perClass).toEqual([3]);
  });
});

describe('report charts', () => {
  it('count axes have integer ticks and headroom above the tallest bar', () => {
    expect(ticks({ label: '', integer: true }, 0, 3)).toEqual([0, 1, 2, 3]);
    expect(ticks({ label: '', integer: true }, 0, 60).every(Number.isInteger)).toBe(true);
    for (const m of [1, 3, 7, 20, 37, 60, 199]) {
      expect(countAxisMax(m)).toBeGreaterThan(m);
      expect(Number.isInteger(countAxisMax(m))).toBe(true);
    }
    const svg = histogramSvg(
      [1, 1, 2, 2, 2, 3],
      [0.5, 1.5, 2.5, 3.5],
      { label: 'd', integer: true },
      { label: 'n' },
    );
    // the frame's top is y = 24; the tallest bar (3) stays below it
    const ys = [
      ...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="[\d.]+" fill="#4a7bd0"/g),
    ].map((m) => Number(m[1]));
    expect(Math.min(...ys)).toBeGreaterThan(24);
    expect(svg).not.toMatch(/>\d+\.\d+<\/text>/);
  });

  it('matrices carry a colour bar and labels of at least 11 px', () => {
    const svg = matrixSvg(
      [
        [1, 0.5],
        [0.5, 1],
      ],
      ['a', 'b'],
    );
    expect(svg).toMatch(/Bhattacharyya coefficient/);
    const sizes = [...svg.matchAll(/font-size="(\d+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
  });
});
