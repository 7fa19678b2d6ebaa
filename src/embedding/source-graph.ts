/** The graph of a source (logical) problem: its variables and the pairs that interact. */

import type { BinaryQuadraticModel } from '../hamiltonian/bqm.js';
import type { Label } from '../hamiltonian/labels.js';

export interface SourceGraph {
  readonly labels: readonly Label[];
  /** Interactions as flat pairs of indices into `labels` [u0, v0, u1, v1, …], u ≠ v. */
  readonly edges: Int32Array;
}

/** The interaction graph of a BQM (every stored interaction counts, even a zero bias, as in dimod). */
export function sourceGraphOf(bqm: BinaryQuadraticModel): SourceGraph {
  const edges = new Int32Array(2 * bqm.numInteractions);
  let w = 0;
  for (const [i, j] of bqm.interactions()) {
    edges[w++] = i;
    edges[w++] = j;
  }
  return { labels: bqm.variables.toArray(), edges };
}

/** Adjacency lists (index → neighbour indices, deduplicated) of a source graph. */
export function sourceAdjacency(g: SourceGraph): Int32Array[] {
  const n = g.labels.length;
  const sets: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (let e = 0; 2 * e + 1 < g.edges.length; e++) {
    const u = g.edges[2 * e]!;
    const v = g.edges[2 * e + 1]!;
    if (u === v) continue;
    sets[u]!.add(v);
    sets[v]!.add(u);
  }
  return sets.map((s) => Int32Array.from(s));
}

/** The complete graph K_n on the given labels (clique sources). */
export function completeSourceGraph(labels: readonly Label[]): SourceGraph {
  const n = labels.length;
  const edges = new Int32Array(n * (n - 1));
  let w = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      edges[w++] = i;
      edges[w++] = j;
    }
  return { labels, edges };
}
