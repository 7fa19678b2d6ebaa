/**
 * The state of one heuristic embedding attempt (../find-embedding.ts): a chain of target positions per source
 * variable, the fill of every qubit (chains on it), and the moves of Cai, Macready & Roy (arXiv:1406.2741):
 * placing one variable's chain given its neighbours' chains, handing path tails back (flip back), pruning
 * and the chain-length refinement step.
 *
 * Placing v: from every placed neighbour's chain a distance field is grown, where entering qubit q costs
 * w(q) = β^fill(q). With overlaps allowed (bound ∞) each field is a full Dijkstra search and the root minimises
 * Σ_u d_u(q), where d_u(q) counts w(q) itself and is w(q) on u's own chain, as minorminer weighs roots (ties
 * at random): a root on a shared qubit pays its weight once per neighbour, not once (Cai, Macready & Roy's
 * w(q) + Σ_u max(0, d_u(q) − w(q)) let K20 in Chimera C16 jam three single-qubit chains on one hub qubit whose
 * neighbours were all taken). With shared qubits forbidden (bound 1, every free qubit costs 1) the fields are
 * breadth-first layers grown in lockstep, stopped at the first layer where some free qubit is reached by all of
 * them. The chain is a Steiner tree from the root, nearest neighbour first.
 */

import type { SeededRandom } from '../random.js';
import { IndexHeap } from './index-heap.js';
import type { TargetGraph } from './target.js';

/**
 * One neighbour's distance field: dist and parent valid where mark equals the placement's stamp (reached),
 * final where done does (settled).
 */
class DistanceField {
  readonly dist: Float64Array;
  readonly parent: Int32Array;
  readonly mark: Int32Array;
  readonly done: Int32Array;
  /** Breadth-first: reached positions in order (by layer); the next layer to expand is queue[head … size). */
  readonly queue: Int32Array;
  size = 0;
  head = 0;
  /** Dijkstra: the positions reached and not yet settled. */
  readonly heap: IndexHeap;
  constructor(N: number) {
    this.dist = new Float64Array(N);
    this.parent = new Int32Array(N);
    this.mark = new Int32Array(N);
    this.done = new Int32Array(N);
    this.queue = new Int32Array(N);
    this.heap = new IndexHeap(N);
  }
}

/** Exponent cap so that N · 2^(alpha·fill) stays a finite double. */
const MAX_EXPONENT = 960;

export class Embedder {
  readonly n: number;
  readonly N: number;
  readonly chains: Int32Array[];
  readonly usage: Int32Array;
  private readonly fields: DistanceField[] = [];
  /** Per placement: Σ_u d_u(q), fields that reached q, fields whose chain holds q. */
  private readonly sum: Float64Array;
  private readonly reached: Int32Array;
  private readonly inChains: Int32Array;
  private readonly tally: Int32Array;
  private stamp = 0;
  /** Weight of a qubit by fill (chains on it, excluding the one being placed). */
  private weightOf: Float64Array = new Float64Array(1);
  /** Path tails go to the neighbours they lead to: all of them (overlap phase), balancing, or none. */
  flipBack: 'all' | 'balance' | 'none' = 'none';

  private readonly mark: Float64Array;
  private markStamp = 0;
  private readonly varCount: Int32Array;
  /** Degrees inside a chain being pruned. */
  private readonly deg: Int32Array;

  constructor(
    readonly t: TargetGraph,
    readonly adjS: Int32Array[],
    readonly rng: SeededRandom,
    public log2Beta: number,
  ) {
    this.n = adjS.length;
    this.N = t.N;
    this.chains = Array.from({ length: this.n }, () => new Int32Array(0));
    this.usage = new Int32Array(this.N);
    this.sum = new Float64Array(this.N);
    this.reached = new Int32Array(this.N);
    this.inChains = new Int32Array(this.N);
    this.tally = new Int32Array(this.N);
    this.mark = new Float64Array(this.N);
    this.varCount = new Int32Array(this.n);
    this.deg = new Int32Array(this.N);
  }

  setChain(v: number, chain: Int32Array): void {
    for (const q of this.chains[v]!) this.usage[q]!--;
    this.chains[v] = chain;
    for (const q of chain) this.usage[q]!++;
  }

  /** Weights 2^(alpha·fill), alpha = log2 β capped so sums stay finite. */
  private prepareWeights(): void {
    let maxFill = 1;
    for (let q = 0; q < this.N; q++) if (this.usage[q]! > maxFill) maxFill = this.usage[q]!;
    const alpha = Math.min(this.log2Beta, MAX_EXPONENT / (maxFill + 1));
    const w = new Float64Array(maxFill + 2);
    for (let f = 0; f < w.length; f++) w[f] = 2 ** (alpha * f);
    this.weightOf = w;
  }

  private field(k: number): DistanceField {
    while (this.fields.length <= k) this.fields.push(new DistanceField(this.N));
    return this.fields[k]!;
  }

  /** Starts field k at the chain of u: distance 0, no parent. */
  private seed(k: number, u: number): DistanceField {
    const f = this.field(k);
    const stamp = this.stamp;
    f.size = 0;
    f.head = 0;
    for (const q of this.chains[u]!) {
      if (f.mark[q] === stamp) continue;
      f.mark[q] = stamp;
      f.done[q] = stamp;
      f.dist[q] = 0;
      f.parent[q] = -1;
      f.queue[f.size++] = q;
      this.count(q, 0);
      this.inChains[q]!++;
    }
    return f;
  }

  /** Records that one more field reached q at distance d (per-placement tallies). */
  private count(q: number, d: number): number {
    if (this.tally[q] !== this.stamp) {
      this.tally[q] = this.stamp;
      this.sum[q] = 0;
      this.reached[q] = 0;
      this.inChains[q] = 0;
    }
    this.sum[q]! += d;
    return ++this.reached[q]!;
  }

  /**
   * Dijkstra searches of the K seeded fields over qubits with fill below `bound`, weighted by fill, advanced in
   * lockstep (always the field with the smallest next distance). Each qubit settled by all K fields is offered
   * to `consider`; the searches stop once every field's next distance exceeds `best()`, since a root cost is at
   * least each of its distances.
   */
  private weightedSearches(
    K: number,
    bound: number,
    consider: (q: number) => void,
    best: () => number,
  ): void {
    const { rowPtr, adj } = this.t;
    const usage = this.usage;
    const W = this.weightOf;
    const stamp = this.stamp;
    const fields = this.fields;
    for (let k = 0; k < K; k++) {
      const f = fields[k]!;
      f.heap.reset(f.dist);
      for (let i = 0; i < f.size; i++) f.heap.push(f.queue[i]!);
    }
    // a qubit in all K chains (reached by every field at distance 0)
    for (let i = 0; i < fields[0]!.size; i++) {
      const q = fields[0]!.queue[i]!;
      if (this.reached[q] === K && usage[q]! < bound) consider(q);
    }
    for (;;) {
      // the field with the smallest next distance runs until it passes the second smallest (a whole layer of
      // equal distances at a time, so the choice is not rescanned per qubit)
      let sk = -1;
      let key = Number.POSITIVE_INFINITY;
      let key2 = Number.POSITIVE_INFINITY;
      for (let k = 0; k < K; k++) {
        const t = fields[k]!.heap.topKey();
        if (t < key) {
          key2 = key;
          key = t;
          sk = k;
        } else if (t < key2) key2 = t;
      }
      if (sk < 0 || key > best()) break;
      const f = fields[sk]!;
      const { dist, parent, mark, done, heap } = f;
      do {
        const q = heap.pop();
        done[q] = stamp;
        const d = dist[q]!;
        if (d > 0 && this.count(q, d) === K && usage[q]! < bound) consider(q);
        for (let i = rowPtr[q]!; i < rowPtr[q + 1]!; i++) {
          const p = adj[i]!;
          const fill = usage[p]!;
          if (fill >= bound) continue;
          const nd = d + W[fill]!;
          if (mark[p] !== stamp || nd < dist[p]!) {
            mark[p] = stamp;
            dist[p] = nd;
            parent[p] = q;
            heap.push(p);
          }
        }
      } while (heap.size && heap.topKey() <= key2 && heap.topKey() <= best());
    }
  }

  /**
   * Grows every field by one breadth-first layer over free qubits; returns the positions that became
   * reached by all K fields in this layer.
   */
  private bfsLayer(K: number, out: number[]): void {
    const { rowPtr, adj } = this.t;
    const usage = this.usage;
    const stamp = this.stamp;
    for (let k = 0; k < K; k++) {
      const f = this.fields[k]!;
      const { dist, parent, mark, done, queue } = f;
      const end = f.size;
      for (let h = f.head; h < end; h++) {
        const q = queue[h]!;
        const d = dist[q]! + 1;
        for (let i = rowPtr[q]!; i < rowPtr[q + 1]!; i++) {
          const p = adj[i]!;
          if (usage[p]! > 0 || mark[p] === stamp) continue;
          mark[p] = stamp;
          done[p] = stamp;
          dist[p] = d;
          parent[p] = q;
          queue[f.size++] = p;
          if (this.count(p, d) === K) out.push(p);
        }
      }
      f.head = end;
    }
  }

  /**
   * Re-places variable v given its neighbours' chains. bound ∞: any qubit, weighted by fill; bound 1: free
   * qubits only. Returns false (and keeps the old chain) when no root can be reached.
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
    this.stamp++;
    let root = -1;
    let best = Number.POSITIVE_INFINITY;
    let ties = 0;
    const consider = (q: number) => {
      const wq = W[usage[q]!]!;
      const c = this.sum[q]! + this.inChains[q]! * wq;
      if (c < best) {
        best = c;
        ties = 1;
        root = q;
      } else if (c === best && rng.nextInt(++ties) === 0) root = q;
    };
    if (bound <= 1) {
      for (let k = 0; k < K; k++) this.seed(k, nbrs[k]!);
      const found: number[] = [];
      for (;;) {
        this.bfsLayer(K, found);
        if (found.length) break;
        let growing = false;
        for (let k = 0; k < K; k++) if (this.fields[k]!.head < this.fields[k]!.size) growing = true;
        if (!growing) break;
      }
      // every candidate of the layer: the root whose Steiner tree is smallest (minorminer's find_short_chain
      // also tries several roots)
      if (found.length > 1) {
        this.rng.shuffle(found);
        let bestTree: ReturnType<Embedder['steiner']> | undefined;
        for (const q of found) {
          const tree = this.steiner(q, K);
          if (!bestTree || tree.chain.length < bestTree.chain.length) bestTree = tree;
        }
        return this.finish(v, nbrs, bestTree!);
      }
      for (const q of found) consider(q);
    } else {
      for (let k = 0; k < K; k++) this.seed(k, nbrs[k]!);
      this.weightedSearches(K, bound, consider, () => best);
    }
    if (root < 0) {
      this.setChain(v, old);
      return false;
    }
    return this.finish(v, nbrs, this.steiner(root, K));
  }

  /** Sets v's chain to the tree, handing path tails to the neighbours (flip back) as `flipBack` says. */
  private finish(v: number, nbrs: number[], tree: ReturnType<Embedder['steiner']>): boolean {
    const { chain, segments, starts } = tree;
    const K = nbrs.length;
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
   * chain (`skip`: a neighbour whose coupler is not needed). A qubit shared with a neighbour chain counts as a
   * link to it. Returns the number of qubits dropped.
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
    const deg = this.deg;
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
   * to the tree built so far, by the shortest path (of that neighbour's field) from the tree node nearest to it.
   */
  private steiner(root: number, K: number): { chain: number[]; segments: number[][]; starts: Set<number> } {
    const rng = this.rng;
    const stamp = this.stamp;
    const chain: number[] = [root];
    const inChain = this.mark;
    const cstamp = ++this.markStamp;
    inChain[root] = cstamp;
    const segments: number[][] = [];
    const starts = new Set<number>([root]);
    const nearD = new Float64Array(K);
    const nearQ = new Int32Array(K);
    for (let k = 0; k < K; k++) {
      nearD[k] = this.fields[k]!.dist[root]!;
      nearQ[k] = root;
    }
    const left = Array.from({ length: K }, (_, k) => k);
    rng.shuffle(left);
    while (left.length) {
      let bi = 0;
      for (let i = 1; i < left.length; i++) if (nearD[left[i]!]! < nearD[left[bi]!]!) bi = i;
      const k = left[bi]!;
      left.splice(bi, 1);
      const f = this.fields[k]!;
      let q = nearQ[k]!;
      starts.add(q);
      const seg: number[] = [];
      while (q >= 0 && f.dist[q]! > 0) {
        if (inChain[q] !== cstamp) {
          inChain[q] = cstamp;
          chain.push(q);
          seg.push(q);
          for (const j of left) {
            const fj = this.fields[j]!;
            if (fj.done[q] === stamp && fj.dist[q]! < nearD[j]!) {
              nearD[j] = fj.dist[q]!;
              nearQ[j] = q;
            }
          }
        }
        q = f.parent[q]!;
      }
      segments[k] = seg;
    }
    return { chain, segments, starts };
  }

  /** Largest number of chains on one qubit of v's chain (v's own included). */
  chainFill(v: number): number {
    let m = 0;
    for (const q of this.chains[v]!) m = Math.max(m, this.usage[q]!);
    return m;
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
