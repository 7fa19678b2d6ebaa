/** `qaxai serve` as a command: help, flag errors (exit 2 naming the flag), the printed URL, a clean stop on SIGTERM. */

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';

describe('qaxai serve', () => {
  it('--help exits 0; bad flags exit 2 naming the flag', async () => {
    const h = runCli(['serve', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/--port/);
    const bad = runCli(['serve', '--port', '70000']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--port: 70000 must be ≤ 65535/);
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const busy = runCli(['serve', '--port', String(port)]);
    blocker.close();
    expect(busy.code).toBe(2);
    expect(busy.stderr).toMatch(new RegExp(`--port: ${port} is in use`));
  });

  it('prints its URL (127.0.0.1), serves the API and stops on SIGTERM; --token makes leap available', async () => {
    const home = mkdtempSync(join(tmpdir(), 'qaxai-serve-home-'));
    // no token in the environment or a dwave.conf: only the flag can make the leap sampler available
    const env = { PATH: process.env.PATH ?? '', HOME: home, QAXAI_NO_PROGRESS: '1' };
    const child = spawn(
      process.execPath,
      [join(repoRoot, 'bin', 'qaxai.js'), 'serve', '--port', '0', '--json', '--token', 'tok-serve-flag'],
      { stdio: ['ignore', 'pipe', 'pipe'], env },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (d) => {
        buf += d;
        if (buf.includes('\n')) resolve((JSON.parse(buf.split('\n')[0]!) as { url: string }).url);
      });
      child.on('exit', (c) => reject(new Error(`exited ${c}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const info = (await (await fetch(`${url}api/info`)).json()) as {
      samplers: Array<{ name: string; available: boolean }>;
    };
    expect(info.samplers.length).toBeGreaterThan(0);
    expect(info.samplers.find((x) => x.name === 'leap')?.available).toBe(true);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});
