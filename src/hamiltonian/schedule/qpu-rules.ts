/**
 * QPU-only limits on anneal schedules and h-gain schedules, as dwave-system's
 * `DWaveSampler.validate_anneal_schedule` and the solver-parameter docs state them (dwave.md §4.1). Only the
 * QPU-shaped samplers (qpu-sim, leap) call these; the simulator itself accepts any valid path (./path-rules.ts).
 * Times are in µs, as on the QPU.
 */

import { ScheduleError } from '../../errors.js';
import { describePoint } from './path-rules.js';

type Point = readonly [number, number];

/** The solver properties these checks read (names as in SAPI solver descriptions). */
export interface QpuScheduleProperties {
  /** [min, max] annealing time, µs. */
  annealing_time_range: readonly [number, number];
  max_anneal_schedule_points: number;
  /** [min, max] fast-anneal time, µs (fast_anneal = true). */
  fast_anneal_time_range?: readonly [number, number];
  /** [min, max] h gain. */
  h_gain_schedule_range?: readonly [number, number];
  max_h_gain_schedule_points?: number;
}

/** Rule ids of the QPU checks, with the rule each one states. */
export const QPU_SCHEDULE_RULES = {
  'qpu-points': 'between 2 and max_anneal_schedule_points points (one more for reverse anneals)',
  'qpu-time-increasing': 't strictly increases',
  'qpu-max-time': 'the last t is at most the maximum of annealing_time_range',
  'qpu-end': 'the last point has s = 1',
  'qpu-start': 'the first point has s = 0 (forward) or s = 1 (reverse)',
  'qpu-forward-monotonic': 's never decreases in a forward anneal',
  'qpu-max-slope': '|Δs/Δt| ≤ 1/min annealing time (rounded to 10 decimal places)',
  'qpu-fast-anneal-points': 'fast_anneal allows only 2 points',
  'qpu-annealing-time':
    'annealing_time within annealing_time_range (fast_anneal_time_range with fast_anneal)',
  'qpu-fast-anneal-unsupported': 'fast_anneal needs a solver with fast_anneal_time_range',
  'h-gain-points': 'between 2 and max_h_gain_schedule_points points',
  'h-gain-finite': 't and g are finite numbers',
  'h-gain-start-time': 'the first point is at t = 0',
  'h-gain-time-increasing': 't strictly increases',
  'h-gain-end-time': 'the last t equals the last anneal time',
  'h-gain-range': 'g within h_gain_schedule_range',
  'h-gain-max-slope':
    '|Δg/Δt| ≤ (max − min of h_gain_schedule_range)/0.02 µs (D-Wave: supported slopes are typically under this)',
  'h-gain-fast-anneal': 'h_gain_schedule is not allowed with fast_anneal',
} as const;

export type QpuScheduleRule = keyof typeof QPU_SCHEDULE_RULES;

function fail(rule: QpuScheduleRule, field: string, message: string): never {
  throw new ScheduleError(rule, `${field}: ${message}`, { field });
}

function timeRange(
  props: QpuScheduleProperties,
  fastAnneal: boolean,
  field: string,
): readonly [number, number] {
  if (!fastAnneal) return props.annealing_time_range;
  if (!props.fast_anneal_time_range)
    fail(
      'qpu-fast-anneal-unsupported',
      field,
      'this solver has no fast_anneal_time_range; fast_anneal is not available',
    );
  return props.fast_anneal_time_range;
}

/** Python's round(x, 10) for the magnitudes slopes have (round half to even on the decimal string). */
function round10(x: number): number {
  return Number(x.toFixed(10));
}

/**
 * Checks an anneal_schedule (µs, s) against a solver's limits, in dwave-system's order. Assumes the general
 * rules passed already (validateAnnealPath); a first s of 1 marks a reverse anneal.
 */
export function checkQpuAnnealSchedule(
  points: readonly Point[],
  props: QpuScheduleProperties,
  opts: { fastAnneal?: boolean; field?: string } = {},
): void {
  const field = opts.field ?? 'anneal_schedule';
  const fast = opts.fastAnneal ?? false;
  const [minT, maxT] = timeRange(props, fast, field);
  const n = points.length;
  const reverse = n > 0 && points[0]![1] === 1;
  const maxPoints = props.max_anneal_schedule_points + (reverse ? 1 : 0);
  if (fast && n !== 2) fail('qpu-fast-anneal-points', field, `fast_anneal allows only 2 points, found ${n}`);
  if (n < 2 || n > maxPoints)
    fail(
      'qpu-points',
      field,
      `must have between 2 and ${maxPoints} points${reverse ? ' (reverse anneal: max_anneal_schedule_points + 1)' : ''}, found ${n}`,
    );
  for (let k = 1; k < n; k++)
    if (!(points[k]![0] > points[k - 1]![0]))
      fail('qpu-time-increasing', field, `${describePoint(points, k, 'us')}: t must increase`);
  if (points[n - 1]![0] > maxT)
    fail(
      'qpu-max-time',
      field,
      `${describePoint(points, n - 1, 'us')}: the schedule may not be longer than ${maxT} µs`,
    );
  if (points[n - 1]![1] !== 1)
    fail('qpu-end', field, `${describePoint(points, n - 1, 'us')}: the last s must be 1`);
  const s0 = points[0]![1];
  if (s0 === 0) {
    for (let k = 1; k < n; k++)
      if (points[k]![1] < points[k - 1]![1])
        fail(
          'qpu-forward-monotonic',
          field,
          `${describePoint(points, k, 'us')}: s may not decrease in a forward anneal`,
        );
  } else if (s0 !== 1) {
    fail(
      'qpu-start',
      field,
      `${describePoint(points, 0, 'us')}: the first s must be 0 (forward) or 1 (reverse)`,
    );
  }
  const maxSlope = 1 / minT;
  for (let k = 1; k < n; k++) {
    const [t0, a] = points[k - 1]!;
    const [t1, b] = points[k]!;
    const slope = round10(Math.abs((b - a) / (t1 - t0)));
    if (slope > maxSlope)
      fail(
        'qpu-max-slope',
        field,
        `${describePoint(points, k, 'us')}: |Δs/Δt| = ${slope} per µs exceeds the maximum slope ${maxSlope} (1/${minT} µs)`,
      );
  }
}

/** Checks a plain annealing_time (µs) against annealing_time_range (or fast_anneal_time_range). */
export function checkQpuAnnealingTime(
  annealingTime: number,
  props: QpuScheduleProperties,
  opts: { fastAnneal?: boolean; field?: string } = {},
): void {
  const field = opts.field ?? 'annealing_time';
  const fast = opts.fastAnneal ?? false;
  const [lo, hi] = timeRange(props, fast, field);
  if (!Number.isFinite(annealingTime) || annealingTime < lo || annealingTime > hi)
    fail(
      'qpu-annealing-time',
      field,
      `${annealingTime} µs is outside ${fast ? 'fast_anneal_time_range' : 'annealing_time_range'} [${lo}, ${hi}] µs`,
    );
}

/**
 * Checks an h_gain_schedule [[t, g], …] (µs): first t = 0, t increasing, last t = the anneal's last time,
 * g within h_gain_schedule_range, at most max_h_gain_schedule_points, no segment steeper than
 * (G_max − G_min)/0.02 per µs; not allowed with fast_anneal. D-Wave documents the slope limit per QPU only as
 * "typically under (G_max − G_min)/0.02" (the QPU's error message states its own), so that bound is the rule.
 */
export function checkHGainSchedule(
  points: readonly Point[],
  lastAnnealTime: number,
  props: QpuScheduleProperties,
  opts: { fastAnneal?: boolean; field?: string } = {},
): void {
  const field = opts.field ?? 'h_gain_schedule';
  if (opts.fastAnneal) fail('h-gain-fast-anneal', field, 'h_gain_schedule cannot be used with fast_anneal');
  const n = points.length;
  const maxPoints = props.max_h_gain_schedule_points ?? Number.POSITIVE_INFINITY;
  if (n < 2 || n > maxPoints)
    fail('h-gain-points', field, `must have between 2 and ${maxPoints} points, found ${n}`);
  const at = (k: number) => `point ${k + 1} (t = ${points[k]![0]} µs, g = ${points[k]![1]})`;
  for (let k = 0; k < n; k++)
    if (!Number.isFinite(points[k]![0]) || !Number.isFinite(points[k]![1]))
      fail('h-gain-finite', field, `${at(k)}: t and g must be finite numbers`);
  if (points[0]![0] !== 0) fail('h-gain-start-time', field, `${at(0)}: the first point must be at t = 0`);
  for (let k = 1; k < n; k++)
    if (!(points[k]![0] > points[k - 1]![0]))
      fail('h-gain-time-increasing', field, `${at(k)}: t must increase`);
  if (points[n - 1]![0] !== lastAnnealTime)
    fail(
      'h-gain-end-time',
      field,
      `${at(n - 1)}: the last t must equal the anneal's last time ${lastAnnealTime} µs`,
    );
  const range = props.h_gain_schedule_range;
  if (range) {
    for (let k = 0; k < n; k++) {
      const g = points[k]![1];
      if (g < range[0] || g > range[1])
        fail(
          'h-gain-range',
          field,
          `${at(k)}: g must be within h_gain_schedule_range [${range[0]}, ${range[1]}]`,
        );
    }
    const maxSlope = (range[1] - range[0]) / 0.02;
    for (let k = 1; k < n; k++) {
      const slope = round10(
        Math.abs((points[k]![1] - points[k - 1]![1]) / (points[k]![0] - points[k - 1]![0])),
      );
      if (slope > maxSlope)
        fail(
          'h-gain-max-slope',
          field,
          `${at(k)}: |Δg/Δt| = ${slope} per µs exceeds the maximum slope ${maxSlope} per µs ((${range[1]} − ${range[0]})/0.02)`,
        );
    }
  }
}
