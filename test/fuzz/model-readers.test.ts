/**
 * Property-based suite over the model readers (issue 15 §3): the simple form, dimod BQM JSON and LANL bqpjson,
 * read from text (the CLI and web uploads, through the strict JSON reader) and from JSON.parse'd values (web
 * request bodies), and dimod's binary BQM file (bqm.to_file()) read from bytes. Each reader gets generated models that must read back exactly, and mutated documents
 * (text splices and structural edits) that must give a sound model or an InputError naming its field —
 * 10,000 cases per reader in the default suite, ten times more with QAXAI_SLOW=1.
 */

import fc from 'fast-check';
import { describe, it, vi } from 'vitest';
import { BinaryQuadraticModel, MAX_ENERGY_BOUND, type Vartype } from '../../src/hamiltonian/bqm.js';
import { bqmToDimodJson } from '../../src/hamiltonian/io/dimod-bqm.js';
import { bqmToDimodFile } from '../../src/hamiltonian/io/dimod-bqm-file.js';
import { modelFromBytes } from '../../src/hamiltonian/io/model-file.js';
import { modelFromJsonText, modelFromJsonValue } from '../../src/hamiltonian/io/model-json.js';
import { bqmToSimpleJson } from '../../src/hamiltonian/io/simple-json.js';
import { jsonLabelProblem, type Label, labelKey } from '../../src/hamiltonian/labels.js';
import {
  check,
  mutatedBytes,
  mutatedDocument,
  mutatedText,
  params,
  TIMEOUT,
  valueOrInputError,
} from './fuzz-helpers.js';

vi.setConfig({ testTimeout: TIMEOUT });

const stringLabel = fc.constantFrom(
  'a',
  'b',
  'x_1',
  'ünï',
  '__proto__',
  'constructor',
  'toString',
  'a b',
  '-0',
  '007',
  '[0,1]',
);
const simpleLabel: fc.Arbitrary<Label> = fc.oneof(fc.integer({ min: -5, max: 40 }), stringLabel);
const anyLabel: fc.Arbitrary<Label> = fc.oneof(
  simpleLabel,
  fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom('p', 'q')),
  fc.double({ min: -10, max: 10, noNaN: true }),
);
const bias = fc.oneof(
  { weight: 5, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1e300, -1e300, 5e-324) },
);

function modelArb(label: fc.Arbitrary<Label>, vartype?: Vartype): fc.Arbitrary<BinaryQuadraticModel> {
  return fc
    .record({
      vartype: vartype ? fc.constant(vartype) : fc.constantFrom<Vartype>('SPIN', 'BINARY'),
      offset: bias,
      linear: fc.array(fc.tuple(label, bias), { minLength: 1, maxLength: 8 }),
      quadratic: fc.array(fc.tuple(label, label, bias), { maxLength: 10 }),
    })
    .map(({ vartype: vt, offset, linear, quadratic }) => {
      const bqm = new BinaryQuadraticModel(vt, offset);
      for (const [l, b] of linear) bqm.addLinear(l, b);
      for (const [u, v, b] of quadratic) if (labelKey(u) !== labelKey(v)) bqm.addQuadratic(u, v, b);
      return bqm;
    });
}

/** The same model: vartype, offset, variables (as a set) and every bias, exactly. */
function sameModel(a: BinaryQuadraticModel, b: BinaryQuadraticModel): void {
  check(a.vartype === b.vartype && Object.is(a.offset + 0, b.offset + 0), () => 'vartype or offset differ');
  check(a.numVariables === b.numVariables, () => `${a.numVariables} vs ${b.numVariables} variables`);
  for (const l of a.variables) {
    check(b.variables.has(l), () => `variable ${JSON.stringify(l)} lost`);
    check(a.getLinear(l) === b.getLinear(l), () => `linear bias of ${JSON.stringify(l)} differs`);
  }
  check(a.numInteractions === b.numInteractions, () => 'interaction counts differ');
  for (const [i, j, w] of a.interactions())
    check(b.getQuadratic(a.variables.at(i), a.variables.at(j)) === w, () => 'a quadratic bias differs');
}

/** What every model a reader returns must be: labelled soundly, biases finite, energies bounded. */
function soundModel(bqm: BinaryQuadraticModel): void {
  check(bqm.vartype === 'SPIN' || bqm.vartype === 'BINARY', () => `vartype ${bqm.vartype}`);
  check(bqm.numVariables >= 1, () => 'a model without variables was accepted');
  for (const l of bqm.variables) check(jsonLabelProblem(l) === undefined, () => `bad label ${String(l)}`);
  check(bqm.energyBound() <= MAX_ENERGY_BOUND, () => `energy bound ${bqm.energyBound()} accepted`);
  for (let i = 0; i < bqm.numVariables; i++)
    check(Number.isFinite(bqm.linearAt(i)), () => 'a bias is not finite');
}

/** A mutated text through both reading paths: the strict reader (files) and JSON.parse (web bodies). */
function readMutated(text: string): void {
  const m = valueOrInputError(() => modelFromJsonText(text, 'm.json'));
  if (!(m instanceof Error)) soundModel(m.bqm);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return;
  }
  const v = valueOrInputError(() => modelFromJsonValue(doc, 'problem'));
  if (!(v instanceof Error)) soundModel(v.bqm);
}

/** LANL bqpjson for a model on integer labels ≥ 0 (scale 1, as LANL writes them; the reader folds scale in). */
function toBqpJson(bqm: BinaryQuadraticModel, scale = 1): Record<string, unknown> {
  const ids = bqm.variables.toArray() as number[];
  return {
    version: '1.0.0',
    id: 7,
    metadata: { generated: 'fuzz' },
    variable_ids: ids,
    variable_domain: bqm.vartype === 'SPIN' ? 'spin' : 'boolean',
    scale,
    offset: bqm.offset / scale,
    linear_terms: ids.map((id, i) => ({ id, coeff: bqm.linearAt(i) / scale })),
    quadratic_terms: [...bqm.interactions()].map(([i, j, c]) => ({
      id_tail: ids[i],
      id_head: ids[j],
      coeff: c / scale,
    })),
  };
}

interface Format {
  name: string;
  models: fc.Arbitrary<BinaryQuadraticModel>;
  write: (bqm: BinaryQuadraticModel) => unknown;
}

const FORMATS: Format[] = [
  { name: 'the simple form', models: modelArb(simpleLabel), write: bqmToSimpleJson },
  { name: 'dimod BQM JSON', models: modelArb(anyLabel), write: (m) => bqmToDimodJson(m) },
  { name: 'LANL bqpjson', models: modelArb(fc.integer({ min: 0, max: 60 })), write: (m) => toBqpJson(m) },
];

describe.each(FORMATS)('$name reader under generated and mutated documents', ({ models, write }) => {
  /** The format's document of a generated model (dimod JSON where the format cannot hold its labels). */
  const docs = models.map((bqm) => {
    const w = valueOrInputError(() => write(bqm));
    return w instanceof Error ? bqmToDimodJson(bqm) : w;
  });

  it('generated models read back exactly, through both paths (1,000 cases)', () => {
    fc.assert(
      fc.property(models, (bqm) => {
        const w = valueOrInputError(() => write(bqm)); // the simple form cannot hold every label
        if (w instanceof Error) return;
        const text = JSON.stringify(w);
        sameModel(bqm, modelFromJsonText(text, 'm.json').bqm);
        sameModel(bqm, modelFromJsonValue(JSON.parse(text)).bqm);
      }),
      params(1000, 11),
    );
  });

  it('text splices give a sound model or an InputError naming its field (4,500 cases)', () => {
    fc.assert(
      fc.property(
        docs.chain((doc) => mutatedText(JSON.stringify(doc))),
        readMutated,
      ),
      params(4500, 12),
    );
  });

  it('a deeply nested value in any field of a parsed body (no depth limit there) (500 cases)', () => {
    fc.assert(
      fc.property(fc.tuple(docs, fc.nat(), fc.integer({ min: 2000, max: 30_000 })), ([doc, pick, depth]) => {
        const text = JSON.stringify(doc);
        const keys = [...text.matchAll(/"[^"]*":/g)];
        const at = keys[pick % keys.length]!;
        const i = at.index + at[0].length;
        const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
        const mutated = `${text.slice(0, i)}${deep}${text.slice(i).replace(/^("[^"]*"|[^,}\]]*)/, '')}`;
        readMutated(mutated);
      }),
      params(500, 14),
    );
  });

  it('structural edits give a sound model or an InputError naming its field (4,500 cases)', () => {
    fc.assert(fc.property(docs.chain(mutatedDocument), readMutated), params(4500, 13));
  });
});

describe("dimod's binary BQM file reader under generated and mutated files", () => {
  const files = fc
    .tuple(modelArb(anyLabel), fc.constantFrom<1 | 2>(1, 2))
    .map(([bqm, version]) => ({ bqm, version, bytes: bqmToDimodFile(bqm, { version }) }));

  it('generated models read back exactly, variables in order, in versions 1 and 2 (1,000 cases)', () => {
    fc.assert(
      fc.property(files, ({ bqm, bytes }) => {
        const back = modelFromBytes(bytes, 'm.bqm').bqm;
        sameModel(bqm, back);
        check(
          back.variables.toArray().every((l, i) => labelKey(l) === labelKey(bqm.variables.at(i))),
          () => 'the variable order changed',
        );
      }),
      params(1000, 15),
    );
  });

  it('byte edits give a sound model or an InputError naming its field (4,000 cases)', () => {
    fc.assert(
      fc.property(
        files.chain(({ bytes }) => mutatedBytes(bytes)),
        (bytes) => {
          const m = valueOrInputError(() => modelFromBytes(bytes, 'm.bqm'));
          if (!(m instanceof Error)) soundModel(m.bqm);
        },
      ),
      params(4000, 16),
    );
  });
});
