/**
 * A strict JSON reader for user files.
 *
 * Unlike JSON.parse it reports errors with line and column ("truncated at line 3, column 17"), rejects
 * duplicate object keys (JSON.parse silently keeps the last one, which would be a silent wrong answer), and
 * optionally accepts the tokens `NaN`, `Infinity` and `-Infinity` that Python's json module writes, so that
 * the model validators can name the field holding them instead of failing on syntax.
 *
 * Nesting is limited to {@link MAX_JSON_DEPTH} arrays and objects, as Python's json module is by its recursion
 * limit: deeper documents are refused as bad input instead of overflowing the stack. Every error is a
 * JsonSyntaxError whose field is the source.
 *
 * Objects keep the order their keys were written in (for `{"7":…,"2":…}` JavaScript would list "2" first): read
 * it with orderedKeys / orderedEntries of ./json-key-order.ts.
 */

import { JsonSyntaxError } from '../errors.js';
import { recordKeyOrder } from './json-key-order.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Deepest nesting of arrays and objects the reader accepts (no model, sample set or config needs > 10). */
export const MAX_JSON_DEPTH = 1000;

export interface StrictJsonOptions {
  /** What the text is, for messages (e.g. a file name). */
  source?: string;
  /** Accept Python's NaN / Infinity / -Infinity tokens (default true). */
  allowNonFinite?: boolean;
}

/**
 * A JSON value described for a message ("an object", "string \"x\"", "NaN"); never throws, however deep the
 * value (JSON.stringify of a deeply nested value overflows the stack).
 */
export function describeJsonValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string' && v.length > 60) return `string ${JSON.stringify(`${v.slice(0, 57)}…`)}`;
  return `${typeof v} ${JSON.stringify(v)}`;
}

export function parseStrictJson(text: string, options: StrictJsonOptions = {}): JsonValue {
  return new Reader(text, options).document();
}

class Reader {
  private pos = 0;
  private depth = 0;
  private readonly src: string;
  private readonly allowNonFinite: boolean;

  constructor(
    private readonly text: string,
    options: StrictJsonOptions,
  ) {
    this.src = options.source ?? 'JSON';
    this.allowNonFinite = options.allowNonFinite ?? true;
  }

  document(): JsonValue {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.ws();
    if (this.pos >= this.text.length) this.fail('the document is empty');
    const v = this.value('$');
    this.ws();
    if (this.pos < this.text.length) this.fail(`unexpected ${this.describe()} after the end of the document`);
    return v;
  }

  private where(at = this.pos): string {
    let line = 1;
    let col = 1;
    for (let i = 0; i < at && i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === 10) {
        line++;
        col = 1;
      } else col++;
    }
    return `line ${line}, column ${col}`;
  }

  private fail(what: string, at = this.pos): never {
    throw new JsonSyntaxError(`${this.src}: malformed JSON at ${this.where(at)}: ${what}`, {
      field: this.src,
    });
  }

  private describe(): string {
    if (this.pos >= this.text.length) return 'end of input (the document looks truncated)';
    return `character ${JSON.stringify(this.text[this.pos])}`;
  }

  private ws(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.pos++;
      else break;
    }
  }

  private value(path: string): JsonValue {
    const c = this.text[this.pos];
    switch (c) {
      case '{':
      case '[': {
        if (++this.depth > MAX_JSON_DEPTH)
          this.fail(
            `arrays and objects nested deeper than ${MAX_JSON_DEPTH} levels; qaxai reads documents nested at most ${MAX_JSON_DEPTH} deep`,
          );
        const v = c === '{' ? this.object(path) : this.array(path);
        this.depth--;
        return v;
      }
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      case 'N':
        return this.nonFinite('NaN', Number.NaN);
      case 'I':
        return this.nonFinite('Infinity', Number.POSITIVE_INFINITY);
      default:
        if (c === '-' && this.text.startsWith('-Infinity', this.pos))
          return this.nonFinite('-Infinity', Number.NEGATIVE_INFINITY);
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
        return this.fail(`expected a value, found ${this.describe()}`);
    }
  }

  private literal<T extends JsonValue>(word: string, v: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail(`expected ${word}, found ${this.describe()}`);
    this.pos += word.length;
    return v;
  }

  private nonFinite(word: string, v: number): number {
    if (!this.allowNonFinite) this.fail(`${word} is not valid JSON`);
    return this.literal(word, v);
  }

  private number(): number {
    const start = this.pos;
    const t = this.text;
    if (t[this.pos] === '-') this.pos++;
    if (t[this.pos] === '0') this.pos++;
    else if (t[this.pos]! >= '1' && t[this.pos]! <= '9')
      while (t[this.pos]! >= '0' && t[this.pos]! <= '9') this.pos++;
    else this.fail(`expected a digit, found ${this.describe()}`);
    if (t[this.pos] === '.') {
      this.pos++;
      if (!(t[this.pos]! >= '0' && t[this.pos]! <= '9'))
        this.fail(`expected a digit after '.', found ${this.describe()}`);
      while (t[this.pos]! >= '0' && t[this.pos]! <= '9') this.pos++;
    }
    if (t[this.pos] === 'e' || t[this.pos] === 'E') {
      this.pos++;
      if (t[this.pos] === '+' || t[this.pos] === '-') this.pos++;
      if (!(t[this.pos]! >= '0' && t[this.pos]! <= '9'))
        this.fail(`expected an exponent digit, found ${this.describe()}`);
      while (t[this.pos]! >= '0' && t[this.pos]! <= '9') this.pos++;
    }
    return Number(t.slice(start, this.pos));
  }

  private string(): string {
    const start = this.pos;
    this.pos++; // opening quote
    const t = this.text;
    let out = '';
    let chunk = this.pos;
    for (;;) {
      if (this.pos >= t.length) this.fail('unterminated string (the document looks truncated)', start);
      const c = t.charCodeAt(this.pos);
      if (c === 34) {
        out += t.slice(chunk, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) this.fail('control character inside a string');
      if (c === 92) {
        out += t.slice(chunk, this.pos);
        const e = t[this.pos + 1];
        this.pos += 2;
        switch (e) {
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case '/':
            out += '/';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            const hex = t.slice(this.pos, this.pos + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
            out += String.fromCharCode(Number.parseInt(hex, 16));
            this.pos += 4;
            break;
          }
          default:
            this.fail(`bad escape \\${e ?? ''}`, this.pos - 2);
        }
        chunk = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  private array(path: string): JsonValue[] {
    this.pos++;
    const out: JsonValue[] = [];
    this.ws();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.ws();
      out.push(this.value(`${path}[${out.length}]`));
      this.ws();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return out;
      }
      this.fail(`expected ',' or ']' in an array, found ${this.describe()}`);
    }
  }

  private object(path: string): { [key: string]: JsonValue } {
    this.pos++;
    const out: { [key: string]: JsonValue } = Object.create(null);
    const seen = new Set<string>();
    this.ws();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.text[this.pos] !== '"') this.fail(`expected a quoted key, found ${this.describe()}`);
      const keyAt = this.pos;
      const key = this.string();
      if (seen.has(key))
        throw new JsonSyntaxError(
          `${this.src}: duplicate key ${JSON.stringify(key)} in ${path} at ${this.where(keyAt)}; each key may appear once`,
          { field: path === '$' ? key || '""' : `${path.slice(2)}.${key}` },
        );
      seen.add(key);
      this.ws();
      if (this.text[this.pos] !== ':') this.fail(`expected ':' after a key, found ${this.describe()}`);
      this.pos++;
      this.ws();
      out[key] = this.value(path === '$' ? `$.${key}` : `${path}.${key}`);
      this.ws();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        // a null-prototype object: a key such as "__proto__" stays plain data
        return recordKeyOrder(out, seen);
      }
      this.fail(`expected ',' or '}' in an object, found ${this.describe()}`);
    }
  }
}
