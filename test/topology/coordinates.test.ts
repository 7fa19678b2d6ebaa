import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopologyError } from '../../src/errors.js';
import {
  ChimeraCoordinates,
  chimeraGraph,
  type NiceCoord,
  type PegasusCoord,
  PegasusCoordinates,
  pegasusGraph,
  ZephyrCoordinates,
} from '../../src/topology/index.js';

describe('coordinate examples from dwave-networkx docstrings', () => {
  it('chimera', () => {
    const c = new ChimeraCoordinates(16, 16, 4);
    expect(c.toLinear([0, 2, 0, 1])).toBe(17);
    expect(c.fromLinear(17)).toEqual([0, 2, 0, 1]);
    expect(c.toLinear([2, 2, 0, 0])).toBe(272);
    expect(c.fromLinear(272)).toEqual([2, 2, 0, 0]);
    expect(new ChimeraCoordinates(2, 3, 2).toLinear([1, 2, 1, 1])).toBe(1 * 3 * 4 + 2 * 4 + 1 * 2 + 1);
  });
  it('pegasus and nice', () => {
    const p = new PegasusCoordinates(2);
    expect(p.toLinear([0, 0, 4, 0])).toBe(4);
    expect(p.fromLinear(4)).toEqual([0, 0, 4, 0]);
    expect(p.niceToPegasus([0, 0, 0, 0, 0])).toEqual([0, 0, 4, 0]);
    expect(p.pegasusToNice([0, 0, 4, 0])).toEqual([0, 0, 0, 0, 0]);
    expect(p.niceToLinear([0, 0, 0, 0, 0])).toBe(4);
    expect(p.linearToNice(4)).toEqual([0, 0, 0, 0, 0]);
    // P16: the first fabric qubit (0, 0, 2, 0) is label 30; the last (1, 15, 9, 14) is 5729
    const p16 = new PegasusCoordinates(16);
    expect(p16.toLinear([0, 0, 2, 0])).toBe(30);
    expect(p16.fromLinear(5729)).toEqual([1, 15, 9, 14]);
  });
  it('zephyr', () => {
    const z = new ZephyrCoordinates(2);
    expect(z.toLinear([0, 1, 2, 1, 0])).toBe(26);
    expect(z.fromLinear(137)).toEqual([1, 3, 2, 0, 1]);
    expect(new ZephyrCoordinates(12, 4).size).toBe(4800);
  });
});

const chimeraCase = fc
  .record({
    m: fc.integer({ min: 1, max: 20 }),
    n: fc.integer({ min: 1, max: 20 }),
    t: fc.integer({ min: 1, max: 8 }),
  })
  .chain(({ m, n, t }) =>
    fc.tuple(
      fc.constant(new ChimeraCoordinates(m, n, t)),
      fc.tuple(fc.nat(m - 1), fc.nat(n - 1), fc.nat(1), fc.nat(t - 1)),
    ),
  );
const pegasusCase = fc
  .integer({ min: 2, max: 20 })
  .chain((m) =>
    fc.tuple(
      fc.constant(new PegasusCoordinates(m)),
      fc.tuple(fc.nat(1), fc.nat(m - 1), fc.nat(11), fc.nat(m - 2)),
    ),
  );
const niceCase = fc
  .integer({ min: 2, max: 20 })
  .chain((m) =>
    fc.tuple(
      fc.constant(new PegasusCoordinates(m)),
      fc.tuple(fc.nat(2), fc.nat(m - 2), fc.nat(m - 2), fc.nat(1), fc.nat(3)),
    ),
  );
const zephyrCase = fc
  .record({ m: fc.integer({ min: 1, max: 20 }), t: fc.integer({ min: 1, max: 8 }) })
  .chain(({ m, t }) =>
    fc.tuple(
      fc.constant(new ZephyrCoordinates(m, t)),
      fc.tuple(fc.nat(1), fc.nat(2 * m), fc.nat(t - 1), fc.nat(1), fc.nat(m - 1)),
    ),
  );

describe('coordinate round trips (property tests)', () => {
  const params = { numRuns: 2000, seed: 20240601 };
  it('chimera: linear index formula and inverse', () => {
    fc.assert(
      fc.property(chimeraCase, ([c, [i, j, u, k]]) => {
        const q = c.toLinear([i, j, u, k]);
        expect(q).toBe(i * c.n * 2 * c.t + j * 2 * c.t + u * c.t + k);
        expect(c.fromLinear(q)).toEqual([i, j, u, k]);
      }),
      params,
    );
  });
  it('pegasus: linear index formula and inverse', () => {
    fc.assert(
      fc.property(pegasusCase, ([c, [u, w, k, z]]) => {
        const q = c.toLinear([u, w, k, z]);
        expect(q).toBe(((u * c.m + w) * 12 + k) * (c.m - 1) + z);
        expect(c.fromLinear(q)).toEqual([u, w, k, z]);
      }),
      params,
    );
  });
  it('pegasus nice: nice → pegasus → nice and nice → linear → nice', () => {
    fc.assert(
      fc.property(niceCase, ([c, n]) => {
        const p = c.niceToPegasus(n);
        expect(c.pegasusToNice(p)).toEqual(n);
        expect(c.linearToNice(c.niceToLinear(n))).toEqual(n);
      }),
      params,
    );
  });
  it('zephyr: linear index formula and inverse', () => {
    fc.assert(
      fc.property(zephyrCase, ([c, [u, w, k, j, z]]) => {
        const q = c.toLinear([u, w, k, j, z]);
        expect(q).toBe((((u * (2 * c.m + 1) + w) * c.t + k) * 2 + j) * c.m + z);
        expect(c.fromLinear(q)).toEqual([u, w, k, j, z]);
      }),
      params,
    );
  });
  it('fromLinear ∘ toLinear is the identity on every label (exhaustive, small lattices)', () => {
    for (const c of [new ChimeraCoordinates(3, 5, 2), new PegasusCoordinates(4), new ZephyrCoordinates(3, 2)])
      for (let q = 0; q < c.size; q++) expect(c.toLinear(c.fromLinear(q) as never)).toBe(q);
  });
});

describe('nice coordinates and the nice subgraph', () => {
  it('the nice-coordinate labels of P6 are exactly the nodes of pegasus(6, nice)', () => {
    const c = new PegasusCoordinates(6);
    const labels: number[] = [];
    for (let t = 0; t < 3; t++)
      for (let y = 0; y < 5; y++)
        for (let x = 0; x < 5; x++)
          for (let u = 0; u < 2; u++)
            for (let k = 0; k < 4; k++) labels.push(c.niceToLinear([t, y, x, u, k]));
    labels.sort((a, b) => a - b);
    expect(Array.from(pegasusGraph(6, { nice: true }).nodes)).toEqual(labels);
  });
  it('each nice layer t holds chimera(m−1, m−1, 4) (docstring: plus odd couplers)', () => {
    const m = 5;
    const p = pegasusGraph(m, { nice: true });
    const pc = new PegasusCoordinates(m);
    const ch = chimeraGraph(m - 1, m - 1, 4);
    const cc = ch.coordinates!;
    for (let t = 0; t < 3; t++)
      for (let e = 0; e < ch.numEdges; e++) {
        const a = cc.fromLinear(ch.edges[2 * e]!) as number[];
        const b = cc.fromLinear(ch.edges[2 * e + 1]!) as number[];
        const qa = pc.niceToLinear([t, ...a] as unknown as NiceCoord);
        const qb = pc.niceToLinear([t, ...b] as unknown as NiceCoord);
        if (!p.hasEdge(qa, qb)) expect.fail(`layer ${t}: chimera edge ${a} – ${b} is missing`);
      }
  });
});

describe('coordinate errors', () => {
  it('names the component out of range', () => {
    const c = new ChimeraCoordinates(4, 4, 4);
    expect(() => c.toLinear([0, 4, 0, 0])).toThrow(/j = 4 is out of range 0\.\.3/);
    expect(() => c.toLinear([0, 0, 2, 0])).toThrow(TopologyError);
    expect(() => c.toLinear([0, 0, 0.5, 0])).toThrow(/u = 0\.5/);
    expect(() => c.toLinear([0, 0, 0] as unknown as [number, number, number, number])).toThrow(
      /expected 4 integers/,
    );
    expect(() => c.fromLinear(128)).toThrow(/linear index 128 is out of range 0\.\.127/);
    expect(() => c.fromLinear(-1)).toThrow(TopologyError);
    const p = new PegasusCoordinates(6);
    expect(() => p.toLinear([0, 0, 12, 0])).toThrow(/k = 12 is out of range 0\.\.11/);
    expect(() => p.niceToPegasus([3, 0, 0, 0, 0])).toThrow(/t = 3 is out of range 0\.\.2/);
    expect(() => p.niceToPegasus([0, 5, 0, 0, 0])).toThrow(/y = 5 is out of range 0\.\.4/);
    // (0, 0, 0, 0) is a real qubit of the full graph but outside the nice subgraph
    expect(() => p.pegasusToNice([0, 0, 0, 0] as PegasusCoord)).toThrow(
      /outside the nice-coordinate subgraph/,
    );
    const z = new ZephyrCoordinates(2, 4);
    expect(() => z.toLinear([0, 5, 0, 0, 0])).toThrow(/w = 5 is out of range 0\.\.4/);
    try {
      z.fromLinear(160);
      expect.fail('no error');
    } catch (e) {
      expect((e as TopologyError).exitCode).toBe(2);
      expect((e as TopologyError).code).toBe('QA_TOPOLOGY_INVALID');
    }
  });
});
