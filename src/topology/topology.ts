/**
 * Topology: a QPU graph (or any graph on integer qubit labels) in flat typed arrays.
 *
 * - `nodes`: the qubit labels, ascending (Int32Array).
 * - `edges`: the couplers as a flat list [u0, v0, u1, v1, …] with u < v, sorted lexicographically, no duplicates.
 * - `rowPtr` / `colIdx`: adjacency in CSR form by node position (the index into `nodes`); row p lists the
 *   neighbour *labels* of nodes[p] in ascending order. `edgeOf[i]` is the index in `edges` of CSR entry i.
 *
 * Working graphs (a solver's working qubits and couplers, or a lattice with broken qubits) are made with
 * {@link Topology.restrict} and {@link Topology.withFaults}; they keep the family, shape, index space and
 * coordinates of the lattice they come from.
 */

import { TopologyError } from '../errors.js';
import type { TopologyCoordinates } from './coordinates.js';

export type TopologyFamily = 'chimera' | 'pegasus' | 'zephyr' | 'custom';

/** Edges as [u, v] pairs, or as a flat Int32Array [u0, v0, u1, v1, …]. */
export type EdgeInput = Int32Array | ReadonlyArray<readonly [number, number]>;

export interface TopologyMeta {
  family: TopologyFamily;
  /** Leap's `topology.shape`: chimera [m, n, t], pegasus [m], zephyr [m, t]; [] for custom graphs. */
  shape: readonly number[];
  /** The lattice in words, used in messages, e.g. "pegasus(16) fabric-only". */
  name: string;
  /** Labels lie in 0..indexSpace−1 (a QPU's `num_qubits`: 5760 for P16). */
  indexSpace: number;
  coordinates?: TopologyCoordinates | undefined;
}

/** Field names used in error messages of {@link Topology.restrict} and {@link Topology.withFaults}. */
export interface SelectionFields {
  nodes?: string;
  edges?: string;
}

export interface TopologySummary {
  family: TopologyFamily;
  shape: number[];
  nodes: number;
  edges: number;
  maxDegree: number;
}

export interface TopologyJson {
  family: TopologyFamily;
  shape: number[];
  nodes: number[];
  edges: [number, number][];
}

/** Label → position tables are dense up to this index space (or 8 per node), binary search beyond. */
const DENSE_LIMIT = 1 << 22;

export class Topology {
  readonly family: TopologyFamily;
  readonly shape: readonly number[];
  readonly name: string;
  readonly indexSpace: number;
  readonly coordinates: TopologyCoordinates | undefined;
  /** True when derived from a lattice by restrict() or withFaults(). */
  readonly working: boolean;
  readonly nodes: Int32Array;
  readonly edges: Int32Array;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly edgeOf: Int32Array;
  /** Dense label → position (−1 when absent), or undefined when labels are too sparse (binary search). */
  private readonly pos: Int32Array | undefined;
  private maxDeg = -1;

  private constructor(
    meta: TopologyMeta,
    working: boolean,
    arrays: {
      nodes: Int32Array;
      edges: Int32Array;
      rowPtr: Int32Array;
      colIdx: Int32Array;
      edgeOf: Int32Array;
    },
  ) {
    this.family = meta.family;
    this.shape = Object.freeze([...meta.shape]);
    this.name = meta.name;
    this.indexSpace = meta.indexSpace;
    this.coordinates = meta.coordinates;
    this.working = working;
    this.nodes = arrays.nodes;
    this.edges = arrays.edges;
    this.rowPtr = arrays.rowPtr;
    this.colIdx = arrays.colIdx;
    this.edgeOf = arrays.edgeOf;
    const n = this.nodes.length;
    if (this.indexSpace <= Math.max(DENSE_LIMIT, 8 * n)) {
      const pos = new Int32Array(this.indexSpace).fill(-1);
      for (let p = 0; p < n; p++) pos[this.nodes[p]!] = p;
      this.pos = pos;
    }
  }

  /**
   * Builds a topology from edge pairs (any order, either orientation; duplicates merge). Every node that
   * appears in an edge is a node; `extraNodes` adds nodes without edges. Labels must lie in 0..indexSpace−1.
   * `pairs` is not modified.
   */
  static build(meta: TopologyMeta, pairs: Int32Array, extraNodes?: ArrayLike<number>): Topology {
    const N = meta.indexSpace;
    const m = pairs.length >>> 1;
    const lo = new Int32Array(m);
    const hi = new Int32Array(m);
    for (let e = 0; e < m; e++) {
      const a = pairs[2 * e]!;
      const b = pairs[2 * e + 1]!;
      if (a === b) throw new TopologyError(`edge [${a}, ${b}] is a self-loop`, { field: 'edges' });
      const u = Math.min(a, b);
      const v = Math.max(a, b);
      if (u < 0 || v >= N)
        throw new TopologyError(`edge [${a}, ${b}] has a label outside 0..${N - 1} of ${meta.name}`, {
          field: 'edges',
        });
      lo[e] = u;
      hi[e] = v;
    }
    const extra = extraNodes ?? [];
    for (let i = 0; i < extra.length; i++) {
      const q = extra[i]!;
      if (!Number.isInteger(q) || q < 0 || q >= N)
        throw new TopologyError(`node ${q} is outside 0..${N - 1} of ${meta.name}`, { field: 'nodes' });
    }
    const nodes = collectNodes(N, lo, hi, extra);
    const n = nodes.length;
    const posOf = positionFinder(N, nodes);

    // CSR rows: count, fill, sort each row, drop duplicates
    const rowPtr = new Int32Array(n + 1);
    const pu = new Int32Array(m);
    const pv = new Int32Array(m);
    for (let e = 0; e < m; e++) {
      pu[e] = posOf(lo[e]!);
      pv[e] = posOf(hi[e]!);
      rowPtr[pu[e]! + 1]!++;
      rowPtr[pv[e]! + 1]!++;
    }
    for (let p = 0; p < n; p++) rowPtr[p + 1]! += rowPtr[p]!;
    const fill = rowPtr.slice(0, n);
    let colIdx = new Int32Array(2 * m);
    for (let e = 0; e < m; e++) {
      colIdx[fill[pu[e]!]!++] = hi[e]!;
      colIdx[fill[pv[e]!]!++] = lo[e]!;
    }
    let w = 0;
    for (let p = 0; p < n; p++) {
      const s = rowPtr[p]!;
      const t = rowPtr[p + 1]!;
      colIdx.subarray(s, t).sort();
      rowPtr[p] = w;
      let prev = -1;
      for (let i = s; i < t; i++) {
        const c = colIdx[i]!;
        if (c !== prev) colIdx[w++] = c;
        prev = c;
      }
    }
    rowPtr[n] = w;
    if (w < colIdx.length) colIdx = colIdx.slice(0, w);

    // edge list (u < v, lexicographic) and the edge index of every CSR entry
    const edges = new Int32Array(w);
    const edgeOf = new Int32Array(w);
    let id = 0;
    for (let p = 0; p < n; p++) {
      const u = nodes[p]!;
      for (let i = rowPtr[p]!; i < rowPtr[p + 1]!; i++) {
        const v = colIdx[i]!;
        if (v > u) {
          edges[2 * id] = u;
          edges[2 * id + 1] = v;
          edgeOf[i] = id++;
        } else {
          const q = posOf(v);
          edgeOf[i] = edgeOf[searchRow(colIdx, rowPtr[q]!, rowPtr[q + 1]!, u)]!;
        }
      }
    }
    return new Topology(meta, false, { nodes, edges, rowPtr, colIdx, edgeOf });
  }

  get numNodes(): number {
    return this.nodes.length;
  }

  get numEdges(): number {
    return this.edges.length >>> 1;
  }

  /** The largest number of couplers on one qubit (0 for an empty graph). */
  get maxDegree(): number {
    if (this.maxDeg < 0) {
      let d = 0;
      for (let p = 0; p < this.nodes.length; p++) d = Math.max(d, this.rowPtr[p + 1]! - this.rowPtr[p]!);
      this.maxDeg = d;
    }
    return this.maxDeg;
  }

  /** The position of label q in `nodes`, or −1 when q is not a node. */
  positionOf(q: number): number {
    if ((q | 0) !== q || q < 0 || q >= this.indexSpace) return -1;
    if (this.pos) return this.pos[q]!;
    return searchRow(this.nodes, 0, this.nodes.length, q);
  }

  hasNode(q: number): boolean {
    return this.positionOf(q) >= 0;
  }

  /** Number of couplers on qubit q; throws TopologyError when q is not a node. */
  degree(q: number): number {
    const p = this.requireNode(q);
    return this.rowPtr[p + 1]! - this.rowPtr[p]!;
  }

  /** The neighbour labels of q, ascending (a view into colIdx: do not modify). */
  neighbors(q: number): Int32Array {
    const p = this.requireNode(q);
    return this.colIdx.subarray(this.rowPtr[p]!, this.rowPtr[p + 1]!);
  }

  /** The index in `edges` of coupler (u, v) in either order, or −1 when there is none. */
  edgeIndex(u: number, v: number): number {
    const p = this.positionOf(u);
    if (p < 0) return -1;
    const i = searchRow(this.colIdx, this.rowPtr[p]!, this.rowPtr[p + 1]!, v);
    return i < 0 ? -1 : this.edgeOf[i]!;
  }

  hasEdge(u: number, v: number): boolean {
    return this.edgeIndex(u, v) >= 0;
  }

  /** Per node position, the neighbour labels (views into colIdx). */
  adjacency(): Int32Array[] {
    const out: Int32Array[] = new Array(this.nodes.length);
    for (let p = 0; p < this.nodes.length; p++)
      out[p] = this.colIdx.subarray(this.rowPtr[p]!, this.rowPtr[p + 1]!);
    return out;
  }

  /** The lattice name, marked as a working graph when derived. */
  describe(): string {
    return this.working ? `${this.name} working graph` : this.name;
  }

  /**
   * The subgraph on the given nodes and edges, e.g. a Leap solver's `qubits` and `couplers`. Every node must
   * be a node of this graph and every edge an edge of it with both ends among the nodes; duplicates are
   * refused. Omitted nodes mean all nodes of this graph; omitted edges mean every edge between the kept nodes.
   * Throws TopologyError naming the first offender as `fields.nodes[i]` / `fields.edges[i]`.
   */
  restrict(sel: { nodes?: ArrayLike<number>; edges?: EdgeInput }, fields: SelectionFields = {}): Topology {
    const nf = fields.nodes ?? 'nodes';
    const ef = fields.edges ?? 'edges';
    const keepNode = new Uint8Array(this.numNodes);
    if (sel.nodes) {
      for (let i = 0; i < sel.nodes.length; i++) {
        const q = sel.nodes[i]!;
        const p = this.positionOf(q);
        if (p < 0)
          throw new TopologyError(`${nf}[${i}]: ${q} is not a qubit of ${this.describe()}`, { field: nf });
        if (keepNode[p]) throw new TopologyError(`${nf}[${i}]: qubit ${q} is listed twice`, { field: nf });
        keepNode[p] = 1;
      }
    } else keepNode.fill(1);
    const keepEdge = new Uint8Array(this.numEdges);
    if (sel.edges) {
      forEachPair(sel.edges, ef, (u, v, i) => {
        const e = this.edgeIndex(u, v);
        if (e < 0)
          throw new TopologyError(`${ef}[${i}]: [${u}, ${v}] is not a coupler of ${this.describe()}`, {
            field: ef,
          });
        if (keepEdge[e])
          throw new TopologyError(`${ef}[${i}]: coupler [${u}, ${v}] is listed twice`, { field: ef });
        for (const q of [u, v])
          if (!keepNode[this.positionOf(q)])
            throw new TopologyError(
              `${ef}[${i}]: coupler [${u}, ${v}] uses qubit ${q}, which is not in ${nf}`,
              {
                field: ef,
              },
            );
        keepEdge[e] = 1;
      });
    } else {
      for (let e = 0; e < this.numEdges; e++)
        keepEdge[e] =
          keepNode[this.positionOf(this.edges[2 * e]!)]! & keepNode[this.positionOf(this.edges[2 * e + 1]!)]!;
    }
    return this.subgraph(keepNode, keepEdge);
  }

  /**
   * This graph without the broken qubits (and every coupler on them) and without the broken couplers. Each
   * broken qubit and coupler must belong to this graph (TopologyError naming the first that does not);
   * repeats are harmless.
   */
  withFaults(
    faults: { brokenNodes?: ArrayLike<number>; brokenEdges?: EdgeInput },
    fields: SelectionFields = {},
  ): Topology {
    const nf = fields.nodes ?? 'brokenNodes';
    const ef = fields.edges ?? 'brokenEdges';
    const keepNode = new Uint8Array(this.numNodes).fill(1);
    const bn = faults.brokenNodes ?? [];
    for (let i = 0; i < bn.length; i++) {
      const p = this.positionOf(bn[i]!);
      if (p < 0)
        throw new TopologyError(`${nf}[${i}]: ${bn[i]} is not a qubit of ${this.describe()}`, { field: nf });
      keepNode[p] = 0;
    }
    const keepEdge = new Uint8Array(this.numEdges).fill(1);
    if (faults.brokenEdges)
      forEachPair(faults.brokenEdges, ef, (u, v, i) => {
        const e = this.edgeIndex(u, v);
        if (e < 0)
          throw new TopologyError(`${ef}[${i}]: [${u}, ${v}] is not a coupler of ${this.describe()}`, {
            field: ef,
          });
        keepEdge[e] = 0;
      });
    for (let e = 0; e < this.numEdges; e++)
      if (
        !keepNode[this.positionOf(this.edges[2 * e]!)] ||
        !keepNode[this.positionOf(this.edges[2 * e + 1]!)]
      )
        keepEdge[e] = 0;
    return this.subgraph(keepNode, keepEdge);
  }

  /** Counts for reports: `{family, shape, nodes, edges, maxDegree}`. */
  summary(): TopologySummary {
    return {
      family: this.family,
      shape: [...this.shape],
      nodes: this.numNodes,
      edges: this.numEdges,
      maxDegree: this.maxDegree,
    };
  }

  /** `{family, shape, nodes: [...], edges: [[u, v], ...]}`; read back with topologyFromJson. */
  toJSON(): TopologyJson {
    return {
      family: this.family,
      shape: [...this.shape],
      nodes: Array.from(this.nodes),
      edges: this.edgePairs(),
    };
  }

  /** The couplers as [u, v] pairs (u < v, sorted). */
  edgePairs(): [number, number][] {
    const out: [number, number][] = new Array(this.numEdges);
    for (let e = 0; e < out.length; e++) out[e] = [this.edges[2 * e]!, this.edges[2 * e + 1]!];
    return out;
  }

  private requireNode(q: number): number {
    const p = this.positionOf(q);
    if (p < 0) throw new TopologyError(`${q} is not a qubit of ${this.describe()}`, { field: 'qubit' });
    return p;
  }

  /** The subgraph of kept nodes and edges (kept edges must join kept nodes); keeps the sorted order. */
  private subgraph(keepNode: Uint8Array, keepEdge: Uint8Array): Topology {
    const n = this.numNodes;
    let nk = 0;
    for (let p = 0; p < n; p++) nk += keepNode[p]!;
    const newId = new Int32Array(this.numEdges).fill(-1);
    let ek = 0;
    for (let e = 0; e < newId.length; e++) if (keepEdge[e]) newId[e] = ek++;
    const nodes = new Int32Array(nk);
    const edges = new Int32Array(2 * ek);
    const rowPtr = new Int32Array(nk + 1);
    const colIdx = new Int32Array(2 * ek);
    const edgeOf = new Int32Array(2 * ek);
    for (let e = 0; e < newId.length; e++)
      if (newId[e]! >= 0) {
        edges[2 * newId[e]!] = this.edges[2 * e]!;
        edges[2 * newId[e]! + 1] = this.edges[2 * e + 1]!;
      }
    let q = 0;
    let w = 0;
    for (let p = 0; p < n; p++) {
      if (!keepNode[p]) continue;
      nodes[q] = this.nodes[p]!;
      rowPtr[q] = w;
      for (let i = this.rowPtr[p]!; i < this.rowPtr[p + 1]!; i++) {
        const id = newId[this.edgeOf[i]!]!;
        if (id < 0) continue;
        colIdx[w] = this.colIdx[i]!;
        edgeOf[w++] = id;
      }
      q++;
    }
    rowPtr[nk] = w;
    const meta: TopologyMeta = {
      family: this.family,
      shape: this.shape,
      name: this.name,
      indexSpace: this.indexSpace,
      coordinates: this.coordinates,
    };
    return new Topology(meta, true, { nodes, edges, rowPtr, colIdx, edgeOf });
  }
}

/**
 * A graph that is not a D-Wave lattice (family 'custom', shape []): nodes are the labels in `edges` plus
 * `nodes`; labels must be integers in 0..2^31−2.
 */
export function customTopology(edges: EdgeInput, nodes: ArrayLike<number> = []): Topology {
  const flat = flattenPairs(edges, 'edges');
  let max = -1;
  for (let i = 0; i < flat.length; i++) max = Math.max(max, flat[i]!);
  for (let i = 0; i < nodes.length; i++) {
    const q = nodes[i]!;
    if (!Number.isInteger(q) || q < 0 || q > 0x7ffffffe)
      throw new TopologyError(`nodes[${i}]: ${q} is not a qubit label (an integer in 0..2147483646)`, {
        field: 'nodes',
      });
    max = Math.max(max, q);
  }
  return Topology.build(
    { family: 'custom', shape: [], name: 'custom graph', indexSpace: max + 1 },
    flat,
    nodes,
  );
}

/** Copies edge input into a flat Int32Array, checking that every label is an integer in 0..2^31−2. */
export function flattenPairs(edges: EdgeInput, field: string): Int32Array {
  if (edges instanceof Int32Array) {
    if (edges.length % 2)
      throw new TopologyError(`${field}: a flat edge list needs an even length`, { field });
    for (let i = 0; i < edges.length; i++)
      if (edges[i]! < 0 || edges[i]! > 0x7ffffffe)
        throw new TopologyError(`${field}[${i >> 1}]: ${edges[i]} is not a qubit label`, { field });
    return edges.slice();
  }
  const out = new Int32Array(2 * edges.length);
  forEachPair(edges, field, (u, v, i) => {
    out[2 * i] = u;
    out[2 * i + 1] = v;
  });
  return out;
}

/** Calls f(u, v, i) for each pair, after checking its shape and that both labels are integers ≥ 0. */
function forEachPair(edges: EdgeInput, field: string, f: (u: number, v: number, i: number) => void): void {
  if (edges instanceof Int32Array) {
    for (let i = 0; 2 * i + 1 < edges.length; i++) f(edges[2 * i]!, edges[2 * i + 1]!, i);
    return;
  }
  for (let i = 0; i < edges.length; i++) {
    const pair = edges[i] as unknown;
    if (!Array.isArray(pair) || pair.length !== 2)
      throw new TopologyError(`${field}[${i}]: expected a pair [u, v], got ${JSON.stringify(pair)}`, {
        field,
      });
    const [u, v] = pair as [unknown, unknown];
    for (const q of [u, v])
      if (typeof q !== 'number' || !Number.isInteger(q) || q < 0 || q > 0x7ffffffe)
        throw new TopologyError(
          `${field}[${i}]: ${JSON.stringify(q)} is not a qubit label (an integer ≥ 0)`,
          {
            field,
          },
        );
    f(u as number, v as number, i);
  }
}

/** Ascending unique labels of the edge endpoints and the extra nodes. */
function collectNodes(N: number, lo: Int32Array, hi: Int32Array, extra: ArrayLike<number>): Int32Array {
  if (N <= DENSE_LIMIT) {
    const mark = new Uint8Array(N);
    for (let e = 0; e < lo.length; e++) mark[lo[e]!] = mark[hi[e]!] = 1;
    for (let i = 0; i < extra.length; i++) mark[extra[i]!] = 1;
    let n = 0;
    for (let q = 0; q < N; q++) n += mark[q]!;
    const nodes = new Int32Array(n);
    for (let q = 0, p = 0; q < N; q++) if (mark[q]) nodes[p++] = q;
    return nodes;
  }
  const all = new Int32Array(2 * lo.length + extra.length);
  all.set(lo, 0);
  all.set(hi, lo.length);
  for (let i = 0; i < extra.length; i++) all[2 * lo.length + i] = extra[i]!;
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i]!;
  return all.slice(0, n);
}

function positionFinder(N: number, nodes: Int32Array): (q: number) => number {
  if (N <= Math.max(DENSE_LIMIT, 8 * nodes.length)) {
    const pos = new Int32Array(N).fill(-1);
    for (let p = 0; p < nodes.length; p++) pos[nodes[p]!] = p;
    return (q) => pos[q]!;
  }
  return (q) => searchRow(nodes, 0, nodes.length, q);
}

/** Index of x in the ascending run a[s..t), or −1. */
function searchRow(a: Int32Array, s: number, t: number, x: number): number {
  while (s < t) {
    const mid = (s + t) >>> 1;
    const v = a[mid]!;
    if (v === x) return mid;
    if (v < x) s = mid + 1;
    else t = mid;
  }
  return -1;
}
