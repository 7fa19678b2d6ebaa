import { describe, expect, it } from 'vitest';
import { ExactSolver } from '../../src/sim/exact/exact-sampler.js';
import { solveFeatureQubo } from '../../src/xai/qa-select.js';
import { buildFeatureQubo, cosineCouplings, featureQuboEnergy } from '../../src/xai/qubo.js';
import { seededImage } from './tiny-models.js';

/** Brute-force minimum of E(x) = (1−β)Σ_{p<q} J x_p x_q − β Σ h x_p (scaled 4×, 2× in the code form). */
function bruteForce(h: Float64Array, J: Float64Array, beta: number, form: 'paper' | 'code') {
  const d = h.length;
  let best = { e: Infinity, x: 0 };
  for (let x = 0; x < 1 << d; x++) {
    let e = 0;
    for (let p = 0; p < d; p++) {
      if (!((x >> p) & 1)) continue;
      e -= (form === 'code' ? 2 : 1) * beta * h[p]!;
      for (let q = p + 1; q < d; q++)
        if ((x >> q) & 1) e += (form === 'code' ? 4 : 1) * (1 - beta) * J[p * d + q]!;
    }
    if (e < best.e - 1e-12) best = { e, x };
  }
  return best;
}

describe('feature-selection QUBO', () => {
  it('computes |cos| couplings, zero for a null map and on the diagonal', () => {
    // 2×1 maps, 3 channels: m0 = [1, 0], m1 = [−1, 1] (cos = −1/√2 → 1/√2), m2 = 0
    const maps = [1, -1, 0, 0, 1, 0];
    const J = cosineCouplings(maps, 2, 1, 3, [0, 1, 2]);
    expect(J[0 * 3 + 1]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(J[1 * 3 + 0]).toBeCloseTo(Math.SQRT1_2, 12);
    expect(J[0 * 3 + 2]).toBe(0);
    expect(J[1 * 3 + 2]).toBe(0);
    expect(J[0]).toBe(0);
  });

  it('keeps α > 0, normalises h by the maximum and labels variables by map index', () => {
    const alpha = [0.2, -0.1, 0.4, 0, 0.1];
    const maps = seededImage(3 * 3 * 5, 4);
    const q = buildFeatureQubo(alpha, maps, [3, 3, 5]);
    expect(q.kept).toEqual([0, 2, 4]);
    expect(Array.from(q.h)).toEqual([0.5, 1, 0.25]);
    expect(q.d).toBe(3);
    expect(q.bqm.vartype).toBe('BINARY');
    expect(q.bqm.getLinear(2)).toBeCloseTo(-0.7, 12);
    expect(q.bqm.getQuadratic(0, 4)).toBeCloseTo(0.3 * q.J[0 * 3 + 2]!, 12);
  });

  for (const form of ['paper', 'code'] as const) {
    it(`matches E(x) on every bit string and its minimum is the brute-force minimum (${form} form)`, async () => {
      const exact = new ExactSolver(1);
      for (let seed = 1; seed <= 6; seed++) {
        const k = 10;
        const alpha = Array.from(seededImage(k, seed), (v) => v - 0.25);
        const maps = Array.from(seededImage(4 * 4 * k, 100 + seed), (v) => Math.max(0, v - 0.4));
        const beta = [0.7, 0.5, 0.9][seed % 3]!;
        const q = buildFeatureQubo(alpha, maps, [4, 4, k], { beta, form });
        const x = new Int8Array(q.d);
        for (let m = 0; m < 1 << q.d; m++) {
          for (let p = 0; p < q.d; p++) x[p] = (m >> p) & 1;
          expect(q.bqm.energyOf(x)).toBeCloseTo(featureQuboEnergy(q, x), 12);
        }
        const ref = bruteForce(q.h, q.J, beta, form);
        const sel = await solveFeatureQubo(q, { sampler: exact, seed: 1 }, 0);
        expect(sel.energy).toBeCloseTo(ref.e, 10);
        const refSel = q.kept.filter((_, p) => (ref.x >> p) & 1);
        expect(sel.selected).toEqual(refSel);
        expect(sel.parameters).toEqual({ num_states: 1 });
        expect(sel.notApplicable).toContain('num_reads');
      }
    });
  }

  it('reports an empty selection when every α ≤ 0 (d = 0)', async () => {
    const q = buildFeatureQubo([-1, 0, -0.5], seededImage(2 * 2 * 3, 1), [2, 2, 3]);
    expect(q.d).toBe(0);
    const sel = await solveFeatureQubo(q, { sampler: new ExactSolver(1), seed: 0 }, 0);
    expect(sel.selected).toEqual([]);
    expect(sel.note).toMatch(/all α ≤ 0/);
  });

  it('β = 1 selects every positive map; β = 0 selects none', () => {
    const alpha = [0.3, 0.2, 0.5, 0.1];
    const maps = seededImage(3 * 3 * 4, 9);
    for (const [beta, expected] of [
      [1, 0b1111],
      [0, 0],
    ] as const) {
      const q = buildFeatureQubo(alpha, maps, [3, 3, 4], { beta });
      expect(bruteForce(q.h, q.J, beta, 'paper').x).toBe(expected);
    }
  });
});
