/**
 * The result of one anneal ({@link ./anneal-point.ts}), as `qaxai anneal --json`, a study's rows and the web
 * lab's anneal jobs all report it. Types (and the method names) only, importing nothing that needs Node,
 * so the web front end (web/src) imports them too.
 *
 * Units: `duration`, `annealPath` times and `tts99` are in the path's unit (`timeUnit` 'us' = µs for D-Wave
 * tables, 'tau' = τ = ħ/energy for `linear`; `durationUnit` says it in words); `dt` is in engine time
 * (`dtUnit` 'ns' for tables, 'hbar/energy' for linear); energies are those of H_P (the model's Ising energy).
 */

import type { EnergyUnit } from '../hamiltonian/schedule/types.js';
import type { ConvergenceReport } from '../sim/statevector/convergence-report.js';

export type AnnealMethod = 'statevector' | 'pimc';
export const ANNEAL_METHODS: readonly AnnealMethod[] = ['statevector', 'pimc'];

/** The path-time unit in words: µs (D-Wave tables) or τ (linear). */
export type DurationUnit = 'µs' | 'τ';

/** The schedule and the s(t) path of a point. */
export interface AnnealPointPath {
  schedule: string;
  energyUnit: EnergyUnit;
  pathKind: 'forward' | 'reverse';
  timeUnit: 'us' | 'tau';
  /** The path's (t, s) points. */
  annealPath: [number, number][];
  /** The path's last t. */
  duration: number;
  /** Reverse anneals: the classical start state (±1 per variable, in the model's order). */
  initialState?: number[];
}

interface AnnealPointCommon extends AnnealPointPath {
  method: AnnealMethod;
  n: number;
  /** Probability on the ground set of H_P (all degenerate ground states). */
  successProbability: number;
  groundEnergy: number;
  /** Null when the ground level was not enumerated (pimc, n > 26). */
  groundDegeneracy: number | null;
  /** ⟨H_P⟩ at the end of the anneal. */
  expectedEnergy: number;
  /** ⟨H_P⟩ − ground energy. */
  residualEnergy: number;
  /** Trotter steps (statevector) or Monte Carlo sweeps (pimc). */
  steps: number | null;
  wallSeconds: number;
  durationUnit: DurationUnit;
  /** t·ln(0.01)/ln(1 − p): t when p ≥ 0.99, null when p = 0. */
  tts99: number | null;
  /** The kernels that ran ('wasm', 'ts', 'gpu.js:webgpu', 'gpu.js:webasm'). */
  kernel?: string;
}

export interface StatevectorAnnealPoint extends Omit<AnnealPointCommon, 'initialState'> {
  method: 'statevector';
  groundDegeneracy: number;
  steps: number;
  /** Largest step, in `dtUnit`. */
  dt: number;
  dtUnit: 'ns' | 'hbar/energy';
  convergence: ConvergenceReport;
  /** The start state: 'plus', 'ground' (of H at the path's first point) or, for reverse anneals, the ±1 state. */
  initialState: 'plus' | 'ground' | 'classical' | number[];
  threads: number;
  kernel: string;
  /** Overlap with the instantaneous ground state, when asked for. */
  overlap?: { t: number[]; s: number[]; overlap: number[] };
}

export interface PimcAnnealPoint extends AnnealPointCommon {
  method: 'pimc';
  /** Binomial standard error of the success probability. */
  successProbabilityStdErr: number;
  /** False when the ground energy is the lowest energy seen (n > 26), not enumerated. */
  groundEnergyExact: boolean;
  numReads: number;
  samplerInfo: { parameters: unknown; seed: unknown; timing: unknown };
}

export type AnnealPoint = StatevectorAnnealPoint | PimcAnnealPoint;
