/**
 * `qaxai serve-sapi` as a process: flag errors, and (when the qpu-sim sampler is in the registry) the emulator
 * behind SAPI end to end with `qaxai sample --sampler leap` as a second process, and a prompt stop on SIGTERM
 * while a problem runs.
 */

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliSamplers } from '../../src/cli/samplers.js';
import type { SolverDescription } from '../../src/sapi/client/models.js';
import { repoRoot } from '../helpers/cli.js';
import { longJob } from './helpers/long-job.js';

const bin = join(repoRoot, 'bin', 'qaxai.js');
const TOKEN = 'SRV-t0ken-7a1c9e55';
const work = mkdtempSync(join(tmpdir(), 'qaxai-serve-sapi-'));

function start(args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [bin, ...args], {
    cwd: work,
    env: { PATH: process.env.PATH ?? '', HOME: work, QAXAI_NO_PROGRESS: '1', ...env },
  });
}

function finish(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

/** The endpoint a `serve-sapi --json` child prints once it listens. */
function listeningEndpoint(server: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let buf = '';
    server.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(buf.slice(0, nl)).endpoint);
    });
    server.on('close', () => reject(new Error('serve-sapi exited before listening')));
  });
}

describe('qaxai serve-sapi', () => {
  it('refuses to start without a token, with a bad fault spec, or with an unstructured sampler (exit 2)', async () => {
    const none = await finish(start(['serve-sapi', '--solver', 'X']));
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no token: give --token, --token-file or set DWAVE_API_TOKEN/);
    const fault = await finish(start(['serve-sapi', '--token', TOKEN, '--fault', 'explode=1']));
    expect(fault.code).toBe(2);
    expect(fault.stderr).toMatch(/--fault explode=1: unknown key "explode"/);
    const exact = await finish(
      start(['serve-sapi', '--token', TOKEN, '--sampler', 'exact', '--solver', 'X']),
    );
    expect(exact.code).toBe(2);
    expect(exact.stderr).toMatch(/not a structured \(QPU-shaped\) sampler/);
    for (const r of [none, fault, exact]) expect(r.stderr + r.stdout).not.toContain(TOKEN);
  });

  it.skipIf(!cliSamplers.has('qpu-sim'))(
    'serves qpu-sim: qaxai sample --sampler leap against it, then stops on SIGTERM',
    async () => {
      writeFileSync(join(work, 'token.txt'), `${TOKEN}\n`);
      writeFileSync(
        join(work, 'm.json'),
        JSON.stringify({ vartype: 'SPIN', h: { '0': 0.5, '4': -0.25 }, J: { '0,4': -1 } }),
      );
      const server = start(['serve-sapi', '--token-file', 'token.txt', '--solver', 'DW_2000Q_6', '--json']);
      const done = finish(server);
      const endpoint = await listeningEndpoint(server);
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sapi\/v2\/$/);
      const client = await finish(
        start(
          ['sample', 'm.json', '--sampler', 'leap', '--solver', 'DW_2000Q_6', '--num-reads', '20', '--json'],
          {
            DWAVE_API_TOKEN: TOKEN,
            DWAVE_API_ENDPOINT: endpoint,
          },
        ),
      );
      expect(client.code, client.stderr).toBe(0);
      const ss = JSON.parse(client.stdout);
      expect(ss.variable_labels).toEqual([0, 4]);
      expect(ss.info.problem_id).toMatch(/^[0-9a-f-]{36}$/);
      const occ: number[] = ss.vectors.num_occurrences.data;
      expect(occ.reduce((a, b) => a + b, 0)).toBe(20);
      // a logical problem (string labels, a triangle the Chimera graph lacks) is embedded, as with qpu-sim
      writeFileSync(
        join(work, 'tri.json'),
        JSON.stringify({ vartype: 'SPIN', h: { a: 0.1 }, J: { 'a,b': -1, 'b,c': -1, 'a,c': -1 } }),
      );
      const embedded = await finish(
        start(
          [
            'sample',
            'tri.json',
            '--sampler',
            'leap',
            '--solver',
            'DW_2000Q_6',
            '--num-reads',
            '20',
            '--seed',
            '1',
            '--json',
          ],
          {
            DWAVE_API_TOKEN: TOKEN,
            DWAVE_API_ENDPOINT: endpoint,
          },
        ),
      );
      expect(embedded.code, embedded.stderr).toBe(0);
      const es = JSON.parse(embedded.stdout);
      expect(es.variable_labels).toEqual(['a', 'b', 'c']);
      expect(es.info.embedding_mode).toBe('embedded');
      expect(es.vectors.chain_break_fraction.data).toHaveLength(es.num_rows);
      expect(es.info.problem_id).toMatch(/^[0-9a-f-]{36}$/);
      server.kill('SIGTERM');
      const s = await done;
      expect(s.code).toBe(0);
      expect(
        s.stderr + s.stdout + client.stderr + client.stdout + embedded.stderr + embedded.stdout,
      ).not.toContain(TOKEN);
    },
    120_000,
  );

  it.skipIf(!cliSamplers.has('qpu-sim'))(
    'SIGTERM while a problem runs on --threads 1: exits 0 within 2 s, the running problem cancelled, the pending one reported',
    async () => {
      const server = start([
        'serve-sapi',
        '--token',
        TOKEN,
        '--solver',
        'DW_2000Q_6',
        '--threads',
        '1',
        '--json',
      ]);
      const done = finish(server);
      const endpoint = await listeningEndpoint(server);
      const H = { 'X-Auth-Token': TOKEN };
      const desc = (await (
        await fetch(`${endpoint}solvers/remote/DW_2000Q_6`, { headers: H })
      ).json()) as SolverDescription;
      const job = longJob(desc, 2000);
      const sub = (await (
        await fetch(`${endpoint}problems/`, {
          method: 'POST',
          headers: H,
          body: Buffer.from(JSON.stringify([job, job])),
        })
      ).json()) as Array<{ id: string }>;
      const [running, pending] = sub.map((s) => s.id);
      for (let k = 0; k < 200; k++) {
        const st = (await (
          await fetch(`${endpoint}problems/?id=${running}`, { headers: H })
        ).json()) as Array<{
          status: string;
        }>;
        if (st[0]!.status === 'IN_PROGRESS') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const t0 = performance.now();
      server.kill('SIGTERM');
      const s = await done;
      expect(performance.now() - t0).toBeLessThan(2500);
      expect(s.code, s.stderr).toBe(0);
      expect(s.stderr).toContain(`1 problem in progress cancelled (${running})`);
      expect(s.stderr).toContain(`1 problem pending not run (cancelled) (${pending})`);
      expect(s.stderr + s.stdout).not.toContain(TOKEN);
    },
    60_000,
  );
});
