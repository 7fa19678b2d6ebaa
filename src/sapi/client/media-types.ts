/**
 * SAPI resource representations (dwave.md §1.2): every request asks for `<media type>; version=3.0.0` and every
 * 2xx response must carry the expected media type with a version the client accepts (`~=3.0`, or `>=2.1,<4`
 * for answers and messages). The server labels what it sends with these media types too, in the version the
 * request asked for (src/sapi/server/negotiation.ts).
 */

export const SAPI_ASK_VERSION = '3.0.0';

export const MEDIA = {
  solverList: 'application/vnd.dwave.sapi.solver-definition-list+json',
  solver: 'application/vnd.dwave.sapi.solver-definition+json',
  problems: 'application/vnd.dwave.sapi.problems+json',
  problem: 'application/vnd.dwave.sapi.problem+json',
  problemData: 'application/vnd.dwave.sapi.problem-data+json',
  problemAnswer: 'application/vnd.dwave.sapi.problem-answer+json',
  problemMessage: 'application/vnd.dwave.sapi.problem-message+json',
} as const;

export type MediaType = (typeof MEDIA)[keyof typeof MEDIA];

/** Which versions a client accepts: `~=3.0` (3.x, ≥ 3.0) or `>=2.1,<4`. */
export type VersionRule = 'compatible-3.0' | 'from-2.1-below-4';

export const ACCEPTED_VERSION: Record<MediaType, VersionRule> = {
  [MEDIA.solverList]: 'compatible-3.0',
  [MEDIA.solver]: 'compatible-3.0',
  [MEDIA.problems]: 'compatible-3.0',
  [MEDIA.problem]: 'compatible-3.0',
  [MEDIA.problemData]: 'compatible-3.0',
  [MEDIA.problemAnswer]: 'from-2.1-below-4',
  [MEDIA.problemMessage]: 'from-2.1-below-4',
};

export interface ParsedMediaType {
  type: string;
  params: Record<string, string>;
}

/** Parses `type/subtype; a=b; c="d"` (lower-cases the type and parameter names). */
export function parseMediaType(header: string): ParsedMediaType {
  const parts = header.split(';');
  const type = (parts.shift() ?? '').trim().toLowerCase();
  const params: Record<string, string> = {};
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const k = p.slice(0, eq).trim().toLowerCase();
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1);
    params[k] = v;
  }
  return { type, params };
}

/** Splits an Accept header into its media ranges. */
export function parseAccept(header: string | undefined): ParsedMediaType[] {
  if (!header) return [];
  return header
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(parseMediaType);
}

/** Parses a dotted numeric version ("3", "3.0", "3.0.0") into numbers; undefined if it is not one. */
export function parseVersion(v: string | undefined): number[] | undefined {
  if (v === undefined || !/^\d+(\.\d+)*$/.test(v)) return undefined;
  return v.split('.').map(Number);
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether `version` satisfies the rule (PEP 440 `~=3.0` is `>=3.0, ==3.*`). */
export function versionAccepted(version: string | undefined, rule: VersionRule): boolean {
  const v = parseVersion(version);
  if (!v) return false;
  if (rule === 'compatible-3.0') return v[0] === 3 && compare(v, [3, 0]) >= 0;
  return compare(v, [2, 1]) >= 0 && compare(v, [4]) < 0;
}

/** The Accept header value a client sends for a resource. */
export function acceptHeader(media: MediaType): string {
  return `${media}; version=${SAPI_ASK_VERSION}`;
}

/**
 * Checks a 2xx response's Content-Type against the expected media type; returns undefined when acceptable,
 * else what is wrong (strict: a missing header is wrong, as in dwave-cloud-client).
 */
export function checkContentType(header: string | null | undefined, expected: MediaType): string | undefined {
  if (!header) return `no Content-Type; expected ${expected}`;
  const parsed = parseMediaType(header);
  if (parsed.type !== expected) return `Content-Type ${parsed.type}; expected ${expected}`;
  const rule = ACCEPTED_VERSION[expected];
  if (!versionAccepted(parsed.params.version, rule))
    return `${expected} version ${parsed.params.version ?? '(none)'} is not supported; expected ${rule === 'compatible-3.0' ? '~=3.0' : '>=2.1,<4'}`;
  return undefined;
}
