/**
 * qpu-sim's timing phase: the SAPI timing record of a run (./timing.ts's model, with the thermalization
 * defaults of the profile). The solver's limit on the run's duration is one of its rules (./rules).
 */

import type { ResolvedParameters } from '../sampler.js';
import type { QpuProfile } from './profiles.js';
import type { QpuParameters } from './qpu-parameters.js';
import { type QpuTiming, qpuTiming } from './timing.js';

/** The run's shape: active qubits, anneal duration (µs), direction and programmings. */
export interface QpuRunShape {
  numQubits: number;
  duration: number;
  reverse: boolean;
  programmings: number;
}

/** The timing record of the run. */
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
  return timing;
}
