/**
 * Variable labels as dimod has them: integers, strings, or tuples of labels (JSON arrays).
 *
 * JSON object keys are always strings, so a key token that is a decimal integer ("0", "17", "-3", the parts of
 * "3,12") is read as the integer label everywhere: models, sample sets and embeddings. Leading zeros ("007"),
 * "-0" and anything else stay strings, so the mapping is lossless. Integer labels must be safe integers
 * (|v| ≤ 2^53 − 1): larger ones cannot be held exactly by a JSON reader and are refused, not rounded.
 */

import { ModelError } from '../errors.js';

export type Label = number | string | readonly Label[];

/** Map key for a label: numbers and strings as themselves, tuples as a tagged JSON string. */
export type LabelKey = number | string;

const TUPLE_TAG = '\u0000tuple:';

export function labelKey(label: Label): LabelKey {
  if (typeof label === 'number' || typeof label === 'string') return label;
  return TUPLE_TAG + JSON.stringify(label);
}

const DECIMAL_INTEGER = /^(0|-?[1-9][0-9]*)$/;

/** Deepest nesting of tuple labels (arrays of labels) that is read. */
export const MAX_LABEL_DEPTH = 32;

function unsafeInteger(what: string): string {
  return (
    `the integer label ${what} is beyond ±(2^53 − 1) = ±${Number.MAX_SAFE_INTEGER}, the largest integer ` +
    'a JSON reader holds exactly; relabel the variables (e.g. with strings or smaller integers)'
  );
}

/**
 * Reads one label token of a JSON key: a decimal integer becomes a number, anything else stays a string.
 * A decimal integer past ±(2^53 − 1) is a ModelError naming `field` (it would be rounded).
 */
export function labelFromKeyToken(token: string, field = 'label'): Label {
  if (DECIMAL_INTEGER.test(token)) {
    const v = Number(token);
    if (!Number.isSafeInteger(v)) throw new ModelError(`${field}: ${unsafeInteger(token)}`, { field });
    return v;
  }
  return token;
}

/** Writes a label as a JSON object key token (inverse of {@link labelFromKeyToken} for ints and strings). */
export function labelToKeyToken(label: Label): string {
  if (typeof label === 'number') return String(label);
  if (typeof label === 'string') return label;
  return JSON.stringify(label);
}

/**
 * Why a JSON value (an entry of variable_labels) is not a label, or undefined when it is one: labels are finite
 * numbers whose integers are safe, strings, and arrays of labels (tuples) nested at most {@link MAX_LABEL_DEPTH}.
 */
export function jsonLabelProblem(v: unknown, depth = 0): string | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return `a label must be a finite number, not ${v}`;
    return Math.abs(v) > Number.MAX_SAFE_INTEGER ? unsafeInteger(String(v)) : undefined;
  }
  if (typeof v === 'string') return undefined;
  if (Array.isArray(v)) {
    if (depth >= MAX_LABEL_DEPTH) return `tuple labels nest at most ${MAX_LABEL_DEPTH} deep`;
    for (const x of v) {
      const p = jsonLabelProblem(x, depth + 1);
      if (p) return p;
    }
    return undefined;
  }
  return 'a label must be a number, a string or an array of labels (a tuple)';
}

/** Human-readable form for messages. */
export function formatLabel(label: Label): string {
  return typeof label === 'string'
    ? JSON.stringify(label)
    : typeof label === 'number'
      ? String(label)
      : JSON.stringify(label);
}

/** Python's `a == b` for labels (1 == 1.0; a number never equals a string). */
function pythonEqual(a: Label, b: Label): boolean {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, k) => pythonEqual(x, b[k]!));
  return a === b;
}

/** Code-point order of two strings (Python's; JavaScript's `<` compares UTF-16 code units). */
function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let k = 0; k < Math.min(x.length, y.length); k++)
    if (x[k] !== y[k]) return x[k]!.codePointAt(0)! - y[k]!.codePointAt(0)!;
  return x.length - y.length;
}

/** Python's ordering of two labels; throws a TypeError where Python's `<` would (a number and a string). */
function pythonCompare(a: Label, b: Label): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a === b ? 0 : compareCodePoints(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let k = 0; k < Math.min(a.length, b.length); k++)
      if (!pythonEqual(a[k]!, b[k]!)) return pythonCompare(a[k]!, b[k]!);
    return a.length - b.length;
  }
  throw new TypeError(`'<' not supported between ${formatLabel(a)} and ${formatLabel(b)}`);
}

/**
 * Sorts labels the way dimod does when it writes variable_labels (`list.sort()`): numbers, strings (by code
 * point) and tuples (element by element) in Python's order when every pair is comparable; otherwise (numbers
 * beside strings, say) in their given order. Returns a new array. (Where Python's sort fails part-way it may
 * leave the list partly sorted; this keeps the given order instead.)
 */
export function sortLabelsIfComparable(labels: readonly Label[]): Label[] {
  try {
    return [...labels].sort(pythonCompare);
  } catch (e) {
    if (e instanceof TypeError) return [...labels];
    throw e;
  }
}
