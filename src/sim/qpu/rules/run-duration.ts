/**
 * The run-duration rule (D-Wave's operation-timing docs, dwave.md §1.8): a problem's run,
 *   (anneal + readout_thermalization + readout time per sample) × num_reads + programming_thermalization  (µs),
 * must not exceed the maximum of problem_run_duration_range. The readout time comes from the solver's timing
 * model (../timing.ts) for the problem's active qubits. Checked when the solver publishes both
 * problem_run_duration_range and problem_timing_data (qpu-sim checked it; the Leap client did not, and SAPI
 * refuses such a problem, so both do now).
 */

import { ParameterError } from '../../../errors.js';
import { qpuTiming } from '../timing.js';
import type { QpuSolverProperties } from './properties.js';

const round = (x: number) => Math.round(x * 1e12) / 1e12;

export function checkRunDuration(
  params: Readonly<Record<string, unknown>>,
  p: QpuSolverProperties,
  o: { numQubits: number; annealTime: number; reverse: boolean },
): void {
  const data = p.problem_timing_data;
  const range = p.problem_run_duration_range;
  if (!data || !range) return;
  const numReads = typeof params.num_reads === 'number' ? params.num_reads : 1;
  const given = (v: unknown, ...fallbacks: Array<number | undefined>) =>
    typeof v === 'number' ? v : (fallbacks.find((x) => x !== undefined) ?? 0);
  const progTherm = given(
    params.programming_thermalization,
    p.default_programming_thermalization,
    data.default_programming_thermalization,
  );
  const readTherm = given(
    params.readout_thermalization,
    p.default_readout_thermalization,
    data.default_readout_thermalization,
  );
  const readout = qpuTiming(data, {
    numQubits: o.numQubits,
    numReads,
    annealTime: o.annealTime,
    reverse: o.reverse,
    reinitializeState: params.reinitialize_state !== false,
    programmingThermalization: progTherm,
    readoutThermalization: readTherm,
    reduceIntersampleCorrelation: params.reduce_intersample_correlation === true,
    programmings: 1,
  }).qpu_readout_time_per_sample;
  const run = (o.annealTime + readTherm + readout) * numReads + progTherm;
  if (run > range[1])
    throw new ParameterError(
      `num_reads: the run would take ${round(run)} µs ((anneal ${o.annealTime} + readout_thermalization ${readTherm} + readout ${readout}) × ${numReads} reads + programming_thermalization ${progTherm}), more than problem_run_duration_range ${range[1]} µs; take fewer reads or a shorter anneal`,
      { field: 'num_reads' },
    );
}
