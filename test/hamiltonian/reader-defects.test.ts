/**
 * Regression tests for the input defects of issue 15 §1 found in the model and sample-set readers: each bad
 * input is an InputError (exit 2) naming the field, never a crash or a silently changed model.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainStrengthToJson } from '../../src/embedding/chain-strength.js';
import { Embedding, embeddingFromJson } from '../../src/embedding/embedding.js';
import { BinaryQuadraticModel, MAX_ENERGY_BOUND } from '../../src/hamiltonian/bqm.js';
import { compileModel } from '../../src/hamiltonian/compiled.js';
import { sampleSetFromDimodJson } from '../../src/hamiltonian/io/dimod-sampleset.js';
import { modelFromJsonText, modelFromJsonValue } from '../../src/hamiltonian/io/model-json.js';
import { bqmToSimpleJson } from '../../src/hamiltonian/io/simple-json.js';
import { labelJsonKeys } from '../../src/hamiltonian/label-json.js';
import { MAX_JSON_DEPTH, parseStrictJson } from '../../src/util/strict-json.js';
import { runInProcess } from '../helpers/in-process-cli.js';
import { inputError } from '../helpers/input-error.js';

const work = mkdtempSync(join(tmpdir(), 'qaxai-reader-defects-'));
function file(name: string, text: string): string {
  const p = join(work, name);
  writeFileSync(p, text);
  return p;
}

const dimodBqm = (extra: Record<string, unknown> = {}) => ({
  type: 'BinaryQuadraticModel',
  version: { bqm_schema: '3.0.0' },
  use_bytes: false,
  index_type: 'int32',
  bias_type: 'float64',
  num_variables: 2,
  num_interactions: 1,
  variable_labels: ['a', 'b'],
  variable_type: 'SPIN',
  offset: 0,
  info: {},
  linear_biases: [1, -1],
  quadratic_biases: [0.5],
  quadratic_head: [0],
  quadratic_tail: [1],
  ...extra,
});

const dimodSampleSet = (extra: Record<string, unknown> = {}) => ({
  type: 'SampleSet',
  version: { sampleset_schema: '3.2.0' },
  num_variables: 2,
  num_rows: 1,
  sample_data: { type: 'array', data: [[1]], data_type: 'uint32', shape: [1, 1], use_bytes: false },
  sample_type: 'int8',
  sample_packed: true,
  vectors: { energy: { type: 'array', data: [0], data_type: 'float64', shape: [1], use_bytes: false } },
  variable_labels: ['a', 'b'],
  variable_type: 'SPIN',
  info: {},
  ...extra,
});

describe('§1.5 parser crashes become InputErrors naming the field', () => {
  it(`JSON nested deeper than ${MAX_JSON_DEPTH} levels is refused, naming the depth and the source`, () => {
    for (const depth of [MAX_JSON_DEPTH + 1, 5000, 100_000]) {
      const text = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const e = inputError(() => parseStrictJson(text, { source: 'deep.json' }));
      expect(e.message).toMatch(new RegExp(`deep\\.json: .*nested deeper than ${MAX_JSON_DEPTH} levels`));
      expect(e.field).toBe('deep.json');
      const m = inputError(() => modelFromJsonText(`{"vartype":"SPIN","h":${text}}`, 'm.json'));
      expect(m.message).toMatch(/nested deeper than/);
    }
    const ok = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(() => parseStrictJson(ok)).not.toThrow();
  });

  it('an object where a count belongs (num_variables: {}) in a BQM or a SampleSet', () => {
    for (const key of ['num_variables', 'num_interactions']) {
      const text = JSON.stringify(dimodBqm({ [key]: {} }));
      const e = inputError(() => modelFromJsonText(text, 'm.json'));
      expect(e.field).toBe(key);
      expect(e.message).toMatch(new RegExp(`${key}: says an object but`));
    }
    for (const key of ['num_variables', 'num_rows']) {
      const doc = parseStrictJson(JSON.stringify(dimodSampleSet({ [key]: {} })));
      const e = inputError(() => sampleSetFromDimodJson(doc));
      expect(e.field).toBe(key);
    }
  });

  it('qaxai ground on such files exits 2 with the field named, no stack', async () => {
    const deep = file('deep.json', `${'['.repeat(5000)}${']'.repeat(5000)}`);
    const nv = file('nv.json', JSON.stringify(dimodBqm({ num_variables: {} })));
    for (const [path, msg] of [
      [deep, /nested deeper than 1000 levels/],
      [nv, /num_variables: says an object/],
    ] as const) {
      const r = await runInProcess('ground', path);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
      expect(r.err).not.toMatch(/internal error|\n\s+at /);
    }
  });
});

describe('§1.6 label-keyed outputs keep every variable', () => {
  it('a variable labelled __proto__ appears in ground --json, ground text and embed --json', async () => {
    const m = file(
      'proto.json',
      JSON.stringify({ vartype: 'SPIN', h: { __proto__: 1, a: 1 }, J: { 'a,__proto__': -1 } }),
    );
    // JSON.stringify of an object literal drops "__proto__": write the text by hand
    writeFileSync(m, '{"vartype":"SPIN","h":{"__proto__":1,"a":1},"J":{"a,__proto__":-1}}');
    const j = await runInProcess('ground', m, '--json');
    expect(j.code, j.err).toBe(0);
    const out = JSON.parse(j.out);
    expect(out.variables).toEqual(['__proto__', 'a']);
    expect(out.groundStates).toHaveLength(1);
    expect(Object.keys(out.groundStates[0]).sort()).toEqual(['__proto__', 'a']);
    expect(out.groundStates[0].a).toBe(-1);
    expect(Object.getOwnPropertyDescriptor(out.groundStates[0], '__proto__')?.value).toBe(-1);
    const t = await runInProcess('ground', m);
    expect(t.out).toContain('{"__proto__":-1,"a":-1}');
    const e = await runInProcess('embed', m, '--json', '--seed', '1', '--solver', 'Advantage2_system1');
    expect(e.code, e.err).toBe(0);
    expect(Object.keys(JSON.parse(e.out)).sort()).toEqual(['__proto__', 'a']);
  });

  it('dimod labels 1 and "1" in one model are refused before the work, naming both', async () => {
    const m = file(
      'collide.json',
      JSON.stringify(dimodBqm({ variable_labels: [1, '1'], num_variables: 2, linear_biases: [1, -1] })),
    );
    for (const args of [
      ['ground', m, '--json'],
      ['embed', m, '--json'],
    ]) {
      const r = await runInProcess(...args);
      expect(r.code, args[0]).toBe(2);
      expect(r.err).toMatch(/variables 1 and "1" would both be written as the JSON key "1"/);
    }
    // sampling keeps both (dimod's variable_labels is an array)
    const s = await runInProcess('sample', m, '--sampler', 'exact', '--json');
    expect(s.code, s.err).toBe(0);
    expect(JSON.parse(s.out).variable_labels).toEqual([1, '1']);
  });
});

describe('§1.6 one helper for label → JSON key objects', () => {
  it('refuses every kind of collision, naming both labels', () => {
    expect(inputError(() => labelJsonKeys(['a', [0, 1], '[0,1]'], 'MODEL')).message).toMatch(
      /^MODEL: variables \[0,1\] and "\[0,1\]" would both be written as the JSON key "\[0,1\]"/,
    );
    expect(inputError(() => labelJsonKeys([1.5, '1.5'])).field).toBe('variables');
    expect(labelJsonKeys(['__proto__', 'constructor', 0, [0]])).toEqual([
      '__proto__',
      'constructor',
      '0',
      '[0]',
    ]);
  });

  it('embeddings and per-variable chain strengths keep a __proto__ label', () => {
    const emb = Embedding.from([
      ['__proto__', [0, 1]],
      ['a', [2]],
    ]);
    const json = JSON.parse(JSON.stringify(emb.toJSON()));
    expect(Object.keys(json)).toEqual(['__proto__', 'a']);
    expect(embeddingFromJson(json).require('__proto__')).toEqual(Int32Array.from([0, 1]));
    const cs = chainStrengthToJson(Float64Array.from([2, 3]), ['__proto__', 'a']);
    expect(JSON.stringify(cs)).toBe('{"__proto__":2,"a":3}');
    expect(() => chainStrengthToJson(Float64Array.from([2, 3]), [1, '1'])).toThrow(/JSON key "1"/);
  });
});

describe('§1.7 finite biases whose sums overflow', () => {
  it('are refused when the model is read, naming the bound', async () => {
    const m = file('overflow.json', '{"vartype":"SPIN","h":{"a":1},"J":{"a,b":1.7e308,"b,c":1.7e308}}');
    const r = await runInProcess('ground', m, '--json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/energy bound Σ\|h\| \+ Σ\|J\| \+ \|offset\| is past the largest float64/);
    // no result: with --json the one document on stdout is the error
    expect(JSON.parse(r.out).error.code).toBe('QA_MODEL_INVALID');
    const e = inputError(() => modelFromJsonText('{"vartype":"SPIN","J":{"a,b":1.7e308,"b,a":1.7e308}}'));
    expect(e.message).toMatch(/energy bound/);
  });

  it('a library model is refused when compiled for a sampler, and the limit leaves room for a change of vartype', () => {
    const bqm = new BinaryQuadraticModel('SPIN');
    bqm.addQuadratic('a', 'b', MAX_ENERGY_BOUND);
    expect(() => compileModel(bqm, 'BINARY')).not.toThrow();
    const c = compileModel(bqm, 'BINARY');
    expect([...c.linear, ...c.edgeW, c.offset].every(Number.isFinite)).toBe(true);
    bqm.addLinear('a', MAX_ENERGY_BOUND);
    expect(bqm.energyBound()).toBe(2 * MAX_ENERGY_BOUND);
    expect(inputError(() => compileModel(bqm)).message).toMatch(/energy bound .* is 2\.247e\+307/);
  });
});

describe('§1.12 integer labels past 2^53 are refused, not rounded', () => {
  const big = '9007199254740993';
  it.each([
    ['an h key', `{"vartype":"SPIN","h":{"${big}":1}}`, `h.${big}`],
    ['a J key', `{"vartype":"SPIN","J":{"0,${big}":1}}`, `J.0,${big}`],
    ['a Q key', `{"vartype":"BINARY","Q":{"-${big},-${big}":1}}`, `Q.-${big},-${big}`],
    [
      'dimod variable_labels',
      JSON.stringify(dimodBqm()).replace('["a","b"]', `["a",${big}]`),
      'variable_labels[1]',
    ],
    ['bqpjson variable_ids', bqp({ variable_ids: [0, 2 ** 53] }), 'variable_ids[1]'],
  ])('%s', (_what, text, field) => {
    const e = inputError(() => modelFromJsonText(text, 'm.json'));
    expect(e.field).toBe(field);
    expect(e.message).toMatch(/2\^53|9007199254740991/);
  });

  it('in sample sets and embeddings too; "-0" and "007" stay strings', () => {
    const ss = JSON.stringify(dimodSampleSet()).replace('["a","b"]', `["a",${big}]`);
    expect(inputError(() => sampleSetFromDimodJson(parseStrictJson(ss))).field).toBe('variable_labels[1]');
    expect(inputError(() => embeddingFromJson({ [big]: [0] }, 'e.json')).message).toMatch(/2\^53/);
    expect(inputError(() => embeddingFromJson({ [`[1, ${big}]`]: [0] }, 'e.json')).message).toMatch(/2\^53/);
    const { bqm } = modelFromJsonText('{"vartype":"SPIN","h":{"-0":1,"0":2,"007":3,"-7":4}}');
    expect(new Set(bqm.variables)).toEqual(new Set(['-0', 0, '007', -7]));
    expect(bqm.getLinear('-0')).toBe(1);
    expect(bqm.getLinear(0)).toBe(2);
  });
});

describe('§1.13 one trimming rule for h, J and Q keys', () => {
  it('"a " in h and "a" in J are one variable', () => {
    const { bqm } = modelFromJsonText('{"vartype":"SPIN","h":{" a ":1,"b":2},"J":{"a , b":-1}}');
    expect(bqm.variables.toArray()).toEqual(['a', 'b']);
    expect(bqm.getLinear('a')).toBe(1);
    expect(bqm.getQuadratic('a', 'b')).toBe(-1);
    const q = modelFromJsonText('{"vartype":"BINARY","Q":{" 3 , 3":1," 3,4 ":2}}').bqm;
    expect(q.variables.toArray()).toEqual([3, 4]);
  });

  it('two h keys that trim to one label are refused naming both', () => {
    const e = inputError(() => modelFromJsonText('{"vartype":"SPIN","h":{"a ":1,"a":1}}'));
    expect(e.field).toBe('h.a');
    expect(e.message).toMatch(/keys "a " and "a" are the same label once trimmed/);
    expect(inputError(() => modelFromJsonText('{"vartype":"SPIN","h":{" ":1}}')).message).toMatch(
      /empty label/,
    );
  });

  it('the writer refuses labels that would not read back as themselves', () => {
    for (const l of ['a ', 'x,y', '7', '']) {
      const bqm = new BinaryQuadraticModel('SPIN');
      bqm.addLinear(l, 1);
      expect(inputError(() => bqmToSimpleJson(bqm)).message).toMatch(/cannot be written in the simple form/);
    }
    const ok = new BinaryQuadraticModel('SPIN');
    ok.addLinear('__proto__', 1);
    ok.addQuadratic('__proto__', 7, 2);
    const back = modelFromJsonText(JSON.stringify(bqmToSimpleJson(ok))).bqm;
    expect(new Set(back.variables)).toEqual(new Set(['__proto__', 7]));
    expect(back.getQuadratic(7, '__proto__')).toBe(2);
  });
});

describe('§1.16 the simple form needs its vartype', () => {
  it.each(['{"h":{"a":1},"J":{"a,b":-1}}', '{"Q":{"a,a":1}}', '{"J":{"a,b":1},"offset":0}'])(
    '%s is refused naming vartype and both values',
    (text) => {
      const e = inputError(() => modelFromJsonText(text, 'm.json'));
      expect(e.field).toBe('vartype');
      expect(e.message).toMatch(/vartype: missing.*"SPIN".*"BINARY"/);
    },
  );
});

function bqp(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    version: '1.0.0',
    id: 0,
    metadata: {},
    variable_domain: 'spin',
    variable_ids: [0, 1],
    scale: 1,
    offset: 0,
    linear_terms: [{ id: 0, coeff: 1 }],
    quadratic_terms: [{ id_tail: 0, id_head: 1, coeff: -1 }],
    ...extra,
  });
}

describe('§1.18 bqpjson: the schema’s required fields are required', () => {
  it.each(['version', 'id', 'metadata', 'scale', 'offset', 'variable_ids', 'quadratic_terms'])(
    'missing %s is refused naming it',
    (key) => {
      const doc = JSON.parse(bqp());
      delete doc[key];
      const e = inputError(() => modelFromJsonText(JSON.stringify(doc), 'b.json'));
      expect(e.field).toBe(key);
      expect(e.message).toMatch(new RegExp(`^${key}: missing; a bqpjson document has version, id`));
    },
  );

  it('refuses what bqpjson.validate refuses: negative scale, repeated terms', () => {
    expect(inputError(() => modelFromJsonText(bqp({ scale: -1 }))).field).toBe('scale');
    const twice = {
      linear_terms: [
        { id: 0, coeff: 1 },
        { id: 0, coeff: 2 },
      ],
    };
    expect(inputError(() => modelFromJsonText(bqp(twice))).message).toMatch(
      /linear_terms\[1\]\.id: variable 0 already has a linear term/,
    );
    const pair = {
      quadratic_terms: [
        { id_tail: 0, id_head: 1, coeff: 1 },
        { id_tail: 0, id_head: 1, coeff: 2 },
      ],
    };
    expect(inputError(() => modelFromJsonText(bqp(pair))).message).toMatch(/already has a term/);
    const reversed = {
      quadratic_terms: [
        { id_tail: 0, id_head: 1, coeff: 1 },
        { id_tail: 1, id_head: 0, coeff: 2 },
      ],
    };
    expect(modelFromJsonText(bqp(reversed)).bqm.getQuadratic(0, 1)).toBe(3);
    const full = modelFromJsonText(bqp({ description: 'd', solutions: [] })).bqm;
    expect(full.energyOf([1, 1])).toBe(0);
  });
});

describe('found by the property suite (test/fuzz)', () => {
  it('bqpjson: scale × coeff overflowing is refused naming the coefficient', () => {
    const e = inputError(() =>
      modelFromJsonText(bqp({ scale: 1e10, quadratic_terms: [{ id_tail: 0, id_head: 1, coeff: -1e300 }] })),
    );
    expect(e.field).toBe('quadratic_terms[0].coeff');
    expect(e.message).toMatch(/scale × quadratic_terms\[0\]\.coeff overflows/);
    expect(inputError(() => modelFromJsonText(bqp({ scale: 1e10, offset: 1e300 }))).field).toBe('offset');
  });
});

describe('found by the property suite: an empty key still names a field', () => {
  it('a duplicate or unknown top-level key ""', () => {
    expect(inputError(() => parseStrictJson('{"":1,"":2}')).field).toBe('""');
    expect(inputError(() => modelFromJsonText('{"vartype":"SPIN","h":{"a":1},"":2}')).field).toBe('""');
  });
});

describe('found by the property suite: deeply nested values in parsed web bodies', () => {
  it('a vartype nested 30,000 deep (JSON.parse has no depth limit) is described, not stringified', () => {
    const deep = JSON.parse(`${'['.repeat(30_000)}${']'.repeat(30_000)}`);
    const e = inputError(() => modelFromJsonValue({ vartype: deep, h: { a: 1 } }));
    expect(e.message).toBe('vartype: an array is not a vartype; use "SPIN" or "BINARY"');
    expect(inputError(() => modelFromJsonValue({ ...dimodBqm(), variable_type: deep })).field).toBe(
      'variable_type',
    );
  });
});
