/**
 * Everything that is not an API route: the built front end (./static-files.ts) with the app shell at /, /lab
 * and /explainer; unknown API routes answer JSON 404, other methods than GET/HEAD 405, missing pages an HTML
 * page for browsers and JSON for everyone else. Installed as the app's not-found handler.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, HttpError } from '../http-error.js';
import type { StaticFiles } from '../static-files.js';

function htmlPage(status: number, title: string, message: string): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${status} ${esc(title)} · qaxai</title>
<style>body{font:16px system-ui,sans-serif;max-width:40rem;margin:4rem auto;color:#222}code{background:#eee;padding:0 .2em}</style></head>
<body><h1>${status} ${esc(title)}</h1><p>${esc(message)}</p><p><a href="/">The explainer</a> · <a href="/lab">The anneal lab</a></p></body></html>\n`;
}

function serveStatic(ui: StaticFiles, req: FastifyRequest, reply: FastifyReply, path: string): void {
  const page =
    path === '/' || path === '/lab' || path === '/lab/' || path === '/explainer' ? '/index.html' : path;
  const r = ui.lookup(page);
  if (r.kind === 'file') {
    reply.header('cache-control', r.file.cache).header('last-modified', r.file.mtime.toUTCString());
    reply.header('x-content-type-options', 'nosniff');
    reply.type(r.file.type).header('content-length', r.file.size);
    if (req.method === 'HEAD') reply.send();
    else reply.send(ui.stream(r.file));
    return;
  }
  const wantsHtml = (req.headers.accept ?? '').includes('text/html');
  const status = r.kind === 'forbidden' ? 403 : 404;
  const message =
    r.kind === 'forbidden'
      ? `the path is refused (${r.why}); files are served only from the app's own folder`
      : !ui.available && page === '/index.html'
        ? `the front end is not built: ${ui.root} has no index.html (run npm run build)`
        : `no such page: ${path}`;
  if (wantsHtml)
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(htmlPage(status, status === 403 ? 'Forbidden' : 'Not found', message));
  else
    reply
      .code(status)
      .type('application/json')
      .send(errorBody(new HttpError(status, message)));
}

export function setStaticPages(app: FastifyInstance, ui: StaticFiles): void {
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    if (path.startsWith('/api/') || path === '/api') {
      reply.code(404).send(errorBody(new HttpError(404, `no API route ${req.method} ${path}`)));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      reply.code(405).send(errorBody(new HttpError(405, `${req.method} is not allowed on ${path}`)));
      return;
    }
    serveStatic(ui, req, reply, path);
  });
}
