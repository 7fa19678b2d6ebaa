/**
 * The web app's use of the sampler registry (src/web/samplers.ts): GET /api/info lists every sampler with its
 * parameters without building one, and a request body can never make the server read a local file: a
 * `solver` that names a file is a 400 naming `solver`, even when the file exists and would be valid.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { webSamplers } from '../../src/web/samplers.js';
import { buildWebApp, type WebApp } from '../../src/web/server.js';

let web: WebApp;
const create = webSamplers.entries().map((e) => vi.spyOn(e, 'create'));
const dir = mkdtempSync(join(tmpdir(), 'qaxai-web-registry-'));
/** A valid Leap solver description on disk (Advantage_system4.1 with two working qubits). */
const description = join(dir, 'solver.json');
const problem = { vartype: 'SPIN', h: { a: 1 } };

beforeAll(async () => {
  writeFileSync(
    description,
    JSON.stringify({
      identity: { name: 'Advantage_system4.1' },
      properties: { topology: { type: 'pegasus', shape: [16] }, qubits: [30, 31], couplers: [[30, 31]] },
    }),
  );
  web = await buildWebApp({ uiDir: dir, workers: 1 });
});
afterAll(async () => {
  await web.close();
  vi.restoreAllMocks();
});

const post = (url: string, payload: unknown) =>
  web.app.inject({ method: 'POST', url, payload: payload as object });

describe('the web app and the sampler registry', () => {
  it('lists every registered sampler with its parameters and builds none', async () => {
    const res = await web.app.inject({ method: 'GET', url: '/api/info' });
    expect(res.statusCode).toBe(200);
    const samplers = res.json().samplers as { name: string; parameters: Record<string, unknown> }[];
    expect(samplers.map((s) => s.name)).toEqual(webSamplers.names);
    expect(webSamplers.names).toEqual(expect.arrayContaining(['exact', 'statevector', 'qpu-sim', 'leap']));
    for (const s of samplers) expect(Object.keys(s.parameters).length, s.name).toBeGreaterThan(0);
    expect(Object.keys(samplers.find((s) => s.name === 'leap')!.parameters)).toContain('label');
    // validating a request's parameters uses the data too
    const ok = await post('/api/jobs/sample', {
      problem,
      sampler: 'qpu-sim',
      solver: 'DW_2000Q_6',
      params: { num_reads: 10001 },
    });
    expect(ok.statusCode).toBe(400);
    expect(ok.json().error.field).toBe('params.num_reads');
    for (const spy of create) expect(spy).not.toHaveBeenCalled();
  });

  it('refuses a solver that names a file (400 naming solver) and reads none', async () => {
    for (const solver of [description, '/etc/x.json', 'solver.json', '../x']) {
      const res = await post('/api/jobs/sample', { problem, sampler: 'qpu-sim', solver });
      expect(res.statusCode, solver).toBe(400);
      expect(res.json().error.field).toBe('solver');
      expect(res.json().error.message).toMatch(/names a file; the web app reads no files for a request/);
    }
    const leap = await post('/api/jobs/sample', { problem, sampler: 'leap', solver: description });
    expect(leap.statusCode).toBe(400);
    expect(leap.json().error.field).toBe('solver');
    // the registry the web app lends its samplers has no file reader at all
    expect(webSamplers.env.readTextFile).toBeUndefined();
    for (const spy of create) expect(spy).not.toHaveBeenCalled();
  });
});
