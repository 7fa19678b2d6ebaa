/**
 * Clique embeddings from nested ells on the bus grid (./bus-grid.ts), after Boothby, King & Roy, "Fast clique
 * minor generation in Chimera qubit connectivity graphs" (arXiv:1507.04774), generalised to every corner choice
 * as minorminer's busclique does; this is our own implementation.
 *
 * A clique of width W lives in a W×W square of cells and is a sequence of rectangles R_0 … R_{W−1}, R_j of
 * j + 1 rows and W − j columns, each R_{j+1} being R_j with one row added (above or below) and one column
 * dropped (left or right). R_j carries a *bundle* of ells: chains made of one vertical line along the column
 * that R_{j+1} drops, over all rows of R_j, and one horizontal line along the row R_j added (R_0: its only row),
 * over all columns of R_j; the two meet in the corner cell. Each row and each column of the square is used by
 * exactly one bundle, so chains never share a qubit, and the horizontal of bundle i crosses the vertical of
 * every later bundle j (R_j has the rows of R_i, R_i the columns of R_j), so every two chains are coupled; two
 * chains of one bundle meet in its corner cell. A bundle holds as many chains as a matching of its complete
 * vertical tracks to its complete horizontal tracks through the corner cell's couplers allows (the smaller
 * count where the cell is complete).
 *
 * A dynamic programme over (layer j, top row, first remaining column) maximises the number of chains for a
 * width, optionally counting only bundles whose chains have at most L qubits. `nestedEllSolutions` runs it for
 * every width and, where chain lengths depend on the window's alignment (Pegasus), for every useful bound L.
 */

import type { Topology } from '../../topology/topology.js';
import type { BusGrid } from './bus-grid.js';

/**
 * Lookup tables of a bus grid (G cells a side, T ≤ 8 tracks per line), span-major so that the programme reads
 * them in order: vm[((h − 1)·G + r)·G + c] = the tracks (bit k = track k) of column c whose line is complete
 * over rows r … r + h − 1; hm[((w − 1)·G + r)·G + x] = the tracks of row r complete over columns x … x + w − 1.
 * vl, hl: the qubits on those runs (uniform grids only: every track of a line changes qubit at the same cells,
 * as on Chimera and Pegasus, not Zephyr).
 */
interface EllTables {
  grid: BusGrid;
  G: number;
  vm: Uint8Array;
  hm: Uint8Array;
  vl: Uint8Array | undefined;
  hl: Uint8Array | undefined;
  /** cellAdj[cell·T + kv]: horizontal tracks coupled to vertical track kv in the cell (row·G + column). */
  cellAdj: Uint8Array;
  /** Every cell: each vertical track present couples to each horizontal one. */
  allFull: boolean;
  cellFull: Uint8Array;
}

const POP = Uint8Array.from({ length: 256 }, (_, m) => {
  let c = 0;
  for (let x = m; x; x &= x - 1) c++;
  return c;
});

/**
 * Span-major masks and run lengths of the lines of one orientation (see EllTables): index
 * ((span − 1)·G + start)·G + line (`startMajor`, vertical lines) or ((span − 1)·G + line)·G + start.
 */
function lineTables(
  lines: Int32Array,
  G: number,
  T: number,
  topo: Topology,
  startMajor: boolean,
): { masks: Uint8Array; lengths: Uint8Array | undefined } {
  const masks = new Uint8Array(G * G * G);
  const lengths = new Uint8Array(G * G * G);
  let uniform = true;
  const present = new Uint8Array(G);
  const join = new Uint8Array(G); // bit k: fragments x − 1 and x of track k are one qubit or coupled
  const starts = new Int32Array(G); // qubits starting in cells 0…x (uniform lines)
  for (let a = 0; a < G; a++) {
    present.fill(0);
    join.fill(0);
    let count = 0;
    for (let x = 0; x < G; x++) {
      let start = -1;
      for (let k = 0; k < T; k++) {
        const o = (a * T + k) * G;
        const q = lines[o + x]!;
        if (q < 0) continue;
        present[x]! |= 1 << k;
        const p = x > 0 ? lines[o + x - 1]! : -1;
        if (p === q || (p >= 0 && topo.hasEdge(p, q))) join[x]! |= 1 << k;
        const s = p === q ? 0 : 1;
        if (start < 0) start = s;
        else if (start !== s) uniform = false;
      }
      if (start !== 0) count++;
      starts[x] = count;
    }
    for (let x1 = 0; x1 < G; x1++) {
      let m = present[x1]!;
      for (let x0 = x1; x0 >= 0 && m; x0--) {
        if (x0 < x1) m &= join[x0 + 1]! & present[x0]!;
        const i = ((x1 - x0) * G + (startMajor ? x0 : a)) * G + (startMajor ? a : x0);
        masks[i] = m;
        lengths[i] = Math.min(255, 1 + starts[x1]! - starts[x0]!);
      }
    }
  }
  return { masks, lengths: uniform ? lengths : undefined };
}

function tables(grid: BusGrid, topo: Topology): EllTables {
  const { G, T, vert, horz } = grid;
  if (T > 8) throw new Error(`bus grid with ${T} tracks per line: at most 8 supported`);
  const cellAdj = new Uint8Array(G * G * T);
  const cellFull = new Uint8Array(G * G);
  let allFull = true;
  for (let r = 0; r < G; r++)
    for (let c = 0; c < G; c++) {
      const cell = r * G + c;
      let hmask = 0;
      for (let k = 0; k < T; k++) if (horz[(r * T + k) * G + c]! >= 0) hmask |= 1 << k;
      let full = 1;
      for (let kv = 0; kv < T; kv++) {
        const v = vert[(c * T + kv) * G + r]!;
        if (v < 0) continue;
        let adj = 0;
        for (let kh = 0; kh < T; kh++) {
          const h = horz[(r * T + kh) * G + c]!;
          if (h >= 0 && topo.hasEdge(v, h)) adj |= 1 << kh;
        }
        cellAdj[cell * T + kv] = adj;
        if (adj !== hmask) full = 0;
      }
      cellFull[cell] = full;
      if (!full) allFull = false;
    }
  const V = lineTables(vert, G, T, topo, true);
  const H = lineTables(horz, G, T, topo, false);
  const uniform = V.lengths !== undefined && H.lengths !== undefined;
  return {
    grid,
    G,
    vm: V.masks,
    hm: H.masks,
    vl: uniform ? V.lengths : undefined,
    hl: uniform ? H.lengths : undefined,
    cellAdj,
    allFull,
    cellFull,
  };
}

/** Maximum matching of vertical tracks `vm` to horizontal tracks `hm` through a cell's couplers. */
function matchTracks(t: EllTables, cell: number, vm: number, hm: number, pairs?: number[]): number {
  const T = t.grid.T;
  if (t.cellFull[cell]) {
    const n = Math.min(POP[vm]!, POP[hm]!);
    if (pairs)
      for (let i = 0, a = vm, b = hm; i < n; i++, a &= a - 1, b &= b - 1)
        pairs.push(31 - Math.clz32(a & -a), 31 - Math.clz32(b & -b));
    return n;
  }
  const matchH = new Int8Array(T).fill(-1);
  const augment = (kv: number, seen: { m: number }): boolean => {
    let adj = t.cellAdj[cell * T + kv]! & hm;
    while (adj) {
      const kh = 31 - Math.clz32(adj & -adj);
      adj &= adj - 1;
      if (seen.m & (1 << kh)) continue;
      seen.m |= 1 << kh;
      if (matchH[kh]! < 0 || augment(matchH[kh]!, seen)) {
        matchH[kh] = kv;
        return true;
      }
    }
    return false;
  };
  let n = 0;
  for (let kv = 0; kv < T; kv++) if (vm & (1 << kv) && augment(kv, { m: 0 })) n++;
  if (pairs) for (let kh = 0; kh < T; kh++) if (matchH[kh]! >= 0) pairs.push(matchH[kh]!, kh);
  return n;
}

/** Corner choices: bit 0 = east (vertical on the right column), bit 1 = south (horizontal on the bottom row). */
const EAST = 1;
const SOUTH = 2;

/** Reused buffers of a grid: two layers of scores, per-row bundle sizes and the corner chosen per state. */
interface Scratch {
  a: Int32Array;
  b: Int32Array;
  zero: Int32Array;
  /** Bundle values (see bundle) per window start x0 of the current row: corner NW, NE, SW, SE. */
  nw: Int32Array;
  ne: Int32Array;
  sw: Int32Array;
  se: Int32Array;
  /** choice[j·(G+1)² + r·(G+1) + c]: the corner chosen for layer j in state (r, c). */
  choice: Uint8Array;
}

function scratchFor(G: number): Scratch {
  const S = (G + 1) * (G + 1);
  const row = () => new Int32Array(G + 1);
  return {
    a: new Int32Array(S),
    b: new Int32Array(S),
    zero: new Int32Array(S),
    nw: row(),
    ne: row(),
    sw: row(),
    se: row(),
    choice: new Uint8Array(G * S),
  };
}

/** A solution's value: chains · 2^16 − qubits (uniform grids; chains · 2^16 otherwise). */
const PER_CHAIN = 65536;

/**
 * Value of the bundle with vertical mask v (run length lv) and horizontal mask h (run length lh) in `cell`:
 * its chains · 2^16 − their qubits (`qubits` false: lengths unknown, not counted); 0 when longer than `maxLength`.
 */
function bundle(
  t: EllTables,
  v: number,
  h: number,
  lv: number,
  lh: number,
  maxLength: number,
  qubits: boolean,
  cell: number,
): number {
  if (!v || !h || lv + lh > maxLength) return 0;
  const n = t.allFull || t.cellFull[cell] ? Math.min(POP[v]!, POP[h]!) : matchTracks(t, cell, v, h);
  return n * (qubits ? PER_CHAIN - lv - lh : PER_CHAIN);
}

/**
 * The programme for width W: state (r, c) of layer j = R_j's top row r and the first of the W − j − 1 columns
 * left for later layers c; R_j spans columns c − 1 … (corner on the west) or c … (east). `maxLength` (uniform
 * grids only): bundles whose chains are longer count as empty. Returns the most chains and the end state.
 */
function runDp(t: EllTables, W: number, maxLength: number, sc: Scratch): { count: number; end: number } {
  const { G, vm, hm } = t;
  const vl = t.vl ?? t.vm; // lengths only matter when bounded (uniform grids); masks stand in otherwise
  const hl = t.hl ?? t.hm;
  const L = t.vl && Number.isFinite(maxLength) ? maxLength : 1 << 20;
  const Q = t.vl !== undefined;
  const S = G + 1;
  const { nw, ne, sw, se, choice } = sc;
  let prev = sc.zero;
  let next = sc.a;
  for (let j = 0; j < W; j++) {
    const h = j + 1;
    const w = W - j;
    const co = j * S * S;
    const last = G - w; // window starts x0 ∈ [0, last]
    for (let r = 0; r + h <= G; r++) {
      const y1 = r + h - 1;
      const vo = ((h - 1) * G + r) * G;
      const hoN = ((w - 1) * G + r) * G;
      const hoS = ((w - 1) * G + y1) * G;
      for (let x0 = 0; x0 <= last; x0++) {
        const x1 = x0 + w - 1;
        const v0 = vm[vo + x0]!;
        const v1 = vm[vo + x1]!;
        const l0 = vl[vo + x0]!;
        const l1 = vl[vo + x1]!;
        const mN = hm[hoN + x0]!;
        const lN = hl[hoN + x0]!;
        nw[x0] = bundle(t, v0, mN, l0, lN, L, Q, r * G + x0);
        ne[x0] = bundle(t, v1, mN, l1, lN, L, Q, r * G + x1);
        if (j > 0) {
          const mS = hm[hoS + x0]!;
          const lS = hl[hoS + x0]!;
          sw[x0] = bundle(t, v0, mS, l0, lS, L, Q, y1 * G + x0);
          se[x0] = bundle(t, v1, mS, l1, lS, L, Q, y1 * G + x1);
        }
      }
      const pN = (j === 0 ? 0 : r + 1) * S;
      const pS = r * S;
      const o = r * S;
      for (let c = 0; c <= last + 1; c++) {
        let best = -1;
        let pick = 0;
        if (c <= last) {
          best = prev[pN + c]! + ne[c]!;
          pick = EAST;
          if (j > 0) {
            const s = prev[pS + c]! + se[c]!;
            if (s > best) {
              best = s;
              pick = EAST | SOUTH;
            }
          }
        }
        if (c > 0) {
          const s = prev[pN + c - 1]! + nw[c - 1]!;
          if (s > best) {
            best = s;
            pick = 0;
          }
          if (j > 0) {
            const s2 = prev[pS + c - 1]! + sw[c - 1]!;
            if (s2 > best) {
              best = s2;
              pick = SOUTH;
            }
          }
        }
        next[o + c] = best;
        choice[co + o + c] = pick;
      }
    }
    const written = next;
    next = prev === sc.zero ? sc.b : prev;
    prev = written;
  }
  let count = 0;
  let end = -1;
  for (let r = 0; r + W <= G; r++)
    for (let c = 0; c <= G; c++)
      if (prev[r * S + c]! > count) {
        count = prev[r * S + c]!;
        end = r * S + c;
      }
  return { count: Math.round(count / PER_CHAIN), end };
}

/** The chains of the programme's best solution for width W (run just before with the same scratch). */
function extract(t: EllTables, W: number, maxLength: number, sc: Scratch, end: number): number[][] {
  const { G, grid } = t;
  const { T, vert, horz } = grid;
  const S = G + 1;
  const bounded = t.vl && t.hl && Number.isFinite(maxLength);
  const chains: number[][] = [];
  let r = Math.floor(end / S);
  let c = end % S;
  for (let j = W - 1; j >= 0; j--) {
    const corner = sc.choice[j * S * S + r * S + c]!;
    const east = corner & EAST;
    const south = corner & SOUTH;
    const w = W - j;
    const y1 = r + j;
    const x0 = east ? c : c - 1;
    const x1 = x0 + w - 1;
    const xc = east ? x1 : x0;
    const yc = south ? y1 : r;
    const vi = (j * G + r) * G + xc;
    const hi = ((w - 1) * G + yc) * G + x0;
    const v = t.vm[vi]!;
    const hz = t.hm[hi]!;
    if (v && hz && !(bounded && t.vl![vi]! + t.hl![hi]! > maxLength)) {
      const pairs: number[] = [];
      matchTracks(t, yc * G + xc, v, hz, pairs);
      for (let i = 0; i < pairs.length; i += 2) {
        const chain: number[] = [];
        const vo = (xc * T + pairs[i]!) * G;
        for (let y = r; y <= y1; y++) if (chain[chain.length - 1] !== vert[vo + y]) chain.push(vert[vo + y]!);
        const ho = (yc * T + pairs[i + 1]!) * G;
        let last = -1;
        for (let x = x0; x <= x1; x++)
          if (horz[ho + x] !== last) {
            last = horz[ho + x]!;
            chain.push(last);
          }
        chains.push(chain);
      }
    }
    if (j > 0) {
      r = south ? r : r + 1;
      c = east ? c : c - 1;
    }
  }
  return chains.reverse();
}

/** Shortest and longest complete run (in qubits) per span of cells (uniform grids). */
function spanLengths(
  G: number,
  masks: Uint8Array,
  lengths: Uint8Array,
): { min: Int32Array; max: Int32Array } {
  const min = new Int32Array(G + 1).fill(1 << 30);
  const max = new Int32Array(G + 1);
  for (let s = 1; s <= G; s++)
    for (let i = (s - 1) * G * G; i < s * G * G; i++) {
      if (!masks[i]) continue;
      if (lengths[i]! < min[s]!) min[s] = lengths[i]!;
      if (lengths[i]! > max[s]!) max[s] = lengths[i]!;
    }
  return { min, max };
}

/**
 * Clique solutions of every width (chains as qubit labels), each passed to `consider` (the caller keeps the best
 * per size). `firstWorse(L)` is the smallest clique size whose best longest chain so far exceeds L: a pass that
 * cannot reach that size with chains of at most L qubits is skipped.
 */
export function nestedEllSolutions(
  grid: BusGrid,
  topo: Topology,
  consider: (chains: number[][]) => void,
  firstWorse: (length: number) => number,
): void {
  const t = tables(grid, topo);
  const { G, T } = grid;
  const sc = scratchFor(G);
  const V = t.vl ? spanLengths(G, t.vm, t.vl) : undefined;
  const H = t.hl ? spanLengths(G, t.hm, t.hl) : undefined;
  for (let W = 1; W <= G; W++) {
    // shortest and longest bundle chain of this width
    let lo = 1 << 30;
    let hi = 0;
    if (V && H)
      for (let j = 0; j < W; j++) {
        lo = Math.min(lo, V.min[j + 1]! + H.min[W - j]!);
        hi = Math.max(hi, V.max[j + 1]! + H.max[W - j]!);
      }
    if (V && H && T * W < firstWorse(lo)) continue;
    const free = runDp(t, W, Number.POSITIVE_INFINITY, sc);
    if (free.count === 0) continue;
    consider(extract(t, W, Number.POSITIVE_INFINITY, sc, free.end));
    if (!V || !H) continue;
    for (let L = lo; L < hi; L++) {
      // layers that can hold a bundle of chains ≤ L bound the pass's count
      let layers = 0;
      for (let j = 0; j < W; j++) if (V.min[j + 1]! + H.min[W - j]! <= L) layers++;
      if (Math.min(free.count, T * layers) < firstWorse(L)) continue;
      const res = runDp(t, W, L, sc);
      if (res.count > 0) consider(extract(t, W, L, sc, res.end));
    }
  }
}
