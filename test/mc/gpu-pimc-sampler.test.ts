import { afterAll, describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.js';
import { compileModel, energies } from '../../src/hamiltonian/compiled.js';
import type { AnnealTable } from '../../src/sim/mc/anneal-table.js';
import { simulatePimcGpu } from '../../src/sim/mc/gpu-pimc-reads.js';
import { PimcSampler } from '../../src/sim/mc/pimc-sampler.js';
import { closeAllPools } from '../../src/sim/threads/pool.js';
import { plantedIsing, randomIsing } from './instances.js';
import { trotterAverages } from './reference.js';

afterAll(() => closeAllPools());

/** A constant table: every sweep at the same βΓ, βΛ (equilibrium sampling at one s). */
function constantTable(sweeps: number, betaGamma: number, betaLambda: number): AnnealTable {
  return {
    length: sweeps,
    s: new Float64Array(sweeps).fill(0.5),
    betaGamma: new Float64Array(sweeps).fill(betaGamma),
    betaLambda: new Float64Array(sweeps).fill(betaLambda),
  };
}

describe('pimc on the gpu.js backend', () => {
  it('samples the exact P-slice distribution at fixed s (n = 5, P = 4, 400 reads)', async () => {
    const model = compileModel(randomIsing(5, 31), 'SPIN');
    const P = 4;
    const res = await simulatePimcGpu(model, constantTable(300, 2, 3), {
      numSlices: P,
      numReads: 400,
      seed: 9,
      readout: 'random',
      mode: 'webasm',
    });
    const e = Array.from(energies(model, res.spins, 400));
    const mean = e.reduce((a, b) => a + b, 0) / e.length;
    const sd = Math.sqrt(e.reduce((a, b) => a + (b - mean) ** 2, 0) / (e.length - 1));
    const exact = trotterAverages(model, 2, 3, P).energyP;
    // independent reads: the standard error is sd/√400
    expect(Math.abs(mean - exact)).toBeLessThan(4.5 * (sd / 20));
    expect(res.backend).toBe('webasm');
  });

  it('gives every read the same spins whatever batch it ran in', async () => {
    const model = compileModel(randomIsing(8, 4), 'SPIN');
    const o = { numSlices: 6, numReads: 5, seed: 3, readout: 'best' as const, mode: 'webasm' as const };
    const table = constantTable(40, 1, 2);
    const one = await simulatePimcGpu(model, table, { ...o, batch: 1 });
    const all = await simulatePimcGpu(model, table, { ...o, batch: 5 });
    expect(Array.from(all.spins)).toEqual(Array.from(one.spins));
  });

  it('the sampler finds a planted ground state, names its kernels, and refuses cluster moves', async () => {
    const pimc = new PimcSampler(1);
    const { bqm, ground } = plantedIsing(16, 2);
    const ss = await pimc.sample(bqm, {
      backend: 'gpu',
      num_reads: 8,
      seed: 1,
      schedule: 'linear',
      beta: 8,
      num_slices: 8,
      num_sweeps: 400,
    });
    expect(Math.min(...ss.energy)).toBeCloseTo(bqm.energyOf(ground), 9);
    expect(ss.info.kernel).toMatch(/^gpu\.js:(webgpu|webasm)$/);
    expect((ss.info.parameters as Record<string, unknown>).cluster_moves).toBe(false);
    await expect(
      pimc.sample(bqm, { backend: 'gpu', cluster_moves: true, schedule: 'linear', beta: 1 }),
    ).rejects.toThrow(ParameterError);
  });
});
