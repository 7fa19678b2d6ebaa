/**
 * Unembedding a target sample set back to the source model (dwave-system's `unembed_sampleset`): chains are
 * taken in the source model's variable order, broken chains resolved by the chosen method, per-row vectors of
 * the kept rows carried over (num_occurrences, …), `chain_break_fraction` (fraction of broken chains per row,
 * before resolution) added on request, and energies recomputed on the source model. A list of methods
 * concatenates one result per method and adds a `chain_break_method` vector (the method's index).
 */

import { ParameterError, SampleSetError } from '../errors.js';
import type { BinaryQuadraticModel } from '../hamiltonian/bqm.js';
import { formatLabel, labelKey } from '../hamiltonian/labels.js';
import { SampleSet, type SampleVector } from '../hamiltonian/sample-set.js';
import {
  CHAIN_BREAK_METHODS,
  type ChainBreakMethodName,
  type ChainBreakResult,
  chainBreakFraction,
  discard,
  majorityVote,
  minimizeEnergy,
  type RandomSource,
  weightedRandom,
} from './chain-breaks.js';
import type { Embedding } from './embedding.js';
import { SeededRandom } from './random.js';

export interface UnembedOptions {
  /** One method or several (default majority_vote). */
  chainBreakMethod?: ChainBreakMethodName | readonly ChainBreakMethodName[];
  /** Add the chain_break_fraction vector (default false, as dwave-system's function; the composite sets true). */
  chainBreakFraction?: boolean;
  /** Random source for weighted_random (default: a SeededRandom from `seed`, or 0). */
  rng?: RandomSource;
  seed?: number;
}

/** Checks a chain_break_method parameter value: a name or a list of names. */
export function parseChainBreakMethod(
  v: unknown,
  field = 'chain_break_method',
): ChainBreakMethodName | ChainBreakMethodName[] {
  const one = (x: unknown): ChainBreakMethodName => {
    if (typeof x === 'string' && (CHAIN_BREAK_METHODS as readonly string[]).includes(x))
      return x as ChainBreakMethodName;
    throw new ParameterError(
      `${field}: ${JSON.stringify(x)} is not a chain-break method; use ${CHAIN_BREAK_METHODS.join(', ')}`,
      {
        field,
      },
    );
  };
  if (Array.isArray(v)) {
    if (v.length === 0) throw new ParameterError(`${field}: give at least one method`, { field });
    return v.map(one);
  }
  return one(v);
}

/** Unembeds `target` (samples on qubits) to `source` through `embedding` (see the module comment). */
export function unembedSampleSet(
  target: SampleSet,
  embedding: Embedding,
  source: BinaryQuadraticModel,
  opts: UnembedOptions = {},
): SampleSet {
  const method = opts.chainBreakMethod ?? 'majority_vote';
  if (Array.isArray(method)) {
    const parts = (method as readonly ChainBreakMethodName[]).map((m) =>
      unembedSampleSet(target, embedding, source, { ...opts, chainBreakMethod: m }),
    );
    const out = SampleSet.concat(parts, target.info);
    const idx: number[] = [];
    parts.forEach((p, i) => {
      for (let r = 0; r < p.numRows; r++) idx.push(i);
    });
    out.vectors.chain_break_method = { dataType: 'int64', shape: [idx.length], data: idx };
    return out;
  }
  const samples = target.vartype === source.vartype ? target : target.changeVartype(source.vartype);
  const col = new Map<string | number, number>();
  samples.variables.forEach((l, i) => col.set(labelKey(l), i));
  const chains = source.variables.toArray().map((l) => {
    const chain = embedding.chain(l);
    if (!chain)
      throw new SampleSetError(
        `unembed: variable ${formatLabel(l)} of the problem has no chain in the embedding`,
      );
    return Int32Array.from(chain, (q) => {
      const c = col.get(q);
      if (c === undefined)
        throw new SampleSetError(
          `unembed: the target samples have no qubit ${q} (chain of ${formatLabel(l)})`,
        );
      return c;
    });
  });
  const n = samples.numVariables;
  let res: ChainBreakResult;
  switch (method as ChainBreakMethodName) {
    case 'majority_vote':
      res = majorityVote(samples.samples, n, chains, source.vartype);
      break;
    case 'discard':
      res = discard(samples.samples, n, chains);
      break;
    case 'weighted_random':
      res = weightedRandom(samples.samples, n, chains, opts.rng ?? new SeededRandom(opts.seed ?? 0));
      break;
    case 'minimize_energy':
      res = minimizeEnergy(samples.samples, n, chains, source);
      break;
    default:
      throw parseChainBreakMethod(method);
  }
  const rows = Array.from(res.rows);
  const vectors: Record<string, SampleVector> = {};
  for (const [name, v] of Object.entries(samples.vectors)) {
    if (name === 'energy') continue;
    const width = v.data.length / Math.max(1, v.shape[0]!);
    const data: SampleVector['data'] = [];
    for (const r of rows) for (let k = 0; k < width; k++) data.push(v.data[r * width + k]!);
    vectors[name] = { dataType: v.dataType, shape: [rows.length, ...v.shape.slice(1)], data };
  }
  if (opts.chainBreakFraction) {
    const f = chainBreakFraction(samples.samples, n, chains);
    vectors.chain_break_fraction = {
      dataType: 'float64',
      shape: [rows.length],
      data: rows.map((r) => f[r]!),
    };
  }
  return SampleSet.fromSamplesBqm(source, res.samples, { vectors, info: { ...target.info } });
}
