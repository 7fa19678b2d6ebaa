/**
 * The annealing analyzer built from the simulator's engines (src/sim): the success probability F of a
 * statevector anneal (second-order Trotter–Suzuki, src/sim/statevector) on the linear schedule, and the
 * minimum gap of H(s) with where it falls, by the engine's gap search (src/sim/spectrum/gap: warm-started
 * Lanczos scan, refinement to 1e-6 relative, certification of every interval; cli.md's rule E_g − E_0).
 *
 * Conventions: H(s) = −Γ(s) Σσx + s H_P with H_P the QUBO's energy as a diagonal operator (x = (1+σ)/2 in
 * qaxai, n = (1−σ)/2 in the paper: the two differ by flipping every spin, which commutes with Σσx, so
 * spectra and F agree). Γ = 1 − s (the paper's form) or (1 − s)/d ('code': the authors' script uses
 * (1/d)·Σσx; its sign does not matter for the same reason).
 */

import { compileModel } from '../hamiltonian/compiled.js';
import { linearSchedule } from '../hamiltonian/schedule/linear.js';
import { forwardPath } from '../hamiltonian/schedule/paths.js';
import type { AnnealingSchedule } from '../hamiltonian/schedule/types.js';
import { minimumGap } from '../sim/spectrum/gap.js';
import { annealCompiled } from '../sim/statevector/anneal.js';
import type { AnnealAnalyzer } from './anneal-stats.js';

/** Largest d analysed at all (2^d amplitudes × 100·τ steps per image); wider QUBOs get nulls and a note. */
export const ANALYZE_MAX_QUBITS = 20;

export interface AnalyzerOptions {
  /** 'paper': H(s) = −(1 − s)Σσx + s H_P; 'code': the authors' driver scaled by 1/d. */
  driver?: 'paper' | 'code';
  /** Coarse scan points of the gap search (default 41, then refinement). */
  gapPoints?: number;
}

/** The linear schedule with its driver divided by d (the authors' code). */
export function scaledDriverSchedule(d: number): AnnealingSchedule {
  return {
    ...linearSchedule,
    name: `linear/${d}`,
    A: (s) => (1 - s) / d,
    transverse: (s) => (1 - s) / d,
  };
}

/** F from a statevector sampler's info when it ran the same anneal (linear schedule, same τ and dt). */
function reusableSuccess(
  info: Record<string, unknown> | undefined,
  tau: number,
  dt: number,
  schedule: string,
): { successProbability: number; groundDegeneracy: number } | undefined {
  const p = info?.parameters as Record<string, unknown> | undefined;
  if (info?.sampler !== 'statevector' || !p || typeof info.success_probability !== 'number') return undefined;
  if (p.schedule !== schedule || p.annealing_time !== tau || p.dt !== dt || p.anneal_schedule !== undefined)
    return undefined;
  return {
    successProbability: info.success_probability,
    groundDegeneracy: Number(info.ground_degeneracy ?? 1),
  };
}

export function defaultAnnealAnalyzer(o: AnalyzerOptions = {}): AnnealAnalyzer | undefined {
  return async (bqm, q) => {
    const model = compileModel(bqm, 'SPIN');
    if (model.n > ANALYZE_MAX_QUBITS)
      return {
        minGap: null,
        sAtMin: null,
        successProbability: null,
        engine: `not analysed: d = ${model.n} > ${ANALYZE_MAX_QUBITS} qubits`,
      };
    const schedule = o.driver === 'code' ? scaledDriverSchedule(model.n) : linearSchedule;
    let gap: { minGap: number; sAtMin: number } | null = null;
    // only the gap is needed: levels g + 1 keeps the search on the fast single-vector path
    if (q.gap !== false) gap = await minimumGap(model, { schedule, points: o.gapPoints ?? 41, levels: 1 });
    const reused = reusableSuccess(q.sampleInfo, q.tau, q.dt, schedule.name);
    const ann =
      reused ??
      (await annealCompiled(model, {
        schedule,
        path: forwardPath(q.tau, 'tau'),
        dt: q.dt,
        convergenceCheck: false,
        threads: 1,
      }));
    return {
      minGap: gap?.minGap ?? null,
      sAtMin: gap?.sAtMin ?? null,
      successProbability: ann.successProbability,
      groundDegeneracy: ann.groundDegeneracy,
      engine: `statevector (Trotter–Suzuki, dt ${q.dt}) and minimum-gap search, ${schedule.name} schedule`,
    };
  };
}
