import { describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { SampleSet } from '../../src/hamiltonian/sample-set.js';
import { SpinReversalTransformComposite } from '../../src/sim/composites/spin-reversal.js';
import { ExactSolver } from '../../src/sim/exact/exact-sampler.js';

describe('sample sets of a model without variables', () => {
  it('fromSamplesBqm counts the rows from the per-row data', () => {
    const bqm = new BinaryQuadraticModel('SPIN', 1.5);
    const ss = SampleSet.fromSamplesBqm(bqm, new Int8Array(0), { numOccurrences: [3, 4] });
    expect(ss.numRows).toBe(2);
    expect([...ss.energy]).toEqual([1.5, 1.5]);
    expect(SampleSet.fromSamplesBqm(bqm, new Int8Array(0)).numRows).toBe(0);
  });

  it('the spin-reversal composite samples the empty model (found by the conformance kit)', async () => {
    const ss = await new SpinReversalTransformComposite(new ExactSolver(1)).sample(
      new BinaryQuadraticModel('BINARY', -2),
      { num_spin_reversal_transforms: 2, srt_seed: 1 },
    );
    expect(ss.numRows).toBe(2);
    expect([...ss.energy]).toEqual([-2, -2]);
  });
});
