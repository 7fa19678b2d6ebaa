/**
 * The solvers a SAPI server offers: each is a StructuredSampler (qpu-sim with a profile, or a test double)
 * described the way SAPI v3 describes a QPU (dwave.md §1.3): identity {name, version: {graph_id}}, status,
 * avg_load, description and properties. Properties are the sampler's own (qpu-sim's look like a Leap solver's);
 * whatever a SAPI client needs and the sampler lacks is filled from its graph: qubits (ascending), couplers
 * ([a, b] with a < b, sorted), num_qubits, category "qpu", supported_problem_types, parameters.
 */

import { createHash } from 'node:crypto';
import type { StructuredSampler } from '../../sim/sampler.js';
import type { SolverDescription, SolverIdentity, SolverProperties } from '../client/models.js';
import { QpEncoding } from '../client/qp-coders.js';
import type { SapiGeneration } from './negotiation.js';

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
 * A solver's description in representation generation `g` (./negotiation.ts): generation 2 carries the name as
 * `id` as well (dwave-cloud-client ≤ 0.13 requires `id`; it ignores `identity`), generation 3 only `identity`.
 */
export function solverDocument(entry: CatalogEntry, g: SapiGeneration): Readonly<Record<string, unknown>> {
  return g === 2 ? { id: entry.name, ...entry.description } : { ...entry.description };
}

/** A problem's `solver` field in generation `g`: the name (2) or the identity object (3). */
export function problemSolverField(entry: CatalogEntry, g: SapiGeneration): SolverIdentity | string {
  return g === 2 ? entry.name : entry.description.identity;
}

type Doc = Record<string, unknown>;

function isDoc(v: unknown): v is Doc {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * SAPI's `filter` query parameter: `all|none` then `+path` / `-path` items with dotted paths
 * (`filter=all,-status,-avg_load`, `filter=none,+identity,+status`). Copy on write: the result shares what it
 * keeps with `doc` (the large qubit and coupler lists are not copied) and `doc` is never changed.
 */
export function applySolverFilter(doc: Readonly<Doc>, filter: string | null): Readonly<Doc> {
  if (!filter) return doc;
  const items = filter
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  let base = 'all';
  if (items[0] === 'all' || items[0] === 'none') base = items.shift()!;
  const out: Doc = base === 'all' ? { ...doc } : {};
  for (const item of items) {
    const sign = item[0];
    const path = (sign === '+' || sign === '-' ? item.slice(1) : item).split('.');
    if (sign === '-') removePath(out, path);
    else copyPath(doc, out, path);
  }
  return out;
}

/** The object at `key` of `obj` made `obj`'s own (a shallow copy), or undefined when it is not an object. */
function ownChild(obj: Doc, key: string, create: boolean): Doc | undefined {
  const v = obj[key];
  if (!isDoc(v) && !create) return undefined;
  const copy = isDoc(v) ? { ...v } : {};
  obj[key] = copy;
  return copy;
}

function removePath(obj: Doc, path: string[]): void {
  let cur: Doc | undefined = obj;
  for (let i = 0; i < path.length - 1 && cur; i++) cur = ownChild(cur, path[i]!, false);
  if (cur) delete cur[path[path.length - 1]!];
}

function copyPath(src: Readonly<Doc>, dst: Doc, path: string[]): void {
  let s: unknown = src;
  for (const k of path) {
    if (!isDoc(s) || !(k in s)) return;
    s = s[k];
  }
  let d = dst;
  for (let i = 0; i < path.length - 1; i++) d = ownChild(d, path[i]!, true)!;
  d[path[path.length - 1]!] = s;
}
