/**
 * Builds a lattice from a family name and shape numbers, as Leap's `topology` property gives them
 * ({"type": "pegasus", "shape": [16]}) or as the CLI reads them (`qaxai topology zephyr 12 4`).
 *   chimera [m, n = m, t = 4]    pegasus [m]    zephyr [m, t = 4]
 */

import { TopologyError } from '../errors.js';
import { chimeraGraph } from './chimera.js';
import { pegasusGraph } from './pegasus.js';
import type { Topology } from './topology.js';
import { zephyrGraph } from './zephyr.js';

export const LATTICE_FAMILIES = ['chimera', 'pegasus', 'zephyr'] as const;
export type LatticeFamily = (typeof LATTICE_FAMILIES)[number];

/** Names of the shape numbers of each family, in order. */
export const SHAPE_NAMES: Readonly<Record<LatticeFamily, readonly string[]>> = {
  chimera: ['m', 'n', 't'],
  pegasus: ['m'],
  zephyr: ['m', 't'],
};

export interface ShapeOptions {
  /** Pegasus only: keep only the main fabric (default true), as dwave-networkx. */
  fabricOnly?: boolean;
  /** Pegasus only: the nice-coordinate subgraph. */
  nice?: boolean;
  /** Field named in messages (default 'shape'). */
  field?: string;
}

export function isLatticeFamily(name: unknown): name is LatticeFamily {
  return typeof name === 'string' && (LATTICE_FAMILIES as readonly string[]).includes(name);
}

/** Throws a TopologyError listing the families unless `name` is one. */
export function checkLatticeFamily(name: unknown, field = 'family'): LatticeFamily {
  if (!isLatticeFamily(name))
    throw new TopologyError(
      `${field}: ${JSON.stringify(name) ?? String(name)} is not a topology family (expected one of ${LATTICE_FAMILIES.join(', ')})`,
      { field },
    );
  return name;
}

/**
 * Reads shape numbers (numbers, or decimal-integer strings from a command line). Too few or too many numbers,
 * or a value that is not an integer, is a TopologyError naming the shape number; ranges are checked by the
 * generators.
 */
export function parseShape(family: LatticeFamily, shape: readonly unknown[], field = 'shape'): number[] {
  const names = SHAPE_NAMES[family];
  const usage = `${family} ${names.map((n, i) => (i === 0 ? n : `[${n}]`)).join(' ')}`;
  if (!Array.isArray(shape) || shape.length === 0)
    throw new TopologyError(`${field}: ${family} needs at least the shape number ${names[0]} (${usage})`, {
      field,
    });
  if (shape.length > names.length)
    throw new TopologyError(
      `${field}: ${family} takes at most ${names.length} shape number${names.length > 1 ? 's' : ''} (${usage}), got ${shape.length}`,
      { field },
    );
  return shape.map((v, i) => {
    const n = typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n))
      throw new TopologyError(
        `${family} shape ${names[i]}: ${JSON.stringify(v) ?? String(v)} is not an integer`,
        {
          field: names[i]!,
        },
      );
    return n;
  });
}

/** The lattice of a family and shape; Pegasus is fabric-only unless options.fabricOnly is false. */
export function topologyFromShape(
  family: unknown,
  shape: readonly unknown[],
  options: ShapeOptions = {},
): Topology {
  const fam = checkLatticeFamily(family);
  const s = parseShape(fam, shape, options.field);
  if (fam === 'chimera') return chimeraGraph(s[0]!, s[1] ?? s[0]!, s[2] ?? 4);
  if (fam === 'pegasus')
    return pegasusGraph(s[0]!, { fabricOnly: options.fabricOnly ?? true, nice: options.nice ?? false });
  return zephyrGraph(s[0]!, s[1] ?? 4);
}
