/**
 * The schedule, s(t) path and reverse-anneal start state of an annealing sampler, from its parameters
 * (`schedule`, `annealing_time`, `anneal_schedule`, `initial_state`), shared by the statevector and the
 * thermal (pimc, svmc) samplers.
 *
 * `initial_state` forms: an array with one value per variable in model order, a {label: value} object, or a
 * "v,v,…" string; values ±1 for SPIN models and 0/1 for BINARY models; the result is ±1 in model order.
 */

import { ParameterError } from '../errors.js';
import type { BinaryQuadraticModel } from '../hamiltonian/bqm.js';
import { labelKey } from '../hamiltonian/labels.js';
import { getSchedule } from '../hamiltonian/schedule/catalog.js';
import { annealPath, forwardPath, parseAnnealPoints } from '../hamiltonian/schedule/paths.js';
import type { AnnealingSchedule, AnnealPath } from '../hamiltonian/schedule/types.js';

/** Default anneal durations: D-Wave's default_annealing_time (µs) and τ for `linear`. */
export const DEFAULT_ANNEALING_TIME_US = 20;
export const DEFAULT_TAU = 10;

/** Converts an initial state given in any accepted form to ±1 in model variable order. */
export function parseInitialState(v: unknown, bqm: BinaryQuadraticModel, field = 'initial_state'): Int8Array {
  const n = bqm.numVariables;
  const labels = bqm.variables.toArray();
  let values: unknown[];
  if (typeof v === 'string')
    values = v
      .split(/[\s,]+/)
      .filter((x) => x !== '')
      .map(Number);
  else if (Array.isArray(v)) values = v;
  else if (typeof v === 'object' && v !== null) {
    const rec = v as Record<string, unknown>;
    const keys = Object.keys(rec);
    values = labels.map((l) => {
      const key = String(labelKey(l));
      if (!(key in rec))
        throw new ParameterError(`${field}: variable ${JSON.stringify(l)} is missing`, { field });
      return rec[key];
    });
    if (keys.length !== n)
      throw new ParameterError(`${field}: has ${keys.length} entries but the model has ${n} variables`, {
        field,
      });
  } else
    throw new ParameterError(`${field}: expected an array of values, an object or a "v,v,…" string`, {
      field,
    });
  if (values.length !== n)
    throw new ParameterError(`${field}: has ${values.length} values but the model has ${n} variables`, {
      field,
    });
  const out = new Int8Array(n);
  const binary = bqm.vartype === 'BINARY';
  values.forEach((x, i) => {
    const ok = binary ? x === 0 || x === 1 : x === 1 || x === -1;
    if (!ok)
      throw new ParameterError(
        `${field}: value ${i} (variable ${JSON.stringify(labels[i])}) is ${JSON.stringify(x)}; use ${binary ? '0 or 1 (BINARY model)' : '−1 or +1'}`,
        { field },
      );
    out[i] = binary ? (x === 1 ? 1 : -1) : (x as number);
  });
  return out;
}

/** A schedule object passes through; a string is a schedule name (unknown names list the known ones). */
export function scheduleFromParam(v: unknown): AnnealingSchedule {
  if (typeof v === 'object' && v !== null && typeof (v as AnnealingSchedule).transverse === 'function')
    return v as AnnealingSchedule;
  if (typeof v !== 'string')
    throw new ParameterError('schedule: expected a schedule name', { field: 'schedule' });
  return getSchedule(v);
}

/**
 * Schedule and path from validated parameters: `anneal_schedule` points (a reverse anneal when it starts at
 * s = 1, which then needs `initial_state`), else a forward anneal of `annealing_time` (µs for D-Wave tables, τ
 * for linear; defaults 20 µs / 10 τ).
 */
/** The path parameters {@link scheduleAndPathFromParams} reads (validated). */
export interface PathParameters {
  readonly schedule?: unknown;
  readonly annealing_time?: number | undefined;
  readonly anneal_schedule?: unknown;
  readonly initial_state?: unknown;
}

export function scheduleAndPathFromParams(
  p: PathParameters,
  bqm: BinaryQuadraticModel,
  defaultSchedule: string,
): { schedule: AnnealingSchedule; path: AnnealPath } {
  const schedule = scheduleFromParam(p.schedule ?? defaultSchedule);
  const ghz = schedule.energyUnit === 'GHz';
  const unit = ghz ? 'us' : 'tau';
  if (p.annealing_time !== undefined && p.anneal_schedule !== undefined)
    throw new ParameterError('annealing_time: give annealing_time or anneal_schedule, not both', {
      field: 'annealing_time',
    });
  const initialState = p.initial_state === undefined ? undefined : parseInitialState(p.initial_state, bqm);
  if (p.anneal_schedule !== undefined) {
    const raw = p.anneal_schedule;
    const points = parseAnnealPoints(typeof raw === 'string' ? raw : JSON.stringify(raw), 'anneal_schedule');
    return { schedule, path: annealPath(points, unit, initialState, 'anneal_schedule') };
  }
  if (initialState)
    throw new ParameterError(
      'initial_state: only reverse anneals take an initial state; give an anneal_schedule starting at s = 1',
      { field: 'initial_state' },
    );
  const duration = p.annealing_time ?? (ghz ? DEFAULT_ANNEALING_TIME_US : DEFAULT_TAU);
  return { schedule, path: forwardPath(duration, unit) };
}
