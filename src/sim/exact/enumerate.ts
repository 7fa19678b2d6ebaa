/**
 * Exhaustive enumeration of a SPIN model's states by Gray code with incremental energies.
 *
 * State encoding: bit v of the state index is variable v (compiled order); a set bit is σ_v = +1, a clear
 * bit σ_v = −1. A chunk fixes the high `n − m` bits to `prefix` and walks the low m bits in Gray-code order,
 * so each step flips one spin; {@link enumerateChunk} makes that step O(1) with a tabulated inner block.
 *
 * A chunk returns: the lowest `levels` distinct energy levels with their degeneracies, up to `maxGroundStates`
 * ground states, and the `keepStates` lowest states (for sample sets). Chunks merge with {@link mergeChunks}.
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';

/** Energies are equal when |E1 − E2| ≤ 1e-9 · max(1, |E1|) (cli.md). */
export function energiesEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
}

export interface ChunkRequest {
  /** Number of low bits enumerated in this chunk (m ≤ 30). */
  lowBits: number;
  /** Value of the high n − m bits. */
  prefix: number;
  /** Distinct lowest levels to keep. */
  levels: number;
  /** Ground states to list (the degeneracy is counted exactly regardless). */
  maxGroundStates: number;
  /** Lowest states to keep for a sample set (0 = none). */
  keepStates: number;
}

export interface ChunkResult {
  /** Lowest distinct levels, ascending. */
  levelEnergies: number[];
  levelCounts: number[];
  /** Ground-level states found in this chunk (indices), at most maxGroundStates. */
  groundStates: number[];
  /** The keepStates lowest states, unordered. */
  lowStates: number[];
  lowEnergies: number[];
  visited: number;
}

/** Energy of a state index directly (O(n + m)). */
export function stateEnergy(model: CompiledModel, state: number, spins = new Int8Array(model.n)): number {
  setSpins(model.n, state, spins);
  let e = model.offset;
  for (let i = 0; i < model.n; i++) e += model.linear[i]! * spins[i]!;
  for (let k = 0; k < model.edgeW.length; k++)
    e += model.edgeW[k]! * spins[model.edgeU[k]!]! * spins[model.edgeV[k]!]!;
  return e;
}

/** Writes σ_v = ±1 for every bit v of a state index (states up to 2^52). */
export function setSpins(n: number, state: number, spins: Int8Array): void {
  const lo = state % 0x100000000;
  const hi = Math.floor(state / 0x100000000);
  for (let v = 0; v < n; v++) {
    const bit = v < 32 ? (lo >>> v) & 1 : (hi >>> (v - 32)) & 1;
    spins[v] = bit ? 1 : -1;
  }
}

/** Inner block size: 2^INNER_BITS energies of the low variables are tabulated once per chunk. */
const INNER_BITS = 14;

/**
 * Walks the 2^m states of one chunk. The low b = min(m, 14) variables are the *inner* block: their own energy
 * E_L(σ_L) (linear + couplings inside the block) is tabulated once for all 2^b configurations. For each
 * configuration of the other variables (outer; the middle bits are walked in Gray order), the energy splits as
 * E = E_O(σ_O) + E_L(σ_L) + Σ_{k∈L} σ_k g_k with g_k = Σ_{j∈O} J_kj σ_j, and the last term moves by 2σ_k g_k when
 * the inner Gray walk flips σ_k — O(1) work per state whatever the density. E_O and g are recomputed from
 * scratch for every outer configuration (O(nnz) per 2^b states), so rounding never accumulates beyond one
 * inner walk.
 */
export function enumerateChunk(model: CompiledModel, req: ChunkRequest): ChunkResult {
  const { n, rowPtr, colIdx, weights, linear } = model;
  const m = req.lowBits;
  const b = Math.min(m, INNER_BITS);
  const innerSize = 2 ** b;
  const middleBits = m - b;
  const base = req.prefix * 2 ** m;

  // --- inner table E_L[g] over the 2^b inner configurations (bit set = +1) ---
  const innerTable = new Float64Array(innerSize);
  {
    const sp = new Int8Array(b).fill(-1);
    const f = new Float64Array(b);
    let e = 0;
    for (let i = 0; i < b; i++) {
      e -= linear[i]!;
      let fi = linear[i]!;
      for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) {
        const j = colIdx[p]!;
        if (j < b) {
          fi -= weights[p]!;
          if (j > i) e += weights[p]!;
        }
      }
      f[i] = fi;
    }
    let g = 0;
    innerTable[0] = e;
    for (let i = 1; i < innerSize; i++) {
      const k = 31 - Math.clz32(i & -i);
      const s = -sp[k]!;
      sp[k] = s;
      e += 2 * s * f[k]!;
      for (let p = rowPtr[k]!; p < rowPtr[k + 1]!; p++) {
        const j = colIdx[p]!;
        if (j < b) f[j]! += 2 * s * weights[p]!;
      }
      g ^= 1 << k;
      innerTable[g] = e;
    }
  }

  // --- bookkeeping for levels, ground states and the K lowest states ---
  const L = Math.max(1, req.levels);
  const levelE: number[] = [];
  const levelC: number[] = [];
  const ground: number[] = [];
  const K = req.keepStates;
  const heapE = new Float64Array(K);
  const heapS = new Float64Array(K);
  let heapSize = 0;
  let thresh = Number.POSITIVE_INFINITY;
  const updateThreshold = (): void => {
    const lt =
      levelE.length < L
        ? Number.POSITIVE_INFINITY
        : levelE[L - 1]! + 1e-9 * Math.max(1, Math.abs(levelE[L - 1]!));
    const ht = K === 0 ? Number.NEGATIVE_INFINITY : heapSize < K ? Number.POSITIVE_INFINITY : heapE[0]!;
    thresh = Math.max(lt, ht);
  };
  const record = (e: number, state: number): void => {
    let j = 0;
    while (j < levelE.length && levelE[j]! < e && !energiesEqual(levelE[j]!, e)) j++;
    if (j < levelE.length && energiesEqual(levelE[j]!, e)) {
      levelC[j]!++;
      if (j === 0 && ground.length < req.maxGroundStates) ground.push(state);
    } else if (j < L) {
      levelE.splice(j, 0, e);
      levelC.splice(j, 0, 1);
      if (levelE.length > L) {
        levelE.pop();
        levelC.pop();
      }
      if (j === 0) {
        ground.length = 0;
        if (req.maxGroundStates > 0) ground.push(state);
      }
    }
    if (K > 0) {
      if (heapSize < K) {
        let c = heapSize++;
        while (c > 0) {
          const p = (c - 1) >> 1;
          if (heapE[p]! >= e) break;
          heapE[c] = heapE[p]!;
          heapS[c] = heapS[p]!;
          c = p;
        }
        heapE[c] = e;
        heapS[c] = state;
      } else if (e < heapE[0]!) {
        let c = 0;
        for (;;) {
          const l = 2 * c + 1;
          if (l >= K) break;
          const r = l + 1;
          const big = r < K && heapE[r]! > heapE[l]! ? r : l;
          if (heapE[big]! <= e) break;
          heapE[c] = heapE[big]!;
          heapS[c] = heapS[big]!;
          c = big;
        }
        heapE[c] = e;
        heapS[c] = state;
      }
    }
    updateThreshold();
  };
  updateThreshold();

  // --- outer walk over the middle bits (Gray order); inner walk per outer configuration ---
  const outerSpins = new Int8Array(n);
  const gIn = new Float64Array(b);
  const sp = new Int8Array(b);
  const middleTotal = 2 ** middleBits;
  let middleGray = 0;
  for (let o = 0; o < middleTotal; o++) {
    if (o > 0) middleGray ^= 1 << (31 - Math.clz32(o & -o));
    const outerBase = base + (middleGray >>> 0) * innerSize;
    setSpins(n, outerBase, outerSpins);
    // E_O and the couplings from outer to inner variables
    let eO = model.offset;
    for (let i = b; i < n; i++) {
      const si = outerSpins[i]!;
      eO += linear[i]! * si;
      for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) {
        const j = colIdx[p]!;
        if (j > i) eO += weights[p]! * si * outerSpins[j]!;
      }
    }
    let cross = 0;
    for (let k = 0; k < b; k++) {
      let gk = 0;
      for (let p = rowPtr[k]!; p < rowPtr[k + 1]!; p++) {
        const j = colIdx[p]!;
        if (j >= b) gk += weights[p]! * outerSpins[j]!;
      }
      gIn[k] = gk;
      sp[k] = -1;
      cross -= gk;
    }
    let g = 0;
    let e = eO + innerTable[0]! + cross;
    if (e <= thresh) record(e, outerBase);
    for (let i = 1; i < innerSize; i++) {
      const k = 31 - Math.clz32(i & -i);
      const s = -sp[k]!;
      sp[k] = s;
      cross += 2 * s * gIn[k]!;
      g ^= 1 << k;
      e = eO + innerTable[g]! + cross;
      if (e <= thresh) record(e, outerBase + (g >>> 0));
    }
  }
  return {
    levelEnergies: levelE,
    levelCounts: levelC,
    groundStates: ground,
    lowStates: Array.from(heapS.subarray(0, heapSize)),
    lowEnergies: Array.from(heapE.subarray(0, heapSize)),
    visited: 2 ** m,
  };
}

export interface EnumerationSummary {
  levelEnergies: number[];
  levelCounts: number[];
  groundStates: number[];
  /** Lowest states sorted by energy then index. */
  lowStates: number[];
  lowEnergies: number[];
  visited: number;
}

/** Merges chunk results (levels by the energy tolerance, ground lists, lowest states). */
export function mergeChunks(
  chunks: readonly ChunkResult[],
  levels: number,
  maxGroundStates: number,
  keepStates: number,
): EnumerationSummary {
  const lv: Array<[number, number]> = [];
  for (const c of chunks) c.levelEnergies.forEach((e, k) => lv.push([e, c.levelCounts[k]!]));
  lv.sort((a, b) => a[0] - b[0]);
  const levelEnergies: number[] = [];
  const levelCounts: number[] = [];
  for (const [e, c] of lv) {
    const last = levelEnergies.length - 1;
    if (last >= 0 && energiesEqual(levelEnergies[last]!, e)) levelCounts[last]! += c;
    else {
      levelEnergies.push(e);
      levelCounts.push(c);
    }
  }
  // A chunk's levels are exact only up to its own L-th level; levels above the global L-th are dropped.
  levelEnergies.length = Math.min(levelEnergies.length, levels);
  levelCounts.length = levelEnergies.length;
  const g0 = levelEnergies[0]!;
  const groundStates: number[] = [];
  for (const c of chunks)
    if (c.levelEnergies.length > 0 && energiesEqual(c.levelEnergies[0]!, g0))
      for (const s of c.groundStates) if (groundStates.length < maxGroundStates) groundStates.push(s);
  groundStates.sort((a, b) => a - b);
  const low: Array<[number, number]> = [];
  for (const c of chunks) c.lowStates.forEach((s, k) => low.push([c.lowEnergies[k]!, s]));
  low.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  low.length = Math.min(low.length, keepStates);
  return {
    levelEnergies,
    levelCounts,
    groundStates,
    lowStates: low.map((x) => x[1]),
    lowEnergies: low.map((x) => x[0]),
    visited: chunks.reduce((s, c) => s + c.visited, 0),
  };
}
