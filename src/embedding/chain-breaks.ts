/**
 * Chain-break resolution, as dwave-system's dwave/embedding/chain_breaks.py. Samples are row-major Int8Array
 * (numRows × numCols) in one vartype (±1 SPIN or 0/1 BINARY); chains are lists of column indices. Each method
 * returns one value per chain and row, and the indices of the rows it keeps.
 *
 * A chain is broken in a row when its qubits do not all agree (dwave's `all(==1) XOR any(==1)`).
 */

import type { BinaryQuadraticModel, Vartype } from '../hamiltonian/bqm.js';

/** The random source weighted_random draws from (sim/rng.ts's Rng satisfies it). */
export interface RandomSource {
  /** Uniform integer in [0, n). */
  nextInt(n: number): number;
}

export type ChainBreakMethodName = 'majority_vote' | 'discard' | 'weighted_random' | 'minimize_energy';

export const CHAIN_BREAK_METHODS: readonly ChainBreakMethodName[] = [
  'majority_vote',
  'discard',
  'weighted_random',
  'minimize_energy',
];

export interface ChainBreakResult {
  /** keptRows × numChains values in the samples' vartype. */
  samples: Int8Array;
  /** Indices of the input rows kept (all rows except for `discard`). */
  rows: Int32Array;
}

/** numRows × numChains flags: 1 where the chain is broken in that row. */
export function brokenChains(samples: Int8Array, numCols: number, chains: readonly Int32Array[]): Uint8Array {
  const rows = numCols === 0 ? 0 : samples.length / numCols;
  const nc = chains.length;
  const out = new Uint8Array(rows * nc);
  for (let c = 0; c < nc; c++) {
    const chain = chains[c]!;
    if (chain.length <= 1) continue;
    for (let r = 0; r < rows; r++) {
      const base = r * numCols;
      const first = samples[base + chain[0]!]! === 1;
      for (let k = 1; k < chain.length; k++)
        if ((samples[base + chain[k]!]! === 1) !== first) {
          out[r * nc + c] = 1;
          break;
        }
    }
  }
  return out;
}

/** Fraction of broken chains per row (0 when there are no chains). */
export function chainBreakFraction(
  samples: Int8Array,
  numCols: number,
  chains: readonly Int32Array[],
): Float64Array {
  const broken = brokenChains(samples, numCols, chains);
  const nc = chains.length;
  const rows = numCols === 0 ? 0 : samples.length / numCols;
  const out = new Float64Array(rows);
  if (nc === 0) return out;
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let c = 0; c < nc; c++) s += broken[r * nc + c]!;
    out[r] = s / nc;
  }
  return out;
}

function allRows(rows: number): Int32Array {
  return Int32Array.from({ length: rows }, (_, i) => i);
}

/** Majority vote: SPIN sign of the chain sum with ties → +1; BINARY sum ≥ len/2 with ties → 1. */
export function majorityVote(
  samples: Int8Array,
  numCols: number,
  chains: readonly Int32Array[],
  vartype: Vartype,
): ChainBreakResult {
  const rows = numCols === 0 ? 0 : samples.length / numCols;
  const nc = chains.length;
  const out = new Int8Array(rows * nc);
  for (let r = 0; r < rows; r++) {
    const base = r * numCols;
    for (let c = 0; c < nc; c++) {
      const chain = chains[c]!;
      let s = 0;
      for (let k = 0; k < chain.length; k++) s += samples[base + chain[k]!]!;
      out[r * nc + c] = vartype === 'SPIN' ? (s >= 0 ? 1 : -1) : s >= chain.length / 2 ? 1 : 0;
    }
  }
  return { samples: out, rows: allRows(rows) };
}

/** Discard: keeps only rows without broken chains; each chain takes the value of its first qubit. */
export function discard(
  samples: Int8Array,
  numCols: number,
  chains: readonly Int32Array[],
): ChainBreakResult {
  const rows = numCols === 0 ? 0 : samples.length / numCols;
  const nc = chains.length;
  const broken = brokenChains(samples, numCols, chains);
  const kept: number[] = [];
  for (let r = 0; r < rows; r++) {
    let ok = true;
    for (let c = 0; c < nc && ok; c++) if (broken[r * nc + c]) ok = false;
    if (ok) kept.push(r);
  }
  const out = new Int8Array(kept.length * nc);
  kept.forEach((r, k) => {
    for (let c = 0; c < nc; c++) out[k * nc + c] = samples[r * numCols + chains[c]![0]!]!;
  });
  return { samples: out, rows: Int32Array.from(kept) };
}

/**
 * Weighted random: one qubit drawn uniformly per chain, once for all rows, supplies the chain's value (so a
 * broken chain takes each value with probability equal to its share of the chain).
 */
export function weightedRandom(
  samples: Int8Array,
  numCols: number,
  chains: readonly Int32Array[],
  rng: RandomSource,
): ChainBreakResult {
  const rows = numCols === 0 ? 0 : samples.length / numCols;
  const nc = chains.length;
  const pick = chains.map((chain) => chain[rng.nextInt(chain.length)]!);
  const out = new Int8Array(rows * nc);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < nc; c++) out[r * nc + c] = samples[r * numCols + pick[c]!]!;
  return { samples: out, rows: allRows(rows) };
}

/**
 * Minimize energy (dwave-system's MinimizeEnergy): unbroken chains take their value; broken chains are set
 * greedily, largest |local field| first, each to the value that lowers the energy given the chains already
 * set (field > 0 → −1 / 0, otherwise +1 / 1). `bqm` is the source model in the samples' vartype whose
 * variable i owns chain i.
 */
export function minimizeEnergy(
  samples: Int8Array,
  numCols: number,
  chains: readonly Int32Array[],
  bqm: BinaryQuadraticModel,
): ChainBreakResult {
  const rows = numCols === 0 ? 0 : samples.length / numCols;
  const nc = chains.length;
  const zero = bqm.vartype === 'SPIN' ? -1 : 0;
  const out = new Int8Array(rows * nc);
  const broken = brokenChains(samples, numCols, chains);
  const value = new Int8Array(nc);
  const field = new Float64Array(nc);
  for (let r = 0; r < rows; r++) {
    const pending: number[] = [];
    for (let c = 0; c < nc; c++) {
      if (broken[r * nc + c]) {
        value[c] = 0;
        pending.push(c);
      } else value[c] = samples[r * numCols + chains[c]![0]!]!;
    }
    for (const c of pending) {
      let e = bqm.linearAt(c);
      for (const [j, b] of bqm.neighborsAt(c)) e += value[j]! * b;
      field[c] = e;
    }
    // dwave orders its heap by (−|e|, e, chain index)
    while (pending.length) {
      let best = 0;
      for (let k = 1; k < pending.length; k++) {
        const a = pending[k]!;
        const b = pending[best]!;
        const ka = -Math.abs(field[a]!);
        const kb = -Math.abs(field[b]!);
        if (ka < kb || (ka === kb && (field[a]! < field[b]! || (field[a] === field[b] && a < b)))) best = k;
      }
      const c = pending[best]!;
      pending.splice(best, 1);
      const v = field[c]! > 0 ? zero : 1;
      value[c] = v;
      for (const k of pending) {
        const b = bqm.neighborsAt(c).get(k);
        if (b !== undefined) field[k]! += v * b;
      }
    }
    out.set(value, r * nc);
  }
  return { samples: out, rows: allRows(rows) };
}
