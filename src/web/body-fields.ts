/**
 * Reading JSON request bodies field by field: every error is an InputError (HTTP 400) whose message and
 * `field` name the dotted path of the offending field and what would be accepted; unknown fields are
 * refused by {@link Fields.done} so typos do not pass silently.
 */

import { InputError } from '../errors.js';

export interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export class Fields {
  private readonly seen = new Set<string>();

  private constructor(
    private readonly obj: Record<string, unknown>,
    private readonly prefix: string,
  ) {}

  /** A reader over `value`, which must be a JSON object (`what` names it in errors). */
  static of(value: unknown, what = 'body'): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new InputError(`${what}: expected a JSON object, found ${describe(value)}`, { field: what });
    return new Fields(value as Record<string, unknown>, what === 'body' ? '' : `${what}.`);
  }

  path(key: string): string {
    return `${this.prefix}${key}`;
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined && this.obj[key] !== null;
  }

  raw(key: string): unknown {
    this.seen.add(key);
    return this.obj[key];
  }

  fail(key: string, message: string): never {
    throw new InputError(`${this.path(key)}: ${message}`, { field: this.path(key) });
  }

  number(key: string, rule?: NumberRule): number | undefined;
  number(key: string, rule: NumberRule, fallback: number): number;
  number(key: string, rule: NumberRule = {}, fallback?: number): number | undefined {
    const v = this.raw(key);
    if (v === undefined || v === null) return fallback;
    const kind = rule.integer ? 'an integer' : 'a number';
    if (typeof v !== 'number' || !Number.isFinite(v) || (rule.integer && !Number.isInteger(v)))
      this.fail(key, `${describe(v)} is not ${kind}`);
    if (rule.min !== undefined && (rule.exclusiveMin ? v <= rule.min : v < rule.min))
      this.fail(key, `${v} must be ${rule.exclusiveMin ? '>' : '≥'} ${rule.min}`);
    if (rule.max !== undefined && v > rule.max) this.fail(key, `${v} must be ≤ ${rule.max}`);
    return v;
  }

  requiredNumber(key: string, rule: NumberRule = {}): number {
    const v = this.number(key, rule);
    if (v === undefined) this.fail(key, `missing; give ${rule.integer ? 'an integer' : 'a number'}`);
    return v;
  }

  string(key: string, opts?: { values?: readonly string[]; maxLength?: number }): string | undefined;
  string(key: string, opts: { values?: readonly string[]; maxLength?: number }, fallback: string): string;
  string(
    key: string,
    opts: { values?: readonly string[]; maxLength?: number } = {},
    fallback?: string,
  ): string | undefined {
    const v = this.raw(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'string') this.fail(key, `${describe(v)} is not a string`);
    if (opts.values && !opts.values.includes(v))
      this.fail(key, `${describe(v)} is not one of ${opts.values.join(', ')}`);
    if (opts.maxLength !== undefined && v.length > opts.maxLength)
      this.fail(key, `longer than ${opts.maxLength} characters`);
    return v;
  }

  boolean(key: string, fallback: boolean): boolean {
    const v = this.raw(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') this.fail(key, `${describe(v)} is not true or false`);
    return v;
  }

  numberArray(
    key: string,
    rule: NumberRule & { minLength?: number; maxLength?: number } = {},
  ): number[] | undefined {
    const v = this.raw(key);
    if (v === undefined || v === null) return undefined;
    let arr: unknown[];
    if (typeof v === 'string')
      arr = v
        .split(/[\s,;]+/)
        .filter((x) => x !== '')
        .map((x) => Number(x));
    else if (Array.isArray(v)) arr = v;
    else return this.fail(key, `${describe(v)} is not a list of numbers`);
    if (rule.minLength !== undefined && arr.length < rule.minLength)
      this.fail(key, `needs at least ${rule.minLength} value${rule.minLength === 1 ? '' : 's'}`);
    if (rule.maxLength !== undefined && arr.length > rule.maxLength)
      this.fail(key, `at most ${rule.maxLength} values (found ${arr.length})`);
    return arr.map((x, i) => {
      const sub = `${key}[${i}]`;
      if (typeof x !== 'number' || !Number.isFinite(x) || (rule.integer && !Number.isInteger(x)))
        this.fail(sub, `${describe(x)} is not ${rule.integer ? 'an integer' : 'a number'}`);
      if (rule.min !== undefined && (rule.exclusiveMin ? x <= rule.min : x < rule.min))
        this.fail(sub, `${x} must be ${rule.exclusiveMin ? '>' : '≥'} ${rule.min}`);
      if (rule.max !== undefined && x > rule.max) this.fail(sub, `${x} must be ≤ ${rule.max}`);
      return x;
    });
  }

  object(key: string): Fields | undefined {
    const v = this.raw(key);
    if (v === undefined || v === null) return undefined;
    return Fields.of(v, this.path(key));
  }

  /** Refuses fields that were never read. */
  done(): void {
    const extra = Object.keys(this.obj).filter((k) => !this.seen.has(k));
    if (extra.length > 0) {
      const key = extra[0]!;
      const known = [...this.seen].join(', ');
      throw new InputError(
        `${this.path(key)}: unknown field${extra.length > 1 ? ` (also ${extra.slice(1).join(', ')})` : ''}; accepted: ${known || 'none'}`,
        { field: this.path(key) },
      );
    }
  }
}
