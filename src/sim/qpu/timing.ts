/**
 * The QPU timing record (SAPI `answer.timing`, µs; dwave.md §1.6) from the solver's timing model
 * (problem_timing_data v1.0, dwave-cloud-client's estimate_qpu_access_time, dwave.md §1.9):
 *
 *   programming  = typical_programming_time + reverse-anneal delta + programming_thermalization  (per programming)
 *   readout      = 10^interp(log10 n, q, t)  (pwl_log_log; pwl_linear: interp(n, q, t)), n = active qubits
 *   delay        = qpu_delay_time_per_sample + reverse-anneal delta + max(readout_thermalization, decorrelation)
 *   sampling     = num_reads · (anneal + readout + delay)
 *   access       = programming · programmings + sampling
 *
 * decorrelation = anneal/decorrelation_max_nominal_anneal_time·(r_max − r_min) + r_min when
 * reduce_intersample_correlation. qpu_access_overhead_time and the post-processing times are not modelled (0).
 */

import { piecewiseLinearAt } from '../../hamiltonian/schedule/paths.js';
import type { ProblemTimingData } from './profiles.js';

export interface QpuTiming {
  qpu_sampling_time: number;
  qpu_anneal_time_per_sample: number;
  qpu_readout_time_per_sample: number;
  qpu_access_time: number;
  qpu_access_overhead_time: number;
  qpu_programming_time: number;
  qpu_delay_time_per_sample: number;
  total_post_processing_time: number;
  post_processing_overhead_time: number;
}

export interface TimingInput {
  numQubits: number;
  numReads: number;
  /** Anneal duration, µs (annealing_time or the last anneal_schedule time). */
  annealTime: number;
  reverse: boolean;
  reinitializeState: boolean;
  programmingThermalization: number;
  readoutThermalization: number;
  reduceIntersampleCorrelation: boolean;
  /** Separate programmings (one per spin-reversal transform). */
  programmings: number;
}

/** Readout time per sample (µs) for `numQubits` active qubits. */
export function readoutTime(data: ProblemTimingData, numQubits: number): number {
  const p = data.readout_time_model_parameters;
  const half = p.length / 2;
  // the model's (qubits, µs) knots, interpolated linearly (in log10 of both for pwl_log_log)
  const knots = p.slice(0, half).map((q, i) => [q, p[half + i]!] as [number, number]);
  if (data.readout_time_model === 'pwl_linear') return piecewiseLinearAt(knots, numQubits);
  return 10 ** piecewiseLinearAt(knots, Math.log10(Math.max(1, numQubits)));
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function qpuTiming(data: ProblemTimingData, o: TimingInput): QpuTiming {
  const raProg = o.reverse
    ? o.reinitializeState
      ? data.reverse_annealing_with_reinit_prog_time_delta
      : data.reverse_annealing_without_reinit_prog_time_delta
    : 0;
  const raDelay = o.reverse
    ? o.reinitializeState
      ? data.reverse_annealing_with_reinit_delay_time_delta
      : data.reverse_annealing_without_reinit_delay_time_delta
    : 0;
  const [rMin, rMax] = data.decorrelation_time_range;
  const decorrelation = o.reduceIntersampleCorrelation
    ? (o.annealTime / data.decorrelation_max_nominal_anneal_time) * (rMax - rMin) + rMin
    : 0;
  const programming = (data.typical_programming_time + raProg + o.programmingThermalization) * o.programmings;
  const readout = readoutTime(data, o.numQubits);
  const delay = data.qpu_delay_time_per_sample + raDelay + Math.max(o.readoutThermalization, decorrelation);
  const sampling = o.numReads * (o.annealTime + readout + delay);
  return {
    qpu_sampling_time: round2(sampling),
    qpu_anneal_time_per_sample: round2(o.annealTime),
    qpu_readout_time_per_sample: round2(readout),
    qpu_access_time: round2(programming + sampling),
    qpu_access_overhead_time: 0,
    qpu_programming_time: round2(programming),
    qpu_delay_time_per_sample: round2(delay),
    total_post_processing_time: 0,
    post_processing_overhead_time: 0,
  };
}
