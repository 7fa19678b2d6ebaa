/**
 * The step plan of a second-order Trotter–Suzuki (Strang) evolution along an anneal path.
 *
 * Each step of length h (engine time: ns for D-Wave tables, ħ/energy for `linear`) uses the schedule at the
 * step's midpoint s_m: U ≈ D(θz/2) X(θx) D(θz/2) with θx = ω·Γ(s_m)·h, θz = ω·Λ(s_m)·h (ω = the schedule's
 * angular factor), X(θ) = Π_i exp(iθσ^x_i) and D(φ) = exp(−iφ H_P). Consecutive half diagonals are fused,
 * so step k applies D(phi[k]) then X(θx_k), with phi[k] = (θz_{k−1} + θz_k)/2, and `finalPhi` = θz_last/2
 * closes the product. Steps never straddle a path corner: each segment gets ceil(duration/dt) equal steps.
 */

import { ParameterError } from '../../errors.js';
import { validateAnnealPath } from '../../hamiltonian/schedule/path-rules.js';
import {
  type AnnealingSchedule,
  type AnnealPath,
  pathTimeToEngineTime,
  sAt,
} from '../../hamiltonian/schedule/types.js';

/** Most steps one evolution may take (guards against a tiny dt). */
export const MAX_STEPS = 50_000_000;

export interface StepPlan {
  readonly steps: number;
  /** Per step k: [phi_k, cos θx_k, sin θx_k] at 3k..3k+2 (SharedArrayBuffer-backed when asked). */
  readonly data: Float64Array;
  readonly finalPhi: number;
  /** Engine time at the end of each step. */
  readonly tEnd: Float64Array;
  /** θz_k/2 of each step: the half diagonal that completes the state at tEnd[k] (for checkpoints). */
  readonly halfPhi: Float64Array;
  /** Largest step used (engine time). */
  readonly dtMax: number;
  /** Path duration in engine time. */
  readonly duration: number;
}

/** Builds the plan for `dt` (engine time units, > 0). */
export function buildStepPlan(
  schedule: AnnealingSchedule,
  path: AnnealPath,
  dt: number,
  opts: { shared?: boolean } = {},
): StepPlan {
  if (!(dt > 0) || !Number.isFinite(dt))
    throw new ParameterError(`dt: ${dt} must be a finite number > 0 (${schedule.timeUnit})`, { field: 'dt' });
  validateAnnealPath(path, 'anneal path');
  const unit = pathTimeToEngineTime(path);
  const pts = path.points;
  const counts = segmentSteps(path, dt);
  const steps = counts.reduce((a, b) => a + b, 0);
  if (steps > MAX_STEPS)
    throw new ParameterError(
      `dt: ${dt} ${schedule.timeUnit} would take ${steps} steps (at most ${MAX_STEPS}); use a larger \`dt\` or fewer \`steps\``,
      { field: 'dt' },
    );
  const bytes = 3 * steps * 8;
  const data = new Float64Array(opts.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const tEnd = new Float64Array(steps);
  const halfPhi = new Float64Array(steps);
  const w = schedule.angularFactor;
  let prevZ = 0;
  let k = 0;
  let dtMax = 0;
  for (let seg = 1; seg < pts.length; seg++) {
    const t0 = pts[seg - 1]![0];
    const t1 = pts[seg]![0];
    const m = counts[seg - 1]!;
    const hPath = (t1 - t0) / m;
    const h = hPath * unit;
    if (h > dtMax) dtMax = h;
    for (let j = 0; j < m; j++, k++) {
      const s = sAt(path, t0 + (j + 0.5) * hPath);
      const tx = w * schedule.transverse(s) * h;
      const tz = w * schedule.problem(s) * h;
      data[3 * k] = (prevZ + tz) / 2;
      data[3 * k + 1] = Math.cos(tx);
      data[3 * k + 2] = Math.sin(tx);
      prevZ = tz;
      halfPhi[k] = tz / 2;
      tEnd[k] = (t0 + (j + 1) * hPath) * unit;
    }
  }
  return { steps, data, finalPhi: prevZ / 2, tEnd, halfPhi, dtMax, duration: pts[pts.length - 1]![0] * unit };
}

/** Steps of each path segment at step `dt` (engine time): every segment gets at least one. */
export function segmentSteps(path: AnnealPath, dt: number): number[] {
  const unit = pathTimeToEngineTime(path);
  const pts = path.points;
  const counts: number[] = [];
  for (let k = 1; k < pts.length; k++)
    counts.push(Math.max(1, Math.ceil(((pts[k]![0] - pts[k - 1]![0]) * unit) / dt - 1e-9)));
  return counts;
}

/** Steps a plan at `dt` would take (no arrays built): to check a step count before any run. */
export function countSteps(path: AnnealPath, dt: number): number {
  return segmentSteps(path, dt).reduce((a, b) => a + b, 0);
}

/** Total engine-time duration of a path. */
export function pathEngineDuration(path: AnnealPath): number {
  return path.points[path.points.length - 1]![0] * pathTimeToEngineTime(path);
}
