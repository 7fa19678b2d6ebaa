/**
 * The per-qubit statevector anneal (anneal offsets, h gain, flux biases) against an independent reference:
 * RK4 on the dense 2^n Hamiltonian written here from D-Wave's documented form
 *   H(t) = −Σ A_i/2 σx_i + Σ (B_i/2 g(t) h_i − I_p,i Φ0 Φ_i) σz_i + Σ √(B_i B_j)/2 J_ij σz_i σz_j,
 * with each qubit's A_i, B_i at its own anneal fraction c⁻¹(c(s) + δc_i) (bisection on the published c(s)
 * column), I_p = √(B·h·10⁹/(2 M_AFM)) (dwave-system's Ip_in_units_of_B), and the forward start in the ground
 * state of H(0) (dense Jacobi). With neutral controls it also agrees with the uniform engine (./anneal.ts).
 */

import { describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { type CompiledModel, compileModel } from '../../src/hamiltonian/compiled.js';
import { getSchedule, getScheduleTable } from '../../src/hamiltonian/schedule/catalog.js';
import { piecewiseLinearAt } from '../../src/hamiltonian/schedule/paths.js';
import type { QubitControls } from '../../src/hamiltonian/schedule/qubit-controls.js';
import type { AnnealPath } from '../../src/hamiltonian/schedule/types.js';
import { sAt } from '../../src/hamiltonian/schedule/types.js';
import { jacobiEigen } from '../../src/sim/spectrum/jacobi.js';
import { annealCompiled } from '../../src/sim/statevector/anneal.js';
import { annealPerQubit } from '../../src/sim/statevector/qubit-anneal.js';
import { ownSchedule } from '../helpers/offset-schedule.js';

const NAME = 'Advantage_system4.1';
const TABLE = getScheduleTable(NAME);
const M_AFM = 1.647;

/** A, B (GHz) of a qubit with offset δc at anneal fraction s. */
function ownAB(s: number, delta: number): [number, number] {
  const o = ownSchedule(TABLE, s, delta);
  return [o.A, o.B];
}

/** Dense real H (GHz) at anneal fraction s and path time t (µs); basis bit i set ⇔ σz_i = −1. */
function denseH(model: CompiledModel, c: QubitControls, s: number, t: number): Float64Array {
  const n = model.n;
  const N = 1 << n;
  const AB = Array.from({ length: n }, (_, i) => ownAB(s, c.offsets?.[i] ?? 0));
  const g = c.hGain ? piecewiseLinearAt(c.hGain, t) : 1;
  const H = new Float64Array(N * N);
  const z = (x: number, i: number) => ((x >> i) & 1 ? -1 : 1);
  for (let x = 0; x < N; x++) {
    let e = 0;
    for (let i = 0; i < n; i++) {
      const B = AB[i]![1];
      const ip = Math.sqrt((B * 1e9 * 6.62607e-34) / (2 * M_AFM * 1e-12));
      const F = (ip * 2.0678e-15) / (6.62607e-34 * 1e9);
      e += ((B / 2) * g * model.linear[i]! - F * (c.fluxBiases?.[i] ?? 0)) * z(x, i);
    }
    for (let k = 0; k < model.edgeU.length; k++) {
      const i = model.edgeU[k]!;
      const j = model.edgeV[k]!;
      e += (Math.sqrt(AB[i]![1] * AB[j]![1]) / 2) * model.edgeW[k]! * z(x, i) * z(x, j);
    }
    H[x * N + x] = e;
    for (let i = 0; i < n; i++) H[x * N + (x ^ (1 << i))] = -AB[i]![0] / 2;
  }
  return H;
}

/** RK4 of dψ/dt = −2πi H(t) ψ (t in ns) along `path` (µs) from the ground state of H(0); |ψ|² at the end. */
function rk4Reference(model: CompiledModel, c: QubitControls, path: AnnealPath, dtNs: number): Float64Array {
  const N = 1 << model.n;
  const T = path.points[path.points.length - 1]![0] * 1000;
  const Hat = (tNs: number) => denseH(model, c, sAt(path, tNs / 1000), tNs / 1000);
  const re = new Float64Array(N);
  const im = new Float64Array(N);
  if (path.kind === 'reverse') {
    let x = 0;
    path.initialState!.forEach((v, i) => {
      if (v < 0) x |= 1 << i;
    });
    re[x] = 1;
  } else {
    const eig = jacobiEigen(Hat(0), N);
    for (let x = 0; x < N; x++) re[x] = eig.vectors[x * N]!;
  }
  const deriv = (H: Float64Array, r: Float64Array, m: Float64Array): [Float64Array, Float64Array] => {
    const dr = new Float64Array(N);
    const dm = new Float64Array(N);
    for (let x = 0; x < N; x++) {
      let ar = 0;
      let am = 0;
      for (let y = 0; y < N; y++) {
        const h = H[x * N + y]!;
        if (h === 0) continue;
        ar += h * r[y]!;
        am += h * m[y]!;
      }
      // −2πi (ar + i am) = 2π am − 2πi ar
      dr[x] = 2 * Math.PI * am;
      dm[x] = -2 * Math.PI * ar;
    }
    return [dr, dm];
  };
  const steps = Math.ceil(T / dtNs);
  const h = T / steps;
  const add = (a: Float64Array, b: Float64Array, f: number) => a.map((v, i) => v + f * b[i]!);
  for (let k = 0; k < steps; k++) {
    const t = k * h;
    const H0 = Hat(t);
    const Hm = Hat(t + h / 2);
    const H1 = Hat(t + h);
    const [k1r, k1m] = deriv(H0, re, im);
    const [k2r, k2m] = deriv(Hm, add(re, k1r, h / 2), add(im, k1m, h / 2));
    const [k3r, k3m] = deriv(Hm, add(re, k2r, h / 2), add(im, k2m, h / 2));
    const [k4r, k4m] = deriv(H1, add(re, k3r, h), add(im, k3m, h));
    for (let x = 0; x < N; x++) {
      re[x]! += (h / 6) * (k1r[x]! + 2 * k2r[x]! + 2 * k3r[x]! + k4r[x]!);
      im[x]! += (h / 6) * (k1m[x]! + 2 * k2m[x]! + 2 * k3m[x]! + k4m[x]!);
    }
  }
  return Float64Array.from({ length: N }, (_, x) => re[x]! ** 2 + im[x]! ** 2);
}

const model = compileModel(
  BinaryQuadraticModel.fromIsing(
    [
      [0, 0.4],
      [1, -0.3],
      [2, 0.1],
    ],
    [
      [[0, 1], -0.7],
      [[1, 2], 0.5],
      [[0, 2], 0.3],
    ],
  ),
  'SPIN',
);

const maxDiff = (a: Float64Array, b: Float64Array) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

describe('per-qubit statevector anneal = RK4 on the dense Hamiltonian (n = 3)', () => {
  const forward: AnnealPath = {
    kind: 'forward',
    points: [
      [0, 0],
      [0.012, 1],
    ],
    timeUnit: 'us',
  };
  const cases: Array<[string, QubitControls, AnnealPath]> = [
    ['anneal offsets', { offsets: Float64Array.from([0.08, -0.05, 0]) }, forward],
    [
      'h-gain schedule',
      {
        hGain: [
          [0, 1],
          [0.004, -2],
          [0.012, 0.5],
        ],
      },
      forward,
    ],
    ['flux biases', { fluxBiases: Float64Array.from([2e-4, 0, -1e-4]), mAfmPh: M_AFM }, forward],
    [
      'all three on a reverse anneal',
      {
        offsets: Float64Array.from([0, 0.05, -0.05]),
        hGain: [
          [0, 1],
          [0.01, 2],
        ],
        fluxBiases: Float64Array.from([0, 1e-4, 0]),
        mAfmPh: M_AFM,
      },
      {
        kind: 'reverse',
        points: [
          [0, 1],
          [0.004, 0.35],
          [0.006, 0.35],
          [0.01, 1],
        ],
        timeUnit: 'us',
        initialState: Int8Array.from([1, -1, 1]),
      },
    ],
  ];
  for (const [what, controls, path] of cases)
    it(what, async () => {
      const ref = rk4Reference(model, controls, path, 0.001);
      const r = await annealPerQubit(model, { scheduleName: NAME, table: TABLE, path, controls });
      expect(r.converged).toBe(true);
      expect(maxDiff(r.probabilities, ref)).toBeLessThan(1e-4);
      // and the controls change the outcome (compared with none)
      const plain = rk4Reference(model, {}, path, 0.001);
      expect(maxDiff(plain, ref)).toBeGreaterThan(0.01);
    }, 120_000);

  it('neutral controls: the uniform engine gives the same distribution', async () => {
    const r = await annealPerQubit(model, {
      scheduleName: NAME,
      table: TABLE,
      path: forward,
      controls: { offsets: new Float64Array(3) },
    });
    const u = await annealCompiled(model, {
      schedule: getSchedule(NAME),
      path: forward,
      keepState: true,
      threads: 1,
    });
    const p = Float64Array.from({ length: 8 }, (_, z) => u.state![2 * z]! ** 2 + u.state![2 * z + 1]! ** 2);
    expect(maxDiff(r.probabilities, p)).toBeLessThan(5e-4);
  });
});
