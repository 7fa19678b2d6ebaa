import { describe, expect, it } from 'vitest';
import {
  cliqueEmbedding,
  completeSourceGraph,
  type EmbeddingError,
  largestClique,
  validateEmbedding,
} from '../../src/embedding/index.js';
import type { Topology } from '../../src/topology/index.js';
import { chimeraGraph, pegasusGraph, zephyrGraph } from '../../src/topology/index.js';

function checkClique(topo: Topology, size: number, maxChain: number) {
  const r = largestClique(topo);
  expect(r.size).toBe(size);
  expect(r.maxChainLength).toBe(maxChain);
  validateEmbedding(r.embedding, completeSourceGraph(r.embedding.labels), topo);
  return r;
}

/** busclique's (minorminer 0.2.19) longest chain per clique size on full-yield P16, as runs [length, count]. */
const P16_BUSCLIQUE: [number, number][] = [
  [1, 4],
  [2, 6],
  [3, 10],
  [4, 10],
  ...Array.from({ length: 12 }, (_, i): [number, number] => [5 + i, 12]),
  [17, 6],
];

/** One P16 for the file: its clique table is computed once per topology object. */
const P16 = pegasusGraph(16);

describe('clique embeddings (nested ells on the bus grid)', () => {
  it('Chimera C(m, m, 4) holds K_4m with chains of m + 1 qubits (C4: K16; C16, DW_2000Q: K64 with length 17)', () => {
    checkClique(chimeraGraph(4), 16, 5);
    checkClique(chimeraGraph(16), 64, 17);
  });

  it("Pegasus and Zephyr: valid largest cliques on small shapes and on the production sizes (busclique's sizes)", () => {
    // before the nested-ell construction (diagonal corners only): P4 K28, P6 K52, P16 K172
    checkClique(pegasusGraph(4), 36, 5);
    checkClique(pegasusGraph(6), 60, 7);
    checkClique(zephyrGraph(2), 24, 3);
    checkClique(zephyrGraph(4), 56, 5);
    checkClique(zephyrGraph(12), 184, 13);
    const p16 = checkClique(P16, 180, 17);
    // busclique's K180 has 3000 qubits
    expect(p16.embedding.chains.reduce((s, c) => s + c.length, 0)).toBeLessThanOrEqual(3000);
  });

  it("P16: every clique size has busclique's longest chain (K20: 3, K40: 5)", () => {
    const expected = P16_BUSCLIQUE.flatMap(([len, n]) => Array<number>(n).fill(len));
    expect(expected.length).toBe(180);
    const got = expected.map((_, i) => {
      const r = cliqueEmbedding(i + 1, P16);
      expect(r.size).toBe(i + 1);
      return r.maxChainLength;
    });
    expect(got).toEqual(expected);
    for (const k of [4, 20, 40, 100]) {
      const r = cliqueEmbedding(k, P16);
      validateEmbedding(r.embedding, completeSourceGraph(r.embedding.labels), P16);
    }
  });

  it('a clique of k variables uses the shortest chains it can; labels are kept', () => {
    const r = cliqueEmbedding(['x', 'y', 'z', 'w', 'v'], chimeraGraph(4));
    expect(r.embedding.labels).toEqual(['x', 'y', 'z', 'w', 'v']);
    // four variables fit one diagonal tile (chains of 2); a fifth needs a 2-tile window (chains of 3)
    expect(r.maxChainLength).toBe(3);
    validateEmbedding(r.embedding, completeSourceGraph(r.embedding.labels), chimeraGraph(4));
    expect(cliqueEmbedding(4, chimeraGraph(4)).maxChainLength).toBe(2);
    expect(cliqueEmbedding(0, chimeraGraph(4)).embedding.size).toBe(0);
  });

  it('respects broken qubits of a working graph', () => {
    const full = chimeraGraph(4);
    const broken = [0, 9, 42, 77, 100];
    const working = full.withFaults({ brokenNodes: broken });
    const r = largestClique(working);
    expect(r.size).toBeGreaterThanOrEqual(12);
    validateEmbedding(r.embedding, completeSourceGraph(r.embedding.labels), working);
    for (const c of r.embedding.chains) for (const q of c) expect(broken).not.toContain(q);
    const p = pegasusGraph(6).withFaults({ brokenNodes: [40, 41, 200, 333, 500], brokenEdges: [[100, 101]] });
    const rp = largestClique(p);
    validateEmbedding(rp.embedding, completeSourceGraph(rp.embedding.labels), p);
    expect(rp.size).toBeGreaterThan(40);
    const z = zephyrGraph(3).withFaults({ brokenNodes: [0, 50, 100, 150] });
    const rz = largestClique(z);
    validateEmbedding(rz.embedding, completeSourceGraph(rz.embedding.labels), z);
  });

  it('too large: says the largest size that fits', () => {
    expect(() => cliqueEmbedding(17, chimeraGraph(4))).toThrow(
      /a clique of 17 variables does not fit chimera\(4, 4, 4\): the largest clique embedding found there has 16 variables/,
    );
    try {
      cliqueEmbedding(17, chimeraGraph(4));
    } catch (e) {
      expect((e as EmbeddingError).reason).toBe('too-large');
      expect((e as EmbeddingError).exitCode).toBe(2);
    }
  });
});
