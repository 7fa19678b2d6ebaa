/**
 * The per-sweep numbers of an anneal whose qubits do not all follow one schedule (anneal offsets, an h-gain
 * schedule, flux biases: src/hamiltonian/schedule/qubit-controls.ts), for the thermal kernels. Qubits with equal
 * offsets form a group; per sweep k (at the path times of anneal-table.ts) and group g the table holds β·Γ_g,
 * β·Λ_g and, with flux biases, β·I_p,g·Φ0/h (the flux field per Φ0), plus the h gain of the sweep.
 *
 * Units: β in 1/GHz, Γ = A/2, Λ = B/2 and the flux field in GHz, so every entry is dimensionless.
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';
import {
  fluxFieldGhz,
  hGainAt,
  offsetGroups,
  offsetSchedule,
  type QubitControls,
} from '../../hamiltonian/schedule/qubit-controls.js';
import type { ScheduleTable } from '../../hamiltonian/schedule/table.js';
import { type AnnealPath, pathDuration } from '../../hamiltonian/schedule/types.js';
import { sweepPoints, tableAtPoints } from './anneal-table.js';

export interface QubitSweepTable {
  /** Sweeps N. */
  readonly length: number;
  /** Groups G (qubits of equal anneal offset). */
  readonly numGroups: number;
  /** Group of each model variable. */
  readonly group: Int32Array;
  /** β·Γ_g(s_k) at [k·G + g]. */
  readonly betaGamma: Float64Array;
  /** β·Λ_g(s_k) at [k·G + g]. */
  readonly betaLambda: Float64Array;
  /** g(t_k) per sweep (absent: 1). */
  readonly gain?: Float64Array;
  /** β·I_p,g(s_k)·Φ0/h at [k·G + g] (with flux biases). */
  readonly betaFlux?: Float64Array;
  /** Flux bias per model variable, Φ0 (with flux biases). */
  readonly fluxBiases?: Float64Array;
}

/**
 * The per-qubit table of `controls` for `n` variables along `path` on the published `table` (named `name`),
 * at inverse temperature `beta` (1/GHz) with `numSweeps` sweeps.
 */
export function buildQubitSweepTable(
  name: string,
  table: ScheduleTable,
  path: AnnealPath,
  beta: number,
  numSweeps: number,
  n: number,
  controls: QubitControls,
): QubitSweepTable {
  const { group, offsets } = offsetGroups(n, controls.offsets);
  const G = offsets.length;
  const s = sweepPoints(path, numSweeps);
  const N = numSweeps;
  const betaGamma = new Float64Array(N * G);
  const betaLambda = new Float64Array(N * G);
  const flux = controls.fluxBiases?.some((x) => x !== 0) ? controls.fluxBiases : undefined;
  const betaFlux = flux ? new Float64Array(N * G) : undefined;
  for (let g = 0; g < G; g++) {
    const sch = offsetSchedule(name, table, offsets[g]!);
    const t = tableAtPoints(sch, s, beta);
    for (let k = 0; k < N; k++) {
      betaGamma[k * G + g] = t.betaGamma[k]!;
      betaLambda[k * G + g] = t.betaLambda[k]!;
      if (betaFlux) betaFlux[k * G + g] = beta * fluxFieldGhz(sch.B(s[k]!), controls.mAfmPh ?? Number.NaN);
    }
  }
  const T = pathDuration(path);
  const gain = controls.hGain
    ? Float64Array.from({ length: N }, (_, k) => hGainAt(controls, ((k + 1) * T) / N))
    : undefined;
  return {
    length: N,
    numGroups: G,
    group,
    betaGamma,
    betaLambda,
    ...(gain ? { gain } : {}),
    ...(betaFlux && flux ? { betaFlux, fluxBiases: flux } : {}),
  };
}

/**
 * The model of sweep k in the kernels' form, for one programmed model (h, J) and the table: the kernels weigh
 * every slice's classical energy by a = Λ_ref/P (Λ_ref = max_g βΛ_g) and each qubit's slice coupling by its
 * group's K, so sweep k's effective h and J are
 *   h'_i = r_i² g h_i − (βF_i/Λ_ref) Φ_i,   J'_ij = r_i r_j J_ij,   r_i = √(βΛ_g(i)/Λ_ref)
 * (r = 1 when every Λ is 0, a is then 0), which makes a·(h'·s + J'·ss) the action of the Hamiltonian above.
 */
export class SweepScales {
  /** r per group. */
  readonly r: Float64Array;
  /** Λ_ref of the current sweep. */
  lambdaRef = 0;
  constructor(readonly table: QubitSweepTable) {
    this.r = new Float64Array(table.numGroups);
  }

  /** Moves to sweep k; returns whether any r changed (J' must then be rebuilt). */
  at(k: number): boolean {
    const { numGroups: G, betaLambda } = this.table;
    let ref = 0;
    for (let g = 0; g < G; g++) ref = Math.max(ref, betaLambda[k * G + g]!);
    this.lambdaRef = ref;
    let changed = false;
    for (let g = 0; g < G; g++) {
      const r = ref > 0 ? Math.sqrt(betaLambda[k * G + g]! / ref) : 1;
      if (r !== this.r[g]) changed = true;
      this.r[g] = r;
    }
    return changed;
  }

  /** h' of sweep k into `out` (variables in `order`: out[j] is model variable order[j]). */
  linear(k: number, h: Float64Array, order: Int32Array, out: Float64Array): void {
    const t = this.table;
    const G = t.numGroups;
    const gain = t.gain ? t.gain[k]! : 1;
    const ref = this.lambdaRef;
    for (let j = 0; j < out.length; j++) {
      const i = order[j]!;
      const g = t.group[i]!;
      const r = this.r[g]!;
      let x = r * r * gain * h[j]!;
      if (t.betaFlux && ref > 0) x -= (t.betaFlux[k * G + g]! / ref) * t.fluxBiases![i]!;
      out[j] = x;
    }
  }
}

/** A mutable copy of `m` with variable j of the copy being variable order[j] of `m`. */
export function permuteModel(m: CompiledModel, order: Int32Array): CompiledModel {
  const n = m.n;
  const inv = new Int32Array(n);
  for (let j = 0; j < n; j++) inv[order[j]!] = j;
  const linear = Float64Array.from(order, (i) => m.linear[i]!);
  const rowPtr = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) {
    const i = order[j]!;
    rowPtr[j + 1] = rowPtr[j]! + (m.rowPtr[i + 1]! - m.rowPtr[i]!);
  }
  const colIdx = new Int32Array(m.colIdx.length);
  const weights = new Float64Array(m.weights.length);
  for (let j = 0; j < n; j++) {
    const i = order[j]!;
    const row: Array<[number, number]> = [];
    for (let p = m.rowPtr[i]!; p < m.rowPtr[i + 1]!; p++) row.push([inv[m.colIdx[p]!]!, m.weights[p]!]);
    row.sort((a, b) => a[0] - b[0]);
    row.forEach(([c, w], k) => {
      colIdx[rowPtr[j]! + k] = c;
      weights[rowPtr[j]! + k] = w;
    });
  }
  const edgeU = Int32Array.from(m.edgeU, (i, k) => Math.min(inv[i]!, inv[m.edgeV[k]!]!));
  const edgeV = Int32Array.from(m.edgeV, (i, k) => Math.max(inv[i]!, inv[m.edgeU[k]!]!));
  return { ...m, linear, rowPtr, colIdx, weights, edgeU, edgeV, edgeW: Float64Array.from(m.edgeW) };
}

/**
 * The model a per-qubit anneal sweeps, sweep by sweep: the variables reordered so that each offset group is the
 * range [start[g], start[g + 1]) (variable j is model variable order[j]), and `model`'s h and J set to h', J'
 * of the current sweep (SweepScales). The kernels read `model`; {@link at} says how their cached local fields
 * must follow.
 */
export class PerQubitModel {
  readonly model: CompiledModel;
  readonly order: Int32Array;
  readonly start: Int32Array;
  readonly scales: SweepScales;
  /** h' − h' of the previous sweep per variable, after an {@link at} that kept J'. */
  readonly delta: Float64Array;
  private readonly h: Float64Array;
  private readonly J: Float64Array;
  private readonly rowGroup: Int32Array;
  private readonly colGroup: Int32Array;
  private readonly lin: Float64Array;

  constructor(
    base: CompiledModel,
    readonly table: QubitSweepTable,
  ) {
    const G = table.numGroups;
    const n = base.n;
    const start = new Int32Array(G + 1);
    for (let i = 0; i < n; i++) start[table.group[i]! + 1]!++;
    for (let g = 0; g < G; g++) start[g + 1]! += start[g]!;
    const next = start.slice(0, G);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[next[table.group[i]!]!++] = i;
    this.order = order;
    this.start = start;
    this.model = permuteModel(base, order);
    this.h = Float64Array.from(this.model.linear);
    this.J = Float64Array.from(this.model.weights);
    const { rowPtr, colIdx } = this.model;
    this.rowGroup = new Int32Array(colIdx.length);
    this.colGroup = new Int32Array(colIdx.length);
    for (let j = 0; j < n; j++)
      for (let p = rowPtr[j]!; p < rowPtr[j + 1]!; p++) {
        this.rowGroup[p] = table.group[order[j]!]!;
        this.colGroup[p] = table.group[order[colIdx[p]!]!]!;
      }
    this.scales = new SweepScales(table);
    this.lin = new Float64Array(n);
    this.delta = new Float64Array(n);
  }

  /** Forgets the current sweep, so that the next {@link at} rebuilds J' (a new read). */
  reset(): void {
    this.scales.r.fill(0);
  }

  /**
   * Moves to sweep k: true when J' was rebuilt (local fields must be computed from scratch), false when only h'
   * moved (each field moves by {@link delta}).
   */
  at(k: number): boolean {
    const { scales, model, lin, delta } = this;
    const rebuilt = scales.at(k);
    scales.linear(k, this.h, this.order, lin);
    if (rebuilt) {
      const r = scales.r;
      for (let p = 0; p < this.J.length; p++)
        model.weights[p] = r[this.rowGroup[p]!]! * r[this.colGroup[p]!]! * this.J[p]!;
    } else for (let j = 0; j < lin.length; j++) delta[j] = lin[j]! - model.linear[j]!;
    model.linear.set(lin);
    return rebuilt;
  }
}
