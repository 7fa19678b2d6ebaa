/**
 * The samplers the CLI (`qaxai sample --sampler NAME`) and other front ends can build, by name.
 * Each entry builds a fresh sampler; front ends close it when done. Add a sampler by adding an entry.
 */

import { cancelOnInterrupt } from '../sapi/client/interrupt.js';
import { createLeapSampler } from '../sapi/client/leap-sampler.js';
import { ExactSolver } from '../sim/exact/exact-sampler.js';
import { ContinuousTimePimcSampler } from '../sim/mc/ct-pimc-sampler.js';
import { PimcSampler } from '../sim/mc/pimc-sampler.js';
import { SimulatedAnnealingSampler } from '../sim/mc/sa-sampler.js';
import { SvmcSampler } from '../sim/mc/svmc-sampler.js';
import type { Sampler } from '../sim/sampler.js';
import { StatevectorSampler } from '../sim/statevector/sampler.js';
import { createQpuSimSampler, withAutoEmbedding } from './qpu-sim-entry.js';

export interface SamplerEntry {
  name: string;
  summary: string;
  create(options: SamplerCreateOptions): Sampler | Promise<Sampler>;
}

/** Options front ends pass to a factory (e.g. --solver for qpu-sim and leap). */
export interface SamplerCreateOptions {
  solver?: string;
  /** Worker threads to use (default: available parallelism). */
  threads?: number;
}

export const samplerEntries: SamplerEntry[] = [
  {
    name: 'exact',
    summary: 'exhaustive enumeration (ExactSolver), the lowest states sorted by energy; n ≤ 40',
    create: (o) => new ExactSolver(o.threads),
  },
  {
    name: 'sa',
    summary: 'classical simulated annealing, compatible with dwave-samplers SimulatedAnnealingSampler',
    create: (o) => new SimulatedAnnealingSampler(o.threads),
  },
  {
    name: 'pimc',
    summary: 'path-integral Monte Carlo (simulated quantum annealing) along a schedule at a temperature',
    create: (o) => new PimcSampler(o.threads),
  },
  {
    name: 'pimc-ct',
    summary:
      'continuous-time path-integral Monte Carlo (no Trotter slices) along a schedule at a temperature',
    create: (o) => new ContinuousTimePimcSampler(o.threads),
  },
  {
    name: 'svmc',
    summary: 'spin-vector Monte Carlo (SSSV O(2) rotors) along a schedule at a temperature',
    create: (o) => new SvmcSampler('svmc', o.threads),
  },
  {
    name: 'svmc-tf',
    summary: 'spin-vector Monte Carlo with transverse-field-limited steps (SVMC-TF)',
    create: (o) => new SvmcSampler('svmc-tf', o.threads),
  },
  {
    name: 'statevector',
    summary:
      'exact closed-system quantum annealing (Trotter statevector, n ≤ 28); measures the final state num_reads times',
    create: (o) => new StatevectorSampler(o.threads),
  },
  {
    name: 'leap',
    summary:
      'a D-Wave QPU through Leap (SAPI), or `qaxai serve-sapi`; DWAVE_API_TOKEN / DWAVE_API_ENDPOINT / dwave.conf, --solver NAME; embeds logical problems like qpu-sim (--embedding FILE, --no-embed)',
    create: async (o) =>
      withAutoEmbedding(
        cancelOnInterrupt(
          await createLeapSampler({
            solver: o.solver,
            saveRawDir: process.env.QAXAI_LEAP_SAVE_RAW || undefined,
            clientOptions: { log: (line) => process.stderr.write(`qaxai leap: ${line}\n`) },
          }),
        ),
      ),
  },
  {
    name: 'qpu-sim',
    summary:
      'QPU emulator shaped like a Leap solver (--solver Advantage_system4.1 | Advantage2_system1 | DW_2000Q_6 | FILE.json); embeds logical problems (--embedding FILE, --no-embed)',
    create: (o) => createQpuSimSampler(o),
  },
];

export function samplerNames(): string[] {
  return samplerEntries.map((e) => e.name);
}
