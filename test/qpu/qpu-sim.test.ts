import { describe, expect, it } from 'vitest';
import { ParameterError, ScheduleError, StructureError } from '../../src/errors.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import {
  QpuSimulator,
  qpuSimulatorFromDescription,
  qpuTiming,
  readoutTime,
} from '../../src/sim/qpu/index.js';
import { findQpuProfile } from '../../src/sim/qpu/profiles.js';
import { bruteForceEnergies } from '../helpers/random-models.js';
import { calibrationInstances, calibrationSummary } from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON documents, read field by field
type Json = any;

const adv = new QpuSimulator({ threads: 1 });
const fast = { x_num_sweeps: 200, x_trotter_slices: 16 };
/** A qubit with all 15 couplers. */
const hub = adv.nodelist.find((q) => adv.topology.degree(q) === 15)!;

/** A small native problem on P16: qubit 30 and some of its neighbours, with random ±1 couplings. */
function nativeProblem(seed: number): BinaryQuadraticModel {
  const t = adv.topology;
  const qs = [30, ...Array.from(t.neighbors(30)).slice(0, 7)];
  const bqm = new BinaryQuadraticModel('SPIN');
  let x = seed;
  const rnd = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  for (const q of qs) bqm.addLinear(q, rnd() < 0.3 ? (rnd() < 0.5 ? -0.5 : 0.5) : 0);
  for (let i = 0; i < qs.length; i++)
    for (let j = i + 1; j < qs.length; j++)
      if (t.hasEdge(qs[i]!, qs[j]!)) bqm.addQuadratic(qs[i]!, qs[j]!, rnd() < 0.5 ? -1 : 1);
  return bqm;
}

describe('qpu-sim properties (shaped like a Leap solver)', () => {
  it('Advantage_system4.1: full P16 fabric, ranges, timing data, parameters', () => {
    const p = adv.properties as Json;
    expect(p.num_qubits).toBe(5760);
    expect(p.qubits.length).toBe(5640);
    expect(p.couplers.length).toBe(40484);
    expect(p.qubits[0]).toBe(30);
    expect(p.topology).toEqual({ type: 'pegasus', shape: [16] });
    expect(p.category).toBe('qpu');
    expect(p.chip_id).toBe('Advantage_system4.1');
    expect(p.h_range).toEqual([-4, 4]);
    expect(p.extended_j_range).toEqual([-2, 1]);
    expect(p.per_qubit_coupling_range).toEqual([-18, 15]);
    expect(p.annealing_time_range).toEqual([0.5, 2000]);
    expect(p.num_reads_range).toEqual([1, 10000]);
    expect(p.default_annealing_time).toBe(20);
    expect(p.max_anneal_schedule_points).toBe(12);
    expect(p.supported_problem_types).toEqual(['ising', 'qubo']);
    expect(p.problem_timing_data.typical_programming_time).toBe(14072.88);
    for (const k of [
      'num_reads',
      'annealing_time',
      'anneal_schedule',
      'initial_state',
      'auto_scale',
      'answer_mode',
      'x_temperature_mk',
    ])
      expect(typeof p.parameters[k]).toBe('string');
    expect(adv.nodelist.length).toBe(5640);
    expect(adv.edgelist.length).toBe(40484);
  });

  it('Advantage2_system1 (Z12) and DW_2000Q_6 (C16)', () => {
    const a2 = new QpuSimulator({ profile: 'Advantage2_system1' }).properties as Json;
    expect([a2.num_qubits, a2.qubits.length, a2.couplers.length]).toEqual([4800, 4800, 45864]);
    expect(a2.topology).toEqual({ type: 'zephyr', shape: [12, 4] });
    expect(a2.per_group_coupling_range).toEqual([-13, 10]);
    const d = new QpuSimulator({ profile: 'DW_2000Q_6' }).properties as Json;
    expect([d.num_qubits, d.qubits.length, d.couplers.length]).toEqual([2048, 2048, 6016]);
    expect(d.topology).toEqual({ type: 'chimera', shape: [16, 16, 4] });
    expect(d.fast_anneal_time_range).toBeUndefined();
    expect(() => new QpuSimulator({ profile: 'Advantage9' })).toThrow(
      /unknown QPU profile "Advantage9"; qpu-sim has Advantage_system4.1/,
    );
  });

  it('a working graph from a Leap solver description keeps only its qubits and couplers', () => {
    const sim = qpuSimulatorFromDescription({
      identity: { name: 'Advantage_system4.1' },
      properties: { topology: { type: 'pegasus', shape: [16] }, qubits: [30, 31, 45], couplers: [[30, 31]] },
    });
    expect(sim.nodelist).toEqual([30, 31, 45]);
    expect(sim.edgelist).toEqual([[30, 31]]);
    expect(sim.solver).toBe('Advantage_system4.1');
  });
});

describe('qpu-sim checks (Ocean check_problem and solver ranges)', () => {
  it('problems off the working graph name the first offending qubit or coupler', async () => {
    await expect(adv.sample(BinaryQuadraticModel.fromIsing([[0, 1]], []))).rejects.toThrow(
      /qubit 0 is not a working qubit of Advantage_system4.1 \(pegasus\(16\) fabric-only\)/,
    );
    await expect(adv.sample(BinaryQuadraticModel.fromIsing([], [[[30, 32], 1]]))).rejects.toThrow(
      /coupler \(30, 32\) is not a working coupler of Advantage_system4.1/,
    );
    await expect(adv.sample(BinaryQuadraticModel.fromIsing([['a', 1]], []))).rejects.toThrow(
      /variable "a" is not a qubit of Advantage_system4.1.*embed logical problems/,
    );
    const broken = new QpuSimulator({ workingGraph: adv.topology.withFaults({ brokenNodes: [31] }) });
    await expect(broken.sample(BinaryQuadraticModel.fromIsing([[31, 1]], []))).rejects.toThrow(
      StructureError,
    );
    await expect(broken.sample(BinaryQuadraticModel.fromIsing([[31, 1]], []))).rejects.toThrow(
      /qubit 31 is not a working qubit of Advantage_system4.1 \(pegasus\(16\) fabric-only working graph\)/,
    );
  });

  it('biases out of range without auto_scale name the value and the range', async () => {
    const run = (h: [number, number][], J: [[number, number], number][]) =>
      adv.sample(BinaryQuadraticModel.fromIsing(h, J), { auto_scale: false, ...fast });
    await expect(run([[30, 5]], [])).rejects.toThrow(
      /auto_scale is false and h\[30\] = 5 is outside h_range \[-4, 4\]/,
    );
    await expect(run([], [[[30, 31], -2.5]])).rejects.toThrow(
      /J\[30, 31\] = -2.5 is outside extended_j_range \[-2, 1\]/,
    );
    await expect(run([], [[[30, 31], 1.5]])).rejects.toThrow(/J\[30, 31\] = 1.5 is outside extended_j_range/);
    await expect(run([], [[[30, 31], -1.5]])).resolves.toBeDefined();
    // 15 couplers at J = −2 on one qubit (−30 < −18)
    const star: [[number, number], number][] = Array.from(
      adv.topology.neighbors(hub),
      (q) => [[hub, q], -2] as [[number, number], number],
    );
    await expect(run([], star)).rejects.toThrow(
      new RegExp(`total coupling -30 on qubit ${hub} is outside per_qubit_coupling_range \\[-18, 15\\]`),
    );
    await expect(adv.sample(BinaryQuadraticModel.fromIsing([], star), fast)).resolves.toBeDefined();
  });

  it('reads, annealing time, schedules and temperature are checked', async () => {
    const bqm = BinaryQuadraticModel.fromIsing([[30, 1]], []);
    await expect(adv.sample(bqm, { num_reads: 0 })).rejects.toThrow(/num_reads: 0 must be ≥ 1/);
    await expect(adv.sample(bqm, { num_reads: 10001 })).rejects.toThrow(/num_reads: 10001 must be ≤ 10000/);
    await expect(adv.sample(bqm, { annealing_time: 0.1 })).rejects.toThrow(
      /annealing_time: 0.1 µs is outside annealing_time_range \[0.5, 2000\] µs/,
    );
    await expect(adv.sample(bqm, { annealing_time: 0.1 })).rejects.toThrow(ScheduleError);
    await expect(
      adv.sample(bqm, {
        anneal_schedule: [
          [0, 0],
          [0.1, 1],
        ],
      }),
    ).rejects.toThrow(/exceeds the maximum slope 2/);
    await expect(
      adv.sample(bqm, {
        anneal_schedule: [
          [0, 0],
          [10, 0.5],
        ],
      }),
    ).rejects.toThrow(/the last s must be 1/);
    await expect(
      adv.sample(bqm, {
        anneal_schedule: [
          [0, 1],
          [5, 0.5],
          [10, 1],
        ],
      }),
    ).rejects.toThrow(/a reverse anneal .* needs an initial_state/);
    await expect(
      adv.sample(bqm, {
        annealing_time: 5,
        anneal_schedule: [
          [0, 0],
          [5, 1],
        ],
      }),
    ).rejects.toThrow(/give annealing_time or anneal_schedule, not both/);
    await expect(adv.sample(bqm, { x_temperature_mk: 0 })).rejects.toThrow(/x_temperature_mk: 0 must be > 0/);
    await expect(adv.sample(bqm, { x_temperature_mk: -3 })).rejects.toThrow(ParameterError);
    await expect(adv.sample(bqm, { fast_anneal: true, annealing_time: 0.01 })).rejects.toThrow(
      /h .* must be 0 with fast_anneal/,
    );
    await expect(
      new QpuSimulator({ profile: 'DW_2000Q_6' }).sample(BinaryQuadraticModel.fromIsing([[0, 1]], []), {
        fast_anneal: true,
      }),
    ).rejects.toThrow(/DW_2000Q_6 has no fast-anneal protocol/);
    await expect(adv.sample(bqm, { num_reads: 10000, annealing_time: 200 })).rejects.toThrow(
      /more than problem_run_duration_range 1000000 µs/,
    );
    // declared (Ocean code passes it); the QPU rule on it applies
    await expect(adv.sample(bqm, { flux_biases: [] })).rejects.toThrow(
      /flux_biases: requires auto_scale false/,
    );
  });
});

describe('auto_scale', () => {
  // the auto_scale factor itself is tested with the solver rules (test/qpu/solver-rules.test.ts)
  it('energies are of the submitted, unscaled, noise-free problem', async () => {
    const bqm = BinaryQuadraticModel.fromIsing([[30, 20]], [[[30, 31], -30]], 3);
    const ss = await adv.sample(bqm, {
      num_reads: 20,
      x_h_noise_sigma: 0.5,
      x_j_noise_sigma: 0.5,
      seed: 4,
      ...fast,
    });
    expect((ss.info.emulation as { auto_scale_factor: number }).auto_scale_factor).toBe(15);
    for (let r = 0; r < ss.numRows; r++) expect(ss.energy[r]).toBe(bqm.energy(ss.sample(r)));
    const q = bqm.changeVartype('BINARY');
    const sb = await adv.sample(q, { num_reads: 5, seed: 4, ...fast });
    expect(sb.vartype).toBe('BINARY');
    for (let r = 0; r < sb.numRows; r++) expect(sb.energy[r]).toBeCloseTo(q.energy(sb.sample(r)), 12);
  });
});

describe('qpu-sim sampling', () => {
  it('finds the ground states of small native instances (checked by brute force)', async () => {
    for (const seed of [1, 2, 3]) {
      const bqm = nativeProblem(seed);
      const e0 = Math.min(...bruteForceEnergies(bqm));
      const ss = await adv.sample(bqm, { num_reads: 30, seed, x_num_sweeps: 500 });
      expect(ss.energy[0]).toBeCloseTo(e0, 12);
    }
  });

  it('x_backend gpu runs the gpu.js PIMC kernel, finds the same ground states, and says so', async () => {
    for (const seed of [1, 2]) {
      const bqm = nativeProblem(seed);
      const e0 = Math.min(...bruteForceEnergies(bqm));
      const ss = await adv.sample(bqm, { num_reads: 20, seed, x_num_sweeps: 300, x_backend: 'gpu' });
      expect(ss.energy[0]).toBeCloseTo(e0, 12);
      expect((ss.info as Json).emulation.kernel).toMatch(/^gpu\.js:(webgpu|webasm)$/);
    }
    const cpu = await adv.sample(nativeProblem(1), { num_reads: 2, seed: 1, ...fast });
    expect((cpu.info as Json).emulation.kernel).toBe('cpu');
  });

  it('histogram answers are unique rows sorted by energy; raw answers keep read order; seeds repeat', async () => {
    const bqm = nativeProblem(7);
    const h = await adv.sample(bqm, { num_reads: 40, seed: 11, x_temperature_mk: 200, ...fast });
    expect(h.totalReads).toBe(40);
    expect(h.vectors.num_occurrences!.dataType).toBe('int32');
    const e = Array.from(h.energy);
    expect(e).toEqual([...e].sort((a, b) => a - b));
    expect(new Set(Array.from({ length: h.numRows }, (_, r) => h.row(r).join())).size).toBe(h.numRows);
    expect(h.variables).toEqual([...h.variables].sort((a, b) => (a as number) - (b as number)));
    const raw = await adv.sample(bqm, {
      num_reads: 40,
      seed: 11,
      x_temperature_mk: 200,
      answer_mode: 'raw',
      ...fast,
    });
    expect(raw.numRows).toBe(40);
    expect(raw.vectors.num_occurrences!.data.every((x) => x === 1)).toBe(true);
    const again = await adv.sample(bqm, {
      num_reads: 40,
      x_seed: 11,
      x_temperature_mk: 200,
      answer_mode: 'raw',
      ...fast,
    });
    expect(Array.from(again.samples)).toEqual(Array.from(raw.samples));
    expect(typeof h.info.problem_id).toBe('string');
    expect(h.info.problem_id).not.toBe(raw.info.problem_id);
  });

  it('readout flips with probability 1/2 give random states', async () => {
    const bqm = BinaryQuadraticModel.fromIsing([[30, -4]], []);
    const ss = await adv.sample(bqm, {
      num_reads: 400,
      seed: 5,
      answer_mode: 'raw',
      x_readout_flip_probability: 0.5,
      ...fast,
    });
    const up = Array.from(ss.samples).filter((s) => s === 1).length;
    expect(Math.abs(up - 200)).toBeLessThan(4 * 10);
    const clean = await adv.sample(bqm, { num_reads: 50, seed: 5, answer_mode: 'raw', ...fast });
    expect(Array.from(clean.samples).every((s) => s === 1)).toBe(true);
  });

  it('reverse anneal from a given state: raw answers, initial_state forms, reinitialize_state false', async () => {
    const bqm = nativeProblem(3);
    const qs = bqm.variables.toArray() as number[];
    const e0 = Math.min(...bruteForceEnergies(bqm));
    const ground = await adv.sample(bqm, { num_reads: 30, seed: 3, x_num_sweeps: 500 });
    const g = ground.sample(0);
    const init = Object.fromEntries(qs.map((q) => [q, g.get(q)!]));
    const schedule = [
      [0, 1],
      [5, 0.8],
      [10, 1],
    ];
    const rev = await adv.sample(bqm, {
      num_reads: 10,
      seed: 1,
      anneal_schedule: schedule,
      initial_state: init,
      ...fast,
    });
    expect(rev.numRows).toBe(10);
    expect(Math.min(...rev.energy)).toBeCloseTo(e0, 12);
    const pairs = qs.map((q) => [q, g.get(q)!]);
    const rev2 = await adv.sample(bqm, {
      num_reads: 4,
      seed: 1,
      anneal_schedule: schedule,
      initial_state: pairs,
      reinitialize_state: false,
      ...fast,
    });
    expect(rev2.numRows).toBe(4);
    expect((rev2.info.timing as { qpu_delay_time_per_sample: number }).qpu_delay_time_per_sample).toBeCloseTo(
      20.54 - 1.5,
      10,
    );
    await expect(
      adv.sample(bqm, { anneal_schedule: schedule, initial_state: { [qs[0]!]: 1 }, ...fast }),
    ).rejects.toThrow(/initial_state: active qubit \d+ has no value/);
    await expect(
      adv.sample(bqm, { anneal_schedule: schedule, initial_state: { ...init, [qs[0]!]: 0 }, ...fast }),
    ).rejects.toThrow(/has value 0; use −1 or \+1/);
  });

  it('timing follows the solver timing model', async () => {
    const bqm = nativeProblem(1);
    const ss = await adv.sample(bqm, {
      num_reads: 10,
      annealing_time: 50,
      num_spin_reversal_transforms: 2,
      seed: 1,
      ...fast,
    });
    const t = ss.info.timing as Record<string, number>;
    const data = findQpuProfile('Advantage_system4.1')!.problem_timing_data;
    const n = bqm.numVariables;
    const readout = readoutTime(data, n);
    // pwl_log_log between the second and third knots: log10 n lies between 0.77 and 1.72
    const x = Math.log10(n);
    const q = data.readout_time_model_parameters;
    expect(x).toBeGreaterThan(q[1]!);
    expect(x).toBeLessThan(q[2]!);
    expect(readout).toBeCloseTo(10 ** (q[7]! + ((q[8]! - q[7]!) * (x - q[1]!)) / (q[2]! - q[1]!)), 10);
    expect(t.qpu_anneal_time_per_sample).toBe(50);
    expect(t.qpu_programming_time).toBeCloseTo(2 * (14072.88 + 1000), 6);
    expect(t.qpu_sampling_time).toBeCloseTo(10 * (50 + readout + 20.54), 1);
    expect(t.qpu_access_time).toBeCloseTo(t.qpu_programming_time! + t.qpu_sampling_time!, 6);
    for (const k of [
      'qpu_readout_time_per_sample',
      'qpu_delay_time_per_sample',
      'qpu_access_overhead_time',
      'total_post_processing_time',
    ])
      expect(typeof t[k]).toBe('number');
    const est = qpuTiming(data, {
      numQubits: 5627,
      numReads: 100,
      annealTime: 20,
      reverse: false,
      reinitializeState: true,
      programmingThermalization: 1000,
      readoutThermalization: 0,
      reduceIntersampleCorrelation: false,
      programmings: 1,
    });
    // dwave-system's estimate_qpu_access_time docstring: 42657 µs for a full-chip problem, 100 reads
    expect(Math.abs(est.qpu_access_time - 42657)).toBeLessThan(0.5);
  });
});

describe('calibration instances (real Advantage_system4.1 problems)', () => {
  it('load on the Advantage_system4.1 working graph and sample (few reads), never below the exact ground energy', async () => {
    const summary = calibrationSummary();
    for (const { bqm, id } of calibrationInstances()) {
      const e0 = summary.find((s) => s.instance === id)!.E0_exact;
      const ss = await adv.sample(bqm, {
        num_reads: 8,
        annealing_time: 62.5,
        auto_scale: false,
        num_spin_reversal_transforms: 2,
        seed: id,
        ...fast,
      });
      expect(ss.totalReads).toBe(8);
      expect(ss.numVariables).toBe(24);
      expect(ss.energy[0]).toBeGreaterThanOrEqual(e0 - 1e-9);
      expect(ss.energy[0]).toBeLessThanOrEqual(e0 + 4);
    }
  });
});
