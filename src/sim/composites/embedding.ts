/**
 * EmbeddingComposite and FixedEmbeddingComposite, as dwave-system's: map a logical problem onto the graph of
 * the first structured sampler below (findStructuredChild), sample it there, and map the samples back.
 *
 * sample(bqm):
 * 1. find an embedding (heuristic, clique or fixed; src/embedding/auto-embed.ts);
 * 2. embed the BQM (SPIN smearing, chain strength default uniform torque compensation);
 * 3. spread a source-space `initial_state` over the chains ({qubit: value});
 * 4. sample with the child (all other parameters pass through);
 * 5. unembed: chain_break_method (default majority_vote), chain_break_fraction vector (default on), energies
 *    recomputed on the source model; `info` is the child's, plus `embedding_context` when return_embedding.
 * A native embedding (every chain one qubit) skips chain handling: no chain strength, chain_break_method
 * and chain_strength null in the context, chain_break_fraction 0.
 */

import {
  type ChainBreakMethodName,
  type ChainStrength,
  chainStrengthToJson,
  EmbeddedStructure,
  type Embedding,
  embedBqm,
  embedProblem,
  embedState,
  parseChainBreakMethod,
  parseFindEmbeddingOptions,
  unembedSampleSet,
} from '../../embedding/index.js';
import { InputError, ParameterError } from '../../errors.js';
import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { labelJsonKeys } from '../../hamiltonian/label-json.js';
import { SampleSet } from '../../hamiltonian/sample-set.js';
import { customTopology, type Topology, workingGraph } from '../../topology/index.js';
import { parseInitialState } from '../mc/anneal-params.js';
import { Rng, randomSeed } from '../rng.js';
import {
  defineParameters,
  findStructuredChild,
  type ParameterSpecs,
  type ResolvedParameters,
  resolveParameters,
  type SampleOptions,
  type SampleParams,
  type Sampler,
  type StructuredSampler,
  throwIfAborted,
} from '../sampler.js';
import { BaseComposite } from '../sampler-base.js';

function checkChainStrength(v: unknown): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : 'must be a finite number';
  if (v === 'uniform_torque_compensation' || v === 'scaled') return undefined;
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v))
      if (typeof x !== 'number' || !Number.isFinite(x))
        return `the strength of ${JSON.stringify(k)} is not a finite number`;
    return undefined;
  }
  return 'expected a number, a {variable: strength} object, "uniform_torque_compensation" or "scaled"';
}

function checkWith(f: (v: unknown) => unknown): (v: unknown) => string | undefined {
  return (v) => {
    try {
      f(v);
      return undefined;
    } catch (e) {
      if (e instanceof ParameterError) return e.message.replace(/^[a-z_]+: /, '');
      throw e;
    }
  };
}

/** The parameters an embedding composite adds to its child's. */
export const EMBEDDING_PARAMETERS = defineParameters({
  chain_strength: {
    kind: 'json',
    doc: 'magnitude of the SPIN coupling −chain_strength on chain couplers: a number, {variable: strength}, "uniform_torque_compensation" (default, prefactor 1.414) or "scaled"',
    check: checkChainStrength,
  },
  chain_break_method: {
    kind: 'json',
    default: 'majority_vote',
    doc: 'majority_vote (ties → +1 / 1), discard, weighted_random, minimize_energy, or a list of them (results concatenated with a chain_break_method vector)',
    check: checkWith((v) => parseChainBreakMethod(v)),
  },
  chain_break_fraction: {
    kind: 'boolean',
    default: true,
    doc: 'add a chain_break_fraction vector: the fraction of broken chains in each row before resolution',
  },
  embedding_parameters: {
    kind: 'json',
    doc: 'options of the heuristic embedder (minorminer names): tries, max_no_improvement, random_seed, timeout (s), chainlength_patience, max_beta',
    check: checkWith((v) => parseFindEmbeddingOptions(v)),
  },
  embedding_method: {
    kind: 'enum',
    values: ['auto', 'heuristic', 'clique'],
    default: 'auto',
    doc: 'how to find the embedding: auto (clique embedding for dense problems that fit, else the heuristic with a clique fallback), heuristic, or clique',
  },
  return_embedding: {
    kind: 'boolean',
    default: false,
    doc: 'record info.embedding_context: embedding, chain_break_method, embedding_parameters, chain_strength, timing (s)',
  },
});

const OWN = Object.keys(EMBEDDING_PARAMETERS);
type OwnParameters = ResolvedParameters<typeof EMBEDDING_PARAMETERS>;

const builtStructures = new WeakMap<StructuredSampler, Topology>();

/**
 * The working graph of a structured sampler: its `topology` when it has one, else built from nodelist/edgelist
 * once per sampler (a Leap solver's graph has ~40,000 couplers; every composite over it shares the one build).
 */
export function structureOf(s: StructuredSampler): Topology {
  let g = builtStructures.get(s);
  if (!g) {
    g = buildStructure(s);
    builtStructures.set(s, g);
  }
  return g;
}

function buildStructure(s: StructuredSampler): Topology {
  const own = (s as { topology?: unknown }).topology;
  if (own && typeof own === 'object' && 'nodes' in own && 'edgeIndex' in own) return own as Topology;
  const topo = (s.properties as { topology?: { type?: unknown; shape?: unknown } }).topology;
  if (topo && typeof topo.type === 'string' && Array.isArray(topo.shape))
    try {
      return workingGraph(topo.type, topo.shape, {
        nodes: Int32Array.from(s.nodelist),
        edges: Int32Array.from(s.edgelist.flat()),
      });
    } catch {
      // not a lattice graph after all: fall through to a custom graph
    }
  return customTopology(s.edgelist as [number, number][], s.nodelist);
}

abstract class EmbeddingCompositeBase extends BaseComposite {
  readonly name: string;
  readonly parameters: ParameterSpecs;
  readonly properties: Record<string, unknown>;
  protected readonly structured: StructuredSampler;

  constructor(child: Sampler, kind: string) {
    super(child);
    const s = findStructuredChild(child);
    if (!s)
      throw new InputError(
        `${kind} needs a structured sampler below it (one with nodelist and edgelist, such as qpu-sim); ${child.name} is not`,
        { field: 'sampler' },
      );
    this.structured = s;
    this.name = `${kind}(${child.name})`;
    this.parameters = { ...child.parameters, ...EMBEDDING_PARAMETERS };
    this.properties = { child_properties: child.properties };
  }

  /** The target graph (the structured child's working graph). */
  get target(): Topology {
    return structureOf(this.structured);
  }

  protected abstract embeddingFor(
    bqm: BinaryQuadraticModel,
    own: OwnParameters,
  ): { embedding: Embedding; method: string; structure?: EmbeddedStructure };

  async sample(
    bqm: BinaryQuadraticModel,
    params: SampleParams = {},
    options: SampleOptions = {},
  ): Promise<SampleSet> {
    const ownIn: SampleParams = {};
    const childParams: SampleParams = {};
    for (const [k, v] of Object.entries(params)) (OWN.includes(k) ? ownIn : childParams)[k] = v;
    const own = resolveParameters(this.name, EMBEDDING_PARAMETERS, ownIn);
    if (own.return_embedding) labelJsonKeys(bqm.variables, 'return_embedding'); // the context is label-keyed
    throwIfAborted(options.signal);
    const t0 = performance.now();
    const { embedding, method, structure } = this.embeddingFor(bqm, own);
    const tEmbed = (performance.now() - t0) / 1000;
    const embedded = embedBqm(bqm, structure ?? embedding, this.target, {
      ...(own.chain_strength !== undefined ? { chainStrength: own.chain_strength as ChainStrength } : {}),
    });
    const native = embedded.chainStrength === undefined;
    if (childParams.initial_state !== undefined) {
      const st = parseInitialState(childParams.initial_state, bqm);
      const values = bqm.vartype === 'BINARY' ? Array.from(st, (v) => (v > 0 ? 1 : 0)) : st;
      childParams.initial_state = Object.fromEntries(
        Array.from(embedState(values, bqm, embedding), ([q, v]) => [String(q), v]),
      );
    }
    const target = await this.child.sample(embedded.bqm, childParams, options);
    const t1 = performance.now();
    const cbm = native ? 'majority_vote' : parseChainBreakMethod(own.chain_break_method);
    const seed = typeof params.seed === 'number' ? params.seed : randomSeed();
    const out =
      bqm.numVariables === 0
        ? SampleSet.fromSamplesBqm(bqm, new Int8Array(0), { info: { ...target.info } })
        : unembedSampleSet(target, embedding, bqm, {
            chainBreakMethod: cbm as ChainBreakMethodName | ChainBreakMethodName[],
            chainBreakFraction: own.chain_break_fraction,
            rng: Rng.fromSeed(seed, 0x656d62),
          });
    const tUnembed = (performance.now() - t1) / 1000;
    if (own.return_embedding)
      out.info = {
        ...out.info,
        embedding_context: {
          embedding: embedding.subset(bqm.variables).toJSON(),
          chain_break_method: native ? null : cbm,
          embedding_parameters: (own.embedding_parameters as Record<string, unknown> | undefined) ?? {},
          chain_strength: native
            ? null
            : chainStrengthToJson(embedded.chainStrength!, bqm.variables.toArray()),
          embedding_method: method,
          timing: { embedding: tEmbed, unembedding: tUnembed },
        },
      };
    return out;
  }
}

/** Finds an embedding for every problem (dwave-system's EmbeddingComposite). */
export class EmbeddingComposite extends EmbeddingCompositeBase {
  constructor(child: Sampler) {
    super(child, 'embedding');
  }

  protected embeddingFor(
    bqm: BinaryQuadraticModel,
    own: OwnParameters,
  ): { embedding: Embedding; method: string } {
    const opts = parseFindEmbeddingOptions(own.embedding_parameters);
    const r = embedProblem(bqm, this.target, { ...opts, method: own.embedding_method });
    return { embedding: r.embedding, method: r.method };
  }
}

/** Samples through a given embedding (dwave-system's FixedEmbeddingComposite). */
export class FixedEmbeddingComposite extends EmbeddingCompositeBase {
  private readonly structure: EmbeddedStructure;

  constructor(
    child: Sampler,
    readonly embedding: Embedding,
  ) {
    super(child, 'fixed-embedding');
    this.structure = new EmbeddedStructure(embedding, this.target, 'embedding');
    this.properties.embedding = embedding.toJSON();
  }

  protected embeddingFor(bqm: BinaryQuadraticModel): {
    embedding: Embedding;
    method: string;
    structure: EmbeddedStructure;
  } {
    for (const l of bqm.variables) this.embedding.require(l, 'embedding');
    return { embedding: this.embedding, method: 'fixed', structure: this.structure };
  }
}
