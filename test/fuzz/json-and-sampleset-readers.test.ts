/**
 * Property-based suite over the strict JSON reader and the dimod SampleSet reader (issue 15 §3): generated
 * documents read back exactly; random, spliced and structurally edited ones give a sound value or an
 * InputError naming its field — 10,000 cases per reader by default, ten times more with QAXAI_SLOW=1.
 */

import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Vartype } from '../../src/hamiltonian/bqm.js';
import { sampleSetFromDimodJson, sampleSetToDimodJson } from '../../src/hamiltonian/io/dimod-sampleset.js';
import { jsonLabelProblem, type Label } from '../../src/hamiltonian/labels.js';
import { SampleSet } from '../../src/hamiltonian/sample-set.js';
import { MAX_JSON_DEPTH, parseStrictJson } from '../../src/util/strict-json.js';
import { check, mutatedDocument, mutatedText, params, TIMEOUT, valueOrInputError } from './fuzz-helpers.js';

vi.setConfig({ testTimeout: TIMEOUT });

describe('the strict JSON reader', () => {
  it('agrees with JSON.parse on generated documents (2,000 cases)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('', ' ', '\n\t'), (v, ws) => {
        const text = JSON.stringify(v, null, ws || undefined);
        expect(parseStrictJson(text)).toEqual(JSON.parse(text));
      }),
      params(2000, 21),
    );
  });

  /** Whatever the text: JSON.parse's value when both accept it, else an InputError naming the source. */
  function readsLikeJsonParse(text: string): void {
    const v = valueOrInputError(() => parseStrictJson(text, { source: 'doc.json' }));
    if (v instanceof Error) {
      check(v.field === 'doc.json' || v.field?.length, () => 'no field');
      return;
    }
    let expected: unknown;
    try {
      expected = JSON.parse(text);
    } catch {
      // accepted only where JSON.parse differs on purpose: Python's NaN/Infinity tokens, a leading BOM
      check(/NaN|Infinity/.test(text) || text.startsWith('\ufeff'), () => `accepted ${JSON.stringify(text)}`);
      return;
    }
    expect(v).toEqual(expected);
  }

  it('random text and spliced documents: the same value as JSON.parse, or a JsonSyntaxError (6,000 cases)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), readsLikeJsonParse), params(3000, 22));
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 4 }).chain((v) => mutatedText(JSON.stringify(v))),
        readsLikeJsonParse,
      ),
      params(3000, 23),
    );
  });

  it('nesting around the depth limit, arrays and objects (2,000 cases)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MAX_JSON_DEPTH - 3, max: MAX_JSON_DEPTH + 3 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (depth, kinds, truncate) => {
          let open = '';
          let close = '';
          for (let d = 0; d < depth; d++) {
            const obj = kinds[d % kinds.length]!;
            open += obj ? '{"k":' : '[';
            close = (obj ? '}' : ']') + close;
          }
          const text = `${open}1${truncate ? close.slice(1) : close}`;
          const v = valueOrInputError(() => parseStrictJson(text, { source: 'deep.json' }));
          check(
            v instanceof Error === (depth > MAX_JSON_DEPTH || truncate),
            () => `depth ${depth}, truncated ${truncate}: ${v instanceof Error ? v.message : 'accepted'}`,
          );
        },
      ),
      params(2000, 24),
    );
  });
});

const label: fc.Arbitrary<Label> = fc.oneof(
  fc.integer({ min: -3, max: 200 }),
  fc.constantFrom('a', 'b', '__proto__', 'constructor', '1', ''),
  fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom('p', 'q')),
);

const sampleSets: fc.Arbitrary<SampleSet> = fc
  .record({
    labels: fc.uniqueArray(label, { maxLength: 70, selector: (l) => JSON.stringify([typeof l, l]) }),
    rows: fc.integer({ min: 0, max: 5 }),
    vartype: fc.constantFrom<Vartype>('SPIN', 'BINARY'),
    seed: fc.integer(),
  })
  .map(({ labels, rows, vartype, seed }) => {
    const n = labels.length;
    const samples = Int8Array.from({ length: n * rows }, (_, k) => {
      const bit = ((k * 2654435761 + seed) >>> 9) & 1;
      return vartype === 'SPIN' ? 2 * bit - 1 : bit;
    });
    return new SampleSet({
      variables: labels,
      vartype,
      samples,
      energy: Array.from({ length: rows }, (_, r) => ((r * 7 + seed) % 11) + 0), // no -0: JSON writes 0
      numOccurrences: Array.from({ length: rows }, (_, r) => 1 + r),
      info: { seed },
    });
  });

/** What every sample set the reader returns must be. */
function soundSampleSet(ss: SampleSet): void {
  const n = ss.numVariables;
  check(ss.samples.length === n * ss.numRows, () => 'samples do not fill rows × variables');
  const ok = ss.vartype === 'SPIN' ? (v: number) => v === 1 || v === -1 : (v: number) => v === 0 || v === 1;
  check(ss.samples.every(ok), () => `a sample value outside ${ss.vartype}`);
  check(ss.energy.length === ss.numRows && ss.energy.every(Number.isFinite), () => 'energies');
  check(
    ss.numOccurrences.every((c) => Number.isInteger(c) && c >= 0),
    () => 'num_occurrences',
  );
  for (const l of ss.variables) check(jsonLabelProblem(l) === undefined, () => `bad label ${String(l)}`);
}

function readSampleSet(text: string): void {
  const v = valueOrInputError(() => sampleSetFromDimodJson(parseStrictJson(text, { source: 's.json' })));
  if (!(v instanceof Error)) soundSampleSet(v);
}

describe('the dimod SampleSet reader', () => {
  it('generated sample sets read back exactly (1,000 cases)', () => {
    fc.assert(
      fc.property(sampleSets, (ss) => {
        const back = sampleSetFromDimodJson(parseStrictJson(JSON.stringify(sampleSetToDimodJson(ss))));
        expect(back.variables).toEqual(ss.variables);
        expect(Array.from(back.samples)).toEqual(Array.from(ss.samples));
        expect(Array.from(back.energy)).toEqual(Array.from(ss.energy));
        expect(Array.from(back.numOccurrences)).toEqual(Array.from(ss.numOccurrences));
      }),
      params(1000, 25),
    );
  });

  it('spliced and structurally edited documents: a sound sample set or an InputError (9,000 cases)', () => {
    fc.assert(
      fc.property(
        sampleSets.chain((ss) => mutatedText(JSON.stringify(sampleSetToDimodJson(ss)))),
        readSampleSet,
      ),
      params(4500, 26),
    );
    fc.assert(
      fc.property(
        sampleSets.chain((ss) => mutatedDocument(sampleSetToDimodJson(ss))),
        readSampleSet,
      ),
      params(4500, 27),
    );
  });
});
