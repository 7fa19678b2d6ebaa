/**
 * Content negotiation (dwave.md §1.2): each SAPI route names the representation it sends
 * (`config.sapiMedia`); an `onRequest` hook reads the request's Accept before anything else is done, picks the
 * representation generation it asks for and labels the reply with the versioned vendor media type.
 *
 * Two generations, told apart by the Accept header as SAPI does:
 * - 3 (`version=3.x`, what dwave-cloud-client ≥ 0.14 sends): solvers carry only `identity`
 *   ({name, version: {graph_id}}), and a problem's `solver` is that identity object;
 * - 2 (`version=2.x`, the media type without a version as 0.13 sends it, or `*∕*` / no Accept / JSON as 0.10–0.12
 *   send it): solvers carry the name as `id` besides `identity`, so both generations read them, and a problem's
 *   `solver` is the name string, which 0.10.x passes to `get_solver(name=…)`. Labelled version 2.1.0, inside
 *   what those clients accept (`~=2.0` for solvers, `>=2.1,<3` for problems).
 * An Accept that names the resource only in versions this server does not speak, or names only other types,
 * is refused with 415.
 */

import type { FastifyInstance } from 'fastify';
import { type MediaType, parseAccept, parseVersion } from '../client/media-types.js';
import { SapiHttpError } from './sapi-errors.js';

export type SapiGeneration = 2 | 3;

/** The representation version a reply of each generation is labelled with. */
export const GENERATION_VERSION: Record<SapiGeneration, string> = { 2: '2.1.0', 3: '3.0.0' };

function generationOf(version: string | undefined): SapiGeneration | undefined {
  if (version === undefined) return 2;
  const major = parseVersion(version)?.[0];
  return major === 2 || major === 3 ? major : undefined;
}

/**
 * The generation `accept` (an Accept header) asks for `media` in: the newest it admits, 2 for wildcards and
 * plain JSON; throws 415 when it admits none.
 */
export function negotiate(accept: string | undefined, media: MediaType): SapiGeneration {
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return 2;
  const ours = ranges.filter((r) => r.type === media);
  if (ours.length > 0) {
    const spoken = ours
      .map((r) => generationOf(r.params.version))
      .filter((g): g is SapiGeneration => g !== undefined);
    if (spoken.length > 0) return Math.max(...spoken) as SapiGeneration;
    throw new SapiHttpError(
      415,
      `${media} version ${ours[0]!.params.version} is not supported; this server speaks versions 2.x and 3.x`,
    );
  }
  if (ranges.some((r) => r.type === '*/*' || r.type === 'application/*' || r.type === 'application/json'))
    return 2;
  throw new SapiHttpError(
    415,
    `cannot respond with ${ranges.map((r) => r.type).join(', ')}; this resource is ${media}`,
  );
}

/** The Content-Type of a reply of generation `g`. */
export function sapiContentType(media: MediaType, g: SapiGeneration): string {
  return `${media}; version=${GENERATION_VERSION[g]}; charset=utf-8`;
}

/** Adds the negotiation hook to `app`: routes without `config.sapiMedia` are left alone. */
export function addContentNegotiation(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    const media = req.routeOptions.config.sapiMedia;
    if (media === undefined || !req.sapiCall) return;
    req.sapiCall.generation = negotiate(req.headers.accept, media);
    reply.type(sapiContentType(media, req.sapiCall.generation));
  });
}
