/**
 * ExactSolver as a sampler (dimod's ExactSolver): returns the lowest-energy states of the model, sorted by
 * energy, each once (num_occurrences 1). By default every state when n ≤ 16 (as dimod returns the full
 * enumeration), else the lowest 1024; `num_states` chooses how many.
 */

import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { SampleSet } from '../../hamiltonian/sample-set.js';
import {
  type ParameterSpecs,
  resolveParameters,
  type SampleOptions,
  type SampleParams,
  type Sampler,
  Stopwatch,
} from '../sampler.js';
import { EXACT_MAX_VARIABLES, solveExact } from './solve-exact.js';

const FULL_ENUMERATION_MAX = 16;
const DEFAULT_LARGE_STATES = 1024;

/** The parameters this sampler takes (Ocean names), as static data: listing them builds no sampler. */
export const EXACT_PARAMETERS: ParameterSpecs = {
  num_states: {
    kind: 'integer',
    min: 1,
    max: 1_000_000,
    doc: `lowest states to return (default: all 2^n states for n ≤ ${FULL_ENUMERATION_MAX}, else ${DEFAULT_LARGE_STATES})`,
  },
};

export class ExactSolver implements Sampler {
  readonly name = 'exact';
  readonly parameters = EXACT_PARAMETERS;
  readonly properties = { max_num_variables: EXACT_MAX_VARIABLES, threaded: true };

  constructor(private readonly threads?: number) {}

  async sample(
    bqm: BinaryQuadraticModel,
    params: SampleParams = {},
    options: SampleOptions = {},
  ): Promise<SampleSet> {
    const clock = new Stopwatch();
    const p = resolveParameters(this.name, this.parameters, params);
    const n = bqm.numVariables;
    const numStates =
      (p.num_states as number | undefined) ?? (n <= FULL_ENUMERATION_MAX ? 2 ** n : DEFAULT_LARGE_STATES);
    clock.lap();
    const sol = await solveExact(bqm, {
      keepStates: numStates,
      levels: 1,
      maxGroundStates: 0,
      ...(this.threads !== undefined ? { threads: this.threads } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    clock.lap();
    const ss = new SampleSet({
      variables: sol.variables,
      vartype: sol.vartype,
      samples: sol.lowStates,
      energy: sol.lowEnergies,
    });
    ss.info = {
      sampler: this.name,
      parameters: { ...p, num_states: numStates },
      ground_energy: sol.groundEnergy,
      ground_degeneracy: sol.degeneracy,
      states_visited: sol.statesVisited,
      truncated: numStates < 2 ** n,
      threads: sol.threads,
      timing: clock.timing(),
    };
    return ss;
  }
}
