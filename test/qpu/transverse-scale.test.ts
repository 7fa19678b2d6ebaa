/**
 * x_transverse_scale (a factor k on the published A(s)): the scaled A reaches every engine. The thermal engines'
 * anneal tables carry β·Γ = β·k·A(s)/2 with β·Λ unchanged; the statevector engine's reads follow a closed-system
 * anneal on the hand-scaled sheet. The check uses a reverse anneal of a ferromagnetic pair from ↑↑ to s = 0.55,
 * where ↑↑ and ↓↓ tunnel coherently with a splitting ∝ A(s)² / (B(s)·|J|): P(↑↑) at the end moves from 0.41
 * (k = 1) to 0.20 (k = 0.7), far more than the sampling error, so an engine that ignored k would fail.
 */

import { afterAll, describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { getScheduleTable } from '../../src/hamiltonian/schedule/catalog.js';
import { annealPath, forwardPath } from '../../src/hamiltonian/schedule/paths.js';
import { tableSchedule } from '../../src/hamiltonian/schedule/table.js';
import { qpuEmulation } from '../../src/sim/qpu/emulation.js';
import { findQpuProfile } from '../../src/sim/qpu/profiles.js';
import { qpuParameterSpecs } from '../../src/sim/qpu/qpu-parameters.js';
import { QpuSimulator } from '../../src/sim/qpu/qpu-simulator.js';
import { quantizeAnnealOffset } from '../../src/sim/qpu/rules/controls.js';
import { resolveParameters } from '../../src/sim/sampler.js';
import { annealCompiled } from '../../src/sim/statevector/anneal.js';
import { annealPerQubit } from '../../src/sim/statevector/qubit-anneal.js';
import { closeAllPools } from '../../src/sim/threads/pool.js';

afterAll(() => closeAllPools());

// biome-ignore lint/suspicious/noExplicitAny: info read field by field
type Json = any;

const SHEET = 'Advantage_system4.1';
const prof = findQpuProfile(SHEET)!;
const qpu = new QpuSimulator({ threads: 1 });
const quiet = { x_h_noise_sigma: 0, x_j_noise_sigma: 0, seed: 5 };
const scaledTable = (k: number) => {
  const t = getScheduleTable(SHEET);
  return { ...t, A: t.A.map((a) => a * k) };
};
const emulation = (params: Record<string, unknown>, controls?: { offsets: Float64Array }) =>
  qpuEmulation(
    resolveParameters('qpu-sim', qpuParameterSpecs(prof), params),
    prof,
    forwardPath(20, 'us'),
    SHEET,
    controls,
    2,
  );

describe('x_transverse_scale: the thermal engines (pimc, svmc)', () => {
  it('the anneal table has β·Γ scaled by k and β·Λ unchanged; so does the per-qubit table', () => {
    const k = 0.8;
    const one = emulation({ x_num_sweeps: 200 });
    const scaled = emulation({ x_num_sweeps: 200, x_transverse_scale: k });
    expect(scaled.transverseScale).toBe(k);
    expect(scaled.table.length).toBe(200);
    for (let i = 0; i < 200; i++) {
      expect(scaled.table.betaGamma[i]).toBeCloseTo(k * one.table.betaGamma[i]!, 12);
      expect(scaled.table.betaLambda[i]).toBe(one.table.betaLambda[i]);
    }
    expect(one.table.betaGamma[0]).toBeGreaterThan(1);
    // with anneal offsets the engines read the per-qubit table, built on the scaled sheet
    const controls = { offsets: Float64Array.from([0.02, -0.03]) };
    const q1 = emulation({ x_num_sweeps: 200 }, controls).qubitTable!;
    const qk = emulation({ x_num_sweeps: 200, x_transverse_scale: k }, controls).qubitTable!;
    expect(qk.numGroups).toBe(2);
    for (let i = 0; i < q1.betaGamma.length; i++) {
      expect(qk.betaGamma[i]).toBeCloseTo(k * q1.betaGamma[i]!, 12);
      expect(qk.betaLambda[i]).toBeCloseTo(q1.betaLambda[i]!, 12);
    }
  });
});

describe('x_transverse_scale: the statevector engine', () => {
  const bqm = BinaryQuadraticModel.fromIsing([], [[[30, 31], -0.2]]);
  const model = compileModel(bqm, 'SPIN');
  const points: [number, number][] = [
    [0, 1],
    [0.225, 0.55],
    [0.325, 0.55],
    [0.55, 1],
  ];
  const path = annealPath(points, 'us', Int8Array.from([1, 1]));
  const R = 2000;
  const reverse = {
    ...quiet,
    num_reads: R,
    auto_scale: false,
    x_engine: 'statevector',
    anneal_schedule: points,
  };
  const pUpUp = (ss: Json) => {
    let k = 0;
    for (let r = 0; r < R; r++) if (ss.samples[2 * r] === 1 && ss.samples[2 * r + 1] === 1) k++;
    return k / R;
  };
  const within = (p: number, q: number) =>
    expect(Math.abs(p - q)).toBeLessThan(4 * Math.sqrt((q * (1 - q)) / R));
  const upUp = (amps: Float64Array) => amps[0]! ** 2 + amps[1]! ** 2;

  it('uniform schedule: the reads follow annealCompiled on the hand-scaled sheet', async () => {
    const ref = async (k: number) =>
      upUp(
        (
          await annealCompiled(model, {
            schedule: tableSchedule(SHEET, scaledTable(k)),
            path,
            keepState: true,
          })
        ).state!,
      );
    const p1 = await ref(1);
    const p07 = await ref(0.7);
    expect(p1 - p07).toBeGreaterThan(0.15);
    const ss = await qpu.sample(bqm, {
      ...reverse,
      initial_state: { 30: 1, 31: 1 },
      x_transverse_scale: 0.7,
    });
    expect((ss.info as Json).emulation.kernel).toMatch(/^statevector:/);
    expect((ss.info as Json).emulation.transverse_scale).toBe(0.7);
    within(pUpUp(ss), p07);
  }, 120_000);

  it('per-qubit controls: the reads follow annealPerQubit on the hand-scaled sheet', async () => {
    const N = 5760;
    const offsets = Object.assign(new Array(N).fill(0), { 30: 0.003, 31: 0.003 });
    const q = quantizeAnnealOffset(0.003, prof.anneal_offset_step);
    const ref = async (k: number) =>
      (
        await annealPerQubit(model, {
          scheduleName: SHEET,
          table: scaledTable(k),
          path,
          controls: { offsets: Float64Array.from([q, q]), mAfmPh: prof.mAfmPh },
        })
      ).probabilities[0]!;
    const p1 = await ref(1);
    const p07 = await ref(0.7);
    expect(Math.abs(p1 - p07)).toBeGreaterThan(0.15);
    const ss = await qpu.sample(bqm, {
      ...reverse,
      initial_state: { 30: 1, 31: 1 },
      anneal_offsets: offsets,
      x_transverse_scale: 0.7,
    });
    expect((ss.info as Json).emulation.kernel).toBe('statevector:per-qubit');
    within(pUpUp(ss), p07);
  }, 120_000);
});

describe('x_transverse_scale: info and checks', () => {
  const bqm = BinaryQuadraticModel.fromIsing([[30, 0.5]], []);
  const few = { ...quiet, num_reads: 4, x_num_sweeps: 20 };

  it('info.emulation.transverse_scale appears only when k ≠ 1', async () => {
    const info = async (extra: Record<string, unknown>) =>
      ((await qpu.sample(bqm, { ...few, ...extra })).info as Json).emulation;
    expect(await info({})).not.toHaveProperty('transverse_scale');
    expect(await info({ x_transverse_scale: 1 })).not.toHaveProperty('transverse_scale');
    expect((await info({ x_transverse_scale: 1.2 })).transverse_scale).toBe(1.2);
  });

  it('0, negative and non-finite factors are refused, naming the field', async () => {
    for (const [v, msg] of [
      [0, /^x_transverse_scale: 0 must be > 0/],
      [-0.5, /^x_transverse_scale: -0.5 must be > 0/],
      [Number.NaN, /^x_transverse_scale: .* is not a finite number/],
      [Number.POSITIVE_INFINITY, /^x_transverse_scale: .* is not a finite number/],
    ] as const) {
      const err = await qpu.sample(bqm, { ...few, x_transverse_scale: v }).catch((e) => e);
      expect(err, String(v)).toBeInstanceOf(ParameterError);
      expect(err.message).toMatch(msg);
      expect(err.field).toBe('x_transverse_scale');
    }
  });
});
