/**
 * The CLI's sampler registry: the engine's samplers plus leap (src/sim/registry), with what the CLI lends
 * them: file reading (`--solver FILE.json`, `--embedding FILE`; errors name the flag), the process
 * environment (DWAVE_API_*, QAXAI_LEAP_SAVE_RAW), log lines on stderr, and Ctrl-C cancelling a QPU problem.
 */

import { cancelOnInterrupt } from '../sapi/client/interrupt.js';
import { leapSamplerEntry } from '../sapi/client/sampler-entry.js';
import { engineSamplerRegistry } from '../sim/registry/index.js';
import { readTextFile } from './output.js';

export const cliSamplers = engineSamplerRegistry({
  readTextFile: (path, field) => readTextFile(path, `--${field}`),
  env: process.env,
  log: (line) => process.stderr.write(`qaxai ${line}\n`),
  cancelOnInterrupt,
}).register(leapSamplerEntry);
