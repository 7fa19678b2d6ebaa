/**
 * Compiles a schedule, an anneal path, an inverse temperature and a sweep count into the per-sweep table the
 * Monte Carlo kernels read. Kernels never see schedule functions, only these numbers.
 *
 * Sweep k (0-based, of N) runs at path time t_k = (k + 1)·T/N, where T is the path's duration, so the last
 * sweep of a forward anneal sits at its final s and a pause gets sweeps in proportion to its length.
 *
 * Units: β is in inverse schedule energy units (1/GHz for D-Wave tables, where β = 1/(k_B T/h); 1/energy for
 * `linear`), so β·Γ(s) and β·Λ(s) are dimensionless.
 */

import type { AnnealingSchedule, AnnealPath } from '../../hamiltonian/schedule/types.js';
import { pathDuration, sAt } from '../../hamiltonian/schedule/types.js';

export interface AnnealTable {
  /** Number of sweeps N. */
  readonly length: number;
  /** s at each sweep. */
  readonly s: Float64Array;
  /** β·Γ(s_k): the transverse field in units of k_B T. */
  readonly betaGamma: Float64Array;
  /** β·Λ(s_k): the problem-Hamiltonian scale in units of k_B T. */
  readonly betaLambda: Float64Array;
}

/** The s value of each of `numSweeps` sweeps along `path` (see the module comment for the rule). */
export function sweepPoints(path: AnnealPath, numSweeps: number): Float64Array {
  const T = pathDuration(path);
  const out = new Float64Array(numSweeps);
  for (let k = 0; k < numSweeps; k++) out[k] = sAt(path, ((k + 1) * T) / numSweeps);
  return out;
}

/** The per-sweep table for `schedule` along `path` at inverse temperature `beta`. */
export function buildAnnealTable(
  schedule: AnnealingSchedule,
  path: AnnealPath,
  beta: number,
  numSweeps: number,
): AnnealTable {
  return tableAtPoints(schedule, sweepPoints(path, numSweeps), beta);
}

/** The table for explicit s values (one sweep each). */
export function tableAtPoints(schedule: AnnealingSchedule, s: Float64Array, beta: number): AnnealTable {
  const n = s.length;
  const betaGamma = new Float64Array(n);
  const betaLambda = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    betaGamma[k] = beta * Math.max(0, schedule.transverse(s[k]!));
    betaLambda[k] = beta * schedule.problem(s[k]!);
  }
  return { length: n, s, betaGamma, betaLambda };
}

/** A table that holds H(s) fixed for `numSweeps` sweeps (equilibrium runs). */
export function constantTable(
  betaGamma: number,
  betaLambda: number,
  numSweeps: number,
  s = Number.NaN,
): AnnealTable {
  return {
    length: numSweeps,
    s: new Float64Array(numSweeps).fill(s),
    betaGamma: new Float64Array(numSweeps).fill(betaGamma),
    betaLambda: new Float64Array(numSweeps).fill(betaLambda),
  };
}
