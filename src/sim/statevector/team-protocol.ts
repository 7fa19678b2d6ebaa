/** Shared-memory protocol between ./threaded.ts (main thread) and ./worker.ts. */

import type { SharedDiagonal } from './diagonal.js';
import type { WasmLayout, WasmMemory } from './wasm-kernel.js';

/** Slots of the Int32 control array. */
export const C = {
  /** Command generation: bumped by the main thread for every command. */
  GEN: 0,
  CMD: 1,
  K0: 2,
  K1: 3,
  /** Workers done with the current command. */
  DONE: 4,
  BAR: 5,
  BARGEN: 6,
  ERROR: 7,
  SIZE: 8,
} as const;

export const CMD = { STEPS: 1, PHASE: 2, END: 3 } as const;

/** What a worker needs for one evolution (all buffers shared). */
export interface WorkerJob {
  control: SharedArrayBuffer;
  /** Float64 parameters (phase of a PHASE command). */
  params: SharedArrayBuffer;
  /** The state (TypeScript kernels; with `wasm` the state is at offset 0 of the wasm memory). */
  amps: SharedArrayBuffer;
  plan: SharedArrayBuffer;
  n: number;
  index: number;
  threads: number;
  diag: SharedDiagonal;
  /** Run the WASM kernels on this shared wasm memory (state, levels and per-thread tables, ./wasm-kernel.ts). */
  wasm?: { memory: WasmMemory; layout: WasmLayout };
}
