/**
 * The qaxai/testing conformance kit over every sampler and the composites over exact: small models, few
 * reads and sweeps, one thread each, so the file stays fast.
 */

import { afterAll, describe, expect, it } from 'vitest';
import { Embedding } from '../../src/embedding/index.js';
import { AutoEmbeddingComposite } from '../../src/sim/composites/auto-embedding.js';
import { EmbeddingComposite, FixedEmbeddingComposite } from '../../src/sim/composites/embedding.js';
import { SpinReversalTransformComposite } from '../../src/sim/composites/spin-reversal.js';
import { StructureComposite } from '../../src/sim/composites/structure.js';
import { ExactSolver } from '../../src/sim/exact/exact-sampler.js';
import { ContinuousTimePimcSampler } from '../../src/sim/mc/ct-pimc-sampler.js';
import { PimcSampler } from '../../src/sim/mc/pimc-sampler.js';
import { SimulatedAnnealingSampler } from '../../src/sim/mc/sa-sampler.js';
import { SvmcSampler } from '../../src/sim/mc/svmc-sampler.js';
import { QpuSimulator } from '../../src/sim/qpu/index.js';
import { StatevectorSampler } from '../../src/sim/statevector/sampler.js';
import { assertStructuredApi, describeSampler } from '../../src/testing/index.js';
import { chimeraGraph } from '../../src/topology/index.js';
import { type Harness, startHarness } from '../leap/helpers/setup.js';

const test = { describe, it, afterAll };
const anneal = { num_reads: 3, num_sweeps: 10 };

describeSampler(() => new ExactSolver(1), { test, name: 'exact' });
describeSampler(() => new SimulatedAnnealingSampler(1), { test, name: 'sa', params: anneal });
describeSampler(() => new PimcSampler(1), { test, name: 'pimc', params: { ...anneal, num_slices: 4 } });
describeSampler(() => new ContinuousTimePimcSampler(1), { test, name: 'pimc-ct', params: anneal });
describeSampler(() => new SvmcSampler('svmc', 1), { test, name: 'svmc', params: anneal });
describeSampler(() => new SvmcSampler('svmc-tf', 1), { test, name: 'svmc-tf', params: anneal });
describeSampler(() => new StatevectorSampler(1), {
  test,
  name: 'statevector',
  params: { num_reads: 10, annealing_time: 2, convergence_check: false },
});
describeSampler(() => new AutoEmbeddingComposite(new QpuSimulator({ threads: 1 })), {
  test,
  name: 'qpu-sim (auto-embedding composite)',
  params: { num_reads: 3, x_num_sweeps: 10, x_trotter_slices: 4 },
  seedParams: { seed: 5, embedding_parameters: { random_seed: 5 } },
});

let harness: Harness | undefined;
describeSampler(
  async () => {
    harness = await startHarness();
    return new AutoEmbeddingComposite(await harness.sampler());
  },
  {
    test,
    name: 'leap (auto-embedding composite, in-repo SAPI server)',
    params: { num_reads: 3 },
    seedParams: { seed: 5, embedding_parameters: { random_seed: 5 } },
    // a QPU takes no empty problem: the leap sampler says so before sending anything
    emptyModel: 'rejects',
  },
);
afterAll(async () => {
  await harness?.server.close();
});

// composites over exact; a StructureComposite gives exact the graph of Chimera C(1,1,4) to embed onto
const chimera = chimeraGraph(1);
const structuredExact = () => new StructureComposite(new ExactSolver(1), chimera.nodes, chimera.edgePairs());
describeSampler(() => new SpinReversalTransformComposite(new ExactSolver(1)), {
  test,
  name: 'spin-reversal(exact)',
  seedParams: { srt_seed: 3 },
});
describeSampler(() => new EmbeddingComposite(structuredExact()), {
  test,
  name: 'embedding(structure(exact))',
  seedParams: { embedding_parameters: { random_seed: 1 } },
});
describeSampler(
  () =>
    new FixedEmbeddingComposite(
      structuredExact(),
      Embedding.from([
        [[['a']], [0]],
        [0, [4, 1]],
        ['c', [5]],
      ]),
    ),
  { test, name: 'fixed-embedding(structure(exact))' },
);

describe('structured samplers', () => {
  it('qpu-sim, the structure composite and leap have the structured API', async () => {
    assertStructuredApi(new QpuSimulator({ profile: 'DW_2000Q_6' }));
    assertStructuredApi(structuredExact());
    const h = await startHarness();
    try {
      const leap = await h.sampler();
      assertStructuredApi(leap);
      expect(leap.nodelist.length).toBeGreaterThan(0);
    } finally {
      await h.server.close();
    }
  });
});
