/**
 * Choosing an embedding for a problem on a target graph, as EmbeddingComposite and `qaxai embed` do:
 * `heuristic` runs {@link findEmbedding}; `clique` takes the clique embedding of the problem's variables
 * (valid for any graph on them, since every graph is a subgraph of the clique); `auto` (default) uses the
 * clique embedding directly for dense problems that fit it (at least 10 variables and half of all pairs
 * interacting) and otherwise the heuristic, falling back to the clique embedding when the heuristic fails and
 * the clique fits.
 */

import type { BinaryQuadraticModel } from '../hamiltonian/bqm.js';
import type { Topology } from '../topology/topology.js';
import { cliqueEmbedding, largestCliqueSize } from './clique/clique.js';
import type { Embedding } from './embedding.js';
import { EmbeddingError } from './embedding-error.js';
import { type FindEmbeddingOptions, findEmbedding } from './find-embedding.js';
import { type SourceGraph, sourceGraphOf } from './source-graph.js';

export type EmbeddingMethod = 'auto' | 'heuristic' | 'clique';

export interface EmbedProblemResult {
  embedding: Embedding;
  /** The method that produced the embedding. */
  method: 'heuristic' | 'clique';
  seconds: number;
}

const LATTICES = new Set(['chimera', 'pegasus', 'zephyr']);

/** `auto` takes the clique embedding directly for dense problems of at least this many variables. */
export const DENSE_MIN_VARIABLES = 10;

/** Finds an embedding of `source` in `target` with the given method (see the module comment). */
export function embedProblem(
  source: BinaryQuadraticModel | SourceGraph,
  target: Topology,
  opts: FindEmbeddingOptions & { method?: EmbeddingMethod } = {},
): EmbedProblemResult {
  const t0 = performance.now();
  const g: SourceGraph = 'edges' in source ? source : sourceGraphOf(source);
  const n = g.labels.length;
  const method = opts.method ?? 'auto';
  const lattice = LATTICES.has(target.family);
  const seconds = () => (performance.now() - t0) / 1000;
  const clique = () => ({
    embedding: cliqueEmbedding(g.labels, target).embedding,
    method: 'clique' as const,
    seconds: seconds(),
  });
  if (method === 'clique') return clique();
  const pairs = (n * (n - 1)) / 2;
  const dense = pairs > 0 && g.edges.length / 2 >= 0.5 * pairs;
  const cliqueFits = () => lattice && n <= largestCliqueSize(target);
  if (method === 'auto' && dense && n >= DENSE_MIN_VARIABLES && cliqueFits()) return clique();
  try {
    return { embedding: findEmbedding(g, target, opts), method: 'heuristic', seconds: seconds() };
  } catch (e) {
    if (method === 'auto' && e instanceof EmbeddingError && e.reason === 'not-found' && cliqueFits())
      return clique();
    throw e;
  }
}
