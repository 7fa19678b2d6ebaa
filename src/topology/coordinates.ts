/**
 * Lattice coordinates of D-Wave topologies. Chimera, Pegasus and Zephyr linear indices are all mixed-radix
 * numbers over their coordinate tuples (most significant first), exactly as dwave-networkx's
 * `*_coordinates` classes compute them:
 *   chimera (i, j, u, k)      radices (m, n, 2, t)         q = ((i·n + j)·2 + u)·t + k
 *   pegasus (u, w, k, z)      radices (2, m, 12, m−1)      q = ((u·m + w)·12 + k)·(m−1) + z
 *   zephyr  (u, w, k, j, z)   radices (2, 2m+1, t, 2, m)   q = (((u·(2m+1) + w)·t + k)·2 + j)·m + z
 */

import { TopologyError } from '../errors.js';

/** Converts between a family's coordinate tuples and linear indices (node labels). */
export interface TopologyCoordinates<C extends readonly number[] = readonly number[]> {
  /** Component names, e.g. ['i', 'j', 'u', 'k'] for Chimera. */
  readonly names: readonly string[];
  /** Exclusive upper bound of each component (all components start at 0). */
  readonly radices: readonly number[];
  /** Number of linear indices: 0 ≤ q < size. */
  readonly size: number;
  /** Linear index of a coordinate tuple; throws TopologyError naming the component out of range. */
  toLinear(coord: C): number;
  /** Coordinate tuple of a linear index; throws TopologyError when q is not in 0..size−1. */
  fromLinear(q: number): C;
}

/** A coordinate system whose linear index is the mixed-radix number of its tuple. */
export class MixedRadixCoordinates<C extends readonly number[]> implements TopologyCoordinates<C> {
  readonly size: number;

  constructor(
    /** Used in error messages, e.g. "chimera(16, 16, 4)". */
    readonly label: string,
    readonly names: readonly string[],
    readonly radices: readonly number[],
  ) {
    this.size = radices.reduce((a, r) => a * r, 1);
  }

  toLinear(coord: C): number {
    checkTuple(this.label, this.names, this.radices, coord);
    let q = 0;
    for (let i = 0; i < this.radices.length; i++) q = q * this.radices[i]! + coord[i]!;
    return q;
  }

  fromLinear(q: number): C {
    checkLinear(this.label, q, this.size);
    const out = new Array<number>(this.radices.length);
    for (let i = this.radices.length - 1; i >= 0; i--) {
      const r = this.radices[i]!;
      out[i] = q % r;
      q = (q - out[i]!) / r;
    }
    return out as unknown as C;
  }
}

/** Throws a TopologyError unless `coord` has one integer per name, each in 0..radix−1. */
export function checkTuple(
  label: string,
  names: readonly string[],
  radices: readonly number[],
  coord: readonly number[],
): void {
  const shown = `(${names.join(', ')}) = (${Array.from(coord, String).join(', ')})`;
  if (!Array.isArray(coord) || coord.length !== names.length)
    throw new TopologyError(
      `${label} coordinate ${shown}: expected ${names.length} integers (${names.join(', ')})`,
      {
        field: 'coordinate',
      },
    );
  for (let i = 0; i < names.length; i++) {
    const v = coord[i]!;
    const r = radices[i]!;
    if (!Number.isInteger(v) || v < 0 || v >= r)
      throw new TopologyError(
        `${label} coordinate ${names[i]} = ${v} is out of range 0..${r - 1} in ${shown}`,
        {
          field: names[i]!,
        },
      );
  }
}

/** Throws a TopologyError unless q is an integer linear index in 0..size−1. */
export function checkLinear(label: string, q: number, size: number): void {
  if (!Number.isInteger(q) || q < 0 || q >= size)
    throw new TopologyError(`${label} linear index ${q} is out of range 0..${size - 1}`, { field: 'index' });
}
