import { expect } from 'vitest';
import type { Topology } from '../../src/topology/index.js';

/**
 * Checks the structural contract of a Topology: nodes ascending and unique; edges u < v, strictly increasing
 * in (u, v) order (so no duplicates or self-loops), endpoints are nodes; the CSR rows list exactly the
 * neighbours, ascending, symmetric, with edgeOf pointing at the right edge.
 */
export function expectWellFormed(t: Topology): void {
  const n = t.numNodes;
  const E = t.numEdges;
  for (let p = 1; p < n; p++) if (t.nodes[p]! <= t.nodes[p - 1]!) expect.fail(`nodes not ascending at ${p}`);
  for (let p = 0; p < n; p++)
    if (t.positionOf(t.nodes[p]!) !== p) expect.fail(`positionOf(${t.nodes[p]}) != ${p}`);
  for (let e = 0; e < E; e++) {
    const u = t.edges[2 * e]!;
    const v = t.edges[2 * e + 1]!;
    if (!(u < v)) expect.fail(`edge ${e} [${u}, ${v}] is not u < v`);
    if (!t.hasNode(u) || !t.hasNode(v))
      expect.fail(`edge ${e} [${u}, ${v}] has an endpoint that is not a node`);
    if (e > 0) {
      const pu = t.edges[2 * e - 2]!;
      const pv = t.edges[2 * e - 1]!;
      if (!(pu < u || (pu === u && pv < v))) expect.fail(`edges not strictly sorted at ${e}`);
    }
    if (t.edgeIndex(u, v) !== e || t.edgeIndex(v, u) !== e) expect.fail(`edgeIndex([${u}, ${v}]) != ${e}`);
  }
  expect(t.rowPtr.length).toBe(n + 1);
  expect(t.rowPtr[n]).toBe(2 * E);
  let degSum = 0;
  for (let p = 0; p < n; p++) {
    const q = t.nodes[p]!;
    const row = t.neighbors(q);
    degSum += row.length;
    expect(t.degree(q)).toBe(row.length);
    for (let i = 0; i < row.length; i++) {
      if (i > 0 && row[i]! <= row[i - 1]!) expect.fail(`row of ${q} not ascending`);
      const v = row[i]!;
      const e = t.edgeOf[t.rowPtr[p]! + i]!;
      const a = Math.min(q, v);
      const b = Math.max(q, v);
      if (t.edges[2 * e] !== a || t.edges[2 * e + 1] !== b)
        expect.fail(`edgeOf of ${q}→${v} points at edge ${e}`);
    }
  }
  expect(degSum).toBe(2 * E);
}

/** The edges of a topology as a set of "u,v" strings. */
export function edgeKeySet(t: Topology): Set<string> {
  const s = new Set<string>();
  for (let e = 0; e < t.numEdges; e++) s.add(`${t.edges[2 * e]},${t.edges[2 * e + 1]}`);
  return s;
}
