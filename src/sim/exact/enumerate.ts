/**
 * Exhaustive enumeration of a SPIN model's states by Gray code with incremental energies.
 *
 * State encoding: bit v of the state index is variable v (compiled order); a set bit is σ_v = +1, a clear
 * bit σ_v = −1. A chunk fixes the high `n − m` bits to `prefix` and walks the low m bits in Gray-code order,
 * so each step flips one spin k and costs O(deg k): ΔE = −2σ_k f_k with local fields f_i = h_i + Σ_j J_ij σ_j.
 * Fields and energy are recomputed from scratch every {@link RESYNC} steps so rounding drift stays ≪ the
 * energy tolerance of cli.md (1e-9 relative).
 *
 * A chunk returns: the lowest `levels` distinct energy levels with their degeneracies, up to `maxGroundStates`
 * ground states, and the `keepStates` lowest states (for sample sets). Chunks merge with {@link mergeChunks}.
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';

const RESYNC = 4096;

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

export function enumerateChunk(model: CompiledModel, req: ChunkRequest): ChunkResult {
  const { n, rowPtr, colIdx, weights } = model;
  const m = req.lowBits;
  const base = req.prefix * 2 ** m;
  const spins = new Int8Array(n);
  const fields = new Float64Array(n);
  let energy = 0;

  const resync = (state: number): void => {
    energy = stateEnergy(model, state, spins);
    for (let i = 0; i < n; i++) {
      let f = model.linear[i]!;
      for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) f += weights[p]! * spins[colIdx[p]!]!;
      fields[i] = f;
    }
  };

  // levels: sorted ascending, at most L
  const L = Math.max(1, req.levels);
  const levelE: number[] = [];
  const levelC: number[] = [];
  const ground: number[] = [];
  // keepStates lowest: max-heap on energy
  const K = req.keepStates;
  const heapE = new Float64Array(K);
  const heapS = new Float64Array(K);
  let heapSize = 0;

  const total = 2 ** m;
  let gray = 0;
  resync(base);
  for (let i = 0; i < total; i++) {
    if (i > 0) {
      const k = 31 - Math.clz32(i & -i);
      const sk = -spins[k]!;
      spins[k] = sk;
      energy += 2 * sk * fields[k]!;
      const d = 2 * sk;
      for (let p = rowPtr[k]!; p < rowPtr[k + 1]!; p++) fields[colIdx[p]!]! += d * weights[p]!;
      gray ^= 1 << k;
      if ((i & (RESYNC - 1)) === 0) resync(base + (gray >>> 0));
    }
    const e = energy;
    // distinct levels
    const full = levelE.length >= L;
    if (!full || e <= levelE[levelE.length - 1]! + 1e-9 * Math.max(1, Math.abs(levelE[levelE.length - 1]!))) {
      let j = 0;
      while (j < levelE.length && levelE[j]! < e && !energiesEqual(levelE[j]!, e)) j++;
      if (j < levelE.length && energiesEqual(levelE[j]!, e)) {
        levelC[j]!++;
        if (j === 0 && ground.length < req.maxGroundStates) ground.push(base + (gray >>> 0));
      } else if (j < L) {
        levelE.splice(j, 0, e);
        levelC.splice(j, 0, 1);
        if (levelE.length > L) {
          levelE.pop();
          levelC.pop();
        }
        if (j === 0) {
          ground.length = 0;
          if (req.maxGroundStates > 0) ground.push(base + (gray >>> 0));
        }
      }
    }
    // K lowest states
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
        heapS[c] = base + (gray >>> 0);
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
        heapS[c] = base + (gray >>> 0);
      }
    }
  }
  return {
    levelEnergies: levelE,
    levelCounts: levelC,
    groundStates: ground,
    lowStates: Array.from(heapS.subarray(0, heapSize)),
    lowEnergies: Array.from(heapE.subarray(0, heapSize)),
    visited: total,
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
