/**
 * The request sequences of two generations of dwave-cloud-client, replayed against the SAPI server over qpu-sim
 * DW_2000Q_6 (test/fixtures/ocean-sapi: 0.10.6 recorded by running that client against serve-sapi, 0.14.4 the
 * same calls built from that client's source). Each response is checked the way that client reads it: the
 * status code, the media type and its version, and the fields it reads — 0.10.x wants solver `id`s and a
 * problem's `solver` as a name, 0.14 identities — and every answer is decoded and its energies recomputed from
 * the problem that was sent.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkContentType,
  MEDIA,
  type MediaType,
  parseMediaType,
} from '../../src/sapi/client/media-types.js';
import type { ProblemType } from '../../src/sapi/client/models.js';
import { decodeQpAnswer, decodeQpProblem, qpProblemToBqm } from '../../src/sapi/client/qp-coders.js';
import { type SapiServer, startSapiServer } from '../../src/sapi/server/server.js';
import { QpuSimulator } from '../../src/sim/qpu/qpu-simulator.js';
import { closeAllPools } from '../../src/sim/threads/pool.js';
import { repoRoot } from '../helpers/cli.js';

const TOKEN = 'ocean-traffic-t0ken-5d1e';
const SOLVER = 'DW_2000Q_6';

interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  token: boolean;
  body: unknown;
  recorded: { status: number; statuses: Record<string, string>; errorCodes?: number[] };
}

interface Traffic {
  client: string;
  solver: string;
  requests: RecordedRequest[];
}

function traffic(version: string): Traffic {
  const file = join(repoRoot, 'test', 'fixtures', 'ocean-sapi', `dwave-cloud-client-${version}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as Traffic;
}

// biome-ignore lint/suspicious/noExplicitAny: JSON replies are read field by field, as the clients read them
type Json = any;

let server: SapiServer;
beforeAll(async () => {
  server = await startSapiServer({
    solvers: { [SOLVER]: new QpuSimulator({ profile: SOLVER, threads: 1 }) },
    token: TOKEN,
  });
});
afterAll(async () => {
  await server.close();
  await closeAllPools();
});

/** The media type a resource answers with (the routes' table). */
function mediaOf(method: string, path: string): MediaType {
  if (path === 'solvers/remote/') return MEDIA.solverList;
  if (path.startsWith('solvers/remote/')) return MEDIA.solver;
  if (path === 'problems/') return MEDIA.problems;
  if (method === 'GET' && /^problems\/[^/]+\/answer$/.test(path)) return MEDIA.problemAnswer;
  return MEDIA.problem;
}

async function until(what: string, ok: () => boolean, timeoutMs = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Replays one client's sequence, checking every response as `generation` of the client reads it. */
async function replay(t: Traffic, generation: 2 | 3): Promise<void> {
  const entry = server.solvers.get(t.solver)!;
  const identity = entry.description.identity;
  const enc = entry.encoding;
  const numQubits = entry.description.properties.num_qubits;
  const ids: string[] = [];
  const submitted = new Map<string, { type: ProblemType; data: unknown; params: Record<string, unknown> }>();
  const resolve = (s: string) =>
    s
      .replace(/\{problem:(\d+)\}/g, (_, k) => ids[Number(k)] ?? `unknown-${k}`)
      .replace(/\{graph_id\}/g, identity.version!.graph_id!);
  const paramNames = new Set<string>();
  for (const r of t.requests)
    if (r.method === 'POST')
      for (const p of r.body as Array<{ params: object }>)
        for (const k of Object.keys(p.params)) paramNames.add(k);
  const expectSolverField = (s: unknown) => {
    if (generation === 2) expect(s).toBe(t.solver);
    else expect(s).toEqual(identity);
  };
  const expectStatus = (s: Json) => {
    expect(typeof s.id).toBe('string');
    expectSolverField(s.solver);
    expect(Number.isNaN(Date.parse(s.submitted_on))).toBe(false);
  };

  for (const [n, r] of t.requests.entries()) {
    const where = `${t.client} request ${n}: ${r.method} ${r.path}${r.query ? `?${r.query}` : ''}`;
    // a status read answers what the recording saw: wait for that state before asking (the replay runs faster)
    if (r.method === 'GET')
      for (const [ph, status] of Object.entries(r.recorded.statuses)) {
        const k = Number(/\d+/.exec(ph)![0]);
        if (ids[k] === undefined) continue;
        await until(`${where}: ${ph} ${status}`, () => server.store.get(ids[k]!)?.status === status);
      }
    const headers: Record<string, string> = { ...r.headers };
    if (r.token) headers['X-Auth-Token'] = TOKEN;
    let body: Buffer | undefined;
    if (r.body !== null) {
      body = Buffer.from(resolve(JSON.stringify(r.body)));
      if (r.headers['content-encoding'] === 'deflate') body = deflateSync(body);
    }
    const url = new URL(`${resolve(r.path)}${r.query ? `?${resolve(r.query)}` : ''}`, server.endpoint);
    const res = await fetch(url, { method: r.method, headers, ...(body ? { body } : {}) });
    const json: Json = await res.json();
    expect(res.status, `${where}: ${JSON.stringify(json).slice(0, 300)}`).toBe(r.recorded.status);

    // the representation: 0.14 checks it strictly, 0.10.x's Client takes what comes (2.x from this server)
    const media = mediaOf(r.method, resolve(r.path));
    const ct = res.headers.get('content-type');
    if (generation === 3) expect(checkContentType(ct, media), where).toBeUndefined();
    else
      expect(parseMediaType(ct ?? '')).toEqual({
        type: media,
        params: { version: '2.1.0', charset: 'utf-8' },
      });

    if (r.path.startsWith('solvers/remote/')) {
      const docs: Json[] = media === MEDIA.solverList ? json : [json];
      expect(docs).toHaveLength(1);
      const doc = docs[0];
      const filter = new URLSearchParams(r.query).get('filter');
      if (filter?.startsWith('none')) {
        expect(Object.keys(doc).sort(), where).toEqual(['avg_load', 'identity', 'status']);
        expect(doc.status).toBe('ONLINE');
        continue;
      }
      if (generation === 2) expect(doc.id, where).toBe(t.solver);
      else expect(doc.id, where).toBeUndefined();
      expect(doc.identity).toEqual(identity);
      if (filter) expect(doc.status, where).toBeUndefined();
      const p = doc.properties;
      expect(p.num_qubits).toBe(numQubits);
      expect(p.qubits).toHaveLength(enc.qubits.length);
      expect(p.supported_problem_types).toEqual(['ising', 'qubo']);
      // the client refuses locally any parameter the solver does not list (x_… excepted)
      for (const k of paramNames) if (!k.startsWith('x_')) expect(Object.keys(p.parameters), k).toContain(k);
      expect(p.anneal_offset_ranges).toHaveLength(numQubits);
      expect(typeof p.anneal_offset_step).toBe('number');
      expect(typeof p.anneal_offset_step_phi0).toBe('number');
      continue;
    }

    if (r.method === 'POST') {
      const sent = r.body as Array<{
        type: ProblemType;
        data: unknown;
        params: Record<string, unknown>;
        label?: string;
      }>;
      expect(json).toHaveLength(sent.length);
      json.forEach((s: Json, i: number) => {
        expectStatus(s);
        expect(s).toMatchObject({ status: 'PENDING', type: sent[i]!.type, label: sent[i]!.label ?? null });
        ids.push(s.id);
        submitted.set(s.id, sent[i]!);
      });
      continue;
    }

    if (r.method === 'DELETE') {
      const asked = JSON.parse(resolve(JSON.stringify(r.body))) as string[];
      expect(json).toHaveLength(asked.length);
      const codes: number[] = [];
      json.forEach((item: Json, i: number) => {
        if (typeof item.error_code === 'number') codes.push(item.error_code);
        else {
          expectStatus(item);
          expect(item.id).toBe(asked[i]);
        }
      });
      expect(codes).toEqual(r.recorded.errorCodes ?? []);
    }

    // statuses (a list, or one problem with its answer): the recorded states, the solver in the client's shape
    const statuses: Json[] = Array.isArray(json) ? json.filter((s: Json) => s.status) : [json];
    const seen = Object.fromEntries(statuses.map((s) => [s.id, s.status]));
    const want = Object.fromEntries(Object.entries(r.recorded.statuses).map(([ph, st]) => [resolve(ph), st]));
    expect(seen, where).toEqual(want);
    for (const s of statuses) {
      expectStatus(s);
      if (!(s.status === 'COMPLETED' && !Array.isArray(json))) {
        expect(s.answer, where).toBeUndefined();
        continue;
      }
      // problems/<id>/ of a completed problem: the answer as decode_qp(_numpy) reads it, energies recomputed
      const sub = submitted.get(s.id)!;
      const a = decodeQpAnswer(s.answer, sub.type);
      expect(a.numVariables).toBe(numQubits);
      const bqm = qpProblemToBqm(decodeQpProblem(enc, sub.data), sub.type, false);
      const rows = a.energies.length;
      const width = a.activeVariables.length;
      expect(width).toBe(bqm.numVariables);
      for (let row = 0; row < rows; row++) {
        const x = new Int8Array(width);
        a.activeVariables.forEach((q, c) => {
          x[bqm.variables.indexOf(q)!] = a.samples[row * width + c]!;
        });
        expect(a.energies[row]).toBeCloseTo(bqm.energyOf(x), 12);
      }
      const reads = sub.params.num_reads as number;
      const maxAnswers = (sub.params.max_answers as number | undefined) ?? reads;
      if (sub.params.answer_mode === 'raw') {
        expect(a.numOccurrences).toBeUndefined();
        expect(rows).toBe(Math.min(maxAnswers, reads));
      } else {
        expect([...a.numOccurrences!].reduce((x, y) => x + y, 0)).toBe(reads);
        expect([...a.energies]).toEqual([...a.energies].sort((x, y) => x - y));
      }
      expect(a.timing.qpu_access_time).toBeGreaterThan(0);
    }
  }
}

describe('dwave-cloud-client request sequences against serve-sapi', () => {
  it('0.10.6 (recorded): Accept */*, no Content-Type on POST, solver ids and names, cancellation', async () => {
    const t = traffic('0.10.6');
    expect(t.requests.some((r) => r.method === 'POST' && r.headers['content-type'] === undefined)).toBe(true);
    expect(t.requests.some((r) => r.path.endsWith('/') && r.path.startsWith('solvers/remote/D'))).toBe(true);
    await replay(t, 2);
  }, 120_000);

  it('0.14.4 (from its source): versioned Accept, filtered solver fetches, deflated POST, long polls', async () => {
    const t = traffic('0.14.4');
    expect(t.requests.every((r) => /; version=3\.0\.0$/.test(r.headers.accept!))).toBe(true);
    await replay(t, 3);
  }, 120_000);
});
