/**
 * `pimc-ct`: continuous-time path-integral Monte Carlo (ct-pimc-kernel.ts) as a sampler: no Trotter slices and
 * no Trotter error; each sweep resamples every qubit's imaginary-time worldline once. Reads return s(τ = 0).
 * Schedule, temperature, path and sweep parameters are those of `pimc` (docs/pimc.md).
 */

import type { CompiledModel } from '../../hamiltonian/compiled.js';
import { defineParameters, type ResolvedParameters } from '../sampler.js';
import { annealParameterSpecs, type ResolvedAnneal } from './anneal-params.js';
import { readsAndSeedSpecs } from './common-params.js';
import { TaskSampler } from './task-sampling.js';
import type { CtPimcTask } from './tasks.js';

/** The parameters this sampler takes (Ocean names), as static data: listing them builds no sampler. */
export const PIMC_CT_PARAMETERS = defineParameters({
  ...readsAndSeedSpecs,
  ...annealParameterSpecs,
  update_order: {
    kind: 'enum',
    values: ['sequential', 'random'],
    default: 'sequential',
    doc: "qubits per sweep: each once in index order, or n uniformly random picks (dwave-samplers' PIMC); docs/pimc.md",
  },
});

export class ContinuousTimePimcSampler extends TaskSampler<typeof PIMC_CT_PARAMETERS, CtPimcTask> {
  readonly name = 'pimc-ct';
  readonly parameters = PIMC_CT_PARAMETERS;
  readonly properties = {
    description:
      'continuous-time path-integral Monte Carlo (worldlines with kinks, exact qubit Gibbs updates)',
    threaded: true,
  };
  protected readonly updatesKey = 'qubit_updates';

  protected task(
    model: CompiledModel,
    anneal: ResolvedAnneal,
    p: ResolvedParameters<typeof PIMC_CT_PARAMETERS>,
    seed: number,
  ): CtPimcTask {
    return {
      kind: 'pimc-ct',
      model,
      betaGamma: anneal.table.betaGamma,
      betaLambda: anneal.table.betaLambda,
      updateOrder: p.update_order,
      seed,
      ...(anneal.path.initialState ? { initialState: anneal.path.initialState } : {}),
    };
  }
}
