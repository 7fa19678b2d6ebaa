/**
 * qpu-sim's timing phase: the SAPI timing record of a run (./timing.ts's model, with the thermalization
 * defaults of the profile), and the solver's limit on the run's duration (problem_run_duration_range, µs).
 */

import { ParameterError } from '../../errors.js';
import type { ResolvedParameters } from '../sampler.js';
import type { QpuProfile } from './profiles.js';
import type { QpuParameters } from './qpu-parameters.js';
import { type QpuTiming, qpuTiming } from './timing.js';

const round = (x: number) => Math.round(x * 1e12) / 1e12;

/** The run's shape: active qubits, anneal duration (µs), direction and programmings. */
export interface QpuRunShape {
  numQubits: number;
  duration: number;
  reverse: boolean;
  programmings: number;
}

/** The timing record of the run; throws a ParameterError (num_reads) when the run would exceed the solver's limit. */
export function qpuRunTiming(
  p: ResolvedParameters<QpuParameters>,
  prof: QpuProfile,
  run: QpuRunShape,
): QpuTiming {
  const numReads = p.num_reads;
  const { duration } = run;
  const progTherm =
    p.programming_thermalization ?? prof.problem_timing_data.default_programming_thermalization;
  const readTherm = p.readout_thermalization ?? prof.problem_timing_data.default_readout_thermalization;
  const timing = qpuTiming(prof.problem_timing_data, {
    numQubits: run.numQubits,
    numReads,
    annealTime: duration,
    reverse: run.reverse,
    reinitializeState: p.reinitialize_state,
    programmingThermalization: progTherm,
    readoutThermalization: readTherm,
    reduceIntersampleCorrelation: p.reduce_intersample_correlation,
    programmings: run.programmings,
  });
  const runDuration = (duration + readTherm + timing.qpu_readout_time_per_sample) * numReads + progTherm;
  if (runDuration > prof.problem_run_duration_range[1])
    throw new ParameterError(
      `num_reads: the run would take ${round(runDuration)} µs ((anneal ${duration} + readout_thermalization ${readTherm} + readout ${timing.qpu_readout_time_per_sample}) × ${numReads} reads + programming_thermalization ${progTherm}), more than problem_run_duration_range ${prof.problem_run_duration_range[1]} µs`,
      { field: 'num_reads' },
    );
  return timing;
}
