import { describe, expect, it } from 'vitest';
import {
  completeSourceGraph,
  EmbeddingError,
  embedProblem,
  findEmbedding,
  parseFindEmbeddingOptions,
  tryFindEmbedding,
  validateEmbedding,
} from '../../src/embedding/index.js';
import { chimeraGraph, pegasusGraph, zephyrGraph } from '../../src/topology/index.js';
import { randomBqm } from '../helpers/random-models.js';

describe('findEmbedding (Cai–Macready–Roy heuristic)', () => {
  it('embeds random sparse graphs validly into Chimera, Pegasus and Zephyr', () => {
    const cases = [
      [chimeraGraph(4), 20, 0.2, 1],
      [pegasusGraph(6), 40, 0.15, 2],
      [zephyrGraph(3), 30, 0.2, 3],
      [pegasusGraph(16), 30, 0.15, 4],
    ] as const;
    for (const [topo, n, density, seed] of cases) {
      const bqm = randomBqm(n, density, seed);
      const emb = findEmbedding(bqm, topo, { random_seed: seed });
      validateEmbedding(emb, bqm, topo);
      expect(emb.labels).toEqual(bqm.variables.toArray());
    }
  });

  it('keeps chains short: 60 variables of density 0.1 on P16', () => {
    // the embedder before chain-length refinement with pruning gave 147 qubits, longest chain 6 (seed 3);
    // now 121 (4)
    const bqm = randomBqm(60, 0.1, 7);
    const topo = pegasusGraph(16);
    const emb = findEmbedding(bqm, topo, { random_seed: 3, tries: 1 });
    validateEmbedding(emb, bqm, topo);
    const sizes = emb.chains.map((c) => c.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(5);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(135);
  });

  it('is deterministic for a seed and respects broken qubits', () => {
    const bqm = randomBqm(16, 0.3, 9);
    const working = pegasusGraph(4).withFaults({ brokenNodes: [30, 31, 60, 61, 100] });
    const a = findEmbedding(bqm, working, { random_seed: 5 });
    const b = findEmbedding(bqm, working, { random_seed: 5 });
    expect(a.toJSON()).toEqual(b.toJSON());
    validateEmbedding(a, bqm, working);
  });

  it('fails saying how far it got', () => {
    const k30 = completeSourceGraph(Array.from({ length: 30 }, (_, i) => i));
    const r = tryFindEmbedding(k30, chimeraGraph(2), { random_seed: 1, tries: 2 });
    expect(r.embedding).toBeUndefined();
    expect(r.progress.variables).toBe(30);
    expect(r.progress.overlappingQubits).toBeGreaterThan(0);
    expect(r.progress.tries).toBe(2);
    expect(() => findEmbedding(k30, chimeraGraph(2), { random_seed: 1, tries: 2 })).toThrow(
      /no embedding found for 30 variables and 435 interactions in chimera\(2, 2, 4\) \(32 qubits, 80 couplers\) after 2 tries \(random_seed 1\): the best attempt placed \d+ of 30 variables on chains of their own; \d+ qubits are still shared/,
    );
    expect(() =>
      findEmbedding(completeSourceGraph(Array.from({ length: 9 }, (_, i) => i)), chimeraGraph(1)),
    ).toThrow(
      /the problem has 9 variables and 36 interactions but chimera\(1, 1, 4\) \(8 qubits, 16 couplers\) has only 8 qubits/,
    );
    try {
      findEmbedding(k30, chimeraGraph(2), { random_seed: 1, tries: 1 });
    } catch (e) {
      expect(e).toBeInstanceOf(EmbeddingError);
      expect((e as EmbeddingError).progress?.variables).toBe(30);
    }
  });

  it('validates embedding_parameters', () => {
    expect(parseFindEmbeddingOptions({ tries: 3, random_seed: 2 })).toEqual({ tries: 3, random_seed: 2 });
    expect(() => parseFindEmbeddingOptions({ tries: 0 })).toThrow(
      /embedding_parameters.tries: 0 must be an integer ≥ 1/,
    );
    expect(() => parseFindEmbeddingOptions({ verbose: 1 })).toThrow(/embedding_parameters.verbose: unknown/);
    expect(() => parseFindEmbeddingOptions({ timeout: -1 })).toThrow(/timeout: -1 must be > 0/);
  });

  it('embedProblem: dense problems take the clique embedding, sparse ones the heuristic', () => {
    const dense = randomBqm(12, 1, 3);
    const r = embedProblem(dense, chimeraGraph(4), { random_seed: 1 });
    expect(r.method).toBe('clique');
    validateEmbedding(r.embedding, dense, chimeraGraph(4));
    const sparse = randomBqm(12, 0.2, 3);
    const s = embedProblem(sparse, chimeraGraph(4), { random_seed: 1 });
    expect(s.method).toBe('heuristic');
    validateEmbedding(s.embedding, sparse, chimeraGraph(4));
    const c = embedProblem(sparse, chimeraGraph(4), { method: 'clique' });
    expect(c.method).toBe('clique');
    validateEmbedding(c.embedding, sparse, chimeraGraph(4));
  });
});
