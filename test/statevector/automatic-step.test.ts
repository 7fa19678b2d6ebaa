import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { linearSchedule } from '../../src/hamiltonian/schedule/linear.js';
import { annealStatevector } from '../../src/sim/statevector/anneal.js';
import { MAX_STEPS } from '../../src/sim/statevector/plan.js';
import { forward } from './helpers.js';

describe('the automatic time step', () => {
  it('refuses a model whose energy scale the step limit cannot carry before any run (issue 15 §1.8)', async () => {
    // 2 variables, h = 1e6, τ = 10: the automatic step 0.25 / (1e6 + 1) needs 4e7 steps at dt (within the limit:
    // the old code ran that whole anneal, ≈ 20 s and 1 GB) and 8e7 at dt/2 (past it)
    const bqm = BinaryQuadraticModel.fromIsing(
      [
        ['a', 1e6],
        ['b', -1e6],
      ],
      [[['a', 'b'], 1]],
    );
    const t0 = performance.now();
    const err = await annealStatevector(bqm, { schedule: linearSchedule, path: forward(10) }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ParameterError);
    expect((err as ParameterError).field).toBe('dt');
    expect((err as Error).message).toMatch(
      new RegExp(`automatic step .* would take \\d+ steps \\(at most ${MAX_STEPS}\\).*rescale`),
    );
    // refused up front: no coarse anneal of tens of millions of steps ran first
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
