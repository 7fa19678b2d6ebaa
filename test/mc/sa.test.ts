import { afterAll, describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { runReads } from '../../src/sim/mc/parallel.js';
import { SimulatedAnnealingSampler } from '../../src/sim/mc/sa-sampler.js';
import { defaultIsingBetaRange, geomspace, interpolatedBetas } from '../../src/sim/mc/sa-schedule.js';
import type { SaTask } from '../../src/sim/mc/tasks.js';
import { closeAllPools } from '../../src/sim/threads/pool.js';
import { bruteForce, plantedIsing, randomIsing } from './instances.js';

afterAll(() => closeAllPools());

describe('default β range (dwave-samplers _default_ising_beta_range)', () => {
  it('triangle with h = 0, J = 1 (the dwave-samplers docstring example)', () => {
    const bqm = BinaryQuadraticModel.fromIsing(
      [
        ['a', 0],
        ['b', 0],
        ['c', 0],
      ],
      [
        [['a', 'b'], 1],
        [['b', 'c'], 1],
        [['a', 'c'], 1],
      ],
    );
    // Σ|bias| = 2 per spin → hot = ln2/(2·2); min bias 1 on 3 spins → cold = ln(3/0.01)/(2·1)
    const { range } = defaultIsingBetaRange(compileModel(bqm, 'SPIN'));
    expect(range[0]).toBeCloseTo(Math.LN2 / 4, 14);
    expect(range[1]).toBeCloseTo(Math.log(300) / 2, 14);
    expect(range[0]).toBeCloseTo(0.17328679513998632, 14);
    expect(range[1]).toBeCloseTo(2.8518912373281005, 12);
  });

  it('h = (0.5, −0.5), J = −1 (the SimulatedAnnealingSampler.sample docstring model)', () => {
    const bqm = BinaryQuadraticModel.fromIsing(
      [
        ['a', 0.5],
        ['b', -0.5],
      ],
      [[['a', 'b'], -1]],
    );
    // Σ|bias| = 1.5 → hot = ln2/3; min bias 0.5 on both spins → cold = ln(2/0.01)/(2·0.5) = ln 200
    const { range } = defaultIsingBetaRange(compileModel(bqm, 'SPIN'));
    expect(range[0]).toBeCloseTo(0.23104906018664842, 14);
    expect(range[1]).toBeCloseTo(5.298317366548036, 12);
  });

  it('a BINARY model is converted to SPIN first', () => {
    // −x0 + 2 x0 x1  →  h = (0, 0.5), J01 = 0.5  →  hot = ln2/(2·1), cold = ln(2/0.01)/(2·0.5)
    const bqm = BinaryQuadraticModel.fromQubo([
      [[0, 0], -1],
      [[0, 1], 2],
    ]);
    const { range } = defaultIsingBetaRange(compileModel(bqm, 'SPIN'));
    expect(range[0]).toBeCloseTo(Math.LN2 / 2, 14);
    expect(range[1]).toBeCloseTo(Math.log(200), 12);
  });

  it('all-zero biases give [0.1, 1] with a warning', () => {
    const bqm = BinaryQuadraticModel.fromIsing([['a', 0]], [[['a', 'b'], 0]]);
    const d = defaultIsingBetaRange(compileModel(bqm, 'SPIN'));
    expect(d.range).toEqual([0.1, 1]);
    expect(d.warning).toMatch(/zero/);
  });

  it('the sampler reports it in info.beta_range and info.beta_schedule_type', async () => {
    const bqm = BinaryQuadraticModel.fromIsing(
      [
        ['a', 0.5],
        ['b', -0.5],
      ],
      [[['a', 'b'], -1]],
    );
    const ss = await new SimulatedAnnealingSampler(1).sample(bqm, { seed: 1, num_sweeps: 10 });
    expect(ss.info.beta_range).toEqual(defaultIsingBetaRange(compileModel(bqm, 'SPIN')).range);
    expect(ss.info.beta_schedule_type).toBe('geometric');
    expect(ss.numRows).toBe(1); // dimod's default: one read
  });
});

describe('β schedules', () => {
  it('geometric and linear interpolation keep the end points; one β means the cold end', () => {
    const g = interpolatedBetas('geometric', [0.1, 10], 5);
    expect(Array.from(g)).toEqual([
      0.1,
      expect.closeTo(10 ** -0.5, 14),
      expect.closeTo(1, 14),
      expect.closeTo(10 ** 0.5, 14),
      10,
    ]);
    const l = interpolatedBetas('linear', [1, 3], 3);
    expect(Array.from(l)).toEqual([1, 2, 3]);
    expect(Array.from(interpolatedBetas('geometric', [0.1, 10], 1))).toEqual([10]);
    expect(geomspace(2, 2, 3)[1]).toBeCloseTo(2, 14);
  });
});

describe('SA finds known ground states', () => {
  it('planted ±J instances (n = 64)', async () => {
    const sa = new SimulatedAnnealingSampler(1);
    for (const seed of [1, 2, 3]) {
      const { bqm, ground } = plantedIsing(64, seed);
      const ss = await sa.sample(bqm, { num_reads: 8, seed });
      expect(Math.min(...ss.energy)).toBeCloseTo(bqm.energyOf(ground), 9);
    }
  });

  it('brute-forced random instances (n = 14)', async () => {
    const sa = new SimulatedAnnealingSampler(1);
    for (const seed of [4, 5, 6]) {
      const bqm = randomIsing(14, seed, 0.4);
      const exact = bruteForce(bqm);
      const ss = await sa.sample(bqm, { num_reads: 10, seed, num_sweeps: 500 });
      expect(Math.min(...ss.energy)).toBeCloseTo(exact.energy, 9);
      // energies are the model's, rows the model's vartype
      const r = ss.lowestIndex();
      expect(bqm.energyOf(ss.row(r))).toBeCloseTo(ss.energy[r]!, 12);
    }
  });

  it('BINARY models come back in 0/1 with their QUBO energies', async () => {
    const bqm = BinaryQuadraticModel.fromQubo([
      [[0, 0], -1],
      [[1, 1], -1],
      [[0, 1], 2],
      [[1, 2], -3],
    ]);
    const ss = await new SimulatedAnnealingSampler(1).sample(bqm, { num_reads: 5, seed: 2 });
    expect(ss.vartype).toBe('BINARY');
    for (let r = 0; r < ss.numRows; r++) {
      expect([...ss.row(r)].every((v) => v === 0 || v === 1)).toBe(true);
      expect(bqm.energyOf(ss.row(r))).toBeCloseTo(ss.energy[r]!, 12);
    }
    expect(Math.min(...ss.energy)).toBe(-4);
  });
});

describe('SA initial states and reproducibility', () => {
  it('a ground-state initial state stays put at a cold β (one sweep)', async () => {
    const { bqm, ground } = plantedIsing(30, 9);
    const ss = await new SimulatedAnnealingSampler(1).sample(bqm, {
      initial_states: [Array.from(ground)],
      beta_schedule_type: 'custom',
      beta_schedule: [50],
      seed: 3,
    });
    expect(Array.from(ss.row(0))).toEqual(Array.from(ground));
  });

  it('tile reuses initial states; none refuses too few', async () => {
    const { bqm, ground } = plantedIsing(12, 10);
    const sa = new SimulatedAnnealingSampler(1);
    const ss = await sa.sample(bqm, {
      initial_states: [Array.from(ground)],
      initial_states_generator: 'tile',
      num_reads: 3,
      beta_schedule_type: 'custom',
      beta_schedule: [50],
      seed: 1,
    });
    for (let r = 0; r < 3; r++) expect(Array.from(ss.row(r))).toEqual(Array.from(ground));
    await expect(
      sa.sample(bqm, {
        initial_states: [Array.from(ground)],
        initial_states_generator: 'none',
        num_reads: 2,
      }),
    ).rejects.toThrow(/initial_states/);
  });

  it('the same seed gives the same samples, on 1 or 2 worker threads', async () => {
    const model = compileModel(randomIsing(40, 7, 0.2), 'SPIN');
    const task: SaTask = {
      kind: 'sa',
      model,
      betas: interpolatedBetas('geometric', [0.1, 3], 50),
      sweepsPerBeta: 1,
      seed: 99,
      expand: 'random',
    };
    const inline = await runReads(task, 12, { threads: 1 });
    const threaded = await runReads(task, 12, { threads: 2, minSecondsForThreads: 0 });
    expect(threaded.threads).toBe(2);
    expect(Array.from(threaded.spins)).toEqual(Array.from(inline.spins));
    const other = await runReads({ ...task, seed: 100 }, 12, { threads: 1 });
    expect(Array.from(other.spins)).not.toEqual(Array.from(inline.spins));
  });
});

describe('SA bad input (ParameterError, exit 2)', () => {
  const bqm = randomIsing(4, 1);
  const sa = new SimulatedAnnealingSampler(1);
  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ['zero reads', { num_reads: 0 }, /num_reads/],
    ['non-integer sweeps', { num_sweeps: 10.5 }, /num_sweeps.*integer/],
    ['reversed β range', { beta_range: [2, 1] }, /beta_range.*reversed/],
    ['β ≤ 0', { beta_range: [0, 1] }, /beta_range.*> 0/],
    ['sweeps not divisible', { num_sweeps: 10, num_sweeps_per_beta: 3 }, /divisible/],
    ['custom without a schedule', { beta_schedule_type: 'custom' }, /beta_schedule/],
    ['schedule without custom', { beta_schedule: [1, 2] }, /custom/],
    ['initial state too short', { initial_states: [[1, 1]] }, /initial_states\[0\].*2 values.*4 variables/],
    ['initial state value', { initial_states: [[1, 1, 0, 1]] }, /initial_states\[0\].*value 2/],
    ['unknown parameter', { num_slices: 3 }, /no such parameter/],
  ];
  for (const [what, params, msg] of bad)
    it(what, async () => {
      const err = await sa.sample(bqm, params).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ParameterError);
      expect((err as ParameterError).exitCode).toBe(2);
      expect((err as Error).message).toMatch(msg);
    });
});
