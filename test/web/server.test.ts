/**
 * Server-level tests of `qaxai serve` (src/web): request validation (400 naming the field), size limits (413
 * naming the limit), path traversal and Host checks, the job lifecycle over HTTP (submit, SSE progress, result,
 * CSV and dimod downloads), cancellation, and the bounded queue (503). Jobs run in real worker threads, so the
 * compiled worker (dist/) must exist: `npm test` builds first.
 */

import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startWebServer } from '../../src/web/server.js';
import { StaticFiles } from '../../src/web/static-files.js';

let server: RunningServer;
let base: string;
let uiDir: string;

async function json(path: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const res = await fetch(base + path, init);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** GET with the path sent exactly as given. */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const post = (path: string, body: unknown) =>
  json(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Reads SSE events from a job until `end`. */
async function events(id: string): Promise<{ event: string; data: any }[]> {
  const res = await fetch(`${base}/api/jobs/${id}/events`);
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const out: { event: string; data: any }[] = [];
  const dec = new TextDecoder();
  let buf = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buf += dec.decode(chunk, { stream: true });
    let k: number;
    while ((k = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, k);
      buf = buf.slice(k + 2);
      const ev = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (ev && data) out.push({ event: ev, data: JSON.parse(data) });
    }
  }
  return out;
}

beforeAll(async () => {
  uiDir = mkdtempSync(join(tmpdir(), 'qaxai-ui-'));
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>qaxai test</title>');
  mkdirSync(join(uiDir, 'assets'));
  writeFileSync(join(uiDir, 'assets', 'app.js'), 'console.log(1)');
  const secret = mkdtempSync(join(tmpdir(), 'qaxai-secret-'));
  writeFileSync(join(secret, 'secret.txt'), 'secret');
  symlinkSync(join(secret, 'secret.txt'), join(uiDir, 'link.txt'));
  server = await startWebServer({
    port: 0,
    uiDir,
    workers: 1,
    maxQueued: 2,
    uploadLimit: 64 * 1024,
    bodyLimit: 64 * 1024,
  });
  base = server.url.replace(/\/$/, '');
});

afterAll(async () => {
  await server?.close();
});

describe('static files and errors', () => {
  it('serves the app shell at / and /lab and hashed assets with long caching', async () => {
    for (const p of ['/', '/lab']) {
      const r = await fetch(base + p);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/text\/html/);
      expect(await r.text()).toContain('qaxai test');
    }
    const a = await fetch(`${base}/assets/app.js`);
    expect(a.status).toBe(200);
    expect(a.headers.get('cache-control')).toMatch(/immutable/);
  });

  it('refuses traversal attempts and links leaving the root', async () => {
    const ui = new StaticFiles(uiDir);
    for (const p of [
      '/../secret.txt',
      '/assets/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/a\\..\\b',
      '/x%00.html',
    ])
      expect(ui.lookup(p).kind, p).toBe('forbidden');
    expect(ui.lookup('/link.txt').kind).toBe('forbidden');
    expect(ui.lookup('/.hidden').kind).toBe('missing');
    // over HTTP with raw request paths (fetch would normalise them)
    for (const raw of [
      '/../../../etc/passwd',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f..%2f..%2fetc%2fpasswd',
    ]) {
      const r = await rawGet(raw);
      expect(r.status, raw).toBeGreaterThanOrEqual(400);
      expect(r.body).not.toContain('root:');
    }
    expect((await rawGet('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(403);
    expect((await fetch(`${base}/link.txt`)).status).toBe(403);
  });

  it('answers unknown pages with an HTML error page and unknown API routes with JSON', async () => {
    const r = await fetch(`${base}/nope.html`, { headers: { accept: 'text/html' } });
    expect(r.status).toBe(404);
    expect(await r.text()).toMatch(/404 Not found/);
    const j = await json('/api/nope');
    expect(j.status).toBe(404);
    expect(j.body.error.message).toMatch(/no API route GET \/api\/nope/);
  });

  it('refuses foreign Host headers (DNS rebinding)', async () => {
    const res = await server.app.inject({
      method: 'GET',
      url: '/api/info',
      headers: { host: 'evil.example:80' },
    });
    expect(res.statusCode).toBe(421);
  });
});

describe('validation and limits', () => {
  it('lists samplers, schedules and generators', async () => {
    const { status, body } = await json('/api/info');
    expect(status).toBe(200);
    expect(body.samplers.map((s: { name: string }) => s.name)).toContain('exact');
    expect(body.schedules.map((s: { name: string }) => s.name)).toContain('linear');
    const sch = await json(`/api/schedules/${encodeURIComponent(body.schedules[1].name)}`);
    expect(sch.body.A.length).toBe(sch.body.s.length);
    expect((await json('/api/schedules/nope')).status).toBe(404);
  });

  it('400s name the field', async () => {
    const cases: [string, unknown, string][] = [
      ['/api/problems/generate', { kind: 'nope' }, 'kind'],
      ['/api/problems/generate', { kind: 'spin-glass', n: 1000 }, 'n'],
      ['/api/problems/generate', { kind: 'spin-glass', n: 4, extra: 1 }, 'extra'],
      ['/api/jobs/gap', {}, 'problem'],
      ['/api/jobs/gap', { problem: { vartype: 'SPIN', h: { a: 1 } }, points: 2 }, 'points'],
      ['/api/jobs/gap', { problem: { vartype: 'SPIN', h: { a: 1 } }, schedule: 'nope' }, 'schedule'],
      [
        '/api/jobs/anneal',
        { problem: { vartype: 'SPIN', h: { a: 1 } }, path: { kind: 'pause', duration: 1 } },
        'path.sPause',
      ],
      [
        '/api/jobs/anneal',
        { problem: { vartype: 'SPIN', h: { a: 1 } }, path: { kind: 'forward', duration: -1 } },
        'path.duration',
      ],
      ['/api/jobs/study', { problem: { vartype: 'SPIN', h: { a: 1 } }, durations: [1, 'x'] }, 'durations[1]'],
      [
        '/api/jobs/sample',
        { problem: { vartype: 'SPIN', h: { a: 1 } }, sampler: 'exact', params: { num_states: 0 } },
        'params.num_states',
      ],
      [
        '/api/jobs/sample',
        { problem: { vartype: 'SPIN', h: { a: 1 } }, sampler: 'exact', params: { bogus: 1 } },
        'params.bogus',
      ],
      ['/api/jobs/sample', { problem: { vartype: 'SPIN', h: { a: 'x' } } }, 'problem.h.a'],
      [
        '/api/jobs/explain',
        { image: { embedded: 0 }, sampler: 'exact', samplerParams: { beta: 1 } },
        'samplerParams.beta',
      ],
      [
        '/api/jobs/explain',
        { image: { embedded: 0 }, sampler: 'pimc', samplerParams: { num_slices: 1 } },
        'samplerParams.num_slices',
      ],
      ['/api/jobs/explain', { image: {} }, 'image.embedded'],
      ['/api/jobs/explain', { image: { embedded: 0 }, dt: 100 }, 'dt'],
      ['/api/jobs/explain', { image: { embedded: 0 }, sampler: 'nope' }, 'sampler'],
    ];
    for (const [url, body, field] of cases) {
      const r = await post(url, body);
      expect(r.status, `${url} ${JSON.stringify(body)}`).toBe(400);
      expect(r.body.error.field, JSON.stringify(r.body)).toBe(field);
      expect(r.body.error.message.length).toBeGreaterThan(field.length + 5);
    }
    const big = await post('/api/problems/generate', { kind: 'spin-glass', n: 30 });
    const tooBig = await post('/api/jobs/gap', { problem: big.body.id });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.message).toMatch(/at most 20/);
    const unknown = await post('/api/jobs/gap', { problem: 'no-such-id' });
    expect(unknown.status).toBe(404);
    const badJson = await fetch(`${base}/api/jobs/gap`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    expect(badJson.status).toBe(400);
    expect((await post('/api/jobs/nope', {})).status).toBe(404);
  });

  it('JSON bodies are read strictly: the labels keep their order, duplicate keys are refused', async () => {
    // a raw body: JSON.stringify of a JS object would already have moved the integer-like keys
    const text =
      '{"document": {"vartype": "SPIN", "h": {"7": 1, "2": -1, "100": 0.5, "-3": 0, "42": 1}, "J": {}}}';
    const ok = await json('/api/problems', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: text,
    });
    expect(ok.status).toBe(201);
    expect(ok.body.labels).toEqual(['7', '2', '100', '-3', '42']);
    // a job keeps them too (the worker used to rebuild the model from the dimod document, labels sorted)
    const s = await post('/api/jobs/sample?wait=1', { problem: ok.body.id, sampler: 'exact' });
    expect(s.body.job.status).toBe('done');
    const csv = await (await fetch(`${base}/api/jobs/${s.body.job.id}/result.csv`)).text();
    expect(csv.split('\n')[0]).toBe('7,2,100,-3,42,energy,num_occurrences');
    const dup = await json('/api/problems', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"document": {"vartype": "SPIN", "h": {"a": 1, "a": 2}, "J": {}}}',
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error.message).toMatch(/duplicate/);
  });

  it('413s name the limit; uploads are checked by content', async () => {
    const r = await post('/api/jobs/gap', {
      problem: { vartype: 'SPIN', h: { a: 1 } },
      pad: 'x'.repeat(70 * 1024),
    });
    expect(r.status).toBe(413);
    expect(r.body.error.message).toMatch(/64 KiB/);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(80 * 1024)]), 'big.png');
    const u = await json('/api/uploads/image', { method: 'POST', body: form });
    expect(u.status).toBe(413);
    expect(u.body.error.message).toMatch(/64 KiB/);
    const f2 = new FormData();
    f2.append('file', new Blob(['not an image']), '../../etc/evil.png');
    const bad = await json('/api/uploads/image', { method: 'POST', body: f2 });
    expect(bad.status).toBe(415);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    const f3 = new FormData();
    f3.append('file', new Blob([png]), '../../etc/x.png');
    const ok = await json('/api/uploads/image', { method: 'POST', body: f3 });
    expect(ok.status).toBe(201);
    expect(ok.body.name).toBe('x.png');
  });

  it('uploads a model file in any format and downloads it as dimod JSON', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([JSON.stringify({ vartype: 'BINARY', Q: { 'a,a': -1, 'a,b': 2, 'b,b': -1 } })]),
      'q.json',
    );
    const r = await json('/api/problems', { method: 'POST', body: form });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      format: 'simple',
      vartype: 'BINARY',
      numVariables: 2,
      numInteractions: 1,
    });
    const d = await json(`/api/problems/${r.body.id}/dimod.json`);
    expect(d.body.type).toBe('BinaryQuadraticModel');
    const bad = new FormData();
    bad.append('file', new Blob(['{"vartype":"SPIN","h":{"a":NaN}}']), 'bad.json');
    const b = await json('/api/problems', { method: 'POST', body: bad });
    expect(b.status).toBe(400);
  });
});

describe('jobs', () => {
  it('runs a gap job with SSE progress, then serves JSON and CSV', async () => {
    const p = await post('/api/problems/generate', { kind: 'ferromagnetic-ring', n: 4 });
    const sub = await post('/api/jobs/gap', { problem: p.body.id, points: 21 });
    expect(sub.status).toBe(202);
    const evs = await events(sub.body.job.id);
    expect(evs.at(-1)!.event).toBe('end');
    expect(evs.at(-1)!.data.status).toBe('done');
    const r = await json(`/api/jobs/${sub.body.job.id}/result`);
    expect(r.body).toMatchObject({ n: 4, units: 'dimensionless', groundDegeneracy: 1 });
    expect(r.body.s).toHaveLength(21);
    expect(r.body.minGap).toBeGreaterThan(0);
    const csv = await (await fetch(`${base}/api/jobs/${sub.body.job.id}/result.csv`)).text();
    expect(csv.split('\n')[0]).toMatch(/^s,E0,E1/);
    expect(csv.trim().split('\n')).toHaveLength(22);
  });

  it('an engine refusal of the model names the request field problem (the engine says model)', async () => {
    // eight free variables: a 256-fold degenerate ground level, past what the gap search computes
    const h = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`x${i}`, 0]));
    const r = await post('/api/jobs/gap?wait=1', { problem: { vartype: 'SPIN', h, J: {} }, points: 11 });
    expect(r.status).toBe(400);
    expect(r.body.job.status).toBe('failed');
    expect(r.body.error.field).toBe('problem');
    expect(r.body.error.message).toMatch(/256-fold degenerate/);
  });

  it('streams progress events for a longer job and a sample job yields a dimod SampleSet', async () => {
    const p = await post('/api/problems/generate', { kind: 'random-field-chain', n: 6, seed: 2 });
    const sub = await post('/api/jobs/study', { problem: p.body.id, durations: [1, 2, 4] });
    const evs = await events(sub.body.job.id);
    expect(evs.filter((e) => e.event === 'progress').length).toBeGreaterThan(0);
    const r = await json(`/api/jobs/${sub.body.job.id}/result`);
    expect(r.body.rows).toHaveLength(3);
    for (const row of r.body.rows) expect(row.successProbability).toBeGreaterThan(0);
    const s = await post('/api/jobs/sample?wait=1', {
      problem: p.body.id,
      sampler: 'exact',
      params: { num_states: 4 },
    });
    expect(s.body.job.status).toBe('done');
    const ss = await json(`/api/jobs/${s.body.job.id}/sampleset.json`);
    expect(ss.body).toMatchObject({ type: 'SampleSet', num_rows: 4 });
    const csv = await (await fetch(`${base}/api/jobs/${s.body.job.id}/result.csv`)).text();
    expect(csv.split('\n')[0]).toBe('0,1,2,3,4,5,energy,num_occurrences');
  });

  it('cancels a running job and frees its worker; a full queue answers 503', async () => {
    const p = await post('/api/problems/generate', { kind: 'spin-glass', n: 16, seed: 5 });
    const long = await post('/api/jobs/gap', { problem: p.body.id, points: 1001 });
    expect(long.status).toBe(202);
    // one running, two queued (maxQueued 2), the next is refused
    const q1 = await post('/api/jobs/gap', { problem: p.body.id, points: 1001 });
    const q2 = await post('/api/jobs/gap', { problem: p.body.id, points: 1001 });
    const full = await post('/api/jobs/gap', { problem: p.body.id });
    expect(full.status).toBe(503);
    expect(full.body.error.message).toMatch(/queue is full/);
    expect((await json(`/api/jobs/${q2.body.job.id}`)).body.job.queuePosition).toBe(2);
    for (const j of [q1, q2])
      expect((await json(`/api/jobs/${j.body.job.id}`, { method: 'DELETE' })).body.cancelled).toBe(true);
    const t0 = Date.now();
    const del = await json(`/api/jobs/${long.body.job.id}`, { method: 'DELETE' });
    expect(del.status).toBe(202);
    const evs = await events(long.body.job.id);
    expect(evs.at(-1)!.data.status).toBe('cancelled');
    expect(Date.now() - t0).toBeLessThan(8000);
    const res = await json(`/api/jobs/${long.body.job.id}/result`);
    expect(res.status).toBe(409);
    // the worker is free again
    const small = await post('/api/problems/generate', { kind: 'ferromagnetic-ring', n: 3 });
    // an engine's refusal comes back with its status when waiting
    const refused = await post('/api/jobs/anneal?wait=1', {
      problem: small.body.id,
      path: { kind: 'reverse', sTarget: 0.5, initialState: [1] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.job.status).toBe('failed');
    expect(refused.body.error.field).toBe('path.initialState');
    const after = await post('/api/jobs/anneal?wait=1', { problem: small.body.id });
    expect(after.body.job.status).toBe('done');
    expect(after.body.result.successProbability).toBeGreaterThan(0);
    // the gpu.js backend (WebAssembly on a machine without a GPU) gives the same answer to float32 accuracy
    const onGpu = await post('/api/jobs/anneal?wait=1', { problem: small.body.id, backend: 'gpu' });
    expect(onGpu.body.job.status).toBe('done');
    expect(onGpu.body.result.kernel).toMatch(/^gpu\.js:(webgpu|webasm)$/);
    expect(onGpu.body.result.successProbability).toBeCloseTo(after.body.result.successProbability, 4);
    expect(
      (await post('/api/jobs/anneal', { problem: small.body.id, backend: 'tpu' })).body.error.field,
    ).toBe('backend');
  });
});
