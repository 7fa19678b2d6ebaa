/**
 * qpu-sim's per-qubit parameters end to end: anneal_offsets (quantized to anneal_offset_step), h_gain_schedule,
 * flux_biases and flux_drift_compensation reach every engine with the right signs and sizes; the statevector
 * engine's reads follow the per-qubit statevector anneal (whose physics test/statevector/qubit-anneal.test.ts
 * checks against RK4); the engines' limits and the fast-anneal warnings.
 */

import { afterAll, describe, expect, it } from 'vitest';
import { Embedding } from '../../src/embedding/embedding.js';
import { CapacityError, ParameterError } from '../../src/errors.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { getScheduleTable } from '../../src/hamiltonian/schedule/catalog.js';
import { forwardPath } from '../../src/hamiltonian/schedule/paths.js';
import { FixedEmbeddingComposite } from '../../src/sim/composites/embedding.js';
import { QpuSimulator } from '../../src/sim/qpu/qpu-simulator.js';
import { quantizeAnnealOffset } from '../../src/sim/qpu/rules/controls.js';
import { annealPerQubit } from '../../src/sim/statevector/qubit-anneal.js';
import { closeAllPools } from '../../src/sim/threads/pool.js';

afterAll(() => closeAllPools());

// biome-ignore lint/suspicious/noExplicitAny: info read field by field
type Json = any;

const qpu = new QpuSimulator({ threads: 1 });
const N = 5760;
const STEP = 0.0001500217998314891;
const quiet = { x_h_noise_sigma: 0, x_j_noise_sigma: 0, seed: 11 };
const one = (h: number) => BinaryQuadraticModel.fromIsing([[30, h]], []);
const list = (entries: Record<number, number>) => Object.assign(new Array(N).fill(0), entries);
const pUp = (ss: Json) => {
  let up = 0;
  let all = 0;
  for (let r = 0; r < ss.numRows; r++) {
    const k = ss.vectors.num_occurrences.data[r] as number;
    all += k;
    if (ss.samples[r * ss.numVariables] === 1) up += k;
  }
  return up / all;
};

describe('quantization and rules', () => {
  it('offsets round to the nearest anneal_offset_step and stay within the qubit’s range', () => {
    expect(quantizeAnnealOffset(0.05, -STEP)).toBeCloseTo(Math.round(0.05 / STEP) * STEP, 15);
    expect(Math.abs(quantizeAnnealOffset(0.05, -STEP) - 0.05)).toBeLessThanOrEqual(STEP / 2);
    expect(quantizeAnnealOffset(0.4 * STEP, -STEP)).toBe(0);
    expect(quantizeAnnealOffset(0.9, STEP, [-0.6, 0.5])).toBe(0.5);
    expect(quantizeAnnealOffset(0.123, undefined)).toBe(0.123);
  });

  it('the emulation reports what the controls do', async () => {
    const ss = await qpu.sample(one(0.2), {
      ...quiet,
      num_reads: 10,
      x_num_sweeps: 50,
      anneal_offsets: list({ 30: 0.05 }),
      h_gain_schedule: [
        [0, 1],
        [20, 0.5],
      ],
    });
    const c = (ss.info as Json).emulation.qubit_controls;
    expect(c.anneal_offsets.distinct).toBe(1);
    expect(Math.abs(c.anneal_offsets.min - 0.05)).toBeLessThanOrEqual(STEP / 2);
    expect(c.h_gain_schedule).toEqual([
      [0, 1],
      [20, 0.5],
    ]);
    expect(c.m_afm_ph).toBe(1.647);
  });
});

describe('signs and sizes on one qubit (pimc)', () => {
  it('a flux bias favours +1 when positive (sign opposite to h)', async () => {
    const o = { ...quiet, num_reads: 200, x_num_sweeps: 300, auto_scale: false };
    const up = pUp(await qpu.sample(one(0), { ...o, flux_biases: list({ 30: 2e-4 }) }));
    const down = pUp(await qpu.sample(one(0), { ...o, flux_biases: list({ 30: -2e-4 }) }));
    expect(up).toBeGreaterThan(0.85);
    expect(down).toBeLessThan(0.15);
  });

  it('the h gain multiplies h: g = −1 reverses the preferred state, g = 0 removes it', async () => {
    const o = { ...quiet, num_reads: 300, x_num_sweeps: 300 };
    const g = (x: number) => ({
      h_gain_schedule: [
        [0, x],
        [20, x],
      ],
    });
    expect(pUp(await qpu.sample(one(0.5), o))).toBeLessThan(0.1);
    expect(pUp(await qpu.sample(one(0.5), { ...o, ...g(-1) }))).toBeGreaterThan(0.9);
    expect(Math.abs(pUp(await qpu.sample(one(0.5), { ...o, ...g(0) })) - 0.5)).toBeLessThan(0.1);
  });

  it('without flux-drift compensation each programming leaves the qubit a random static flux drift', async () => {
    // a free qubit: compensated, every run is near 50/50; uncompensated (drift ≫ k_B T at freeze-out), each
    // run (one programming) leans to the side its drift favours, so P(+1) spreads over seeds
    const o = { ...quiet, num_reads: 200, x_num_sweeps: 200, x_flux_drift_phi0: 5e-4 };
    const spread = async (extra: Record<string, unknown>) => {
      const ps: number[] = [];
      for (let seed = 1; seed <= 8; seed++) ps.push(pUp(await qpu.sample(one(0), { ...o, ...extra, seed })));
      const m = ps.reduce((a, b) => a + b, 0) / ps.length;
      return Math.sqrt(ps.reduce((a, b) => a + (b - m) ** 2, 0) / (ps.length - 1));
    };
    expect(await spread({ flux_drift_compensation: false })).toBeGreaterThan(0.2);
    expect(await spread({})).toBeLessThan(0.06);
  });

  it('anneal offsets run on every thermal engine; the gpu backend refuses them', async () => {
    const bqm = BinaryQuadraticModel.fromIsing(
      [
        [30, 0.3],
        [31, -0.2],
      ],
      [[[30, 31], -1]],
    );
    const offsets = list({ 30: 0.05, 31: -0.05 });
    for (const x_engine of ['pimc', 'svmc', 'svmc-tf'])
      await expect(
        qpu.sample(bqm, { ...quiet, num_reads: 5, x_num_sweeps: 50, anneal_offsets: offsets, x_engine }),
      ).resolves.toBeDefined();
    const err = await qpu
      .sample(bqm, { ...quiet, num_reads: 5, anneal_offsets: offsets, x_backend: 'gpu' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ParameterError);
    expect(err.message).toMatch(/^x_backend: the gpu PIMC backend has no per-qubit schedules/);
  });
});

describe('embedded problems (Ocean passes the per-qubit lists through its composites)', () => {
  it('a chain whose qubits carry a flux bias leans the logical variable the flux’s way', async () => {
    // D-Wave's flux-bias example: flux biases on a chain's qubits
    const emb = Embedding.from([
      ['a', [30, 31]],
      ['b', [46]],
    ]);
    const logical = BinaryQuadraticModel.fromIsing([], [[['a', 'b'], 0.0]]);
    const fixed = new FixedEmbeddingComposite(qpu, emb);
    const o = { ...quiet, num_reads: 200, x_num_sweeps: 300, auto_scale: false, chain_strength: 1 };
    const lean = async (phi: number) => {
      const ss = await fixed.sample(logical, { ...o, flux_biases: list({ 30: phi, 31: phi }) });
      const a = ss.variables.indexOf('a');
      let up = 0;
      for (let r = 0; r < ss.numRows; r++)
        if (ss.samples[r * ss.numVariables + a] === 1) up += ss.numOccurrences[r]!;
      return up / 200;
    };
    expect(await lean(1e-4)).toBeGreaterThan(0.85);
    expect(await lean(-1e-4)).toBeLessThan(0.15);
  });
});

describe('statevector engine', () => {
  it('its reads follow the per-qubit statevector anneal of the programmed model', async () => {
    const bqm = BinaryQuadraticModel.fromIsing(
      [
        [30, 0.1],
        [31, 0],
      ],
      [[[30, 31], -0.3]],
    );
    const offsets = list({ 30: 0.1, 31: -0.08 });
    const flux = list({ 31: 3e-5 });
    const gain: [number, number][] = [
      [0, 1],
      [0.25, -1],
      [0.5, 1],
    ];
    const R = 2000;
    const ss = await qpu.sample(bqm, {
      ...quiet,
      num_reads: R,
      annealing_time: 0.5,
      auto_scale: false,
      answer_mode: 'raw',
      x_engine: 'statevector',
      anneal_offsets: offsets,
      flux_biases: flux,
      h_gain_schedule: gain,
    });
    expect((ss.info as Json).emulation.engine).toBe('statevector');
    expect((ss.info as Json).emulation.kernel).toBe('statevector:per-qubit');
    // the reference: the engine on the same model and quantized controls
    const model = compileModel(bqm, 'SPIN');
    const ref = await annealPerQubit(model, {
      scheduleName: 'Advantage_system4.1',
      table: getScheduleTable('Advantage_system4.1'),
      path: forwardPath(0.5, 'us'),
      controls: {
        offsets: Float64Array.from([0.1, -0.08], (d) => quantizeAnnealOffset(d, STEP)),
        fluxBiases: Float64Array.from([0, 3e-5]),
        hGain: gain,
        mAfmPh: 1.647,
      },
    });
    const counts = new Float64Array(4);
    for (let r = 0; r < R; r++) {
      const z = (ss.samples[2 * r] === -1 ? 1 : 0) + (ss.samples[2 * r + 1] === -1 ? 2 : 0);
      counts[z]!++;
    }
    for (let z = 0; z < 4; z++) {
      const p = ref.probabilities[z]!;
      expect(Math.abs(counts[z]! / R - p), `state ${z}`).toBeLessThan(
        4 * Math.sqrt((p * (1 - p)) / R) + 0.005,
      );
    }
  }, 120_000);

  it('fast anneals: the thermal engines warn and offer the statevector engine, which runs them', async () => {
    const bqm = BinaryQuadraticModel.fromIsing([], [[[30, 31], -1]]);
    const fast = { ...quiet, num_reads: 20, fast_anneal: true, annealing_time: 0.01 };
    const pimc = await qpu.sample(bqm, { ...fast, x_num_sweeps: 20 });
    const w = (pimc.info as Json).warnings as string[];
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/the anneal lasts 0.01 µs, shorter than the 0.5 µs .* coherent regime/);
    expect(w[0]).toMatch(/x_engine: statevector \(2 active qubits; up to 27\)/);
    const sv = await qpu.sample(bqm, { ...fast, x_engine: 'statevector' });
    expect((sv.info as Json).warnings).toBeUndefined();
    expect((sv.info as Json).emulation.schedule).toBe('Advantage_system4.1:fast');
    // a standard anneal on pimc has no warning; the statevector engine warns on it
    expect(
      (await qpu.sample(bqm, { ...quiet, num_reads: 5, x_num_sweeps: 20 })).info.warnings,
    ).toBeUndefined();
    const long = await qpu.sample(bqm, {
      ...quiet,
      num_reads: 5,
      annealing_time: 0.5,
      x_engine: 'statevector',
    });
    expect((long.info as Json).warnings[0]).toMatch(/closed system/);
  }, 120_000);

  it('takes at most 27 active qubits', async () => {
    const bqm = BinaryQuadraticModel.fromIsing(
      Array.from({ length: 28 }, (_, k) => [30 + k, 0.1] as [number, number]),
      [],
    );
    const err = await qpu.sample(bqm, { x_engine: 'statevector' }).catch((e) => e);
    expect(err).toBeInstanceOf(CapacityError);
    expect(err.message).toMatch(
      /^x_engine: the statevector engine takes at most 27 active qubits \(this problem has 28\)/,
    );
  });
});
