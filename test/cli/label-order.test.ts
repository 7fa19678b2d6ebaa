/**
 * The model's variable order is kept everywhere (issue 13 §2): JavaScript lists an object's integer-like keys
 * first and ascending, so {"7":…,"2":…,"100":…,"-3":…,"42":…} came back as [2, 7, 42, 100, -3]; dimod keeps
 * insertion order. Checked through the readers (library) and every command that prints labels.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainStrengthToJson, resolveChainStrength } from '../../src/embedding/chain-strength.js';
import { embeddingFromJson } from '../../src/embedding/embedding.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { bqmToDimodJson } from '../../src/hamiltonian/io/dimod-bqm.js';
import { bqmToDimodFile } from '../../src/hamiltonian/io/dimod-bqm-file.js';
import { sampleSetFromDimodJson } from '../../src/hamiltonian/io/dimod-sampleset.js';
import { modelFromBytes } from '../../src/hamiltonian/io/model-file.js';
import { modelFromJsonText } from '../../src/hamiltonian/io/model-json.js';
import { type Label, sortLabelsIfComparable } from '../../src/hamiltonian/labels.js';
import { stringifyJson } from '../../src/util/json-key-order.js';
import { parseStrictJson } from '../../src/util/strict-json.js';
import { tempFiles } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process-cli.js';

const INT: Label[] = [7, 2, 100, -3, 42];
const STR: Label[] = ['z', 'b', 'y'];
const MIXED: Label[] = ['z', 5, 'b', 1];

const key = (l: Label) => String(l);
/** A simple-form SPIN model over `labels`: h in their order, a chain of J couplings. */
function simpleModel(labels: Label[]): string {
  const h = labels.map((l, i) => `"${key(l)}":${(i % 3) - 0.75}`).join(',');
  const J = labels
    .slice(1)
    .map((l, i) => `"${key(labels[i]!)},${key(l)}":${i % 2 ? 0.5 : -1}`)
    .join(',');
  return `{"vartype":"SPIN","h":{${h}},"J":{${J}}}`;
}

/** Keys of the first JSON object after `"name":` in `text`, in their written order. */
function keysAfter(text: string, name: string): string[] {
  const at = text.indexOf(`"${name}":`);
  const body = text.slice(text.indexOf('{', at) + 1, text.indexOf('}', at));
  return [...body.matchAll(/"([^"]*)":/g)].map((m) => m[1]!);
}

const CASES: Array<[string, Label[]]> = [
  ['integers', INT],
  ['strings', STR],
  ['mixed', MIXED],
];

/** `qaxai sample MODEL --sampler qpu-sim --embedding FILE --return-embedding true --json` on Advantage2_system1. */
function sampleEmbedded(model: string, embedding: string, ...flags: string[]) {
  return runInProcess(
    'sample',
    model,
    ...['--sampler', 'qpu-sim', '--solver', 'Advantage2_system1', '--embedding', embedding],
    ...['--num-reads', '2', '--seed', '2', '--return-embedding', 'true', '--json', ...flags],
  );
}

const dir = tempFiles(
  Object.fromEntries(CASES.map(([name, labels]) => [`${name}.json`, simpleModel(labels)])),
);

describe('the model’s variable order, in the library', () => {
  it.each(CASES)('%s: every model reader keeps the written order', (_name, labels) => {
    const text = simpleModel(labels);
    expect(modelFromJsonText(text).bqm.variables.toArray()).toEqual(labels);
    // J only, and the BINARY Q form: the order of first appearance
    const J = `{"vartype":"SPIN","J":{${labels
      .slice(1)
      .map((l, i) => `"${key(labels[i]!)},${key(l)}":1`)
      .join(',')}}}`;
    expect(modelFromJsonText(J).bqm.variables.toArray()).toEqual(labels);
    const Q = `{"vartype":"BINARY","Q":{${labels.map((l) => `"${key(l)},${key(l)}":1`).join(',')}}}`;
    expect(modelFromJsonText(Q).bqm.variables.toArray()).toEqual(labels);
    // dimod JSON: variable_labels as listed (dimod sorts them when it writes; a reader keeps the list's order)
    const dimod = {
      type: 'BinaryQuadraticModel',
      version: { bqm_schema: '3.0.0' },
      variable_labels: labels,
      variable_type: 'SPIN',
      offset: 0,
      linear_biases: labels.map(() => 1),
      quadratic_biases: [],
      quadratic_head: [],
      quadratic_tail: [],
    };
    expect(modelFromJsonText(JSON.stringify(dimod)).bqm.variables.toArray()).toEqual(labels);
    // dimod's binary file
    const bqm = modelFromJsonText(text).bqm;
    expect(modelFromBytes(bqmToDimodFile(bqm)).bqm.variables.toArray()).toEqual(labels);
  });

  it("dimod JSON lists labels as dimod's to_serializable does: Python's sorted order when comparable", () => {
    const sorted = (labels: Label[]) => sortLabelsIfComparable(labels);
    expect(sorted(INT)).toEqual([-3, 2, 7, 42, 100]);
    expect(sorted(['b', 'é', '😀', '\ue000', 'a'])).toEqual(['a', 'b', 'é', '\ue000', '😀']); // code points
    expect(sorted([[1, 0], [0, 1], [0], [0, 1, 2]])).toEqual([[0], [0, 1], [0, 1, 2], [1, 0]]);
    expect(sorted(MIXED)).toEqual(MIXED); // Python's sort raises TypeError: the given order stays
    expect(
      sorted([
        [0, 'a'],
        [0, 1],
      ]),
    ).toEqual([
      [0, 'a'],
      [0, 1],
    ]);
    // the model's own order is untouched by writing it
    const bqm = modelFromJsonText(simpleModel(INT)).bqm;
    expect(bqmToDimodJson(bqm).variable_labels).toEqual([-3, 2, 7, 42, 100]);
    expect(bqm.variables.toArray()).toEqual(INT);
  });

  it('bqpjson keeps variable_ids in order', () => {
    const doc = {
      version: '1.0.0',
      id: 0,
      metadata: {},
      variable_ids: [7, 2, 100, 42],
      variable_domain: 'spin',
      scale: 1,
      offset: 0,
      linear_terms: [],
      quadratic_terms: [{ id_tail: 2, id_head: 42, coeff: 1 }],
    };
    expect(modelFromJsonText(JSON.stringify(doc)).bqm.variables.toArray()).toEqual([7, 2, 100, 42]);
  });

  it('sample sets, embeddings and chain strengths keep their order', () => {
    const ss = sampleSetFromDimodJson(
      parseStrictJson(
        JSON.stringify({
          type: 'SampleSet',
          version: { sampleset_schema: '3.2.0' },
          num_variables: 5,
          num_rows: 1,
          sample_data: { type: 'array', data: [[5]], data_type: 'uint32', shape: [1, 1], use_bytes: false },
          sample_type: 'int8',
          sample_packed: true,
          vectors: {
            energy: { type: 'array', data: [0], data_type: 'float64', shape: [1], use_bytes: false },
            num_occurrences: { type: 'array', data: [1], data_type: 'int64', shape: [1], use_bytes: false },
          },
          variable_labels: INT,
          variable_type: 'SPIN',
          info: {},
        }),
      ),
    );
    expect(ss.variables).toEqual(INT);
    const emb = embeddingFromJson(parseStrictJson('{"7":[0],"2":[1],"100":[2],"-3":[3],"42":[4]}'));
    expect(emb.labels).toEqual(INT);
    expect(JSON.stringify(Object.keys(emb.toJSON()))).toBe('["2","7","42","100","-3"]'); // a JS object…
    const bqm = BinaryQuadraticModel.fromIsing(
      INT.map((l) => [l, 0] as const),
      [],
    );
    // …that keeps the order where qaxai writes it, and a mapping of strengths is read by label
    const cs = resolveChainStrength(
      parseStrictJson('{"42":5,"-3":4,"100":3,"2":2,"7":1}') as never,
      bqm,
      emb,
    );
    expect(Array.from(cs as Float64Array)).toEqual([1, 2, 3, 4, 5]);
    expect(stringifyJson(chainStrengthToJson(cs, INT))).toBe('{"7":1,"2":2,"100":3,"-3":4,"42":5}');
    expect(stringifyJson(emb.toJSON())).toBe('{"7":[0],"2":[1],"100":[2],"-3":[3],"42":[4]}');
  });
});

describe('the model’s variable order, through every command', () => {
  it.each(CASES)('%s: sample, energy, ground, embed and convert', async (name, labels) => {
    const model = join(dir, `${name}.json`);
    const keys = labels.map(key);

    const s = await runInProcess('sample', model, '--sampler', 'exact', '--json');
    expect(s.code).toBe(0);
    const doc = JSON.parse(s.out) as { variable_labels: Label[] };
    expect(doc.variable_labels).toEqual(labels);
    const ssPath = join(dir, `${name}-ss.json`);
    await runInProcess(
      'sample',
      model,
      '--sampler',
      'sa',
      '--num-reads',
      '3',
      '--seed',
      '1',
      '--out',
      ssPath,
    );
    expect(JSON.parse(readFileSync(ssPath, 'utf8')).variable_labels).toEqual(labels);
    const e = await runInProcess('energy', model, ssPath, '--json');
    expect(e.code).toBe(0);
    expect(JSON.parse(e.out).mismatches).toEqual([]);

    const g = await runInProcess('ground', model, '--json');
    expect(g.code).toBe(0);
    expect(JSON.parse(g.out).variables).toEqual(labels);
    expect(keysAfter(g.out, 'groundStates')).toEqual(keys);
    const gt = await runInProcess('ground', model);
    expect([...gt.out.split('\n')[1]!.matchAll(/"([^"]*)":/g)].map((m) => m[1])).toEqual(keys);

    const emb = await runInProcess('embed', model, '--json', '--seed', '1', '--solver', 'Advantage2_system1');
    expect(emb.code).toBe(0);
    expect([...emb.out.matchAll(/"([^"]*)":/g)].map((m) => m[1])).toEqual(keys);
    const embPath = join(dir, `${name}-emb.json`);
    writeFileSync(embPath, emb.out);
    const q = await sampleEmbedded(model, embPath);
    expect(q.code).toBe(0);
    expect(JSON.parse(q.out).variable_labels).toEqual(labels);
    expect(keysAfter(q.out, 'embedding')).toEqual(keys);

    const c = await runInProcess('convert', model, '--format', 'simple', '--json');
    expect(c.code).toBe(0);
    expect(keysAfter(c.out, 'h')).toEqual(keys);
    const binary = join(dir, `${name}.bqm`);
    expect((await runInProcess('convert', model, '--format', 'dimod-binary', '--out', binary)).code).toBe(0);
    const fromBinary = await runInProcess('sample', binary, '--sampler', 'exact', '--json');
    expect(JSON.parse(fromBinary.out).variable_labels).toEqual(labels);
  });

  it('chains, and a chain_strength mapping, are reported in the model’s order', async () => {
    const labels = [...INT, 9, 1, 0];
    const J = labels.flatMap((u, i) =>
      labels.slice(i + 1).map((v, k) => `"${u},${v}":${(i + k) % 2 ? 1 : -1}`),
    );
    const model = join(dir, 'k8.json');
    writeFileSync(model, `{"vartype":"SPIN","J":{${J.join(',')}}}`);
    const embPath = join(dir, 'k8-emb.json');
    const e = await runInProcess(
      'embed',
      model,
      '--method',
      'clique',
      '--solver',
      'Advantage2_system1',
      '--out',
      embPath,
    );
    expect(e.code).toBe(0);
    const strengths = `{${[...labels]
      .reverse()
      .map((l, i) => `"${l}":${2 + i / 8}`)
      .join(',')}}`;
    const r = await sampleEmbedded(model, embPath, '--chain-strength', strengths);
    expect(r.code).toBe(0);
    const context = JSON.parse(r.out).info.embedding_context;
    expect(
      Math.max(...Object.values(context.embedding as Record<string, number[]>).map((c) => c.length)),
    ).toBeGreaterThan(1);
    expect(keysAfter(r.out, 'embedding')).toEqual(labels.map(key));
    expect(keysAfter(r.out, 'chain_strength')).toEqual(labels.map(key));
    expect(context.chain_strength['0']).toBe(2);
  });
});
