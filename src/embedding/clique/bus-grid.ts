/**
 * The "bus" view of a D-Wave lattice used by the clique embedder (the idea of Boothby, King & Roy,
 * arXiv:1507.04774, and of minorminer's busclique; this is our own construction).
 *
 * A G×G grid of cells. Every qubit is a straight segment: vertical qubits lie in one column on one of T
 * tracks and cover a run of rows, horizontal qubits lie in one row on one track and cover a run of columns.
 * Cutting every qubit into one fragment per cell it covers gives, per column c and track k, a vertical line
 * `vert[(c·T + k)·G + r]` (the qubit at row r, −1 where there is none) and per row r and track k a horizontal
 * line `horz[(r·T + k)·G + c]`. Consecutive fragments of a line are joined when they are the same qubit or
 * their qubits share a coupler. In all three families a vertical and a horizontal qubit whose segments cross
 * in a cell are coupled (checked on the real graph when chains are built):
 *
 * - Chimera C(m, n, t): G = min(m, n), T = t; qubit (i, j, u, k) is one cell (i, j).
 * - Pegasus P(m) (dwave-networkx's K2,2 fragmentation): G = 6m, T = 2; vertical (0, w, k, z) is column
 *   6w + ⌊k/2⌋, track k mod 2, rows 6z + S0[k]/2 … +5; horizontal (1, w, k, z) is row 6w + ⌊k/2⌋, track k mod 2,
 *   columns 6z + S1[k]/2 … +5 (S0, S1 the default offsets).
 * - Zephyr Z(m, t): G = 2m + 1, T = 2t; vertical (0, w, k, j, z) is column w, track 2k + j, rows 2z + j and
 *   2z + j + 1; horizontal (1, w, k, j, z) is row w, track 2k + j, columns 2z + j and 2z + j + 1.
 *
 * Qubits missing from the (working) graph leave −1 fragments, so broken qubits are respected.
 */

import type { Topology } from '../../topology/topology.js';
import { EmbeddingError } from '../embedding-error.js';

export interface BusGrid {
  readonly G: number;
  readonly T: number;
  readonly vert: Int32Array;
  readonly horz: Int32Array;
}

function emptyGrid(G: number, T: number): BusGrid {
  return {
    G,
    T,
    vert: new Int32Array(G * T * G).fill(-1),
    horz: new Int32Array(G * T * G).fill(-1),
  };
}

function chimeraGrid(topo: Topology): BusGrid {
  const [m, n, t] = topo.shape as [number, number, number];
  const G = Math.min(m, n);
  const grid = emptyGrid(G, t);
  const label = (i: number, j: number, u: number, k: number) => ((i * n + j) * 2 + u) * t + k;
  for (let i = 0; i < G; i++)
    for (let j = 0; j < G; j++)
      for (let k = 0; k < t; k++) {
        const v = label(i, j, 0, k);
        if (topo.hasNode(v)) grid.vert[(j * t + k) * G + i] = v;
        const h = label(i, j, 1, k);
        if (topo.hasNode(h)) grid.horz[(i * t + k) * G + j] = h;
      }
  return grid;
}

const S0 = [2, 2, 2, 2, 10, 10, 10, 10, 6, 6, 6, 6];
const S1 = [6, 6, 6, 6, 2, 2, 2, 2, 10, 10, 10, 10];

function pegasusGrid(topo: Topology): BusGrid {
  const m = topo.shape[0]!;
  const G = 6 * m;
  const grid = emptyGrid(G, 2);
  for (let u = 0; u < 2; u++)
    for (let w = 0; w < m; w++)
      for (let k = 0; k < 12; k++)
        for (let z = 0; z < m - 1; z++) {
          const q = ((u * m + w) * 12 + k) * (m - 1) + z;
          if (!topo.hasNode(q)) continue;
          const line = 6 * w + (k >> 1);
          const track = k & 1;
          const start = 6 * z + (u === 0 ? S0[k]! : S1[k]!) / 2;
          for (let x = start; x < start + 6 && x < G; x++) {
            if (u === 0) grid.vert[(line * 2 + track) * G + x] = q;
            else grid.horz[(line * 2 + track) * G + x] = q;
          }
        }
  return grid;
}

function zephyrGrid(topo: Topology): BusGrid {
  const [m, t] = topo.shape as [number, number];
  const M = 2 * m + 1;
  const G = M;
  const T = 2 * t;
  const grid = emptyGrid(G, T);
  for (let u = 0; u < 2; u++)
    for (let w = 0; w < M; w++)
      for (let k = 0; k < t; k++)
        for (let j = 0; j < 2; j++)
          for (let z = 0; z < m; z++) {
            const q = (((u * M + w) * t + k) * 2 + j) * m + z;
            if (!topo.hasNode(q)) continue;
            const track = 2 * k + j;
            for (let x = 2 * z + j; x <= 2 * z + j + 1; x++) {
              if (u === 0) grid.vert[(w * T + track) * G + x] = q;
              else grid.horz[(w * T + track) * G + x] = q;
            }
          }
  return grid;
}

/** The bus grid of a Chimera, Pegasus or Zephyr graph (working graphs included). */
export function busGrid(topo: Topology): BusGrid {
  switch (topo.family) {
    case 'chimera':
      return chimeraGrid(topo);
    case 'pegasus':
      return pegasusGrid(topo);
    case 'zephyr':
      return zephyrGrid(topo);
    default:
      throw new EmbeddingError(
        'not-found',
        `clique embeddings need a chimera, pegasus or zephyr graph; ${topo.describe()} is ${topo.family} (use the heuristic embedder)`,
      );
  }
}
