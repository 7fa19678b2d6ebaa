/**
 * How the SAPI server meets hostile or malformed requests: the token is checked from the headers before any
 * body is read, decompressed or parsed (a 60 MiB upload or a deflate bomb without a token costs nothing);
 * a decompressed body past the limit is refused as soon as it passes it; malformed percent-encoding in a path
 * is a 400, not a bug; methods a resource does not take are 405.
 */

import { request } from 'node:http';
import { deflateSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeQpu } from './helpers/fake-qpu.js';
import { type Harness, startHarness, TOKEN } from './helpers/setup.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ FAKE_QPU: new FakeQpu() }, { maxBodyBytes: 1024 * 1024 });
});
afterAll(async () => {
  await h.server.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Milliseconds from sending the headers to the end of the response. */
  ms: number;
  /** Body bytes written when the response ended. */
  sent: number;
}

/**
 * Sends a request with `declaredLength` in Content-Length, writing `chunks` one per event-loop turn and
 * stopping as soon as the response has arrived (the rest of the body is never sent).
 */
function send(
  method: string,
  path: string,
  headers: Record<string, string | number>,
  chunks: Buffer[] = [],
  declaredLength?: number,
): Promise<Answer> {
  const url = new URL(path, h.server.endpoint);
  const total = chunks.reduce((n, c) => n + c.length, 0);
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    let sent = 0;
    let answered = false;
    const req = request(
      url,
      { method, headers: { ...headers, 'Content-Length': declaredLength ?? total } },
      (res) => {
        answered = true;
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ms: Date.now() - t0, sent }),
        );
      },
    );
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    const next = (i: number) => {
      if (answered || i >= chunks.length) return;
      req.write(chunks[i]!, () => {
        sent += chunks[i]!.length;
        setImmediate(() => next(i + 1));
      });
    };
    req.flushHeaders();
    next(0);
  });
}

const MiB = 1024 * 1024;

describe('authentication comes before the body', () => {
  it('an unauthenticated 60 MiB POST is refused with 401 after its first chunks, the body never read', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    // 960 chunks would be 60 MiB; the server must answer long before they are sent
    const chunks = Array.from({ length: 960 }, () => chunk);
    const accepted = h.server.store.accepted;
    const r = await send(
      'POST',
      'problems/',
      { 'Content-Type': 'application/json', 'X-Auth-Token': 'wrong-token-123' },
      chunks,
      60 * MiB,
    );
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toEqual({ error_code: 401, error_msg: 'Invalid token or access denied.' });
    expect(r.headers.connection).toBe('close');
    expect(r.sent).toBeLessThan(8 * MiB);
    expect(r.ms).toBeLessThan(2000);
    expect(h.server.store.accepted).toBe(accepted);
  });

  it('an unauthenticated body that never ends still gets its 401', async () => {
    const r = await send(
      'POST',
      'problems/',
      { 'Content-Type': 'application/json', 'Content-Encoding': 'deflate' },
      [deflateSync(Buffer.alloc(1024, 0x20)).subarray(0, 10)],
      64 * 1024,
    );
    expect(r.status).toBe(401);
    expect(r.ms).toBeLessThan(2000);
  });

  it('no JSON is parsed for an unauthenticated request; the same body with the token is parsed', async () => {
    const body = Buffer.from(JSON.stringify([{ solver: { name: 'FAKE_QPU' }, type: 'ising' }]));
    const parse = vi.spyOn(JSON, 'parse');
    const refused = await send('POST', 'problems/', { 'Content-Type': 'application/json' }, [body]);
    expect(refused.status).toBe(401);
    expect(parse).not.toHaveBeenCalled();
    const allowed = await send(
      'POST',
      'problems/',
      { 'Content-Type': 'application/json', 'X-Auth-Token': TOKEN },
      [body],
    );
    expect(allowed.status).toBe(200);
    expect(parse).toHaveBeenCalled();
  });

  it('an unauthenticated deflate bomb (64 KB -> 64 MiB) is refused without being inflated', async () => {
    const bomb = deflateSync(Buffer.alloc(64 * MiB, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(128 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const r = await send(
      'POST',
      'problems/',
      { 'Content-Type': 'application/json', 'Content-Encoding': 'deflate' },
      [bomb],
    );
    expect(r.status).toBe(401);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * MiB);
  });
});

describe('bodies with a token', () => {
  it('a deflate bomb is refused with 413 once its output passes the limit (1 MiB here)', async () => {
    const bomb = deflateSync(Buffer.alloc(64 * MiB, 0x20), { level: 9 });
    const before = process.memoryUsage().arrayBuffers;
    const r = await send(
      'POST',
      'problems/',
      { 'Content-Type': 'application/json', 'Content-Encoding': 'deflate', 'X-Auth-Token': TOKEN },
      [bomb],
    );
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error_msg).toBe('request body larger than 1048576 bytes after decompression');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * MiB);
  });

  it('a compressed body larger than the limit is refused from its Content-Length', async () => {
    const r = await send(
      'POST',
      'problems/',
      { 'Content-Type': 'application/json', 'X-Auth-Token': TOKEN },
      [Buffer.alloc(16)],
      2 * MiB,
    );
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error_msg).toBe('request body larger than 1048576 bytes');
  });

  it('raw deflate and gzip bodies are read; an unknown Content-Encoding is 415; broken data is 400', async () => {
    const { deflateRawSync, gzipSync } = await import('node:zlib');
    const json = Buffer.from(JSON.stringify(['no-such-id']));
    const headers = { 'Content-Type': 'application/json', 'X-Auth-Token': TOKEN };
    for (const [enc, data] of [
      ['deflate', deflateRawSync(json)],
      ['gzip', gzipSync(json)],
    ] as const) {
      const r = await send('DELETE', 'problems/', { ...headers, 'Content-Encoding': enc }, [data]);
      expect(r.status, enc).toBe(200);
      expect(JSON.parse(r.body)).toEqual([
        { error_code: 404, error_msg: 'Problem does not exist: no-such-id' },
      ]);
    }
    const br = await send('DELETE', 'problems/', { ...headers, 'Content-Encoding': 'br' }, [json]);
    expect(br.status).toBe(415);
    expect(JSON.parse(br.body).error_msg).toMatch(/Content-Encoding br is not supported/);
    const broken = await send('DELETE', 'problems/', { ...headers, 'Content-Encoding': 'gzip' }, [json]);
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body).error_msg).toMatch(/the gzip body could not be decompressed/);
  });
});

describe('malformed paths and methods', () => {
  it('malformed percent-encoding in an id is a 400 in SAPI shape, with no stack in the log', async () => {
    const mark = h.logs.length;
    for (const path of ['problems/%ZZ', 'problems/%ZZ/info', 'solvers/remote/%E0%A4%A']) {
      const r = await send('GET', path, { 'X-Auth-Token': TOKEN });
      expect(r.status, path).toBe(400);
      expect(JSON.parse(r.body)).toEqual({
        error_code: 400,
        error_msg: 'the request path is not valid percent-encoding',
      });
    }
    const lines = h.logs.slice(mark);
    expect(lines.length).toBe(3);
    for (const line of lines) {
      expect(line).toMatch(/-> 400$/);
      expect(line).not.toMatch(/internal error|\n\s+at /);
    }
  });

  it('percent-encoded ids and solver names are decoded once', async () => {
    const r = await send('GET', 'problems/a%2Fb', { 'X-Auth-Token': TOKEN });
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body).error_msg).toBe('Problem does not exist or apitoken does not have access: a/b');
  });

  it('methods a resource does not take are 405; paths outside the API are 404 without a token', async () => {
    const put = await send('PUT', 'problems/', { 'X-Auth-Token': TOKEN });
    expect(put.status).toBe(405);
    expect(JSON.parse(put.body).error_msg).toBe('PUT is not allowed on problems/');
    const post = await send('POST', 'solvers/remote/FAKE_QPU', { 'X-Auth-Token': TOKEN });
    expect(post.status).toBe(405);
    const outside = await send('GET', '/elsewhere', {});
    expect(outside.status).toBe(404);
    expect(JSON.parse(outside.body).error_msg).toBe('not a SAPI path; the API is under /sapi/v2/');
    const inside = await send('GET', 'nothing-here', {});
    expect(inside.status).toBe(401);
  });
});
