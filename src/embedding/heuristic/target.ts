/** The target graph of the heuristic embedder in positions 0…N−1 (CSR adjacency), cached per topology. */

import type { Topology } from '../../topology/topology.js';

export interface TargetGraph {
  readonly N: number;
  /** Qubit label per position. */
  readonly nodes: Int32Array;
  readonly rowPtr: Int32Array;
  /** Neighbour positions. */
  readonly adj: Int32Array;
  /** Diameter in hops, estimated by a double breadth-first sweep (at least 2). */
  readonly diameter: number;
}

const cache = new WeakMap<Topology, TargetGraph>();

/** Farthest position from `s` and its distance in hops. */
function farthest(rowPtr: Int32Array, adj: Int32Array, N: number, s: number): [number, number] {
  const dist = new Int32Array(N).fill(-1);
  const queue = new Int32Array(N);
  let head = 0;
  let tail = 0;
  queue[tail++] = s;
  dist[s] = 0;
  let far = s;
  while (head < tail) {
    const p = queue[head++]!;
    if (dist[p]! > dist[far]!) far = p;
    for (let i = rowPtr[p]!; i < rowPtr[p + 1]!; i++) {
      const q = adj[i]!;
      if (dist[q]! < 0) {
        dist[q] = dist[p]! + 1;
        queue[tail++] = q;
      }
    }
  }
  return [far, dist[far]!];
}

export function targetGraph(t: Topology): TargetGraph {
  let g = cache.get(t);
  if (g) return g;
  const N = t.numNodes;
  const adj = Int32Array.from(t.colIdx, (q) => t.positionOf(q));
  let diameter = 2;
  if (N > 0) {
    const [far] = farthest(t.rowPtr, adj, N, 0);
    diameter = Math.max(2, farthest(t.rowPtr, adj, N, far)[1]);
  }
  g = { N, nodes: t.nodes, rowPtr: t.rowPtr, adj, diameter };
  cache.set(t, g);
  return g;
}
