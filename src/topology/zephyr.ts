/**
 * Zephyr lattices as dwave-networkx's `zephyr_graph(m, t)` builds them. Node (u, w, k, j, z): orientation u,
 * major offset w < 2m+1, secondary offset k < t, minor offset j < 2, parallel offset z < m;
 * label q = (((u·(2m+1) + w)·t + k)·2 + j)·m + z. Edges:
 *   external (u,w,k,j,z)–(u,w,k,j,z+1); odd (u,w,k,0,z)–(u,w,k,1,z−a) for a ∈ {0,1}, a ≤ z < m;
 *   internal (0, 2w+1+a(2i−1), k, j, z)–(1, 2z+1+b(2j−1), h, i, w) for w, z < m; h, k < t; i, j, a, b ∈ {0,1}.
 * 4tm(2m+1) nodes; 2t((8t+8)m² − 2m − 3) edges for m > 1 (2t(8t+3) for m = 1); max degree 4t+4.
 */

import { MixedRadixCoordinates } from './coordinates.js';
import { checkShapeNumber, checkSize, MAX_TILE } from './limits.js';
import { Topology } from './topology.js';

export type ZephyrCoord = readonly [u: number, w: number, k: number, j: number, z: number];

/** (u, w, k, j, z) ↔ linear index for zephyr(m, t). */
export class ZephyrCoordinates extends MixedRadixCoordinates<ZephyrCoord> {
  constructor(
    readonly m: number,
    readonly t = 4,
  ) {
    super(`zephyr(${m}, ${t})`, ['u', 'w', 'k', 'j', 'z'], [2, 2 * m + 1, t, 2, m]);
  }
}

/** The Zephyr lattice Z(m, t) with all 4tm(2m+1) qubits; shape [m, t]. Z(12, 4): 4800 qubits, 45864 couplers. */
export function zephyrGraph(m: number, t = 4): Topology {
  checkShapeNumber('zephyr', 'm', m, 1);
  checkShapeNumber('zephyr', 't', t, 1, MAX_TILE);
  const M = 2 * m + 1;
  const size = 4 * t * m * M;
  const count = 2 * M * t * 2 * (m - 1) + 2 * M * t * (2 * m - 1) + 16 * m * m * t * t;
  const name = `zephyr(${m}, ${t})`;
  checkSize(name, size, count);
  const label = (u: number, w: number, k: number, j: number, z: number) =>
    (((u * M + w) * t + k) * 2 + j) * m + z;
  const pairs = new Int32Array(2 * count);
  let n = 0;
  for (let u = 0; u < 2; u++)
    for (let w = 0; w < M; w++)
      for (let k = 0; k < t; k++) {
        for (let j = 0; j < 2; j++)
          for (let z = 0; z + 1 < m; z++) {
            pairs[n++] = label(u, w, k, j, z);
            pairs[n++] = label(u, w, k, j, z + 1);
          }
        for (let a = 0; a < 2; a++)
          for (let z = a; z < m; z++) {
            pairs[n++] = label(u, w, k, 0, z);
            pairs[n++] = label(u, w, k, 1, z - a);
          }
      }
  for (let w = 0; w < m; w++)
    for (let z = 0; z < m; z++)
      for (let h = 0; h < t; h++)
        for (let k = 0; k < t; k++)
          for (let i = 0; i < 2; i++)
            for (let j = 0; j < 2; j++)
              for (let a = 0; a < 2; a++)
                for (let b = 0; b < 2; b++) {
                  pairs[n++] = label(0, 2 * w + 1 + a * (2 * i - 1), k, j, z);
                  pairs[n++] = label(1, 2 * z + 1 + b * (2 * j - 1), h, i, w);
                }
  const coordinates = new ZephyrCoordinates(m, t);
  return Topology.build(
    { family: 'zephyr', shape: [m, t], name, indexSpace: size, coordinates },
    pairs.subarray(0, n),
  );
}
