import { describe, expect, it } from 'vitest';
import { Embedding, EmbeddingError } from '../../src/embedding/index.js';
import { InputError } from '../../src/errors.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { SampleSet } from '../../src/hamiltonian/sample-set.js';
import { EmbeddingComposite, FixedEmbeddingComposite } from '../../src/sim/composites/embedding.js';
import { ExactSolver } from '../../src/sim/exact/exact-sampler.js';
import { QpuSimulator } from '../../src/sim/qpu/index.js';
import type { SampleParams, StructuredSampler } from '../../src/sim/sampler.js';
import { AbstractSampler } from '../../src/sim/sampler-base.js';
import { chimeraGraph } from '../../src/topology/index.js';
import { bruteForceEnergies, randomBqm } from '../helpers/random-models.js';

const fast = { x_num_sweeps: 300, x_trotter_slices: 16 };

/** A structured sampler on Chimera C1 that returns planted rows (in qubit order 0…7) and records its input. */
class Planted extends AbstractSampler implements StructuredSampler {
  readonly name = 'planted';
  readonly parameters = {
    num_reads: { kind: 'integer' as const, doc: 'reads' },
    initial_state: { kind: 'json' as const, doc: 'x' },
  };
  readonly properties = { topology: { type: 'chimera', shape: [1, 1, 4] } };
  readonly nodelist = Array.from(chimeraGraph(1).nodes);
  readonly edgelist = chimeraGraph(1).edgePairs();
  lastBqm: BinaryQuadraticModel | undefined;
  lastParams: SampleParams | undefined;
  constructor(readonly rows: number[][]) {
    super();
  }
  async sample(bqm: BinaryQuadraticModel, params: SampleParams = {}): Promise<SampleSet> {
    this.lastBqm = bqm;
    this.lastParams = params;
    const labels = bqm.variables.toArray();
    const samples = Int8Array.from(this.rows.flatMap((r) => labels.map((q) => r[q as number]!)));
    return SampleSet.fromSamplesBqm(bqm, samples, {
      info: { timing: { qpu_access_time: 1 }, problem_id: 'p' },
    });
  }
}

// a triangle: a, b on single qubits, c on the chain [4, 1]... chosen so every edge has a coupler in C1
const tri = BinaryQuadraticModel.fromIsing(
  [],
  [
    [['a', 'b'], -1],
    [['b', 'c'], -1],
    [['a', 'c'], -1],
  ],
);
const emb = Embedding.from([
  ['a', [0]],
  ['b', [4]],
  ['c', [1, 5]],
]);

describe('FixedEmbeddingComposite / EmbeddingComposite on a planted child', () => {
  it('embeds, passes parameters through, unembeds planted chain breaks with each method', async () => {
    // rows over qubits 0..7: row 0 unbroken all −1; row 1: chain c = [1, 5] broken (1 → +1, 5 → −1)
    const rows = [
      [-1, -1, 0, 0, -1, -1, 0, 0],
      [1, 1, 0, 0, 1, -1, 0, 0],
    ];
    const child = new Planted(rows);
    const fixed = new FixedEmbeddingComposite(child, emb);
    const mv = await fixed.sample(tri, { num_reads: 2, return_embedding: true });
    expect(child.lastParams).toEqual({ num_reads: 2 });
    expect(child.lastBqm!.getQuadratic(1, 5)).toBeCloseTo(-1.9996979771955565, 15);
    expect(mv.variables).toEqual(['a', 'b', 'c']);
    expect(Array.from(mv.samples)).toEqual([-1, -1, -1, 1, 1, 1]);
    expect(mv.vectors.chain_break_fraction!.data).toEqual([0, 1 / 3]);
    expect(Array.from(mv.energy)).toEqual([-3, -3]);
    expect(mv.info.problem_id).toBe('p');
    const ctx = mv.info.embedding_context as Record<string, unknown>;
    expect(ctx.embedding).toEqual({ a: [0], b: [4], c: [1, 5] });
    expect(ctx.chain_break_method).toBe('majority_vote');
    expect(ctx.chain_strength).toBeCloseTo(1.9996979771955565, 15);
    expect(Object.keys(ctx.timing as object)).toEqual(['embedding', 'unembedding']);
    const dis = await fixed.sample(tri, { chain_break_method: 'discard' });
    expect(dis.numRows).toBe(1);
    const me = await fixed.sample(tri, {
      chain_break_method: 'minimize_energy',
      chain_break_fraction: false,
    });
    expect(Array.from(me.row(1))).toEqual([1, 1, 1]);
    expect(me.vectors.chain_break_fraction).toBeUndefined();
    const wr = await fixed.sample(tri, { chain_break_method: 'weighted_random', seed: 3 });
    expect([1, -1]).toContain(wr.row(1)[2]);
    const many = await fixed.sample(tri, { chain_break_method: ['majority_vote', 'discard'] });
    expect(many.vectors.chain_break_method!.data).toEqual([0, 0, 1]);
    await expect(fixed.sample(tri, { chain_break_method: 'vote' })).rejects.toThrow(
      /chain_break_method: "vote" is not a chain-break method/,
    );
    await expect(fixed.sample(tri, { chain_strength: 'big' })).rejects.toThrow(
      /chain_strength: expected a number/,
    );
  });

  it('spreads a source-space initial_state over the chains', async () => {
    const child = new Planted([[1, 1, 0, 0, 1, 1, 0, 0]]);
    await new FixedEmbeddingComposite(child, emb).sample(tri, { initial_state: { a: 1, b: -1, c: 1 } });
    expect(child.lastParams!.initial_state).toEqual({ '0': 1, '4': -1, '1': 1, '5': 1 });
  });

  it('a native embedding skips chain handling', async () => {
    const child = new Planted([[1, 0, 0, 0, -1, 0, 0, 0]]);
    const bqm = BinaryQuadraticModel.fromIsing([], [[['x', 'y'], 1]]);
    const out = await new FixedEmbeddingComposite(
      child,
      Embedding.from([
        ['x', [0]],
        ['y', [4]],
      ]),
    ).sample(bqm, {
      return_embedding: true,
    });
    const ctx = out.info.embedding_context as Record<string, unknown>;
    expect(ctx.chain_strength).toBeNull();
    expect(ctx.chain_break_method).toBeNull();
    expect(out.vectors.chain_break_fraction!.data).toEqual([0]);
    expect(child.lastBqm!.getQuadratic(0, 4)).toBe(1);
  });

  it('refuses unstructured children and embeddings that do not fit', async () => {
    expect(() => new EmbeddingComposite(new ExactSolver())).toThrow(InputError);
    expect(() => new EmbeddingComposite(new ExactSolver())).toThrow(/needs a structured sampler below it/);
    const child = new Planted([[0, 0, 0, 0, 0, 0, 0, 0]]);
    expect(() => new FixedEmbeddingComposite(child, Embedding.from([['a', [0, 1]]]))).toThrow(
      /is not connected/,
    );
    await expect(
      new FixedEmbeddingComposite(child, emb).sample(BinaryQuadraticModel.fromIsing([['z', 1]], [])),
    ).rejects.toThrow(/variable "z" has no chain/);
    const k12 = randomBqm(12, 1, 1);
    const comp = new EmbeddingComposite(child);
    await expect(comp.sample(k12, { embedding_parameters: { tries: 1, random_seed: 1 } })).rejects.toThrow(
      EmbeddingError,
    );
    await expect(comp.sample(k12, { embedding_parameters: { tries: 1, random_seed: 1 } })).rejects.toThrow(
      /12 variables .* chimera\(1, 1, 4\) .* has only 8 qubits/,
    );
  });
});

describe('EmbeddingComposite over qpu-sim', () => {
  it('samples a logical problem on DW_2000Q_6 and finds its ground state', async () => {
    const sampler = new EmbeddingComposite(new QpuSimulator({ profile: 'DW_2000Q_6', threads: 1 }));
    const bqm = randomBqm(10, 0.6, 21, 'SPIN', { labels: (i) => `v${i}`, integer: true });
    const e0 = Math.min(...bruteForceEnergies(bqm));
    const ss = await sampler.sample(bqm, {
      num_reads: 40,
      seed: 2,
      embedding_parameters: { random_seed: 2 },
      return_embedding: true,
      ...fast,
    });
    expect(ss.variables).toEqual(bqm.variables.toArray());
    expect(Math.min(...ss.energy)).toBeCloseTo(e0, 12);
    expect(ss.vectors.chain_break_fraction).toBeDefined();
    expect(ss.info.sampler).toBe('qpu-sim');
    expect((ss.info.embedding_context as { embedding_method: string }).embedding_method).toMatch(
      /heuristic|clique/,
    );
    expect(sampler.parameters.num_reads).toBeDefined();
    expect(sampler.parameters.chain_strength).toBeDefined();
    expect((sampler.properties.child_properties as { chip_id: string }).chip_id).toBe('DW_2000Q_6');
  });

  it('a BINARY problem comes back BINARY with source energies', async () => {
    const sampler = new EmbeddingComposite(new QpuSimulator({ profile: 'Advantage2_system1', threads: 1 }));
    const q = randomBqm(6, 0.8, 5, 'BINARY', { labels: (i) => i + 100 });
    const ss = await sampler.sample(q, {
      num_reads: 10,
      seed: 1,
      embedding_parameters: { random_seed: 1 },
      ...fast,
    });
    expect(ss.vartype).toBe('BINARY');
    for (let r = 0; r < ss.numRows; r++) expect(ss.energy[r]).toBeCloseTo(q.energy(ss.sample(r)), 10);
  });
});
