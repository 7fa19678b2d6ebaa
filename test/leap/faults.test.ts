/**
 * Fault injection on the server side (429 with Retry-After, 500/503, slow responses, dropped connections,
 * truncated JSON): every problem submitted runs exactly once or is reported as not queued, nothing is
 * duplicated, and every failure reaches the caller as a clear error.
 */

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { LeapHttpError } from '../../src/sapi/client/errors.js';
import { parseFaultSpec } from '../../src/sapi/server/faults.js';
import { FakeQpu } from './helpers/fake-qpu.js';
import { type Harness, startHarness, TOKEN } from './helpers/setup.js';

const qpu = new FakeQpu();
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ FAKE_QPU: qpu });
});
afterAll(async () => {
  await h.server.close();
});
afterEach(() => {
  h.server.faults.clear();
});

const model = () =>
  BinaryQuadraticModel.fromIsing(
    [
      [0, 1],
      [4, -0.5],
    ],
    [[[0, 4], -1]],
    0.25,
  );

/** Runs one sample under the faults; returns what happened and how many problems the server accepted/ran. */
async function run(faults: string[], clientOptions: Parameters<Harness['sampler']>[0] = {}) {
  for (const f of faults) h.server.faults.add(parseFaultSpec(f));
  const accepted0 = h.server.store.accepted;
  const runs0 = qpu.runs;
  const posts0 = h.server.requests.filter((r) => r.method === 'POST').length;
  const t0 = Date.now();
  const result = await (async () => {
    const sampler = await h.sampler(clientOptions);
    return sampler.sample(model(), { num_reads: 5 });
  })().catch((e: unknown) => e);
  // let any run the server still has finish before counting
  for (
    let t = 0;
    t < 50 && h.server.store.all().some((p) => p.status === 'PENDING' || p.status === 'IN_PROGRESS');
    t++
  )
    await new Promise((r) => setTimeout(r, 20));
  return {
    result,
    ms: Date.now() - t0,
    accepted: h.server.store.accepted - accepted0,
    runs: qpu.runs - runs0,
    posts: h.server.requests.filter((r) => r.method === 'POST').length - posts0,
    fired: h.server.faults.fired.length,
  };
}

function expectOk(r: Awaited<ReturnType<typeof run>>) {
  if (r.result instanceof Error) throw r.result;
  const ss = r.result as { totalReads: number; info: Record<string, unknown> };
  expect(ss.totalReads).toBe(5);
  expect(r.accepted).toBe(1);
  expect(r.runs).toBe(1);
}

describe('fault injection: submissions', () => {
  it('429 with Retry-After on POST: waits as told, resubmits, one problem', async () => {
    const r = await run(['status=429,retry_after=1,method=POST,path=problems/,times=1']);
    expectOk(r);
    expect(r.posts).toBe(2);
    expect(r.ms).toBeGreaterThanOrEqual(1000);
  });

  it('503 on POST: looks the problem up (absent), then resubmits once', async () => {
    const r = await run(['status=503,method=POST,times=1']);
    expectOk(r);
    expect(r.posts).toBe(2);
  });

  it('500 on POST: not resent; reported as not queued after the look-up', async () => {
    const r = await run(['status=500,method=POST']);
    expect(r.result).toBeInstanceOf(LeapHttpError);
    expect((r.result as Error).message).toMatch(
      /POST problems\/: HTTP 500 \(server error\): injected fault; the problem is not on the server \(looked up by its label qaxai:[0-9a-f]+\), so it was not queued and was not resent/,
    );
    expect(r.posts).toBe(1);
    expect(r.accepted).toBe(0);
  });

  it('connection dropped after the server accepted the POST: the problem is found and adopted, not resent', async () => {
    const r = await run(['drop_after,method=POST']);
    expectOk(r);
    expect(r.posts).toBe(1);
  });

  it('truncated JSON reply to the POST: adopted by look-up', async () => {
    const r = await run(['truncate,method=POST']);
    expectOk(r);
    expect(r.posts).toBe(1);
  });

  it('connection dropped before the server read the POST: reported, nothing queued', async () => {
    const r = await run(['drop,method=POST']);
    expect((r.result as Error).message).toMatch(/connection failed .*not on the server .*not queued/);
    expect(r.accepted).toBe(0);
  });

  it('a POST slower than the client timeout: the second look-up finds it', async () => {
    const r = await run(['delay=700,method=POST'], { requestTimeoutMs: 300, lookupPauseMs: 800 });
    expectOk(r);
    expect((r.result as { info: Record<string, unknown> }).info.problem_id).toBeDefined();
  });

  it('when the look-up fails too, the error says the outcome is unknown and names the label', async () => {
    const r = await run(['drop_after,method=POST', 'status=500,method=GET,path=problems/,times=0'], {
      retry: { maxAttempts: 2, baseDelayMs: 5 },
    });
    expect((r.result as Error).message).toMatch(
      /whether the problem was queued is unknown because looking it up by its label failed .*HTTP 500.*Look for label qaxai:[0-9a-f]+ in the Leap dashboard/,
    );
    expect(r.accepted).toBe(1); // it was queued: the message does not claim otherwise
    expect(r.runs).toBe(1);
  });

  it('401 on POST is a clear error, not retried', async () => {
    const r = await run(['status=401,method=POST']);
    expect((r.result as Error).message).toMatch(/HTTP 401 \(the token was refused: check DWAVE_API_TOKEN/);
    expect(r.posts).toBe(1);
    expect(r.accepted).toBe(0);
  });
});

describe('fault injection: polling and reads', () => {
  it('500 and 503 on the long poll are retried', async () => {
    const r = await run([
      'status=500,method=GET,path=problems/,times=2',
      'status=503,method=GET,path=problems/,times=1',
    ]);
    expectOk(r);
    expect(r.fired).toBeGreaterThanOrEqual(3);
  });

  it('429 with Retry-After on a GET is honoured', async () => {
    const r = await run(['status=429,retry_after=1,method=GET,path=problems/,times=1']);
    expectOk(r);
    expect(r.ms).toBeGreaterThanOrEqual(1000);
  });

  it('dropped connections and truncated JSON on GETs are retried', async () => {
    const r = await run([
      'drop,method=GET,path=problems/,times=1',
      'truncate,method=GET,path=problems/,times=2',
      'drop_after,method=GET,times=1',
    ]);
    expectOk(r);
  });

  it('slow GETs beyond the request timeout are retried', async () => {
    const r = await run(['delay=600,method=GET,path=solvers,times=1'], { requestTimeoutMs: 300 });
    expectOk(r);
  });

  it('a poll that keeps failing ends with a clear error naming the problem, which still completes', async () => {
    const r = await run(['status=500,method=GET,path=problems/,times=0'], {
      retry: { maxAttempts: 3, baseDelayMs: 5 },
    });
    expect(r.result).toBeInstanceOf(LeapHttpError);
    expect((r.result as Error).message).toMatch(
      /HTTP 500 .*gave up after 3 attempts.*while waiting for problem [0-9a-f-]{36}, which may still complete \(look it up with `qaxai leap problem/,
    );
    expect(r.accepted).toBe(1);
    expect(r.runs).toBe(1);
  });

  it('a Retry-After longer than the client waits is reported, not slept through', async () => {
    const r = await run(['status=429,retry_after=9999,method=GET,path=solvers,times=1']);
    expect((r.result as Error).message).toMatch(/retry after 9999 s, longer than the 120 s qaxai waits/);
  });
});

describe('secrets', () => {
  it('the token appears in no log line and no error message of any of the runs above', () => {
    expect(h.logs.length).toBeGreaterThan(10);
    for (const line of h.logs) expect(line).not.toContain(TOKEN);
  });
});
