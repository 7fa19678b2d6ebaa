import { describe, expect, it } from 'vitest';
import { ParameterError, ScheduleError, StructureError } from '../../src/errors.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { findQpuProfile } from '../../src/sim/qpu/profiles.js';
import { QpuSimulator } from '../../src/sim/qpu/qpu-simulator.js';
import { type QpuSolverProperties, solverRules } from '../../src/sim/qpu/rules/index.js';

/** A star solver: qubit 0 coupled to 1, 2 and 3 (qubit 4 fabricated but not working). */
const props: QpuSolverProperties = {
  qubits: [0, 1, 2, 3],
  couplers: [
    [0, 1],
    [0, 2],
    [0, 3],
  ],
  num_qubits: 5,
  h_range: [-4, 4],
  j_range: [-1, 1],
  extended_j_range: [-2, 1],
  per_qubit_coupling_range: [-3, 2],
  annealing_time_range: [0.5, 2000],
  fast_anneal_time_range: [0.005, 10],
  max_anneal_schedule_points: 4,
  max_h_gain_schedule_points: 3,
  h_gain_schedule_range: [-3, 3],
  default_annealing_time: 5,
  num_reads_range: [1, 100],
  programming_thermalization_range: [0, 10000],
  readout_thermalization_range: [0, 10000],
  anneal_offset_ranges: [[-0.5, 0.5], [-0.1, 0.1], [-0.5, 0.5], [-0.5, 0.5], null],
  parameters: Object.fromEntries(
    [
      'num_reads',
      'annealing_time',
      'anneal_schedule',
      'h_gain_schedule',
      'initial_state',
      'auto_scale',
      'fast_anneal',
      'flux_biases',
      'anneal_offsets',
      'programming_thermalization',
      'readout_thermalization',
      'reinitialize_state',
      'answer_mode',
    ].map((k) => [k, k]),
  ),
};

const rules = solverRules(props, { solver: 'TEST' });
/** A star problem: h on qubit 0, J to qubits 1, 2, 3 in turn. */
const star = (j: number[], h = 0) =>
  BinaryQuadraticModel.fromIsing(
    [[0, h]],
    j.map((b, k) => [[0, k + 1], b] as const),
  );
const one = star([0.5]);
const check =
  (params: Record<string, unknown>, bqm = one) =>
  () =>
    rules.check(bqm, params);
const forward = [
  [0, 0],
  [1, 0.5],
  [2, 1],
];
const reverse = [
  [0, 1],
  [1, 0.5],
  [2, 1],
];

describe('parameter rules', () => {
  it('names: the solver’s parameters and x_… research parameters', () => {
    expect(check({ num_reads: 100, x_anything: [1] })).not.toThrow();
    expect(check({ chain_strength: 2 })).toThrow(
      /chain_strength: solver TEST has no such parameter; it takes/,
    );
  });
  it('switches are true or false', () => {
    expect(check({ auto_scale: true, reinitialize_state: false })).not.toThrow();
    expect(check({ auto_scale: 'no' })).toThrow(/auto_scale: expected true or false/);
  });
  it('num_reads: an integer within num_reads_range', () => {
    expect(check({ num_reads: 100 })).not.toThrow();
    expect(check({ num_reads: 101 })).toThrow(/num_reads: 101 is outside num_reads_range \[1, 100\]/);
    expect(check({ num_reads: 1.5 })).toThrow(/num_reads: 1.5 is not an integer/);
  });
  it('annealing_time: a number within annealing_time_range, or fast_anneal_time_range with fast_anneal', () => {
    expect(check({ annealing_time: 2000 })).not.toThrow();
    expect(check({ annealing_time: 2001 })).toThrow(
      /annealing_time: 2001 µs is outside annealing_time_range \[0.5, 2000\] µs/,
    );
    expect(check({ annealing_time: 'long' })).toThrow(/annealing_time: "long" is not a number of µs/);
    expect(check({ annealing_time: 5, fast_anneal: true }, star([1]))).not.toThrow();
    expect(check({ annealing_time: 50, fast_anneal: true }, star([1]))).toThrow(
      /annealing_time: 50 µs is outside fast_anneal_time_range \[0.005, 10\]/,
    );
  });
  it('the default annealing time is checked too (it matters with fast_anneal)', () => {
    const slow = solverRules({ ...props, default_annealing_time: 20 });
    expect(() => slow.check(star([1]), {})).not.toThrow();
    expect(() => slow.check(star([1]), { fast_anneal: true })).toThrow(
      /annealing_time: 20 µs is outside fast_anneal_time_range/,
    );
  });
  it('fast_anneal needs a solver with fast_anneal_time_range', () => {
    const { fast_anneal_time_range: _, ...slowOnly } = props;
    const r = solverRules(slowOnly, { solver: 'SLOW' });
    expect(() => r.check(star([1]), { fast_anneal: true })).toThrow(
      /fast_anneal: SLOW has no fast-anneal protocol/,
    );
  });
  it('annealing_time and anneal_schedule exclude each other', () => {
    expect(check({ annealing_time: 2, anneal_schedule: forward })).toThrow(
      /annealing_time: cannot be given together with anneal_schedule .*give annealing_time or anneal_schedule, not both/,
    );
  });
  it('anneal_schedule: a list of pairs that follows the QPU rules', () => {
    expect(check({ anneal_schedule: forward })).not.toThrow();
    expect(check({ anneal_schedule: 'fast' })).toThrow(
      /anneal_schedule: expected a list of \[t, value\] pairs/,
    );
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
    ).toThrow(/anneal_schedule: must have between 2 and 4 points/);
    const steep = check({
      anneal_schedule: [
        [0, 0],
        [0.1, 1],
      ],
    });
    expect(steep).toThrow(ScheduleError);
    expect(steep).toThrow(/anneal_schedule: .*exceeds the maximum slope 2/);
  });
  it('anneal_schedule: the general path rules too (first t = 0, s within [0, 1])', () => {
    expect(
      check({
        anneal_schedule: [
          [1, 0],
          [2, 1],
        ],
      }),
    ).toThrow(/anneal_schedule: point 1 .*: the first point must be at t = 0/);
    expect(
      check({
        anneal_schedule: [
          [0, 1],
          [2, 1.5],
          [4, 1],
        ],
        initial_state: { 0: 1, 1: -1 },
      }),
    ).toThrow(/anneal_schedule: point 2 .*: s must be within \[0, 1\]/);
  });
  it('h_gain_schedule: ends with the anneal, g within h_gain_schedule_range', () => {
    expect(
      check({
        anneal_schedule: forward,
        h_gain_schedule: [
          [0, 1],
          [2, 0.5],
        ],
      }),
    ).not.toThrow();
    expect(
      check({
        anneal_schedule: forward,
        h_gain_schedule: [
          [0, 1],
          [3, 1],
        ],
      }),
    ).toThrow(/h_gain_schedule: .*the last t must equal the anneal's last time 2/);
    expect(
      check({
        h_gain_schedule: [
          [0, 5],
          [5, 1],
        ],
      }),
    ).toThrow(/h_gain_schedule: .*h_gain_schedule_range/);
  });
  it('thermalization times: numbers within their ranges', () => {
    expect(check({ programming_thermalization: 0, readout_thermalization: 10000 })).not.toThrow();
    expect(check({ readout_thermalization: -1 })).toThrow(
      /readout_thermalization: -1 is outside readout_thermalization_range \[0, 10000\]/,
    );
    expect(check({ programming_thermalization: 'x' })).toThrow(
      /programming_thermalization: "x" is not a number of µs/,
    );
  });
  it('answer_mode: raw or histogram', () => {
    expect(check({ answer_mode: 'raw' })).not.toThrow();
    expect(check({ answer_mode: 'all' })).toThrow(/answer_mode: "all" is not one of raw, histogram/);
  });
  it('flux_biases: only with auto_scale false, one per fabricated qubit', () => {
    expect(check({ flux_biases: [0, 0, 0, 0, 0], auto_scale: false })).not.toThrow();
    expect(check({ flux_biases: [0, 0, 0, 0, 0] })).toThrow(/flux_biases: requires auto_scale false/);
    expect(check({ flux_biases: [0, 0], auto_scale: false })).toThrow(
      /flux_biases: expected a list of 5 numbers/,
    );
  });
  it('anneal_offsets: one per fabricated qubit, within anneal_offset_ranges', () => {
    expect(check({ anneal_offsets: [0.5, -0.1, 0, 0, 0] })).not.toThrow();
    expect(check({ anneal_offsets: [0, 0.2, 0, 0, 0] })).toThrow(
      /anneal_offsets: qubit 1: 0.2 is outside its anneal_offset_ranges entry \[-0.1, 0.1\]/,
    );
  });
});

describe('structure rule', () => {
  it('variables on working qubits, interactions on working couplers; the first offender is named', () => {
    expect(Array.from(rules.check(star([1, 1]), {}).qubits)).toEqual([0, 1, 2]);
    const offGraph = (bqm: BinaryQuadraticModel) => () => rules.check(bqm, {});
    expect(offGraph(BinaryQuadraticModel.fromIsing([[4, 1]], []))).toThrow(StructureError);
    expect(offGraph(BinaryQuadraticModel.fromIsing([[4, 1]], []))).toThrow(
      /qubit 4 is not a working qubit of TEST$/,
    );
    expect(offGraph(BinaryQuadraticModel.fromIsing([], [[[1, 2], 1]]))).toThrow(
      /coupler \(1, 2\) is not a working coupler of TEST/,
    );
    expect(offGraph(BinaryQuadraticModel.fromIsing([['a', 1]], []))).toThrow(
      /variable "a" is not a qubit of TEST: .*embed logical problems first/,
    );
  });
  it('names the published topology, and the solver by chip_id when not told', () => {
    const r = solverRules({ ...props, chip_id: 'CHIP', topology: { type: 'chimera', shape: [1, 1, 4] } });
    expect(() => r.check(BinaryQuadraticModel.fromIsing([[4, 1]], []), {})).toThrow(
      /qubit 4 is not a working qubit of CHIP \(chimera\(1, 1, 4\) working graph\)/,
    );
  });
});

describe('bias rules', () => {
  it('fast_anneal: the submitted linear biases must be 0 (a QUBO’s diagonal, not its Ising h)', () => {
    expect(check({ fast_anneal: true }, star([1], 0.5))).toThrow(
      /fast_anneal: linear biases h \(and QUBO diagonal terms\) must be 0 with fast_anneal, but variable 0 has 0.5/,
    );
    // Q_01 = 1 alone: zero diagonal, though its Ising form has h = 1/4
    expect(check({ fast_anneal: true }, BinaryQuadraticModel.fromQubo([[[0, 1], 1]]))).not.toThrow();
  });
  it('auto_scale on: any finite biases go', () => {
    expect(check({}, star([-5, -5, 7], 9))).not.toThrow();
  });
  it('auto_scale false: h within h_range, J within extended_j_range', () => {
    const off = { auto_scale: false };
    expect(check(off, star([0.5, -1, 1], 4))).not.toThrow();
    expect(check(off, star([0.5], 4.5))).toThrow(
      /auto_scale is false and h\[0\] = 4.5 is outside h_range \[-4, 4\]; give values within the ranges or set auto_scale true/,
    );
    expect(check(off, star([1.5]))).toThrow(/J\[0, 1\] = 1.5 is outside extended_j_range \[-2, 1\]/);
    const { extended_j_range: _, ...plain } = props;
    expect(() => solverRules(plain).check(star([-1.5]), off)).toThrow(
      /J\[0, 1\] = -1.5 is outside j_range \[-1, 1\]/,
    );
  });
  it('auto_scale false: the total J per qubit within per_qubit_coupling_range, extended range used or not', () => {
    const off = { auto_scale: false };
    expect(check(off, star([-1.5, -1]))).not.toThrow();
    expect(check(off, star([-1.5, -1, -1]))).toThrow(
      /the total coupling -3.5 on qubit 0 is outside per_qubit_coupling_range \[-3, 2\]/,
    );
    expect(check(off, star([1, 1, 1]))).toThrow(/the total coupling 3 on qubit 0 is outside/);
  });
  it('auto_scale false: a QUBO is checked in its Ising form, as the QPU converts it', () => {
    // Q_01 = 8 -> J = 2
    expect(check({ auto_scale: false }, BinaryQuadraticModel.fromQubo([[[0, 1], 8]]))).toThrow(
      /J\[0, 1\] = 2 is outside extended_j_range \[-2, 1\] \(Ising form of the QUBO\)/,
    );
  });
  it('auto_scale false on Advantage2: the total J of each coupler group within per_group_coupling_range', () => {
    const a2 = new QpuSimulator({ profile: 'Advantage2_system1' });
    const r = solverRules(a2.properties);
    const q = 200;
    const hub = (j: number) =>
      BinaryQuadraticModel.fromIsing(
        [],
        Array.from(a2.topology.neighbors(q), (v) => [[q, v], j] as [[number, number], number]),
      );
    // 20 couplers in two groups of 10: −10 per group is within [−13, 10], −15 is not (−30 per qubit)
    expect(() => r.check(hub(-1), { auto_scale: false })).not.toThrow();
    expect(() => r.check(hub(-1.5), { auto_scale: false })).toThrow(
      /the total coupling -15 on a coupler group of qubit 200 is outside per_group_coupling_range \[-13, 10\]/,
    );
  });
});

describe('anneal path and initial_state', () => {
  it('a forward anneal of annealing_time, else of the solver’s default', () => {
    expect(rules.check(one, {}).path?.points).toEqual([
      [0, 0],
      [5, 1],
    ]);
    expect(rules.check(one, { annealing_time: 2 }).path?.points).toEqual([
      [0, 0],
      [2, 1],
    ]);
    const { default_annealing_time: _, ...noDefault } = props;
    expect(solverRules(noDefault).check(one, {}).path).toBeUndefined();
  });
  it('a reverse anneal needs an initial_state with a value for every active qubit; a forward one takes none', () => {
    const path = rules.check(one, { anneal_schedule: reverse, initial_state: { 0: -1, 1: 1 } }).path!;
    expect(path.kind).toBe('reverse');
    expect(Array.from(path.initialState!)).toEqual([-1, 1]);
    // a QUBO's initial state is 0/1, the dense SAPI list has 3 for unused qubits
    const q = BinaryQuadraticModel.fromQubo([[[0, 1], 1]]);
    expect(
      Array.from(
        rules.check(q, { anneal_schedule: reverse, initial_state: [0, 1, 3, 3, 3] }).path!.initialState!,
      ),
    ).toEqual([-1, 1]);
    expect(check({ anneal_schedule: reverse })).toThrow(
      /initial_state: a reverse anneal \(anneal_schedule starting at s = 1\) needs an initial_state/,
    );
    expect(check({ anneal_schedule: forward, initial_state: { 0: 1, 1: 1 } })).toThrow(
      /initial_state: only reverse anneals .* take an initial_state/,
    );
    expect(check({ initial_state: { 0: 1, 1: 1 } })).toThrow(/initial_state: only reverse anneals/);
    expect(check({ anneal_schedule: reverse, initial_state: { 0: 1 } })).toThrow(
      /initial_state: active qubit 1 has no value/,
    );
    expect(check({ anneal_schedule: reverse, initial_state: { 0: 1, 1: 0 } })).toThrow(
      /initial_state: qubit 1 has value 0; use −1 or \+1/,
    );
  });
});

describe('run duration', () => {
  const adv = findQpuProfile('Advantage_system4.1')!;
  const timed = solverRules({
    ...props,
    num_reads_range: [1, 10000],
    problem_run_duration_range: adv.problem_run_duration_range,
    problem_timing_data: adv.problem_timing_data,
  });
  it('(anneal + readout_thermalization + readout) × num_reads + programming_thermalization ≤ the maximum', () => {
    expect(() => timed.check(one, { num_reads: 10000, annealing_time: 20 })).not.toThrow();
    const long = () => timed.check(one, { num_reads: 10000, annealing_time: 200 });
    expect(long).toThrow(ParameterError);
    expect(long).toThrow(
      /num_reads: the run would take .* µs \(\(anneal 200 \+ readout_thermalization 0 \+ readout [\d.]+\) × 10000 reads \+ programming_thermalization 1000\), more than problem_run_duration_range 1000000 µs; take fewer reads or a shorter anneal/,
    );
  });
});

describe('auto_scale factor', () => {
  const adv = new QpuSimulator({ threads: 1 });
  const r = solverRules(adv.properties, { graph: adv.topology });
  /** A qubit with all 15 couplers. */
  const hub = adv.nodelist.find((q) => adv.topology.degree(q) === 15)!;
  const factor = (h: [number, number][], J: [[number, number], number][]) =>
    r.autoScaleFactor(r.check(BinaryQuadraticModel.fromIsing(h, J), {}));

  it('divides by the largest ratio to h_range, extended_j_range and the per-qubit coupling range', () => {
    // the D-Wave docs example: h = −7.2 → 7.2/4 = 1.8
    expect(
      factor(
        [
          [30, -7.2],
          [31, 2.3],
        ],
        [[[30, 31], 1.5]],
      ),
    ).toBeCloseTo(1.8, 15);
    expect(factor([[30, 0.5]], [])).toBeCloseTo(0.125, 15);
    expect(factor([], [[[30, 31], -3]])).toBeCloseTo(1.5, 15);
    expect(factor([], [[[30, 31], 2]])).toBeCloseTo(2, 15);
    const star: [[number, number], number][] = Array.from(
      adv.topology.neighbors(hub),
      (q) => [[hub, q], -1.6] as [[number, number], number],
    );
    // total −24 on the hub vs −18; J alone −1.6/−2 = 0.8
    expect(factor([], star)).toBeCloseTo(24 / 18, 12);
    expect(factor([], [])).toBe(1);
  });

  it('per-group coupling on Advantage2: each Zephyr qubit has two coupler groups', () => {
    const a2 = new QpuSimulator({ profile: 'Advantage2_system1' });
    const r2 = solverRules(a2.properties, { graph: a2.topology });
    const q = 200;
    const nb = Array.from(a2.topology.neighbors(q));
    const bqm = BinaryQuadraticModel.fromIsing(
      [],
      nb.map((v) => [[q, v], -1] as [[number, number], number]),
    );
    // 20 couplers split over two groups of 10: totals −10 each, within [−13, 10]; J alone gives 0.5
    expect(nb.length).toBe(20);
    expect(r2.autoScaleFactor(r2.check(bqm, {}))).toBeCloseTo(10 / 13, 12);
  });
});
