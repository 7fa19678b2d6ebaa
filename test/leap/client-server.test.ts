import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, StructureError } from '../../src/errors.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { sampleSetToDimodJson } from '../../src/hamiltonian/io/dimod-sampleset.js';
import { LeapHttpError, ProblemFailedError } from '../../src/sapi/client/errors.js';
import { encodeQpProblem, QpEncoding } from '../../src/sapi/client/qp-coders.js';
import { readRawAnswerFile, replayRawAnswer } from '../../src/sapi/client/raw-answers.js';
import { FakeQpu } from './helpers/fake-qpu.js';
import { type Harness, startHarness, TOKEN } from './helpers/setup.js';

function ising(offset = 0.75): BinaryQuadraticModel {
  return BinaryQuadraticModel.fromIsing(
    [
      [0, 0.5],
      [1, -0.3],
      [4, 0.2],
      [6, -1],
    ],
    [
      [[0, 4], -1],
      [[1, 4], 0.7],
      [[1, 6], -0.4],
      [[0, 6], 0.9],
    ],
    offset,
  );
}

function expectEnergiesRecomputed(
  bqm: BinaryQuadraticModel,
  ss: { numRows: number; sample(r: number): Map<unknown, number>; energy: Float64Array },
) {
  for (let r = 0; r < ss.numRows; r++)
    expect(ss.energy[r]).toBeCloseTo(bqm.energy(ss.sample(r) as Map<number, number>), 12);
}

let h: Harness;
const slow = new FakeQpu({ delayMs: 3000 });
beforeAll(async () => {
  h = await startHarness({
    FAKE_QPU: new FakeQpu(),
    SLOW_QPU: slow,
    BROKEN_QPU: new FakeQpu({ fail: 'flux qubit 3 out of calibration' }),
  });
});
afterAll(async () => {
  await h.server.close();
});

describe('our client against our SAPI server', () => {
  it('lists solvers with v3 identities and Leap-like properties', async () => {
    const list = await h.client().listSolvers();
    expect(list.map((d) => d.identity.name)).toEqual(['FAKE_QPU', 'SLOW_QPU', 'BROKEN_QPU']);
    const d = list[0]!;
    expect(d.identity.version?.graph_id).toMatch(/^[0-9a-f]{10}$/);
    expect(d.status).toBe('ONLINE');
    expect(d.properties.qubits).toEqual([0, 1, 2, 3, 4, 6, 7]);
    expect(d.properties.couplers).toContainEqual([0, 4]);
    expect(d.properties.num_qubits).toBe(8);
    const one = await h.client().getSolver('SLOW_QPU');
    expect(one.identity.name).toBe('SLOW_QPU');
    await expect(h.client().getSolver('NOPE')).rejects.toThrow(
      /"NOPE" is not available.*available: FAKE_QPU, SLOW_QPU/,
    );
  });

  it('samples an ising problem end to end: energies equal recomputation, offset added, ids and timing kept', async () => {
    const sampler = await h.sampler();
    expect(sampler.nodelist).toEqual([0, 1, 2, 3, 4, 6, 7]);
    const bqm = ising();
    const ss = await sampler.sample(bqm, { num_reads: 50, seed: 3, label: 'e2e' });
    expect(ss.variables).toEqual([0, 1, 4, 6]);
    expect(ss.vartype).toBe('SPIN');
    expect(ss.totalReads).toBe(50);
    expect(ss.vectors.num_occurrences!.dataType).toBe('int32');
    expectEnergiesRecomputed(bqm, ss);
    // histogram answers come sorted by energy, unique rows
    const e = Array.from(ss.energy);
    expect([...e].sort((a, b) => a - b)).toEqual(e);
    const id = ss.info.problem_id as string;
    expect(h.server.store.get(id)?.status).toBe('COMPLETED');
    expect(ss.info.timing).toEqual({
      qpu_access_time: 150,
      qpu_programming_time: 100,
      qpu_sampling_time: 50,
    });
    expect(ss.info.problem_label).toMatch(/^e2e \[qaxai:[0-9a-f]{12}\.0\]$/);
    expect(ss.info.parameters).toMatchObject({ num_reads: 50, seed: 3, label: 'e2e' });
    // the server stored exactly what the encoder produced
    const stored = h.server.store.get(id)!;
    expect(stored.data).toEqual(encodeQpProblem(new QpEncoding(sampler.solver.properties), bqm));
  });

  it('samples a qubo problem (BINARY in, BINARY out, type qubo on the wire)', async () => {
    const sampler = await h.sampler();
    const bqm = BinaryQuadraticModel.fromQubo(
      [
        [[0, 0], -1],
        [[4, 4], 2],
        [[0, 4], -3],
        [[1, 1], 0.5],
        [[1, 4], 1.25],
      ],
      -2,
    );
    const ss = await sampler.sample(bqm, { num_reads: 20 });
    expect(ss.vartype).toBe('BINARY');
    expect(new Set(ss.samples)).toEqual(new Set([0, 1]));
    expectEnergiesRecomputed(bqm, ss);
    expect(h.server.store.get(ss.info.problem_id as string)!.type).toBe('qubo');
  });

  it('answer_mode raw: one row per read, num_occurrences all 1', async () => {
    const sampler = await h.sampler();
    const ss = await sampler.sample(ising(), { num_reads: 9, answer_mode: 'raw' });
    expect(ss.numRows).toBe(9);
    expect(ss.vectors.num_occurrences!.data).toEqual(new Array(9).fill(1));
  });

  it('checks the problem before sending anything', async () => {
    const sampler = await h.sampler();
    const posts = () => h.server.requests.filter((r) => r.method === 'POST').length;
    const before = posts();
    await expect(sampler.sample(ising(), { num_reads: 5000 })).rejects.toThrow(
      /num_reads: 5000 is outside num_reads_range \[1, 1000\]/,
    );
    await expect(sampler.sample(ising(), { annealing_time: 0.1 })).rejects.toThrow(
      /0.1 µs is outside annealing_time_range/,
    );
    await expect(
      sampler.sample(ising(), {
        anneal_schedule: [
          [0, 0],
          [10, 0.5],
          [5, 1],
        ],
      }),
    ).rejects.toThrow(/t must increase/);
    await expect(
      sampler.sample(ising(), {
        annealing_time: 10,
        anneal_schedule: [
          [0, 0],
          [10, 1],
        ],
      }),
    ).rejects.toThrow(/together with anneal_schedule/);
    await expect(sampler.sample(ising(), { bogus: 1 })).rejects.toThrow(
      /bogus: the leap sampler has no such parameter/,
    );
    await expect(sampler.sample(BinaryQuadraticModel.fromIsing([[5, 1]], []))).rejects.toThrow(
      StructureError,
    );
    await expect(sampler.sample(BinaryQuadraticModel.fromIsing([], [[[0, 1], 1]]))).rejects.toThrow(
      /not a working coupler/,
    );
    const big = BinaryQuadraticModel.fromIsing([[0, 5]], []);
    await expect(sampler.sample(big, { auto_scale: false })).rejects.toThrow(/outside h_range \[-4, 4\]/);
    // with auto_scale on (the default) the QPU rescales, so the same model goes through
    await expect(sampler.sample(big, { num_reads: 1 })).resolves.toBeDefined();
    expect(posts()).toBe(before + 1);
  });

  it('a FAILED problem reaches the user with the solver message', async () => {
    const c = h.client();
    const s = await (await h.sampler()).client.getSolver('BROKEN_QPU');
    const { LeapSampler } = await import('../../src/sapi/client/leap-sampler.js');
    const sampler = new LeapSampler(c, s);
    const err = await sampler.sample(ising(), { num_reads: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(ProblemFailedError);
    expect(err.message).toMatch(
      /problem [0-9a-f-]{36} failed on the solver: internal error: flux qubit 3 out of calibration/,
    );
  });

  it('an abort cancels the problem on the server', async () => {
    const c = h.client();
    const { LeapSampler } = await import('../../src/sapi/client/leap-sampler.js');
    const sampler = new LeapSampler(c, await c.getSolver('SLOW_QPU'));
    // first keeps the slow solver busy; second waits PENDING behind it
    const first = new AbortController();
    const second = new AbortController();
    const p1 = sampler.sample(ising(), { num_reads: 1 }, { signal: first.signal }).catch((e) => e);
    await new Promise((r) => setTimeout(r, 150));
    const p2 = sampler.sample(ising(), { num_reads: 1 }, { signal: second.signal }).catch((e) => e);
    await new Promise((r) => setTimeout(r, 150));
    second.abort();
    first.abort();
    const [e1, e2] = await Promise.all([p1, p2]);
    expect(e1).toBeInstanceOf(CancelledError);
    expect(e2).toBeInstanceOf(CancelledError);
    expect(e2.message).toMatch(/problem [0-9a-f-]{36} was cancelled on the solver$/);
    expect(e1.message).toMatch(/was in progress; cancellation was requested/);
    const ids = [e1, e2].map((e) => /problem ([0-9a-f-]{36})/.exec(e.message)![1]!);
    for (let t = 0; t < 100 && ids.some((id) => h.server.store.get(id)!.status !== 'CANCELLED'); t++)
      await new Promise((r) => setTimeout(r, 20));
    expect(ids.map((id) => h.server.store.get(id)!.status)).toEqual(['CANCELLED', 'CANCELLED']);
  });

  it('cancel semantics: 200 pending, 202 in progress, 409 finished, 404 unknown; batch cancel', async () => {
    const c = h.client();
    const s = await c.getSolver('SLOW_QPU');
    const data = encodeQpProblem(new QpEncoding(s.properties), ising());
    const sub = { solver: s.identity, data, type: 'ising' as const, params: { num_reads: 1 } };
    const [a, b, d, e] = (await c.submitProblems([sub, sub, sub, sub])) as Array<{ id: string }>;
    for (let t = 0; t < 100 && h.server.store.get(a!.id)!.status !== 'IN_PROGRESS'; t++)
      await new Promise((r) => setTimeout(r, 10));
    expect((await c.cancelProblems([b!.id]))[0]!.outcome).toBe('cancelled');
    expect((await c.cancelProblems([b!.id]))[0]!.outcome).toBe('finished');
    expect((await c.cancelProblems(['00000000-0000-0000-0000-000000000000']))[0]!.outcome).toBe('not-found');
    const many = await c.cancelProblems([e!.id, b!.id, 'nope']);
    expect(many.map((r) => r.outcome)).toEqual(['cancelled', 'finished', 'not-found']);
    expect((await c.cancelProblems([a!.id]))[0]!.outcome).toBe('cancelling');
    expect(['cancelled', 'cancelling']).toContain((await c.cancelProblems([d!.id]))[0]!.outcome);
    await expect(c.waitForAnswer(d!.id)).rejects.toThrow(/was cancelled/);
  });

  it('long-polls many problems at once, up to 100 ids per request, none lost or duplicated', async () => {
    const c = h.client();
    const s = await c.getSolver('FAKE_QPU');
    const enc = new QpEncoding(s.properties);
    const models = Array.from({ length: 130 }, (_, k) => ising(k));
    const subs = models.map((m, k) => ({
      solver: s.identity,
      data: encodeQpProblem(enc, m),
      type: 'ising' as const,
      params: { num_reads: 3, seed: k },
    }));
    const acceptedBefore = h.server.store.accepted;
    const mark = h.server.requests.length;
    const submitted = await c.submitProblems(subs);
    expect(submitted.every((x) => !(x instanceof Error))).toBe(true);
    const ids = (submitted as Array<{ id: string }>).map((x) => x.id);
    expect(new Set(ids).size).toBe(130);
    expect(h.server.store.accepted - acceptedBefore).toBe(130);
    const statuses = await Promise.all(ids.map((id) => c.waitForAnswer(id)));
    expect(statuses.every((x) => x.status === 'COMPLETED' && x.answer)).toBe(true);
    const newRequests = h.server.requests.slice(mark);
    expect(newRequests.filter((r) => r.method === 'POST')).toHaveLength(7); // batches of 20
    const polls = newRequests.filter((r) => r.method === 'GET' && r.path === 'problems/');
    const idCounts = polls.map((r) => new URLSearchParams(r.query).get('id')!.split(',').length);
    expect(Math.max(...idCounts)).toBe(100); // 130 waiting: one request of 100 ids and one of 30
    expect(polls.every((r) => new URLSearchParams(r.query).get('timeout') === '2')).toBe(true);
  });

  it('a problem submitted while a long poll is in flight is watched at once', async () => {
    const c = h.client({ pollWaitSeconds: 30 });
    const slowSolver = await c.getSolver('SLOW_QPU');
    const fast = await c.getSolver('FAKE_QPU');
    const sub = (s: typeof fast) => ({
      solver: s.identity,
      data: encodeQpProblem(new QpEncoding(s.properties), ising()),
      type: 'ising' as const,
      params: { num_reads: 1 },
    });
    const a = await c.submitProblem(sub(slowSolver));
    const waitingA = c.waitForAnswer(a.id).catch((e) => e);
    await new Promise((r) => setTimeout(r, 100)); // A's 30 s long poll is now in flight
    const t0 = Date.now();
    const b = await c.submitProblem(sub(fast));
    const done = await c.waitForAnswer(b.id);
    expect(done.status).toBe('COMPLETED');
    expect(Date.now() - t0).toBeLessThan(1500);
    await c.cancelProblems([a.id]);
    expect(await waitingA).toBeInstanceOf(Error);
  });

  it('problem info and answer endpoints', async () => {
    const sampler = await h.sampler();
    const ss = await sampler.sample(ising(), { num_reads: 4 });
    const id = ss.info.problem_id as string;
    const info = await sampler.client.getProblemInfo(id);
    expect(info.metadata.status).toBe('COMPLETED');
    expect(info.params).toEqual({ num_reads: 4 });
    expect(info.data.format).toBe('qp');
    const answer = await sampler.client.getAnswer(id);
    expect(answer.format).toBe('qp');
    const statuses = await sampler.client.getProblemStatuses([id]);
    expect(statuses[0]!.status).toBe('COMPLETED');
  });

  it('saves raw answers and replays them offline to the same SampleSet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qaxai-raw-'));
    const sampler = await h.sampler({}, dir);
    const ss = await sampler.sample(ising(-1.5), { num_reads: 30, seed: 11 });
    const files = readdirSync(dir);
    expect(files).toEqual([`${ss.info.problem_id}.json`]);
    const raw = readRawAnswerFile(join(dir, files[0]!));
    expect(raw.offset).toBe(-1.5);
    const again = replayRawAnswer(raw);
    expect(sampleSetToDimodJson(again)).toEqual(sampleSetToDimodJson(ss));
    expect(readFileSync(join(dir, files[0]!), 'utf8')).not.toContain(TOKEN);
  });

  it('refuses a wrong token with a clear message that does not contain any token', async () => {
    const bad = 'WRONG-t0ken-99999';
    const err = await h
      .client({ token: bad })
      .listSolvers()
      .catch((e) => e);
    expect(err).toBeInstanceOf(LeapHttpError);
    expect(err.status).toBe(401);
    expect(err.message).toMatch(/HTTP 401 .*DWAVE_API_TOKEN/);
    expect(err.message).not.toContain(bad);
    expect(err.message).not.toContain(TOKEN);
  });

  it('the server checks media types and versions, bodies, and auth', async () => {
    const get = (path: string, headers: Record<string, string>) =>
      fetch(new URL(path, h.server.endpoint), { headers });
    const ok = await get('solvers/remote/', {
      'X-Auth-Token': TOKEN,
      Accept: 'application/vnd.dwave.sapi.solver-definition-list+json; version=3.0.0',
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe(
      'application/vnd.dwave.sapi.solver-definition-list+json; version=3.0.0; charset=utf-8',
    );
    // version 2 (dwave-cloud-client ≤ 0.13) is served in its own shape; a version nobody speaks is 415
    const v2 = await get('solvers/remote/', {
      'X-Auth-Token': TOKEN,
      Accept: 'application/vnd.dwave.sapi.solver-definition-list+json; version=2.0.0',
    });
    expect(v2.status).toBe(200);
    expect(v2.headers.get('content-type')).toBe(
      'application/vnd.dwave.sapi.solver-definition-list+json; version=2.1.0; charset=utf-8',
    );
    expect(((await v2.json()) as Array<{ id: string }>)[0]!.id).toBe('FAKE_QPU');
    const v4 = await get('solvers/remote/', {
      'X-Auth-Token': TOKEN,
      Accept: 'application/vnd.dwave.sapi.solver-definition-list+json; version=4.0',
    });
    expect(v4.status).toBe(415);
    expect((await get('solvers/remote/', {})).status).toBe(401);
    const filtered = (await (
      await get('solvers/remote/FAKE_QPU?filter=none,%2Bidentity,%2Bstatus', { 'X-Auth-Token': TOKEN })
    ).json()) as Record<string, unknown>;
    expect(Object.keys(filtered).sort()).toEqual(['identity', 'status']);
    const post = (body: string, headers: Record<string, string>) =>
      fetch(new URL('problems/', h.server.endpoint), {
        method: 'POST',
        body,
        headers: { 'X-Auth-Token': TOKEN, ...headers },
      });
    expect((await post('{}', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post('{"a":', { 'Content-Type': 'application/json' })).status).toBe(400);
    const single = await post(
      JSON.stringify({ solver: { name: 'NOPE' }, type: 'ising', data: {}, params: {} }),
      {
        'Content-Type': 'application/json',
      },
    );
    expect(single.status).toBe(400);
    expect(await single.json()).toEqual({
      error_code: 400,
      error_msg: 'Solver does not exist or apitoken does not have access',
    });
    const poll = await get('problems/?id=x&timeout=31', { 'X-Auth-Token': TOKEN });
    expect(poll.status).toBe(400);
  });

  it('uncompressed bodies work too, and per-item errors in a batch stay per item', async () => {
    const c = h.client({ compress: false });
    const s = await c.getSolver('FAKE_QPU');
    const good = {
      solver: s.identity,
      data: encodeQpProblem(new QpEncoding(s.properties), ising()),
      type: 'ising' as const,
      params: {},
    };
    const out = await c.submitProblems([
      good,
      { ...good, type: 'cqm' as never },
      { ...good, params: { num_reads: 0 } },
    ]);
    expect(out[0]).not.toBeInstanceOf(Error);
    expect((out[1] as Error).message).toMatch(
      /refused the problem \(error 400\): Problem type \(cqm\) is not supported/,
    );
    expect((out[2] as Error).message).toMatch(/num_reads: 0 is outside num_reads_range/);
  });
});

describe('reverse anneal parameters', () => {
  it('a {qubit: value} initial_state goes as the dense SAPI list and reaches the sampler as a mapping', async () => {
    const fake = new FakeQpu();
    const h2 = await startHarness({ FAKE_QPU: fake });
    try {
      const sampler = await h2.sampler();
      const ss = await sampler.sample(ising(), {
        num_reads: 2,
        initial_state: { 0: 1, 1: -1, 4: 1, 6: -1 },
        anneal_schedule: [
          [0, 1],
          [5, 0.5],
          [10, 1],
        ],
      });
      const stored = h2.server.store.get(ss.info.problem_id as string)!;
      expect(stored.params.initial_state).toEqual([1, -1, 3, 3, 1, 3, -1, 3]);
      expect(fake.lastParams.initial_state).toEqual({ '0': 1, '1': -1, '4': 1, '6': -1 });
      expect(fake.lastParams.anneal_schedule).toEqual([
        [0, 1],
        [5, 0.5],
        [10, 1],
      ]);
    } finally {
      await h2.server.close();
    }
  });
});

describe('the leap sampler under composites', () => {
  it('is found as the structured child and works under the spin-reversal composite', async () => {
    const { SpinReversalTransformComposite } = await import('../../src/sim/composites/spin-reversal.js');
    const { findStructuredChild } = await import('../../src/sim/sampler.js');
    const sampler = await h.sampler();
    const composed = new SpinReversalTransformComposite(sampler);
    expect(findStructuredChild(composed)).toBe(sampler);
    const bqm = ising(0.5);
    const ss = await composed.sample(bqm, { num_reads: 10, num_spin_reversal_transforms: 3, srt_seed: 5 });
    expect(ss.totalReads).toBe(30);
    expectEnergiesRecomputed(bqm, ss);
    expect(ss.info.problem_id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
