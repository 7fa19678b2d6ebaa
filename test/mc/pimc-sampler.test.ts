import { afterAll, describe, expect, it } from 'vitest';
import { ParameterError, QaError } from '../../src/errors.js';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { getSchedule } from '../../src/hamiltonian/schedule/catalog.js';
import { forwardPath } from '../../src/hamiltonian/schedule/paths.js';
import { mkToBeta } from '../../src/hamiltonian/schedule/units.js';
import { annealPimc } from '../../src/sim/mc/pimc.js';
import { PimcSampler } from '../../src/sim/mc/pimc-sampler.js';
import { closeAllPools } from '../../src/sim/threads/pool.js';
import { bruteForce, plantedIsing, randomIsing } from './instances.js';

afterAll(() => closeAllPools());

const pimc = new PimcSampler(1);

describe('PIMC anneals find known ground states', () => {
  it('planted instances on Advantage_system4.1 at 12 mK (defaults: 20 µs, 1000 sweeps)', async () => {
    for (const seed of [1, 2]) {
      const { bqm, ground } = plantedIsing(40, seed);
      const ss = await pimc.sample(bqm, { num_reads: 6, seed, num_slices: 16 });
      expect(ss.info.schedule).toMatchObject({
        name: 'Advantage_system4.1',
        temperature_mk: 12,
        num_sweeps: 1000,
      });
      expect(Math.min(...ss.energy)).toBeCloseTo(bqm.energyOf(ground), 9);
    }
  });

  it('brute-forced random instances, linear schedule with β', async () => {
    for (const seed of [3, 4]) {
      const bqm = randomIsing(12, seed, 0.4);
      const ss = await pimc.sample(bqm, { num_reads: 8, seed, schedule: 'linear', beta: 16, num_slices: 16 });
      expect(Math.min(...ss.energy)).toBeCloseTo(bruteForce(bqm).energy, 9);
    }
  });

  it('reverse anneal: a ground-state start stays there when the anneal turns back at s = 0.9', async () => {
    const { bqm, ground } = plantedIsing(30, 5);
    const ss = await pimc.sample(bqm, {
      num_reads: 4,
      seed: 8,
      num_slices: 8,
      anneal_schedule: '0,1 2,0.9 4,1',
      initial_state: Array.from(ground),
    });
    expect(ss.info.schedule).toMatchObject({ kind: 'reverse', num_sweeps: 200 });
    for (const e of ss.energy) expect(e).toBeCloseTo(bqm.energyOf(ground), 9);
  });

  it('reverse anneal to low s from an excited state relaxes to the ground state', async () => {
    const { bqm, ground } = plantedIsing(30, 6);
    const start = Array.from(ground, (v, i) => (i % 3 === 0 ? -v : v));
    const ss = await pimc.sample(bqm, {
      num_reads: 4,
      seed: 9,
      num_slices: 8,
      anneal_schedule: [
        [0, 1],
        [5, 0.25],
        [15, 1],
      ],
      initial_state: start,
    });
    expect(bqm.energyOf(Int8Array.from(start))).toBeGreaterThan(bqm.energyOf(ground));
    expect(Math.min(...ss.energy)).toBeCloseTo(bqm.energyOf(ground), 9);
  });
});

describe('the annealing-time → sweeps rule', () => {
  const bqm = randomIsing(3, 1);
  const sweepsOf = async (params: Record<string, unknown>) =>
    ((await pimc.sample(bqm, { seed: 1, num_slices: 2, ...params })).info.schedule as { num_sweeps: number })
      .num_sweeps;
  it('50 sweeps per µs by default, sweep_rate to change it, num_sweeps to override', async () => {
    expect(await sweepsOf({})).toBe(1000);
    expect(await sweepsOf({ annealing_time: 5 })).toBe(250);
    expect(await sweepsOf({ annealing_time: 5, sweep_rate: 10 })).toBe(50);
    expect(await sweepsOf({ num_sweeps: 77 })).toBe(77);
    // a pause adds sweeps in proportion to its length: 20 µs + 10 µs pause
    expect(await sweepsOf({ anneal_schedule: '0,0 8,0.4 18,0.4 30,1' })).toBe(1500);
    // linear: 100 per τ, default τ = 10
    expect(await sweepsOf({ schedule: 'linear', beta: 5 })).toBe(1000);
  });
});

describe('PIMC reads', () => {
  it('do not depend on the thread count', async () => {
    const model = compileModel(randomIsing(30, 2, 0.2), 'SPIN');
    const o = {
      schedule: getSchedule('Advantage_system4.1'),
      path: forwardPath(2),
      beta: mkToBeta(12),
      numSweeps: 100,
      numSlices: 8,
      numReads: 6,
      seed: 42,
    };
    const one = await annealPimc(model, { ...o, threads: 1 });
    const two = await annealPimc(model, { ...o, threads: 2, minSecondsForThreads: 0 });
    expect(two.threads).toBe(2);
    expect(Array.from(two.spins)).toEqual(Array.from(one.spins));
    expect(one.table.length).toBe(100);
  });

  it('readout "best" returns the lowest-energy slice of the same trajectory', async () => {
    const bqm = randomIsing(16, 3, 0.5);
    // one sweep (at s = 1) from random slices: the slices still differ when they are read
    const params = {
      num_reads: 6,
      seed: 5,
      num_slices: 8,
      num_sweeps: 1,
      schedule: 'linear',
      beta: 3,
      cluster_moves: false,
    };
    const slice = await pimc.sample(bqm, params);
    const best = await pimc.sample(bqm, { ...params, readout: 'best' });
    for (let r = 0; r < 6; r++) expect(best.energy[r]!).toBeLessThanOrEqual(slice.energy[r]! + 1e-12);
    expect(best.energy.some((e, r) => e < slice.energy[r]!)).toBe(true);
  });

  it('record parameters, seed, schedule and timing in info', async () => {
    const ss = await pimc.sample(randomIsing(3, 1), { num_sweeps: 5, num_slices: 4 });
    expect(typeof ss.info.seed).toBe('number');
    expect(ss.info.parameters).toMatchObject({
      num_slices: 4,
      num_sweeps: 5,
      seed: ss.info.seed,
      cluster_moves: true,
    });
    expect(ss.info.timing).toHaveProperty('sampling_ns');
    expect(ss.info.schedule).toMatchObject({ num_slices: 4, beta: mkToBeta(12) });
  });
});

describe('PIMC bad input (exit 2, naming the parameter)', () => {
  const bqm = randomIsing(3, 1);
  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ['zero reads', { num_reads: 0 }, /num_reads: 0 must be ≥ 1/],
    ['temperature 0', { temperature: 0 }, /temperature: 0 must be > 0/],
    ['negative temperature', { temperature: -3 }, /temperature/],
    ['non-integer sweeps', { num_sweeps: 2.5 }, /num_sweeps: 2.5 is not an integer/],
    ['one slice', { num_slices: 1 }, /num_slices: 1 must be ≥ 2/],
    [
      'readout slice out of range',
      { num_slices: 4, readout_slice: 4 },
      /readout_slice: must be < num_slices/,
    ],
    [
      'initial state of the wrong length',
      { anneal_schedule: '0,1 1,0.5 2,1', initial_state: [1, -1] },
      /initial_state: has 2 values but the model has 3/,
    ],
    [
      'initial state values',
      { anneal_schedule: '0,1 1,0.5 2,1', initial_state: [1, 0, 1] },
      /initial_state: value 1 .* use −1 or \+1/,
    ],
    ['reverse anneal without a state', { anneal_schedule: '0,1 1,0.5 2,1' }, /initial state/],
    ['linear without β', { schedule: 'linear' }, /beta: .*dimensionless/],
    [
      'temperature with linear',
      { schedule: 'linear', beta: 1, temperature: 12 },
      /temperature: .*no physical/,
    ],
    ['both time forms', { annealing_time: 5, anneal_schedule: '0,0 5,1' }, /not both/],
    ['unknown schedule', { schedule: 'Advantage_system99' }, /unknown schedule/],
  ];
  for (const [what, params, msg] of bad)
    it(what, async () => {
      const err = await pimc.sample(bqm, params).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(QaError);
      expect((err as QaError).exitCode).toBe(2);
      expect((err as Error).message).toMatch(msg);
    });

  it('the programmatic API checks too', async () => {
    const model = compileModel(bqm, 'SPIN');
    const o = {
      schedule: getSchedule('linear'),
      path: forwardPath(1, 'tau'),
      beta: 1,
      numSweeps: 3,
      numSlices: 2,
      numReads: 1,
      seed: 1,
    };
    await expect(annealPimc(model, { ...o, beta: 0 })).rejects.toThrow(ParameterError);
    await expect(annealPimc(model, { ...o, numSlices: 1 })).rejects.toThrow(/num_slices/);
    await expect(annealPimc(model, { ...o, numReads: 0 })).rejects.toThrow(/num_reads/);
    await expect(annealPimc(model, { ...o, numSweeps: 1.5 })).rejects.toThrow(/num_sweeps/);
  });
});
