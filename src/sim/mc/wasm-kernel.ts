/**
 * The WebAssembly Monte Carlo sweeps (kernels.wat, assembled to kernels.wasm at build time by
 * scripts/build.mjs): the PIMC Metropolis pass, the PIMC worldline pass, the SA sweep and the SVMC sweep, on one
 * wasm memory that holds the compiled model, the spins, the local fields (or the rotors), the worldline scratch and
 * the random-number state.
 *
 * The kernels make the same decisions with the same xoshiro128** draws and the same floating-point operations,
 * in the same order, as the TypeScript reference (pimc-kernel.ts, sa-kernel.ts, svmc-kernel.ts, metropolis.ts), and call the
 * same Math.exp and Math.log (imported), so a read gives bit-identical spins on either kernel (and on the native
 * port, native-bench/pimc/kernels.cpp). They are faster because V8's optimised JavaScript re-checks every
 * typed-array access in a loop, while wasm loads and stores are plain (bounds are checked by guard pages).
 *
 * Memory layout (byte offsets; wasm-kernel.ts writes them into the header that kernels.wat reads):
 *   0   header: n, P, rowPtr, colOff, w2, spins, field, ring (i32 each), 32..47 the xoshiro128** state,
 *       48 weights, 52 linear, 56 and 60 the qubit range [i0, i1) of the PIMC passes (0 and n by default),
 *       64 betas, 68 unused
 *   72  rowPtr (n + 1 i32), colOff (nnz i32: column index × 8, the byte offset of a neighbour's field in a
 *       slice), w2 (nnz f64, 8-aligned: 2·J, so a flip adds or subtracts it, exactly m·J of the reference),
 *       field (P·n f64), weights (nnz f64: J), linear (n f64: h), spins (P·n i8), ring (P + 1 i32,
 *       4-aligned), betas (512 f64, 8-aligned: a block of an SA schedule; header byte 64).
 * One memory per read loop (per thread and task): reads are independent and each starts from scratch in it.
 *
 * Used by the samplers (tasks.ts) when WebAssembly is available and kernels.wasm was built;
 * `QAXAI_MC_KERNEL=ts` (or a task's `kernel: 'ts'`) forces the TypeScript kernels.
 */

import { InternalError } from '../../errors.js';
import type { CompiledModel } from '../../hamiltonian/compiled.js';
import type { Rng } from '../rng.js';
import { lazyWasmModule, WASM_PAGE as PAGE, WA, type WasmMemory, type WasmModule } from '../wasm-module.js';
import { PimcState, type PimcStorage } from './pimc-kernel.js';
import { RotorState } from './svmc-kernel.js';

/** Which sweep implementation runs the PIMC and SA reads: WebAssembly (default, when available) or TypeScript. */
export type McKernel = 'ts' | 'wasm';

interface McExports {
  metropolis(a: number, K: number): number;
  worldline(na2: number, q: number, pBond: number, lnBond: number, sparse: number): number;
  sa(beta: number): number;
  fields(): void;
  svmc(betaGamma: number, betaLambda: number, width: number): number;
  anneal(count: number, sweepsPerBeta: number): void;
}

/** β values an `anneal` call takes from the memory's schedule block (saAnneal feeds longer schedules in blocks). */
const BETA_BLOCK = 512;
/** The header's size in bytes (18 i32 words, 8-aligned); the data follow it. */
const HEADER_BYTES = 72;

/** Byte size past which the kernels' signed i32 indices could overflow: such models run the TypeScript kernels. */
const MAX_BYTES = 2 ** 31;

const kernelModule = lazyWasmModule(new URL('./kernels.wasm', import.meta.url));

/** The kernel choice of the environment: `QAXAI_MC_KERNEL=ts` selects TypeScript, anything else WebAssembly. */
export function mcKernelFromEnv(): McKernel {
  return process.env.QAXAI_MC_KERNEL === 'ts' ? 'ts' : 'wasm';
}

/** Why the WASM kernels cannot run here ('' when they can; the environment's choice is not considered). */
export function mcWasmUnavailableReason(): string {
  kernelModule.get();
  return kernelModule.unavailable;
}

/** Whether the WASM kernels can run in this thread. */
export function mcWasmAvailable(): boolean {
  return kernelModule.get() !== null;
}

/** Whether `kernel` (default: {@link mcKernelFromEnv}) resolves to the WASM kernels here. */
export function useMcWasm(kernel: McKernel = mcKernelFromEnv()): boolean {
  return kernel === 'wasm' && mcWasmAvailable();
}

const align = (x: number, a: number) => Math.ceil(x / a) * a;

/** A PimcState on a wasm memory: its fields from scratch are computed by the kernels (same values). */
class WasmPimcState extends PimcState {
  constructor(
    n: number,
    numSlices: number,
    private readonly kernel: { recomputeFields(): void } & PimcStorage,
  ) {
    super(n, numSlices, kernel);
  }

  override recomputeFields(_model: CompiledModel): void {
    this.kernel.recomputeFields();
  }
}

/**
 * One wasm memory with a compiled model laid out in it, P slices of spins and fields, and an instance of the
 * kernels on it. `spins`, `field` and `ring` are views of the memory (a {@link PimcState} over them is
 * {@link pimcState}); the TypeScript helpers (randomize, recomputeFields, classicalFields, bestSlice) work on
 * them directly. Not shared between threads.
 */
export class McWasmKernel {
  readonly spins: Int8Array;
  readonly field: Float64Array;
  readonly ring: Int32Array;
  /** A PIMC state whose arrays are this memory's. */
  readonly pimcState: PimcState;
  private readonly rs: Uint32Array;
  private readonly betas: Float64Array;
  private readonly k: McExports;
  private readonly header: Int32Array;
  private readonly w2: Float64Array;
  private readonly weights: Float64Array;
  private readonly linear: Float64Array;

  private constructor(
    readonly model: CompiledModel,
    readonly numSlices: number,
    memory: WasmMemory,
    mod: WasmModule,
    offsets: {
      rowPtr: number;
      col: number;
      w2: number;
      field: number;
      weights: number;
      linear: number;
      spins: number;
      ring: number;
      betas: number;
    },
  ) {
    const { n, rowPtr, colIdx, weights, linear } = model;
    const P = numSlices;
    const nnz = colIdx.length;
    const buf = memory.buffer;
    const header = new Int32Array(buf, 0, 18);
    header.set([n, P, offsets.rowPtr, offsets.col, offsets.w2, offsets.spins, offsets.field, offsets.ring]);
    header[12] = offsets.weights;
    header[13] = offsets.linear;
    header[16] = offsets.betas;
    this.header = header;
    new Int32Array(buf, offsets.rowPtr, n + 1).set(rowPtr);
    const col = new Int32Array(buf, offsets.col, nnz);
    for (let p = 0; p < nnz; p++) col[p] = colIdx[p]! * 8;
    this.w2 = new Float64Array(buf, offsets.w2, nnz);
    this.weights = new Float64Array(buf, offsets.weights, nnz);
    this.linear = new Float64Array(buf, offsets.linear, n);
    this.setProblem(weights, linear);
    this.field = new Float64Array(buf, offsets.field, P * n);
    this.spins = new Int8Array(buf, offsets.spins, P * n);
    this.ring = new Int32Array(buf, offsets.ring, P + 1);
    this.rs = new Uint32Array(buf, 32, 4);
    this.betas = new Float64Array(buf, offsets.betas, BETA_BLOCK);
    this.pimcState = new WasmPimcState(n, P, this);
    this.k = new WA!.Instance(mod, {
      env: { memory },
      Math: { exp: Math.exp, log: Math.log },
    }).exports as unknown as McExports;
  }

  /**
   * A memory for `model` (SPIN, compiled) with `numSlices` slices (1 for SA), or undefined when the WASM kernels
   * are unavailable or the model does not fit (the caller then runs the TypeScript kernels).
   */
  static create(model: CompiledModel, numSlices: number): McWasmKernel | undefined {
    const mod = kernelModule.get();
    if (!mod) return undefined;
    const { n } = model;
    const P = numSlices;
    const nnz = model.colIdx.length;
    const rowPtr = HEADER_BYTES;
    const col = rowPtr + 4 * (n + 1);
    const w2 = align(col + 4 * nnz, 8);
    const field = w2 + 8 * nnz;
    const weights = field + 8 * P * n;
    const linear = weights + 8 * nnz;
    const spins = linear + 8 * n;
    const ring = align(spins + P * n, 4);
    const betas = align(ring + 4 * (P + 1), 8);
    const bytes = align(betas + 8 * BETA_BLOCK, PAGE);
    if (bytes > MAX_BYTES) return undefined;
    let memory: WasmMemory;
    try {
      memory = new WA!.Memory({ initial: bytes / PAGE, maximum: bytes / PAGE });
    } catch {
      return undefined;
    }
    return new McWasmKernel(model, P, memory, mod, {
      rowPtr,
      col,
      w2,
      field,
      weights,
      linear,
      spins,
      ring,
      betas,
    });
  }

  /**
   * Replaces the model's J (CSR order) and h in this memory (the fields are not updated: recompute them); a
   * per-qubit anneal rescales them between sweeps (pimc-qubits.ts).
   */
  setProblem(weights: Float64Array, linear: Float64Array): void {
    this.weights.set(weights);
    for (let p = 0; p < weights.length; p++) this.w2[p] = 2 * weights[p]!;
    this.linear.set(linear);
  }

  /** The qubit range of the PIMC passes: the state's [i0, i1) (every qubit unless a per-qubit anneal sets it). */
  private setRange(): void {
    this.header[14] = this.pimcState.i0;
    this.header[15] = this.pimcState.i1;
  }

  /**
   * The local fields of every slice from the spins, as PimcState.recomputeFields / classicalFields compute
   * them (same values).
   */
  recomputeFields(): void {
    this.k.fields();
  }

  /** pimc-kernel.ts metropolisSweep on this memory's state (same flips, same draws from `rng`). */
  metropolisSweep(a: number, K: number, rng: Rng): number {
    this.setRange();
    this.rs.set(rng.state);
    const flips = this.k.metropolis(a, K);
    rng.state.set(this.rs);
    return flips;
  }

  /** pimc-kernel.ts worldlineSweep on this memory's state (same flips, same draws from `rng`). */
  worldlineSweep(a: number, K: number, rng: Rng): number {
    // the per-pass constants of worldlinePass, computed as it does
    const q = Math.exp(-2 * K);
    const pBond = -Math.expm1(-2 * K);
    const lnBond = Math.log1p(-q);
    this.setRange();
    this.rs.set(rng.state);
    // −2a and the sparse-bond switch as parameters (V8 would recompute them inside the wasm loops)
    const flips = this.k.worldline(-(2 * a), q, pBond, lnBond, q < 0.1 ? 1 : 0);
    rng.state.set(this.rs);
    return flips;
  }

  /** sa-kernel.ts saSweep on slice 0 of this memory (same flips, same draws from `rng`). */
  saSweep(beta: number, rng: Rng): number {
    this.rs.set(rng.state);
    const flips = this.k.sa(beta);
    rng.state.set(this.rs);
    return flips;
  }

  /**
   * A rotor state on this memory, which must have been created with 4 slices: the field region's rows are the
   * local fields, θ, cos θ and sin θ (kernels.wat, svmc).
   */
  rotorState(): RotorState {
    if (this.numSlices !== 4) throw new InternalError('rotorState needs a 4-slice memory');
    const n = this.model.n;
    const row = (k: number) => this.field.subarray(k * n, (k + 1) * n);
    return new RotorState(n, { field: row(0), theta: row(1), cos: row(2), sin: row(3) });
  }

  /** svmc-kernel.ts svmcSweep on this memory's rotors (same moves, same draws from `rng`). */
  svmcSweep(betaGamma: number, betaLambda: number, width: number, rng: Rng): number {
    this.rs.set(rng.state);
    const accepted = this.k.svmc(betaGamma, betaLambda, width);
    rng.state.set(this.rs);
    return accepted;
  }

  /** sa-kernel.ts saAnneal on slice 0 (`spins` and fields of this memory; fields recomputed first). */
  saAnneal(betas: Float64Array, sweepsPerBeta: number, rng: Rng): void {
    if (this.numSlices !== 1) throw new InternalError('saAnneal needs a one-slice memory');
    this.k.fields();
    this.rs.set(rng.state);
    // the schedule in blocks: one call into wasm per block, not per sweep (a JS → wasm call through V8's generic
    // wrapper, as before the calling loop is optimised, costs ≈ 0.5 µs)
    for (let b = 0; b < betas.length; b += BETA_BLOCK) {
      const block = betas.subarray(b, b + BETA_BLOCK);
      this.betas.set(block);
      this.k.anneal(block.length, sweepsPerBeta);
    }
    rng.state.set(this.rs);
  }
}
