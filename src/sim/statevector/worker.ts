/**
 * Worker side of the threaded Trotter driver (./threaded.ts). A job message hands over the shared buffers (or the
 * shared wasm memory, for the WASM kernels); the worker then serves step commands through Atomics on the control
 * array, with barriers between the block pass and each high-qubit pass, until the main thread ends the job.
 * Loads from dist/ (compiled JS).
 */

import { parentPort } from 'node:worker_threads';
import { diagonalFromShared } from './diagonal.js';
import { rxRange } from './kernels.js';
import { applyDiagonal, blockBits, highGroups, newLevelTable, prepareTable, rxGroup } from './step.js';
import { C, CMD, type WorkerJob } from './team-protocol.js';
import { WasmKernel, wasmKernelModule, wasmUnavailableReason } from './wasm-kernel.js';

function serve(job: WorkerJob): void {
  const ctrl = new Int32Array(job.control);
  const params = new Float64Array(job.params);
  const { n, index: w, threads: T } = job;
  const N = 2 ** n;
  const a = new Float64Array(job.amps, 0, 2 * N);
  const diag = diagonalFromShared(job.diag, n);
  const plan = new Float64Array(job.plan);
  const table = newLevelTable(diag);
  let kernel: WasmKernel | undefined;
  let setupError = '';
  if (job.wasm) {
    const mod = wasmKernelModule();
    if (mod) kernel = new WasmKernel(job.wasm.memory, job.wasm.layout, w, mod);
    else setupError = `the WASM kernels are unavailable in the worker: ${wasmUnavailableReason()}`;
  }
  // flagged before 'ready', so every worker sees it before the first command and none waits at a barrier
  if (setupError) Atomics.store(ctrl, C.ERROR, 1);
  const b = blockBits(n);
  const B = 2 ** b;
  const nb = N / B;
  const blk0 = Math.floor((w * nb) / T);
  const blk1 = Math.floor(((w + 1) * nb) / T);
  const groups = highGroups(n, b).map(([q, k]) => {
    const G = N / 2 ** k;
    return [q, k, Math.floor((w * G) / T), Math.floor(((w + 1) * G) / T)] as const;
  });

  const barrier = () => {
    const gen = Atomics.load(ctrl, C.BARGEN);
    if (Atomics.add(ctrl, C.BAR, 1) === T - 1) {
      Atomics.store(ctrl, C.BAR, 0);
      Atomics.add(ctrl, C.BARGEN, 1);
      Atomics.notify(ctrl, C.BARGEN);
    } else {
      for (let spin = 0; spin < 4000 && Atomics.load(ctrl, C.BARGEN) === gen; spin++);
      while (Atomics.load(ctrl, C.BARGEN) === gen) Atomics.wait(ctrl, C.BARGEN, gen, 50);
    }
  };

  const wasmStep = (K: WasmKernel, phi: number, c: number, s: number) => {
    if (phi !== 0) K.prepare(diag, phi);
    K.blocks(diag, phi, c, s, blk0, blk1);
    for (const [q, k, g0, g1] of groups) {
      barrier();
      K.rx(q, k, c, s, g0, g1);
    }
    barrier();
  };

  const step = (phi: number, c: number, s: number) => {
    if (kernel) return wasmStep(kernel, phi, c, s);
    if (phi !== 0) prepareTable(diag, table, phi);
    for (let blk = blk0; blk < blk1; blk++) {
      const z0 = blk * B;
      if (phi !== 0) applyDiagonal(a, diag, table, phi, z0, z0 + B);
      rxRange(a, 0, b, c, s, z0, z0 + B);
    }
    for (const [q, k, g0, g1] of groups) {
      barrier();
      rxGroup(a, q, k, c, s, g0, g1);
    }
    barrier();
  };

  let seen = Atomics.load(ctrl, C.GEN);
  parentPort?.postMessage({ type: 'ready' });
  for (;;) {
    while (Atomics.load(ctrl, C.GEN) === seen) Atomics.wait(ctrl, C.GEN, seen);
    seen = Atomics.load(ctrl, C.GEN);
    const cmd = Atomics.load(ctrl, C.CMD);
    if (cmd === CMD.END) return;
    try {
      if (setupError) throw new Error(setupError);
      if (Atomics.load(ctrl, C.ERROR)) {
        // another worker could not set up: do nothing, the main thread reports its error
      } else if (cmd === CMD.STEPS) {
        const k1 = Atomics.load(ctrl, C.K1);
        for (let k = Atomics.load(ctrl, C.K0); k < k1; k++)
          step(plan[3 * k]!, plan[3 * k + 1]!, plan[3 * k + 2]!);
      } else if (cmd === CMD.PHASE) {
        const phi = params[0]!;
        const z0 = Math.floor((w * N) / T);
        const z1 = Math.floor(((w + 1) * N) / T);
        if (kernel) kernel.diagonal(diag, phi, z0, z1);
        else {
          prepareTable(diag, table, phi);
          applyDiagonal(a, diag, table, phi, z0, z1);
        }
      }
    } catch (e) {
      Atomics.store(ctrl, C.ERROR, 1);
      parentPort?.postMessage({ type: 'error', message: (e as Error)?.stack ?? String(e) });
    }
    if (Atomics.add(ctrl, C.DONE, 1) === T - 1) Atomics.notify(ctrl, C.DONE);
  }
}

parentPort?.on('message', (msg: { type: string; job?: WorkerJob }) => {
  if (msg.type === 'job' && msg.job) {
    serve(msg.job);
    parentPort?.postMessage({ type: 'ended' });
  }
});
