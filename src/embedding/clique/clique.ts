/**
 * Clique (K_n) embeddings for Chimera, Pegasus and Zephyr graphs on the bus grid (./bus-grid.ts).
 *
 * Construction (L-shaped chains on the diagonal): choose a window [lo, hi] of diagonal cells. Variable (b, kv,
 * kh), lo ≤ b ≤ hi, takes the vertical line of column b on track kv from row lo down to row b, and the
 * horizontal line of row b on track kh from column b to column hi; the two meet in cell (b, b). Two variables
 * b < b' meet in cell (b, b') (the horizontal of b crosses the vertical of b'), two variables on the same b
 * meet in (b, b), so every pair is coupled. For each b the usable tracks are those whose fragments are all
 * present and joined over the needed run (broken qubits excluded), and a maximum matching of vertical to
 * horizontal tracks through the corner couplers gives the variables of cell b. All windows and the four
 * mirror images of the grid are tried; the largest clique maximises the count, a clique of size k minimises
 * its longest chain. Chains are finally checked on the real graph (a missing coupler drops a variable).
 *
 * Chain lengths: Chimera C(m,m,t) holds K_{tm} with chains of m + 1 qubits (C16: K_64, length 17);
 * full-yield Pegasus P16 and Zephyr Z12 sizes are measured in test/embedding (docs/embedding.md).
 */

import type { Label } from '../../hamiltonian/labels.js';
import type { Topology } from '../../topology/topology.js';
import { Embedding } from '../embedding.js';
import { EmbeddingError } from '../embedding-error.js';
import { type BusGrid, busGrid, flipGrid } from './bus-grid.js';

interface Prepared {
  grid: BusGrid;
  /** Per vertical line position: first row of the joined run ending here (G when the fragment is absent). */
  vStart: Int32Array;
  /** Per horizontal line position: last column of the joined run starting here (−1 when absent). */
  hEnd: Int32Array;
  /** Prefix counts of qubit changes along each line (qubits in [a, b] = 1 + d[b] − d[a]). */
  vDiff: Int32Array;
  hDiff: Int32Array;
  /** corner[(b·T + kv)·T + kh]: the corner coupler of cell (b, b) exists. */
  corner: Uint8Array;
}

function prepare(grid: BusGrid, topo: Topology): Prepared {
  const { G, T, vert, horz } = grid;
  const vStart = new Int32Array(G * T * G);
  const hEnd = new Int32Array(G * T * G);
  const vDiff = new Int32Array(G * T * G);
  const hDiff = new Int32Array(G * T * G);
  const joined = (p: number, q: number) => p >= 0 && q >= 0 && (p === q || topo.hasEdge(p, q));
  for (let L = 0; L < G * T; L++) {
    const o = L * G;
    for (let x = 0; x < G; x++) {
      const q = vert[o + x]!;
      vStart[o + x] = q < 0 ? G : x > 0 && joined(vert[o + x - 1]!, q) ? vStart[o + x - 1]! : x;
      vDiff[o + x] = x === 0 ? 0 : vDiff[o + x - 1]! + (vert[o + x - 1] !== q ? 1 : 0);
      const h = horz[o + x]!;
      hDiff[o + x] = x === 0 ? 0 : hDiff[o + x - 1]! + (horz[o + x - 1] !== h ? 1 : 0);
    }
    for (let x = G - 1; x >= 0; x--) {
      const q = horz[o + x]!;
      hEnd[o + x] = q < 0 ? -1 : x < G - 1 && joined(q, horz[o + x + 1]!) ? hEnd[o + x + 1]! : x;
    }
  }
  const corner = new Uint8Array(G * T * T);
  for (let b = 0; b < G; b++)
    for (let kv = 0; kv < T; kv++) {
      const v = vert[(b * T + kv) * G + b]!;
      if (v < 0) continue;
      for (let kh = 0; kh < T; kh++) {
        const h = horz[(b * T + kh) * G + b]!;
        if (h >= 0 && topo.hasEdge(v, h)) corner[(b * T + kv) * T + kh] = 1;
      }
    }
  return { grid, vStart, hEnd, vDiff, hDiff, corner };
}

/** One variable of a window: diagonal cell b, vertical track kv, horizontal track kh. */
interface Slot {
  b: number;
  kv: number;
  kh: number;
}

function vLen(p: Prepared, b: number, kv: number, lo: number): number {
  const o = (b * p.grid.T + kv) * p.grid.G;
  return 1 + p.vDiff[o + b]! - p.vDiff[o + lo]!;
}

function hLen(p: Prepared, b: number, kh: number, hi: number): number {
  const o = (b * p.grid.T + kh) * p.grid.G;
  return 1 + p.hDiff[o + hi]! - p.hDiff[o + b]!;
}

/** Maximum matching of usable vertical to horizontal tracks of cell b for window [lo, hi]. */
function cellSlots(p: Prepared, b: number, lo: number, hi: number, out: Slot[]): number {
  const { G, T } = p.grid;
  const vs: number[] = [];
  const hs: number[] = [];
  for (let k = 0; k < T; k++) {
    if (p.vStart[(b * T + k) * G + b]! <= lo) vs.push(k);
    if (p.hEnd[(b * T + k) * G + b]! >= hi) hs.push(k);
  }
  if (!vs.length || !hs.length) return 0;
  const matchH = new Int32Array(T).fill(-1);
  const tryAugment = (kv: number, seen: Uint8Array): boolean => {
    for (const kh of hs) {
      if (!p.corner[(b * T + kv) * T + kh] || seen[kh]) continue;
      seen[kh] = 1;
      if (matchH[kh]! < 0 || tryAugment(matchH[kh]!, seen)) {
        matchH[kh] = kv;
        return true;
      }
    }
    return false;
  };
  let count = 0;
  for (const kv of vs) if (tryAugment(kv, new Uint8Array(T))) count++;
  for (const kh of hs) if (matchH[kh]! >= 0) out.push({ b, kv: matchH[kh]!, kh });
  return count;
}

interface Candidate {
  prep: Prepared;
  lo: number;
  hi: number;
  slots: Slot[];
  /** Chain length per slot. */
  lengths: number[];
}

function windowSlots(p: Prepared, lo: number, hi: number): Slot[] {
  const slots: Slot[] = [];
  for (let b = lo; b <= hi; b++) cellSlots(p, b, lo, hi, slots);
  return slots;
}

function slotLength(p: Prepared, s: Slot, lo: number, hi: number): number {
  return vLen(p, s.b, s.kv, lo) + hLen(p, s.b, s.kh, hi);
}

function chainOf(p: Prepared, s: Slot, lo: number, hi: number): number[] {
  const { G, T, vert, horz } = p.grid;
  const out: number[] = [];
  const vo = (s.b * T + s.kv) * G;
  for (let r = lo; r <= s.b; r++) {
    const q = vert[vo + r]!;
    if (out[out.length - 1] !== q) out.push(q);
  }
  const ho = (s.b * T + s.kh) * G;
  let last = -1;
  for (let c = s.b; c <= hi; c++) {
    const q = horz[ho + c]!;
    if (q !== last) out.push(q);
    last = q;
  }
  return out;
}

const cache = new WeakMap<Topology, Prepared[]>();

function prepared(topo: Topology): Prepared[] {
  let p = cache.get(topo);
  if (!p) {
    const g = busGrid(topo);
    p = [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ].map(([r, c]) => prepare(r || c ? flipGrid(g, r!, c!) : g, topo));
    cache.set(topo, p);
  }
  return p;
}

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

/** Every (window, orientation) with at least `minSize` variables. */
function candidates(topo: Topology, minSize: number): Candidate[] {
  const out: Candidate[] = [];
  for (const prep of prepared(topo)) {
    const G = prep.grid.G;
    for (let lo = 0; lo < G; lo++)
      for (let hi = lo; hi < G; hi++) {
        const slots = windowSlots(prep, lo, hi);
        if (slots.length < Math.max(1, minSize)) continue;
        out.push({ prep, lo, hi, slots, lengths: slots.map((s) => slotLength(prep, s, lo, hi)) });
      }
  }
  return out;
}

/** Chains of the k shortest slots of a candidate, over the trimmed window; pruned to a clique. */
function realise(c: Candidate, k: number, topo: Topology): number[][] {
  const order = c.slots.map((_, i) => i).sort((a, b) => c.lengths[a]! - c.lengths[b]! || a - b);
  const chosen = order.slice(0, k).map((i) => c.slots[i]!);
  let lo = Number.POSITIVE_INFINITY;
  let hi = -1;
  for (const s of chosen) {
    lo = Math.min(lo, s.b);
    hi = Math.max(hi, s.b);
  }
  chosen.sort((a, b) => a.b - b.b || a.kv - b.kv);
  return pruneToClique(
    chosen.map((s) => chainOf(c.prep, s, lo, hi)),
    topo,
  );
}

export interface CliqueResult {
  embedding: Embedding;
  size: number;
  maxChainLength: number;
}

const largestCache = new WeakMap<Topology, number[][]>();

function largestChains(topo: Topology): number[][] {
  const hit = largestCache.get(topo);
  if (hit) return hit;
  const cands = candidates(topo, 1);
  cands.sort(
    (a, b) =>
      b.slots.length - a.slots.length ||
      Math.max(...a.lengths) - Math.max(...b.lengths) ||
      a.hi - a.lo - (b.hi - b.lo),
  );
  let best: number[][] = [];
  for (const c of cands) {
    if (c.slots.length <= best.length) break;
    const chains = realise(c, c.slots.length, topo);
    if (chains.length > best.length) best = chains;
  }
  largestCache.set(topo, best);
  return best;
}

function toResult(chains: number[][], labels: readonly Label[]): CliqueResult {
  const embedding = Embedding.from(labels.map((l, i) => [l, chains[i]!] as const));
  return { embedding, size: labels.length, maxChainLength: embedding.maxChainLength };
}

/** The largest clique this construction finds on `topo` (labels 0…n−1). */
export function largestClique(topo: Topology): CliqueResult {
  const chains = largestChains(topo);
  return toResult(
    chains,
    chains.map((_, i) => i),
  );
}

/** Size of {@link largestClique}. */
export function largestCliqueSize(topo: Topology): number {
  return largestChains(topo).length;
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
  const cands = candidates(topo, k);
  const kth = (c: Candidate) => [...c.lengths].sort((a, b) => a - b)[k - 1]!;
  const keyed = cands.map((c) => ({ c, key: kth(c), width: c.hi - c.lo }));
  keyed.sort((a, b) => a.key - b.key || a.width - b.width);
  for (const { c } of keyed) {
    const chains = realise(c, k, topo);
    if (chains.length >= k) return toResult(chains.slice(0, k), labels);
  }
  const most = largestCliqueSize(topo);
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
