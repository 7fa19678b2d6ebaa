import { afterAll, describe, expect, it } from 'vitest';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { estimatedSecondsPerRead } from '../../src/sim/mc/job-cost.js';
import { INLINE_SECONDS, runReads } from '../../src/sim/mc/parallel.js';
import type { CtPimcTask, SaTask } from '../../src/sim/mc/tasks.js';
import { closeAllPools } from '../../src/sim/threads/pool.js';
import { randomIsing } from './instances.js';

afterAll(() => closeAllPools());

describe('thread threshold by estimated time', () => {
  it('runs a continuous-time job of few updates but long estimated time on threads', async () => {
    const model = compileModel(randomIsing(30, 2, 0.3), 'SPIN');
    // a strong transverse field: ≈ 20 kinks per worldline, microseconds per qubit update
    const task: CtPimcTask = {
      kind: 'pimc-ct',
      model,
      betaGamma: new Float64Array(250).fill(20),
      betaLambda: new Float64Array(250).fill(0.5),
      seed: 3,
    };
    const reads = 8;
    const seconds = estimatedSecondsPerRead(task) * reads;
    expect(seconds).toBeGreaterThan(INLINE_SECONDS);
    expect(model.n * 250 * reads).toBeLessThan(1e5);
    const res = await runReads(task, reads, { threads: 2 });
    expect(res.threads).toBe(2);
  });

  it('keeps a short SA job on the calling thread', async () => {
    const model = compileModel(randomIsing(30, 2, 0.3), 'SPIN');
    const task: SaTask = {
      kind: 'sa',
      model,
      betas: Float64Array.from({ length: 100 }, (_, k) => 0.1 + k / 20),
      sweepsPerBeta: 1,
      seed: 1,
      expand: 'random',
    };
    expect(estimatedSecondsPerRead(task) * 20).toBeLessThan(INLINE_SECONDS);
    const res = await runReads(task, 20, { threads: 2 });
    expect(res.threads).toBe(1);
  });
});
