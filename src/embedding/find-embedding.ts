/**
 * Heuristic minor embedding after Cai, Macready & Roy, "A practical heuristic for finding graph minors"
 * (arXiv:1406.2741), the algorithm minorminer implements; this is our own, simpler implementation.
 *
 * Placing variable v given its neighbours' chains (./heuristic/embedder.ts): from every embedded neighbour's
 * chain a distance field is grown, where entering qubit q costs w(q) = β^{fill(q)} (fill = number of other
 * chains on q): full node-weighted Dijkstra searches while overlaps are allowed, breadth-first layers over free
 * qubits, stopped at the first layer holding a root, once they are forbidden. The root minimises Σ_u d_u(q),
 * counting w(q) once per neighbour as minorminer does (ties broken at random). The chain is grown from the root as a Steiner tree
 * (minorminer's construct_chain_steiner), nearest neighbour first: the neighbour chain nearest to the tree so far
 * is attached by its field's shortest path from the tree node nearest to it. While overlaps remain, the tail of
 * each path beyond the last node another path starts from is handed to the neighbour it leads to (minorminer's
 * flip_back with target chain size 0), which lets chains stretch toward each other.
 *
 * A try places all variables in priority-first order (minorminer's VARORDER_PFS: next the variable with the
 * most placed neighbours) from a random start, then tears out and replaces every chain in random order, round
 * after round, until no qubit is shared (success) or `max_no_improvement` rounds pass without improving (max
 * fill, qubits at max fill, shared qubits, total chain size). While rounds bring no improvement the penalty base
 * doubles, β = min(max_beta, D·2^stale) with D the target's diameter (estimated by a double BFS sweep). Rounds
 * are pushdown passes first (minorminer's pushdown_overfill_pass): v's new chain may only use qubits whose fill
 * is below the largest fill on its old chain, so no chain gets worse, and v keeps its old chain when there is
 * none (a bounce); once n bounces have piled up (3 each) without an improvement, rounds replace chains freely.
 *
 * After success, chain-length refinement rounds run until `chainlength_patience` rounds gain less than 1% of the
 * total chain size (at most 100 rounds: a count, not a time budget, so the result does not depend on the
 * machine's load). Each step
 * takes one variable v: its neighbours drop the qubits that only serve to reach v (minorminer's steal_all), v is
 * re-placed on free qubits (the root search stops at the first layer of candidates), path tails go to the
 * neighbours they lead to while those stay shorter than v (flip_back with a target size), and v and its
 * neighbours are pruned (leaf qubits needed neither for connectivity nor for a coupler are dropped). The step is
 * kept when neither the total size nor the longest chain of v and its neighbours grows. Tries restart from
 * scratch; the first success is returned.
 *
 * Parameters use minorminer's names: tries (10), max_no_improvement (10), random_seed, timeout (s, 1000),
 * chainlength_patience (10), max_beta (∞). Deterministic for a given random_seed (unless the timeout cuts a
 * run short). Dense problems are better served by clique embeddings (./auto-embed.ts falls back to them).
 */

import { ParameterError } from '../errors.js';
import type { BinaryQuadraticModel } from '../hamiltonian/bqm.js';
import type { Topology } from '../topology/topology.js';
import { Embedding } from './embedding.js';
import { EmbeddingError, type EmbeddingProgress } from './embedding-error.js';
import { Embedder } from './heuristic/embedder.js';
import { IndexHeap } from './heuristic/index-heap.js';
import { targetGraph } from './heuristic/target.js';
import { freshSeed, SeededRandom } from './random.js';
import { type SourceGraph, sourceAdjacency, sourceGraphOf } from './source-graph.js';

export interface FindEmbeddingOptions {
  tries?: number;
  max_no_improvement?: number;
  random_seed?: number;
  /** Seconds. */
  timeout?: number;
  chainlength_patience?: number;
  max_beta?: number;
  /** Checked between rounds. */
  signal?: AbortSignal;
}

export const FIND_EMBEDDING_DEFAULTS = {
  tries: 10,
  max_no_improvement: 10,
  timeout: 1000,
  chainlength_patience: 10,
  max_beta: Number.POSITIVE_INFINITY,
} as const;

export interface FindEmbeddingResult {
  /** The embedding, or undefined when none was found. */
  embedding: Embedding | undefined;
  /** Statistics of the returned embedding or of the best failed attempt. */
  progress: EmbeddingProgress;
  seed: number;
  seconds: number;
}

/** At most this many chain-length refinement rounds per success (they normally stop by patience well before). */
const MAX_REFINE_ROUNDS = 100;

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

function checkOptions(
  o: FindEmbeddingOptions,
): Required<Omit<FindEmbeddingOptions, 'signal' | 'random_seed'>> {
  const r = { ...FIND_EMBEDDING_DEFAULTS, ...o };
  const int = (v: number, f: string, min: number) => {
    if (!Number.isInteger(v) || v < min)
      throw new ParameterError(`embedding_parameters.${f}: ${v} must be an integer ≥ ${min}`, {
        field: 'embedding_parameters',
      });
  };
  int(r.tries, 'tries', 1);
  int(r.max_no_improvement, 'max_no_improvement', 1);
  int(r.chainlength_patience, 'chainlength_patience', 0);
  if (!(r.timeout > 0))
    throw new ParameterError(`embedding_parameters.timeout: ${r.timeout} must be > 0 (seconds)`, {
      field: 'embedding_parameters',
    });
  if (!(r.max_beta > 1))
    throw new ParameterError(`embedding_parameters.max_beta: ${r.max_beta} must be > 1`, {
      field: 'embedding_parameters',
    });
  return r;
}

/** Names accepted in embedding_parameters. */
export const FIND_EMBEDDING_PARAMETERS = [
  'tries',
  'max_no_improvement',
  'random_seed',
  'timeout',
  'chainlength_patience',
  'max_beta',
] as const;

/** Validates an embedding_parameters object (unknown keys and bad values are ParameterErrors). */
export function parseFindEmbeddingOptions(v: unknown): FindEmbeddingOptions {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v))
    throw new ParameterError(
      'embedding_parameters: expected an object such as {"tries": 20, "random_seed": 1}',
      {
        field: 'embedding_parameters',
      },
    );
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (!(FIND_EMBEDDING_PARAMETERS as readonly string[]).includes(k))
      throw new ParameterError(
        `embedding_parameters.${k}: unknown; accepted: ${FIND_EMBEDDING_PARAMETERS.join(', ')}`,
        { field: 'embedding_parameters' },
      );
    const num = typeof x === 'string' ? Number(x) : x;
    if (typeof num !== 'number' || Number.isNaN(num))
      throw new ParameterError(`embedding_parameters.${k}: ${JSON.stringify(x)} is not a number`, {
        field: 'embedding_parameters',
      });
    out[k] = num;
  }
  checkOptions(out);
  if (
    out.random_seed !== undefined &&
    (!Number.isInteger(out.random_seed) || out.random_seed < 0 || out.random_seed >= 2 ** 32)
  )
    throw new ParameterError(
      `embedding_parameters.random_seed: ${out.random_seed} must be an integer in [0, 2^32)`,
      {
        field: 'embedding_parameters',
      },
    );
  return out;
}

/**
 * Priority-first order (minorminer's VARORDER_PFS): from a random start, next the variable with the most
 * variables already ordered among its neighbours, ties broken by a random rank.
 */
function pfsOrder(adjS: Int32Array[], rng: SeededRandom): number[] {
  const n = adjS.length;
  const rank = Int32Array.from({ length: n }, (_, i) => i);
  rng.shuffle(rank);
  const byRank = new Int32Array(n);
  for (let v = 0; v < n; v++) byRank[rank[v]!] = v;
  const placedNbrs = new Int32Array(n);
  const seen = new Uint8Array(n);
  const order: number[] = [];
  const key = new Float64Array(n);
  const heap = new IndexHeap(n);
  heap.reset(key);
  for (let r = 0; r < n; r++) {
    const s = byRank[r]!;
    if (seen[s]) continue;
    key[s] = rank[s]! / n;
    heap.push(s);
    while (heap.size) {
      const v = heap.pop();
      seen[v] = 1;
      order.push(v);
      for (const u of adjS[v]!)
        if (!seen[u]) {
          placedNbrs[u]!++;
          key[u] = -placedNbrs[u]! + rank[u]! / n;
          heap.push(u);
        }
    }
  }
  return order;
}

/** Searches for an embedding of `source` into `target`; never throws for a failed search (see the result). */
export function tryFindEmbedding(
  source: BinaryQuadraticModel | SourceGraph,
  target: Topology,
  opts: FindEmbeddingOptions = {},
): FindEmbeddingResult {
  const o = checkOptions(opts);
  const seed = opts.random_seed ?? freshSeed();
  const g: SourceGraph = 'edges' in source ? source : sourceGraphOf(source);
  const adjS = sourceAdjacency(g);
  const n = adjS.length;
  const t0 = performance.now();
  const deadline = t0 + o.timeout * 1000;
  const elapsed = () => (performance.now() - t0) / 1000;
  const progress = (e: Embedder | undefined, tries: number, timedOut: boolean): EmbeddingProgress => ({
    variables: n,
    placed: e ? e.placedClean() : 0,
    overlappingQubits: e ? e.overlapCount() : 0,
    maxChainLength: e ? e.maxChain() : 0,
    tries,
    timedOut,
  });
  const done = (e: Embedder, tries: number): FindEmbeddingResult => ({
    embedding: Embedding.from(
      g.labels.map((l, v) => [l, Array.from(e.chains[v]!, (p) => target.nodes[p]!)] as const),
    ),
    progress: progress(e, tries, false),
    seed,
    seconds: elapsed(),
  });
  if (n === 0)
    return { embedding: Embedding.from([]), progress: progress(undefined, 0, false), seed, seconds: 0 };
  const t = targetGraph(target);
  if (n > t.N)
    return { embedding: undefined, progress: progress(undefined, 0, false), seed, seconds: elapsed() };
  const log2Cap = Math.min(Math.log2(o.max_beta), 64);
  const log2Base = Math.min(log2Cap, Math.log2(Math.max(2, t.diameter)));
  const rng = new SeededRandom(seed);
  let best: Embedder | undefined;
  let bestKey = [Number.POSITIVE_INFINITY];
  let timedOut = false;
  let triesDone = 0;
  const aborted = () => opts.signal?.aborted === true;
  const late = () => {
    if (performance.now() > deadline) timedOut = true;
    return timedOut || aborted();
  };
  const vars = Array.from({ length: n }, (_, i) => i);
  for (let attempt = 0; attempt < o.tries && !late(); attempt++) {
    triesDone++;
    const e = new Embedder(t, adjS, rng, log2Base);
    const order = pfsOrder(adjS, rng);
    e.flipBack = 'all';
    for (const v of order) e.place(v, Number.POSITIVE_INFINITY);
    // overlap removal: tear out and replace every chain; while no pass improves, the overlap penalty base
    // β doubles (up to max_beta), so overlaps that short detours cannot avoid are eventually priced out
    let tryBest = e.stats();
    let tryBestChains = e.snapshot();
    let stale = 0;
    // pushdown passes (minorminer's pushdown_overfill_pass) until n bounces have piled up without improvement
    let pushback = 0;
    while (e.maxFill() > 1 && stale < o.max_no_improvement && !late()) {
      e.log2Beta = Math.min(log2Cap, log2Base + stale);
      rng.shuffle(vars);
      let improved = false;
      const pushdown = pushback < n;
      if (!pushdown) pushback--;
      for (const v of vars) {
        if (!pushdown) e.place(v, Number.POSITIVE_INFINITY);
        else if (!e.place(v, Math.max(1, e.chainFill(v)))) pushback += 3;
        const st = e.stats();
        if (better(st, tryBest)) {
          tryBest = st;
          tryBestChains = e.snapshot();
          improved = true;
        }
        if (st[0]! <= 1) break;
      }
      stale = improved ? 0 : stale + 1;
      if (improved) pushback = 0;
    }
    e.restore(tryBestChains);
    e.flipBack = 'none';
    if (e.maxFill() <= 1) {
      // shorten chains with shared qubits forbidden
      for (let v = 0; v < n; v++) e.prune(v);
      let total = e.totalSize();
      let patience = 0;
      // a round cap rather than a time budget keeps the result a function of the seed (unless `timeout` cuts in)
      for (
        let round = 0;
        round < MAX_REFINE_ROUNDS && patience < o.chainlength_patience && !late();
        round++
      ) {
        rng.shuffle(vars);
        for (const v of vars) e.refine(v);
        const now = e.totalSize();
        if (now < total - Math.max(1, 0.01 * total) + 1) {
          total = now;
          patience = 0;
        } else patience++;
      }
      return done(e, triesDone);
    }
    const key = e.stats();
    if (better(key, bestKey)) {
      bestKey = key;
      best = e;
    }
  }
  return { embedding: undefined, progress: progress(best, triesDone, timedOut), seed, seconds: elapsed() };
}

/**
 * Finds an embedding of `source` into `target` or throws EmbeddingError saying how far the best attempt got
 * (variables on chains of their own, qubits still shared, tries, timeout).
 */
export function findEmbedding(
  source: BinaryQuadraticModel | SourceGraph,
  target: Topology,
  opts: FindEmbeddingOptions = {},
): Embedding {
  const g: SourceGraph = 'edges' in source ? source : sourceGraphOf(source);
  const res = tryFindEmbedding(g, target, opts);
  if (res.embedding) return res.embedding;
  const p = res.progress;
  const what = `${p.variables} variables and ${g.edges.length / 2} interactions`;
  const where = `${target.describe()} (${target.numNodes} qubits, ${target.numEdges} couplers)`;
  if (p.variables > target.numNodes)
    throw new EmbeddingError(
      'too-large',
      `no embedding: the problem has ${what} but ${where} has only ${target.numNodes} qubits`,
      { progress: p },
    );
  throw new EmbeddingError(
    'not-found',
    `no embedding found for ${what} in ${where} after ${p.tries} ${p.tries === 1 ? 'try' : 'tries'}` +
      `${p.timedOut ? ` (stopped by the ${opts.timeout ?? FIND_EMBEDDING_DEFAULTS.timeout} s timeout)` : ''}` +
      ` (random_seed ${res.seed}): the best attempt placed ${p.placed} of ${p.variables} variables on chains of their own; ` +
      `${p.overlappingQubits} qubits are still shared by two or more chains (longest chain ${p.maxChainLength} qubits). ` +
      'Try more tries, a larger timeout, or a sparser problem.',
    { progress: p },
  );
}
