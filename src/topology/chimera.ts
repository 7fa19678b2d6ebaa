/**
 * Chimera lattices as dwave-networkx's `chimera_graph(m, n, t)` builds them: an m×n grid of K_{t,t} tiles.
 * Node (i, j, u, k): tile row i, tile column j, shore u (0 vertical, 1 horizontal), index k < t;
 * label = i·n·2t + j·2t + u·t + k. Edges: (i,j,0,k0)–(i,j,1,k1) inside a tile, (i,j,0,k)–(i+1,j,0,k)
 * vertically, (i,j,1,k)–(i,j+1,1,k) horizontally. 2tmn nodes, t²mn + t(m−1)n + tm(n−1) edges.
 */

import { MixedRadixCoordinates } from './coordinates.js';
import { checkShapeNumber, checkSize, MAX_TILE } from './limits.js';
import { Topology } from './topology.js';

export type ChimeraCoord = readonly [i: number, j: number, u: number, k: number];

/** (i, j, u, k) ↔ linear index for chimera(m, n, t). */
export class ChimeraCoordinates extends MixedRadixCoordinates<ChimeraCoord> {
  constructor(
    readonly m: number,
    readonly n: number = m,
    readonly t = 4,
  ) {
    super(`chimera(${m}, ${n}, ${t})`, ['i', 'j', 'u', 'k'], [m, n, 2, t]);
  }
}

/** The Chimera lattice C(m, n, t) with all 2tmn qubits; shape [m, n, t]. */
export function chimeraGraph(m: number, n: number = m, t = 4): Topology {
  checkShapeNumber('chimera', 'm', m, 1);
  checkShapeNumber('chimera', 'n', n, 1);
  checkShapeNumber('chimera', 't', t, 1, MAX_TILE);
  const size = 2 * t * m * n;
  const count = t * t * m * n + t * (m - 1) * n + t * m * (n - 1);
  checkSize(`chimera(${m}, ${n}, ${t})`, size, count);
  const pairs = new Int32Array(2 * count);
  let w = 0;
  const label = (i: number, j: number, u: number, k: number) => ((i * n + j) * 2 + u) * t + k;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      for (let k0 = 0; k0 < t; k0++)
        for (let k1 = 0; k1 < t; k1++) {
          pairs[w++] = label(i, j, 0, k0);
          pairs[w++] = label(i, j, 1, k1);
        }
      for (let k = 0; k < t; k++) {
        if (i + 1 < m) {
          pairs[w++] = label(i, j, 0, k);
          pairs[w++] = label(i + 1, j, 0, k);
        }
        if (j + 1 < n) {
          pairs[w++] = label(i, j, 1, k);
          pairs[w++] = label(i, j + 1, 1, k);
        }
      }
    }
  const coordinates = new ChimeraCoordinates(m, n, t);
  return Topology.build(
    { family: 'chimera', shape: [m, n, t], name: `chimera(${m}, ${n}, ${t})`, indexSpace: size, coordinates },
    pairs.subarray(0, w),
  );
}
