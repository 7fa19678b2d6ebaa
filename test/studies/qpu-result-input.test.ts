/** Malformed SAPI answers in a QPU result file are bad input (exit 2) naming the file; found by test/fuzz. */
import { describe, expect, it } from 'vitest';
import { SapiFormatError } from '../../src/sapi/client/errors.js';
import { decodeQpAnswer, encodeFloat64, encodeQpAnswer } from '../../src/sapi/client/qp-coders.js';
import { readQpuResult } from '../../src/studies/validation/qpu-result.js';
import { inputError } from '../helpers/input-error.js';

const answer = encodeQpAnswer({
  activeVariables: [0, 2],
  samples: Int8Array.from([1, -1, -1, 1]),
  energies: [-1, 0.5],
  numOccurrences: [3, 1],
  numVariables: 4,
});
const status = (a: unknown, data: unknown = { format: 'qp', offset: 0.5 }) =>
  JSON.stringify({ id: 'p-1', type: 'ising', data, answer: a });

describe('QPU result files with a malformed qp answer', () => {
  it('read correctly when well formed', () => {
    const r = readQpuResult(status(answer), 'r.json');
    expect(Array.from(r.sampleSet!.energy)).toEqual([-0.5, 1]);
  });

  it('an inconsistent answer is an InputError naming the file, not a Leap failure (exit 1)', () => {
    const e = inputError(() => readQpuResult(status({ ...answer, num_variables: 'x' }), 'r.json'));
    expect(e.exitCode).toBe(2);
    expect(e.field).toBe('r.json');
    expect(e.message).toMatch(/^r\.json: invalid qp answer: answer\.num_variables/);
  });

  it('non-finite energies or offsets are refused instead of giving Infinity energies', () => {
    const nan = { ...answer, energies: encodeFloat64([Number.NaN, 1]) };
    expect(() => decodeQpAnswer(nan, 'ising')).toThrow(SapiFormatError);
    expect(() => decodeQpAnswer(nan, 'ising')).toThrow(/answer\.energies: row 0 is NaN/);
    expect(inputError(() => readQpuResult(status(nan), 'r.json')).field).toBe('r.json');
    const str = inputError(() => readQpuResult(status(answer, { format: 'qp', offset: '1' }), 'r.json'));
    expect(str.message).toMatch(/data\.offset is string "1"/);
    const text = status(answer).replace('"offset":0.5', '"offset":Infinity');
    expect(inputError(() => readQpuResult(text, 'r.json')).message).toMatch(/data\.offset is Infinity/);
    expect(() => decodeQpAnswer({ ...answer, offset: Number.NaN }, 'ising')).toThrow(/answer\.offset/);
  });
});
