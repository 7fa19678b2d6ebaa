/**
 * Builders and a parser for anneal paths s(t) ({@link AnnealPath}): forward, pause, quench, reverse, and
 * D-Wave's `anneal_schedule` text. Times are in the path's unit (µs for GHz tables, τ for `linear`).
 * Every path returned has passed {@link validateAnnealPath}.
 */

import { ScheduleError } from '../../errors.js';
import { type AnnealPathRule, validateAnnealPath } from './path-rules.js';
import type { AnnealPath } from './types.js';

export type PathTimeUnit = AnnealPath['timeUnit'];
type Point = readonly [number, number];

function bad(rule: AnnealPathRule, field: string, message: string): never {
  throw new ScheduleError(rule, `${field}: ${message}`, { field });
}

/** A duration argument: finite and > 0 (`allowZero`: ≥ 0). */
function duration(v: number, field: string, allowZero = false): number {
  if (!Number.isFinite(v)) bad('path-finite', field, `${v} is not a finite number`);
  if (allowZero ? v < 0 : v <= 0) bad('path-duration', field, `${v} must be ${allowZero ? '≥' : '>'} 0`);
  return v;
}

/** An anneal-fraction argument within [0, 1]. */
function fraction(v: number, field: string): number {
  if (!Number.isFinite(v)) bad('path-finite', field, `${v} is not a finite number`);
  if (v < 0 || v > 1) bad('path-s-range', field, `${v} must be within [0, 1]`);
  return v;
}

/** Drops points that repeat the previous one (zero-length segments from zero durations). */
function compact(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const q = out[out.length - 1];
    if (q && q[0] === p[0] && q[1] === p[1]) continue;
    out.push(p);
  }
  return out;
}

/** The standard forward anneal s = t/T: [[0, 0], [T, 1]]. */
export function forwardPath(duration_: number, unit: PathTimeUnit = 'us'): AnnealPath {
  const T = duration(duration_, 'annealing time');
  return validateAnnealPath({
    kind: 'forward',
    points: [
      [0, 0],
      [T, 1],
    ],
    timeUnit: unit,
  });
}

export interface PauseOptions {
  /** Anneal time T of the underlying linear ramp (s = t/T outside the pause). */
  duration: number;
  /** s at which to pause, in [0, 1]. */
  sPause: number;
  /** Pause length (≥ 0); the total time is T + pauseDuration. */
  pauseDuration: number;
  unit?: PathTimeUnit;
}

/** Forward anneal with a pause: ramp to s_p at rate 1/T, hold for pauseDuration, ramp on to 1 at 1/T. */
export function pausePath(o: PauseOptions): AnnealPath {
  const T = duration(o.duration, 'annealing time');
  const sp = fraction(o.sPause, 'pause s');
  const d = duration(o.pauseDuration, 'pause duration', true);
  const t1 = sp * T;
  const points = compact([
    [0, 0],
    [t1, sp],
    [t1 + d, sp],
    [T + d, 1],
  ]);
  return validateAnnealPath({ kind: 'forward', points, timeUnit: o.unit ?? 'us' });
}

export interface QuenchOptions {
  /** Anneal time T of the ramp before the quench (s = t/T). */
  duration: number;
  /** s at which the quench starts, in [0, 1]. */
  sQuench: number;
  /** Time of the quench from s_q to 1 (> 0; on a QPU at least (1 − s_q)·min_annealing_time). */
  quenchDuration: number;
  /** Optional pause at s_q before the quench (≥ 0, default 0). */
  pauseDuration?: number;
  unit?: PathTimeUnit;
}

/** Forward anneal to s_q at rate 1/T, optional pause, then a fast ramp (quench) to s = 1. */
export function quenchPath(o: QuenchOptions): AnnealPath {
  const T = duration(o.duration, 'annealing time');
  const sq = fraction(o.sQuench, 'quench s');
  const q = duration(o.quenchDuration, 'quench duration');
  const d = duration(o.pauseDuration ?? 0, 'pause duration', true);
  const t1 = sq * T;
  const points = compact([
    [0, 0],
    [t1, sq],
    [t1 + d, sq],
    [t1 + d + q, 1],
  ]);
  return validateAnnealPath({ kind: 'forward', points, timeUnit: o.unit ?? 'us' });
}

export interface ReverseOptions {
  /** s reached by the backward ramp, in [0, 1]. */
  sTarget: number;
  /** Time held at s_target (≥ 0). */
  pauseDuration: number;
  /** Time of each ramp, 1 → s_target and s_target → 1 (> 0). */
  rampDuration: number;
  /** Classical start state (±1), in the model's variable order. */
  initialState: Int8Array;
  unit?: PathTimeUnit;
}

/** Reverse anneal: [[0, 1], [r, s_t], [r + p, s_t], [2r + p, 1]] from `initialState`. */
export function reversePath(o: ReverseOptions): AnnealPath {
  const st = fraction(o.sTarget, 'reverse s_target');
  const p = duration(o.pauseDuration, 'reverse pause', true);
  const r = duration(o.rampDuration, 'reverse ramp');
  const points = compact([
    [0, 1],
    [r, st],
    [r + p, st],
    [2 * r + p, 1],
  ]);
  return validateAnnealPath({
    kind: 'reverse',
    points,
    timeUnit: o.unit ?? 'us',
    initialState: o.initialState,
  });
}

/**
 * Parses D-Wave's anneal_schedule as text: pairs "t,s" separated by spaces or ';' ("0,0 10,0.5 20,1";
 * spaces around commas are allowed), or JSON `[[t, s], …]`. Returns the points without validating them.
 */
export function parseAnnealPoints(text: string, field = 'anneal schedule'): Point[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    let v: unknown;
    try {
      v = JSON.parse(trimmed);
    } catch (e) {
      bad('path-syntax', field, `invalid JSON (${(e as Error).message}); use [[t, s], …] or "t,s t,s …"`);
    }
    if (!Array.isArray(v)) bad('path-syntax', field, 'expected an array of [t, s] pairs');
    return v.map((pair, k) => {
      if (!Array.isArray(pair) || pair.length !== 2 || pair.some((x) => typeof x !== 'number'))
        bad(
          'path-syntax',
          field,
          `point ${k + 1}: expected [t, s] (two numbers), found ${JSON.stringify(pair)}`,
        );
      return [pair[0], pair[1]] as const;
    });
  }
  const tokens = trimmed
    .replace(/\s*,\s*/g, ',')
    .split(/[\s;]+/)
    .filter((x) => x !== '');
  return tokens.map((tok, k) => {
    const parts = tok.split(',');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '')
      bad(
        'path-syntax',
        field,
        `point ${k + 1}: ${JSON.stringify(tok)} is not a "t,s" pair (e.g. "0,0 20,1")`,
      );
    const t = Number(parts[0]);
    const s = Number(parts[1]);
    for (const [x, raw] of [
      [t, parts[0]],
      [s, parts[1]],
    ] as const)
      if (Number.isNaN(x) && !/^[+-]?nan$/i.test(raw!))
        bad('path-syntax', field, `point ${k + 1}: ${JSON.stringify(raw)} is not a number`);
    return [t, s] as const;
  });
}

/**
 * A validated path from points: a first s of 1 makes it a reverse anneal (needs `initialState`), anything else
 * a forward anneal.
 */
export function annealPath(
  points: readonly Point[],
  unit: PathTimeUnit,
  initialState?: Int8Array,
  field = 'anneal schedule',
): AnnealPath {
  const kind = points.length > 0 && points[0]![1] === 1 ? 'reverse' : 'forward';
  return validateAnnealPath(
    {
      kind,
      points: points.map((p) => [p[0], p[1]] as const),
      timeUnit: unit,
      ...(initialState ? { initialState } : {}),
    },
    field,
  );
}

/** Parses and validates D-Wave's anneal_schedule text (see {@link parseAnnealPoints}, {@link annealPath}). */
export function parseAnnealSchedule(
  text: string,
  unit: PathTimeUnit = 'us',
  initialState?: Int8Array,
  field = 'anneal schedule',
): AnnealPath {
  return annealPath(parseAnnealPoints(text, field), unit, initialState, field);
}

/** Piecewise-linear value at t of points [[t, y], …] (an anneal or h-gain schedule); clamped outside. */
export function piecewiseLinearAt(points: readonly Point[], t: number): number {
  if (t <= points[0]![0]) return points[0]![1];
  for (let k = 1; k < points.length; k++) {
    const [t1, y1] = points[k]!;
    if (t <= t1) {
      const [t0, y0] = points[k - 1]!;
      return y0 + ((y1 - y0) * (t - t0)) / (t1 - t0);
    }
  }
  return points[points.length - 1]![1];
}
