/**
 * The engine's samplers as registry entries: each states its parameters as data (the samplers' exported
 * constants) and builds a fresh sampler on `create`. Add an engine sampler by adding an entry here.
 */

import { EXACT_PARAMETERS, ExactSolver } from '../exact/exact-sampler.js';
import { ContinuousTimePimcSampler, PIMC_CT_PARAMETERS } from '../mc/ct-pimc-sampler.js';
import { PIMC_PARAMETERS, PimcSampler } from '../mc/pimc-sampler.js';
import { SA_PARAMETERS, SimulatedAnnealingSampler } from '../mc/sa-sampler.js';
import { SVMC_PARAMETERS, SvmcSampler } from '../mc/svmc-sampler.js';
import { StatevectorSampler, statevectorParameterSpecs } from '../statevector/sampler.js';
import { qpuSimSamplerEntry } from './qpu-entry.js';
import { type SamplerEntry, type SamplerEnvironment, SamplerRegistry } from './registry.js';

export const ENGINE_SAMPLER_ENTRIES: readonly SamplerEntry[] = [
  {
    name: 'exact',
    summary: 'exhaustive enumeration (ExactSolver), the lowest states sorted by energy; n ≤ 40',
    parameters: EXACT_PARAMETERS,
    create: (o) => new ExactSolver(o.threads),
  },
  {
    name: 'sa',
    summary: 'classical simulated annealing, compatible with dwave-samplers SimulatedAnnealingSampler',
    parameters: SA_PARAMETERS,
    create: (o) => new SimulatedAnnealingSampler(o.threads),
  },
  {
    name: 'pimc',
    summary: 'path-integral Monte Carlo (simulated quantum annealing) along a schedule at a temperature',
    parameters: PIMC_PARAMETERS,
    create: (o) => new PimcSampler(o.threads),
  },
  {
    name: 'pimc-ct',
    summary:
      'continuous-time path-integral Monte Carlo (no Trotter slices) along a schedule at a temperature',
    parameters: PIMC_CT_PARAMETERS,
    create: (o) => new ContinuousTimePimcSampler(o.threads),
  },
  {
    name: 'svmc',
    summary: 'spin-vector Monte Carlo (SSSV O(2) rotors) along a schedule at a temperature',
    parameters: SVMC_PARAMETERS,
    create: (o) => new SvmcSampler('svmc', o.threads),
  },
  {
    name: 'svmc-tf',
    summary: 'spin-vector Monte Carlo with transverse-field-limited steps (SVMC-TF)',
    parameters: SVMC_PARAMETERS,
    create: (o) => new SvmcSampler('svmc-tf', o.threads),
  },
  {
    name: 'statevector',
    summary:
      'exact closed-system quantum annealing (Trotter statevector, n ≤ 28); measures the final state num_reads times',
    parameters: statevectorParameterSpecs,
    create: (o) => new StatevectorSampler(o.threads),
  },
  qpuSimSamplerEntry,
];

/** A registry of the engine's samplers with what the front end lends; register higher layers' entries on it. */
export function engineSamplerRegistry(env: SamplerEnvironment = {}): SamplerRegistry {
  return new SamplerRegistry(ENGINE_SAMPLER_ENTRIES, env);
}
