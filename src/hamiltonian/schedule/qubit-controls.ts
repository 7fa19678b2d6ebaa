/**
 * Per-qubit controls of a D-Wave anneal on a model's variables: anneal offsets, the h-gain schedule and flux
 * biases. With them the Hamiltonian of a published table (GHz) becomes (D-Wave's QPU documentation, "Anneal
 * Offsets", `h_gain_schedule`, `flux_biases`; the offset form follows its note after [Lan2017]):
 *
 *   H(t) = −Σ_i A_i(s)/2 σx_i + Σ_i B_i(s)/2 · g(t) h_i σz_i + Σ_{i<j} √(B_i(s) B_j(s))/2 · J_ij σz_i σz_j
 *          − Σ_i I_p,i(s) Φ0 · Φ_i σz_i,
 *
 * - anneal offset δc_i (normalized control-bias units; > 0 advances the qubit): A_i(s) = A(c⁻¹(c(s) + δc_i)),
 *   B_i(s) likewise, with c(s) the table's normalized control bias — a shift of the control bias, not of s. As
 *   dwave-system's `anneal_schedule_with_offset`, A and B are interpolated linearly over c and clamped to their
 *   end values outside [c(0), c(1)]. A coupler between qubits with different offsets carries √(B_i B_j)/2: the
 *   coupling energy is M_AFM·I_p,i·I_p,j with B = 2·M_AFM·I_p² (D-Wave's documented relation), the form D-Wave's
 *   anneal-offset note gives;
 * - h gain g(t): piecewise linear in t (the path's time unit, µs on the QPU), on h only;
 * - flux bias Φ_i in Φ0 (sign opposite to h by D-Wave's convention): a longitudinal term −I_p,i(s)·Φ0·Φ_i σz_i,
 *   I_p,i(s) = √(B_i(s)/(2 M_AFM)) with B in joules (dwave-system's `Ip_in_units_of_B`, `fluxbias_to_h`), so
 *   its energy grows as √B(s) while h's grows as B(s).
 */

import { ParameterError } from '../../errors.js';
import { piecewiseLinearAt } from './paths.js';
import { interpolate, type ScheduleTable } from './table.js';
import type { AnnealingSchedule } from './types.js';

type Point = readonly [number, number];

/** Planck's constant (J·s) and the flux quantum h/2e (Wb) as dwave-system's temperatures module uses them. */
export const PLANCK_J_S = 6.62607e-34;
export const FLUX_QUANTUM_WB = 2.0678e-15;

/** The per-qubit controls of one anneal, indexed like the model's variables. */
export interface QubitControls {
  /** Anneal offset δc_i per variable (normalized control-bias units); absent: none. */
  readonly offsets?: Float64Array;
  /** g(t) as [[t, g], …] in the path's time unit; absent: g ≡ 1. */
  readonly hGain?: readonly Point[];
  /** Flux bias Φ_i per variable in Φ0; absent: none. */
  readonly fluxBiases?: Float64Array;
  /** M_AFM in pH (needed with flux biases): the QPU's maximum mutual inductance. */
  readonly mAfmPh?: number;
}

/** Whether the controls leave the standard anneal unchanged (no offset, g ≡ 1, no flux). */
export function controlsAreNeutral(c: QubitControls | undefined): boolean {
  if (!c) return true;
  return (
    !c.offsets?.some((x) => x !== 0) &&
    !c.hGain?.some((p) => p[1] !== 1) &&
    !c.fluxBiases?.some((x) => x !== 0)
  );
}

/** The h gain at path time t (1 without a gain schedule). */
export function hGainAt(c: QubitControls | undefined, t: number): number {
  return c?.hGain ? piecewiseLinearAt(c.hGain, t) : 1;
}

/**
 * The flux-bias field per Φ0 at problem energy B (GHz): I_p·Φ0/h in GHz, I_p = √(B·h·10⁹/(2·M_AFM)).
 * A flux bias Φ then adds −fluxFieldGhz(B, M)·Φ·σz to H (e.g. 1651 GHz per Φ0 at B = 1.391 GHz, M = 1.647 pH,
 * so fluxbias_to_h gives h = −2·1651/1.391·Φ at that point).
 */
export function fluxFieldGhz(bGhz: number, mAfmPh: number): number {
  if (!(bGhz > 0)) return 0;
  const ip = Math.sqrt((bGhz * 1e9 * PLANCK_J_S) / (2 * mAfmPh * 1e-12));
  return (ip * FLUX_QUANTUM_WB) / (PLANCK_J_S * 1e9);
}

/** The h equivalent to flux bias Φ at problem energy B (GHz): h = −2·I_p(B)·Φ0·Φ/B (dwave-system fluxbias_to_h). */
export function fluxBiasToH(fluxPhi0: number, bGhz: number, mAfmPh: number): number {
  return (-2 * fluxFieldGhz(bGhz, mAfmPh) * fluxPhi0) / bGhz;
}

/** The schedule of a qubit with anneal offset δc on a table that has the control-bias column c. */
export function offsetSchedule(name: string, table: ScheduleTable, delta: number): AnnealingSchedule {
  const { s, A, B, c } = table;
  if (!c)
    throw new ParameterError(
      `anneal_offsets: the ${name} schedule has no control-bias column c(s), so offsets cannot be applied`,
      { field: 'anneal_offsets' },
    );
  const at = (y: Float64Array, x: number) => interpolate(c, y, interpolate(s, c, x) + delta);
  return {
    name: delta === 0 ? name : `${name}+offset(${delta})`,
    energyUnit: 'GHz',
    A: (x) => at(A, x),
    B: (x) => at(B, x),
    transverse: (x) => at(A, x) / 2,
    problem: (x) => at(B, x) / 2,
    angularFactor: 2 * Math.PI,
    timeUnit: 'ns',
  };
}

/** Variables grouped by equal anneal offset: the group of each variable and each group's offset (group 0 first seen). */
export interface OffsetGroups {
  readonly group: Int32Array;
  readonly offsets: Float64Array;
}

/** Groups the `n` variables by offset (all in one group of offset 0 without offsets). */
export function offsetGroups(n: number, offsets: Float64Array | undefined): OffsetGroups {
  const group = new Int32Array(n);
  const values: number[] = [];
  const index = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const d = offsets ? offsets[i]! : 0;
    let g = index.get(d);
    if (g === undefined) {
      g = values.length;
      index.set(d, g);
      values.push(d);
    }
    group[i] = g;
  }
  if (values.length === 0) values.push(0);
  return { group, offsets: Float64Array.from(values) };
}
