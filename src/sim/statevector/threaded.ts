/**
 * Threaded Trotter evolution: a team of persistent worker threads (created once per thread count, reused by
 * every evolution) sharing the statevector, the diagonal and the step plan through SharedArrayBuffers — or,
 * for the WASM kernels, through one shared WebAssembly.Memory that every worker instantiates the kernels on.
 * The main thread hands out ranges of steps through Atomics; workers synchronise among themselves with
 * Atomics barriers inside each step, so a step costs no message round trip.
 */

import { Worker } from 'node:worker_threads';
import { InternalError, WorkError } from '../../errors.js';
import { workerScriptUrl } from '../threads/worker-url.js';
import { type Diagonal, shareDiagonal } from './diagonal.js';
import type { StepPlan } from './plan.js';
import { C, CMD, type WorkerJob } from './team-protocol.js';
import type { WasmState } from './wasm-kernel.js';

/** Evolves a state by ranges of plan steps (serial or threaded). */
export interface Evolver {
  readonly threads: number;
  /** Applies plan steps [k0, k1). */
  run(k0: number, k1: number): Promise<void>;
  /** Applies the closing diagonal exp(−iφ H_P). */
  phase(phi: number): Promise<void>;
  /** Ends the job (the workers stay alive for the next one). */
  end(): Promise<void>;
}

/** Atomics.waitAsync (Node ≥ 16; not yet in TypeScript's ES2023 lib). */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      a: Int32Array,
      i: number,
      v: number,
      t: number,
    ): { async: boolean; value: Promise<string> | string };
  }
).waitAsync;

class Team {
  readonly workers: Worker[] = [];
  private readonly waiters = new Map<Worker, Array<(m: { type: string; message?: string }) => void>>();
  private busy = false;
  lastError: string | undefined;

  constructor(readonly threads: number) {
    const url = workerScriptUrl('./worker.js', import.meta.url);
    for (let i = 0; i < threads; i++) {
      const w = new Worker(url);
      w.unref();
      this.waiters.set(w, []);
      w.on('message', (m: { type: string; message?: string }) => {
        if (m.type === 'error') this.lastError = m.message;
        const q = this.waiters.get(w)!;
        const f = q.shift();
        if (f && m.type !== 'error') f(m);
        else if (f) q.unshift(f);
      });
      w.on('error', (e) => {
        this.lastError = e.stack ?? String(e);
      });
      this.workers.push(w);
    }
  }

  private next(w: Worker, type: string): Promise<void> {
    return new Promise((resolve) =>
      this.waiters.get(w)!.push((m) => {
        if (m.type === type) resolve();
      }),
    );
  }

  async start(jobBase: Omit<WorkerJob, 'index' | 'threads' | 'control' | 'params'>): Promise<Evolver> {
    if (this.busy) throw new InternalError('statevector thread team is already running a job');
    this.busy = true;
    const T = this.threads;
    const control = new SharedArrayBuffer(C.SIZE * 4);
    const params = new SharedArrayBuffer(8);
    const ctrl = new Int32Array(control);
    const par = new Float64Array(params);
    for (const w of this.workers) w.ref();
    const ready = this.workers.map((w) => this.next(w, 'ready'));
    this.workers.forEach((w, index) =>
      w.postMessage({
        type: 'job',
        job: { ...jobBase, control, params, index, threads: T } satisfies WorkerJob,
      }),
    );
    await Promise.all(ready);
    const command = async (cmd: number) => {
      Atomics.store(ctrl, C.DONE, 0);
      Atomics.store(ctrl, C.CMD, cmd);
      Atomics.add(ctrl, C.GEN, 1);
      Atomics.notify(ctrl, C.GEN);
      for (;;) {
        const done = Atomics.load(ctrl, C.DONE);
        if (done >= T) break;
        const r = waitAsync(ctrl, C.DONE, done, 1000);
        if (r.async) await r.value;
      }
      if (Atomics.load(ctrl, C.ERROR))
        throw new WorkError(`statevector worker failed: ${this.lastError ?? 'unknown error'}`);
    };
    let ended = false;
    return {
      threads: T,
      run: async (k0, k1) => {
        if (k1 <= k0) return;
        Atomics.store(ctrl, C.K0, k0);
        Atomics.store(ctrl, C.K1, k1);
        await command(CMD.STEPS);
      },
      phase: async (phi) => {
        par[0] = phi;
        await command(CMD.PHASE);
      },
      end: async () => {
        if (ended) return;
        ended = true;
        const gone = this.workers.map((w) => this.next(w, 'ended'));
        Atomics.store(ctrl, C.CMD, CMD.END);
        Atomics.add(ctrl, C.GEN, 1);
        Atomics.notify(ctrl, C.GEN);
        await Promise.all(gone);
        for (const w of this.workers) w.unref();
        this.busy = false;
      },
    };
  }

  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

const teams = new Map<number, Team>();

/**
 * Starts a threaded evolution over shared buffers (`amps`, the diagonal and `plan.data` must be shared). With
 * `wasm` (the wasm state `amps` and `diag` live in, with tables for ≥ `threads` threads) the workers run the
 * WASM kernels.
 */
export function threadedEvolver(
  amps: Float64Array,
  n: number,
  diag: Diagonal,
  plan: StepPlan,
  threads: number,
  wasm?: WasmState,
): Promise<Evolver> {
  const shared = (x: ArrayBufferView, what: string): SharedArrayBuffer => {
    if (!(x.buffer instanceof SharedArrayBuffer))
      throw new InternalError(`${what} must be SharedArrayBuffer-backed`);
    return x.buffer;
  };
  let team = teams.get(threads);
  if (!team) {
    team = new Team(threads);
    teams.set(threads, team);
  }
  return team.start({
    amps: shared(amps, 'statevector'),
    plan: shared(plan.data, 'step plan'),
    n,
    diag: shareDiagonal(diag),
    ...(wasm ? { wasm: { memory: wasm.memory, layout: wasm.layout } } : {}),
  });
}

/** Terminates every statevector worker (tests, shutdown). */
export async function closeStatevectorThreads(): Promise<void> {
  const all = [...teams.values()];
  teams.clear();
  await Promise.all(all.map((t) => t.terminate()));
}
