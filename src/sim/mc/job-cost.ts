/**
 * A rough single-thread time for a Monte Carlo task, so that runReads can decide whether worker threads pay
 * (their start-up and the model's transfer cost tens of milliseconds). Costs per update are the WebAssembly and
 * TypeScript kernels' measured on a 2-core x86 sandbox (docs/benchmarks.md, "Against Ocean"), with a term per
 * neighbour (the field updates of accepted moves, the merges of continuous-time worldlines). Within a factor of
 * about two: it only sets a threshold.
 */

import { type McTask, updatesPerRead } from './tasks.js';

/** Nanoseconds per update: a fixed part and a part per neighbour (mean degree). */
const NS_PER_UPDATE = {
  sa: [9, 0.18],
  pimc: [5, 0.2],
  svmc: [22, 0.2],
} as const;

/**
 * Continuous-time PIMC: a qubit update costs ≈ 40 ns + degree × (2 + 25·k) ns with k the kinks it meets per
 * neighbour, ≈ (βΓ)²/(1 + βΓ) (few kinks while βΓ ≲ 1, ≈ βΓ of them when the transverse field dominates).
 */
function ctPimcNsPerSweep(n: number, degree: number, betaGamma: number): number {
  const kinks = (betaGamma * betaGamma) / (1 + betaGamma);
  return n * (40 + degree * (2 + 25 * kinks));
}

/** Estimated seconds one read of `task` takes on one thread. */
export function estimatedSecondsPerRead(task: McTask): number {
  const { n, colIdx } = task.model;
  const degree = n > 0 ? colIdx.length / n : 0;
  if (task.kind === 'pimc-ct') {
    let ns = 0;
    for (let k = 0; k < task.betaGamma.length; k++) ns += ctPimcNsPerSweep(n, degree, task.betaGamma[k]!);
    return ns * 1e-9;
  }
  const [fixed, perNeighbour] = NS_PER_UPDATE[task.kind];
  return updatesPerRead(task) * (fixed + perNeighbour * degree) * 1e-9;
}
