/**
 * Shared pieces of the property-based reader suite (issue 15 §3): run counts (×10 under QAXAI_SLOW=1), the
 * outcome rule (a value, or an InputError that names its field; anything else fails the property), and
 * generators of mutated text, bytes and JSON documents.
 */

import fc from 'fast-check';
import { InputError, QaError } from '../../src/errors.js';

export const SLOW = process.env.QAXAI_SLOW === '1';

/** fast-check parameters: `numRuns` in the default suite, ten times more under QAXAI_SLOW=1; fixed seed. */
export function params(numRuns: number, seed: number): fc.Parameters<unknown> {
  return { numRuns: SLOW ? numRuns * 10 : numRuns, seed };
}

/** Test time limit: vitest's 60 s by default, ten minutes for the ten-times-larger QAXAI_SLOW=1 run. */
export const TIMEOUT = SLOW ? 600_000 : 60_000;

/** Thrown from a property when a reader broke the rule (fast-check shrinks and reports it). */
export class PropertyBroken extends Error {}

export function check(cond: unknown, message: () => string): asserts cond {
  if (!cond) throw new PropertyBroken(message());
}

/**
 * Runs a reader: returns its value, or the InputError it threw when that error names a field. Anything else
 * (another exception, an InputError without a field) is rethrown, failing the property.
 */
export function valueOrInputError<T>(
  read: () => T,
  errorClass: abstract new (...a: never[]) => QaError = InputError,
): T | QaError {
  try {
    return read();
  } catch (e) {
    if (e instanceof errorClass && typeof e.field === 'string' && e.field !== '') return e;
    if (e instanceof QaError)
      throw new PropertyBroken(`${e.name} without the expected class or a field: ${e.message}`);
    throw e;
  }
}

/** Placeholders that {@link writeJson} turns into Python's NaN / Infinity tokens. */
const NAN = '\u0001NaN';
const INF = '\u0001Infinity';
const NEG_INF = '\u0001-Infinity';

/** JSON text of `v`, with the placeholders above written as the bare tokens NaN, Infinity, -Infinity. */
export function writeJson(v: unknown): string {
  return JSON.stringify(v)
    .replaceAll(JSON.stringify(NAN), 'NaN')
    .replaceAll(JSON.stringify(NEG_INF), '-Infinity')
    .replaceAll(JSON.stringify(INF), 'Infinity');
}

/** Values that have broken readers before: wrong types, edge numbers, prototype names, deep or empty shapes. */
export const interestingValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(
      {},
      [],
      null,
      true,
      false,
      0,
      -0,
      -1,
      0.5,
      1,
      2,
      31,
      32,
      33,
      2 ** 31,
      2 ** 32,
      2 ** 53,
      2 ** 53 + 2,
      -(2 ** 53) - 2,
      1e308,
      -1e308,
      5e-324,
      NAN,
      INF,
      NEG_INF,
      '',
      ' ',
      'a',
      'a ',
      '1',
      '-0',
      '007',
      '9007199254740993',
      '__proto__',
      'constructor',
      'toString',
      'SPIN',
      'BINARY',
      'spin',
      'boolean',
      'ising',
      'qubo',
      'qp',
      'array',
      'AAAA',
      '////',
      'AA==',
      [[]],
      [1, '1'],
      ['__proto__'],
      JSON.parse('{"__proto__": 1, "a": 1}'),
      JSON.parse(`${'['.repeat(40)}1${']'.repeat(40)}`),
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/** Text tokens spliced into documents: JSON punctuation, Python tokens, edge numbers, escapes. */
const interestingText = fc.constantFrom(
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '\\',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '1e309',
  '-0',
  '9007199254740993',
  '{}',
  '[]',
  'null',
  '"__proto__"',
  '"\\u0000"',
  '"\\ud800"',
  '\u0000',
  '\ufeff',
  ' ',
  '\n',
  '[[[[[[[[',
);

/** A text mutation of `text`: a span replaced by junk, a token, or nothing, applied 1–3 times. */
export function mutatedText(text: string): fc.Arbitrary<string> {
  const edit = fc.tuple(
    fc.nat(text.length),
    fc.nat(12),
    fc.oneof(fc.string({ maxLength: 6 }), interestingText, fc.constant('')),
  );
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    let t = text;
    for (const [at, len, ins] of edits) {
      const i = Math.min(at, t.length);
      t = t.slice(0, i) + ins + t.slice(i + len);
    }
    return t;
  });
}

/** A byte mutation of `bytes`: bytes overwritten, inserted or removed, or the tail cut, 1–4 times. */
export function mutatedBytes(bytes: Uint8Array): fc.Arbitrary<Uint8Array> {
  const edit = fc.tuple(
    fc.constantFrom('set', 'insert', 'delete', 'truncate'),
    fc.nat(Math.max(0, bytes.length - 1)),
    fc.uint8Array({ minLength: 1, maxLength: 4 }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    let b = Uint8Array.from(bytes);
    for (const [kind, at, data] of edits) {
      const i = Math.min(at, b.length);
      if (kind === 'set') {
        const c = Uint8Array.from(b);
        c.set(data.subarray(0, Math.max(0, c.length - i)), i);
        b = c;
      } else if (kind === 'insert') b = Uint8Array.from([...b.subarray(0, i), ...data, ...b.subarray(i)]);
      else if (kind === 'delete') b = Uint8Array.from([...b.subarray(0, i), ...b.subarray(i + data.length)]);
      else b = b.slice(0, i);
    }
    return b;
  });
}

type Path = Array<string | number>;

/** Every path into a JSON document (object keys and array indices), the root excluded. */
function paths(doc: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(doc))
    doc.forEach((v, i) => {
      out.push([...prefix, i]);
      paths(v, [...prefix, i], out);
    });
  else if (doc !== null && typeof doc === 'object')
    for (const [k, v] of Object.entries(doc)) {
      out.push([...prefix, k]);
      paths(v, [...prefix, k], out);
    }
  return out;
}

/**
 * A structural mutation of a JSON document, 1–3 times: a value replaced by an {@link interestingValue}, an
 * object key deleted, or an array entry removed or repeated. Returns the JSON text ({@link writeJson}).
 */
export function mutatedDocument(doc: unknown): fc.Arbitrary<string> {
  const edit = fc.tuple(
    fc.nat(),
    fc.constantFrom('replace', 'replace', 'delete', 'repeat'),
    interestingValue,
  );
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    const d = JSON.parse(JSON.stringify(doc)) as unknown;
    for (const [pick, kind, shared] of edits) {
      const value = shared === undefined ? shared : (JSON.parse(JSON.stringify(shared)) as unknown); // a copy: never a cycle
      const all = paths(d);
      if (all.length === 0) break;
      const path = all[pick % all.length]!;
      let parent = d as Record<string | number, unknown>;
      for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
      const last = path[path.length - 1]!;
      if (Array.isArray(parent)) {
        if (kind === 'delete') parent.splice(last as number, 1);
        else if (kind === 'repeat') parent.splice(last as number, 0, parent[last as number]);
        else parent[last as number] = value;
      } else if (kind === 'delete') delete parent[last];
      else
        Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
    }
    return writeJson(d);
  });
}
