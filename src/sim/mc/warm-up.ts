/**
 * Warms up the PIMC and SA kernels on a small synthetic problem so that V8 optimises them, with type feedback
 * for every branch, before a long run starts.
 *
 * Why: a sweep over a large model is one long call. If it is still unoptimised when it gets hot, V8 compiles it
 * on-stack (OSR) with the feedback seen so far; when the run later reaches a branch that had never executed
 * (the exp band of the acceptance test, the sparse bond draws of a late anneal, a scatter tail), that code
 * deoptimises, and in Node 20 the cached OSR code is re-entered and deoptimised again on every later call, so
 * the sweep runs mostly in the interpreter (measured: 0.55–0.75× the optimised speed, varying run to run).
 * Running every path once on small arrays first gets the kernels optimised normally, so a long run enters
 * optimised code directly. Costs ~50 ms once per thread.
 */

import { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { compileModel } from '../../hamiltonian/compiled.js';
import { Rng } from '../rng.js';
import { metropolisSweep, PimcState, worldlineSweep } from './pimc-kernel.js';
import { classicalFields, saSweep } from './sa-kernel.js';

let warmed = false;

/** Runs the kernels through all their paths once per thread (later calls return at once). */
export function warmUpKernels(): void {
  if (warmed) return;
  warmed = true;
  const rng = Rng.fromSeed(0x5eed);
  // 40 spins with degrees 0..9 (every shape of the unrolled scatter), non-integer couplings and fields
  const n = 40;
  const couplings = new Map<number, [[number, number], number]>();
  for (let i = 0; i < n; i++)
    for (let d = 0; d < i % 10; d++) {
      const j = rng.nextInt(n);
      if (j !== i) couplings.set(Math.min(i, j) * n + Math.max(i, j), [[i, j], 2 * rng.next() - 1]);
    }
  const linear: [number, number][] = [];
  for (let i = 0; i < n; i++) linear.push([i, 0.1 * (i % 5) - 0.2]);
  const model = compileModel(BinaryQuadraticModel.fromIsing(linear, [...couplings.values()]), 'SPIN');
  const st = new PimcState(n, 8);
  const spins = new Int8Array(n);
  const field = new Float64Array(n);
  // (a, K) from free spins to frozen worldlines, integer-valued ones included (K is capped at the integer 30)
  const pimcParams = [
    [0.02, 0.3],
    [0.2, 1.5],
    [1.5, 4],
    [8, 12],
    [0.5, 0.05],
    [0, 30],
    [3, 30],
  ];
  const betas = [0.01, 0.3, 1, 3, 30];
  for (let rep = 0; rep < 60; rep++) {
    st.randomize(model, rng);
    for (const [a, K] of pimcParams) {
      metropolisSweep(model, st, a!, K!, rng);
      worldlineSweep(model, st, a!, K!, rng);
    }
    for (let i = 0; i < n; i++) spins[i] = rng.nextSpin();
    classicalFields(model, spins, field);
    for (const beta of betas) saSweep(model, spins, field, beta, rng);
  }
}
