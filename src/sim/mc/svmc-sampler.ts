/**
 * `svmc` and `svmc-tf`: spin-vector Monte Carlo (SSSV) and its transverse-field variant as samplers. Each read
 * starts with every rotor at θ = π/2 (or at the initial_state of a reverse anneal), follows the schedule at the
 * given temperature, and is projected to spins at the end (svmc-kernel.ts).
 */

import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import type { SampleSet } from '../../hamiltonian/sample-set.js';
import type { ParameterSpecs, SampleOptions, SampleParams, Sampler } from '../sampler.js';
import { annealParameterSpecs } from './anneal-params.js';
import { readsAndSeedSpecs } from './common-params.js';
import type { RotorReadout, SvmcVariant } from './svmc-kernel.js';
import { sampleWithTask } from './task-sampling.js';
import type { SvmcTask } from './tasks.js';

/** The parameters this sampler takes (Ocean names), as static data: listing them builds no sampler. */
export const SVMC_PARAMETERS: ParameterSpecs = {
  ...readsAndSeedSpecs,
  ...annealParameterSpecs,
  readout: {
    kind: 'enum',
    values: ['sign', 'probabilistic'],
    default: 'sign',
    doc: 'rotor → spin: sign(cos θ) (SSSV) or +1 with probability (1 + cos θ)/2',
  },
};

export class SvmcSampler implements Sampler {
  readonly name: SvmcVariant;
  readonly parameters = SVMC_PARAMETERS;
  readonly properties: Readonly<Record<string, unknown>>;

  constructor(
    variant: SvmcVariant = 'svmc',
    private readonly threads?: number,
  ) {
    this.name = variant;
    this.properties = {
      description:
        variant === 'svmc'
          ? 'spin-vector Monte Carlo (Shin, Smith, Smolin & Vazirani): O(2) rotors, uniform proposals'
          : 'spin-vector Monte Carlo with transverse-field-dependent steps (SVMC-TF, Albash & Lidar)',
      threaded: true,
    };
  }

  sample(
    bqm: BinaryQuadraticModel,
    params: SampleParams = {},
    options: SampleOptions = {},
  ): Promise<SampleSet> {
    return sampleWithTask(
      {
        name: this.name,
        parameters: this.parameters,
        threads: this.threads,
        updatesKey: 'spin_updates',
        task: (model, anneal, p, seed): SvmcTask => ({
          kind: 'svmc',
          variant: this.name,
          model,
          betaGamma: anneal.table.betaGamma,
          betaLambda: anneal.table.betaLambda,
          seed,
          readout: p.readout as RotorReadout,
          ...(anneal.path.initialState ? { initialState: anneal.path.initialState } : {}),
        }),
      },
      bqm,
      params,
      options,
    );
  }
}
