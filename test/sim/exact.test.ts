import { afterAll, describe, expect, it } from 'vitest';
import { CapacityError } from '../../src/errors.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import {
  applyGauge,
  drawGauge,
  SpinReversalTransformComposite,
} from '../../src/sim/composites/spin-reversal.js';
import { energiesEqual } from '../../src/sim/exact/enumerate.js';
import { ExactSolver } from '../../src/sim/exact/exact-sampler.js';
import { solveExact } from '../../src/sim/exact/solve-exact.js';
import { closeAllPools } from '../../src/sim/threads/pool.js';
import { bruteForceEnergies, randomBqm } from '../helpers/random-models.js';

afterAll(() => closeAllPools());

function referenceSpectrum(bqm: BinaryQuadraticModel, levels: number) {
  const e = Array.from(bruteForceEnergies(bqm)).sort((a, b) => a - b);
  const out: Array<{ energy: number; degeneracy: number }> = [];
  for (const x of e) {
    const last = out[out.length - 1];
    if (last && energiesEqual(last.energy, x)) last.degeneracy++;
    else out.push({ energy: x, degeneracy: 1 });
  }
  return out.slice(0, levels);
}

describe('exact enumeration', () => {
  it('finds the ground level, its degeneracy and the low spectrum of random models (brute force)', async () => {
    for (const [seed, vt, integer] of [
      [1, 'SPIN', false],
      [2, 'BINARY', false],
      [3, 'SPIN', true],
      [4, 'BINARY', true],
    ] as const) {
      const bqm = randomBqm(11, 0.5, seed, vt, { integer });
      const sol = await solveExact(bqm, { levels: 6 });
      const ref = referenceSpectrum(bqm, 6);
      expect(sol.spectrum.map((l) => l.degeneracy)).toEqual(ref.map((l) => l.degeneracy));
      sol.spectrum.forEach((l, k) => expect(l.energy).toBeCloseTo(ref[k]!.energy, 9));
      expect(sol.degeneracy).toBe(ref[0]!.degeneracy);
      // every listed ground state has the ground energy
      for (let r = 0; r < sol.groundStatesListed; r++)
        expect(bqm.energyOf(sol.groundStates.subarray(r * 11, (r + 1) * 11))).toBeCloseTo(
          sol.groundEnergy,
          9,
        );
    }
  });

  it('counts a large exact degeneracy (free spins) and caps the listed states', async () => {
    // a ferromagnetic pair plus 10 free spins: ground degeneracy 2 * 2^10
    const bqm = BinaryQuadraticModel.fromIsing(
      Array.from({ length: 12 }, (_, i) => [i, 0] as const),
      [[[0, 1], -1]],
    );
    const sol = await solveExact(bqm, { maxGroundStates: 10 });
    expect(sol.groundEnergy).toBe(-1);
    expect(sol.degeneracy).toBe(2048);
    expect(sol.groundStatesListed).toBe(10);
    expect(sol.spectrum[1]).toEqual({ energy: 1, degeneracy: 2048 });
  });

  it('splits across worker threads with the same answer as one thread (n = 22)', async () => {
    const bqm = randomBqm(22, 0.3, 7, 'SPIN', { integer: true });
    const threaded = await solveExact(bqm, { levels: 4, threads: 2, keepStates: 20 });
    expect(threaded.threads).toBe(2);
    expect(threaded.statesVisited).toBe(2 ** 22);
    // reference: fix the top variable by hand and enumerate both halves inline
    const halves = await Promise.all(
      [-1, 1].map(async (v) => {
        const sub = new BinaryQuadraticModel('SPIN', bqm.offset + v * bqm.linearAt(21));
        for (let i = 0; i < 21; i++) sub.addLinear(bqm.variables.at(i), bqm.linearAt(i));
        for (const [i, j, w] of bqm.interactions()) {
          if (j === 21) sub.addLinear(bqm.variables.at(i), v * w);
          else if (i === 21) sub.addLinear(bqm.variables.at(j), v * w);
          else sub.addQuadratic(bqm.variables.at(i), bqm.variables.at(j), w);
        }
        return solveExact(sub, { levels: 4 });
      }),
    );
    const merged = new Map<number, number>();
    for (const h of halves)
      for (const l of h.spectrum) merged.set(l.energy, (merged.get(l.energy) ?? 0) + l.degeneracy);
    const ref = [...merged.entries()].sort((a, b) => a[0] - b[0]).slice(0, 4);
    expect(threaded.spectrum.map((l) => [l.energy, l.degeneracy])).toEqual(ref);
    // the kept lowest states are sorted and consistent with the spectrum
    for (let r = 1; r < 20; r++)
      expect(threaded.lowEnergies[r]!).toBeGreaterThanOrEqual(threaded.lowEnergies[r - 1]!);
    expect(threaded.lowEnergies[0]).toBe(threaded.groundEnergy);
  });

  it('refuses more than 40 variables with the reason and alternatives', async () => {
    const bqm = BinaryQuadraticModel.fromIsing(
      Array.from({ length: 41 }, (_, i) => [i, 1] as const),
      [],
    );
    await expect(solveExact(bqm)).rejects.toThrow(CapacityError);
    await expect(solveExact(bqm)).rejects.toThrow(/41 variables.*past 40.*sa or pimc/);
  });
});

describe('ExactSolver sampler', () => {
  it('returns every state for small n, sorted, with correct energies', async () => {
    const bqm = randomBqm(6, 0.7, 5, 'BINARY');
    const ss = await new ExactSolver().sample(bqm);
    expect(ss.numRows).toBe(64);
    const e = ss.energy;
    for (let r = 1; r < 64; r++) expect(e[r]!).toBeGreaterThanOrEqual(e[r - 1]!);
    for (let r = 0; r < 64; r++) expect(bqm.energyOf(ss.row(r))).toBeCloseTo(e[r]!, 12);
    expect(new Set(Array.from({ length: 64 }, (_, r) => ss.row(r).join(''))).size).toBe(64);
    expect(ss.info.sampler).toBe('exact');
  });

  it('rejects unknown parameters, naming them', async () => {
    await expect(new ExactSolver().sample(randomBqm(3, 1, 1), { num_sweeps: 3 })).rejects.toThrow(
      /num_sweeps: the exact sampler has no such parameter/,
    );
  });
});

describe('SpinReversalTransformComposite', () => {
  it('gauges h and J so that gauged energies of gauged states equal the original energies', () => {
    const bqm = randomBqm(8, 0.6, 13);
    const g = drawGauge(99, 0, 8);
    const gauged = applyGauge(bqm, g);
    const s = Int8Array.from({ length: 8 }, (_, i) => (i % 2 ? 1 : -1));
    const gs = Int8Array.from(s, (v, i) => v * g[i]!);
    expect(gauged.energyOf(gs)).toBeCloseTo(bqm.energyOf(s), 12);
  });

  it('wrapping the exact solver still returns the true ground states with original energies', async () => {
    const bqm = randomBqm(7, 0.6, 17, 'BINARY');
    const sampler = new SpinReversalTransformComposite(new ExactSolver());
    const ss = await sampler.sample(bqm, { num_spin_reversal_transforms: 3, srt_seed: 5, num_states: 4 });
    expect(ss.numRows).toBe(12);
    const ref = referenceSpectrum(bqm, 1)[0]!.energy;
    for (let r = 0; r < ss.numRows; r++) expect(bqm.energyOf(ss.row(r))).toBeCloseTo(ss.energy[r]!, 12);
    expect(Math.min(...ss.energy)).toBeCloseTo(ref, 12);
    expect(ss.info.spin_reversal).toEqual({ num_spin_reversal_transforms: 3, srt_seed: 5 });
  });
});
