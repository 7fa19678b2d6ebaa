import { describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { linearSchedule } from '../../src/hamiltonian/schedule/linear.js';
import { denseEigensystem } from '../../src/sim/spectrum/dense.js';
import { minimumGap } from '../../src/sim/spectrum/gap.js';
import { scaledDriverSchedule } from '../../src/xai/sim-analyzer.js';
import { seededImage } from './tiny-models.js';

function featureLikeQubo(d: number, seed: number): BinaryQuadraticModel {
  const r = seededImage(d + (d * (d - 1)) / 2, seed);
  const bqm = new BinaryQuadraticModel('BINARY');
  let k = 0;
  for (let i = 0; i < d; i++) bqm.addLinear(i, -0.7 * r[k++]!);
  for (let i = 0; i < d; i++) for (let j = i + 1; j < d; j++) bqm.addQuadratic(i, j, 0.3 * r[k++]!);
  return bqm;
}

/** The gap search as the XAI analyzer runs it (sim-analyzer.ts): 41 scan points, then refinement. */
const analyzerGap = (bqm: BinaryQuadraticModel, schedule = linearSchedule) =>
  minimumGap(compileModel(bqm, 'SPIN'), { schedule, points: 41, levels: 1 });

/** Brute force: E_1 − E_0 of the dense H(s) on a fine grid, then the grid minimum. */
function denseGapOnGrid(bqm: BinaryQuadraticModel, schedule = linearSchedule, points = 2001) {
  const m = compileModel(bqm, 'SPIN');
  let best = { s: 0, gap: Infinity };
  for (let k = 0; k < points; k++) {
    const s = k / (points - 1);
    const v = denseEigensystem(m, schedule.transverse(s), schedule.problem(s)).values;
    if (v[1]! - v[0]! < best.gap) best = { s, gap: v[1]! - v[0]! };
  }
  return best;
}

describe('minimum-gap search for feature QUBOs (as the XAI analyzer runs it)', () => {
  for (const [d, seed] of [
    [3, 1],
    [4, 2],
    [5, 7],
  ] as const) {
    it(`agrees with dense diagonalisation on a fine grid (d = ${d})`, async () => {
      const bqm = featureLikeQubo(d, seed);
      const ref = denseGapOnGrid(bqm, linearSchedule, 801);
      const r = await analyzerGap(bqm);
      expect(r.groundDegeneracy).toBe(1);
      // the refined minimum is no higher than the grid minimum and within its resolution
      expect(r.minGap).toBeLessThanOrEqual(ref.gap + 1e-9);
      expect(r.minGap).toBeGreaterThan(ref.gap - 1e-3 * ref.gap);
      expect(Math.abs(r.sAtMin - ref.s)).toBeLessThan(2e-3);
      // and the level gap at the reported s is the reported gap
      const v = denseEigensystem(compileModel(bqm, 'SPIN'), 1 - r.sAtMin, r.sAtMin).values;
      expect(v[1]! - v[0]!).toBeCloseTo(r.minGap, 8);
    });
  }

  it('uses the schedule (the code form divides the driver by d)', async () => {
    const bqm = featureLikeQubo(4, 3);
    const sched = scaledDriverSchedule(4);
    const ref = denseGapOnGrid(bqm, sched, 801);
    const r = await analyzerGap(bqm, sched);
    expect(r.groundDegeneracy).toBe(1);
    expect(r.minGap).toBeCloseTo(ref.gap, 3);
  });

  it('degenerate problems follow the gap rule (E_g − E_0 with g the ground degeneracy)', async () => {
    const bqm = new BinaryQuadraticModel('BINARY');
    bqm.addLinear(0, -1);
    bqm.addLinear(1, 0);
    const r = await analyzerGap(bqm);
    expect(r.groundDegeneracy).toBe(2);
    expect(r.gapLevel).toBe(2);
  });
});
