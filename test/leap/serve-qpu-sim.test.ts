/**
 * The SAPI server over qpu-sim: it keeps answering while a problem runs (the sampling goes to worker threads even
 * for one read on one thread, the case that used to run on the thread serving HTTP and stall every request behind
 * it), a running problem can be cancelled, and per-qubit parameters (anneal offsets) run, while values the
 * solver rules refuse are refused at submission with their message.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SolverDescription } from '../../src/sapi/client/models.js';
import { type SapiServer, startSapiServer } from '../../src/sapi/server/server.js';
import { QpuSimulator } from '../../src/sim/qpu/qpu-simulator.js';
import { closeAllPools } from '../../src/sim/threads/pool.js';
import { longJob } from './helpers/long-job.js';

const TOKEN = 'threads-t0ken-88a1';
const H = { 'X-Auth-Token': TOKEN };

let server: SapiServer;
beforeAll(async () => {
  server = await startSapiServer({
    solvers: { DW_2000Q_6: new QpuSimulator({ profile: 'DW_2000Q_6', threads: 1 }) },
    token: TOKEN,
  });
});
afterAll(async () => {
  await server.close();
  await closeAllPools();
});

async function timed(
  path: string,
  init: RequestInit = {},
): Promise<{ ms: number; status: number; json: unknown }> {
  const t0 = performance.now();
  const res = await fetch(new URL(path, server.endpoint), { ...init, headers: { ...H, ...init.headers } });
  const json = await res.json();
  return { ms: performance.now() - t0, status: res.status, json };
}

describe('serve-sapi while a problem runs', () => {
  it('answers GET solvers within 100 ms while a one-read problem runs on one thread; the problem cancels', async () => {
    const desc = (await timed('solvers/remote/DW_2000Q_6')).json as SolverDescription;
    const sub = await timed('problems/', {
      method: 'POST',
      body: Buffer.from(JSON.stringify(longJob(desc, 2000))),
    });
    expect(sub.status).toBe(200);
    const id = (sub.json as { id: string }).id;
    const t0 = Date.now();
    while (server.store.get(id)!.status === 'PENDING' && Date.now() - t0 < 10_000)
      await new Promise((r) => setTimeout(r, 10));
    const times: number[] = [];
    for (let k = 0; k < 8; k++) {
      await new Promise((r) => setTimeout(r, 50));
      const list = await timed('solvers/remote/');
      expect(list.status).toBe(200);
      times.push(list.ms);
      times.push((await timed('solvers/remote/?filter=none,%2Bidentity,%2Bstatus,%2Bavg_load')).ms);
      // every answer came while the problem was still running
      expect(server.store.get(id)!.status).toBe('IN_PROGRESS');
    }
    times.sort((a, b) => a - b);
    expect(times[Math.floor(times.length / 2)]).toBeLessThan(100);
    // a running problem: 202, then CANCELLED once the worker is stopped
    const del = await timed(`problems/${id}`, { method: 'DELETE' });
    expect(del.status).toBe(202);
    const st = await timed(`problems/${id}?timeout=10`);
    expect((st.json as { status: string }).status).toBe('CANCELLED');
    expect(st.ms).toBeLessThan(5000);
  }, 60_000);

  it('runs problems with anneal offsets; refuses (400) an offset outside its anneal_offset_ranges entry', async () => {
    const desc = (await timed('solvers/remote/DW_2000Q_6')).json as SolverDescription;
    const job = longJob(desc, 20, 1);
    const offsets = new Array(desc.properties.num_qubits).fill(0);
    const post = (params: Record<string, unknown>) =>
      timed('problems/', {
        method: 'POST',
        body: Buffer.from(JSON.stringify({ ...job, params: { ...(job.params as object), ...params } })),
      });
    const neutral = await post({ anneal_offsets: offsets, max_answers: 1 });
    expect(neutral.status).toBe(200);
    offsets[0] = 0.01;
    const offset = await post({ anneal_offsets: offsets });
    expect(offset.status).toBe(200);
    offsets[0] = 0.5;
    const refused = await post({ anneal_offsets: offsets });
    expect(refused.status).toBe(400);
    expect((refused.json as { error_msg: string }).error_msg).toMatch(
      /^anneal_offsets: qubit 0: 0.5 is outside its anneal_offset_ranges entry/,
    );
    for (const r of [neutral, offset]) {
      const done = await timed(`problems/${(r.json as { id: string }).id}?timeout=30`);
      expect((done.json as { status: string }).status).toBe('COMPLETED');
    }
  }, 60_000);
});
