/**
 * What the SAPI server's hooks and resource plugins share: the solvers, the problem store, the fault injector,
 * the record of requests, the accepted tokens and the log; and what each request carries through its hooks
 * (the path after the SAPI base, its query string, the fault it drew, the representation it asked for).
 */

import type { MediaType } from '../client/media-types.js';
import type { FaultInjector, FaultRule } from './faults.js';
import type { SapiGeneration } from './negotiation.js';
import type { ProblemStore } from './problem-store.js';
import type { CatalogEntry } from './solver-catalog.js';

/** One request as received: method, path after the base, query string with its `?` (or ""). */
export interface RequestRecord {
  method: string;
  path: string;
  query: string;
}

export interface SapiContext {
  /** URL path of the SAPI base, with leading and trailing slash ("/sapi/v2/"). */
  base: string;
  entries: ReadonlyMap<string, CatalogEntry>;
  store: ProblemStore;
  faults: FaultInjector;
  requests: RequestRecord[];
  tokens: readonly string[];
  /** Largest request body, bytes, before and after decompression. */
  maxBodyBytes: number;
  /** Log lines, tokens already redacted. */
  log: (line: string) => void;
}

/** Per request: where it went (relative to the base), the fault it drew, the representation it asked for. */
export interface SapiCall {
  rel: string;
  search: string;
  fault: FaultRule | undefined;
  /** The representation generation the Accept header asked for (./negotiation.ts; 3 until negotiated). */
  generation: SapiGeneration;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the API's first hook for every request under the SAPI base. */
    sapiCall: SapiCall | null;
  }
  interface FastifyContextConfig {
    /** The representation a SAPI route sends (content negotiation checks Accept against it). */
    sapiMedia?: MediaType;
  }
}

/** The representation generation a request asked for. */
export function generationOf(call: SapiCall | null): SapiGeneration {
  return call?.generation ?? 3;
}

/** The query string of a request, parsed as URLSearchParams (first value of a repeated key wins). */
export function queryOf(call: SapiCall | null): URLSearchParams {
  return new URLSearchParams(call?.search ?? '');
}
