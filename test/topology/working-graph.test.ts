import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopologyError } from '../../src/errors.js';
import {
  chimeraGraph,
  customTopology,
  pegasusGraph,
  type Topology,
  topologyFromJson,
  workingGraph,
  zephyrGraph,
} from '../../src/topology/index.js';
import { expectWellFormed } from './invariants.js';

/** Edges of t that avoid the given nodes and are not in the given edge list, counted by brute force. */
function countSurviving(t: Topology, brokenNodes: number[], brokenEdges: [number, number][]): number {
  const bn = new Set(brokenNodes);
  const be = new Set(brokenEdges.map(([u, v]) => `${Math.min(u, v)},${Math.max(u, v)}`));
  let c = 0;
  for (const [u, v] of t.edgePairs()) if (!bn.has(u) && !bn.has(v) && !be.has(`${u},${v}`)) c++;
  return c;
}

function thrown(f: () => unknown): TopologyError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TopologyError);
    expect((e as TopologyError).exitCode).toBe(2);
    return e as TopologyError;
  }
  return expect.fail('expected a TopologyError');
}

describe('broken qubits and couplers', () => {
  it('withFaults removes the qubits, their couplers and the broken couplers (P16)', () => {
    const p = pegasusGraph(16);
    const brokenNodes = [30, 31, 2000, 5729];
    const brokenEdges: [number, number][] = [
      [p.edges[100]!, p.edges[101]!],
      [p.edges[20001]!, p.edges[20000]!], // reversed order is the same coupler
    ];
    const w = p.withFaults({ brokenNodes, brokenEdges });
    expect(w.numNodes).toBe(5636);
    expect(w.numEdges).toBe(countSurviving(p, brokenNodes, brokenEdges));
    expect(w.hasNode(30)).toBe(false);
    expect(w.hasEdge(p.edges[100]!, p.edges[101]!)).toBe(false);
    expect(w.working).toBe(true);
    expect(w.family).toBe('pegasus');
    expect(w.shape).toEqual([16]);
    expect(w.indexSpace).toBe(5760);
    expect(w.describe()).toBe('pegasus(16) fabric-only working graph');
    expectWellFormed(w);
    // the base graph is untouched
    expect([p.numNodes, p.numEdges, p.working]).toEqual([5640, 40484, false]);
  });

  it('withFaults refuses qubits and couplers that are not in the graph, naming the first', () => {
    const p = pegasusGraph(6);
    expect(thrown(() => p.withFaults({ brokenNodes: [10, 0, 1] })).message).toBe(
      'brokenNodes[1]: 0 is not a qubit of pegasus(6) fabric-only',
    );
    expect(
      thrown(() =>
        p.withFaults({
          brokenEdges: [
            [10, 11],
            [10, 12],
          ],
        }),
      ).message,
    ).toBe('brokenEdges[1]: [10, 12] is not a coupler of pegasus(6) fabric-only');
    expect(thrown(() => p.withFaults({ brokenEdges: [[10, 11, 12] as never] })).message).toMatch(
      /brokenEdges\[0\]: expected a pair/,
    );
    // after removal, the removed qubit is not a qubit of the working graph
    const w = p.withFaults({ brokenNodes: [10] });
    expect(thrown(() => w.withFaults({ brokenNodes: [10] })).message).toBe(
      'brokenNodes[0]: 10 is not a qubit of pegasus(6) fabric-only working graph',
    );
  });
});

describe('restriction to working qubits and couplers', () => {
  it('restrict to nodes keeps the induced couplers', () => {
    const c = chimeraGraph(2, 2, 4);
    const w = c.restrict({ nodes: [0, 1, 4, 5, 12] });
    // tile (0,0): 0,1 (u=0) × 4,5 (u=1) = 4 couplers; 4–12 is a horizontal coupler (0,0,1,0)–(0,1,1,0)
    expect(w.edgePairs()).toEqual([
      [0, 4],
      [0, 5],
      [1, 4],
      [1, 5],
      [4, 12],
    ]);
    expectWellFormed(w);
  });

  it('restrict to nodes and edges keeps exactly those (Leap qubits/couplers)', () => {
    const z = zephyrGraph(2);
    const nodes = Array.from(z.nodes).filter((q) => q % 7 !== 3);
    const edges = z.edgePairs().filter(([u, v], i) => i % 5 !== 0 && u % 7 !== 3 && v % 7 !== 3);
    const w = z.restrict({ nodes, edges });
    expect(Array.from(w.nodes)).toEqual(nodes);
    expect(w.edgePairs()).toEqual(edges);
    expectWellFormed(w);
    // the flat Int32Array form gives the same graph
    const w2 = z.restrict({ nodes: Int32Array.from(nodes), edges: Int32Array.from(edges.flat()) });
    expect(w2.edgePairs()).toEqual(edges);
  });

  it('restrict refuses foreign, duplicate and dangling members, naming the first', () => {
    const p = pegasusGraph(6);
    const f = { nodes: 'qubits', edges: 'couplers' };
    expect(thrown(() => p.restrict({ nodes: [10, 11, 5] }, f)).message).toBe(
      'qubits[2]: 5 is not a qubit of pegasus(6) fabric-only',
    );
    expect(thrown(() => p.restrict({ nodes: [10, 11, 10] }, f)).message).toBe(
      'qubits[2]: qubit 10 is listed twice',
    );
    expect(thrown(() => p.restrict({ nodes: [10, 2.5] }, f)).message).toBe(
      'qubits[1]: 2.5 is not a qubit of pegasus(6) fabric-only',
    );
    expect(
      thrown(() =>
        p.restrict(
          {
            edges: [
              [10, 11],
              [10, 13],
            ],
          },
          f,
        ),
      ).message,
    ).toBe('couplers[1]: [10, 13] is not a coupler of pegasus(6) fabric-only');
    expect(
      thrown(() =>
        p.restrict(
          {
            edges: [
              [10, 11],
              [11, 10],
            ],
          },
          f,
        ),
      ).message,
    ).toBe('couplers[1]: coupler [11, 10] is listed twice');
    expect(thrown(() => p.restrict({ nodes: [10], edges: [[10, 11]] }, f)).message).toBe(
      'couplers[0]: coupler [10, 11] uses qubit 11, which is not in qubits',
    );
    expect(thrown(() => p.restrict({ edges: [[10, -1]] }, f)).message).toMatch(
      /couplers\[0\]: -1 is not a qubit label/,
    );
  });

  it('workingGraph checks against the full lattice (Pegasus without fabric_only)', () => {
    // qubit 0 is outside the P6 fabric but a real qubit of the full lattice
    const w = workingGraph('pegasus', [6], { nodes: [0, 1, 5] });
    expect(Array.from(w.nodes)).toEqual([0, 1, 5]);
    // (0,0,0,0)–(0,0,0,1) external, (0,0,0,0)–(0,0,1,0) odd
    expect(w.edgePairs()).toEqual([
      [0, 1],
      [0, 5],
    ]);
    expect(thrown(() => workingGraph('pegasus', [6], { nodes: [720] }, { nodes: 'qubits' })).message).toBe(
      'qubits[0]: 720 is not a qubit of pegasus(6) full',
    );
  });
});

describe('topologyFromJson', () => {
  it('reads Leap solver properties: topology, qubits, couplers (also under "properties")', () => {
    const p = pegasusGraph(16);
    const qubits = Array.from(p.nodes).filter((q) => q !== 31 && q !== 4000);
    const couplers = p.restrict({ nodes: qubits }).edgePairs().slice(1);
    const props = {
      topology: { type: 'pegasus', shape: [16] },
      qubits,
      couplers,
      num_qubits: 5760,
      h_range: [-4, 4],
    };
    for (const doc of [props, { identity: { name: 'Advantage_system4.1' }, properties: props }]) {
      const w = topologyFromJson(doc);
      expect([w.numNodes, w.numEdges]).toEqual([5638, couplers.length]);
      expect(w.edgePairs()).toEqual(couplers);
      expectWellFormed(w);
    }
    const bad = { ...props, couplers: [...couplers.slice(0, 3), [31, 32]] };
    expect(thrown(() => topologyFromJson({ properties: bad }, 'solver')).message).toBe(
      'solver.properties.couplers[3]: coupler [31, 32] uses qubit 31, which is not in solver.properties.qubits',
    );
    expect(
      thrown(() => topologyFromJson({ topology: { type: 'pegasus', shape: [16] }, qubits: [30, 'x'] }))
        .message,
    ).toBe('topology.qubits[1]: "x" is not a qubit label (an integer ≥ 0)');
    expect(thrown(() => topologyFromJson({ topology: { type: 'hexagon', shape: [3] } })).message).toMatch(
      /^topology\.topology\.type: "hexagon" is not a topology family/,
    );
  });

  it('round-trips a topology document, with broken lists applied last', () => {
    const z = zephyrGraph(3, 2).withFaults({ brokenNodes: [7], brokenEdges: [[0, 1]] });
    const back = topologyFromJson(JSON.parse(JSON.stringify(z)));
    expect(Array.from(back.nodes)).toEqual(Array.from(z.nodes));
    expect(back.edgePairs()).toEqual(z.edgePairs());
    const def = topologyFromJson({ family: 'pegasus', shape: [6], brokenNodes: [10, 11] });
    expect([def.numNodes, def.numEdges]).toEqual([678, countSurviving(pegasusGraph(6), [10, 11], [])]);
    const custom = topologyFromJson({
      family: 'custom',
      shape: [],
      nodes: [9],
      edges: [
        [1, 2],
        [2, 5],
      ],
    });
    expect(Array.from(custom.nodes)).toEqual([1, 2, 5, 9]);
    expect(thrown(() => topologyFromJson({ family: 'zephyr' })).message).toBe(
      'topology.shape: expected an array of shape numbers',
    );
    expect(thrown(() => topologyFromJson([1, 2])).message).toBe('topology: expected a JSON object');
  });
});

describe('custom graphs', () => {
  it('builds sorted, deduplicated adjacency from any edge order', () => {
    const g = customTopology(
      [
        [5, 1],
        [1, 3],
        [3, 5],
        [1, 5],
        [100000000, 3],
      ],
      [7],
    );
    expect(Array.from(g.nodes)).toEqual([1, 3, 5, 7, 100000000]);
    expect(g.edgePairs()).toEqual([
      [1, 3],
      [1, 5],
      [3, 5],
      [3, 100000000],
    ]);
    expect(g.degree(7)).toBe(0);
    expect(Array.from(g.neighbors(3))).toEqual([1, 5, 100000000]);
    expect(g.hasEdge(100000000, 3)).toBe(true);
    expect(g.hasEdge(1, 7)).toBe(false);
    expect(g.family).toBe('custom');
    expectWellFormed(g);
    expect(thrown(() => customTopology([[2, 2]])).message).toBe('edge [2, 2] is a self-loop');
    expect(thrown(() => g.degree(4)).message).toBe('4 is not a qubit of custom graph');
  });
});

describe('working graphs against brute force (property test)', () => {
  it('withFaults and restrict equal filtering the edge list by hand', () => {
    const bases = [pegasusGraph(3), zephyrGraph(2, 2), chimeraGraph(2, 3, 3)];
    fc.assert(
      fc.property(
        fc.nat(bases.length - 1),
        fc.array(fc.nat(10_000), { maxLength: 30 }),
        fc.array(fc.nat(10_000), { maxLength: 30 }),
        (b, nodePicks, edgePicks) => {
          const base = bases[b]!;
          const brokenNodes = nodePicks.map((i) => base.nodes[i % base.numNodes]!);
          const pairs = base.edgePairs();
          const brokenEdges = edgePicks.map((i) => pairs[i % pairs.length]!);
          const w = base.withFaults({ brokenNodes, brokenEdges });
          const bn = new Set(brokenNodes);
          const be = new Set(brokenEdges.map((e) => e.join(',')));
          expect(Array.from(w.nodes)).toEqual(Array.from(base.nodes).filter((q) => !bn.has(q)));
          expect(w.edgePairs()).toEqual(
            pairs.filter(([u, v]) => !bn.has(u) && !bn.has(v) && !be.has(`${u},${v}`)),
          );
          expectWellFormed(w);
          const kept = Array.from(base.nodes).filter((q) => !bn.has(q));
          const r = base.restrict({ nodes: kept });
          expect(r.edgePairs()).toEqual(pairs.filter(([u, v]) => !bn.has(u) && !bn.has(v)));
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });
});
