/**
 * JSON text exactly as Python's `json.dumps(value)` writes it with its defaults, for formats whose bytes Python
 * code writes (dimod's BQM file header and labels): ", " between items and ": " after keys, every character
 * outside printable ASCII escaped as \uXXXX (lowercase hex; UTF-16 code units, as Python writes surrogate pairs),
 * integers as integers and other floats as Python's repr (shortest round-trip digits; exponent form below
 * 1e-4 or from 1e16 on: 1e-05, 1.5e+16). Keys are written in the order given (json.dumps(sort_keys=True) is
 * the caller sorting them).
 */

/** A value json.dumps writes. */
export type PythonJsonValue =
  | null
  | boolean
  | number
  | string
  | readonly PythonJsonValue[]
  | { readonly [key: string]: PythonJsonValue };

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A string as json.dumps(ensure_ascii=True) writes it. */
export function pythonJsonString(s: string): string {
  return `"${s.replace(/[\\"]|[^ -~]/g, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/** Python's repr of a finite float: `repr(0.5)` = 0.5, `repr(2.0)` = 2.0, `repr(1e-05)` = 1e-05. */
export function pythonFloatRepr(x: number): string {
  const [mantissa, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = x < 0 ? '-' : '';
  const point = exp + 1; // digits before the decimal point
  if (point <= -4 || point > 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * `json.dumps(value)`. Numbers must be finite; safe integers are written as Python ints, other numbers as the
 * floats they are (1e+22).
 */
export function pythonJsonDumps(value: PythonJsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`json.dumps text for ${value} is not JSON`);
    return Number.isSafeInteger(value) ? String(value) : pythonFloatRepr(value);
  }
  if (typeof value === 'string') return pythonJsonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  const o = value as { readonly [key: string]: PythonJsonValue };
  return `{${Object.keys(o)
    .map((k) => `${pythonJsonString(k)}: ${pythonJsonDumps(o[k]!)}`)
    .join(', ')}}`;
}
