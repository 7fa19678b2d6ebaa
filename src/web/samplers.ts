/**
 * The web app's sampler registry: the engine's samplers plus leap (src/sim/registry), lent the server's
 * environment (DWAVE_API_* for leap) and log lines on stderr, but no file reader. A request may name a
 * solver or give an embedding, never a file of this machine: `solver` values that name a file get a 400
 * (./job-requests.ts), and an `embedding` given as a file name is refused by the engine.
 */

import { leapSamplerEntry } from '../sapi/client/sampler-entry.js';
import { engineSamplerRegistry } from '../sim/registry/index.js';

export const webSamplers = engineSamplerRegistry({
  env: process.env,
  log: (line) => process.stderr.write(`qaxai ${line}\n`),
}).register(leapSamplerEntry);
