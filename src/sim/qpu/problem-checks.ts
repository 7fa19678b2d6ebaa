/**
 * What a QPU checks about a submitted problem, before and at programming time:
 *
 * - structure (Ocean's StructuredSolver.check_problem): every variable is a working qubit, every interaction a
 *   working coupler; StructureError names the first offender;
 * - ranges, when auto_scale is false: h within h_range, J within extended_j_range, and the total J on each
 *   qubit within per_qubit_coupling_range (Advantage) or on each coupler group within per_group_coupling_range
 *   (Advantage2; groups as dwave-system's coupling_groups);
 * - the auto_scale factor (D-Wave's solver-parameter docs, dwave.md §4.1): h and J are divided by
 *   max{max(h)/max(h_range), min(h)/min(h_range), max(J)/max(extended_j_range), min(J)/min(extended_j_range),
 *   coupling_limit}, each term floored at 0, where coupling_limit compares the per-qubit (per-group) totals with
 *   their range the same way. Energies reported are always those of the unscaled problem.
 *
 * All of it is on the Ising (SPIN) form: a QUBO is converted first, as the QPU does.
 */

import { ParameterError, StructureError } from '../../errors.js';
import type { CompiledModel } from '../../hamiltonian/compiled.js';
import { formatLabel, type Label } from '../../hamiltonian/labels.js';
import type { Topology } from '../../topology/topology.js';
import type { QpuProfile } from './profiles.js';

/**
 * Checks that the problem's variables are working qubits and its interactions working couplers. `labels` are
 * the model's variable labels, `model` its compiled form (edge list by index).
 */
export function checkStructure(
  labels: readonly Label[],
  model: CompiledModel,
  graph: Topology,
  solver: string,
): Int32Array {
  const where = `${solver} (${graph.describe()})`;
  const qubits = new Int32Array(labels.length);
  labels.forEach((l, i) => {
    if (typeof l !== 'number' || !Number.isInteger(l))
      throw new StructureError(
        `variable ${formatLabel(l)} is not a qubit of ${where}: qpu-sim samples problems on qubit labels; embed logical problems (EmbeddingComposite; \`qaxai sample\` does it automatically)`,
        { field: 'model' },
      );
    if (!graph.hasNode(l))
      throw new StructureError(`qubit ${l} is not a working qubit of ${where}`, { field: 'model' });
    qubits[i] = l;
  });
  for (let k = 0; k < model.edgeU.length; k++) {
    const u = qubits[model.edgeU[k]!]!;
    const v = qubits[model.edgeV[k]!]!;
    if (!graph.hasEdge(u, v))
      throw new StructureError(
        `coupler (${Math.min(u, v)}, ${Math.max(u, v)}) is not a working coupler of ${where}`,
        {
          field: 'model',
        },
      );
  }
  return qubits;
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

/** Per qubit (Advantage) or per coupler group (Advantage2) totals of J, with the range they must lie in. */
export function couplingTotals(
  qubits: Int32Array,
  model: CompiledModel,
  profile: QpuProfile,
  scale = 1,
): { name: string; range: [number, number]; totals: Float64Array; owner: Int32Array } | undefined {
  if (profile.per_group_coupling_range && profile.topology.type === 'zephyr') {
    const [m, t] = profile.topology.shape as [number, number];
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
    return { name: 'per_group_coupling_range', range: profile.per_group_coupling_range, totals, owner };
  }
  if (profile.per_qubit_coupling_range) {
    const totals = new Float64Array(qubits.length);
    for (let k = 0; k < model.edgeU.length; k++) {
      const J = model.edgeW[k]! / scale;
      totals[model.edgeU[k]!]! += J;
      totals[model.edgeV[k]!]! += J;
    }
    return {
      name: 'per_qubit_coupling_range',
      range: profile.per_qubit_coupling_range,
      totals,
      owner: qubits,
    };
  }
  return undefined;
}

function ratio(x: number, bound: number): number {
  return bound === 0 ? 0 : Math.max(0, x / bound);
}

/** The auto_scale divisor of an Ising model (1 for an empty model; see the module comment). */
export function autoScaleFactor(qubits: Int32Array, model: CompiledModel, profile: QpuProfile): number {
  let hMax = 0;
  let hMin = 0;
  for (const h of model.linear) {
    hMax = Math.max(hMax, h);
    hMin = Math.min(hMin, h);
  }
  let jMax = 0;
  let jMin = 0;
  for (const J of model.edgeW) {
    jMax = Math.max(jMax, J);
    jMin = Math.min(jMin, J);
  }
  let f = Math.max(
    ratio(hMax, profile.h_range[1]),
    ratio(hMin, profile.h_range[0]),
    ratio(jMax, profile.extended_j_range[1]),
    ratio(jMin, profile.extended_j_range[0]),
  );
  const c = couplingTotals(qubits, model, profile);
  if (c) {
    let tMax = 0;
    let tMin = 0;
    for (const x of c.totals) {
      tMax = Math.max(tMax, x);
      tMin = Math.min(tMin, x);
    }
    f = Math.max(f, ratio(tMax, c.range[1]), ratio(tMin, c.range[0]));
  }
  return f > 0 ? f : 1;
}

function outside(x: number, r: readonly [number, number]): boolean {
  return x < r[0] || x > r[1];
}

/**
 * With auto_scale false, throws ParameterError naming the first h, J or coupling total outside its range
 * (and the value and range).
 */
export function checkRanges(
  qubits: Int32Array,
  model: CompiledModel,
  profile: QpuProfile,
  qubo: boolean,
): void {
  const form = qubo ? ' (Ising form of the QUBO)' : '';
  const fail = (what: string): never => {
    throw new ParameterError(
      `auto_scale is false and ${what}${form}; give values within the ranges or set auto_scale true`,
      { field: 'auto_scale' },
    );
  };
  const [hl, hh] = profile.h_range;
  for (let i = 0; i < model.n; i++)
    if (outside(model.linear[i]!, profile.h_range))
      fail(`h[${qubits[i]}] = ${model.linear[i]} is outside h_range [${hl}, ${hh}]`);
  const [jl, jh] = profile.extended_j_range;
  for (let k = 0; k < model.edgeW.length; k++) {
    const J = model.edgeW[k]!;
    if (outside(J, profile.extended_j_range)) {
      const u = qubits[model.edgeU[k]!]!;
      const v = qubits[model.edgeV[k]!]!;
      fail(`J[${Math.min(u, v)}, ${Math.max(u, v)}] = ${J} is outside extended_j_range [${jl}, ${jh}]`);
    }
  }
  const c = couplingTotals(qubits, model, profile);
  if (c)
    c.totals.forEach((x, i) => {
      if (outside(x, c.range))
        fail(
          `the total coupling ${x} on ${c.name === 'per_group_coupling_range' ? 'a coupler group of ' : ''}qubit ${c.owner[i]} is outside ${c.name} [${c.range[0]}, ${c.range[1]}]`,
        );
    });
}
