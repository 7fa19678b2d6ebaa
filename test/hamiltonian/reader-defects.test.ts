/**
 * Regression tests for the input defects of issue 15 §1 found in the model and sample-set readers: each bad
 * input is an InputError (exit 2) naming the field, never a crash or a silently changed model.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleSetFromDimodJson } from '../../src/hamiltonian/io/dimod-sampleset.js';
import { modelFromJsonText } from '../../src/hamiltonian/io/model-json.js';
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
