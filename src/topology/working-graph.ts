/**
 * Working graphs from JSON: a Leap solver's properties ({"topology": {"type", "shape"}, "qubits", "couplers"}),
 * a whole solver description ({"properties": {...}}), or qaxai's own topology document
 * ({"family", "shape", "nodes", "edges"}, optionally "brokenNodes" / "brokenEdges").
 *
 * Given nodes and edges are checked against the *full* lattice (for Pegasus the graph without fabric_only,
 * which contains the fabric), so a QPU's qubits and couplers must all be real lattice members; the first
 * offender is named, e.g. "properties.couplers[17]: [30, 45] is not a coupler of pegasus(16) full".
 */

import { TopologyError } from '../errors.js';
import { checkLatticeFamily, topologyFromShape } from './shape.js';
import { customTopology, flattenPairs, type Topology } from './topology.js';

/** A list of qubit labels (non-negative integers), named `field` in errors. */
export function parseNodeList(value: unknown, field: string): Int32Array {
  if (!Array.isArray(value))
    throw new TopologyError(`${field}: expected an array of qubit labels`, { field });
  const out = new Int32Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const q = value[i] as unknown;
    if (typeof q !== 'number' || !Number.isInteger(q) || q < 0 || q > 0x7ffffffe)
      throw new TopologyError(`${field}[${i}]: ${JSON.stringify(q)} is not a qubit label (an integer ≥ 0)`, {
        field,
      });
    out[i] = q;
  }
  return out;
}

/** A list of [u, v] pairs, returned flat; named `field` in errors. */
export function parseEdgeList(value: unknown, field: string): Int32Array {
  if (!Array.isArray(value))
    throw new TopologyError(`${field}: expected an array of [u, v] pairs`, { field });
  return flattenPairs(value as [number, number][], field);
}

/** The full lattice of a family and shape (Pegasus without fabric_only): the reference for working graphs. */
export function fullLattice(family: unknown, shape: readonly unknown[], field = 'topology'): Topology {
  return topologyFromShape(checkLatticeFamily(family, `${field}.type`), shape, {
    fabricOnly: false,
    field: `${field}.shape`,
  });
}

/**
 * A lattice restricted to working qubits and couplers (either may be omitted: omitted qubits mean every
 * qubit of the full lattice, omitted couplers every coupler between the working qubits).
 */
export function workingGraph(
  family: unknown,
  shape: readonly unknown[],
  working: { nodes?: ArrayLike<number>; edges?: Int32Array },
  fields: { topology?: string; nodes?: string; edges?: string } = {},
): Topology {
  const sel: { nodes?: ArrayLike<number>; edges?: Int32Array } = {};
  if (working.nodes) sel.nodes = working.nodes;
  if (working.edges) sel.edges = working.edges;
  return fullLattice(family, shape, fields.topology).restrict(sel, {
    nodes: fields.nodes,
    edges: fields.edges,
  });
}

/**
 * Reads a topology document or Leap solver properties (see the module comment). Without node or edge lists
 * the result is the default lattice (Pegasus fabric-only); "brokenNodes" / "brokenEdges" are removed last.
 */
export function topologyFromJson(value: unknown, source = 'topology'): Topology {
  if (!isObject(value)) throw new TopologyError(`${source}: expected a JSON object`, { field: source });
  if (isObject(value.properties)) return topologyFromJson(value.properties, `${source}.properties`);
  let topo: Topology;
  if (isObject(value.topology)) {
    const t = value.topology;
    const shape = shapeArray(t.shape, `${source}.topology.shape`);
    const nodes = value.qubits === undefined ? undefined : parseNodeList(value.qubits, `${source}.qubits`);
    const edges =
      value.couplers === undefined ? undefined : parseEdgeList(value.couplers, `${source}.couplers`);
    topo =
      nodes || edges
        ? workingGraph(
            t.type,
            shape,
            { ...(nodes && { nodes }), ...(edges && { edges }) },
            { topology: `${source}.topology`, nodes: `${source}.qubits`, edges: `${source}.couplers` },
          )
        : topologyFromShape(checkLatticeFamily(t.type, `${source}.topology.type`), shape, {
            field: `${source}.topology.shape`,
          });
  } else if (value.family !== undefined) {
    const nodes = value.nodes === undefined ? undefined : parseNodeList(value.nodes, `${source}.nodes`);
    const edges = value.edges === undefined ? undefined : parseEdgeList(value.edges, `${source}.edges`);
    if (value.family === 'custom') topo = customTopology(edges ?? new Int32Array(0), nodes ?? []);
    else {
      const family = checkLatticeFamily(value.family, `${source}.family`);
      const shape = shapeArray(value.shape, `${source}.shape`);
      topo =
        nodes || edges
          ? workingGraph(
              family,
              shape,
              { ...(nodes && { nodes }), ...(edges && { edges }) },
              { topology: source, nodes: `${source}.nodes`, edges: `${source}.edges` },
            )
          : topologyFromShape(family, shape, { field: `${source}.shape` });
    }
  } else
    throw new TopologyError(
      `${source}: expected "family" and "shape" (a qaxai topology document) or "topology" (Leap solver properties)`,
      { field: source },
    );
  const brokenNodes =
    value.brokenNodes === undefined ? undefined : parseNodeList(value.brokenNodes, `${source}.brokenNodes`);
  const brokenEdges =
    value.brokenEdges === undefined ? undefined : parseEdgeList(value.brokenEdges, `${source}.brokenEdges`);
  if (brokenNodes || brokenEdges)
    topo = topo.withFaults(
      { ...(brokenNodes && { brokenNodes }), ...(brokenEdges && { brokenEdges }) },
      { nodes: `${source}.brokenNodes`, edges: `${source}.brokenEdges` },
    );
  return topo;
}

function shapeArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value))
    throw new TopologyError(`${field}: expected an array of shape numbers`, { field });
  return value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
