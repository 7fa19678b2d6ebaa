/** `qaxai convert MODEL --format …`: every format writes what the readers read back, in the model's order. */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { modelFromBytes } from '../../src/hamiltonian/io/model-file.js';
import { sortLabelsIfComparable } from '../../src/hamiltonian/labels.js';
import { tempFiles } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process-cli.js';

const dir = tempFiles({
  'ints.json':
    '{"vartype":"SPIN","h":{"7":1,"2":-0.5,"100":0.25,"3":0.1,"42":-1},"J":{"7,2":-1,"100,3":0.5,"42,7":0.3},"offset":1.5}',
  'names.json': '{"vartype":"BINARY","Q":{"z,z":1,"b,b":-2,"z,b":0.75,"y,z":-1},"offset":-0.25}',
});
const read = (path: string) => modelFromBytes(readFileSync(path), path).bqm;

/** The same model; `order` the variables `b` must list (`a`'s by default). */
function sameModel(a: BinaryQuadraticModel, b: BinaryQuadraticModel, order = a.variables.toArray()): void {
  expect(b.vartype).toBe(a.vartype);
  expect(b.offset).toBe(a.offset);
  expect(b.variables.toArray()).toEqual(order);
  for (const l of a.variables) expect(b.getLinear(l)).toBe(a.getLinear(l));
  expect(b.numInteractions).toBe(a.numInteractions);
  for (const [i, j, w] of a.interactions())
    expect(b.getQuadratic(a.variables.at(i), a.variables.at(j))).toBe(w);
}

describe('qaxai convert', () => {
  it.each(['ints', 'names'])('%s: every format reads back as the same model', async (name) => {
    const model = join(dir, `${name}.json`);
    const original = read(model);
    for (const format of ['simple', 'dimod-json', 'bqpjson', 'dimod-binary']) {
      const out = join(dir, `${name}.${format}`);
      const r = await runInProcess('convert', model, '--format', format, '--out', out);
      if (format === 'bqpjson' && name === 'names') {
        expect(r.code).toBe(2);
        expect(r.err).toMatch(/label "z" cannot be a bqpjson variable id/);
        continue;
      }
      expect(r.code).toBe(0);
      const back = read(out);
      // dimod JSON lists labels sorted, as dimod's to_serializable does; the others keep the model's order
      sameModel(
        original,
        back,
        format === 'dimod-json' ? sortLabelsIfComparable(original.variables.toArray()) : undefined,
      );
    }
  });

  it('dimod-binary: versions 1 and 2, a summary with --json, --out required', async () => {
    const model = join(dir, 'ints.json');
    const v1 = join(dir, 'v1.bqm');
    const r = await runInProcess(
      'convert',
      model,
      '--format',
      'dimod-binary',
      '--file-version',
      '1',
      '--out',
      v1,
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      format: 'dimod-binary',
      fileVersion: '1.0',
      bytes: readFileSync(v1).length,
      numVariables: 5,
      numInteractions: 3,
      vartype: 'SPIN',
    });
    expect([...readFileSync(v1).subarray(8, 10)]).toEqual([1, 0]);
    sameModel(read(model), read(v1));
    const text = await runInProcess(
      'convert',
      model,
      '--format',
      'dimod-binary',
      '--out',
      join(dir, 'v2.bqm'),
    );
    expect(text.out).toMatch(/^wrote dimod BQM file 2\.0 \(5 variables, 3 interactions, \d+ bytes\): /);
    const noOut = await runInProcess('convert', model, '--format', 'dimod-binary');
    expect(noOut.code).toBe(2);
    expect(noOut.err).toMatch(/--out: dimod-binary is a binary file; give --out FILE/);
  });

  it('JSON formats print the document itself without --out', async () => {
    const r = await runInProcess('convert', join(dir, 'ints.json'), '--format', 'simple');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      '{\n  "vartype": "SPIN",\n  "h": {\n    "7": 1,\n    "2": -0.5,\n    "100": 0.25,\n    "3": 0.1,\n    "42": -1\n  },\n' +
        '  "J": {\n    "7,2": -1,\n    "7,42": 0.3,\n    "100,3": 0.5\n  },\n  "offset": 1.5\n}\n',
    );
    const j = await runInProcess('convert', join(dir, 'ints.json'), '--format', 'bqpjson', '--json');
    expect(JSON.parse(j.out).variable_ids).toEqual([7, 2, 100, 3, 42]);
  });

  it.each([
    [[], /--format: missing; use dimod-json, dimod-binary, bqpjson, simple/],
    [['--format', 'qubo'], /--format: "qubo" is not a format/],
    [
      ['--format', 'simple', '--file-version', '1'],
      /--file-version: only --format dimod-binary has file versions/,
    ],
    [
      ['--format', 'dimod-binary', '--file-version', '3', '--out', 'x.bqm'],
      /--file-version: "3" is not a DIMODBQM version/,
    ],
  ])('refuses %j with exit 2', async (flags, message) => {
    const r = await runInProcess('convert', join(dir, 'ints.json'), ...flags, '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.message).toMatch(message);
  });
});
