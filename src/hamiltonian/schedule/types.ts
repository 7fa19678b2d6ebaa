/**
 * Annealing schedules and anneal paths: the shared vocabulary of every engine.
 *
 * Hamiltonian convention (stated once):
 *   H(s) = −Γ(s) Σ_i σ^x_i + Λ(s) H_P,   H_P = Σ h_i σ^z_i + Σ J_ij σ^z_i σ^z_j  (a BINARY model is converted to SPIN)
 * - D-Wave tables (`energyUnit: 'GHz'`): Γ = A(s)/2, Λ = B(s)/2 with A, B the published values in GHz (E/h).
 *   Time evolution uses angular frequencies 2π·Γ, 2π·Λ in rad/ns, so `angularFactor` = 2π and path times
 *   are converted from µs (the QPU's unit) to ns.
 * - `linear` (`energyUnit: 'dimensionless'`, ħ = 1): Γ = 1 − s, Λ = s; times are in units of ħ/energy (τ).
 *
 * A schedule is the shape (Γ, Λ as functions of s ∈ [0, 1]); an {@link AnnealPath} says how s moves in time.
 */

export type EnergyUnit = 'GHz' | 'dimensionless';

export interface AnnealingSchedule {
  /** "linear", a solver name such as "Advantage_system4.1", "Advantage_system4.1:fast", or "csv:<file>". */
  readonly name: string;
  readonly energyUnit: EnergyUnit;
  /** The published A(s) (GHz) or, for `linear`, 1 − s. */
  A(s: number): number;
  /** The published B(s) (GHz) or, for `linear`, s. */
  B(s: number): number;
  /** Coefficient Γ(s) of −Σσx in H(s): A/2 for tables, A for linear. */
  transverse(s: number): number;
  /** Coefficient Λ(s) of H_P in H(s): B/2 for tables, B for linear. */
  problem(s: number): number;
  /** Radians per (energy unit × time unit): 2π for GHz·ns, 1 for dimensionless. */
  readonly angularFactor: number;
  /** Time unit of dt and of engine time: "ns" for tables, "hbar/energy" for linear. */
  readonly timeUnit: 'ns' | 'hbar/energy';
}

/**
 * A piecewise-linear s(t) path. Times are in the schedule's *user* unit: µs for D-Wave tables (as on the QPU),
 * τ units (ħ/energy) for `linear`. Engines convert with {@link pathTimeToEngineTime}.
 */
export interface AnnealPath {
  /** "forward" starts at s = 0 in the ground state of H(0); "reverse" starts at s = 1 in `initialState`. */
  readonly kind: 'forward' | 'reverse';
  /** Points (t, s), t strictly increasing from 0. */
  readonly points: readonly (readonly [number, number])[];
  /** Time unit of the points. */
  readonly timeUnit: 'us' | 'tau';
  /** Classical start state for reverse anneals, in the model's variable order (±1). */
  readonly initialState?: Int8Array;
}

/** Engine time per path time unit: 1000 ns per µs for tables, 1 for τ. */
export function pathTimeToEngineTime(path: AnnealPath): number {
  return path.timeUnit === 'us' ? 1000 : 1;
}

/** Total duration of a path in its own unit. */
export function pathDuration(path: AnnealPath): number {
  return path.points[path.points.length - 1]![0];
}

/** s at time t (path units), by linear interpolation; clamped outside the path. */
export function sAt(path: AnnealPath, t: number): number {
  const p = path.points;
  if (t <= p[0]![0]) return p[0]![1];
  for (let k = 1; k < p.length; k++) {
    const [t1, s1] = p[k]!;
    if (t <= t1) {
      const [t0, s0] = p[k - 1]!;
      return s0 + ((s1 - s0) * (t - t0)) / (t1 - t0);
    }
  }
  return p[p.length - 1]![1];
}
