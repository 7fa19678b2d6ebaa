/**
 * Variable labels as dimod has them: integers, strings, or tuples of labels (JSON arrays).
 *
 * JSON object keys are always strings, so a key token that is a decimal integer ("0", "17", "-3", the parts of
 * "3,12") is read as the integer label everywhere: models, sample sets and embeddings. Leading zeros ("007")
 * and anything else stay strings, so the mapping is lossless.
 */

export type Label = number | string | readonly Label[];

/** Map key for a label: numbers and strings as themselves, tuples as a tagged JSON string. */
export type LabelKey = number | string;

const TUPLE_TAG = '\u0000tuple:';

export function labelKey(label: Label): LabelKey {
  if (typeof label === 'number' || typeof label === 'string') return label;
  return TUPLE_TAG + JSON.stringify(label);
}

const DECIMAL_INTEGER = /^-?(0|[1-9][0-9]*)$/;

/** Reads one label token of a JSON key: a decimal integer becomes a number, anything else stays a string. */
export function labelFromKeyToken(token: string): Label {
  if (DECIMAL_INTEGER.test(token)) {
    const v = Number(token);
    if (Number.isSafeInteger(v)) return v;
  }
  return token;
}

/** Writes a label as a JSON object key token (inverse of {@link labelFromKeyToken} for ints and strings). */
export function labelToKeyToken(label: Label): string {
  if (typeof label === 'number') return String(label);
  if (typeof label === 'string') return label;
  return JSON.stringify(label);
}

/** A label read from a JSON value (variable_labels arrays): numbers, strings and arrays (tuples). */
export function isJsonLabel(v: unknown): v is Label {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'string') return true;
  if (Array.isArray(v)) return v.every(isJsonLabel);
  return false;
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
