/**
 * The WebAssembly SIMD (f64x2) Trotter-step kernels (kernels.wat, assembled to kernels.wasm at build time by
 * scripts/build.mjs) and the shared wasm memory the state lives in while they run.
 *
 * The kernels do the same passes and the same floating-point operations in the same order as the float64
 * TypeScript reference (kernels.ts, step.ts), so a WASM step gives the bit-identical state; they are ≈ 3.5×
 * faster because V8 runs the TypeScript rotations as scalar code (docs/statevector.md, docs/benchmarks.md).
 *
 * Layout of a state's memory (byte offsets; `shared: true`, so a worker team runs on the same memory):
 * [0, 16N) the interleaved amplitudes; [16N, 18N) the Uint16 levels (levels diagonals); then one level table
 * per thread, 32 bytes per level: (cos φE, −sin φE, sin φE, cos φE); then one 128 KiB staging scratch per
 * thread (passes over qubits ≥ 24, kernels.ts rxStaged). wasm32 addresses 4 GiB, so the state and its levels
 * fit up to n = 27 (2.25 GiB); from n = 28 (the amplitudes alone are 4 GiB) the engine runs the TypeScript
 * kernels on an ordinary buffer ({@link WASM_MAX_QUBITS}).
 *
 * Used when WebAssembly SIMD and shared wasm memories are available (Node ≥ 16.4) and kernels.wasm was built;
 * `QAXAI_STATEVECTOR_KERNEL=ts` forces the TypeScript kernels.
 */

import { lazyWasmModule, WASM_PAGE as PAGE, WA, type WasmMemory, type WasmModule } from '../wasm-module.js';
import { type Diagonal, MAX_LEVELS } from './diagonal.js';
import { diagEnergies, fillLevelTable, STAGE_BITS } from './kernels.js';
import { blockBits, highGroups, isStaged } from './step.js';

export type { WasmMemory, WasmModule };

/** Largest n the WASM kernels take: 16·2^27 + 2·2^27 bytes fit a 4 GiB wasm32 memory; 2^28 amplitudes do not. */
export const WASM_MAX_QUBITS = 27;

const MAX_PAGES = 65536;

interface KernelExports {
  rx1(a: number, q: number, c: number, s: number, g0: number, g1: number): void;
  rx2(a: number, q: number, c: number, s: number, g0: number, g1: number): void;
  rx3(a: number, q: number, c: number, s: number, g0: number, g1: number): void;
  diag(a: number, lev: number, tab: number, z0: number, z1: number): void;
  rxs(
    a: number,
    q: number,
    k: number,
    c: number,
    s: number,
    g0: number,
    g1: number,
    scr: number,
    r: number,
  ): void;
  blocks(
    a: number,
    lev: number,
    tab: number,
    b: number,
    c: number,
    s: number,
    z0: number,
    z1: number,
    withDiag: number,
  ): void;
}

const kernelModule = lazyWasmModule(new URL('./kernels.wasm', import.meta.url), true);

/** The compiled kernel module, or null (see {@link wasmUnavailableReason}). Compiled once per thread. */
export function wasmKernelModule(): WasmModule | null {
  return kernelModule.get();
}

/** Why the WASM kernels are not used ('' when they are available). */
export function wasmUnavailableReason(): string {
  if (process.env.QAXAI_STATEVECTOR_KERNEL === 'ts') return 'QAXAI_STATEVECTOR_KERNEL=ts';
  kernelModule.get();
  return kernelModule.unavailable;
}

/** Whether the engine runs its steps on the WASM kernels (for n ≤ {@link WASM_MAX_QUBITS}). */
export function wasmKernelsAvailable(): boolean {
  return wasmUnavailableReason() === '';
}

/** Byte layout of a state in a wasm memory (plain data: it travels to the workers). */
export interface WasmLayout {
  n: number;
  /** Byte offset of the Uint16 levels (used by levels diagonals). */
  levels: number;
  /** Byte offset of thread 0's level table; thread i's is at tables + i·TABLE_BYTES. */
  tables: number;
  /** Byte offset of thread 0's staging scratch; thread i's is at scratch + i·SCRATCH_BYTES. */
  scratch: number;
  /** Threads the memory has tables and scratch for. */
  threads: number;
  /** Memory size in bytes. */
  bytes: number;
}

const align64 = (x: number) => Math.ceil(x / 64) * 64;
/** A level table for the most levels a diagonal has (diagonal.ts MAX_LEVELS): 32 bytes per level. */
const TABLE_BYTES = 32 * MAX_LEVELS;
/** Staging scratch per thread: 2^3 segments of 2^STAGE_BITS amplitudes. */
const SCRATCH_BYTES = 16 * 8 * 2 ** STAGE_BITS;

/** The layout of an n-qubit state with tables and scratch for `threads` threads. */
export function wasmLayout(n: number, threads: number): WasmLayout {
  const N = 2 ** n;
  const levels = 16 * N;
  const tables = align64(levels + 2 * N);
  const scratch = tables + threads * TABLE_BYTES;
  const bytes = Math.ceil((scratch + threads * SCRATCH_BYTES) / PAGE) * PAGE;
  return { n, levels, tables, scratch, threads, bytes };
}

/** One thread's view of a state in wasm memory: an instance of the kernels on that memory. */
export class WasmKernel {
  readonly amps: Float64Array;
  private readonly k: KernelExports;
  private readonly tab: number;
  private readonly scr: number;
  private readonly tab4: Float64Array;
  private scratch = new Float64Array(2);

  constructor(
    readonly memory: WasmMemory,
    readonly layout: WasmLayout,
    thread: number,
    mod: WasmModule,
  ) {
    this.k = new WA!.Instance(mod, { env: { memory } }).exports as unknown as KernelExports;
    const N = 2 ** layout.n;
    this.amps = new Float64Array(memory.buffer, 0, 2 * N);
    this.tab = layout.tables + thread * TABLE_BYTES;
    this.scr = layout.scratch + thread * SCRATCH_BYTES;
    this.tab4 = new Float64Array(memory.buffer, this.tab, 4 * MAX_LEVELS);
  }

  /** Fills this thread's level table for phase phi (values of kernels.ts fillLevelTable). */
  prepare(diag: Diagonal, phi: number): void {
    if (diag.kind !== 'levels') return;
    if (this.scratch.length < 2 * diag.count) this.scratch = new Float64Array(2 * diag.count);
    const t = this.scratch;
    const t4 = this.tab4;
    fillLevelTable(t, phi, diag.e0, diag.q, diag.count);
    for (let l = 0; l < diag.count; l++) {
      const pr = t[2 * l]!;
      const pi = t[2 * l + 1]!;
      t4[4 * l] = pr;
      t4[4 * l + 1] = pi;
      t4[4 * l + 2] = -pi;
      t4[4 * l + 3] = pr;
    }
  }

  /**
   * The cache-blocked part of a step on blocks [blk0, blk1) of 2^b amplitudes: D(phi) (when phi ≠ 0; the table
   * must be prepared) and the rotations of qubits 0 … b−1.
   */
  blocks(diag: Diagonal, phi: number, c: number, s: number, blk0: number, blk1: number): void {
    const b = blockBits(this.layout.n);
    const B = 2 ** b;
    if (phi === 0 || diag.kind === 'levels') {
      this.k.blocks(0, this.layout.levels, this.tab, b, c, s, blk0 * B, blk1 * B, phi !== 0 ? 1 : 0);
      return;
    }
    // float energies: one cos/sin per amplitude in TypeScript (wasm has no trigonometry), rotations in wasm
    for (let blk = blk0; blk < blk1; blk++) {
      const z0 = blk * B;
      diagEnergies(this.amps, diag.energies, phi, z0, z0 + B);
      this.k.blocks(0, -1, 0, b, c, s, z0, z0 + B, 0);
    }
  }

  /** x-rotation pass on k (1–3) consecutive qubits from q, over groups [g0, g1). */
  rx(q: number, k: number, c: number, s: number, g0: number, g1: number): void {
    if (isStaged(q, k)) this.rxStaged(q, k, c, s, g0, g1);
    else if (k === 3) this.k.rx3(0, q, c, s, g0, g1);
    else if (k === 2) this.k.rx2(0, q, c, s, g0, g1);
    else this.k.rx1(0, q, c, s, g0, g1);
  }

  /** The pass of {@link rx} staged through this thread's scratch in sub-runs of 2^r ≤ 2^STAGE_BITS groups. */
  rxStaged(q: number, k: number, c: number, s: number, g0: number, g1: number, r = STAGE_BITS): void {
    this.k.rxs(0, q, k, c, s, g0, g1, this.scr, Math.min(r, STAGE_BITS));
  }

  /** D(phi) on amplitudes [z0, z1) (prepares the table itself). */
  diagonal(diag: Diagonal, phi: number, z0: number, z1: number): void {
    if (phi === 0) return;
    if (diag.kind === 'levels') {
      this.prepare(diag, phi);
      this.k.diag(0, this.layout.levels, this.tab, z0, z1);
    } else diagEnergies(this.amps, diag.energies, phi, z0, z1);
  }

  /** One whole step on this thread: D(phi) then Π exp(iθσx), (c, s) = (cos θ, sin θ) (step.ts trotterStep). */
  step(diag: Diagonal, phi: number, c: number, s: number): void {
    const n = this.layout.n;
    const b = blockBits(n);
    if (phi !== 0) this.prepare(diag, phi);
    this.blocks(diag, phi, c, s, 0, 2 ** (n - b));
    for (const [q, k] of highGroups(n, b)) this.rx(q, k, c, s, 0, 2 ** (n - k));
  }
}

/** A state allocated in wasm memory, with room for a levels diagonal next to it. */
export interface WasmState {
  readonly amps: Float64Array;
  /** Where a levels diagonal's Uint16 levels must live for the WASM kernels (pass to buildDiagonal). */
  readonly levels: Uint16Array;
  readonly memory: WasmMemory;
  readonly layout: WasmLayout;
  /** The main thread's kernel instance. */
  readonly kernel: WasmKernel;
}

const states = new WeakMap<Float64Array, WasmState>();

/** The wasm state `amps` belongs to (undefined for an ordinary array). */
export function wasmStateOf(amps: Float64Array): WasmState | undefined {
  return states.get(amps);
}

/** Whether the WASM kernels can run `diag` on `ws` (float energies, or levels stored in ws.levels). */
export function wasmCanRun(ws: WasmState, diag: Diagonal): boolean {
  return (
    diag.kind === 'energies' ||
    (diag.level.buffer === ws.memory.buffer && diag.level.byteOffset === ws.layout.levels)
  );
}

/**
 * Allocates a zeroed n-qubit state in a shared wasm memory, with room for its levels and with level tables and
 * staging scratch for up to `threads` threads. Returns undefined when the kernels are unavailable, n is past
 * {@link WASM_MAX_QUBITS} or the memory cannot be had (the caller then uses an ordinary buffer and the
 * TypeScript kernels). Build the diagonal with `levelArray: state.levels` so its levels live there.
 */
export function createWasmState(n: number, threads = 1): WasmState | undefined {
  if (n > WASM_MAX_QUBITS || !wasmKernelsAvailable()) return undefined;
  const mod = wasmKernelModule()!;
  const layout = wasmLayout(n, Math.max(1, threads));
  const pages = layout.bytes / PAGE;
  if (pages > MAX_PAGES) return undefined;
  let memory: WasmMemory;
  try {
    memory = new WA!.Memory({ initial: pages, maximum: pages, shared: true });
  } catch {
    return undefined;
  }
  const kernel = new WasmKernel(memory, layout, 0, mod);
  const levels = new Uint16Array(memory.buffer, layout.levels, 2 ** n);
  const state: WasmState = { amps: kernel.amps, levels, memory, layout, kernel };
  states.set(kernel.amps, state);
  return state;
}

/**
 * {@link createWasmState} for an already built diagonal: its levels are copied into the memory and `diag` is the
 * diagonal to evolve with (tests, benchmarks). Float energies are used as they are (SharedArrayBuffer-backed
 * for threads).
 */
export function allocateWasmState(
  n: number,
  diag: Diagonal,
  threads = 1,
): (WasmState & { diag: Diagonal }) | undefined {
  const ws = createWasmState(n, threads);
  if (!ws) return undefined;
  if (diag.kind === 'energies') return { ...ws, diag };
  ws.levels.set(diag.level);
  return { ...ws, diag: { ...diag, level: ws.levels } };
}
