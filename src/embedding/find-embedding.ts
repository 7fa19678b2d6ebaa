/**
 * Heuristic minor embedding after Cai, Macready & Roy, "A practical heuristic for finding graph minors"
 * (arXiv:1406.2741), the algorithm minorminer implements; this is our own, simpler implementation.
 *
 * Placing variable v given its neighbours' chains: from every embedded neighbour's chain a node-weighted
 * Dijkstra search runs, where entering qubit q costs w(q) = β^{fill(q)} (fill = number of other chains on q).
 * The searches advance in lockstep and stop once no unexplored qubit can beat the best root found, the
 * root minimising w(q) + Σ_u max(0, d_u(q) − w(q)) (ties broken at random). The chain is the root plus, for each
 * neighbour in random order, the shortest path to that neighbour's chain from the chain node nearest to it
 * (minorminer's construct_chain_steiner). While overlaps remain, the tail of each path beyond the last node
 * another path starts from is handed to the neighbour it leads to (minorminer's flip_back with target chain
 * size 0), which lets chains stretch toward each other.
 *
 * A try places all variables breadth-first from random starts, then tears out and replaces every chain in
 * random order, round after round, until no qubit is shared (success) or `max_no_improvement` rounds pass
 * without improving (max fill, qubits at max fill, shared qubits, total chain size). While rounds bring no
 * improvement the penalty base doubles, β = min(max_beta, D·2^stale) with D the target's diameter (estimated
 * by a double BFS sweep). After success, rounds with shared qubits forbidden shorten chains until
 * `chainlength_patience` rounds gain less than 1% of the total chain size, or the refinement has run twice as
 * long as the search before it plus one second. Tries restart from scratch; the first success is returned.
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

/** Target graph in positions (0…N−1) with CSR adjacency by position. */
interface TargetCsr {
  nodes: Int32Array;
  rowPtr: Int32Array;
  adj: Int32Array;
  diameter: number;
}

const csrCache = new WeakMap<Topology, TargetCsr>();

function targetCsr(t: Topology): TargetCsr {
  let c = csrCache.get(t);
  if (c) return c;
  const adj = Int32Array.from(t.colIdx, (q) => t.positionOf(q));
  const N = t.numNodes;
  // diameter estimate: double sweep BFS from node 0
  const bfs = (s: number): [number, number] => {
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
      for (let i = t.rowPtr[p]!; i < t.rowPtr[p + 1]!; i++) {
        const q = adj[i]!;
        if (dist[q]! < 0) {
          dist[q] = dist[p]! + 1;
          queue[tail++] = q;
        }
      }
    }
    return [far, dist[far]!];
  };
  let diameter = 2;
  if (N > 0) {
    const [far] = bfs(0);
    diameter = Math.max(2, bfs(far)[1]);
  }
  c = { nodes: t.nodes, rowPtr: t.rowPtr, adj, diameter };
  csrCache.set(t, c);
  return c;
}

/** Binary min-heap of (key, node) on typed arrays, lazy deletion. */
class Heap {
  private keys: Float64Array;
  private vals: Int32Array;
  size = 0;
  constructor(cap = 64) {
    this.keys = new Float64Array(cap);
    this.vals = new Int32Array(cap);
  }
  clear(): void {
    this.size = 0;
  }
  /** Smallest key (∞ when empty). */
  top(): number {
    return this.size ? this.keys[0]! : Number.POSITIVE_INFINITY;
  }
  push(k: number, v: number): void {
    if (this.size === this.keys.length) {
      const nk = new Float64Array(this.keys.length * 2);
      nk.set(this.keys);
      const nv = new Int32Array(this.vals.length * 2);
      nv.set(this.vals);
      this.keys = nk;
      this.vals = nv;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p]! <= k) break;
      this.keys[i] = this.keys[p]!;
      this.vals[i] = this.vals[p]!;
      i = p;
    }
    this.keys[i] = k;
    this.vals[i] = v;
  }
  /** Pops the minimum node (its key was top()). */
  pop(): number {
    const v = this.vals[0]!;
    const k = this.keys[--this.size]!;
    const x = this.vals[this.size]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.keys[c + 1]! < this.keys[c]!) c++;
      if (this.keys[c]! >= k) break;
      this.keys[i] = this.keys[c]!;
      this.vals[i] = this.vals[c]!;
      i = c;
    }
    this.keys[i] = k;
    this.vals[i] = x;
    return v;
  }
}

/** One Dijkstra search slot (reused): distances, parents and settled marks valid where stamp matches. */
class Search {
  readonly dist: Float64Array;
  readonly parent: Int32Array;
  readonly seen: Float64Array;
  readonly done: Float64Array;
  readonly heap = new Heap();
  constructor(N: number) {
    this.dist = new Float64Array(N);
    this.parent = new Int32Array(N);
    this.seen = new Float64Array(N);
    this.done = new Float64Array(N);
  }
}

/** Exponent cap so that N · 2^(alpha·fill) stays a finite double. */
const MAX_EXPONENT = 960;

class Embedder {
  readonly n: number;
  readonly N: number;
  readonly chains: Int32Array[];
  readonly usage: Int32Array;
  private readonly searches: Search[] = [];
  private readonly count: Int32Array;
  private readonly countStamp: Float64Array;
  private stamp = 1;
  /** weight of a qubit by fill (chains on it, excluding the one being placed). */
  private weightOf: Float64Array = new Float64Array(1);
  /** Give path tails to the neighbours they lead to (overlap phase). */
  flipBack = false;

  constructor(
    readonly t: TargetCsr,
    readonly adjS: Int32Array[],
    readonly rng: SeededRandom,
    public log2Beta: number,
  ) {
    this.n = adjS.length;
    this.N = t.nodes.length;
    this.chains = Array.from({ length: this.n }, () => new Int32Array(0));
    this.usage = new Int32Array(this.N);
    this.count = new Int32Array(this.N);
    this.countStamp = new Float64Array(this.N);
  }

  setChain(v: number, chain: Int32Array): void {
    for (const q of this.chains[v]!) this.usage[q]!--;
    this.chains[v] = chain;
    for (const q of chain) this.usage[q]!++;
  }

  /** Weights 2^(alpha·fill), alpha = log2 β capped so sums stay finite. */
  private prepareWeights(): void {
    let maxFill = 1;
    for (let q = 0; q < this.N; q++) maxFill = Math.max(maxFill, this.usage[q]!);
    const alpha = Math.min(this.log2Beta, MAX_EXPONENT / (maxFill + 1));
    const w = new Float64Array(maxFill + 2);
    for (let f = 0; f < w.length; f++) w[f] = 2 ** (alpha * f);
    this.weightOf = w;
  }

  private search(k: number): Search {
    while (this.searches.length <= k) this.searches.push(new Search(this.N));
    return this.searches[k]!;
  }

  /**
   * Re-places variable v given its neighbours' chains. Qubits with `bound` or more other chains on them are
   * not used (bound = ∞: any qubit, weighted; bound = 1: only free qubits). Returns false (and keeps the old
   * chain) when no root can be reached.
   */
  place(v: number, bound: number): boolean {
    const old = this.chains[v]!;
    this.setChain(v, new Int32Array(0));
    this.prepareWeights();
    const W = this.weightOf;
    const usage = this.usage;
    const nbrs: number[] = [];
    for (const u of this.adjS[v]!) if (this.chains[u]!.length) nbrs.push(u);
    const N = this.N;
    const rng = this.rng;
    if (nbrs.length === 0) {
      let best = Number.POSITIVE_INFINITY;
      let ties = 0;
      let pick = -1;
      for (let q = 0; q < N; q++) {
        if (usage[q]! >= bound) continue;
        const c = W[usage[q]!]!;
        if (c < best) {
          best = c;
          ties = 1;
          pick = q;
        } else if (c === best && rng.nextInt(++ties) === 0) pick = q;
      }
      if (pick < 0) {
        this.setChain(v, old);
        return false;
      }
      this.setChain(v, Int32Array.of(pick));
      return true;
    }
    const K = nbrs.length;
    const stamp = ++this.stamp;
    const { rowPtr, adj } = this.t;
    nbrs.forEach((u, k) => {
      const s = this.search(k);
      s.heap.clear();
      for (const q of this.chains[u]!) {
        s.dist[q] = 0;
        s.parent[q] = -1;
        s.seen[q] = stamp;
        s.heap.push(0, q);
      }
    });
    const count = this.count;
    let best = Number.POSITIVE_INFINITY;
    let ties = 0;
    let root = -1;
    for (;;) {
      // advance the search with the smallest next distance
      let sk = -1;
      let key = Number.POSITIVE_INFINITY;
      for (let k = 0; k < K; k++) {
        const tk = this.searches[k]!.heap.top();
        if (tk < key) {
          key = tk;
          sk = k;
        }
      }
      if (sk < 0 || key > best) break;
      const s = this.searches[sk]!;
      const q = s.heap.pop();
      if (s.done[q] === stamp || key > s.dist[q]!) continue;
      s.done[q] = stamp;
      if (this.countStamp[q] !== stamp) {
        this.countStamp[q] = stamp;
        count[q] = 0;
      }
      if (++count[q]! === K && usage[q]! < bound) {
        // settled by every search: a root candidate
        const wq = W[usage[q]!]!;
        let c = wq;
        for (let k = 0; k < K; k++) c += Math.max(0, this.searches[k]!.dist[q]! - wq);
        if (c < best) {
          best = c;
          ties = 1;
          root = q;
        } else if (c === best && rng.nextInt(++ties) === 0) root = q;
      }
      const d = s.dist[q]!;
      for (let i = rowPtr[q]!; i < rowPtr[q + 1]!; i++) {
        const p = adj[i]!;
        const f = usage[p]!;
        if (f >= bound) continue;
        const nd = d + W[f]!;
        if (s.seen[p] !== stamp || nd < s.dist[p]!) {
          s.seen[p] = stamp;
          s.dist[p] = nd;
          s.parent[p] = q;
          s.heap.push(nd, p);
        }
      }
    }
    if (root < 0) {
      this.setChain(v, old);
      return false;
    }
    // Steiner construction: each neighbour's path starts from the chain node nearest to that neighbour
    const chain: number[] = [root];
    const segments: number[][] = [];
    const starts = new Set<number>([root]);
    const order = Array.from({ length: K }, (_, k) => k);
    rng.shuffle(order);
    for (const k of order) {
      const s = this.searches[k]!;
      let q = root;
      let dq = s.dist[root]!;
      for (const p of chain)
        if (s.done[p] === stamp && s.dist[p]! < dq) {
          dq = s.dist[p]!;
          q = p;
        }
      starts.add(q);
      const seg: number[] = [];
      while (q >= 0 && s.dist[q]! > 0) {
        if (!chain.includes(q)) {
          chain.push(q);
          seg.push(q);
        }
        q = s.parent[q]!;
      }
      segments[k] = seg;
    }
    if (!this.flipBack) {
      this.setChain(v, Int32Array.from(chain));
      return true;
    }
    // flip back (minorminer's flip_back with target chain size 0): the tail of each path beyond the last
    // node another path starts from goes to the neighbour it leads to
    const give = new Set<number>();
    for (let k = 0; k < K; k++) {
      const seg = segments[k]!;
      let j = -1;
      for (let i = 0; i < seg.length; i++) if (starts.has(seg[i]!)) j = i;
      const tail = seg.slice(j + 1);
      if (!tail.length) continue;
      const u = nbrs[k]!;
      for (const q of tail) give.add(q);
      this.setChain(u, Int32Array.from([...this.chains[u]!, ...tail]));
    }
    this.setChain(v, Int32Array.from(chain.filter((q) => !give.has(q))));
    return true;
  }

  /** Largest number of chains on one qubit. */
  maxFill(): number {
    let m = 0;
    for (let q = 0; q < this.N; q++) m = Math.max(m, this.usage[q]!);
    return m;
  }

  overlapCount(): number {
    let s = 0;
    for (let q = 0; q < this.N; q++) if (this.usage[q]! > 1) s++;
    return s;
  }

  /** (max fill, qubits at max fill, overlapping qubits, total chain size): smaller is better. */
  stats(): number[] {
    let m = 0;
    let atMax = 0;
    let over = 0;
    for (let q = 0; q < this.N; q++) {
      const u = this.usage[q]!;
      if (u > 1) over++;
      if (u > m) {
        m = u;
        atMax = 1;
      } else if (u === m) atMax++;
    }
    return [m, atMax, over, this.totalSize()];
  }

  chainFill(v: number): number {
    let m = 0;
    for (const q of this.chains[v]!) m = Math.max(m, this.usage[q]!);
    return m;
  }

  totalSize(): number {
    let s = 0;
    for (const c of this.chains) s += c.length;
    return s;
  }

  maxChain(): number {
    let s = 0;
    for (const c of this.chains) s = Math.max(s, c.length);
    return s;
  }

  /** Variables whose chains share no qubit with another chain. */
  placedClean(): number {
    let k = 0;
    for (const c of this.chains) if (c.length && c.every((q) => this.usage[q] === 1)) k++;
    return k;
  }

  snapshot(): Int32Array[] {
    return this.chains.slice();
  }

  restore(chains: Int32Array[]): void {
    for (let v = 0; v < this.n; v++) this.setChain(v, chains[v]!);
  }
}

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
  const t = targetCsr(target);
  if (n > t.nodes.length)
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
    // initial placement, breadth-first from random starts
    const order: number[] = [];
    const seen = new Uint8Array(n);
    const starts = vars.slice();
    rng.shuffle(starts);
    for (const s of starts) {
      if (seen[s]) continue;
      seen[s] = 1;
      const queue = [s];
      for (let h = 0; h < queue.length; h++) {
        const v = queue[h]!;
        order.push(v);
        const nb = Array.from(adjS[v]!);
        rng.shuffle(nb);
        for (const u of nb)
          if (!seen[u]) {
            seen[u] = 1;
            queue.push(u);
          }
      }
    }
    e.flipBack = true;
    for (const v of order) e.place(v, Number.POSITIVE_INFINITY);
    // overlap removal: tear out and replace every chain; while no pass improves, the overlap penalty base
    // β doubles (up to max_beta), so overlaps that short detours cannot avoid are eventually priced out
    let tryBest = e.stats();
    let tryBestChains = e.snapshot();
    let stale = 0;
    while (e.maxFill() > 1 && stale < o.max_no_improvement && !late()) {
      e.log2Beta = Math.min(log2Cap, log2Base + stale);
      rng.shuffle(vars);
      let improved = false;
      for (const v of vars) {
        e.place(v, Number.POSITIVE_INFINITY);
        const st = e.stats();
        if (better(st, tryBest)) {
          tryBest = st;
          tryBestChains = e.snapshot();
          improved = true;
        }
        if (st[0]! <= 1) break;
      }
      stale = improved ? 0 : stale + 1;
    }
    e.restore(tryBestChains);
    e.flipBack = false;
    if (e.maxFill() <= 1) {
      // shorten chains with shared qubits forbidden
      let total = e.totalSize();
      let patience = 0;
      // refinement budget: twice the time spent so far plus one second
      const refineEnd = Math.min(deadline, performance.now() + 2 * (performance.now() - t0) + 1000);
      while (patience < o.chainlength_patience && !late() && performance.now() < refineEnd) {
        rng.shuffle(vars);
        for (const v of vars) {
          const old = e.chains[v]!;
          if (!e.place(v, 1) || e.chains[v]!.length > old.length) e.setChain(v, old);
        }
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
