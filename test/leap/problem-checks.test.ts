import { describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import type { SolverProperties } from '../../src/sapi/client/models.js';
import { checkBiases, checkParameters, denseInitialState } from '../../src/sapi/client/problem-checks.js';

const props: SolverProperties = {
  qubits: [0, 1, 2, 3],
  couplers: [
    [0, 1],
    [0, 2],
    [0, 3],
  ],
  num_qubits: 4,
  h_range: [-4, 4],
  j_range: [-1, 1],
  extended_j_range: [-2, 1],
  per_qubit_coupling_range: [-3, 2],
  annealing_time_range: [0.5, 2000],
  fast_anneal_time_range: [0.005, 10],
  max_anneal_schedule_points: 4,
  max_h_gain_schedule_points: 3,
  h_gain_schedule_range: [-3, 3],
  default_annealing_time: 20,
  num_reads_range: [1, 100],
  readout_thermalization_range: [0, 10000],
  anneal_offset_ranges: [
    [-0.5, 0.5],
    [-0.1, 0.1],
    [-0.5, 0.5],
    [-0.5, 0.5],
  ],
  parameters: Object.fromEntries(
    [
      'num_reads',
      'annealing_time',
      'anneal_schedule',
      'h_gain_schedule',
      'auto_scale',
      'fast_anneal',
      'flux_biases',
      'anneal_offsets',
      'readout_thermalization',
      'answer_mode',
    ].map((k) => [k, k]),
  ),
};

const check = (p: Record<string, unknown>) => () => checkParameters(p, props, 'TEST');

describe('parameter checks against solver properties', () => {
  it('accepts what the solver allows, x_ research parameters included', () => {
    expect(check({ num_reads: 100, annealing_time: 2000, auto_scale: false, x_anything: [1] })).not.toThrow();
    expect(
      check({
        anneal_schedule: [
          [0, 0],
          [1, 0.5],
          [2, 1],
        ],
        h_gain_schedule: [
          [0, 1],
          [2, 0.5],
        ],
      }),
    ).not.toThrow();
  });
  it('names the parameter and the range it breaks', () => {
    expect(check({ num_reads: 101 })).toThrow(/num_reads: 101 is outside num_reads_range \[1, 100\]/);
    expect(check({ num_reads: 1.5 })).toThrow(/num_reads: 1.5 is not an integer/);
    expect(check({ annealing_time: 2001 })).toThrow(/annealing_time_range/);
    expect(check({ annealing_time: 5, fast_anneal: true })).not.toThrow();
    expect(check({ annealing_time: 50, fast_anneal: true })).toThrow(/fast_anneal_time_range \[0.005, 10\]/);
    expect(check({ readout_thermalization: -1 })).toThrow(/readout_thermalization_range/);
    expect(check({ answer_mode: 'all' })).toThrow(/answer_mode: "all" is not one of raw, histogram/);
    expect(check({ chain_strength: 2 })).toThrow(/chain_strength: solver TEST has no such parameter/);
    expect(check({ flux_biases: [0, 0, 0, 0] })).toThrow(/flux_biases: requires auto_scale false/);
    expect(check({ flux_biases: [0, 0], auto_scale: false })).toThrow(/a list of 4 numbers/);
    expect(check({ anneal_offsets: [0, 0.2, 0, 0] })).toThrow(
      /qubit 1: 0.2 is outside its anneal_offset_ranges entry/,
    );
  });
  it('anneal and h-gain schedules follow the QPU rules', () => {
    expect(
      check({
        anneal_schedule: [
          [0, 0],
          [1, 0.2],
          [2, 0.4],
          [3, 0.6],
          [4, 1],
        ],
      }),
    ).toThrow(/between 2 and 4 points/);
    expect(
      check({
        anneal_schedule: [
          [0, 0],
          [0.1, 1],
        ],
      }),
    ).toThrow(/exceeds the maximum slope/);
    expect(
      check({
        anneal_schedule: [
          [0, 0],
          [2, 1],
        ],
        h_gain_schedule: [
          [0, 1],
          [3, 1],
        ],
      }),
    ).toThrow(/the last t must equal the anneal's last time 2/);
    expect(
      check({
        h_gain_schedule: [
          [0, 5],
          [20, 1],
        ],
      }),
    ).toThrow(/h_gain_schedule_range/);
    expect(check({ anneal_schedule: 'fast' })).toThrow(/list of \[t, value\] pairs/);
  });
});

describe('bias checks', () => {
  const star = (j: number[], h = 0) =>
    BinaryQuadraticModel.fromIsing(
      [[0, h]],
      j.map((b, k) => [[0, k + 1], b] as const),
    );
  it('auto_scale on: anything finite goes', () => {
    expect(() => checkBiases(star([-5, -5, 7], 9), {}, props)).not.toThrow();
  });
  it('auto_scale false: h_range, extended_j_range, then per-qubit sums when the extended range is used', () => {
    const off = { auto_scale: false };
    expect(() => checkBiases(star([0.5, -1, 1], 4), off, props)).not.toThrow();
    expect(() => checkBiases(star([0.5], 4.5), off, props)).toThrow(/h of qubit 0 is 4.5, outside h_range/);
    expect(() => checkBiases(star([1.5]), off, props)).toThrow(/outside extended_j_range \[-2, 1\]/);
    expect(() => checkBiases(star([-1.5, -1]), off, props)).not.toThrow();
    expect(() => checkBiases(star([-1.5, -1, -1]), off, props)).toThrow(
      /qubit 0 has total J -3.5, outside per_qubit_coupling_range/,
    );
    // a QUBO is checked in its Ising form, as the QPU converts it: Q_01 = 8 -> J = 2
    const q = BinaryQuadraticModel.fromQubo([[[0, 1], 8]]);
    expect(() => checkBiases(q, off, props)).toThrow(/J of coupler \(0, 1\) is 2/);
  });
  it('fast_anneal needs zero linear biases', () => {
    expect(() => checkBiases(star([1], 0.5), { fast_anneal: true }, props)).toThrow(
      /fast_anneal: needs zero linear biases/,
    );
  });
});

describe('initial_state', () => {
  it('a mapping becomes the dense list (3 = unused), values mapped by sign; lists pass through', () => {
    expect(denseInitialState({ 0: 1, 2: -1 }, 4, 'ising')).toEqual([1, 3, -1, 3]);
    expect(denseInitialState({ 1: 1, 3: 0 }, 4, 'qubo')).toEqual([3, 1, 3, 0]);
    expect(denseInitialState([1, -1, 3, 3], 4, 'ising')).toEqual([1, -1, 3, 3]);
    expect(denseInitialState([[0, 1]], 4, 'ising')).toEqual([1, 3, 3, 3]);
    expect(() => denseInitialState({ 9: 1 }, 4, 'ising')).toThrow(/"9" is not a qubit in \[0, 4\)/);
  });
});
