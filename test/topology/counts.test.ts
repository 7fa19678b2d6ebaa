import { describe, expect, it } from 'vitest';
import { chimeraGraph, pegasusGraph, type Topology, zephyrGraph } from '../../src/topology/index.js';
import { expectWellFormed } from './invariants.js';

// Reference counts: dwave-networkx generators (dwave.md §3.4), D-Wave's published figures for C16 and P16.
const cases: [string, () => Topology, number, number, number][] = [
  ['chimera(16) = C16', () => chimeraGraph(16), 2048, 6016, 6],
  ['chimera(1, 1, 4)', () => chimeraGraph(1, 1, 4), 8, 16, 4],
  ['chimera(2, 3, 2)', () => chimeraGraph(2, 3, 2), 24, 24 + 6 + 8, 4],
  ['pegasus(2) full', () => pegasusGraph(2, { fabricOnly: false }), 48, 168, 13],
  ['pegasus(6) fabric', () => pegasusGraph(6), 680, 4484, 15],
  ['pegasus(6) full', () => pegasusGraph(6, { fabricOnly: false }), 720, 4536, 15],
  ['pegasus(6) nice', () => pegasusGraph(6, { nice: true }), 600, 3996, 15],
  ['pegasus(16) fabric = P16', () => pegasusGraph(16), 5640, 40484, 15],
  ['pegasus(16) full', () => pegasusGraph(16, { fabricOnly: false }), 5760, 40656, 15],
  ['pegasus(16) nice', () => pegasusGraph(16, { nice: true }), 5400, 38956, 15],
  ['zephyr(1, 4)', () => zephyrGraph(1, 4), 48, 280, 17],
  ['zephyr(4, 4)', () => zephyrGraph(4), 576, 5032, 20],
  ['zephyr(6, 4) = Z6', () => zephyrGraph(6, 4), 1248, 11400, 20],
  ['zephyr(12, 4) = Z12', () => zephyrGraph(12, 4), 4800, 45864, 20],
  ['zephyr(15, 4)', () => zephyrGraph(15, 4), 7440, 71736, 20],
  ['zephyr(16, 4)', () => zephyrGraph(16, 4), 8448, 81640, 20],
];

describe('lattice sizes match dwave-networkx', () => {
  for (const [name, make, nodes, edges, maxDegree] of cases)
    it(`${name}: ${nodes} nodes, ${edges} edges, max degree ${maxDegree}`, () => {
      const t = make();
      expect([t.numNodes, t.numEdges, t.maxDegree]).toEqual([nodes, edges, maxDegree]);
      expectWellFormed(t);
    });

  it('node-count formulas: chimera 2tmn, pegasus 24m(m-1) − 8(m-1) / 24m(m-1) / 24(m-1)², zephyr 4tm(2m+1)', () => {
    for (const [m, n, t] of [
      [1, 1, 1],
      [3, 5, 2],
      [4, 4, 8],
    ] as const)
      expect(chimeraGraph(m, n, t).numNodes).toBe(2 * t * m * n);
    for (let m = 2; m <= 9; m++) {
      expect(pegasusGraph(m).numNodes).toBe(24 * m * (m - 1) - 8 * (m - 1));
      expect(pegasusGraph(m, { fabricOnly: false }).numNodes).toBe(24 * m * (m - 1));
      expect(pegasusGraph(m, { nice: true }).numNodes).toBe(24 * (m - 1) ** 2);
      // dwave-networkx docstring: 12(15(m−1)² + m − 3) edges for the full graph
      expect(pegasusGraph(m, { fabricOnly: false }).numEdges).toBe(12 * (15 * (m - 1) ** 2 + m - 3));
    }
    for (const [m, t] of [
      [1, 2],
      [2, 4],
      [3, 6],
      [5, 4],
    ] as const) {
      const z = zephyrGraph(m, t);
      expect(z.numNodes).toBe(4 * t * m * (2 * m + 1));
      expect(z.numEdges).toBe(m === 1 ? 2 * t * (8 * t + 3) : 2 * t * ((8 * t + 8) * m * m - 2 * m - 3));
      // 4t internal + 2 external + 2 odd needs m ≥ 3; m = 2 lacks one, m = 1 has no external and one odd
      expect(z.maxDegree).toBe(m === 1 ? 4 * t + 1 : m === 2 ? 4 * t + 3 : 4 * t + 4);
    }
  });

  it('P16 fabric labels run 30 … 5729 and the index space is num_qubits = 5760', () => {
    const p = pegasusGraph(16);
    expect(p.nodes[0]).toBe(30);
    expect(p.nodes[p.numNodes - 1]).toBe(5729);
    expect(p.indexSpace).toBe(5760);
    expect(p.shape).toEqual([16]);
    expect(p.family).toBe('pegasus');
    // fabric-only drops exactly (u, 0, k < 2, z) and (u, m−1, k ≥ 10, z)
    const full = pegasusGraph(16, { fabricOnly: false });
    const c = full.coordinates!;
    const dropped = Array.from(full.nodes).filter((q) => !p.hasNode(q));
    expect(dropped.length).toBe(8 * 15);
    for (const q of dropped) {
      const [, w, k] = c.fromLinear(q);
      expect((w === 0 && k! < 2) || (w === 15 && k! >= 10)).toBe(true);
    }
    // the fabric is the subgraph of the full graph induced on its nodes
    expect(full.restrict({ nodes: p.nodes }).numEdges).toBe(p.numEdges);
  });

  it('shapes follow Leap: chimera [m, n, t], pegasus [m], zephyr [m, t]', () => {
    expect(chimeraGraph(16).shape).toEqual([16, 16, 4]);
    expect(chimeraGraph(2, 3).shape).toEqual([2, 3, 4]);
    expect(pegasusGraph(16).shape).toEqual([16]);
    expect(zephyrGraph(12).shape).toEqual([12, 4]);
    expect(zephyrGraph(12).indexSpace).toBe(4800);
  });
});

describe('generation speed', () => {
  it('P16 (fabric and full) and Z12 each build well under a second', () => {
    for (const make of [
      () => pegasusGraph(16),
      () => pegasusGraph(16, { fabricOnly: false }),
      () => zephyrGraph(12),
    ]) {
      make(); // warm-up (JIT)
      const t0 = performance.now();
      make();
      expect(performance.now() - t0).toBeLessThan(500);
    }
  });
});
