import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QaError } from '../../src/errors.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { bqmFromBqpJson } from '../../src/hamiltonian/io/bqpjson.js';
import { bqmFromDimodJson, bqmToDimodJson } from '../../src/hamiltonian/io/dimod-bqm.js';
import {
  packSamples,
  sampleSetFromDimodJson,
  sampleSetToDimodJson,
} from '../../src/hamiltonian/io/dimod-sampleset.js';
import { modelFromJsonText } from '../../src/hamiltonian/io/model-json.js';
import { bqmFromSimpleJson, bqmToSimpleJson } from '../../src/hamiltonian/io/simple-json.js';
import { SampleSet } from '../../src/hamiltonian/sample-set.js';
import { parseStrictJson } from '../../src/util/strict-json.js';
import { randomBqm } from '../helpers/random-models.js';

const roundTrip = <T>(v: T): unknown => JSON.parse(JSON.stringify(v));

function sameModel(a: BinaryQuadraticModel, b: BinaryQuadraticModel): void {
  expect(b.vartype).toBe(a.vartype);
  expect(b.offset).toBe(a.offset);
  expect(new Set(b.variables.toArray())).toEqual(new Set(a.variables.toArray()));
  for (const l of a.variables) expect(b.getLinear(l)).toBe(a.getLinear(l));
  expect(b.numInteractions).toBe(a.numInteractions);
  for (const [i, j, w] of a.interactions())
    expect(b.getQuadratic(a.variables.at(i), a.variables.at(j))).toBe(w);
}

describe('dimod BQM JSON', () => {
  it('reads the documented to_serializable form (integral floats written as ints)', () => {
    const doc = {
      type: 'BinaryQuadraticModel',
      version: { bqm_schema: '3.0.0' },
      use_bytes: false,
      index_type: 'int32',
      bias_type: 'float64',
      num_variables: 3,
      num_interactions: 2,
      variable_labels: [0, 'b', [1, 2]],
      variable_type: 'BINARY',
      offset: 1,
      info: {},
      linear_biases: [-1, 0.5, 0],
      quadratic_biases: [2, -3],
      quadratic_head: [0, 1],
      quadratic_tail: [1, 2],
    };
    const bqm = bqmFromDimodJson(doc);
    expect(bqm.getLinear(0)).toBe(-1);
    expect(bqm.getQuadratic('b', [1, 2])).toBe(-3);
    expect(bqm.offset).toBe(1);
  });

  it('round-trips random models with integer, string and mixed labels', () => {
    for (const [seed, labels] of [
      [1, (i: number) => i * 7],
      [2, (i: number) => `q${i}`],
      [3, (i: number) => (i % 2 ? i : `s${i}`)],
    ] as const) {
      const bqm = randomBqm(12, 0.4, seed, seed === 2 ? 'BINARY' : 'SPIN', { labels });
      const doc = bqmToDimodJson(bqm);
      expect(doc.variable_labels.length).toBe(12);
      for (let k = 0; k < doc.quadratic_head.length; k++)
        expect(doc.quadratic_head[k]!).toBeLessThan(doc.quadratic_tail[k]!);
      sameModel(bqm, bqmFromDimodJson(roundTrip(doc)));
    }
  });

  it('sorts sortable labels as dimod does', () => {
    const bqm = BinaryQuadraticModel.fromIsing(
      [
        [10, 1],
        [2, 1],
        [33, 1],
      ],
      [],
    );
    expect(bqmToDimodJson(bqm).variable_labels).toEqual([2, 10, 33]);
  });

  it('names the field of bad input', () => {
    const good = bqmToDimodJson(randomBqm(3, 1, 4));
    const bad = (patch: object) => () => bqmFromDimodJson({ ...(roundTrip(good) as object), ...patch });
    expect(bad({ linear_biases: [1, Number.NaN, 2] })).toThrow(
      /linear_biases\[1\]: expected a finite number, found NaN/,
    );
    expect(bad({ quadratic_head: [0, 0, 5] })).toThrow(/quadratic_head\[2\]/);
    expect(bad({ variable_labels: [0, 1, 1] })).toThrow(/variable_labels\[2\]: duplicate variable 1/);
    expect(bad({ variable_type: 'INTEGER' })).toThrow(/variable_type/);
    expect(bad({ quadratic_tail: [0, 1, 2], quadratic_head: [0, 1, 2] })).toThrow(/self-loop/);
  });
});

describe('dimod SampleSet JSON', () => {
  it('packs samples LSB-first in uint32 words, as the documented worked examples', () => {
    const row = (n: number, set: number[]) => {
      const s = new Int8Array(n).fill(-1);
      for (const i of set) s[i] = 1;
      return s;
    };
    expect(packSamples(row(9, [8]), 1, 9)).toEqual([[256]]);
    expect(packSamples(row(33, [32]), 1, 33)).toEqual([[0, 1]]);
    expect(packSamples(Int8Array.from([1, 0, 1, 1, 0, 0, 0, 0, 1]), 1, 9)).toEqual([[269]]);
  });

  it('reads the constructed QPU example of dwave.md §2.1', () => {
    const doc = {
      type: 'SampleSet',
      version: { sampleset_schema: '3.2.0' },
      num_variables: 2,
      num_rows: 2,
      sample_data: { type: 'array', data: [[0], [3]], data_type: 'uint32', shape: [2, 1], use_bytes: false },
      sample_type: 'int8',
      sample_packed: true,
      vectors: {
        energy: { type: 'array', data: [-1, -1], data_type: 'float64', shape: [2], use_bytes: false },
        num_occurrences: { type: 'array', data: [6, 4], data_type: 'int32', shape: [2], use_bytes: false },
      },
      variable_labels: [30, 31],
      variable_type: 'SPIN',
      info: {
        timing: { qpu_access_time: 15831.76 },
        problem_id: '51fa2c98-x',
        problem_label: 'QPU REST submission 1',
      },
    };
    const ss = sampleSetFromDimodJson(doc);
    expect(Array.from(ss.samples)).toEqual([-1, -1, 1, 1]);
    expect(Array.from(ss.numOccurrences)).toEqual([6, 4]);
    expect(ss.info.problem_id).toBe('51fa2c98-x');
    // lossless: writing it back gives the same document
    expect(roundTrip(sampleSetToDimodJson(ss))).toEqual(doc);
  });

  it('round-trips >32 variables with string labels, extra vectors and info', () => {
    const n = 70;
    const rows = 5;
    const samples = new Int8Array(rows * n);
    for (let k = 0; k < samples.length; k++) samples[k] = (k * 7919) % 3 === 0 ? 1 : -1;
    const ss = new SampleSet({
      variables: Array.from({ length: n }, (_, i) => `v${i}`),
      vartype: 'SPIN',
      samples,
      energy: [-3, -2.5, 0, 1, 7],
      numOccurrences: [1, 2, 3, 4, 5],
      vectors: {
        chain_break_fraction: { dataType: 'float64', shape: [rows], data: [0, 0.1, 0, 0.5, 1] },
      },
      info: { timing: { sampling_ns: 12 }, sampler: 'test', nested: { a: [1, 2] } },
    });
    const doc = roundTrip(sampleSetToDimodJson(ss));
    const back = sampleSetFromDimodJson(doc);
    expect(Array.from(back.samples)).toEqual(Array.from(samples));
    expect(back.variables).toEqual(ss.variables);
    expect(back.vectors.chain_break_fraction!.data).toEqual([0, 0.1, 0, 0.5, 1]);
    expect(back.info).toEqual(ss.info);
    expect(roundTrip(sampleSetToDimodJson(back))).toEqual(doc);
  });

  it('reads BINARY and unpacked sample data', () => {
    const doc = {
      type: 'SampleSet',
      version: { sampleset_schema: '3.1.0' },
      num_variables: 3,
      num_rows: 1,
      sample_data: { type: 'array', data: [[1, 0, 1]], data_type: 'int8', shape: [1, 3], use_bytes: false },
      sample_type: 'int8',
      sample_packed: false,
      vectors: { energy: { type: 'array', data: [2], data_type: 'float64', shape: [1], use_bytes: false } },
      variable_labels: ['a', 'b', 'c'],
      variable_type: 'BINARY',
      info: {},
    };
    const ss = sampleSetFromDimodJson(doc);
    expect(Array.from(ss.samples)).toEqual([1, 0, 1]);
    expect(Array.from(ss.numOccurrences)).toEqual([1]);
  });

  it('rejects mismatched shapes and old schemas, naming the field', () => {
    const base = roundTrip(
      sampleSetToDimodJson(
        new SampleSet({ variables: [0, 1], vartype: 'SPIN', samples: Int8Array.from([1, -1]), energy: [0] }),
      ),
    ) as Record<string, unknown>;
    expect(() => sampleSetFromDimodJson({ ...base, version: { sampleset_schema: '2.0.0' } })).toThrow(
      /sampleset_schema/,
    );
    expect(() => sampleSetFromDimodJson({ ...base, num_rows: 3 })).toThrow(/num_rows/);
    expect(() => sampleSetFromDimodJson({ ...base, variable_labels: [0, 0] })).toThrow(
      /variable_labels\[1\]: duplicate/,
    );
    expect(() => sampleSetFromDimodJson({ ...base, variable_type: 'DISCRETE' })).toThrow(/variable_type/);
  });
});

describe('bqpjson', () => {
  it('reads a spin instance with scale and offset folded in', () => {
    const bqm = bqmFromBqpJson({
      version: '1.0.0',
      id: 1,
      variable_domain: 'spin',
      variable_ids: [30, 31, 45],
      scale: 2,
      offset: 0.5,
      linear_terms: [{ id: 30, coeff: -1 }],
      quadratic_terms: [
        { id_tail: 30, id_head: 31, coeff: 1 },
        { id_tail: 45, id_head: 31, coeff: -1 },
      ],
      metadata: {},
    });
    expect(bqm.vartype).toBe('SPIN');
    expect(bqm.getLinear(30)).toBe(-2);
    expect(bqm.getQuadratic(31, 45)).toBe(-2);
    expect(bqm.offset).toBe(1);
    expect(bqm.energyOf([1, 1, 1])).toBe(2 * (-1 + 1 - 1 + 0.5));
  });

  it('refuses unknown variables and self-loops', () => {
    const base = {
      version: '1.0.0',
      id: 0,
      metadata: {},
      variable_domain: 'boolean',
      variable_ids: [1, 2],
      scale: 1,
      offset: 0,
      linear_terms: [],
      quadratic_terms: [],
    };
    expect(() => bqmFromBqpJson({ ...base, linear_terms: [{ id: 3, coeff: 1 }] })).toThrow(
      /linear_terms\[0\]\.id: variable 3 is not listed/,
    );
    expect(() =>
      bqmFromBqpJson({ ...base, quadratic_terms: [{ id_tail: 1, id_head: 1, coeff: 1 }] }),
    ).toThrow(/self-loop/);
  });
});

describe('simple JSON form and detection', () => {
  it('reads integer-looking keys as integer labels, both key orders add', () => {
    const { bqm, format } = modelFromJsonText(
      '{"vartype":"BINARY","Q":{"0,0":-1,"1,1":-1,"0,1":2,"1,0":0.5}}',
    );
    expect(format).toBe('simple');
    expect(bqm.variables.toArray()).toEqual([0, 1]);
    expect(bqm.getQuadratic(1, 0)).toBe(2.5);
  });

  it('round-trips through the simple form', () => {
    const bqm = randomBqm(8, 0.5, 9, 'SPIN', { labels: (i) => (i % 2 ? i : `x${i}`) });
    sameModel(bqm, bqmFromSimpleJson(roundTrip(bqmToSimpleJson(bqm))));
    const bin = randomBqm(6, 0.5, 10, 'BINARY');
    sameModel(bin, bqmFromSimpleJson(roundTrip(bqmToSimpleJson(bin))));
  });

  const bad: Array<[string, RegExp]> = [
    ['{"vartype":"SPIN","h":{"a":1.0', /truncated/],
    ['{"vartype":"SPIN","h":{"a":1,"a":2}}', /duplicate key "a"/],
    ['{"vartype":"SPIN","h":{"a":NaN}}', /h\.a: expected a finite number, found NaN/],
    ['{"vartype":"SPIN","h":{"a":1e999}}', /h\.a: expected a finite number, found Infinity/],
    ['{"vartype":"SPIN","J":{"a,a":1}}', /J\.a,a: self-loop/],
    ['{"vartype":"SPIN","J":{"a":1}}', /J\.a: key "a" is not a pair/],
    ['{"vartype":"SPIN","h":{}}', /no variables/],
    ['{"vartype":"QUBIT","h":{"a":1}}', /vartype: "QUBIT" is not a vartype/],
    ['{"vartype":"SPIN","Q":{"a,b":1}}', /Q: a SPIN model takes h and J/],
    ['[1,2,3]', /not a model/],
    ['', /empty/],
    ['{"vartype":"SPIN","h":{"a":1}} x', /after the end/],
  ];
  it.each(bad)('rejects %s', (text, msg) => {
    expect(() => modelFromJsonText(text, 'm.json')).toThrow(msg);
    try {
      modelFromJsonText(text, 'm.json');
    } catch (e) {
      expect(e).toBeInstanceOf(QaError);
      expect((e as QaError).exitCode).toBe(2);
    }
  });
});

describe('fuzzing the parsers (no crash, no silent wrong value)', () => {
  const onlyQaErrors = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (!(e instanceof QaError)) throw e;
    }
  };

  it('random text and mutated documents only ever raise coded errors', () => {
    const seedDoc = JSON.stringify(bqmToDimodJson(randomBqm(5, 0.6, 21)));
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => onlyQaErrors(() => modelFromJsonText(s))),
      { numRuns: 3000, seed: 1 },
    );
    fc.assert(
      fc.property(
        fc.nat(seedDoc.length),
        fc.nat(seedDoc.length),
        fc.string({ maxLength: 8 }),
        (a, b, ins) => {
          const [i, j] = a < b ? [a, b] : [b, a];
          const mutated = seedDoc.slice(0, i) + ins + seedDoc.slice(j);
          onlyQaErrors(() => modelFromJsonText(mutated));
        },
      ),
      { numRuns: 3000, seed: 2 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        onlyQaErrors(() => modelFromJsonText(JSON.stringify(v)));
        onlyQaErrors(() => sampleSetFromDimodJson(v));
      }),
      { numRuns: 3000, seed: 3 },
    );
  });

  it('the strict reader agrees with JSON.parse on valid JSON without duplicate keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        expect(parseStrictJson(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 2000, seed: 4 },
    );
  });

  it('simple-form models round-trip their biases exactly', () => {
    const label = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constantFrom('a', 'b', 'c', 'x_1', 'ünï'));
    const bias = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(label, bias), { minLength: 1, maxLength: 10 }),
        fc.array(fc.tuple(label, label, bias), { maxLength: 10 }),
        (h, J) => {
          const bqm = new BinaryQuadraticModel('SPIN');
          for (const [l, b] of h) bqm.addLinear(l, b);
          for (const [u, v, b] of J) if (u !== v) bqm.addQuadratic(u, v, b);
          const text = JSON.stringify(bqmToSimpleJson(bqm));
          sameModel(bqm, modelFromJsonText(text).bqm);
          sameModel(bqm, bqmFromDimodJson(JSON.parse(JSON.stringify(bqmToDimodJson(bqm)))));
        },
      ),
      { numRuns: 1000, seed: 5 },
    );
  });

  it('sample sets of any size round-trip their bits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer(),
        (n, rows, seed) => {
          const samples = Int8Array.from({ length: n * rows }, (_, k) =>
            ((k * 2654435761 + seed) >>> 7) & 1 ? 1 : -1,
          );
          const ss = new SampleSet({
            variables: [...Array(n).keys()],
            vartype: 'SPIN',
            samples,
            energy: new Array(rows).fill(0),
          });
          const back = sampleSetFromDimodJson(JSON.parse(JSON.stringify(sampleSetToDimodJson(ss))));
          expect(Array.from(back.samples)).toEqual(Array.from(samples));
        },
      ),
      { numRuns: 500, seed: 6 },
    );
  });
});
