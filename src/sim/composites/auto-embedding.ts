/**
 * A QPU-shaped sampler (qpu-sim, leap) as front ends offer it: problems on physical qubits go to it directly;
 * logical problems are embedded (EmbeddingComposite). The choice per problem: an `embedding` parameter samples through that
 * fixed embedding; `no_embed` forces direct sampling (structure errors then say what is off the graph);
 * otherwise a problem goes direct when every variable is an integer working qubit and every interaction a
 * working coupler, and is embedded when not. info.embedding_mode records the choice
 * ("direct", "embedded" or "fixed").
 */

import { Embedding, embeddingFromJson } from '../../embedding/index.js';
import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import type { SampleSet } from '../../hamiltonian/sample-set.js';
import type { Topology } from '../../topology/topology.js';
import type { ParameterSpecs, SampleOptions, SampleParams, StructuredSampler } from '../sampler.js';
import { BaseComposite } from '../sampler-base.js';
import {
  EMBEDDING_PARAMETERS,
  EmbeddingComposite,
  FixedEmbeddingComposite,
  structureOf,
} from './embedding.js';

/** True when `bqm` lies on `graph`: integer labels that are working qubits, interactions that are couplers. */
export function fitsWorkingGraph(bqm: BinaryQuadraticModel, graph: Topology): boolean {
  for (const l of bqm.variables) if (typeof l !== 'number' || !graph.hasNode(l)) return false;
  for (const [i, j] of bqm.interactions())
    if (!graph.hasEdge(bqm.variables.at(i) as number, bqm.variables.at(j) as number)) return false;
  return true;
}

/** The parameters the composite adds to its child's, as data. */
export const AUTO_EMBEDDING_PARAMETERS: ParameterSpecs = {
  ...EMBEDDING_PARAMETERS,
  embedding: {
    kind: 'json',
    doc: 'sample through this fixed embedding: {"variable": [qubits…]} (the CLI takes a file name)',
  },
  no_embed: {
    kind: 'boolean',
    default: false,
    doc: 'sample the problem directly on the qubits its variables name (no embedding)',
  },
};

export class AutoEmbeddingComposite<
  S extends StructuredSampler = StructuredSampler,
> extends BaseComposite<S> {
  readonly name: string;
  readonly parameters: ParameterSpecs;
  private readonly embedded: EmbeddingComposite;

  constructor(child: S) {
    super(child);
    this.name = child.name;
    this.embedded = new EmbeddingComposite(child);
    this.parameters = { ...child.parameters, ...AUTO_EMBEDDING_PARAMETERS };
  }

  get properties(): Readonly<Record<string, unknown>> {
    return this.child.properties;
  }

  async sample(
    bqm: BinaryQuadraticModel,
    params: SampleParams = {},
    options: SampleOptions = {},
  ): Promise<SampleSet> {
    const { embedding, no_embed: noEmbed, ...rest } = params;
    let out: SampleSet;
    let mode: string;
    if (embedding !== undefined && embedding !== null) {
      const emb = embedding instanceof Embedding ? embedding : embeddingFromJson(embedding, 'embedding');
      out = await new FixedEmbeddingComposite(this.child, emb).sample(bqm, rest, options);
      mode = 'fixed';
    } else if (noEmbed === true || noEmbed === 'true' || fitsWorkingGraph(bqm, structureOf(this.child))) {
      const direct: SampleParams = {};
      for (const [k, v] of Object.entries(rest)) if (!(k in EMBEDDING_PARAMETERS)) direct[k] = v;
      out = await this.child.sample(bqm, direct, options);
      mode = 'direct';
    } else {
      out = await this.embedded.sample(bqm, rest, options);
      mode = 'embedded';
    }
    out.info = { ...out.info, embedding_mode: mode };
    return out;
  }
}
