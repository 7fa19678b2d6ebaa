/**
 * Content negotiation (dwave.md §1.2): each SAPI route names the representation it sends
 * (`config.sapiMedia`); an `onRequest` hook checks the request's Accept against it before anything else is
 * done and labels the reply with the versioned vendor media type. An Accept that asks for a version this
 * server does not speak, or only for other types, is refused with 415.
 */

import type { FastifyInstance } from 'fastify';
import {
  ACCEPTED_VERSION,
  contentTypeHeader,
  type MediaType,
  parseAccept,
  versionAccepted,
} from '../client/media-types.js';
import { SapiHttpError } from './sapi-errors.js';

/** Throws 415 unless `accept` (an Accept header) admits `media` in a version this server speaks. */
export function checkAccept(accept: string | undefined, media: MediaType): void {
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return;
  const ours = ranges.filter((r) => r.type === media);
  if (ours.length > 0) {
    if (
      ours.some(
        (r) => r.params.version === undefined || versionAccepted(r.params.version, ACCEPTED_VERSION[media]),
      )
    )
      return;
    throw new SapiHttpError(
      415,
      `${media} version ${ours[0]!.params.version} is not supported; this server speaks version 3.0.0`,
    );
  }
  if (ranges.some((r) => r.type === '*/*' || r.type === 'application/*' || r.type === 'application/json'))
    return;
  throw new SapiHttpError(
    415,
    `cannot respond with ${ranges.map((r) => r.type).join(', ')}; this resource is ${media}`,
  );
}

/** Adds the negotiation hook to `app`: routes without `config.sapiMedia` are left alone. */
export function addContentNegotiation(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    const media = req.routeOptions.config.sapiMedia;
    if (media === undefined) return;
    checkAccept(req.headers.accept, media);
    reply.type(contentTypeHeader(media));
  });
}
