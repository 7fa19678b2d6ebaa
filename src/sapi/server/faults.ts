/**
 * Fault injection for the SAPI server, so tests (and `qaxai serve-sapi --fault …`) can exercise a client's
 * failure handling on loopback. A rule matches requests by method and path (a substring of the path after the
 * SAPI base, e.g. "problems/" or "solvers"), skips the first `skip` matches, then fires `times` times:
 * - `status=<code>[,retry_after=<s>]`: answer with that HTTP status (and Retry-After) without doing anything;
 * - `delay=<ms>`: a slow response: wait, then handle the request normally;
 * - `drop`: close the connection without reading or doing anything;
 * - `drop_after`: handle the request (a POST creates its problems), then cut the connection mid-response;
 * - `truncate`: handle the request, then send a complete HTTP response whose JSON body is cut in half.
 * Spec text: comma-separated key=value pairs, e.g. `status=429,retry_after=1,method=POST,path=problems,times=2`
 * or `drop_after,method=POST`.
 */

import { InputError } from '../../errors.js';

export type FaultKind = 'status' | 'delay' | 'drop' | 'drop_after' | 'truncate';

export interface FaultRule {
  kind: FaultKind;
  status?: number;
  /** Seconds for the Retry-After header. */
  retryAfter?: number;
  delayMs?: number;
  method?: string;
  /** Substring of the path after the SAPI base (query string excluded). */
  path?: string;
  /** How many matching requests it fires on (default 1; 0 = every one). */
  times?: number;
  /** Matching requests to let through first (default 0). */
  skip?: number;
}

export interface InjectedFault {
  rule: FaultRule;
  method: string;
  path: string;
}

function positiveInt(v: string, key: string, spec: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new InputError(`--fault ${spec}: ${key}=${v} is not a whole number`, { field: '--fault' });
  return n;
}

/** Parses a fault spec (see the module comment); bad specs are InputErrors naming the flag. */
export function parseFaultSpec(spec: string): FaultRule {
  const rule: Partial<FaultRule> = {};
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().replace(/-/g, '_');
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    switch (key) {
      case 'status':
        rule.kind = 'status';
        rule.status = positiveInt(value, key, spec);
        if (rule.status < 400 || rule.status > 599)
          throw new InputError(`--fault ${spec}: status must be an HTTP error status 400…599`, {
            field: '--fault',
          });
        break;
      case 'retry_after':
        rule.retryAfter = positiveInt(value, key, spec);
        break;
      case 'delay':
        rule.kind = 'delay';
        rule.delayMs = positiveInt(value, key, spec);
        break;
      case 'drop':
      case 'drop_after':
      case 'truncate':
        rule.kind = key;
        break;
      case 'method':
        rule.method = value.toUpperCase();
        break;
      case 'path':
        rule.path = value;
        break;
      case 'times':
        rule.times = positiveInt(value, key, spec);
        break;
      case 'skip':
        rule.skip = positiveInt(value, key, spec);
        break;
      default:
        throw new InputError(
          `--fault ${spec}: unknown key ${JSON.stringify(key)}; use status=CODE, retry_after=S, delay=MS, drop, drop_after, truncate, method=M, path=TEXT, times=N, skip=N`,
          { field: '--fault' },
        );
    }
  }
  if (!rule.kind)
    throw new InputError(
      `--fault ${spec}: say what to inject: status=CODE, delay=MS, drop, drop_after or truncate`,
      {
        field: '--fault',
      },
    );
  return rule as FaultRule;
}

interface LiveRule {
  rule: FaultRule;
  seen: number;
  fired: number;
}

export class FaultInjector {
  private readonly rules: LiveRule[] = [];
  /** Every fault fired, in order (for tests and logs). */
  readonly fired: InjectedFault[] = [];

  constructor(rules: readonly FaultRule[] = []) {
    for (const r of rules) this.add(r);
  }

  add(rule: FaultRule): void {
    this.rules.push({ rule, seen: 0, fired: 0 });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The fault to apply to this request, if any (consumes one firing). */
  take(method: string, path: string): FaultRule | undefined {
    for (const r of this.rules) {
      const { rule } = r;
      if (rule.method && rule.method !== method) continue;
      if (rule.path && !path.includes(rule.path)) continue;
      const times = rule.times ?? 1;
      if (times !== 0 && r.fired >= times) continue;
      r.seen++;
      if (r.seen <= (rule.skip ?? 0)) continue;
      r.fired++;
      this.fired.push({ rule, method, path });
      return rule;
    }
    return undefined;
  }
}
