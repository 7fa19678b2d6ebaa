/**
 * The schedule, path, temperature and sweep parameters the thermal annealers (pimc, svmc, svmc-tf) share, and
 * their resolution into an {@link AnnealTable}.
 *
 * Annealing time → Monte Carlo sweeps (docs/pimc.md): `num_sweeps` when given; otherwise
 * num_sweeps = max(1, round(sweep_rate × path duration)), with sweep_rate in sweeps per µs for D-Wave schedules
 * (default 50, so the QPU's default 20 µs anneal is 1000 sweeps) and per τ for `linear` (default 100; default
 * τ = 10). Sweeps are spread uniformly in time along the path, so pauses get sweeps in proportion to their length.
 *
 * Temperature: D-Wave schedules (GHz) run at `temperature` mK (default 12), β = 1/(k_B T/h) in 1/GHz, or at an
 * explicit `beta` in 1/GHz; the dimensionless `linear` schedule has no physical temperature and needs `beta`
 * (inverse energy units of H(s) = −(1 − s) Σσx + s H_P).
 */

import { ParameterError } from '../../errors.js';
import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import type { AnnealingSchedule, AnnealPath } from '../../hamiltonian/schedule/types.js';
import { pathDuration } from '../../hamiltonian/schedule/types.js';
import { mkToBeta } from '../../hamiltonian/schedule/units.js';
import {
  DEFAULT_ANNEALING_TIME_US,
  DEFAULT_TAU,
  parseInitialState,
  scheduleAndPathFromParams,
} from '../anneal-path-params.js';
import { defineParameters, type ResolvedParameters } from '../sampler.js';
import { type AnnealTable, buildAnnealTable } from './anneal-table.js';

export { DEFAULT_ANNEALING_TIME_US, DEFAULT_TAU, parseInitialState };

export const DEFAULT_TEMPERATURE_MK = 12;
export const DEFAULT_SWEEPS_PER_US = 50;
export const DEFAULT_SWEEPS_PER_TAU = 100;
export const DEFAULT_SCHEDULE = 'Advantage_system4.1';

export const annealParameterSpecs = defineParameters({
  schedule: {
    kind: 'string',
    default: DEFAULT_SCHEDULE,
    doc: 'annealing schedule: a D-Wave solver name (NAME or NAME:fast; A, B in GHz) or linear (needs beta)',
  },
  annealing_time: {
    kind: 'number',
    min: 0,
    exclusiveMin: true,
    doc: `anneal duration: µs for D-Wave schedules (default ${DEFAULT_ANNEALING_TIME_US}), τ for linear (default ${DEFAULT_TAU})`,
  },
  anneal_schedule: {
    kind: 'json',
    doc: 'piecewise-linear s(t) as [[t, s], …] or "t,s t,s …" (µs, or τ for linear); starting at s = 1 makes a reverse anneal',
    check: (v) =>
      typeof v === 'string' || Array.isArray(v) ? undefined : 'expected [[t, s], …] or a "t,s t,s …" string',
  },
  initial_state: {
    kind: 'json',
    doc: 'reverse-anneal start state: one value per variable in model order (±1, or 0/1 for BINARY models), a {label: value} object, or "v,v,…"',
  },
  temperature: {
    kind: 'number',
    min: 0,
    exclusiveMin: true,
    doc: `temperature in mK for D-Wave schedules (default ${DEFAULT_TEMPERATURE_MK}); k_B T/h = 0.020837 GHz per mK`,
  },
  beta: {
    kind: 'number',
    min: 0,
    exclusiveMin: true,
    doc: 'inverse temperature in inverse energy units of H(s): required for linear; 1/GHz for D-Wave schedules (instead of temperature)',
  },
  num_sweeps: {
    kind: 'integer',
    min: 1,
    doc: 'Monte Carlo sweeps per read (default: sweep_rate × anneal duration)',
  },
  sweep_rate: {
    kind: 'number',
    min: 0,
    exclusiveMin: true,
    doc: `sweeps per unit of anneal time when num_sweeps is not given: per µs (default ${DEFAULT_SWEEPS_PER_US}) or per τ for linear (default ${DEFAULT_SWEEPS_PER_TAU})`,
  },
});

export interface ResolvedAnneal {
  schedule: AnnealingSchedule;
  path: AnnealPath;
  /** Inverse temperature in inverse schedule energy units. */
  beta: number;
  /** Set for D-Wave schedules run at a temperature. */
  temperatureMk?: number;
  numSweeps: number;
  table: AnnealTable;
  /** JSON record for info.schedule. */
  info: Record<string, unknown>;
}

/** Resolves the shared anneal parameters (already validated by resolveParameters) for `bqm`. */
export function resolveAnneal(
  p: Readonly<ResolvedParameters<typeof annealParameterSpecs>>,
  bqm: BinaryQuadraticModel,
): ResolvedAnneal {
  const { schedule, path } = scheduleAndPathFromParams(p, bqm, DEFAULT_SCHEDULE);
  const ghz = schedule.energyUnit === 'GHz';
  let beta: number;
  let temperatureMk: number | undefined;
  if (ghz) {
    if (p.beta !== undefined && p.temperature !== undefined)
      throw new ParameterError('beta: give temperature (mK) or beta (1/GHz), not both', { field: 'beta' });
    if (p.beta !== undefined) beta = p.beta;
    else {
      temperatureMk = p.temperature ?? DEFAULT_TEMPERATURE_MK;
      beta = mkToBeta(temperatureMk);
    }
  } else {
    if (p.temperature !== undefined)
      throw new ParameterError(
        `temperature: the ${schedule.name} schedule is dimensionless and has no physical temperature; give beta instead`,
        { field: 'temperature' },
      );
    if (p.beta === undefined)
      throw new ParameterError(
        `beta: the ${schedule.name} schedule is dimensionless; give beta (inverse temperature in units of 1/energy, e.g. 10)`,
        { field: 'beta' },
      );
    beta = p.beta;
  }
  const duration = pathDuration(path);
  const rate = p.sweep_rate ?? (ghz ? DEFAULT_SWEEPS_PER_US : DEFAULT_SWEEPS_PER_TAU);
  if (p.num_sweeps !== undefined && p.sweep_rate !== undefined)
    throw new ParameterError('sweep_rate: give num_sweeps or sweep_rate, not both', { field: 'sweep_rate' });
  const numSweeps = p.num_sweeps ?? Math.max(1, Math.round(rate * duration));
  const table = buildAnnealTable(schedule, path, beta, numSweeps);
  const info: Record<string, unknown> = {
    name: schedule.name,
    energy_unit: schedule.energyUnit,
    kind: path.kind,
    time_unit: path.timeUnit,
    points: path.points.map((q) => [q[0], q[1]]),
    beta,
    ...(temperatureMk !== undefined ? { temperature_mk: temperatureMk } : {}),
    num_sweeps: numSweeps,
    sweep_rule: p.num_sweeps !== undefined ? 'num_sweeps' : `${rate} sweeps per ${ghz ? 'µs' : 'τ'}`,
  };
  return {
    schedule,
    path,
    beta,
    ...(temperatureMk !== undefined ? { temperatureMk } : {}),
    numSweeps,
    table,
    info,
  };
}
