/**
 * `svmc` and `svmc-tf`: spin-vector Monte Carlo (SSSV) and its transverse-field variant as samplers. Each read
 * starts with every rotor at θ = π/2 (or at the initial_state of a reverse anneal), follows the schedule at the
 * given temperature, and is projected to spins at the end (svmc-kernel.ts).
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';
import { defineParameters, type ResolvedParameters } from '../sampler.js';
import { annealParameterSpecs, type ResolvedAnneal } from './anneal-params.js';
import { readsAndSeedSpecs } from './common-params.js';
import type { SvmcVariant } from './svmc-kernel.js';
import { TaskSampler } from './task-sampling.js';
import type { SvmcTask } from './tasks.js';

/** The parameters this sampler takes (Ocean names), as static data: listing them builds no sampler. */
export const SVMC_PARAMETERS = defineParameters({
  ...readsAndSeedSpecs,
  ...annealParameterSpecs,
  readout: {
    kind: 'enum',
    values: ['sign', 'probabilistic'],
    default: 'sign',
    doc: 'rotor → spin: sign(cos θ) (SSSV) or +1 with probability (1 + cos θ)/2',
  },
});

export class SvmcSampler extends TaskSampler<typeof SVMC_PARAMETERS, SvmcTask> {
  readonly name: SvmcVariant;
  readonly parameters = SVMC_PARAMETERS;
  readonly properties: Readonly<Record<string, unknown>>;
  protected readonly updatesKey = 'spin_updates';

  constructor(variant: SvmcVariant = 'svmc', threads?: number) {
    super(threads);
    this.name = variant;
    this.properties = {
      description:
        variant === 'svmc'
          ? 'spin-vector Monte Carlo (Shin, Smith, Smolin & Vazirani): O(2) rotors, uniform proposals'
          : 'spin-vector Monte Carlo with transverse-field-dependent steps (SVMC-TF, Albash & Lidar)',
      threaded: true,
    };
  }

  protected task(
    model: CompiledModel,
    anneal: ResolvedAnneal,
    p: ResolvedParameters<typeof SVMC_PARAMETERS>,
    seed: number,
  ): SvmcTask {
    return {
      kind: 'svmc',
      variant: this.name,
      model,
      betaGamma: anneal.table.betaGamma,
      betaLambda: anneal.table.betaLambda,
      seed,
      readout: p.readout,
      ...(anneal.path.initialState ? { initialState: anneal.path.initialState } : {}),
    };
  }
}
