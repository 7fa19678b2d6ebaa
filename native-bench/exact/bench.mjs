#!/usr/bin/env node
// Exact enumeration benchmark: 2^24 states (n = 24) for a sparse and a dense random Ising model, on 1 and on
// all available threads. Target (issue 2): well under 2 s on 2 cores. `npm run bench -- exact [--json]`.
import { availableParallelism } from 'node:os';
import { BinaryQuadraticModel } from '../../dist/hamiltonian/bqm.js';
import { solveExact } from '../../dist/sim/exact/solve-exact.js';
import { Rng } from '../../dist/sim/rng.js';
import { closeAllPools } from '../../dist/sim/threads/pool.js';

const json = process.argv.includes('--json');
const n = 24;
function model(density, seed) {
  const rng = Rng.fromSeed(seed);
  const bqm = new BinaryQuadraticModel('SPIN');
  for (let i = 0; i < n; i++) bqm.addLinear(i, rng.nextDouble() - 0.5);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) if (rng.next() < density) bqm.addQuadratic(i, j, rng.nextDouble() - 0.5);
  return bqm;
}
const threadsAll = availableParallelism();
const results = {};
for (const [name, density] of [
  ['sparse', 0.15],
  ['dense', 1],
]) {
  const bqm = model(density, 7);
  for (const threads of [1, threadsAll]) {
    await solveExact(bqm, { threads }); // warm the pool
    const t0 = performance.now();
    const sol = await solveExact(bqm, { threads });
    const s = (performance.now() - t0) / 1000;
    results[`${name}_${threads}t_seconds`] = Number(s.toFixed(4));
    if (!json)
      console.log(
        `${name.padEnd(6)} n=${n} edges=${bqm.numInteractions} threads=${threads}: ${s.toFixed(3)} s, E0=${sol.groundEnergy}`,
      );
  }
}
await closeAllPools();
const out = { n, states: 2 ** n, threads: threadsAll, ...results };
console.log(json ? JSON.stringify(out) : `\n${JSON.stringify(out)}`);
