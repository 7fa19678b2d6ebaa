/** Seeded random test instances (test helper). */

import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { Rng } from '../../src/sim/rng.js';

/** n spins, h ~ U(−hMax, hMax), each pair coupled with probability `density`, J ~ U(−1, 1). */
export function randomIsing(n: number, seed: number, density = 0.6, hMax = 1): BinaryQuadraticModel {
  const rng = Rng.fromSeed(seed, 777);
  const bqm = new BinaryQuadraticModel('SPIN');
  for (let i = 0; i < n; i++) bqm.addLinear(i, hMax * (2 * rng.nextDouble() - 1));
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      if (rng.nextDouble() < density) bqm.addQuadratic(i, j, 2 * rng.nextDouble() - 1);
  return bqm;
}

/** A ±1 spin glass with a planted ground state: J_ij = −g_i g_j |w_ij| (ferromagnetic in the gauge g). */
export function plantedIsing(
  n: number,
  seed: number,
  degree = 4,
): { bqm: BinaryQuadraticModel; ground: Int8Array } {
  const rng = Rng.fromSeed(seed, 778);
  const ground = new Int8Array(n);
  for (let i = 0; i < n; i++) ground[i] = rng.nextSpin();
  const bqm = new BinaryQuadraticModel('SPIN');
  for (let i = 0; i < n; i++) bqm.addLinear(i, 0);
  // a ring (connected) plus random chords
  for (let i = 0; i < n; i++) bqm.addQuadratic(i, (i + 1) % n, -ground[i]! * ground[(i + 1) % n]!);
  for (let e = 0; e < (n * (degree - 2)) / 2; e++) {
    const i = rng.nextInt(n);
    const j = rng.nextInt(n);
    if (i === j || bqm.getQuadratic(i, j) !== undefined) continue;
    bqm.addQuadratic(i, j, -ground[i]! * ground[j]! * (1 + rng.nextInt(3)));
  }
  return { bqm, ground };
}

/** Brute-force ground energy and states of a small SPIN model (n ≤ 20). */
export function bruteForce(bqm: BinaryQuadraticModel): { energy: number; states: Int8Array[] } {
  const n = bqm.numVariables;
  let best = Number.POSITIVE_INFINITY;
  let states: Int8Array[] = [];
  const s = new Int8Array(n);
  for (let z = 0; z < 1 << n; z++) {
    for (let i = 0; i < n; i++) s[i] = (z >> i) & 1 ? -1 : 1;
    const e = bqm.energyOf(s);
    if (e < best - 1e-9) {
      best = e;
      states = [s.slice()];
    } else if (Math.abs(e - best) <= 1e-9) states.push(s.slice());
  }
  return { energy: best, states };
}
