/**
 * PIMC reads on the gpu.js backend (./gpu-pimc.ts): replicas (reads) are swept together, a batch at a time, by
 * the checkerboard Metropolis kernel in single precision — WebGPU where an adapter exists, else gpu.js's
 * WebAssembly backend on the CPU. Same action, per-sweep table, initial states and readouts as the CPU kernels,
 * but Metropolis moves only (no worldline cluster moves) and a checkerboard update order, so reads are
 * statistically, not bitwise, equivalent to the CPU backend's. Each read draws from its own stream
 * Rng(seed, read), so a read does not depend on the batch it ran in.
 */

import { type CompiledModel, energyOfRow } from '../../hamiltonian/compiled.js';
import { availableGpuMode } from '../gpu.js';
import { Rng } from '../rng.js';
import { throwIfAborted } from '../sampler.js';
import type { AnnealTable } from './anneal-table.js';
import { type GpuPimcMode, GpuPimcSweeper } from './gpu-pimc.js';
import type { ReadsResult, RunReadsOptions } from './parallel.js';
import { checkPimcOptions } from './pimc.js';
import { sliceCoupling } from './pimc-kernel.js';
import type { SliceReadout } from './tasks.js';

export interface GpuPimcOptions extends Pick<RunReadsOptions, 'signal' | 'onProgress'> {
  numSlices: number;
  numReads: number;
  seed: number;
  readout?: SliceReadout;
  readoutSlice?: number;
  initialState?: Int8Array;
  /** gpu.js backend (default: WebGPU when an adapter answers, else 'webasm'). */
  mode?: GpuPimcMode;
  /** Reads swept together (default: all, at most 256). */
  batch?: number;
}

export async function simulatePimcGpu(
  model: CompiledModel,
  table: AnnealTable,
  o: GpuPimcOptions,
): Promise<ReadsResult & { backend: string }> {
  checkPimcOptions(model, table, o);
  const { n } = model;
  const P = o.numSlices;
  const mode = o.mode ?? (await availableGpuMode());
  const batch = Math.max(1, Math.min(o.numReads, o.batch ?? 256));
  const N = table.length;
  const out = new Int8Array(o.numReads * n);
  const cells = P * n;
  let backend: string = mode;
  let done = 0;
  // one sweeper (colouring, compiled kernel) per batch size: the full batches and at most one shorter last one
  const sweepers = new Map<number, GpuPimcSweeper>();
  try {
    for (let r0 = 0; r0 < o.numReads; r0 += batch) {
      const R = Math.min(batch, o.numReads - r0);
      let sweeper = sweepers.get(R);
      if (!sweeper) {
        sweeper = await GpuPimcSweeper.create(model, P, mode, R);
        sweepers.set(R, sweeper);
      }
      backend = sweeper.backend;
      const rngs = Array.from({ length: R }, (_, j) => Rng.fromSeed(o.seed, r0 + j));
      const spins = new Float32Array(R * cells);
      for (let j = 0; j < R; j++)
        for (let c = 0; c < cells; c++)
          spins[j * cells + c] = o.initialState
            ? o.initialState[c % n]! > 0
              ? 1
              : -1
            : rngs[j]!.nextUint32() & 1
              ? 1
              : -1;
      const u = new Float32Array(R * cells);
      for (let k = 0; k < N; k++) {
        if (k % 64 === 0) throwIfAborted(o.signal);
        for (let j = 0; j < R; j++) {
          const rng = rngs[j]!;
          for (let c = 0; c < cells; c++) u[j * cells + c] = rng.nextDouble();
        }
        await sweeper.sweep(spins, u, table.betaLambda[k]! / P, sliceCoupling(table.betaGamma[k]!, P));
        if ((k + 1) % 64 === 0 || k === N - 1)
          o.onProgress?.({ done: done + ((k + 1) / N) * R, total: o.numReads, label: 'pimc (gpu.js)' });
      }
      for (let j = 0; j < R; j++) {
        let slice = o.readoutSlice ?? 0;
        if (o.readout === 'random') slice = rngs[j]!.nextInt(P);
        else if (o.readout === 'best') {
          let best = Number.POSITIVE_INFINITY;
          for (let k = 0; k < P; k++) {
            const e = energyOfRow(model, spins, j * cells + k * n);
            if (e < best) {
              best = e;
              slice = k;
            }
          }
        }
        const off = j * cells + slice * n;
        for (let i = 0; i < n; i++) out[(r0 + j) * n + i] = spins[off + i]! > 0 ? 1 : -1;
      }
      done += R;
    }
  } finally {
    for (const sw of sweepers.values()) sw.destroy();
  }
  return { spins: out, threads: 1, updates: o.numReads * N * cells, backend };
}
