/**
 * Small typed readers for parsed JSON that throw an InputError-family error naming the field path.
 * Used by every format reader so messages look the same everywhere.
 */

import { type InputError, ModelError } from '../../errors.js';
import { describeJsonValue, type JsonValue } from '../../util/strict-json.js';

export { describeJsonValue };

export type JsonObject = { [key: string]: JsonValue };

type ErrorFactory = (message: string, field: string) => InputError;

export const modelErrorAt: ErrorFactory = (message, field) => new ModelError(message, { field });

export class FieldReader {
  constructor(private readonly err: ErrorFactory = modelErrorAt) {}

  fail(field: string, message: string): never {
    throw this.err(`${field}: ${message}`, field);
  }

  object(v: unknown, field: string): JsonObject {
    if (v === null || typeof v !== 'object' || Array.isArray(v))
      this.fail(field, `expected an object, found ${describeJsonValue(v)}`);
    return v as JsonObject;
  }

  array(v: unknown, field: string): JsonValue[] {
    if (!Array.isArray(v)) this.fail(field, `expected an array, found ${describeJsonValue(v)}`);
    return v;
  }

  string(v: unknown, field: string): string {
    if (typeof v !== 'string') this.fail(field, `expected a string, found ${describeJsonValue(v)}`);
    return v;
  }

  /** A finite number (biases, energies). NaN and ±Infinity are refused with the field named. */
  finite(v: unknown, field: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v))
      this.fail(field, `expected a finite number, found ${describeJsonValue(v)}`);
    return v;
  }

  /** A non-negative integer (counts, indices). */
  count(v: unknown, field: string, max = Number.MAX_SAFE_INTEGER): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max)
      this.fail(field, `expected an integer in [0, ${max}], found ${describeJsonValue(v)}`);
    return v;
  }

  boolean(v: unknown, field: string): boolean {
    if (typeof v !== 'boolean') this.fail(field, `expected true or false, found ${describeJsonValue(v)}`);
    return v;
  }

  required(o: JsonObject, key: string, field: string): JsonValue {
    if (!(key in o)) this.fail(field ? `${field}.${key}` : key, 'missing');
    return o[key]!;
  }
}
