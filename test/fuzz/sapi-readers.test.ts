/**
 * Property-based suite over the SAPI `qp` readers (issue 15 §3): QPU result files a user gives `qaxai validate`
 * (a problem status or info with its `qp` answer, a bare answer, or LANL's text result), and the problem data
 * the SAPI server decodes. Generated answers and problems decode exactly; spliced and structurally edited ones
 * give a sound value or an InputError naming its field — 10,000 cases per reader by default, ten times more
 * with QAXAI_SLOW=1.
 */

import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  decodeQpProblem,
  encodeFloat64,
  encodeQpAnswer,
  QpEncoding,
} from '../../src/sapi/client/qp-coders.js';
import { type QpuResult, readQpuResult } from '../../src/studies/validation/qpu-result.js';
import { check, mutatedDocument, mutatedText, params, TIMEOUT, valueOrInputError } from './fuzz-helpers.js';

vi.setConfig({ testTimeout: TIMEOUT });

interface Answer {
  doc: Record<string, unknown>;
  active: number[];
  rows: number[][];
  energies: number[];
  type: 'ising' | 'qubo';
  offset: number;
}

const answers: fc.Arbitrary<Answer> = fc
  .record({
    numVariables: fc.integer({ min: 1, max: 40 }),
    pick: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    rows: fc.integer({ min: 1, max: 6 }),
    bits: fc.array(fc.boolean(), { minLength: 6 * 40, maxLength: 6 * 40 }),
    type: fc.constantFrom<'ising' | 'qubo'>('ising', 'qubo'),
    offset: fc.double({ min: -100, max: 100, noNaN: true }),
    raw: fc.boolean(),
    shape: fc.constantFrom('status', 'info', 'bare'),
  })
  .map(({ numVariables, pick, rows, bits, type: asked, offset, raw, shape }) => {
    const type = shape === 'bare' ? 'ising' : asked; // a bare answer does not say; it is read as ising
    const active = [...Array(numVariables).keys()].filter((q) => pick[q]);
    if (active.length === 0) active.push(0);
    const w = active.length;
    const lo = type === 'ising' ? -1 : 0;
    const samples = Int8Array.from({ length: rows * w }, (_, k) => (bits[k] ? 1 : lo));
    const energies = Array.from({ length: rows }, (_, r) => r - 2.5);
    const answer = encodeQpAnswer({
      activeVariables: active,
      samples,
      energies,
      ...(raw ? {} : { numOccurrences: energies.map((_, r) => r + 1) }),
      numVariables,
      timing: { qpu_access_time: 1234 },
    });
    const meta = { type, solver: 'Advantage_system4.1' };
    const doc: Record<string, unknown> =
      shape === 'bare'
        ? { ...answer }
        : shape === 'status'
          ? { id: 'p-1', status: 'COMPLETED', type, solver: 'Advantage_system4.1', answer }
          : { id: 'p-1', data: { format: 'qp', offset }, params: { num_reads: 10 }, metadata: meta, answer };
    const rowsOut = Array.from({ length: rows }, (_, r) => Array.from(samples.subarray(r * w, (r + 1) * w)));
    return {
      doc,
      active,
      rows: rowsOut,
      energies,
      type,
      offset: shape === 'info' ? offset : 0,
    };
  });

/** What every QPU result read must be. */
function soundResult(r: QpuResult): void {
  const h = r.storedHistogram;
  check(h.energies.every(Number.isFinite), () => 'an energy is not finite');
  check(
    h.counts.every((c) => Number.isInteger(c) && c >= 0),
    () => 'a count is not a natural number',
  );
  const ss = r.sampleSet;
  if (!ss) return;
  const ok = ss.vartype === 'SPIN' ? (v: number) => v === 1 || v === -1 : (v: number) => v === 0 || v === 1;
  check(ss.samples.length === ss.numRows * ss.numVariables && ss.samples.every(ok), () => 'samples');
  check(ss.energy.every(Number.isFinite), () => 'a sample-set energy is not finite');
}

function readMutated(text: string): void {
  const r = valueOrInputError(() => readQpuResult(text, 'qpu.json'));
  if (!(r instanceof Error)) soundResult(r);
}

const LANL_TEXT = [
  'using d-wave solver name provided in data file: Advantage_system4.1',
  'd-wave parameters:',
  '  auto_scale - False',
  '  num_reads - 100',
  '  annealing_time - 20.0',
  '',
  '-12.000000 - 61',
  '-12.000000 - 27',
  '-10.000000 - 12',
  'BQP_SOLUTION, 4, 3, -12.0, 0.1, 1, -1, 1, -1',
  'BQP_DATA, 4, 3, -12.0, 0.1',
].join('\n');

describe('QPU result files with SAPI qp answers', () => {
  it('generated answers decode exactly (1,000 cases)', () => {
    fc.assert(
      fc.property(answers, (a) => {
        const r = readQpuResult(JSON.stringify(a.doc), 'qpu.json', 'SPIN');
        const ss = r.sampleSet!;
        expect(ss.variables).toEqual(a.active);
        expect(ss.vartype).toBe(a.type === 'ising' ? 'SPIN' : 'BINARY');
        for (let row = 0; row < a.rows.length; row++) expect(Array.from(ss.row(row))).toEqual(a.rows[row]);
        expect(Array.from(ss.energy)).toEqual(a.energies.map((e) => e + a.offset));
      }),
      params(1000, 31),
    );
  });

  it('spliced and edited answers, and LANL text results: a sound result or an InputError (9,000 cases)', () => {
    fc.assert(
      fc.property(
        answers.chain((a) => mutatedText(JSON.stringify(a.doc))),
        readMutated,
      ),
      params(3500, 32),
    );
    fc.assert(
      fc.property(
        answers.chain((a) => mutatedDocument(a.doc)),
        readMutated,
      ),
      params(4500, 33),
    );
    fc.assert(fc.property(mutatedText(LANL_TEXT), readMutated), params(1000, 34));
  });
});

describe('qp problem data on the SAPI server', () => {
  const enc = new QpEncoding({
    qubits: [0, 1, 2, 4, 5, 7],
    couplers: [
      [0, 1],
      [1, 2],
      [0, 4],
      [4, 5],
      [2, 7],
      [5, 7],
    ],
  });
  const problems = fc
    .record({
      lin: fc.array(fc.oneof(fc.double({ min: -4, max: 4, noNaN: true }), fc.constant(Number.NaN)), {
        minLength: 6,
        maxLength: 6,
      }),
      quadSeed: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 6, maxLength: 6 }),
      offset: fc.double({ min: -10, max: 10, noNaN: true }),
    })
    .map(({ lin, quadSeed, offset }) => {
      const active = new Set(enc.qubits.filter((_, k) => !Number.isNaN(lin[k]!)));
      const quad = enc.couplers.flatMap(([a, b], k) =>
        active.has(a) && active.has(b) ? [quadSeed[k]!] : [],
      );
      return {
        lin,
        quad,
        offset,
        data: { format: 'qp', lin: encodeFloat64(lin), quad: encodeFloat64(quad), offset },
      };
    });

  it('generated problems decode exactly (1,000 cases)', () => {
    fc.assert(
      fc.property(problems, (p) => {
        const d = decodeQpProblem(enc, p.data);
        expect(d.linear).toEqual(
          enc.qubits.flatMap((q, k) => (Number.isNaN(p.lin[k]!) ? [] : [[q, p.lin[k]]])),
        );
        expect(d.quadratic.map((t) => t[2])).toEqual(p.quad);
        expect(d.offset).toBe(p.offset);
      }),
      params(1000, 35),
    );
  });

  it('spliced and edited problem data: a decoded problem or an InputError naming data (9,000 cases)', () => {
    const read = (text: string) => {
      let doc: unknown;
      try {
        doc = JSON.parse(text); // the server's body parser
      } catch {
        return;
      }
      const d = valueOrInputError(() => decodeQpProblem(enc, doc));
      if (d instanceof Error) return;
      check(Number.isFinite(d.offset), () => 'offset');
      check(
        [...d.linear, ...d.quadratic].every((t) => Number.isFinite(t[t.length - 1])),
        () => 'a bias',
      );
    };
    fc.assert(
      fc.property(
        problems.chain((p) => mutatedText(JSON.stringify(p.data))),
        read,
      ),
      params(4500, 36),
    );
    fc.assert(
      fc.property(
        problems.chain((p) => mutatedDocument(p.data)),
        read,
      ),
      params(4500, 37),
    );
  });
});
