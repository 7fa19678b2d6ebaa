/**
 * Every lattice against an independent description of its couplers, checked over all node pairs:
 * Chimera by the adjacency rule of its definition; Pegasus by its K2,2-fragment picture (each qubit is six
 * fragments in chimera(6m, 6m, 2); two qubits of different orientation couple iff they share a fragment cell,
 * as in dwave-networkx's fragmented_edges); Zephyr by its prelattice picture (each qubit spans two cells of a
 * (2m+1)×(2m+1) grid; different orientations couple iff they share a cell, same ones by odd/external rules).
 */
import { describe, expect, it } from 'vitest';
import { chimeraGraph, pegasusGraph, type Topology, zephyrGraph } from '../../src/topology/index.js';
import { edgeKeySet } from './invariants.js';

function expectEdgesMatch(
  t: Topology,
  nodes: readonly number[],
  coupled: (a: number, b: number) => boolean,
): void {
  const want = new Set<string>();
  for (let x = 0; x < nodes.length; x++)
    for (let y = x + 1; y < nodes.length; y++) {
      const a = Math.min(nodes[x]!, nodes[y]!);
      const b = Math.max(nodes[x]!, nodes[y]!);
      if (coupled(a, b)) want.add(`${a},${b}`);
    }
  const got = edgeKeySet(t);
  expect(got.size).toBe(want.size);
  for (const k of want) if (!got.has(k)) expect.fail(`missing coupler ${k}`);
  expect(Array.from(t.nodes)).toEqual([...nodes].sort((p, q) => p - q));
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('chimera against its definition', () => {
  for (const [m, n, t] of [
    [3, 2, 3],
    [2, 4, 4],
    [1, 1, 1],
  ] as const)
    it(`chimera(${m}, ${n}, ${t})`, () => {
      const g = chimeraGraph(m, n, t);
      const c = g.coordinates!;
      expectEdgesMatch(g, range(2 * m * n * t), (a, b) => {
        const [i, j, u, k] = c.fromLinear(a) as number[];
        const [i2, j2, u2, k2] = c.fromLinear(b) as number[];
        return (
          (i === i2 && j === j2 && u !== u2) ||
          (Math.abs(i! - i2!) === 1 && j === j2 && u === 0 && u2 === 0 && k === k2) ||
          (i === i2 && Math.abs(j! - j2!) === 1 && u === 1 && u2 === 1 && k === k2)
        );
      });
    });
});

const S = [
  [2, 2, 2, 2, 10, 10, 10, 10, 6, 6, 6, 6],
  [6, 6, 6, 6, 2, 2, 2, 2, 10, 10, 10, 10],
];

function pegasusCoupled(m: number) {
  const label = (q: number) => {
    const z = q % (m - 1);
    const r = (q - z) / (m - 1);
    const k = r % 12;
    const uw = (r - k) / 12;
    return [Math.floor(uw / m), uw % m, k, z] as const;
  };
  return (a: number, b: number) => {
    const [u0, w0, k0, z0] = label(a);
    const [u1, w1, k1, z1] = label(b);
    if (u0 === u1) {
      if (w0 !== w1) return false;
      if (k0 === k1) return Math.abs(z0 - z1) === 1; // external
      return z0 === z1 && k0 >> 1 === k1 >> 1; // odd
    }
    // fragments: qubit (u, w, k, z) occupies cross-coordinate fw = (12w + k) >> 1 and along-coordinates
    // fz0 … fz0 + 5 with fz0 = (12z + S[u][k]) >> 1; a vertical and a horizontal meet iff each one's fw lies
    // in the other's run
    const [v, h] = u0 === 0 ? [label(a), label(b)] : [label(b), label(a)];
    const fwV = (12 * v[1] + v[2]) >> 1;
    const fwH = (12 * h[1] + h[2]) >> 1;
    const fzV = (12 * v[3] + S[0]![v[2]]!) >> 1;
    const fzH = (12 * h[3] + S[1]![h[2]]!) >> 1;
    return fwH >= fzV && fwH < fzV + 6 && fwV >= fzH && fwV < fzH + 6;
  };
}

describe('pegasus against its fragment picture', () => {
  for (const m of [2, 3, 4])
    it(`pegasus(${m}) full: all 24m(m-1) qubits`, () => {
      expectEdgesMatch(pegasusGraph(m, { fabricOnly: false }), range(24 * m * (m - 1)), pegasusCoupled(m));
    });
  it('pegasus(4) fabric: the induced subgraph on qubits with w > 0 or k ≥ 2, and w < m−1 or k < 10', () => {
    const m = 4;
    const g = pegasusGraph(m);
    const nodes = range(24 * m * (m - 1)).filter((q) => {
      const [, w, k] = g.coordinates!.fromLinear(q) as number[];
      return (w! > 0 || k! >= 2) && (w! < m - 1 || k! < 10);
    });
    expectEdgesMatch(g, nodes, pegasusCoupled(m));
  });
});

describe('zephyr against its prelattice picture', () => {
  for (const [m, t] of [
    [1, 4],
    [2, 4],
    [3, 2],
  ] as const)
    it(`zephyr(${m}, ${t})`, () => {
      const g = zephyrGraph(m, t);
      const c = g.coordinates!;
      expectEdgesMatch(g, range(4 * t * m * (2 * m + 1)), (a, b) => {
        const [u0, w0, k0, j0, z0] = c.fromLinear(a) as number[];
        const [u1, w1, k1, j1, z1] = c.fromLinear(b) as number[];
        // qubit (u, w, k, j, z) covers along-cells 2z + j and 2z + j + 1 at cross-position w
        const along0 = 2 * z0! + j0!;
        const along1 = 2 * z1! + j1!;
        if (u0 !== u1) return (w1 === along0 || w1 === along0 + 1) && (w0 === along1 || w0 === along1 + 1);
        if (w0 !== w1 || k0 !== k1) return false;
        if (j0 === j1) return Math.abs(z0! - z1!) === 1; // external
        return Math.abs(along0 - along1) === 1; // odd: the two halves overlap in one cell
      });
    });
});
