/**
 * Exact ground states and low spectrum of a BQM by exhaustive Gray-code enumeration (src/sim/exact/enumerate.ts),
 * split across worker threads for n > 20. Up to {@link EXACT_MAX_VARIABLES} variables; past that, a clear
 * refusal (2^n states would take too long: use sa or pimc).
 */

import { CapacityError } from '../../errors.js';
import type { BinaryQuadraticModel, Vartype } from '../../hamiltonian/bqm.js';
import { compileModel, energyOfRow } from '../../hamiltonian/compiled.js';
import type { Label } from '../../hamiltonian/labels.js';
import type { Progress } from '../sampler.js';
import { throwIfAborted } from '../sampler.js';
import { defaultThreadCount, getPool } from '../threads/pool.js';
import { type ChunkRequest, type ChunkResult, enumerateChunk, mergeChunks, setSpins } from './enumerate.js';
import type { ExactTask } from './exact-worker.js';

export const EXACT_MAX_VARIABLES = 40;
/** Below this many variables enumeration runs on the calling thread (2^20 states take ~10 ms). */
const INLINE_MAX_VARIABLES = 20;
/** Largest chunk walked by one task (2^26 states, ~0.3 s). */
const MAX_CHUNK_BITS = 26;

export interface ExactOptions {
  /** Distinct lowest levels to report (default 5). */
  levels?: number;
  /** Ground states to list (default 1000; the degeneracy is always exact). */
  maxGroundStates?: number;
  /** Lowest states to keep, e.g. for a sample set (default 0). */
  keepStates?: number;
  /** Worker threads (default: available parallelism). */
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export interface ExactSolution {
  variables: Label[];
  vartype: Vartype;
  groundEnergy: number;
  degeneracy: number;
  /** Listed ground states, row-major in `variables` order and the model's vartype. */
  groundStates: Int8Array;
  groundStatesListed: number;
  /** Lowest distinct levels, ascending. */
  spectrum: Array<{ energy: number; degeneracy: number }>;
  /** The keepStates lowest states (row-major, model vartype) and their energies, ascending. */
  lowStates: Int8Array;
  lowEnergies: Float64Array;
  statesVisited: number;
  threads: number;
  wallSeconds: number;
}

/** Refuses models too large to enumerate, naming the size and the alternatives. */
export function assertEnumerable(n: number): void {
  if (n > EXACT_MAX_VARIABLES)
    throw new CapacityError(
      `the model has ${n} variables; exact enumeration of 2^${n} states is refused past ${EXACT_MAX_VARIABLES} variables ` +
        '(use `sampler` sa or pimc for large problems)',
      { field: 'model' },
    );
}

export async function solveExact(
  bqm: BinaryQuadraticModel,
  options: ExactOptions = {},
): Promise<ExactSolution> {
  const t0 = performance.now();
  const n = bqm.numVariables;
  assertEnumerable(n);
  const model = compileModel(bqm, 'SPIN');
  const levels = options.levels ?? 5;
  const maxGround = options.maxGroundStates ?? 1000;
  const keep = Math.min(options.keepStates ?? 0, 2 ** n);
  let chunks: ChunkResult[];
  let threads = 1;
  if (n <= INLINE_MAX_VARIABLES) {
    throwIfAborted(options.signal);
    chunks = [
      enumerateChunk(model, { lowBits: n, prefix: 0, levels, maxGroundStates: maxGround, keepStates: keep }),
    ];
    options.onProgress?.({ done: 1, total: 1, label: 'states' });
  } else {
    threads = Math.max(1, options.threads ?? defaultThreadCount());
    const minSplitBits = Math.ceil(Math.log2(threads * 4));
    const lowBits = Math.min(MAX_CHUNK_BITS, n - minSplitBits);
    const numChunks = 2 ** (n - lowBits);
    const requests: ChunkRequest[] = [];
    for (let p = 0; p < numChunks; p++)
      requests.push({ lowBits, prefix: p, levels, maxGroundStates: maxGround, keepStates: keep });
    const pool = getPool('./exact-worker.js', import.meta.url, threads);
    const plain = { ...model };
    let done = 0;
    const batch = Math.max(1, Math.floor(numChunks / (threads * 64)));
    const tasks: Promise<ChunkResult[]>[] = [];
    for (let k = 0; k < numChunks; k += batch) {
      const task: ExactTask = { model: plain, requests: requests.slice(k, k + batch) };
      tasks.push(
        (pool.run(task, options.signal ? { signal: options.signal } : {}) as Promise<ChunkResult[]>).then(
          (r) => {
            done += r.length;
            options.onProgress?.({ done, total: numChunks, label: 'chunks' });
            return r;
          },
        ),
      );
    }
    try {
      chunks = (await Promise.all(tasks)).flat();
    } catch (e) {
      throwIfAborted(options.signal);
      throw e;
    }
  }
  const summary = mergeChunks(chunks, levels, maxGround, keep);
  const binary = bqm.vartype === 'BINARY';
  const rows = (states: number[]): Int8Array => {
    const out = new Int8Array(states.length * n);
    const spins = new Int8Array(n);
    states.forEach((s, r) => {
      setSpins(n, s, spins);
      for (let i = 0; i < n; i++) out[r * n + i] = binary ? (spins[i]! > 0 ? 1 : 0) : spins[i]!;
    });
    return out;
  };
  // Report energies summed directly on the model as given (not the incremental sums), so they agree with
  // `qaxai energy` to the last bit; level energies keep their incremental values only where no state is kept.
  const direct = compileModel(bqm);
  const groundStates = rows(summary.groundStates);
  const unsorted = rows(summary.lowStates);
  const directE = Float64Array.from(summary.lowStates, (_s, r) => energyOfRow(direct, unsorted, r * n));
  const order = [...directE.keys()].sort((a, b) => directE[a]! - directE[b]! || a - b);
  const lowStates = new Int8Array(unsorted.length);
  order.forEach((r, k) => lowStates.set(unsorted.subarray(r * n, (r + 1) * n), k * n));
  const lowEnergies = Float64Array.from(order, (r) => directE[r]!);
  const groundEnergy =
    summary.groundStates.length > 0 ? energyOfRow(direct, groundStates, 0) : summary.levelEnergies[0]!;
  const spectrum = summary.levelEnergies.map((energy, k) => ({
    energy: k === 0 ? groundEnergy : energy,
    degeneracy: summary.levelCounts[k]!,
  }));
  return {
    variables: model.labels.slice(),
    vartype: bqm.vartype,
    groundEnergy,
    degeneracy: summary.levelCounts[0]!,
    groundStates,
    groundStatesListed: summary.groundStates.length,
    spectrum,
    lowStates,
    lowEnergies,
    statesVisited: summary.visited,
    threads,
    wallSeconds: (performance.now() - t0) / 1000,
  };
}
