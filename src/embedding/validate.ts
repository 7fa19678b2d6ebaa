/**
 * Embedding validity against a source graph and a target graph (dwave-system's `is_valid_embedding` /
 * `diagnose_embedding`): every source variable has a non-empty chain of target qubits; each chain is
 * connected in the target; chains are pairwise disjoint; every source interaction is realised by at least
 * one target coupler between the two chains. Errors name the variable, qubit or interaction at fault.
 */

import type { BinaryQuadraticModel } from '../hamiltonian/bqm.js';
import { formatLabel, type Label } from '../hamiltonian/labels.js';
import type { Topology } from '../topology/topology.js';
import type { Embedding } from './embedding.js';
import { EmbeddingError } from './embedding-error.js';
import { type SourceGraph, sourceGraphOf } from './source-graph.js';

export interface ValidateOptions {
  /** Field named in messages (default "embedding"). */
  field?: string;
}

/** True when the qubits of `chain` are connected in `target` (all must be target nodes). */
export function isChainConnected(chain: Int32Array, target: Topology): boolean {
  if (chain.length <= 1) return true;
  const inChain = new Set<number>(chain);
  const seen = new Set<number>([chain[0]!]);
  const stack = [chain[0]!];
  while (stack.length) {
    const q = stack.pop()!;
    for (const p of target.neighbors(q))
      if (inChain.has(p) && !seen.has(p)) {
        seen.add(p);
        stack.push(p);
      }
  }
  return seen.size === chain.length;
}

/**
 * Qubit → index of the chain that holds it, over every chain of the embedding. Throws EmbeddingError when a
 * qubit is not a node of `target` or two chains share a qubit.
 */
export function chainOwners(
  embedding: Embedding,
  target: Topology,
  field = 'embedding',
): Map<number, number> {
  const owner = new Map<number, number>();
  embedding.chains.forEach((chain, i) => {
    const label = embedding.labels[i]!;
    for (const q of chain) {
      if (!target.hasNode(q))
        throw new EmbeddingError(
          'not-a-qubit',
          `${field}: the chain of variable ${formatLabel(label)} uses qubit ${q}, which is not a working qubit of ${target.describe()}`,
          { field },
        );
      const other = owner.get(q);
      if (other !== undefined && other !== i)
        throw new EmbeddingError(
          'overlapping-chains',
          `${field}: qubit ${q} is in the chains of both ${formatLabel(embedding.labels[other]!)} and ${formatLabel(label)}; chains must be disjoint`,
          { field },
        );
      owner.set(q, i);
    }
  });
  return owner;
}

/** The chain index of each label (in the given order); a label without a chain is an EmbeddingError. */
export function chainIndices(embedding: Embedding, labels: readonly Label[], field: string): number[] {
  return labels.map((l) => {
    const i = embedding.indexOf(l);
    if (i === undefined)
      throw new EmbeddingError(
        'missing-chain',
        `${field}: variable ${formatLabel(l)} of the problem has no chain`,
        {
          field,
        },
      );
    return i;
  });
}

/**
 * Throws EmbeddingError unless `embedding` is a valid minor embedding of `source` (a BQM or its graph) into
 * `target`. Chains of variables the source does not have are checked too (qubits, connectivity, overlap).
 */
export function validateEmbedding(
  embedding: Embedding,
  source: BinaryQuadraticModel | SourceGraph,
  target: Topology,
  opts: ValidateOptions = {},
): void {
  const field = opts.field ?? 'embedding';
  const g: SourceGraph = 'edges' in source ? source : sourceGraphOf(source);
  const idx = chainIndices(embedding, g.labels, field);
  const owner = chainOwners(embedding, target, field);
  embedding.chains.forEach((chain, i) => {
    if (!isChainConnected(chain, target))
      throw new EmbeddingError(
        'disconnected-chain',
        `${field}: the chain of variable ${formatLabel(embedding.labels[i]!)} [${Array.from(chain).join(', ')}] is not connected in ${target.describe()}`,
        { field },
      );
  });
  const realised = realisedPairs(embedding, target, owner);
  for (let e = 0; 2 * e + 1 < g.edges.length; e++) {
    const a = idx[g.edges[2 * e]!]!;
    const b = idx[g.edges[2 * e + 1]!]!;
    if (a === b) continue;
    if (!realised.has(pairKey(a, b, embedding.size)))
      throw new EmbeddingError(
        'missing-edge',
        `${field}: interaction (${formatLabel(g.labels[g.edges[2 * e]!]!)}, ${formatLabel(g.labels[g.edges[2 * e + 1]!]!)}) has no coupler between its chains in ${target.describe()}`,
        { field },
      );
  }
}

/** True when `embedding` is valid for `source` on `target` (see {@link validateEmbedding}). */
export function isValidEmbedding(
  embedding: Embedding,
  source: BinaryQuadraticModel | SourceGraph,
  target: Topology,
): boolean {
  try {
    validateEmbedding(embedding, source, target);
    return true;
  } catch (e) {
    if (e instanceof EmbeddingError) return false;
    throw e;
  }
}

function pairKey(a: number, b: number, n: number): number {
  return a < b ? a * n + b : b * n + a;
}

/** Keys (min·n + max) of every pair of chains joined by at least one target coupler. */
export function realisedPairs(
  embedding: Embedding,
  target: Topology,
  owner: Map<number, number>,
): Set<number> {
  const n = embedding.size;
  const out = new Set<number>();
  embedding.chains.forEach((chain, i) => {
    for (const q of chain)
      for (const p of target.neighbors(q)) {
        const j = owner.get(p);
        if (j !== undefined && j !== i) out.add(pairKey(i, j, n));
      }
  });
  return out;
}
