import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseQpuResultText } from '../../src/hamiltonian/io/qpu-result-text.js';
import { Rng } from '../../src/sim/rng.js';
import {
  energyHistogram,
  fitBoltzmannBeta,
  levelProbability,
  meanResidualEnergy,
  median,
  spearman,
  totalVariationDistance,
} from '../../src/studies/validation/stats.js';

describe('energy histograms and distances', () => {
  it('groups equal energies within 1e-9 relative and computes level probabilities', () => {
    const h = energyHistogram([-38, -38.0000000000001, -36, -34], [210, 297, 40, 3]);
    expect(h.energies).toHaveLength(3);
    expect(h.energies[0]).toBeCloseTo(-38, 12);
    expect(h.counts).toEqual([507, 40, 3]);
    expect(levelProbability(h, -38)).toBeCloseTo(507 / 550, 15);
    expect(meanResidualEnergy(h, -38)).toBeCloseTo((40 * 2 + 3 * 4) / 550, 11);
  });

  it('total variation distance: 0 for equal, 1 for disjoint, ½Σ|p−q| otherwise', () => {
    const a = energyHistogram([0, 1], [1, 1]);
    expect(totalVariationDistance(a, energyHistogram([0, 1], [5, 5]))).toBe(0);
    expect(totalVariationDistance(a, energyHistogram([2], [1]))).toBe(1);
    expect(totalVariationDistance(a, energyHistogram([0, 1], [3, 1]))).toBeCloseTo(0.25, 15);
  });

  it('Spearman rho with ties and the median', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 15);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 15);
    // average ranks x = (1, 2.5, 2.5, 4), y = (1, 3, 2, 4): r = 4.5 / sqrt(4.5 · 5)
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});

describe('maximum-likelihood Boltzmann fit', () => {
  const levels = [
    { energy: -10, degeneracy: 2 },
    { energy: -8, degeneracy: 12 },
    { energy: -6, degeneracy: 40 },
    { energy: -4, degeneracy: 100 },
  ];

  it('recovers a known β from synthetic Boltzmann samples within its standard error', () => {
    for (const [beta, seed] of [
      [0.4, 1],
      [1.1, 2],
      [2.0, 3],
    ] as const) {
      const w = levels.map((l) => l.degeneracy * Math.exp(-beta * l.energy));
      const z = w.reduce((a, b) => a + b, 0);
      const rng = Rng.fromSeed(seed);
      const energies: number[] = [];
      for (let r = 0; r < 20000; r++) {
        let u = rng.nextDouble() * z;
        let k = 0;
        while (u > w[k]! && k < w.length - 1) u -= w[k++]!;
        energies.push(levels[k]!.energy);
      }
      const fit = fitBoltzmannBeta(levels, energyHistogram(energies))!;
      expect(fit.readsUsed).toBe(20000);
      expect(Math.abs(fit.beta - beta)).toBeLessThan(4 * fit.stderr);
      expect(fit.stderr).toBeLessThan(0.05);
    }
  });

  it('ignores reads outside the given levels and refuses a fit with one populated level', () => {
    const h = energyHistogram([-10, -8, 100], [50, 50, 7]);
    // equal counts on g=2 and g=12 levels: β = ln(6)/2 exactly
    expect(fitBoltzmannBeta(levels.slice(0, 2), h)!.beta).toBeCloseTo(Math.log(6) / 2, 9);
    expect(fitBoltzmannBeta(levels, energyHistogram([-10], [9]))).toBeUndefined();
  });
});

describe('QPU result text (bqpjson family)', () => {
  it('reads the documented example', () => {
    const r = parseQpuResultText(
      'd-wave parameters:\n  auto_scale - False\n  num_reads - 100\n  annealing_time - 20.0\n-12.000000 - 61\n-12.000000 - 27\n-10.000000 - 12\nBQP_SOLUTION, 3, 2, -12.0, 0.5, 1, -1, 1\nBQP_DATA, 8, 12, -12.0\n',
    );
    expect(r.parameters).toEqual({ auto_scale: false, num_reads: 100, annealing_time: 20 });
    expect(r.groups).toEqual([
      { energy: -12, count: 61 },
      { energy: -12, count: 27 },
      { energy: -10, count: 12 },
    ]);
    expect(r.bestSolution).toEqual({ energy: -12, spins: [1, -1, 1] });
  });

  it('reads a real Advantage_system4.1 result file: 2560 reads, its header, and P(E0) as in summary.json', () => {
    const path = '../../data/qpu-calibration/qpu-results/Pegasus-Lattice_Size-2_00031.stdout';
    const text = readFileSync(new URL(path, import.meta.url), 'utf8');
    const r = parseQpuResultText(text);
    expect(r.solver).toBe('Advantage_system4.1');
    expect(r.parameters).toMatchObject({
      num_reads: 2560,
      annealing_time: 62.5,
      auto_scale: false,
      num_spin_reversal_transforms: 25,
    });
    const h = energyHistogram(
      r.groups.map((g) => g.energy),
      r.groups.map((g) => g.count),
    );
    expect(h.total).toBe(2560);
    expect(levelProbability(h, -38)).toBeCloseTo(0.975, 3);
    expect(r.bestSolution!.spins).toHaveLength(24);
  });

  it('refuses files without reads and malformed lines, naming the line', () => {
    expect(() => parseQpuResultText('d-wave parameters:\n  num_reads - 10\n')).toThrow(
      /no "energy - count" lines/,
    );
    expect(() => parseQpuResultText('-1.0 - 3\nBQP_SOLUTION, 3, 1, -1, 0, 1, 1\n', 'f.txt')).toThrow(
      /f\.txt line 2: BQP_SOLUTION/,
    );
    expect(() => parseQpuResultText('d-wave parameters:\n  num_reads 10\n-1 - 2\n', 'g')).toThrow(/g line 2/);
  });
});
