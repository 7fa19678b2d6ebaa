/**
 * Clique (K_n) embeddings for Chimera, Pegasus and Zephyr graphs: nested ells on the bus grid
 * (./nested-ells.ts, after Boothby, King & Roy, arXiv:1507.04774, with every corner choice as minorminer's
 * busclique), plus native K1…K4 (chains of one qubit) where the graph has them.
 *
 * The first call on a topology computes a table of every clique size (solutions of every width and, on
 * Pegasus, of every useful chain-length bound) and caches it on the topology object; later calls of any size
 * are lookups. For size k the table holds the solution whose k shortest chains have the shortest longest chain
 * (ties: fewest qubits). Chains are checked on the real graph (broken couplers drop variables).
 *
 * Full-yield sizes (tested): C(m, m, 4) holds K_4m with chains of m + 1 (C16: K64, length 17); P16 K180 (17);
 * Z12 K184 (13) — the sizes and per-size chain lengths of busclique (docs/benchmarks.md).
 */

import type { Label } from '../../hamiltonian/labels.js';
import type { Topology } from '../../topology/topology.js';
import { Embedding } from '../embedding.js';
import { EmbeddingError } from '../embedding-error.js';
import { busGrid } from './bus-grid.js';
import { nestedEllSolutions } from './nested-ells.js';

/** Drops variables until every pair of chains is joined by a coupler (only needed with broken couplers). */
function pruneToClique(chains: number[][], topo: Topology): number[][] {
  let cur = chains;
  for (;;) {
    const n = cur.length;
    const owner = new Map<number, number>();
    cur.forEach((c, i) => {
      for (const q of c) owner.set(q, i);
    });
    const joined = new Uint8Array(n * n);
    cur.forEach((c, i) => {
      for (const q of c)
        for (const nb of topo.neighbors(q)) {
          const j = owner.get(nb);
          if (j !== undefined) joined[i * n + j] = joined[j * n + i] = 1;
        }
    });
    const missing = new Int32Array(n);
    let any = false;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++)
        if (!joined[i * n + j]) {
          missing[i]!++;
          missing[j]!++;
          any = true;
        }
    if (!any) return cur;
    let worst = 0;
    for (let i = 1; i < n; i++) if (missing[i]! > missing[worst]!) worst = i;
    cur = cur.filter((_, i) => i !== worst);
  }
}

/** Native cliques K1…K4 (every chain one qubit): the largest found, scanning positions in order. */
function nativeCliques(topo: Topology): number[] {
  const N = topo.numNodes;
  if (!N) return [];
  const { rowPtr, colIdx, nodes } = topo;
  const pos = Int32Array.from(colIdx, (q) => topo.positionOf(q));
  const mark = new Int32Array(N).fill(-1);
  let best: number[] = [0];
  for (let u = 0; u < N; u++) {
    for (let i = rowPtr[u]!; i < rowPtr[u + 1]!; i++) mark[pos[i]!] = u;
    for (let i = rowPtr[u]!; i < rowPtr[u + 1]!; i++) {
      const v = pos[i]!;
      if (v <= u) continue;
      if (best.length < 2) best = [u, v];
      const common: number[] = [];
      for (let e = rowPtr[v]!; e < rowPtr[v + 1]!; e++)
        if (pos[e]! > v && mark[pos[e]!] === u) common.push(pos[e]!);
      for (let a = 0; a < common.length; a++) {
        if (best.length < 3) best = [u, v, common[a]!];
        for (let b = a + 1; b < common.length; b++)
          if (topo.hasEdge(nodes[common[a]!]!, nodes[common[b]!]!)) best = [u, v, common[a]!, common[b]!];
        if (best.length === 4) return best.map((p) => nodes[p]!);
      }
    }
  }
  return best.map((p) => nodes[p]!);
}

interface CliqueTable {
  /** Solutions, chains sorted by length (stable). */
  solutions: number[][][];
  /** For size k (index k): the solution whose k shortest chains embed K_k. */
  solutionOf: Int32Array;
  largest: number;
}

const tableCache = new WeakMap<Topology, CliqueTable>();

function cliqueTable(topo: Topology): CliqueTable {
  const hit = tableCache.get(topo);
  if (hit) return hit;
  const grid = busGrid(topo);
  const cap = grid.G * grid.T + 4;
  const solutions: number[][][] = [];
  const solutionOf = new Int32Array(cap + 1).fill(-1);
  const lengthOf = new Int32Array(cap + 1).fill(1 << 30);
  const qubitsOf = new Float64Array(cap + 1).fill(Number.POSITIVE_INFINITY);
  let largest = 0;
  const consider = (found: number[][]) => {
    const chains = (topo.working ? pruneToClique(found, topo) : found)
      .map((c, i) => ({ c, i }))
      .sort((a, b) => a.c.length - b.c.length || a.i - b.i)
      .map((x) => x.c);
    let used = false;
    let qubits = 0;
    for (let k = 1; k <= chains.length && k <= cap; k++) {
      const len = chains[k - 1]!.length;
      qubits += len;
      if (len < lengthOf[k]! || (len === lengthOf[k] && qubits < qubitsOf[k]!)) {
        lengthOf[k] = len;
        qubitsOf[k] = qubits;
        solutionOf[k] = solutions.length;
        used = true;
      }
    }
    largest = Math.max(largest, Math.min(cap, chains.length));
    if (used) solutions.push(chains);
  };
  consider(nativeCliques(topo).map((q) => [q]));
  nestedEllSolutions(grid, topo, consider, (L) => {
    let k = 1;
    while (k <= cap && lengthOf[k]! <= L) k++;
    return k;
  });
  const table = { solutions, solutionOf, largest };
  tableCache.set(topo, table);
  return table;
}

export interface CliqueResult {
  embedding: Embedding;
  size: number;
  maxChainLength: number;
}

/** The chains of the table's entry for size k (k ≤ largest). */
function chainsOfSize(topo: Topology, k: number): number[][] {
  const t = cliqueTable(topo);
  return t.solutions[t.solutionOf[k]!]!.slice(0, k);
}

function toResult(chains: number[][], labels: readonly Label[]): CliqueResult {
  const embedding = Embedding.from(labels.map((l, i) => [l, chains[i]!] as const));
  return { embedding, size: labels.length, maxChainLength: embedding.maxChainLength };
}

/** The largest clique this construction finds on `topo` (labels 0…n−1). */
export function largestClique(topo: Topology): CliqueResult {
  const chains = chainsOfSize(topo, largestCliqueSize(topo));
  return toResult(
    chains,
    chains.map((_, i) => i),
  );
}

/** Size of {@link largestClique}. */
export function largestCliqueSize(topo: Topology): number {
  return cliqueTable(topo).largest;
}

/**
 * A clique embedding of `size` variables (labels 0…size−1) or of the given labels, with the shortest longest
 * chain this construction finds. Throws EmbeddingError naming the largest size available when it does not fit.
 */
export function cliqueEmbedding(size: number | readonly Label[], topo: Topology): CliqueResult {
  const labels: readonly Label[] =
    typeof size === 'number' ? Array.from({ length: size }, (_, i) => i) : size;
  const k = labels.length;
  if (!Number.isInteger(k) || k < 0)
    throw new EmbeddingError('too-large', `clique size ${String(size)} must be an integer ≥ 0`);
  if (k === 0) return { embedding: Embedding.from([]), size: 0, maxChainLength: 0 };
  const most = largestCliqueSize(topo);
  if (k <= most) return toResult(chainsOfSize(topo, k), labels);
  throw new EmbeddingError(
    'too-large',
    `a clique of ${k} variables does not fit ${topo.describe()}: the largest clique embedding found there has ${most} variables`,
    {
      progress: {
        variables: k,
        placed: most,
        overlappingQubits: 0,
        maxChainLength: 0,
        tries: 1,
        timedOut: false,
      },
    },
  );
}
