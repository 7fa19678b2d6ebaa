/**
 * The rules on a problem's parameters alone (no model needed), as a solver states them in its properties:
 * - names in properties.parameters, or x_… research parameters (dwave-cloud-client lets those through);
 * - num_reads an integer within num_reads_range;
 * - fast_anneal only on a solver with fast_anneal_time_range;
 * - annealing_time exclusive with anneal_schedule; the annealing time (given, else default_annealing_time)
 *   within annealing_time_range (fast_anneal_time_range with fast_anneal); anneal_schedule and h_gain_schedule
 *   by the QPU rules of src/hamiltonian/schedule/qpu-rules.ts;
 * - programming_thermalization, readout_thermalization within their ranges; answer_mode raw|histogram;
 *   the boolean switches true or false;
 * - flux_biases only with auto_scale false; flux_biases and anneal_offsets one number per fabricated qubit,
 *   anneal_offsets within anneal_offset_ranges.
 */

import { ParameterError } from '../../../errors.js';
import {
  checkHGainSchedule,
  checkQpuAnnealingTime,
  checkQpuAnnealSchedule,
} from '../../../hamiltonian/schedule/qpu-rules.js';
import { defaultAnnealingTime, type QpuSolverProperties, scheduleLimits } from './properties.js';

export type Point = readonly [number, number];

/** What the parameters ask of the anneal, once checked. */
export interface AnnealRequest {
  /** anneal_schedule as (t µs, s) points, when given. */
  schedule?: Point[];
  /** Without a schedule: annealing_time, else the solver's default (undefined when it publishes none), µs. */
  annealingTime?: number;
  fastAnneal: boolean;
}

const SWITCHES = [
  'auto_scale',
  'fast_anneal',
  'flux_drift_compensation',
  'reduce_intersample_correlation',
  'reinitialize_state',
] as const;

function bad(param: string, message: string): never {
  throw new ParameterError(`${param}: ${message}`, { field: param });
}

function readPoints(v: unknown, param: string): Point[] {
  if (
    !Array.isArray(v) ||
    v.some(
      (p) =>
        !Array.isArray(p) || p.length !== 2 || p.some((x) => typeof x !== 'number' || !Number.isFinite(x)),
    )
  )
    bad(param, 'expected a list of [t, value] pairs of finite numbers, e.g. [[0,0],[20,1]]');
  return v as Point[];
}

function within(v: number, range: readonly number[] | undefined, param: string, rangeName: string): void {
  if (!range) return;
  if (v < range[0]! || v > range[1]!) bad(param, `${v} is outside ${rangeName} [${range[0]}, ${range[1]}]`);
}

function checkNames(params: Readonly<Record<string, unknown>>, p: QpuSolverProperties, solver: string): void {
  const known = p.parameters ?? {};
  for (const key of Object.keys(params))
    if (!(key in known) && !key.startsWith('x_'))
      throw new ParameterError(
        `${key}: solver ${solver} has no such parameter; it takes ${Object.keys(known).sort().join(', ')} (and x_… research parameters)`,
        { field: key, unknown: true },
      );
}

/** Checks the anneal parameters; returns the anneal they ask for. */
function checkAnneal(
  params: Readonly<Record<string, unknown>>,
  p: QpuSolverProperties,
  solver: string,
): AnnealRequest {
  const fast = params.fast_anneal === true;
  // qpu-sim refused fast_anneal on such a solver at once; the Leap client only when an annealing time or
  // schedule was given; a solver without the range has no fast anneal at all, so it is refused at once
  if (fast && !p.fast_anneal_time_range)
    bad('fast_anneal', `${solver} has no fast-anneal protocol (it publishes no fast_anneal_time_range)`);
  // the client and qpu-sim worded this rule differently; both tests' wordings are kept
  if (params.annealing_time !== undefined && params.anneal_schedule !== undefined)
    bad(
      'annealing_time',
      'cannot be given together with anneal_schedule (a schedule sets its own duration); give annealing_time or anneal_schedule, not both',
    );
  const limits = scheduleLimits(p);
  const request: AnnealRequest = { fastAnneal: fast };
  let lastAnnealTime: number | undefined;
  if (params.anneal_schedule !== undefined) {
    const pts = readPoints(params.anneal_schedule, 'anneal_schedule');
    if (limits) checkQpuAnnealSchedule(pts, limits, { fastAnneal: fast });
    request.schedule = pts;
    lastAnnealTime = pts[pts.length - 1]?.[0];
  } else {
    const t = params.annealing_time ?? defaultAnnealingTime(p);
    if (t !== undefined && (typeof t !== 'number' || !Number.isFinite(t)))
      bad('annealing_time', `${JSON.stringify(t)} is not a number of µs`);
    // qpu-sim checked the default annealing time too (it matters with fast_anneal); the client only a given one
    if (t !== undefined && limits) checkQpuAnnealingTime(t, limits, { fastAnneal: fast });
    if (t !== undefined) request.annealingTime = t;
    lastAnnealTime = t;
  }
  if (params.h_gain_schedule !== undefined) {
    const pts = readPoints(params.h_gain_schedule, 'h_gain_schedule');
    if (limits && lastAnnealTime !== undefined)
      checkHGainSchedule(pts, lastAnnealTime, limits, { fastAnneal: fast });
  }
  return request;
}

function checkPerQubitLists(params: Readonly<Record<string, unknown>>, p: QpuSolverProperties): void {
  if (params.flux_biases !== undefined && params.auto_scale !== false)
    bad('flux_biases', 'requires auto_scale false (the QPU cannot rescale a problem with flux biases)');
  for (const list of ['flux_biases', 'anneal_offsets'] as const) {
    const v = params[list];
    if (v === undefined) continue;
    if (!Array.isArray(v) || v.length !== p.num_qubits || v.some((x) => typeof x !== 'number'))
      bad(list, `expected a list of ${p.num_qubits} numbers (one per qubit of the solver, working or not)`);
  }
  const ranges = p.anneal_offset_ranges;
  if (Array.isArray(params.anneal_offsets) && ranges)
    (params.anneal_offsets as number[]).forEach((o, q) => {
      const r = ranges[q];
      if (r && Number.isFinite(o) && o !== 0 && (o < r[0] || o > r[1]))
        bad(
          'anneal_offsets',
          `qubit ${q}: ${o} is outside its anneal_offset_ranges entry [${r[0]}, ${r[1]}]`,
        );
    });
}

/** Checks the parameters (not the model) against the solver; returns the anneal they ask for. */
export function checkParameters(
  params: Readonly<Record<string, unknown>>,
  p: QpuSolverProperties,
  solver: string,
): AnnealRequest {
  checkNames(params, p, solver);
  for (const b of SWITCHES)
    if (params[b] !== undefined && typeof params[b] !== 'boolean') bad(b, 'expected true or false');
  if (params.num_reads !== undefined) {
    const n = params.num_reads;
    if (typeof n !== 'number' || !Number.isInteger(n))
      bad('num_reads', `${JSON.stringify(n)} is not an integer`);
    within(n, p.num_reads_range, 'num_reads', 'num_reads_range');
  }
  const request = checkAnneal(params, p, solver);
  for (const [param, range] of [
    ['programming_thermalization', 'programming_thermalization_range'],
    ['readout_thermalization', 'readout_thermalization_range'],
  ] as const) {
    const v = params[param];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v))
      bad(param, `${JSON.stringify(v)} is not a number of µs`);
    within(v, p[range], param, range);
  }
  if (params.answer_mode !== undefined && params.answer_mode !== 'raw' && params.answer_mode !== 'histogram')
    bad('answer_mode', `${JSON.stringify(params.answer_mode)} is not one of raw, histogram`);
  checkPerQubitLists(params, p);
  return request;
}
