/**
 * StructureComposite, as dimod's: gives an unstructured sampler a graph. Problems must lie on it (every
 * variable a node, every interaction an edge; StructureError otherwise) and go to the child unchanged, so an
 * exact or Monte Carlo sampler can stand below EmbeddingComposite the way a QPU does.
 */

import { StructureError } from '../../errors.js';
import type { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { formatLabel } from '../../hamiltonian/labels.js';
import type { SampleSet } from '../../hamiltonian/sample-set.js';
import type { ParameterSpecs, SampleOptions, SampleParams, Sampler, StructuredSampler } from '../sampler.js';
import { BaseComposite } from '../sampler-base.js';

export class StructureComposite<C extends Sampler = Sampler>
  extends BaseComposite<C>
  implements StructuredSampler
{
  readonly name: string;
  readonly parameters: ParameterSpecs;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly nodelist: readonly number[];
  readonly edgelist: readonly (readonly [number, number])[];
  private readonly nodes: ReadonlySet<number>;
  private readonly edges: ReadonlySet<string>;

  /** `nodelist`: integer node labels; `edgelist`: pairs of them. */
  constructor(child: C, nodelist: Iterable<number>, edgelist: Iterable<readonly [number, number]>) {
    super(child);
    this.name = `structure(${child.name})`;
    this.parameters = child.parameters;
    this.properties = { child_properties: child.properties };
    this.nodelist = [...new Set(nodelist)].sort((a, b) => a - b);
    this.nodes = new Set(this.nodelist);
    const pairs = new Map<string, readonly [number, number]>();
    for (const [u, v] of edgelist) {
      if (u === v || !this.nodes.has(u) || !this.nodes.has(v))
        throw new StructureError(`edgelist: (${u}, ${v}) is not an edge between two nodes of nodelist`, {
          field: 'edgelist',
        });
      const e = u < v ? ([u, v] as const) : ([v, u] as const);
      pairs.set(`${e[0]},${e[1]}`, e);
    }
    this.edgelist = [...pairs.values()].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    this.edges = new Set(pairs.keys());
  }

  async sample(
    bqm: BinaryQuadraticModel,
    params?: SampleParams,
    options?: SampleOptions,
  ): Promise<SampleSet> {
    const where = `the graph of ${this.name} (${this.nodelist.length} nodes, ${this.edgelist.length} edges)`;
    for (const l of bqm.variables)
      if (typeof l !== 'number' || !this.nodes.has(l))
        throw new StructureError(`variable ${formatLabel(l)} is not a node of ${where}`, { field: 'model' });
    for (const [i, j] of bqm.interactions()) {
      const u = bqm.variables.at(i) as number;
      const v = bqm.variables.at(j) as number;
      if (!this.edges.has(`${Math.min(u, v)},${Math.max(u, v)}`))
        throw new StructureError(`interaction (${u}, ${v}) is not an edge of ${where}`, { field: 'model' });
    }
    return this.child.sample(bqm, params, options);
  }
}
