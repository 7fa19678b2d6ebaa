/**
 * The web app's checks from headers: state-changing requests from another site's pages are refused (403)
 * by their Origin, or their Referer when they carry no Origin, while requests with neither (curl, the CLI)
 * and the app's own pages pass; a path with malformed percent-encoding is a 400 in the app's error shape.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startWebServer } from '../../src/web/server.js';

let server: RunningServer;
let host: string;

beforeAll(async () => {
  server = await startWebServer({ port: 0, workers: 1 });
  host = new URL(server.url).host;
});
afterAll(async () => {
  await server?.close();
});

function generate(headers: Record<string, string>) {
  return server.app.inject({
    method: 'POST',
    url: '/api/problems/generate',
    headers: { host, 'content-type': 'application/json', ...headers },
    payload: JSON.stringify({ kind: 'ferromagnetic-ring', n: 3 }),
  });
}

function multipartModel(headers: Record<string, string>) {
  const boundary = 'qaxai-test-boundary';
  const model = JSON.stringify({ vartype: 'SPIN', h: { a: 1 }, J: {} });
  const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.json"\r\nContent-Type: application/json\r\n\r\n${model}\r\n--${boundary}--\r\n`;
  return server.app.inject({
    method: 'POST',
    url: '/api/problems',
    headers: { host, 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers },
    payload,
  });
}

describe('cross-origin requests', () => {
  it('a multipart POST from another origin is refused with 403 naming it; from our own origin it is taken', async () => {
    const evil = await multipartModel({ origin: 'http://evil.example' });
    expect(evil.statusCode).toBe(403);
    const err = evil.json().error;
    expect(err.status).toBe(403);
    expect(err.message).toMatch(
      /cross-origin POST refused: the Origin "http:\/\/evil\.example" is not this server/,
    );
    const ours = await multipartModel({ origin: `http://${host}` });
    expect(ours.statusCode).toBe(201);
    expect(ours.json().numVariables).toBe(1);
  });

  it('without Origin the Referer decides; with neither header the request passes (curl, the CLI)', async () => {
    expect((await generate({ referer: 'http://evil.example/page.html' })).statusCode).toBe(403);
    expect((await generate({ referer: `http://${host}/lab` })).statusCode).toBe(201);
    expect((await generate({})).statusCode).toBe(201);
  });

  it('opaque, malformed and look-alike origins are refused; DELETE and PUT are checked too', async () => {
    for (const origin of ['null', 'not a url', `https://${host}`, `http://${host}.evil.example`])
      expect((await generate({ origin })).statusCode, origin).toBe(403);
    const del = await server.app.inject({
      method: 'DELETE',
      url: '/api/jobs/some-id',
      headers: { host, origin: 'http://evil.example' },
    });
    expect(del.statusCode).toBe(403);
    const put = await server.app.inject({
      method: 'PUT',
      url: '/api/jobs/some-id',
      headers: { host, origin: 'http://evil.example' },
    });
    expect(put.statusCode).toBe(403);
  });

  it('reads (GET) from another origin are not refused by this check', async () => {
    const r = await server.app.inject({
      method: 'GET',
      url: '/api/schedules/linear',
      headers: { host, origin: 'http://evil.example' },
    });
    expect(r.statusCode).toBe(200);
  });
});

describe('malformed paths', () => {
  it('malformed percent-encoding is a 400 with the app error shape, for API and page paths', async () => {
    for (const url of ['/api/problems/%ZZ', '/api/jobs/%E0%A4%A/result', '/%ZZ']) {
      const r = await server.app.inject({ method: 'GET', url, headers: { host } });
      expect(r.statusCode, url).toBe(400);
      expect(r.json()).toEqual({
        error: { code: 'QA_HTTP', message: 'the request path is not valid percent-encoding', status: 400 },
      });
    }
  });
});
