import { describe, expect, it } from 'vitest';
import { StructureError } from '../../src/errors.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { SapiFormatError } from '../../src/sapi/client/errors.js';
import {
  decodeFloat64,
  decodeInt32,
  decodeQpAnswer,
  decodeQpProblem,
  encodeQpAnswer,
  encodeQpProblem,
  QpEncoding,
  qpProblemToBqm,
  sampleSetFromQpAnswer,
} from '../../src/sapi/client/qp-coders.js';

const fail = (m: string) => new Error(m);

// A solver whose first working qubits are 30, 31, 32, … as on Advantage_system4.1 (dwave.md §1.4 example).
const enc = new QpEncoding({
  qubits: [30, 31, 32, 33, 45],
  couplers: [
    [30, 31],
    [31, 32],
    [30, 45],
    [32, 33],
  ],
});

describe('qp problem encoding (dwave.md §1.4 worked example)', () => {
  it('lin (-0.5, 0.5, NaN, …) and quad (-1.0) as documented', () => {
    const bqm = BinaryQuadraticModel.fromIsing(
      [
        [30, -0.5],
        [31, 0.5],
      ],
      [[[30, 31], -1]],
    );
    const data = encodeQpProblem(enc, bqm);
    expect(data.format).toBe('qp');
    expect(data.lin.startsWith('AAAAAAAA4L8AAAAAAADgPw')).toBe(true);
    // 5 qubits: -0.5, 0.5, then NaN (Python's NaN bytes 00…f8 7f) for the three inactive ones
    expect(data.lin).toBe('AAAAAAAA4L8AAAAAAADgPwAAAAAAAPh/AAAAAAAA+H8AAAAAAAD4fw==');
    expect(Array.from(decodeFloat64(data.lin, 'lin', fail))).toEqual([-0.5, 0.5, NaN, NaN, NaN]);
    expect(data.quad).toBe('AAAAAAAA8L8=');
    expect(data.offset).toBe(0);
  });

  it('NaN packs as Python does (00 00 00 00 00 00 f8 7f)', () => {
    const bqm = BinaryQuadraticModel.fromIsing([[31, 1]], []);
    const bytes = Buffer.from(encodeQpProblem(enc, bqm).lin, 'base64');
    expect([...bytes.subarray(0, 8)]).toEqual([0, 0, 0, 0, 0, 0, 0xf8, 0x7f]);
  });

  it('quad covers only couplers with both ends active, in couplers order, zeros kept', () => {
    // active 30, 31, 32, 45: couplers (30,31) (31,32) (30,45) are in, (32,33) is out
    const bqm = BinaryQuadraticModel.fromIsing(
      [[32, 0.25]],
      [
        [[45, 30], 0.75],
        [[31, 30], -1],
      ],
      1.5,
    );
    bqm.addVariable(31);
    const data = encodeQpProblem(enc, bqm);
    expect(Array.from(decodeFloat64(data.quad, 'quad', fail))).toEqual([-1, 0, 0.75]);
    expect(Array.from(decodeFloat64(data.lin, 'lin', fail))).toEqual([0, 0, 0.25, NaN, 0]);
    expect(data.offset).toBe(1.5);
    // and back (the server side)
    const back = qpProblemToBqm(decodeQpProblem(enc, data), 'ising');
    for (const s of [
      [1, -1, 1, 1],
      [-1, -1, 1, -1],
    ]) {
      const m = new Map([
        [30, s[0]!],
        [31, s[1]!],
        [32, s[2]!],
        [45, s[3]!],
      ]);
      expect(back.energy(m)).toBeCloseTo(bqm.energy(m), 12);
    }
  });

  it('refuses variables that are not qubits and interactions that are not couplers', () => {
    expect(() => encodeQpProblem(enc, BinaryQuadraticModel.fromIsing([['a', 1]], []))).toThrow(
      StructureError,
    );
    expect(() => encodeQpProblem(enc, BinaryQuadraticModel.fromIsing([[34, 1]], []))).toThrow(/34/);
    expect(() => encodeQpProblem(enc, BinaryQuadraticModel.fromIsing([], [[[30, 32], 1]]))).toThrow(
      /\(30, 32\) is not a working coupler/,
    );
  });

  it('decodeQpProblem rejects wrong lengths, NaN in quad, other formats', () => {
    const ok = encodeQpProblem(enc, BinaryQuadraticModel.fromIsing([[30, 1]], [[[30, 31], 1]]));
    expect(() => decodeQpProblem(enc, { ...ok, format: 'bq' })).toThrow(/data.format/);
    expect(() => decodeQpProblem(enc, { ...ok, lin: 'AAAAAAAA8L8=' })).toThrow(/data.lin: 1 values/);
    expect(() => decodeQpProblem(enc, { ...ok, quad: 'AAAAAAAA+H8=' })).toThrow(/NaN is not allowed/);
    expect(() => decodeQpProblem(enc, { ...ok, quad: '' })).toThrow(/data.quad: 0 values, but 1/);
    expect(() => decodeQpProblem(enc, { ...ok, lin: 'not base64!' })).toThrow(/not valid base64/);
  });
});

describe('qp answer decoding (dwave.md §1.6 worked example)', () => {
  const answer = {
    format: 'qp',
    num_variables: 5760,
    active_variables: 'HgAAAB8AAAA=',
    solutions: 'AMA=',
    energies: 'AAAAAAAA8L8AAAAAAADwvw==',
    num_occurrences: 'BgAAAAQAAAA=',
    timing: { qpu_access_time: 15831.76 },
  };

  it('active_variables [30, 31], MSB-first rows (−1,−1), (+1,+1), counts [6, 4]', () => {
    expect(Array.from(decodeInt32('HgAAAB8AAAA=', 'a', fail))).toEqual([30, 31]);
    const d = decodeQpAnswer(answer, 'ising');
    expect(Array.from(d.activeVariables)).toEqual([30, 31]);
    expect(Array.from(d.samples)).toEqual([-1, -1, 1, 1]);
    expect(Array.from(d.energies)).toEqual([-1, -1]);
    expect(Array.from(d.numOccurrences!)).toEqual([6, 4]);
    // both rows are ground states of E = -0.5 s30 + 0.5 s31 - s30 s31
    const bqm = BinaryQuadraticModel.fromIsing(
      [
        [30, -0.5],
        [31, 0.5],
      ],
      [[[30, 31], -1]],
    );
    for (let r = 0; r < 2; r++)
      expect(bqm.energyOf(d.samples.subarray(r * 2, r * 2 + 2))).toBe(d.energies[r]);
  });

  it('qubo answers map bits to 0/1', () => {
    expect(Array.from(decodeQpAnswer(answer, 'qubo').samples)).toEqual([0, 0, 1, 1]);
  });

  it('a SampleSet like DWaveSampler: sorted qubits, energy + offset, int32 counts, problem id, timing', () => {
    const ss = sampleSetFromQpAnswer(answer, { type: 'ising', offset: 0.5, problemId: 'p-1', label: 'L' });
    expect(ss.variables).toEqual([30, 31]);
    expect(ss.vartype).toBe('SPIN');
    expect(Array.from(ss.energy)).toEqual([-0.5, -0.5]);
    expect(ss.vectors.num_occurrences).toEqual({ dataType: 'int32', shape: [2], data: [6, 4] });
    expect(ss.info).toMatchObject({
      problem_id: 'p-1',
      problem_label: 'L',
      timing: { qpu_access_time: 15831.76 },
    });
  });

  it('columns are put in ascending qubit order whatever the answer order', () => {
    const a = encodeQpAnswer({
      activeVariables: [45, 30],
      samples: Int8Array.from([1, -1, -1, 1]),
      energies: [0, 1],
      numVariables: 46,
    });
    const ss = sampleSetFromQpAnswer(a, { type: 'ising', offset: 0, problemId: 'x' });
    expect(ss.variables).toEqual([30, 45]);
    expect(Array.from(ss.samples)).toEqual([-1, 1, 1, -1]);
    expect(ss.vectors.num_occurrences!.data).toEqual([1, 1]); // raw answer: no num_occurrences
  });

  it('decodes dwave-cloud-client mock replies (rows padded beyond whole bytes, as decode_qp_numpy allows)', () => {
    // tests/test_mock_submission.py complete_reply: 5 qubits, h = 1, J = -1 on all pairs, one row all -1
    const d = decodeQpAnswer(
      {
        format: 'qp',
        num_variables: 5,
        energies: 'AAAAAAAALsA=',
        num_occurrences: 'ZAAAAA==',
        active_variables: 'AAAAAAEAAAACAAAAAwAAAAQAAAA=',
        solutions: 'AAAAAA==',
        timing: {},
      },
      'ising',
    );
    expect(Array.from(d.energies)).toEqual([-15]);
    expect(Array.from(d.numOccurrences!)).toEqual([100]);
    expect(Array.from(d.samples)).toEqual([-1, -1, -1, -1, -1]);
  });

  it('round-trips many widths and rows through encode/decode', () => {
    for (const width of [1, 7, 8, 9, 16, 17, 33]) {
      const rows = 5;
      const samples = new Int8Array(rows * width);
      for (let i = 0; i < samples.length; i++) samples[i] = (i * 7919) % 3 === 0 ? 1 : -1;
      const active = Array.from({ length: width }, (_, k) => k * 2);
      const a = encodeQpAnswer({
        activeVariables: active,
        samples,
        energies: Array.from({ length: rows }, (_, r) => -r),
        numOccurrences: [1, 2, 3, 4, 5],
        numVariables: 100,
      });
      const d = decodeQpAnswer(a, 'ising');
      expect(Array.from(d.samples)).toEqual(Array.from(samples));
      expect(Array.from(d.activeVariables)).toEqual(active);
    }
  });

  it('inconsistent answers are clear errors', () => {
    expect(() => decodeQpAnswer({ ...answer, solutions: 'AA==' }, 'ising')).toThrow(SapiFormatError);
    expect(() => decodeQpAnswer({ ...answer, num_occurrences: 'BgAAAA==' }, 'ising')).toThrow(
      /1 values for 2 energies/,
    );
    expect(() => decodeQpAnswer({ ...answer, num_variables: 31 }, 'ising')).toThrow(/outside \[0, 31\)/);
    expect(() => decodeQpAnswer({ ...answer, format: 'bq' }, 'ising')).toThrow(/only "qp"/);
    expect(() => decodeQpAnswer({ ...answer, energies: 'AAAA' }, 'ising')).toThrow(
      /whole number of float64s/,
    );
  });
});
