import { describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { denseEigensystem } from '../../src/sim/spectrum/dense.js';
import { StatevectorSampler } from '../../src/sim/statevector/sampler.js';
import { solveFeatureQubo } from '../../src/xai/qa-select.js';
import { buildFeatureQubo } from '../../src/xai/qubo.js';
import { ANALYZE_MAX_QUBITS, defaultAnnealAnalyzer } from '../../src/xai/sim-analyzer.js';
import { seededImage } from './tiny-models.js';

describe('annealing analyzer', () => {
  it('gives the statevector F and the dense minimum gap, and reuses F from the statevector sampler', async () => {
    const alpha = [0.3, 0.5, 0.2, 0.4];
    const q = buildFeatureQubo(alpha, seededImage(3 * 3 * 4, 5), [3, 3, 4]);
    const analyzer = defaultAnnealAnalyzer()!;
    const direct = await analyzer(q.bqm, { tau: 10, dt: 0.01 });
    // F of a slow sweep is a probability; the gap is the dense E1 − E0 at the reported s
    expect(direct.successProbability!).toBeGreaterThan(0);
    expect(direct.successProbability!).toBeLessThanOrEqual(1);
    const v = denseEigensystem(compileModel(q.bqm, 'SPIN'), 1 - direct.sAtMin!, direct.sAtMin!).values;
    expect(v[1]! - v[0]!).toBeCloseTo(direct.minGap!, 8);
    // through the statevector sampler with the paper's parameters: same F (reused from its info)
    const sel = await solveFeatureQubo(
      q,
      { sampler: new StatevectorSampler(), seed: 3, tau: 10, dt: 0.01, analyzer },
      0,
    );
    expect(sel.parameters).toMatchObject({ schedule: 'linear', annealing_time: 10, dt: 0.01, num_reads: 16 });
    expect(sel.annealing!.successProbability).toBeCloseTo(direct.successProbability!, 12);
    expect(sel.annealing!.minGap).toBeCloseTo(direct.minGap!, 12);
    // a longer anneal follows the ground state better
    const slow = await analyzer(q.bqm, { tau: 100, dt: 0.01, gap: false });
    expect(slow.successProbability!).toBeGreaterThan(direct.successProbability!);
    expect(slow.minGap).toBeNull();
  });

  it('declines problems past its size limit', async () => {
    const bqm = new BinaryQuadraticModel('BINARY');
    for (let i = 0; i <= ANALYZE_MAX_QUBITS; i++) bqm.addLinear(i, -1);
    const r = await defaultAnnealAnalyzer()!(bqm, { tau: 50, dt: 0.01 });
    expect(r.successProbability).toBeNull();
    expect(r.engine).toMatch(/not analysed/);
  });
});
