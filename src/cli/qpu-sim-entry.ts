/**
 * The CLI's qpu-sim: `--solver NAME` picks a profile (default Advantage_system4.1), `--solver FILE.json` a Leap
 * solver description (its profile and exact working graph). Problems on physical qubits are sampled
 * directly, logical ones embedded; `--embedding FILE` samples through a fixed embedding, `--no-embed`
 * forces direct sampling (src/sim/composites/auto-embedding.ts). The same wrapper serves the leap sampler.
 */

import { existsSync } from 'node:fs';
import { embeddingFromJson } from '../embedding/index.js';
import type { BinaryQuadraticModel } from '../hamiltonian/bqm.js';
import type { SampleSet } from '../hamiltonian/sample-set.js';
import { AutoEmbeddingComposite } from '../sim/composites/auto-embedding.js';
import { QpuSimulator, qpuSimulatorFromDescription } from '../sim/qpu/index.js';
import type { SampleOptions, SampleParams, StructuredSampler } from '../sim/sampler.js';
import { parseStrictJson } from '../util/strict-json.js';
import { readTextFile } from './output.js';

/** The emulator for a --solver value: a profile name, or a Leap solver description file. */
export function qpuSimulatorForSolver(solver: string | undefined, threads?: number): QpuSimulator {
  const t = threads !== undefined ? { threads } : {};
  if (solver !== undefined && (solver.endsWith('.json') || (solver.includes('/') && existsSync(solver)))) {
    const doc = parseStrictJson(readTextFile(solver, '--solver'), { source: solver });
    return qpuSimulatorFromDescription(doc, { ...t, source: solver });
  }
  return new QpuSimulator({ ...(solver !== undefined ? { profile: solver } : {}), ...t });
}

/** Reads `--embedding FILE` ({"label": [qubits…]}). */
export function readEmbeddingFile(path: string) {
  return embeddingFromJson(parseStrictJson(readTextFile(path, '--embedding'), { source: path }), path);
}

/** Auto-embedding where `embedding` may be a file name (the CLI's --embedding FILE). */
class CliAutoEmbeddingComposite<S extends StructuredSampler> extends AutoEmbeddingComposite<S> {
  override async sample(
    bqm: BinaryQuadraticModel,
    params: SampleParams = {},
    options: SampleOptions = {},
  ): Promise<SampleSet> {
    const p = { ...params };
    if (typeof p.embedding === 'string') p.embedding = readEmbeddingFile(p.embedding);
    return super.sample(bqm, p, options);
  }
}

/** Wraps a QPU-shaped sampler so logical problems are embedded and physical ones go direct. */
export function withAutoEmbedding<S extends StructuredSampler>(sampler: S): AutoEmbeddingComposite<S> {
  return new CliAutoEmbeddingComposite(sampler);
}

export function createQpuSimSampler(o: {
  solver?: string;
  threads?: number;
}): AutoEmbeddingComposite<QpuSimulator> {
  return withAutoEmbedding(qpuSimulatorForSolver(o.solver, o.threads));
}
