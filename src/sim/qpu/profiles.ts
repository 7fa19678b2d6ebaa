/**
 * QPU profiles for the emulator: the facts of a Leap solver that qpu-sim reproduces (topology, ranges, timing
 * model, published schedule, temperature). Values and their sources (docs/qpu-sim.md has the table):
 *
 * - Advantage_system4.1: ranges as dwave-system's MockDWaveSampler ("mocked from Advantage_system4.1", dwave.md
 *   §1.3); problem_timing_data = dwave-cloud-client's qpu_problem_timing_data('advantage') (Aug 2022, §1.9);
 *   temperature 15.4 mK (D-Wave's documented value, dwave.md §5); schedule 09-1263A-B.
 * - Advantage2_system1: per_group_coupling_range [−13, 10] (dwave.md §1.3); h/J ranges as the Advantage
 *   systems (assumption: third-party dumps list [−4, 4] as well as larger h ranges); problem_timing_data from a
 *   public Advantage2 fixture whose typical_programming_time (33631.59 µs) matches D-Wave's ~33 600 µs for
 *   Advantage2_system1.7 (dwave.md §5); temperature 20 mK (documented for system1.7); schedule 09-1312A-N.
 * - DW_2000Q_6: ranges of the 2000Q generation (h [−2, 2], per-qubit coupling [−9, 6], annealing_time_range
 *   [1, 2000]); problem_timing_data = qpu_problem_timing_data('2000q'); temperature 12 mK (assumption: the
 *   reference gives no value for this QPU; 12 mK is qaxai's default); schedule 09-1216A-A (no fast sheet).
 *
 * - Anneal offsets (anneal_offset_ranges, anneal_offset_step, anneal_offset_step_phi0): D-Wave publishes a range per
 *   qubit, which no public dump gives whole, so every working qubit gets one range (non-working qubits [0, 0], as
 *   dwave-system's MockDWaveSampler gives them). Advantage_system4.1: steps −0.0001500217998314891 and
 *   1.4303846404537006e-05 Φ0 as MockDWaveSampler ("mocked from Advantage_system4.1 accessed February 10th
 *   2022"); the range is the narrowest of the Advantage ranges D-Wave's solver-properties documentation shows
 *   (qubits 50–54: lower −0.650…−0.641, upper 0.501…0.570), [−0.6409899716199288, 0.5011584701861175].
 *   Advantage2_system1: the same (assumption: no public values). DW_2000Q_6: the 2000Q example of D-Wave's
 *   getting-started documentation (range [−0.18627387668142237, 0.09542224439071689], steps
 *   0.00426679499507194 and 0.0002716837027763096 Φ0; assumption: DW_2000Q_6's own values are not public).
 *
 * - M_AFM (the flux-bias field's scale): 1.647 pH (Advantage_system4) and 0.528 pH (Advantage2_system1), D-Wave's
 *   per-QPU physical properties (dwave-system's temperatures module uses 1.647 pH as its Advantage_system4.1
 *   default); DW_2000Q_6: 2 pH, D-Wave's "typically 2 pH" of the 2000Q-era QPU documentation (assumption).
 *
 * Every profile starts from the full lattice (all qubits and couplers working: Advantage_system4.1 is the P16
 * fabric, 5640 qubits and 40484 couplers); a working graph restricts it.
 */

export interface ProblemTimingData {
  version: string;
  typical_programming_time: number;
  reverse_annealing_with_reinit_prog_time_delta: number;
  reverse_annealing_without_reinit_prog_time_delta: number;
  default_programming_thermalization: number;
  default_annealing_time: number;
  readout_time_model: 'pwl_log_log' | 'pwl_linear';
  readout_time_model_parameters: number[];
  qpu_delay_time_per_sample: number;
  reverse_annealing_with_reinit_delay_time_delta: number;
  reverse_annealing_without_reinit_delay_time_delta: number;
  default_readout_thermalization: number;
  decorrelation_max_nominal_anneal_time: number;
  decorrelation_time_range: [number, number];
}

export interface QpuProfile {
  /** Solver name (Leap identity name and chip_id). */
  name: string;
  topology: { type: 'chimera' | 'pegasus' | 'zephyr'; shape: number[] };
  h_range: [number, number];
  j_range: [number, number];
  extended_j_range: [number, number];
  /** Advantage (Pegasus): limit on the total J on a qubit. */
  per_qubit_coupling_range?: [number, number];
  /** Advantage2 (Zephyr): limit on the total J of each coupler group (dwave-system coupling_groups). */
  per_group_coupling_range?: [number, number];
  annealing_time_range: [number, number];
  fast_anneal_time_range?: [number, number];
  default_annealing_time: number;
  num_reads_range: [number, number];
  max_anneal_schedule_points: number;
  max_h_gain_schedule_points: number;
  h_gain_schedule_range: [number, number];
  problem_run_duration_range: [number, number];
  programming_thermalization_range: [number, number];
  readout_thermalization_range: [number, number];
  problem_timing_data: ProblemTimingData;
  /** The anneal-offset range of every working qubit, normalized offset units (see the module comment). */
  anneal_offset_range: [number, number];
  /** Quantization step of anneal offsets, normalized units and Φ0. */
  anneal_offset_step: number;
  anneal_offset_step_phi0: number;
  /** Published standard-anneal schedule name (src/hamiltonian/schedule catalog); `NAME:fast` when available. */
  schedule: string;
  fastSchedule?: string;
  /** Temperature of the emulated QPU, mK. */
  temperatureMk: number;
  /** M_AFM, the maximum mutual inductance between qubits (pH): the flux-bias field's scale (qubit-controls.ts). */
  mAfmPh: number;
}

const advantageTiming: ProblemTimingData = {
  version: '1.0.0',
  typical_programming_time: 14072.88,
  reverse_annealing_with_reinit_prog_time_delta: 0,
  reverse_annealing_without_reinit_prog_time_delta: 5.55,
  default_programming_thermalization: 1000,
  default_annealing_time: 20,
  readout_time_model: 'pwl_log_log',
  readout_time_model_parameters: [
    0.0, 0.7699665876947938, 1.7242758696010096, 2.711975459489206, 3.1639057672764026, 3.750276915153992,
    1.539131714800995, 1.8726623164229292, 2.125631787097315, 2.332672340068556, 2.371606651233025,
    2.3716219271760215,
  ],
  qpu_delay_time_per_sample: 20.54,
  reverse_annealing_with_reinit_delay_time_delta: -4.5,
  reverse_annealing_without_reinit_delay_time_delta: -1.5,
  default_readout_thermalization: 0,
  decorrelation_max_nominal_anneal_time: 2000,
  decorrelation_time_range: [500, 10000],
};

const advantage2Timing: ProblemTimingData = {
  version: '1.0.0',
  typical_programming_time: 33631.59,
  reverse_annealing_with_reinit_prog_time_delta: 0,
  reverse_annealing_without_reinit_prog_time_delta: 31.33,
  default_programming_thermalization: 1000,
  default_annealing_time: 20,
  readout_time_model: 'pwl_log_log',
  readout_time_model_parameters: [
    0.0, 0.7118156236873552, 1.622919864592155, 2.5460233863267376, 3.6610550848533783, 1.3562242666114566,
    1.6328679675785214, 1.7857781469507206, 1.99055000334358, 1.9905608299940198,
  ],
  qpu_delay_time_per_sample: 60.57,
  reverse_annealing_with_reinit_delay_time_delta: -44.5,
  reverse_annealing_without_reinit_delay_time_delta: -41.5,
  default_readout_thermalization: 0,
  decorrelation_max_nominal_anneal_time: 2000,
  decorrelation_time_range: [0, 0],
};

const dw2000qTiming: ProblemTimingData = {
  version: '1.0.0',
  typical_programming_time: 10536.81,
  reverse_annealing_with_reinit_prog_time_delta: 0,
  reverse_annealing_without_reinit_prog_time_delta: 359.58,
  default_programming_thermalization: 1000,
  default_annealing_time: 20,
  readout_time_model: 'pwl_log_log',
  readout_time_model_parameters: [0.0, 3.30984300471607, 2.2975416678181597, 2.2975416678181597],
  qpu_delay_time_per_sample: 20.54,
  reverse_annealing_with_reinit_delay_time_delta: 586.38,
  reverse_annealing_without_reinit_delay_time_delta: -5.0,
  default_readout_thermalization: 0,
  decorrelation_max_nominal_anneal_time: 2000,
  decorrelation_time_range: [500, 10000],
};

const advantageOffsets = {
  anneal_offset_range: [-0.6409899716199288, 0.5011584701861175] as [number, number],
  anneal_offset_step: -0.0001500217998314891,
  anneal_offset_step_phi0: 1.4303846404537006e-5,
};

const common = {
  num_reads_range: [1, 10000] as [number, number],
  max_anneal_schedule_points: 12,
  max_h_gain_schedule_points: 20,
  problem_run_duration_range: [0, 1000000] as [number, number],
  programming_thermalization_range: [0, 10000] as [number, number],
  readout_thermalization_range: [0, 10000] as [number, number],
  default_annealing_time: 20,
};

export const QPU_PROFILES: readonly QpuProfile[] = [
  {
    name: 'Advantage_system4.1',
    topology: { type: 'pegasus', shape: [16] },
    h_range: [-4, 4],
    j_range: [-1, 1],
    extended_j_range: [-2, 1],
    per_qubit_coupling_range: [-18, 15],
    annealing_time_range: [0.5, 2000],
    fast_anneal_time_range: [0.005, 2000],
    h_gain_schedule_range: [-4, 4],
    problem_timing_data: advantageTiming,
    ...advantageOffsets,
    schedule: 'Advantage_system4.1',
    fastSchedule: 'Advantage_system4.1:fast',
    temperatureMk: 15.4,
    mAfmPh: 1.647,
    ...common,
  },
  {
    name: 'Advantage2_system1',
    topology: { type: 'zephyr', shape: [12, 4] },
    h_range: [-4, 4],
    j_range: [-1, 1],
    extended_j_range: [-2, 1],
    per_group_coupling_range: [-13, 10],
    annealing_time_range: [0.5, 2000],
    fast_anneal_time_range: [0.005, 2000],
    h_gain_schedule_range: [-4, 4],
    problem_timing_data: advantage2Timing,
    ...advantageOffsets,
    schedule: 'Advantage2_system1',
    fastSchedule: 'Advantage2_system1:fast',
    temperatureMk: 20,
    mAfmPh: 0.528,
    ...common,
  },
  {
    name: 'DW_2000Q_6',
    topology: { type: 'chimera', shape: [16, 16, 4] },
    h_range: [-2, 2],
    j_range: [-1, 1],
    extended_j_range: [-2, 1],
    per_qubit_coupling_range: [-9, 6],
    annealing_time_range: [1, 2000],
    h_gain_schedule_range: [-4, 4],
    problem_timing_data: dw2000qTiming,
    anneal_offset_range: [-0.18627387668142237, 0.09542224439071689],
    anneal_offset_step: 0.00426679499507194,
    anneal_offset_step_phi0: 0.0002716837027763096,
    schedule: 'DW_2000Q_6',
    temperatureMk: 12,
    mAfmPh: 2,
    ...common,
  },
];

export const DEFAULT_QPU_PROFILE = 'Advantage_system4.1';

/** Profile names, plus accepted aliases (unversioned Leap names). */
const ALIASES: Record<string, string> = {
  Advantage_system4: 'Advantage_system4.1',
  'Advantage2_system1.13': 'Advantage2_system1',
  'Advantage2_system1.7': 'Advantage2_system1',
};

export function qpuProfileNames(): string[] {
  return QPU_PROFILES.map((p) => p.name);
}

/** The profile of a solver name (or alias), or undefined. */
export function findQpuProfile(name: string): QpuProfile | undefined {
  const n = ALIASES[name] ?? name;
  return QPU_PROFILES.find((p) => p.name === n);
}
