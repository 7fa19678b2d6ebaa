/**
 * D-Wave's rules for piecewise-linear anneal paths s(t) (dwave.md §4.1, "anneal_schedule"), as the simulator
 * applies them to every path. Each rule has its own id (ScheduleError.rule) and its own message naming the point.
 * The QPU-only limits (point count, maximum time, slope, fast-anneal) are in ./qpu-rules.ts.
 */

import { ScheduleError } from '../../errors.js';
import type { AnnealPath } from './types.js';

/** Rule ids of {@link validateAnnealPath}, with the rule each one states. */
export const ANNEAL_PATH_RULES = {
  'path-syntax': 'the schedule text is a list of "t,s" pairs, e.g. "0,0 20,1"',
  'path-points': 'a path has at least 2 points',
  'path-finite': 't and s are finite numbers',
  'path-start-time': 'the first point is at t = 0',
  'path-time-increasing': 't strictly increases from point to point',
  'path-s-range': 's is within [0, 1]',
  'path-duration': 'durations given to a path builder are finite; ramps > 0, pauses ≥ 0',
  'forward-start': 'a forward anneal starts at s = 0 (a path starting at s = 1 is a reverse anneal)',
  'forward-end': 'a forward anneal ends at s = 1',
  'reverse-start': 'a reverse anneal starts at s = 1',
  'reverse-end': 'a reverse anneal ends at s = 1',
  'reverse-initial-state': 'a reverse anneal needs an initial state',
  'initial-state-values': 'initial-state values are −1 or +1',
  'initial-state-length': 'the initial state has one value per model variable',
  'initial-state-forward': 'only reverse anneals take an initial state',
} as const;

export type AnnealPathRule = keyof typeof ANNEAL_PATH_RULES;

const UNIT_LABEL = { us: 'µs', tau: 'τ' } as const;

/** "point 3 (t = 5 µs, s = 0.4)" (1-based). */
export function describePoint(points: AnnealPath['points'], k: number, unit: AnnealPath['timeUnit']): string {
  const [t, s] = points[k]!;
  return `point ${k + 1} (t = ${t} ${UNIT_LABEL[unit]}, s = ${s})`;
}

function fail(rule: AnnealPathRule, message: string, field: string): never {
  throw new ScheduleError(rule, `${field}: ${message}`, { field });
}

/**
 * Checks a path against every rule of {@link ANNEAL_PATH_RULES} (except the model-dependent initial-state
 * length, see {@link checkInitialStateLength}) and returns it. `field` names the input in messages.
 */
export function validateAnnealPath(path: AnnealPath, field = 'anneal schedule'): AnnealPath {
  const p = path.points;
  const u = path.timeUnit;
  if (p.length < 2) fail('path-points', `needs at least 2 points (t, s), found ${p.length}`, field);
  for (let k = 0; k < p.length; k++) {
    const pt = p[k]!;
    if (pt.length !== 2 || !Number.isFinite(pt[0]) || !Number.isFinite(pt[1]))
      fail('path-finite', `${describePoint(p, k, u)}: t and s must be finite numbers`, field);
  }
  if (p[0]![0] !== 0)
    fail('path-start-time', `${describePoint(p, 0, u)}: the first point must be at t = 0`, field);
  for (let k = 1; k < p.length; k++)
    if (!(p[k]![0] > p[k - 1]![0]))
      fail(
        'path-time-increasing',
        `${describePoint(p, k, u)}: t must increase (previous t = ${p[k - 1]![0]})`,
        field,
      );
  for (let k = 0; k < p.length; k++) {
    const s = p[k]![1];
    if (s < 0 || s > 1) fail('path-s-range', `${describePoint(p, k, u)}: s must be within [0, 1]`, field);
  }
  const first = p[0]![1];
  const lastK = p.length - 1;
  const last = p[lastK]![1];
  if (path.kind === 'forward') {
    if (first !== 0)
      fail(
        'forward-start',
        `${describePoint(p, 0, u)}: a forward anneal starts at s = 0` +
          (first === 1 ? ' (starting at s = 1 makes it a reverse anneal, which needs an initial state)' : ''),
        field,
      );
    if (last !== 1)
      fail('forward-end', `${describePoint(p, lastK, u)}: a forward anneal ends at s = 1`, field);
    if (path.initialState !== undefined)
      fail('initial-state-forward', 'an initial state is only used by reverse anneals (first s = 1)', field);
  } else {
    if (first !== 1)
      fail('reverse-start', `${describePoint(p, 0, u)}: a reverse anneal starts at s = 1`, field);
    if (last !== 1)
      fail('reverse-end', `${describePoint(p, lastK, u)}: a reverse anneal ends at s = 1`, field);
    if (path.initialState === undefined)
      fail(
        'reverse-initial-state',
        'a reverse anneal (first s = 1) needs an initial state (--initial-state)',
        field,
      );
    const st = path.initialState;
    for (let i = 0; i < st.length; i++)
      if (st[i] !== 1 && st[i] !== -1)
        fail('initial-state-values', `initial state value ${i} is ${st[i]}; use −1 or +1`, field);
  }
  return path;
}

/** Checks that a reverse path's initial state has one value per model variable. */
export function checkInitialStateLength(
  path: AnnealPath,
  numVariables: number,
  field = 'initial state',
): void {
  const st = path.initialState;
  if (st !== undefined && st.length !== numVariables)
    fail(
      'initial-state-length',
      `has ${st.length} values but the model has ${numVariables} variables`,
      field,
    );
}
