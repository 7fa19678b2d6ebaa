/**
 * ExactSolver as a sampler (dimod's ExactSolver): returns the lowest-energy states of the model, sorted by
 * energy, each once (num_occurrences 1). By default every state when n ≤ 16 (as dimod returns the full
 * enumeration), else the lowest 1024; `num_states` chooses how many.
 */

import { SampleSet } from '../../hamiltonian/sample-set.js';
import { defineParameters } from '../sampler.js';
import { BaseSampler, type SampleJob, type SampleOutcome } from '../sampler-base.js';
import { EXACT_MAX_VARIABLES, solveExact } from './solve-exact.js';

const FULL_ENUMERATION_MAX = 16;
const DEFAULT_LARGE_STATES = 1024;

/** The parameters this sampler takes (Ocean names), as static data: listing them builds no sampler. */
export const EXACT_PARAMETERS = defineParameters({
  num_states: {
    kind: 'integer',
    min: 1,
    max: 1_000_000,
    doc: `lowest states to return (default: all 2^n states for n ≤ ${FULL_ENUMERATION_MAX}, else ${DEFAULT_LARGE_STATES})`,
  },
});

/** info: ground_energy, ground_degeneracy, states_visited, truncated, threads (besides sampler, parameters, timing). */
export class ExactSolver extends BaseSampler<typeof EXACT_PARAMETERS> {
  readonly name = 'exact';
  readonly parameters = EXACT_PARAMETERS;
  readonly properties = { max_num_variables: EXACT_MAX_VARIABLES, threaded: true };

  protected async run({
    bqm,
    params,
    engineOptions,
    sampling,
  }: SampleJob<typeof EXACT_PARAMETERS>): Promise<SampleOutcome> {
    const n = bqm.numVariables;
    const numStates = params.num_states ?? (n <= FULL_ENUMERATION_MAX ? 2 ** n : DEFAULT_LARGE_STATES);
    const sol = await sampling(() =>
      solveExact(bqm, { keepStates: numStates, levels: 1, maxGroundStates: 0, ...engineOptions }),
    );
    return {
      sampleSet: new SampleSet({
        variables: sol.variables,
        vartype: sol.vartype,
        samples: sol.lowStates,
        energy: sol.lowEnergies,
      }),
      parameters: { num_states: numStates },
      info: {
        ground_energy: sol.groundEnergy,
        ground_degeneracy: sol.degeneracy,
        states_visited: sol.statesVisited,
        truncated: numStates < 2 ** n,
        threads: sol.threads,
      },
    };
  }
}
