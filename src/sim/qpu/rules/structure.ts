/**
 * The structure rule (Ocean's StructuredSolver.check_problem): every variable of a problem is a working qubit
 * and every interaction a working coupler; StructureError names the first offender. The Leap client (in its qp
 * encoder) and qpu-sim each had this rule, worded differently; qpu-sim's wording is kept (its tests assert it).
 */

import { StructureError } from '../../../errors.js';
import type { BinaryQuadraticModel } from '../../../hamiltonian/bqm.js';
import { formatLabel } from '../../../hamiltonian/labels.js';
import type { QpuSolverProperties } from './properties.js';

/** The working qubits and couplers (a Topology is one). */
export interface WorkingGraph {
  hasNode(q: number): boolean;
  hasEdge(u: number, v: number): boolean;
  /** e.g. "pegasus(16) fabric-only working graph"; '' when not known. */
  describe(): string;
}

const published = new WeakMap<QpuSolverProperties, WorkingGraph>();

/** The working graph a solver publishes (properties.qubits and couplers), built once per properties object. */
export function publishedWorkingGraph(p: QpuSolverProperties): WorkingGraph {
  let g = published.get(p);
  if (!g) {
    const nodes = new Set(p.qubits ?? []);
    const edges = new Set((p.couplers ?? []).map(([a, b]) => pairKey(a, b)));
    const name = p.topology ? `${p.topology.type}(${p.topology.shape.join(', ')}) working graph` : '';
    g = { hasNode: (q) => nodes.has(q), hasEdge: (u, v) => edges.has(pairKey(u, v)), describe: () => name };
    published.set(p, g);
  }
  return g;
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a},${b}` : `${b},${a}`;
}

/** Checks that `bqm` sits on the working graph; returns the qubit of each variable (in the model's order). */
export function checkStructure(bqm: BinaryQuadraticModel, graph: WorkingGraph, solver: string): Int32Array {
  const d = graph.describe();
  const where = d ? `${solver} (${d})` : solver;
  const qubits = new Int32Array(bqm.numVariables);
  for (let i = 0; i < bqm.numVariables; i++) {
    const l = bqm.variables.at(i);
    if (typeof l !== 'number' || !Number.isInteger(l))
      throw new StructureError(
        `variable ${formatLabel(l)} is not a qubit of ${where}: a structured solver samples problems on its qubit numbers; embed logical problems first (EmbeddingComposite; \`qaxai sample\` does it automatically)`,
        { field: 'model' },
      );
    if (!graph.hasNode(l))
      throw new StructureError(`qubit ${l} is not a working qubit of ${where}`, { field: 'model' });
    qubits[i] = l;
  }
  for (const [i, j] of bqm.interactions()) {
    const u = qubits[i]!;
    const v = qubits[j]!;
    if (!graph.hasEdge(u, v))
      throw new StructureError(
        `coupler (${Math.min(u, v)}, ${Math.max(u, v)}) is not a working coupler of ${where}`,
        { field: 'model' },
      );
  }
  return qubits;
}
