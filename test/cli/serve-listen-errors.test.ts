/**
 * `qaxai serve` and `qaxai serve-sapi` say the same when they cannot listen: a busy --port or an --host that
 * does not resolve is exit 2 naming the flag, never "internal error".
 */

import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const TOKEN = 'LISTEN-t0ken-5e3d2c1b';
let blocker: Server;
let busy: number;

beforeAll(async () => {
  blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  busy = (blocker.address() as { port: number }).port;
});
afterAll(() => {
  blocker.close();
});

const commands: Record<string, string[]> = {
  serve: ['serve'],
  'serve-sapi': ['serve-sapi', '--token', TOKEN, '--solver', 'DW_2000Q_6'],
};

describe.each(Object.entries(commands))('qaxai %s cannot listen', (_name, command) => {
  it('a port in use: exit 2, "--port: N is in use"', () => {
    const r = runCli([...command, '--port', String(busy)]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`--port: ${busy} is in use; pick another port`));
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr + r.stdout).not.toContain(TOKEN);
  });

  it('a host that does not resolve: exit 2, "--host: cannot bind"', () => {
    const r = runCli([...command, '--host', 'nonexistent.invalid', '--port', '0']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--host: cannot bind nonexistent\.invalid \((ENOTFOUND|EAI_AGAIN|EAI_FAIL)/);
    expect(r.stderr).not.toMatch(/internal error/);
  });

  it('an empty host: exit 2 naming --host', () => {
    const r = runCli([...command, '--host', ' ', '--port', '0']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--host: empty/);
  });
});
