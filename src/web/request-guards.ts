/**
 * Checks on every request from its headers alone, before routing work is done:
 * - Host: when the server is bound to one address, only Host headers naming it are answered (421), so other
 *   web sites cannot reach it through DNS rebinding;
 * - Origin: a state-changing request (POST, PUT, PATCH, DELETE) sent by a browser from another site is
 *   refused (403): its Origin header (or, without one, its Referer) must be this server's own origin.
 *   Requests with neither header (curl, scripts, the CLI) are not a browser's cross-site requests and pass;
 * - uploads: a multipart body whose Content-Length is past the upload limit is refused before it is read (413).
 */

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatBytes, HttpError } from './http-error.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface GuardOptions {
  /** The Host headers answered (undefined: any, when the server listens on every interface). */
  allowedHosts: () => ReadonlySet<string> | undefined;
  /** Upload limit per file, bytes. */
  uploadBytes: number;
}

/** The origin (scheme://host[:port]) of a URL, or undefined when it is not one. */
function originOf(url: string): string | undefined {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? undefined : o;
  } catch {
    return undefined;
  }
}

/** Refuses a browser's cross-site state-changing request: 403 naming the foreign origin. */
function checkOrigin(req: FastifyRequest): void {
  if (!STATE_CHANGING.has(req.method)) return;
  const origin = req.headers.origin;
  const referer = req.headers.referer;
  if (origin === undefined && referer === undefined) return;
  const own = originOf(`http://${req.headers.host ?? ''}`);
  const header = origin !== undefined ? 'Origin' : 'Referer';
  const given = (origin ?? referer)!;
  const theirs = originOf(given);
  if (own !== undefined && theirs === own) return;
  throw new HttpError(
    403,
    `cross-origin ${req.method} refused: the ${header} ${JSON.stringify(given)} is not this server (${own ?? 'unknown'}); state-changing requests are taken only from the app's own pages or from clients that send no Origin`,
  );
}

export function addRequestGuards(app: FastifyInstance, o: GuardOptions): void {
  app.addHook('onRequest', async (req) => {
    const hosts = o.allowedHosts();
    if (hosts) {
      const host = (req.headers.host ?? '').toLowerCase();
      if (!hosts.has(host))
        throw new HttpError(421, `Host ${JSON.stringify(host)} is not this server; open ${[...hosts][0]}`);
    }
    checkOrigin(req);
    const len = Number(req.headers['content-length'] ?? 0);
    if (
      req.url.startsWith('/api/') &&
      (req.headers['content-type'] ?? '').startsWith('multipart/') &&
      len > o.uploadBytes + 64 * 1024
    )
      throw new HttpError(
        413,
        `upload too large: ${formatBytes(len)}; the limit is ${formatBytes(o.uploadBytes)} per file`,
        { field: 'file' },
      );
  });
}
