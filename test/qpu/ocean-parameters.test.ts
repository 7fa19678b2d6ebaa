/**
 * The QPU parameters Ocean users pass for per-qubit control: anneal_offsets, flux_biases, h_gain_schedule and
 * flux_drift_compensation (their neutral values sample exactly as leaving them out; the physics is tested in
 * ./qubit-controls.test.ts), max_answers with SAPI's meaning, and the anneal-offset properties a solver
 * publishes.
 */

import { describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { findQpuProfile } from '../../src/sim/qpu/profiles.js';
import { profileLattice, QpuSimulator } from '../../src/sim/qpu/qpu-simulator.js';

// biome-ignore lint/suspicious/noExplicitAny: properties read field by field, as Ocean reads them
type Json = any;

const qpu = new QpuSimulator({ profile: 'DW_2000Q_6', threads: 1 });
const N = 2048;
/** A frustrated square in one Chimera cell: several distinct low states at a warm temperature. */
const square = BinaryQuadraticModel.fromIsing(
  [],
  [
    [[0, 4], 1],
    [[0, 5], 1],
    [[1, 4], 1],
    [[1, 5], -1],
  ],
);
const quick = { x_num_sweeps: 100, x_trotter_slices: 8, x_temperature_mk: 150, seed: 7 };

describe('anneal-offset properties', () => {
  it('one range per fabricated qubit: the profile range on working qubits, [0, 0] on the others', () => {
    const adv = new QpuSimulator({ threads: 1 }).properties as Json;
    expect(adv.anneal_offset_ranges).toHaveLength(5760);
    expect(adv.anneal_offset_ranges[30]).toEqual([-0.6409899716199288, 0.5011584701861175]);
    expect(adv.anneal_offset_ranges[0]).toEqual([0, 0]); // outside the P16 fabric
    expect(adv.anneal_offset_step).toBe(-0.0001500217998314891);
    expect(adv.anneal_offset_step_phi0).toBe(1.4303846404537006e-5);
    for (const k of [
      'anneal_offsets',
      'flux_biases',
      'flux_drift_compensation',
      'h_gain_schedule',
      'max_answers',
    ])
      expect(Object.keys(adv.parameters)).toContain(k);
    const lattice = profileLattice(findQpuProfile('DW_2000Q_6')!);
    const broken = new QpuSimulator({
      profile: 'DW_2000Q_6',
      workingGraph: lattice.withFaults({ brokenNodes: [5] }),
      threads: 1,
    }).properties as Json;
    expect(broken.anneal_offset_ranges).toHaveLength(N);
    expect(broken.anneal_offset_ranges[5]).toEqual([0, 0]);
    expect(broken.anneal_offset_ranges[4]).toEqual([-0.18627387668142237, 0.09542224439071689]);
  });
});

describe('per-qubit parameters at their neutral values', () => {
  it('sample exactly as leaving them out', async () => {
    const base = await qpu.sample(square, { ...quick, num_reads: 30, answer_mode: 'raw' });
    const neutral = [
      { anneal_offsets: new Array(N).fill(0) },
      // an offset smaller than half a quantization step rounds to none
      { anneal_offsets: Object.assign(new Array(N).fill(0), { 4: 0.001 }) },
      { flux_biases: new Array(N).fill(0), auto_scale: false },
      {
        h_gain_schedule: [
          [0, 1],
          [20, 1],
        ],
      },
      { flux_drift_compensation: true },
      { flux_drift_compensation: false, x_flux_drift_phi0: 0 },
    ];
    for (const extra of neutral) {
      const ss = await qpu.sample(square, { ...quick, num_reads: 30, answer_mode: 'raw', ...extra });
      expect([...ss.samples], JSON.stringify(Object.keys(extra))).toEqual([...base.samples]);
    }
  });

  it('malformed lists are the solver rules’ to refuse', async () => {
    await expect(qpu.sample(square, { ...quick, anneal_offsets: [0, 0] })).rejects.toThrow(
      /anneal_offsets: expected a list of 2048 numbers/,
    );
    const nan = new Array(N).fill(0);
    nan[4] = Number.NaN;
    await expect(qpu.sample(square, { ...quick, anneal_offsets: nan })).rejects.toThrow(
      /^anneal_offsets: qubit 4 is active in the problem but its entry is null; give a finite number/,
    );
    // NaN on a qubit the problem does not use is accepted (Ocean's mock solver writes NaN there)
    const unused = new Array(N).fill(0);
    unused[100] = Number.NaN;
    await expect(qpu.sample(square, { ...quick, anneal_offsets: unused })).resolves.toBeDefined();
  });
});

describe('max_answers (SAPI: histogram keeps the lowest-energy distinct samples, raw the first reads)', () => {
  it('histogram: the max_answers lowest rows of the full histogram', async () => {
    const full = await qpu.sample(square, { ...quick, num_reads: 200 });
    expect(full.numRows).toBeGreaterThan(2);
    const cut = await qpu.sample(square, { ...quick, num_reads: 200, max_answers: 2 });
    expect(cut.numRows).toBe(2);
    expect([...cut.energy]).toEqual([...full.energy].slice(0, 2));
    expect([...cut.samples]).toEqual([...full.samples].slice(0, 2 * full.numVariables));
    const occ = cut.vectors.num_occurrences!.data as number[];
    expect(occ).toEqual((full.vectors.num_occurrences!.data as number[]).slice(0, 2));
    expect(cut.info.parameters!.max_answers).toBe(2);
  });

  it('raw: the first max_answers reads; more than num_reads returns every read', async () => {
    const all = await qpu.sample(square, { ...quick, num_reads: 20, answer_mode: 'raw' });
    const first = await qpu.sample(square, { ...quick, num_reads: 20, answer_mode: 'raw', max_answers: 5 });
    expect(first.numRows).toBe(5);
    expect([...first.samples]).toEqual([...all.samples].slice(0, 5 * all.numVariables));
    const more = await qpu.sample(square, { ...quick, num_reads: 20, answer_mode: 'raw', max_answers: 50 });
    expect(more.numRows).toBe(20);
    await expect(qpu.sample(square, { ...quick, max_answers: 0 })).rejects.toThrow(
      /max_answers: 0 must be ≥ 1/,
    );
  });
});
