/**
 * The solvers a SAPI server offers: each is a StructuredSampler (qpu-sim with a profile, or a test double)
 * described the way SAPI v3 describes a QPU (dwave.md §1.3): identity {name, version: {graph_id}}, status,
 * avg_load, description and properties. Properties are the sampler's own (qpu-sim's look like a Leap solver's);
 * whatever a SAPI client needs and the sampler lacks is filled from its graph: qubits (ascending), couplers
 * ([a, b] with a < b, sorted), num_qubits, category "qpu", supported_problem_types, parameters.
 */

import { createHash } from 'node:crypto';
import type { StructuredSampler } from '../../sim/sampler.js';
import type { SolverDescription, SolverProperties } from '../client/models.js';
import { QpEncoding } from '../client/qp-coders.js';

export interface CatalogEntry {
  name: string;
  sampler: StructuredSampler;
  description: SolverDescription;
  encoding: QpEncoding;
}

/** A short stable id of a working graph (like SAPI's 10-hex-digit graph_id). */
export function graphId(
  qubits: readonly number[],
  couplers: ReadonlyArray<readonly [number, number]>,
): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(qubits));
  h.update(JSON.stringify(couplers));
  return h.digest('hex').slice(0, 10);
}

/** A structured sampler described as SAPI describes a solver, with the encoding of its problems. */
export function describeSolver(name: string, sampler: StructuredSampler): CatalogEntry {
  const own = { ...(sampler.properties as Record<string, unknown>) };
  const qubits = Array.isArray(own.qubits)
    ? (own.qubits as number[])
    : [...sampler.nodelist].sort((a, b) => a - b);
  const couplers = Array.isArray(own.couplers)
    ? (own.couplers as Array<[number, number]>)
    : sampler.edgelist
        .map(([a, b]) => (a < b ? [a, b] : [b, a]) as [number, number])
        .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const parameters =
    typeof own.parameters === 'object' && own.parameters !== null && !Array.isArray(own.parameters)
      ? (own.parameters as Record<string, string>)
      : Object.fromEntries(Object.entries(sampler.parameters).map(([k, s]) => [k, s.doc]));
  const numQubits =
    typeof own.num_qubits === 'number' ? own.num_qubits : qubits.reduce((m, q) => Math.max(m, q + 1), 0);
  const properties: SolverProperties = {
    ...own,
    qubits,
    couplers,
    num_qubits: numQubits,
    category: typeof own.category === 'string' ? own.category : 'qpu',
    supported_problem_types: Array.isArray(own.supported_problem_types)
      ? (own.supported_problem_types as string[])
      : ['ising', 'qubo'],
    parameters,
  };
  const description: SolverDescription = {
    identity: { name, version: { graph_id: graphId(qubits, couplers) } },
    status: 'ONLINE',
    description: `qaxai ${sampler.name} emulating ${name} behind a SAPI-compatible endpoint`,
    avg_load: 0,
    properties,
  };
  return { name, sampler, description, encoding: new QpEncoding(properties) };
}

/**
 * SAPI's `filter` query parameter: `all|none` then `+path` / `-path` items with dotted paths
 * (`filter=all,-status,-avg_load`, `filter=none,+identity,+status`).
 */
export function applySolverFilter(doc: SolverDescription, filter: string | null): Record<string, unknown> {
  if (!filter) return doc as unknown as Record<string, unknown>;
  const items = filter
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  let base = 'all';
  if (items[0] === 'all' || items[0] === 'none') base = items.shift()!;
  const src = doc as unknown as Record<string, unknown>;
  let out: Record<string, unknown> = base === 'all' ? structuredClone(src) : {};
  for (const item of items) {
    const sign = item[0];
    const path = (sign === '+' || sign === '-' ? item.slice(1) : item).split('.');
    if (sign === '-') removePath(out, path);
    else copyPath(src, out, path);
  }
  if (base === 'none' && Object.keys(out).length === 0) out = {};
  return out;
}

function removePath(obj: Record<string, unknown>, path: string[]): void {
  let cur: unknown = obj;
  for (let i = 0; i < path.length - 1; i++) {
    if (typeof cur !== 'object' || cur === null) return;
    cur = (cur as Record<string, unknown>)[path[i]!];
  }
  if (typeof cur === 'object' && cur !== null)
    delete (cur as Record<string, unknown>)[path[path.length - 1]!];
}

function copyPath(src: Record<string, unknown>, dst: Record<string, unknown>, path: string[]): void {
  let s: unknown = src;
  for (const k of path) {
    if (typeof s !== 'object' || s === null || !(k in (s as object))) return;
    s = (s as Record<string, unknown>)[k];
  }
  let d = dst;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i]!;
    if (typeof d[k] !== 'object' || d[k] === null) d[k] = {};
    d = d[k] as Record<string, unknown>;
  }
  d[path[path.length - 1]!] = structuredClone(s);
}
