/** Shape-parameter checks and size limits shared by the lattice generators. */

import { CapacityError, TopologyError } from '../errors.js';

/** Largest tile parameter t accepted for Chimera and Zephyr (QPUs use 4). */
export const MAX_TILE = 64;
/** Largest index space (qubit labels) a generated lattice may have: 4,194,304. */
export const MAX_INDEX_SPACE = 1 << 22;
/** Largest number of couplers a generated lattice may have: 16,777,216. */
export const MAX_EDGES = 1 << 24;

/** Throws a TopologyError naming `family` and the shape parameter unless value is an integer in min..max. */
export function checkShapeNumber(
  family: string,
  name: string,
  value: unknown,
  min: number,
  max?: number,
): void {
  const ok =
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= min &&
    (max === undefined || value <= max);
  if (!ok) {
    const range = max === undefined ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
    const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
    throw new TopologyError(`${family} shape ${name}: ${shown} is not ${range}`, {
      field: name,
    });
  }
}

/** Refuses lattices whose index space or edge count pass the limits above (CapacityError, exit 2). */
export function checkSize(label: string, indexSpace: number, edges: number): void {
  if (indexSpace > MAX_INDEX_SPACE || edges > MAX_EDGES)
    throw new CapacityError(
      `${label} would have ${indexSpace} qubit labels and ${edges} couplers; the limits are ` +
        `${MAX_INDEX_SPACE} labels and ${MAX_EDGES} couplers`,
      { field: 'shape' },
    );
}
