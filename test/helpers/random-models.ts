/** Seeded random models and a brute-force reference for tests. */

import { BinaryQuadraticModel, type Vartype } from '../../src/hamiltonian/bqm.js';
import { Rng } from '../../src/sim/rng.js';

export function randomBqm(
  n: number,
  density: number,
  seed: number,
  vartype: Vartype = 'SPIN',
  opts: { integer?: boolean; labels?: (i: number) => number | string } = {},
): BinaryQuadraticModel {
  const rng = Rng.fromSeed(seed);
  const val = () => (opts.integer ? rng.nextInt(5) - 2 : Math.round((rng.nextDouble() * 4 - 2) * 1e6) / 1e6);
  const lab = opts.labels ?? ((i: number) => i);
  const bqm = new BinaryQuadraticModel(vartype, val());
  for (let i = 0; i < n; i++) bqm.addLinear(lab(i), val());
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) if (rng.next() < density) bqm.addQuadratic(lab(i), lab(j), val());
  return bqm;
}

/** All 2^n states by brute force: energies in state-index order (bit v set = +1 / 1). */
export function bruteForceEnergies(bqm: BinaryQuadraticModel): Float64Array {
  const n = bqm.numVariables;
  const out = new Float64Array(2 ** n);
  const x = new Float64Array(n);
  for (let s = 0; s < 2 ** n; s++) {
    for (let v = 0; v < n; v++) {
      const bit = Math.floor(s / 2 ** v) % 2;
      x[v] = bqm.vartype === 'SPIN' ? 2 * bit - 1 : bit;
    }
    out[s] = bqm.energyOf(x);
  }
  return out;
}
