/**
 * Pegasus lattices as dwave-networkx's `pegasus_graph(m, fabric_only, nice_coordinates)` builds them with the
 * default offsets (offsets_index 0). Node (u, w, k, z): orientation u (0 vertical, 1 horizontal), major offset
 * w < m, minor offset k < 12, parallel offset z < m−1; label q = ((u·m + w)·12 + k)·(m−1) + z. Edges:
 *   external (u,w,k,z)–(u,w,k,z+1); odd (u,w,2k',z)–(u,w,2k'+1,z);
 *   internal (0,w,k,z)–(1, z + [kk < S0[k]], kk, w − [k < S1[kk]]).
 * A node survives when w > 0 or k ≥ start[u], and w < m−1 or k < 12 − end[u]: (0,0) / (0,0) for the full
 * graph (24m(m−1) nodes), (2,2) / (2,2) for the fabric (drops 8(m−1) qubits; P16: 5640 qubits labelled
 * 30…5729), (4,8) / (8,4) for the nice-coordinate subgraph (24(m−1)² nodes).
 */

import { TopologyError } from '../errors.js';
import { checkTuple, MixedRadixCoordinates } from './coordinates.js';
import { checkShapeNumber, checkSize } from './limits.js';
import { Topology } from './topology.js';

export type PegasusCoord = readonly [u: number, w: number, k: number, z: number];
/** Nice coordinates (t, y, x, u, k): for each t a chimera(m−1, m−1, 4) plus odd couplers. */
export type NiceCoord = readonly [t: number, y: number, x: number, u: number, k: number];

/** Vertical offsets S0 and horizontal offsets S1 of offsets_index 0. */
const S0: readonly number[] = [2, 2, 2, 2, 10, 10, 10, 10, 6, 6, 6, 6];
const S1: readonly number[] = [6, 6, 6, 6, 2, 2, 2, 2, 10, 10, 10, 10];

export type PegasusVariant = 'full' | 'fabric' | 'nice';

/** (u, w, k, z) ↔ linear index, and nice coordinates (t, y, x, u, k), for pegasus(m). */
export class PegasusCoordinates extends MixedRadixCoordinates<PegasusCoord> {
  constructor(readonly m: number) {
    super(`pegasus(${m})`, ['u', 'w', 'k', 'z'], [2, m, 12, m - 1]);
  }

  /** dwave-networkx `nice_to_pegasus`; throws TopologyError for a nice coordinate out of range. */
  niceToPegasus(c: NiceCoord): PegasusCoord {
    const m1 = this.m - 1;
    checkTuple(`pegasus(${this.m}) nice`, ['t', 'y', 'x', 'u', 'k'], [3, m1, m1, 2, 4], c);
    const [t, y, x, u, k] = c;
    if (t === 0) return [u, u ? y + 1 : x, 4 + k, u ? x : y];
    if (t === 1) return [u, u ? y + 1 : x, u ? k : 8 + k, u ? x : y];
    return [u, u ? y : x + 1, u ? 8 + k : k, u ? x : y];
  }

  /** dwave-networkx `pegasus_to_nice`; throws TopologyError when the qubit lies outside the nice subgraph. */
  pegasusToNice(c: PegasusCoord): NiceCoord {
    this.toLinear(c);
    const [u, w, k, z] = c;
    const t = (((2 - u - (2 * u - 1) * Math.floor(k / 4)) % 3) + 3) % 3;
    let out: NiceCoord;
    if (t === 0) out = [0, u ? w - 1 : z, u ? z : w, u, k - 4];
    else if (t === 1) out = [1, u ? w - 1 : z, u ? z : w, u, u ? k : k - 8];
    else out = [2, u ? w : z, u ? z : w - 1, u, u ? k - 8 : k];
    const m1 = this.m - 1;
    const [, y, x] = out;
    if (y < 0 || y >= m1 || x < 0 || x >= m1)
      throw new TopologyError(
        `pegasus(${this.m}) coordinate (u, w, k, z) = (${c.join(', ')}) is outside the nice-coordinate subgraph`,
        { field: 'coordinate' },
      );
    return out;
  }

  niceToLinear(c: NiceCoord): number {
    return this.toLinear(this.niceToPegasus(c));
  }

  linearToNice(q: number): NiceCoord {
    return this.pegasusToNice(this.fromLinear(q));
  }
}

export interface PegasusOptions {
  /** Keep only the main fabric, as dwave-networkx's default fabric_only=True (default true). */
  fabricOnly?: boolean;
  /** Keep only the nice-coordinate subgraph (dwave-networkx nice_coordinates=True); overrides fabricOnly. */
  nice?: boolean;
}

/** The Pegasus lattice P(m), m ≥ 2; shape [m]. Fabric-only by default (P16: 5640 qubits, 40484 couplers). */
export function pegasusGraph(m: number, options: PegasusOptions = {}): Topology {
  checkShapeNumber('pegasus', 'm', m, 2);
  const variant: PegasusVariant = options.nice ? 'nice' : (options.fabricOnly ?? true) ? 'fabric' : 'full';
  const m1 = m - 1;
  const size = 24 * m * m1;
  const bound = 12 * (15 * m1 * m1 + m - 3);
  const name = `pegasus(${m}) ${variant === 'fabric' ? 'fabric-only' : variant}`;
  checkSize(name, size, bound);
  const [start, end] =
    variant === 'nice'
      ? [
          [4, 8],
          [8, 4],
        ]
      : variant === 'fabric'
        ? [
            [Math.min(...S1), Math.min(...S0)],
            [12 - Math.max(...S1), 12 - Math.max(...S0)],
          ]
        : [
            [0, 0],
            [0, 0],
          ];
  const kStart = (u: number, w: number) => (w === 0 ? start[u]! : 0);
  const kEnd = (u: number, w: number) => 12 - (w === m1 ? end[u]! : 0);
  const keep = (u: number, w: number, k: number) =>
    w === 0 ? k >= start[u]! : w === m1 ? k < 12 - end[u]! : true;
  const label = (u: number, w: number, k: number, z: number) => ((u * m + w) * 12 + k) * m1 + z;

  const pairs = new Int32Array(2 * bound);
  let n = 0;
  for (let u = 0; u < 2; u++)
    for (let w = 0; w < m; w++)
      for (let k = kStart(u, w); k < kEnd(u, w); k++) {
        for (let z = 0; z + 1 < m1; z++) {
          pairs[n++] = label(u, w, k, z);
          pairs[n++] = label(u, w, k, z + 1);
        }
        if ((k - kStart(u, w)) % 2 === 0)
          for (let z = 0; z < m1; z++) {
            pairs[n++] = label(u, w, k, z);
            pairs[n++] = label(u, w, k + 1, z);
          }
      }
  for (let w = 0; w < m; w++)
    for (let kk = 0; kk < 12; kk++)
      for (let k = w ? 0 : S1[kk]!; k < (w < m1 ? 12 : S1[kk]!); k++)
        for (let z = 0; z < m1; z++) {
          const w1 = z + (kk < S0[k]! ? 1 : 0);
          const z1 = w - (k < S1[kk]! ? 1 : 0);
          if (!keep(0, w, k) || !keep(1, w1, kk)) continue;
          pairs[n++] = label(0, w, k, z);
          pairs[n++] = label(1, w1, kk, z1);
        }
  const coordinates = new PegasusCoordinates(m);
  return Topology.build(
    { family: 'pegasus', shape: [m], name, indexSpace: size, coordinates },
    pairs.subarray(0, n),
  );
}
