/**
 * The point queue (BullMQ on a private redis-server) in-process: results, retries of transient failures, a
 * single failure for bad input, refusal by a worker of another version, collection of points finished while no
 * submitter listened, and a Redis password that never shows.
 */

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, InputError, WorkError } from '../../src/errors.js';
import { parseRedisUrl } from '../../src/studies/queue/redis-target.js';
import { PointSubmitter } from '../../src/studies/queue/submitter.js';
import { POINT_QUEUE, pointJobId, qaxaiVersion, WIRE_FORMAT } from '../../src/studies/queue/wire.js';
import { type PointEvaluator, startPointWorker } from '../../src/studies/queue/worker.js';
import { repoRoot, runCli } from '../helpers/cli.js';
import { hasRedisServer, NO_REDIS, startRedis, type TestRedis } from '../helpers/redis-server.js';

describe('Redis URLs', () => {
  it('parses host, port, db, user, password and TLS, and never shows the password', () => {
    const t = parseRedisUrl('rediss://alice:s3cr%40t@cache.example:6380/2');
    expect(t.options).toMatchObject({
      host: 'cache.example',
      port: 6380,
      db: 2,
      username: 'alice',
      password: 's3cr@t',
      tls: { servername: 'cache.example' },
    });
    expect(t.display).toBe('rediss://alice:***@cache.example:6380/2');
    expect(t.mask('auth s3cr@t failed for rediss://alice:s3cr%40t@cache.example')).not.toMatch(/s3cr/);
    expect(parseRedisUrl('redis://localhost').options).toMatchObject({
      host: 'localhost',
      port: 6379,
      db: 0,
    });
    expect(parseRedisUrl('redis://localhost').options.tls).toBeUndefined();
  });

  it('refuses what is not a Redis URL, naming the flag, without the password', () => {
    expect(() => parseRedisUrl('http://u:pw123@host')).toThrow(/--queue: .* is not a Redis URL/);
    expect(() => parseRedisUrl('http://u:pw123@host')).not.toThrow(/pw123/);
    expect(() => parseRedisUrl('not a url :pw123@')).toThrow(InputError);
    expect(() => parseRedisUrl('redis://host/x')).toThrow(/database "x"/);
  });
});

describe.skipIf(!hasRedisServer())('the point queue on Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  /** A toy evaluator: counts its calls per spec; `flaky` fails its first call, `bad` is bad input. */
  function toyEvaluator() {
    const calls = new Map<string, number>();
    const evaluate: PointEvaluator = async (kind, spec) => {
      const key = `${kind}:${JSON.stringify(spec)}`;
      const n = (calls.get(key) ?? 0) + 1;
      calls.set(key, n);
      const x = (spec as { x: number }).x;
      await new Promise((r) => setTimeout(r, 5));
      if (kind === 'bad') throw new InputError(`x: ${x} is not allowed`, { field: 'x' });
      if (kind === 'flaky' && n === 1) throw new WorkError('transient trouble');
      return { square: x * x };
    };
    return { evaluate, calls };
  }

  it('runs points on two workers, retries a transient failure, fails bad input once', async () => {
    const target = parseRedisUrl(redis.url);
    const toy = toyEvaluator();
    const workers = await Promise.all(
      [1, 2].map(() => startPointWorker(target, { evaluate: toy.evaluate, concurrency: 2 })),
    );
    const sub = await PointSubmitter.open(target, { reconcileMs: 500 });
    try {
      const xs = Array.from({ length: 20 }, (_, k) => k);
      const results = await Promise.all(xs.map((x) => sub.run({ kind: 'square', spec: { x }, sweep: 's1' })));
      expect(results).toEqual(xs.map((x) => ({ square: x * x })));
      expect(await sub.run({ kind: 'flaky', spec: { x: 3 }, sweep: 's1' })).toEqual({ square: 9 });
      expect(toy.calls.get('flaky:{"x":3}')).toBe(2);
      const bad = sub.run({ kind: 'bad', spec: { x: 7 }, sweep: 's1' });
      await expect(bad).rejects.toThrow(InputError);
      await expect(bad).rejects.toThrow('x: 7 is not allowed');
      expect(toy.calls.get('bad:{"x":7}')).toBe(1);
      // submitted again (a resumed sweep): the recorded error, not another run
      await expect(sub.run({ kind: 'bad', spec: { x: 7 }, sweep: 's1' })).rejects.toThrow(
        'x: 7 is not allowed',
      );
      expect(toy.calls.get('bad:{"x":7}')).toBe(1);
      const id = pointJobId({
        wire: WIRE_FORMAT,
        qaxai: qaxaiVersion(),
        kind: 'bad',
        spec: { x: 7 },
        files: {},
      });
      const conn = new Redis(redis.port, '127.0.0.1', { maxRetriesPerRequest: null });
      const q = new Queue(POINT_QUEUE, { connection: conn });
      const job = await q.getJob(id);
      expect(job?.attemptsMade).toBe(1);
      await q.close();
      await conn.quit();
      expect(sub.status()).toMatchObject({ done: 21, failed: 2, waiting: 0, running: 0 });
      expect(workers.reduce((a, w) => a + w.stats().done, 0)).toBe(21);
    } finally {
      await sub.close();
      await Promise.all(workers.map((w) => w.close()));
    }
  });

  it('a worker of another version refuses a point; one of the right version runs it', async () => {
    const target = parseRedisUrl(redis.url);
    const toy = toyEvaluator();
    const lines: string[] = [];
    const other = await startPointWorker(target, {
      evaluate: toy.evaluate,
      version: '0.0.0-other',
      log: (l) => lines.push(l),
    });
    const sub = await PointSubmitter.open(target, { reconcileMs: 500 });
    try {
      const p = sub.run({ kind: 'square', spec: { x: 101 }, sweep: 's2' });
      await new Promise((r) => setTimeout(r, 600));
      expect(other.stats().refused).toBeGreaterThanOrEqual(1);
      expect(toy.calls.size).toBe(0);
      expect(lines.join('\n')).toMatch(/refusing points of qaxai .*this worker is qaxai 0\.0\.0-other/);
      expect(sub.status().otherVersions).toEqual(['0.0.0-other']);
      const right = await startPointWorker(target, { evaluate: toy.evaluate });
      try {
        expect(await p).toEqual({ square: 10201 });
        expect(right.stats().done).toBe(1);
      } finally {
        await right.close();
      }
    } finally {
      await sub.close();
      await other.close();
    }
  });

  it('stopping a worker finishes its running point, or with handBack returns it to the queue', async () => {
    const target = parseRedisUrl(redis.url);
    // a point of 0.4 s that stops when its signal aborts
    const slow: PointEvaluator = (_kind, spec, ctx) =>
      new Promise((resolve, reject) => {
        const t = setTimeout(() => resolve(spec), 400);
        ctx.signal.addEventListener('abort', () => {
          clearTimeout(t);
          reject(new CancelledError('stopped'));
        });
      });
    const sub = await PointSubmitter.open(target, { reconcileMs: 500 });
    const running = async (w: { stats(): { running: number } }) => {
      while (w.stats().running === 0) await new Promise((r) => setTimeout(r, 10));
    };
    try {
      const a = await startPointWorker(target, { evaluate: slow });
      const p1 = sub.run({ kind: 'slow', spec: { x: 1 }, sweep: 's4' });
      await running(a);
      await a.close();
      expect(await p1).toEqual({ x: 1 });
      expect(a.stats()).toMatchObject({ done: 1, failed: 0 });
      const b = await startPointWorker(target, { evaluate: slow });
      const p2 = sub.run({ kind: 'slow', spec: { x: 2 }, sweep: 's4' });
      await running(b);
      const t0 = Date.now();
      await b.close({ handBack: true });
      expect(Date.now() - t0).toBeLessThan(400);
      expect(b.stats()).toMatchObject({ done: 0, failed: 0 });
      const c = await startPointWorker(target, { evaluate: slow });
      try {
        expect(await p2).toEqual({ x: 2 });
        expect(c.stats().done).toBe(1);
      } finally {
        await c.close();
      }
    } finally {
      await sub.close();
    }
  });

  it('collects a point that finished while no submitter listened, without computing it again', async () => {
    const target = parseRedisUrl(redis.url);
    const toy = toyEvaluator();
    const first = await PointSubmitter.open(target);
    const lost = first.run({ kind: 'square', spec: { x: 55 }, sweep: 's3' }).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 100));
    await first.close();
    expect(String(await lost)).toMatch(/stays queued/);
    const worker = await startPointWorker(target, { evaluate: toy.evaluate });
    try {
      while (worker.stats().done < 1) await new Promise((r) => setTimeout(r, 20));
      const second = await PointSubmitter.open(target);
      try {
        expect(await second.run({ kind: 'square', spec: { x: 55 }, sweep: 's3' })).toEqual({ square: 3025 });
      } finally {
        await second.close();
      }
      expect(toy.calls.get('square:{"x":55}')).toBe(1);
    } finally {
      await worker.close();
    }
  });
});

describe.skipIf(!hasRedisServer())('a Redis with a password', () => {
  it('connects with it and never prints it, not even when it is wrong (library and CLI)', async () => {
    const secret = 'pa55-w0rd-secret';
    const redis = await startRedis({ password: secret });
    try {
      const good = parseRedisUrl(redis.url);
      const lines: string[] = [];
      const toy = toyOk();
      const worker = await startPointWorker(good, { evaluate: toy, log: (l) => lines.push(l) });
      const sub = await PointSubmitter.open(good);
      expect(await sub.run({ kind: 'square', spec: { x: 4 }, sweep: 'pw' })).toEqual({ x: 4 });
      await sub.close();
      await worker.close();
      expect(good.display).not.toContain(secret);
      expect(lines.join('\n')).not.toContain(secret);
      const wrong = parseRedisUrl(`redis://:${secret}-nope@127.0.0.1:${redis.port}`);
      const t0 = Date.now();
      const err = await PointSubmitter.open(wrong).catch((e: Error) => e);
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(err).toBeInstanceOf(WorkError);
      expect((err as Error).message).toMatch(
        /cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+: WRONGPASS .*check the password/,
      );
      expect((err as Error).message).not.toContain(secret);
      // the CLI: status, a refused password, a bad URL, a worker's log
      const status = runCli(['queue', 'status', '--queue', redis.url, '--json']);
      expect(status.code, status.stderr).toBe(0);
      expect(status.json<{ queue: string }>().queue).toBe(`redis://:***@127.0.0.1:${redis.port}`);
      const refused = runCli([
        'queue',
        'status',
        '--queue',
        `redis://:${secret}-nope@127.0.0.1:${redis.port}`,
      ]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/WRONGPASS/);
      const badUrl = runCli(['queue', 'drain', '--queue', `http://user:${secret}@127.0.0.1:${redis.port}`]);
      expect(badUrl.code).toBe(2);
      const proc = spawn(process.execPath, [join(repoRoot, 'bin/qaxai.js'), 'worker', '--queue', redis.url]);
      let log = '';
      proc.stderr.on('data', (b) => (log += String(b)));
      while (!/taking points/.test(log)) await new Promise((r) => setTimeout(r, 20));
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      expect(log).toMatch(/stopped:/);
      for (const text of [status.stdout, status.stderr, refused.stderr, badUrl.stderr, log])
        expect(text).not.toContain(secret);
    } finally {
      await redis.stop();
    }
  });
});

function toyOk(): PointEvaluator {
  return async (_kind, spec) => spec;
}

if (!hasRedisServer()) console.warn(NO_REDIS);
