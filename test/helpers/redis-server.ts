/**
 * A private redis-server for a test: a free loopback port, a temp folder for its files, stopped (and
 * restartable, same port and folder) by the test. `hasRedisServer()` lets a suite skip, with a message, where
 * Debian's redis-server is not installed (CI installs it).
 */

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;
}

export const NO_REDIS =
  'redis-server is not installed (apt-get install redis-server): the queue tests are skipped';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface TestRedis {
  port: number;
  /** redis://[:password@]127.0.0.1:PORT */
  url: string;
  dir: string;
  stop(): Promise<void>;
  /** Stops (SHUTDOWN semantics: SIGTERM, the AOF is flushed) and starts again on the same port and folder. */
  restart(downMs?: number): Promise<void>;
}

export async function startRedis(o: { password?: string; appendonly?: boolean } = {}): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'qaxai-redis-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    o.appendonly ? 'yes' : 'no',
    ...(o.appendonly ? ['--appendfsync', 'always'] : []),
    ...(o.password ? ['--requirepass', o.password] : []),
    '--loglevel',
    'warning',
  ];
  let proc: ChildProcess;
  const start = async () => {
    proc = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout!.on('data', (b) => (out += String(b)));
    proc.stderr!.on('data', (b) => (out += String(b)));
    const t0 = Date.now();
    for (;;) {
      const ping = spawnSync(
        'redis-cli',
        ['-p', String(port), ...(o.password ? ['--no-auth-warning', '-a', o.password] : []), 'ping'],
        { encoding: 'utf8' },
      );
      if (ping.stdout?.trim() === 'PONG') return;
      if (proc.exitCode !== null) throw new Error(`redis-server exited: ${out}`);
      if (Date.now() - t0 > 10_000) throw new Error(`redis-server did not start: ${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    port,
    url: `redis://${o.password ? `:${encodeURIComponent(o.password)}@` : ''}127.0.0.1:${port}`,
    dir,
    stop,
    async restart(downMs = 500) {
      await stop();
      await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
  };
}
