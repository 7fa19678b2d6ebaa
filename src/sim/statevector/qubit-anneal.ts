/**
 * Closed-system anneal of a model whose qubits follow their own schedules (anneal offsets, an h-gain schedule,
 * flux biases: src/hamiltonian/schedule/qubit-controls.ts), by second-order Trotter–Suzuki steps as ./plan.ts
 * (midpoint schedule, fused half diagonals), with a transverse rotation per qubit and a diagonal that is a
 * per-step combination of fixed parts:
 *   E_t(z) = Σ_g Λ_g(s) g(t) E^h_g(z) − Σ_g F_g(s) E^Φ_g(z) + Σ_{g≤g'} √(Λ_g Λ_g') E^J_gg'(z)
 * (g, g' offset groups; E^h_g = Σ_{i∈g} h_i z_i, E^Φ_g = Σ_{i∈g} Φ_i z_i, E^J_gg' = the couplers between the
 * groups; F = I_p Φ0/h the flux field per Φ0). Each part is a float64 array of 2^n energies, so memory is
 * (parts + 2)·8·2^n bytes and a step costs about (parts + one cos/sin) per amplitude, on one thread: the
 * uniform anneal (./anneal.ts, threads and WASM kernels) stays the engine for neutral controls.
 *
 * Accuracy: without `dt` the step starts at a quarter radian of the fastest rate and is halved until two runs'
 * final distributions differ by at most `tolerance` in total variation (≈ 3× the finer run's error, order 2).
 * A forward anneal starts in the ground state of H at the path's first point (Lanczos with the per-qubit
 * operator), a reverse anneal in its classical state.
 */

import { CapacityError, ParameterError } from '../../errors.js';
import { BinaryQuadraticModel } from '../../hamiltonian/bqm.js';
import { type CompiledModel, compileModel } from '../../hamiltonian/compiled.js';
import {
  fluxFieldGhz,
  hGainAt,
  offsetGroups,
  offsetSchedule,
  type QubitControls,
} from '../../hamiltonian/schedule/qubit-controls.js';
import type { ScheduleTable } from '../../hamiltonian/schedule/table.js';
import {
  type AnnealingSchedule,
  type AnnealPath,
  pathTimeToEngineTime,
  sAt,
} from '../../hamiltonian/schedule/types.js';
import { type Progress, throwIfAborted } from '../sampler.js';
import { lanczosGround } from '../spectrum/lanczos.js';
import { rx1 } from './kernels.js';
import { checkCapacity, statevectorMemory } from './memory.js';
import { MAX_STEPS, segmentSteps } from './plan.js';
import { basisIndexOf, problemEnergies } from './problem-energies.js';

export interface QubitAnnealOptions {
  /** The published schedule (name and table with its c(s) column) the qubits' schedules derive from. */
  scheduleName: string;
  table: ScheduleTable;
  path: AnnealPath;
  controls: QubitControls;
  /** Step in ns; default: automatic (see the module comment). */
  dt?: number;
  /** Total-variation tolerance of the automatic step (default 1e-4). */
  tolerance?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export interface QubitAnnealResult {
  /** |⟨z|ψ(T)⟩|² per basis state (bit i set ⇔ σz_i = −1). */
  probabilities: Float64Array;
  steps: number;
  /** Largest step, ns. */
  dt: number;
  /** Total variation between the runs at dt and 2·dt (null with a given dt). */
  tvdToCoarser: number | null;
  converged: boolean | null;
  initialState: 'ground' | 'classical';
}

/** One diagonal part: h or flux terms of group g, or the couplers between groups g and g2 (g2 = g for 'h', 'flux'). */
interface Part {
  kind: 'h' | 'flux' | 'J';
  g: number;
  g2: number;
  E: Float64Array;
}

const W = 2 * Math.PI;

/** The per-qubit Hamiltonian's pieces: group schedules, diagonal parts, and their coefficients at (s, t). */
class QubitHamiltonian {
  readonly n: number;
  readonly group: Int32Array;
  readonly schedules: AnnealingSchedule[];
  readonly parts: Part[];
  constructor(
    readonly model: CompiledModel,
    readonly o: QubitAnnealOptions,
  ) {
    const n = model.n;
    this.n = n;
    const { group, offsets } = offsetGroups(n, o.controls.offsets);
    this.group = group;
    this.schedules = Array.from(offsets, (d) => offsetSchedule(o.scheduleName, o.table, d));
    const G = offsets.length;
    const flux = o.controls.fluxBiases;
    const part = (h: Array<[number, number]>, J: Array<[[number, number], number]>) => {
      const lin: Array<[number, number]> = Array.from({ length: n }, (_, i) => [i, 0]);
      for (const [i, v] of h) lin[i] = [i, v];
      return problemEnergies(compileModel(BinaryQuadraticModel.fromIsing(lin, J), 'SPIN'));
    };
    const parts: Part[] = [];
    for (let g = 0; g < G; g++) {
      const h: Array<[number, number]> = [];
      const f: Array<[number, number]> = [];
      for (let i = 0; i < n; i++)
        if (group[i] === g) {
          if (model.linear[i] !== 0) h.push([i, model.linear[i]!]);
          if (flux && flux[i] !== 0) f.push([i, flux[i]!]);
        }
      if (h.length) parts.push({ kind: 'h', g, g2: g, E: part(h, []) });
      if (f.length) parts.push({ kind: 'flux', g, g2: g, E: part(f, []) });
      for (let g2 = g; g2 < G; g2++) {
        const J: Array<[[number, number], number]> = [];
        for (let k = 0; k < model.edgeU.length; k++) {
          const a = group[model.edgeU[k]!]!;
          const b = group[model.edgeV[k]!]!;
          if ((a === g && b === g2) || (a === g2 && b === g))
            J.push([[model.edgeU[k]!, model.edgeV[k]!], model.edgeW[k]!]);
        }
        if (J.length) parts.push({ kind: 'J', g, g2, E: part([], J) });
      }
    }
    this.parts = parts;
  }

  /** Coefficient of each part (GHz) at anneal fraction s and path time t. */
  coefficients(s: number, t: number): Float64Array {
    const c = this.o.controls;
    const gain = hGainAt(c, t);
    const B = this.schedules.map((sch) => sch.B(s));
    return Float64Array.from(this.parts, (p) =>
      p.kind === 'h'
        ? (B[p.g]! / 2) * gain
        : p.kind === 'flux'
          ? -fluxFieldGhz(B[p.g]!, c.mAfmPh ?? Number.NaN)
          : Math.sqrt(B[p.g]! * B[p.g2]!) / 2,
    );
  }

  /** Γ_i(s) = A_i(s)/2 per qubit (GHz). */
  transverse(s: number): Float64Array {
    const A = this.schedules.map((sch) => sch.transverse(s));
    return Float64Array.from(this.group, (g) => A[g]!);
  }

  /** Σ_c w_c E_c(z) into out. */
  combine(w: Float64Array, out: Float64Array): void {
    out.fill(0);
    this.parts.forEach((p, c) => {
      const x = w[c]!;
      if (x === 0) return;
      const E = p.E;
      for (let z = 0; z < out.length; z++) out[z]! += x * E[z]!;
    });
  }

  /**
   * Fastest phase rate (rad/ns) along the path, for the first step: ω·max(Γ_i, largest local field
   * Λ_i|g h_i| + F_i|Φ_i| + Σ_j √(Λ_iΛ_j)|J_ij|) over a grid of s, with |g| its largest value.
   */
  rate(): number {
    const { model, n, group } = this;
    const c = this.o.controls;
    const gmax = c.hGain ? Math.max(...c.hGain.map((p) => Math.abs(p[1]))) : 1;
    let r = 0;
    for (let j = 0; j <= 100; j++) {
      const s = j / 100;
      const B = this.schedules.map((sch) => sch.B(s));
      for (const x of this.transverse(s)) r = Math.max(r, x);
      for (let i = 0; i < n; i++) {
        const Bi = B[group[i]!]!;
        let f = (Bi / 2) * gmax * Math.abs(model.linear[i]!);
        if (c.fluxBiases) f += fluxFieldGhz(Bi, c.mAfmPh ?? Number.NaN) * Math.abs(c.fluxBiases[i]!);
        for (let p = model.rowPtr[i]!; p < model.rowPtr[i + 1]!; p++)
          f += (Math.sqrt(Bi * B[group[model.colIdx[p]!]!]!) / 2) * Math.abs(model.weights[p]!);
        r = Math.max(r, f);
      }
    }
    return W * (r || 1);
  }
}

/** Anneals `model` (SPIN, n ≤ 30) with per-qubit schedules; see the module comment. */
export async function annealPerQubit(
  model: CompiledModel,
  o: QubitAnnealOptions,
): Promise<QubitAnnealResult> {
  const n = model.n;
  if (o.dt !== undefined && !(o.dt > 0 && Number.isFinite(o.dt)))
    throw new ParameterError(`dt: ${o.dt} must be a finite number > 0 (ns)`, { field: 'dt' });
  const H = new QubitHamiltonian(model, o);
  const plan = statevectorMemory(n, { lanczosStart: o.path.kind === 'forward' });
  const partsBytes = (H.parts.length + 1) * 8 * 2 ** n;
  checkCapacity(
    n,
    { ...plan, extra: plan.extra + partsBytes, total: plan.total + partsBytes },
    'per-qubit statevector anneal',
  );
  const tolerance = o.tolerance ?? 1e-4;
  if (o.dt !== undefined) {
    const run = await evolvePerQubit(H, o, o.dt);
    return { ...run, tvdToCoarser: null, converged: null };
  }
  let dt = 0.25 / H.rate();
  let coarse = await evolvePerQubit(H, o, dt);
  for (;;) {
    dt /= 2;
    const fine = await evolvePerQubit(H, o, dt);
    let tvd = 0;
    for (let z = 0; z < fine.probabilities.length; z++)
      tvd += Math.abs(fine.probabilities[z]! - coarse.probabilities[z]!);
    tvd /= 2;
    const done = tvd / 3 <= tolerance;
    if (done || fine.steps * 2 > MAX_STEPS) return { ...fine, tvdToCoarser: tvd, converged: done };
    coarse = fine;
  }
}

async function evolvePerQubit(
  H: QubitHamiltonian,
  o: QubitAnnealOptions,
  dt: number,
): Promise<Omit<QubitAnnealResult, 'tvdToCoarser' | 'converged'>> {
  const { path } = o;
  const n = H.n;
  const N = 2 ** n;
  const unit = pathTimeToEngineTime(path);
  const counts = segmentSteps(path, dt);
  const steps = counts.reduce((a, b) => a + b, 0);
  if (steps > MAX_STEPS)
    throw new CapacityError(`dt: ${dt} ns would take ${steps} steps (at most ${MAX_STEPS})`, { field: 'dt' });
  const amps = new Float64Array(2 * N);
  const E = new Float64Array(N);
  const initialState = prepare(H, o, amps, E);
  const pts = path.points;
  let prev = new Float64Array(H.parts.length);
  let k = 0;
  let dtMax = 0;
  for (let seg = 1; seg < pts.length; seg++) {
    const t0 = pts[seg - 1]![0];
    const m = counts[seg - 1]!;
    const hPath = (pts[seg]![0] - t0) / m;
    const h = hPath * unit;
    dtMax = Math.max(dtMax, h);
    for (let j = 0; j < m; j++, k++) {
      const tm = t0 + (j + 0.5) * hPath;
      const s = sAt(path, tm);
      const cur = H.coefficients(s, tm).map((x) => W * x * h);
      // D: the fused halves of the previous and this step's diagonal, then the per-qubit x rotations
      H.combine(
        cur.map((x, c) => (x + prev[c]!) / 2),
        E,
      );
      applyPhase(amps, E);
      const gamma = H.transverse(s);
      for (let q = 0; q < n; q++) {
        const th = W * gamma[q]! * h;
        rx1(amps, q, Math.cos(th), Math.sin(th), 0, N / 2);
      }
      prev = cur;
      if ((k & 63) === 63) {
        throwIfAborted(o.signal);
        o.onProgress?.({ done: k + 1, total: steps, label: 'per-qubit statevector steps' });
        await new Promise<void>((r) => setImmediate(r));
      }
    }
  }
  H.combine(
    prev.map((x) => x / 2),
    E,
  );
  applyPhase(amps, E);
  const probabilities = new Float64Array(N);
  for (let z = 0; z < N; z++) probabilities[z] = amps[2 * z]! ** 2 + amps[2 * z + 1]! ** 2;
  return { probabilities, steps, dt: dtMax, initialState };
}

/** a_z ← e^{−i φ_z} a_z. */
function applyPhase(a: Float64Array, phi: Float64Array): void {
  for (let z = 0, i = 0; z < phi.length; z++, i += 2) {
    const p = phi[z]!;
    if (p === 0) continue;
    const c = Math.cos(p);
    const s = Math.sin(p);
    const re = a[i]!;
    const im = a[i + 1]!;
    a[i] = c * re + s * im;
    a[i + 1] = c * im - s * re;
  }
}

/** The initial state (see the module comment) into `amps`; `E` is scratch of 2^n. */
function prepare(
  H: QubitHamiltonian,
  o: QubitAnnealOptions,
  amps: Float64Array,
  E: Float64Array,
): 'ground' | 'classical' {
  const n = H.n;
  const N = 2 ** n;
  amps.fill(0);
  if (o.path.kind === 'reverse') {
    amps[2 * basisIndexOf(o.path.initialState!)] = 1;
    return 'classical';
  }
  const s0 = o.path.points[0]![1];
  H.combine(H.coefficients(s0, 0), E);
  const gamma = H.transverse(s0);
  let scale = 0;
  for (const x of gamma) scale += Math.abs(x);
  for (let z = 0; z < N; z++) scale = Math.max(scale, Math.abs(E[z]!));
  const g = lanczosGround(n, { kind: 'energies', n, energies: E }, 0, 1, {
    tol: 1e-12,
    operator: {
      scale: scale || 1,
      apply(x, y, keep) {
        for (let z = 0; z < N; z++) {
          let acc = E[z]! * x[z]!;
          for (let i = 0, bit = 1; i < n; i++, bit *= 2) acc -= gamma[i]! * x[z ^ bit]!;
          y[z] = keep === 0 ? acc : acc + keep * y[z]!;
        }
      },
    },
  });
  for (let z = 0; z < N; z++) amps[2 * z] = g.vector[z]!;
  return 'ground';
}
