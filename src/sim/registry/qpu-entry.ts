/**
 * The registry's qpu-sim, and the auto-embedding wrapper it shares with leap. `solver` picks a profile (default
 * Advantage_system4.1) or names a Leap solver description file (its profile and exact working graph), read
 * with the front end's file reader. Problems on physical qubits are sampled directly and logical ones
 * embedded. The `embedding` parameter may name a file too, read the same way, and `no_embed` forces direct
 * sampling (src/sim/composites/auto-embedding.ts).
 */

import { type Embedding, embeddingFromJson } from '../../embedding/index.js';
import { InputError } from '../../errors.js';
import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import type { SampleSet } from '../../hamiltonian/sample-set.js';
import { parseStrictJson } from '../../util/strict-json.js';
import { AUTO_EMBEDDING_PARAMETERS, AutoEmbeddingComposite } from '../composites/auto-embedding.js';
import { DEFAULT_QPU_PROFILE, type QpuProfile, qpuProfileNames } from '../qpu/profiles.js';
import { QpuSimulator, qpuParameterSpecs, resolveQpuProfile } from '../qpu/qpu-simulator.js';
import { profileForDescription, qpuSimulatorFromDescription } from '../qpu/solver-description.js';
import type { ParameterSpecs, SampleOptions, SampleParams, StructuredSampler } from '../sampler.js';
import type { SamplerEntry, SamplerEnvironment } from './registry.js';

/** True when a `solver` value names a file (it ends in .json or holds a path separator); solver names never do. */
export function solverNamesFile(solver: string): boolean {
  return solver.endsWith('.json') || /[/\\]/.test(solver);
}

/** Reads a JSON file named by option `field` through the front end's reader; refused when none was lent. */
function readJsonFile(path: string, field: string, env: SamplerEnvironment, instead: string): unknown {
  if (!env.readTextFile)
    throw new InputError(
      `${field}: ${JSON.stringify(path)} names a file, and files are not read here; ${instead}`,
      { field },
    );
  return parseStrictJson(env.readTextFile(path, field), { source: path });
}

const giveAProfile = () => `give a qpu-sim profile (${qpuProfileNames().join(', ')})`;

/** The profile a `solver` value stands for: a profile name, or the profile matching a description file. */
export function qpuProfileForSolver(solver: string | undefined, env: SamplerEnvironment = {}): QpuProfile {
  if (solver !== undefined && solverNamesFile(solver))
    return profileForDescription(readJsonFile(solver, 'solver', env, giveAProfile()), solver);
  return resolveQpuProfile(solver);
}

/** The emulator for a `solver` value: a profile name, or a Leap solver description file. */
export function qpuSimulatorForSolver(
  solver: string | undefined,
  env: SamplerEnvironment = {},
  threads?: number,
): QpuSimulator {
  const t = threads !== undefined ? { threads } : {};
  if (solver !== undefined && solverNamesFile(solver))
    return qpuSimulatorFromDescription(readJsonFile(solver, 'solver', env, giveAProfile()), {
      ...t,
      source: solver,
    });
  return new QpuSimulator({ ...(solver !== undefined ? { profile: solver } : {}), ...t });
}

/** Reads an embedding file ({"label": [qubits…]}) through the front end's reader. */
export function readEmbeddingFile(path: string, env: SamplerEnvironment): Embedding {
  const doc = readJsonFile(path, 'embedding', env, 'give the embedding itself, {"variable": [qubits…]}');
  return embeddingFromJson(doc, path);
}

/** Auto-embedding whose `embedding` parameter may also be a file name. */
class EmbeddingFileComposite<S extends StructuredSampler> extends AutoEmbeddingComposite<S> {
  constructor(
    child: S,
    private readonly env: SamplerEnvironment,
  ) {
    super(child);
  }

  override async sample(
    bqm: BinaryQuadraticModel,
    params: SampleParams = {},
    options: SampleOptions = {},
  ): Promise<SampleSet> {
    const e = params.embedding;
    const p = typeof e === 'string' ? { ...params, embedding: readEmbeddingFile(e, this.env) } : params;
    return super.sample(bqm, p, options);
  }
}

/** Wraps a QPU-shaped sampler so logical problems are embedded and physical ones go direct. */
export function withAutoEmbedding<S extends StructuredSampler>(
  sampler: S,
  env: SamplerEnvironment = {},
): AutoEmbeddingComposite<S> {
  return new EmbeddingFileComposite(sampler, env);
}

/** The parameters of the registry's qpu-sim (the emulator behind auto-embedding) for a profile. */
export function qpuSimSamplerParameters(profile: QpuProfile): ParameterSpecs {
  return { ...qpuParameterSpecs(profile), ...AUTO_EMBEDDING_PARAMETERS };
}

export const qpuSimSamplerEntry: SamplerEntry = {
  name: 'qpu-sim',
  summary:
    'QPU emulator shaped like a Leap solver (--solver Advantage_system4.1 | Advantage2_system1 | DW_2000Q_6 | FILE.json); embeds logical problems (--embedding FILE, --no-embed)',
  parameters: qpuSimSamplerParameters(resolveQpuProfile(DEFAULT_QPU_PROFILE)),
  parametersFor: (o, env) => qpuSimSamplerParameters(qpuProfileForSolver(o.solver, env)),
  create: (o, env) => withAutoEmbedding(qpuSimulatorForSolver(o.solver, env, o.threads), env),
};
