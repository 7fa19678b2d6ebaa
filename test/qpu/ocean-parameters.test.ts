/**
 * The QPU parameters Ocean users pass that qpu-sim declares without modelling their physics yet: anneal_offsets,
 * flux_biases, h_gain_schedule (accepted at their neutral values, which sample exactly as leaving them out, and
 * refused otherwise naming what the emulator lacks), flux_drift_compensation (either value); max_answers with
 * SAPI's meaning; and the anneal-offset properties a solver publishes.
 */

import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.js';
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

describe('parameters qpu-sim does not model yet', () => {
  it('neutral values sample exactly as leaving them out', async () => {
    const base = await qpu.sample(square, { ...quick, num_reads: 30, answer_mode: 'raw' });
    const neutral = [
      { anneal_offsets: new Array(N).fill(0) },
      { flux_biases: new Array(N).fill(0), auto_scale: false },
      {
        h_gain_schedule: [
          [0, 1],
          [20, 1],
        ],
      },
      { flux_drift_compensation: false },
      { flux_drift_compensation: true },
    ];
    for (const extra of neutral) {
      const ss = await qpu.sample(square, { ...quick, num_reads: 30, answer_mode: 'raw', ...extra });
      expect([...ss.samples], Object.keys(extra).join()).toEqual([...base.samples]);
    }
  });

  it('non-neutral values are refused, naming the parameter and what the emulator lacks', async () => {
    const offsets = new Array(N).fill(0);
    offsets[4] = 0.05;
    const flux = new Array(N).fill(0);
    flux[0] = 1e-5;
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ anneal_offsets: offsets }, /^anneal_offsets: qpu-sim does not model anneal offsets yet/],
      [{ flux_biases: flux, auto_scale: false }, /^flux_biases: qpu-sim does not model flux biases yet/],
      [
        {
          h_gain_schedule: [
            [0, 1],
            [10, 2],
            [20, 1],
          ],
        },
        /^h_gain_schedule: qpu-sim does not model a time-dependent h gain yet/,
      ],
    ];
    for (const [params, message] of cases) {
      const err = await qpu.sample(square, { ...quick, ...params }).catch((e) => e);
      expect(err).toBeInstanceOf(ParameterError);
      expect(err.message).toMatch(message);
    }
    // a malformed list is the solver rules' to refuse (one number per fabricated qubit)
    await expect(qpu.sample(square, { ...quick, anneal_offsets: [0, 0] })).rejects.toThrow(
      /anneal_offsets: expected a list of 2048 numbers/,
    );
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
