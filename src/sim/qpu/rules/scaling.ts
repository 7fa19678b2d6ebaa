/**
 * The solver's bias ranges applied to an Ising model: the total J per qubit (Advantage) or per coupler group
 * (Advantage2; groups as dwave-system's coupling_groups), and the auto_scale factor (D-Wave's solver-parameter
 * docs, dwave.md §4.1): h and J are divided by
 *   max{max(h)/max(h_range), min(h)/min(h_range), max(J)/max(J range), min(J)/min(J range), coupling_limit},
 * each term floored at 0, where the J range is extended_j_range (else j_range) and coupling_limit compares the
 * per-qubit (per-group) totals with their range the same way. Energies reported are always those of the
 * unscaled problem.
 */

import type { CompiledModel } from '../../../hamiltonian/compiled.js';
import type { QpuSolverProperties } from './properties.js';

type Ranges = Pick<
  QpuSolverProperties,
  | 'h_range'
  | 'j_range'
  | 'extended_j_range'
  | 'per_qubit_coupling_range'
  | 'per_group_coupling_range'
  | 'topology'
>;

/** The range each J must lie in, with its property name (extended_j_range where the solver has one). */
export function couplerRange(p: Ranges): { name: string; range: readonly [number, number] } | undefined {
  if (p.extended_j_range) return { name: 'extended_j_range', range: p.extended_j_range };
  if (p.j_range) return { name: 'j_range', range: p.j_range };
  return undefined;
}

/**
 * Coupler groups of a Zephyr qubit, as dwave-system's coupling_groups: each qubit q = (U, W, K, J, Z) has two
 * groups; neighbour p = (u, w, k, j, z) goes to group 2Z+J+1−w (perpendicular), Z+J−z (odd coupler) or
 * ⌊(z−Z)/2⌋ mod 2 (external; Python's index −1 is group 1).
 */
function zephyrGroup(q: number, p: number, m: number, t: number): number {
  const M = 2 * m + 1;
  const dec = (x: number) => {
    const z = x % m;
    x = (x - z) / m;
    const j = x % 2;
    x = (x - j) / 2;
    const k = x % t;
    x = (x - k) / t;
    const w = x % M;
    const u = (x - w) / M;
    return [u, w, k, j, z] as const;
  };
  const [U, , , J, Z] = dec(q);
  const [u, w, , j, z] = dec(p);
  if (U !== u) return 2 * Z + J + 1 - w;
  if (J !== j) return Z + J - z;
  const g = Math.floor((z - Z) / 2);
  return g < 0 ? g + 2 : g;
}

/** Per qubit (Advantage) or per coupler group (Advantage2) totals of J / scale, with the range they must lie in. */
export function couplingTotals(
  qubits: Int32Array,
  model: CompiledModel,
  p: Ranges,
  scale = 1,
): { name: string; range: readonly [number, number]; totals: Float64Array; owner: Int32Array } | undefined {
  if (p.per_group_coupling_range && p.topology?.type === 'zephyr') {
    const [m, t] = p.topology.shape as [number, number];
    const totals = new Float64Array(2 * qubits.length);
    const owner = new Int32Array(2 * qubits.length);
    for (let i = 0; i < qubits.length; i++) owner[2 * i] = owner[2 * i + 1] = qubits[i]!;
    for (let k = 0; k < model.edgeU.length; k++) {
      const a = model.edgeU[k]!;
      const b = model.edgeV[k]!;
      const J = model.edgeW[k]! / scale;
      totals[2 * a + zephyrGroup(qubits[a]!, qubits[b]!, m, t)]! += J;
      totals[2 * b + zephyrGroup(qubits[b]!, qubits[a]!, m, t)]! += J;
    }
    return { name: 'per_group_coupling_range', range: p.per_group_coupling_range, totals, owner };
  }
  if (p.per_qubit_coupling_range) {
    const totals = new Float64Array(qubits.length);
    for (let k = 0; k < model.edgeU.length; k++) {
      const J = model.edgeW[k]! / scale;
      totals[model.edgeU[k]!]! += J;
      totals[model.edgeV[k]!]! += J;
    }
    return { name: 'per_qubit_coupling_range', range: p.per_qubit_coupling_range, totals, owner: qubits };
  }
  return undefined;
}

/** max(xs) and min(xs), both taken with 0 (the floor of the auto_scale terms). */
function extremes(xs: ArrayLike<number>): [number, number] {
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < xs.length; i++) {
    hi = Math.max(hi, xs[i]!);
    lo = Math.min(lo, xs[i]!);
  }
  return [hi, lo];
}

/** The auto_scale terms of values `xs` against `range`: max/max(range) and min/min(range), floored at 0. */
function ratios(xs: ArrayLike<number>, range: readonly [number, number] | undefined): number {
  if (!range) return 0;
  const [hi, lo] = extremes(xs);
  const ratio = (x: number, bound: number) => (bound === 0 ? 0 : Math.max(0, x / bound));
  return Math.max(ratio(hi, range[1]), ratio(lo, range[0]));
}

/** The auto_scale divisor of an Ising model on `qubits` (1 for an empty model; see the module comment). */
export function autoScaleFactor(qubits: Int32Array, model: CompiledModel, p: Ranges): number {
  let f = Math.max(ratios(model.linear, p.h_range), ratios(model.edgeW, couplerRange(p)?.range));
  const c = couplingTotals(qubits, model, p);
  if (c) f = Math.max(f, ratios(c.totals, c.range));
  return f > 0 ? f : 1;
}
