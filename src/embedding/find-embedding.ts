/**
 * Heuristic minor embedding after Cai, Macready & Roy, "A practical heuristic for finding graph minors"
 * (arXiv:1406.2741), the algorithm minorminer implements; this is our own, simpler implementation.
 *
 * Placing variable v given its neighbours' chains: from every embedded neighbour's chain a node-weighted
 * Dijkstra search runs, where entering qubit q costs w(q) = β^{fill(q)} (fill = number of other chains on q).
 * The searches advance in lockstep and stop once no unexplored qubit can beat the best root found, the
 * root minimising w(q) + Σ_u max(0, d_u(q) − w(q)) (ties broken at random). The chain is grown from the root
 * as a Steiner tree (minorminer's construct_chain_steiner), nearest neighbour first: the neighbour chain nearest
 * to the tree so far is attached by its search's shortest path from the tree node nearest to it. While overlaps
 * remain, the tail of each path beyond the last node another path starts from is handed to the neighbour it
 * leads to (minorminer's flip_back with target chain size 0), which lets chains stretch toward each other.
 *
 * A try places all variables in priority-first order (minorminer's VARORDER_PFS: next the variable with the
 * most placed neighbours) from a random start, then tears out and replaces every chain in random order, round
 * after round, until no qubit is shared (success) or `max_no_improvement` rounds pass without improving (max
 * fill, qubits at max fill, shared qubits, total chain size). While rounds bring no improvement the penalty base
 * doubles, β = min(max_beta, D·2^stale) with D the target's diameter (estimated by a double BFS sweep).
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

/** At most this many chain-length refinement rounds per success (they normally stop by patience well before). */
const MAX_REFINE_ROUNDS = 100;

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
  /** Path tails go to the neighbours they lead to: all of them (overlap phase), balancing, or none. */
  flipBack: 'all' | 'balance' | 'none' = 'none';
  /** Root search stops this far (in distance) beyond the first root candidate. */
  slack = Number.POSITIVE_INFINITY;

  private readonly mark: Float64Array;
  private markStamp = 0;
  private readonly varCount: Int32Array;

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
    this.mark = new Float64Array(this.N);
    this.varCount = new Int32Array(this.n);
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
    let firstKey = Number.POSITIVE_INFINITY;
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
      if (sk < 0 || key > best || key > firstKey + this.slack) break;
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
        if (root < 0) firstKey = key;
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
    const { chain, segments, starts } = this.steiner(root, K, stamp);
    if (this.flipBack === 'none') {
      this.setChain(v, Int32Array.from(chain));
      return true;
    }
    // flip back (minorminer's flip_back): the tail of each path beyond the last node another path starts from
    // goes to the neighbour it leads to — all of it while chains overlap (target chain size 0), else only while
    // that neighbour stays shorter than this chain
    const give = new Set<number>();
    let size = chain.length;
    for (let k = 0; k < K; k++) {
      const seg = segments[k]!;
      let j = -1;
      for (let i = 0; i < seg.length; i++) if (starts.has(seg[i]!)) j = i;
      const u = nbrs[k]!;
      const tail: number[] = [];
      for (let i = seg.length - 1; i > j; i--) {
        if (this.flipBack === 'balance' && this.chains[u]!.length + tail.length + 1 >= size) break;
        tail.push(seg[i]!);
        size--;
      }
      if (!tail.length) continue;
      for (const q of tail) give.add(q);
      this.setChain(u, Int32Array.from([...this.chains[u]!, ...tail]));
    }
    this.setChain(v, Int32Array.from(chain.filter((q) => !give.has(q))));
    return true;
  }

  /**
   * Drops leaf qubits of v's chain that are needed neither for connectivity nor for a coupler to a neighbour
   * chain (`skip`: a neighbour whose coupler is not needed).A qubit shared with a neighbour chain counts as a link to it.
   * Returns the number of qubits dropped.
   */
  prune(v: number, skip = -1): number {
    const chain = this.chains[v]!;
    if (chain.length <= 1) return 0;
    const { rowPtr, adj } = this.t;
    const inChain = this.mark;
    const cs = ++this.markStamp;
    for (const q of chain) inChain[q] = cs;
    // links: for each qubit of the chain, the neighbour chains it touches (once per coupler or shared qubit)
    const links = new Map<number, number[]>();
    const link = (q: number, w: number) => {
      const l = links.get(q);
      if (l) l.push(w);
      else links.set(q, [w]);
    };
    const touch = this.varCount;
    for (const w of this.adjS[v]!) {
      touch[w] = 0;
      if (w === skip) continue;
      for (const p of this.chains[w]!) {
        if (inChain[p] === cs) {
          link(p, w);
          touch[w]!++;
        }
        for (let i = rowPtr[p]!; i < rowPtr[p + 1]!; i++)
          if (inChain[adj[i]!] === cs) {
            link(adj[i]!, w);
            touch[w]!++;
          }
      }
    }
    const deg = this.count;
    for (const q of chain) {
      let d = 0;
      for (let i = rowPtr[q]!; i < rowPtr[q + 1]!; i++) if (inChain[adj[i]!] === cs) d++;
      deg[q] = d;
    }
    const stack: number[] = [];
    for (const q of chain) if (deg[q]! <= 1) stack.push(q);
    let size = chain.length;
    let dropped = 0;
    while (stack.length && size > 1) {
      const q = stack.pop()!;
      if (inChain[q] !== cs || deg[q]! > 1) continue;
      const touched = links.get(q) ?? [];
      let needed = false;
      for (const w of touched) if (touch[w]! <= touched.filter((x) => x === w).length) needed = true;
      if (needed) continue;
      inChain[q] = 0;
      size--;
      dropped++;
      for (const w of touched) touch[w]!--;
      for (let i = rowPtr[q]!; i < rowPtr[q + 1]!; i++) {
        const p = adj[i]!;
        if (inChain[p] === cs && --deg[p]! <= 1) stack.push(p);
      }
    }
    if (dropped)
      this.setChain(
        v,
        chain.filter((q) => inChain[q] === cs),
      );
    return dropped;
  }

  /**
   * Chain-length refinement step for v (no shared qubits): neighbours give up the qubits that only serve to
   * reach v (minorminer's steal_all), v is re-placed on free qubits with balancing flip back, and v and its
   * neighbours are pruned. Kept when neither the total size nor the longest chain among them grows.
   */
  refine(v: number): boolean {
    const A = [v, ...this.adjS[v]!];
    const saved = A.map((w) => this.chains[w]!);
    let oldSum = 0;
    let oldMax = 0;
    for (const c of saved) {
      oldSum += c.length;
      oldMax = Math.max(oldMax, c.length);
    }
    for (const w of this.adjS[v]!) this.prune(w, v);
    this.flipBack = 'balance';
    const ok = this.place(v, 1);
    this.flipBack = 'none';
    if (ok) {
      this.prune(v);
      for (const w of this.adjS[v]!) this.prune(w);
      let sum = 0;
      let max = 0;
      for (const w of A) {
        sum += this.chains[w]!.length;
        max = Math.max(max, this.chains[w]!.length);
      }
      if (max <= oldMax && sum <= oldSum) return sum < oldSum || max < oldMax;
    }
    A.forEach((w, i) => this.setChain(w, saved[i]!));
    return false;
  }

  /**
   * Steiner construction, nearest neighbour first: from the root, repeatedly attach the neighbour chain nearest
   * to the tree built so far, by the shortest path (of that neighbour's search) from the tree node nearest to it.
   */
  private steiner(
    root: number,
    K: number,
    stamp: number,
  ): { chain: number[]; segments: number[][]; starts: Set<number> } {
    const rng = this.rng;
    const chain: number[] = [root];
    const inChain = this.mark;
    const cstamp = ++this.markStamp;
    inChain[root] = cstamp;
    const segments: number[][] = [];
    const starts = new Set<number>([root]);
    const nearD = new Float64Array(K);
    const nearQ = new Int32Array(K);
    for (let k = 0; k < K; k++) {
      nearD[k] = this.searches[k]!.dist[root]!;
      nearQ[k] = root;
    }
    const left = Array.from({ length: K }, (_, k) => k);
    rng.shuffle(left);
    while (left.length) {
      let bi = 0;
      for (let i = 1; i < left.length; i++) if (nearD[left[i]!]! < nearD[left[bi]!]!) bi = i;
      const k = left[bi]!;
      left.splice(bi, 1);
      const s = this.searches[k]!;
      let q = nearQ[k]!;
      starts.add(q);
      const seg: number[] = [];
      while (q >= 0 && s.dist[q]! > 0) {
        if (inChain[q] !== cstamp) {
          inChain[q] = cstamp;
          chain.push(q);
          seg.push(q);
          for (const j of left) {
            const sj = this.searches[j]!;
            if (sj.done[q] === stamp && sj.dist[q]! < nearD[j]!) {
              nearD[j] = sj.dist[q]!;
              nearQ[j] = q;
            }
          }
        }
        q = s.parent[q]!;
      }
      segments[k] = seg;
    }
    return { chain, segments, starts };
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
  const heap = new Heap();
  for (let r = 0; r < n; r++) {
    const s = byRank[r]!;
    if (seen[s]) continue;
    heap.push(rank[s]! / n, s);
    while (heap.size) {
      const v = heap.pop();
      if (seen[v]) continue;
      seen[v] = 1;
      order.push(v);
      for (const u of adjS[v]!)
        if (!seen[u]) {
          placedNbrs[u]!++;
          heap.push(-placedNbrs[u]! + rank[u]! / n, u);
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
    const order = pfsOrder(adjS, rng);
    e.flipBack = 'all';
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
    e.slack = 0;
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
