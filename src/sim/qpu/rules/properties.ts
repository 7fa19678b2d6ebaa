/**
 * The solver properties the QPU rules read, named as in a SAPI solver description (dwave.md §1.3): what
 * `QpuSimulator.properties` and a real Leap solver's `properties` both carry. Every field is optional: a rule
 * whose property a solver does not publish is not checked. Times are in µs; ranges are [min, max].
 */

import type { QpuScheduleProperties } from '../../../hamiltonian/schedule/qpu-rules.js';
import type { ProblemTimingData } from '../profiles.js';

type Range = readonly [number, number];

export interface QpuSolverProperties {
  readonly chip_id?: unknown;
  /** Working qubits. */
  readonly qubits?: readonly number[];
  /** Working couplers [a, b]. */
  readonly couplers?: ReadonlyArray<readonly [number, number]>;
  /** Fabricated qubits, working or not (the length of per-qubit lists such as flux_biases). */
  readonly num_qubits?: number;
  readonly topology?: { readonly type: string; readonly shape: readonly number[] };
  /** Parameter name → description: the parameters the solver takes (x_… research parameters besides). */
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly h_range?: Range;
  readonly j_range?: Range;
  readonly extended_j_range?: Range;
  /** Advantage: limit on the total J on one qubit. */
  readonly per_qubit_coupling_range?: Range;
  /** Advantage2 (Zephyr): limit on the total J of each of a qubit's two coupler groups. */
  readonly per_group_coupling_range?: Range;
  readonly annealing_time_range?: Range;
  readonly fast_anneal_time_range?: Range;
  readonly default_annealing_time?: number;
  readonly max_anneal_schedule_points?: number;
  readonly max_h_gain_schedule_points?: number;
  readonly h_gain_schedule_range?: Range;
  readonly num_reads_range?: Range;
  readonly problem_run_duration_range?: Range;
  readonly programming_thermalization_range?: Range;
  readonly readout_thermalization_range?: Range;
  readonly default_programming_thermalization?: number;
  readonly default_readout_thermalization?: number;
  /** Per fabricated qubit, its [min, max] anneal offset (null for qubits without one). */
  readonly anneal_offset_ranges?: ReadonlyArray<Range | null>;
  /** Quantization step of anneal offsets, normalized units (its sign is the DAC's; its size is the step). */
  readonly anneal_offset_step?: number;
  readonly problem_timing_data?: ProblemTimingData;
}

/** The schedule limits of src/hamiltonian/schedule/qpu-rules.ts, when the solver publishes annealing_time_range. */
export function scheduleLimits(p: QpuSolverProperties): QpuScheduleProperties | undefined {
  if (!p.annealing_time_range) return undefined;
  return {
    annealing_time_range: p.annealing_time_range,
    max_anneal_schedule_points: p.max_anneal_schedule_points ?? Number.POSITIVE_INFINITY,
    ...(p.fast_anneal_time_range ? { fast_anneal_time_range: p.fast_anneal_time_range } : {}),
    ...(p.h_gain_schedule_range ? { h_gain_schedule_range: p.h_gain_schedule_range } : {}),
    ...(p.max_h_gain_schedule_points !== undefined
      ? { max_h_gain_schedule_points: p.max_h_gain_schedule_points }
      : {}),
  };
}

/** The solver's default annealing time, µs (top level, else from problem_timing_data). */
export function defaultAnnealingTime(p: QpuSolverProperties): number | undefined {
  return p.default_annealing_time ?? p.problem_timing_data?.default_annealing_time;
}
