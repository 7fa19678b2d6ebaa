/**
 * The `leap` sampler as an entry of the engine's sampler registry (src/sim/registry): front ends register it
 * on their registry. It reads the Leap configuration from the environment the front end lends (no
 * environment lent: none, only dwave.conf), logs through its logger, and is wrapped for interrupts and
 * auto-embedding like qpu-sim. Its parameters depend on the solver, so the static list holds only the
 * ones it handles itself and the embedding ones.
 */

import { QaError } from '../../errors.js';
import { AUTO_EMBEDDING_PARAMETERS } from '../../sim/composites/auto-embedding.js';
import { type SamplerEntry, type SamplerEnvironment, withAutoEmbedding } from '../../sim/registry/index.js';
import { loadLeapConfig, requireToken } from './config.js';
import { createLeapSampler, LEAP_LOCAL_PARAMETERS } from './leap-sampler.js';

const environmentOf = (env: SamplerEnvironment) => ({ env: env.env ?? {} });

export const leapSamplerEntry: SamplerEntry = {
  name: 'leap',
  summary:
    'a D-Wave QPU through Leap (SAPI), or `qaxai serve-sapi`; DWAVE_API_TOKEN / DWAVE_API_ENDPOINT / dwave.conf, --solver NAME; embeds logical problems like qpu-sim (--embedding FILE, --no-embed)',
  parameters: { ...LEAP_LOCAL_PARAMETERS, ...AUTO_EMBEDDING_PARAMETERS },
  parametersNote:
    "besides these, the chosen solver's own parameters (its properties.parameters: num_reads, annealing_time, …), known once the solver is fetched",
  parametersFor: () => undefined,
  unavailableReason(env) {
    try {
      requireToken(loadLeapConfig({}, environmentOf(env)));
      return undefined;
    } catch (e) {
      if (e instanceof QaError) return e.message;
      throw e;
    }
  },
  async create(o, env) {
    const log = env.log;
    const leap = await createLeapSampler({
      solver: o.solver,
      environment: environmentOf(env),
      saveRawDir: env.env?.QAXAI_LEAP_SAVE_RAW || undefined,
      ...(log ? { clientOptions: { log: (line: string) => log(`leap: ${line}`) } } : {}),
    });
    return withAutoEmbedding(env.cancelOnInterrupt ? env.cancelOnInterrupt(leap) : leap, env);
  },
};
