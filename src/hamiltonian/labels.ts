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

/**
 * Sorts labels the way dimod does when it writes variable_labels: sorted when they are mutually comparable
 * (all numbers, or all strings), otherwise kept in their given order. Returns a new array.
 */
export function sortLabelsIfComparable(labels: readonly Label[]): Label[] {
  if (labels.every((l) => typeof l === 'number'))
    return [...labels].sort((a, b) => (a as number) - (b as number));
  if (labels.every((l) => typeof l === 'string'))
    return [...labels].sort((a, b) =>
      (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0,
    );
  return [...labels];
}
