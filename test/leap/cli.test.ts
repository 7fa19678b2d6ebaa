/**
 * The CLI against a SAPI server on loopback (the server runs in this process over a test double; the CLI runs
 * as a child process, asynchronously so the server keeps answering): `sample --sampler leap`, `leap solvers`,
 * `leap problem`, `leap replay`, `leap config`; and the token appears nowhere in what they print or write.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { FakeQpu } from './helpers/fake-qpu.js';
import { type Harness, startHarness, TOKEN } from './helpers/setup.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'qaxai.js'), ...args], {
      cwd: cwd ?? work,
      env: { PATH: process.env.PATH ?? '', HOME: work, QAXAI_NO_PROGRESS: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

let h: Harness;
let work: string;
let env: Record<string, string>;
const everything: string[] = [];
const record = (r: Run) => {
  everything.push(r.stdout, r.stderr);
  return r;
};

beforeAll(async () => {
  h = await startHarness({ FAKE_QPU: new FakeQpu(), SLOW_QPU: new FakeQpu({ delayMs: 5000 }) });
  work = mkdtempSync(join(tmpdir(), 'qaxai-leap-cli-'));
  writeFileSync(
    join(work, 'm.json'),
    JSON.stringify({
      vartype: 'SPIN',
      h: { '0': 0.5, '4': -0.3, '6': 0.2 },
      J: { '0,4': -1, '0,6': 0.7 },
      offset: 0.5,
    }),
  );
  env = { DWAVE_API_TOKEN: TOKEN, DWAVE_API_ENDPOINT: h.server.endpoint };
});
afterAll(async () => {
  await h.server.close();
});

describe('qaxai CLI with --sampler leap and qaxai leap', () => {
  it('leap solvers --json lists name, topology, numQubits, status', async () => {
    const r = record(await cli(['leap', 'solvers', '--json'], env));
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.endpoint).toBe(h.server.endpoint);
    expect(doc.solvers[0]).toMatchObject({
      name: 'FAKE_QPU',
      topology: { type: 'chimera', shape: [1, 1, 4] },
      numQubits: 8,
      numActiveQubits: 7,
      status: 'ONLINE',
    });
    const text = record(await cli(['leap', 'solvers'], env));
    expect(text.stdout).toMatch(/FAKE_QPU\s+chimera 1x1x4\s+8\s+7\s+ONLINE/);
  });

  it('sample --sampler leap --solver NAME: a SampleSet with problem_id and timing; --save-raw; replay', async () => {
    const raw = join(work, 'raw');
    const out = join(work, 'ss.json');
    const r = record(
      await cli(
        [
          'sample',
          'm.json',
          '--sampler',
          'leap',
          '--solver',
          'FAKE_QPU',
          '--num-reads',
          '40',
          '--save-raw',
          raw,
          '--json',
          '--out',
          out,
        ],
        env,
      ),
    );
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.type).toBe('SampleSet');
    expect(doc.variable_labels).toEqual([0, 4, 6]);
    expect(doc.info.problem_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(doc.info.timing.qpu_access_time).toBe(140);
    expect(doc.vectors.num_occurrences.data_type).toBe('int32');
    const e = record(await cli(['energy', 'm.json', out, '--json'], env));
    expect(JSON.parse(e.stdout).mismatches).toEqual([]);
    const files = readdirSync(raw);
    expect(files).toEqual([`${doc.info.problem_id}.json`]);
    const replay = record(await cli(['leap', 'replay', join(raw, files[0]!), '--json'], {}));
    expect(replay.code, replay.stderr).toBe(0);
    // the replay is the raw answer's SampleSet; the front end's auto-embedding adds only info.embedding_mode
    expect(doc.info.embedding_mode).toBe('direct');
    const { embedding_mode: _mode, ...rawInfo } = doc.info;
    expect(JSON.parse(replay.stdout)).toEqual({ ...doc, info: rawInfo });
    everything.push(readFileSync(join(raw, files[0]!), 'utf8'), readFileSync(out, 'utf8'));
    const p = record(await cli(['leap', 'problem', doc.info.problem_id, '--json'], env));
    expect(JSON.parse(p.stdout)).toMatchObject({
      id: doc.info.problem_id,
      status: 'COMPLETED',
      params: { num_reads: 40 },
    });
    const pa = record(await cli(['leap', 'problem', doc.info.problem_id, '--answer', '--json'], env));
    expect(JSON.parse(pa.stdout).vectors.energy).toEqual(doc.vectors.energy);
  });

  it('errors: bad parameter (exit 2, names the flag), wrong token (exit 1), no token (exit 2), unknown solver', async () => {
    const p = record(
      await cli(
        ['sample', 'm.json', '--sampler', 'leap', '--solver', 'FAKE_QPU', '--num-reads', '5000'],
        env,
      ),
    );
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/--num-reads: 5000 is outside num_reads_range \[1, 1000\]/);
    const bad = record(await cli(['leap', 'solvers'], { ...env, DWAVE_API_TOKEN: 'WRONG-1234567' }));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/HTTP 401/);
    expect(bad.stderr).not.toContain('WRONG-1234567');
    const none = record(await cli(['leap', 'solvers'], { DWAVE_API_ENDPOINT: h.server.endpoint }));
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no SAPI token/);
    const unknown = record(await cli(['sample', 'm.json', '--sampler', 'leap', '--solver', 'NOPE'], env));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/solver "NOPE" is not available .*available: FAKE_QPU/);
  });

  it('--token and --endpoint reach a leap sampler chosen by sample and explain (no environment)', async () => {
    const flags = ['--token', TOKEN, '--endpoint', h.server.endpoint];
    const r = record(
      await cli([
        'sample',
        'm.json',
        '--sampler',
        'leap',
        '--solver',
        'FAKE_QPU',
        '--num-reads',
        '5',
        '--json',
        ...flags,
      ]),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).info.problem_id).toMatch(/^[0-9a-f-]{36}$/);
    // without them: the message names every way to give the token, --token included, and it works as said
    const none = record(await cli(['sample', 'm.json', '--sampler', 'leap', '--solver', 'FAKE_QPU']));
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no SAPI token: .*--token/);
    const explainHelp = record(await cli(['explain', '--help']));
    expect(explainHelp.stdout).toMatch(/--token <token>/);
  });

  it('leap config reads dwave.conf and never prints the token', async () => {
    writeFileSync(
      join(work, 'dwave.conf'),
      `[defaults]\ntoken = ${TOKEN}\n[local]\nendpoint = ${h.server.endpoint}\n`,
    );
    const r = record(await cli(['leap', 'config', '--json'], {}));
    expect(JSON.parse(r.stdout)).toMatchObject({
      endpoint: h.server.endpoint,
      profile: 'local',
      token: 'set (from the config file)',
    });
    const s = record(await cli(['leap', 'solvers', '--json'], {}));
    expect(s.code, s.stderr).toBe(0);
  });

  it('Ctrl-C while waiting cancels the problem on the server and exits 1 with a clear message', async () => {
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, 'bin', 'qaxai.js'),
        'sample',
        'm.json',
        '--sampler',
        'leap',
        '--solver',
        'SLOW_QPU',
        '--json',
      ],
      { cwd: work, env: { PATH: process.env.PATH ?? '', HOME: work, QAXAI_NO_PROGRESS: '1', ...env } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const closed = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    const inProgress = () =>
      h.server.store.all().find((p) => p.entry.name === 'SLOW_QPU' && p.status === 'IN_PROGRESS');
    for (let t = 0; t < 200 && !inProgress(); t++) await new Promise((r) => setTimeout(r, 25));
    const p = inProgress()!;
    expect(p).toBeDefined();
    child.kill('SIGINT');
    const code = await closed;
    record({ code, stdout, stderr });
    expect(code).toBe(1);
    // with --json the failure is the one JSON document on stdout
    expect(JSON.parse(stdout).error.code).toBe('QA_CANCELLED');
    expect(stderr).toMatch(
      new RegExp(`cancelled; problem ${p.id} was in progress; cancellation was requested`),
    );
    for (let t = 0; t < 100 && p.status !== 'CANCELLED'; t++) await new Promise((r) => setTimeout(r, 20));
    expect(p.status).toBe('CANCELLED');
  });

  it('the token is in nothing the CLI printed or wrote', () => {
    expect(everything.join('\n').length).toBeGreaterThan(1000);
    for (const text of everything) expect(text).not.toContain(TOKEN);
    for (const line of h.logs) expect(line).not.toContain(TOKEN);
  });
});
