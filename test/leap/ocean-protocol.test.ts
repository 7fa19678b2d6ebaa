/**
 * The server spoken to the way dwave-cloud-client 0.14 speaks (dwave.md §1): the two filtered solver fetches
 * it merges, a zlib-deflated JSON list POST with versioned Accept, long polling with `timeout=`, then
 * `problems/<id>/` for the answer, decoded as its `decode_qp_numpy` does. Built from the documented format
 * with plain fetch, independent of qaxai's client.
 */

import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { FakeQpu } from './helpers/fake-qpu.js';
import { type Harness, startHarness, TOKEN } from './helpers/setup.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ FAKE_QPU: new FakeQpu() });
});
afterAll(async () => {
  await h.server.close();
});

const V = 'version=3.0.0';
async function call(method: string, path: string, accept: string, body?: unknown) {
  const headers: Record<string, string> = { 'X-Auth-Token': TOKEN, Accept: `${accept}; ${V}` };
  let payload: Buffer | undefined;
  if (body !== undefined) {
    payload = deflateSync(Buffer.from(JSON.stringify(body)));
    headers['Content-Type'] = 'application/json';
    headers['Content-Encoding'] = 'deflate';
  }
  const res = await fetch(new URL(path, h.server.endpoint), {
    method,
    headers,
    ...(payload ? { body: payload } : {}),
  });
  // biome-ignore lint/suspicious/noExplicitAny: a JSON reply read field by field
  return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as any };
}

const pack = (xs: number[]) => {
  const b = Buffer.alloc(xs.length * 8);
  xs.forEach((x, i) => b.writeDoubleLE(x, i * 8));
  return b.toString('base64');
};

describe('the request sequence of dwave-cloud-client', () => {
  it('solvers (static and dynamic parts), submit, long poll, answer', async () => {
    const stat = await call(
      'GET',
      'solvers/remote/?filter=all,-status,-avg_load',
      'application/vnd.dwave.sapi.solver-definition-list+json',
    );
    expect(stat.type).toBe(
      'application/vnd.dwave.sapi.solver-definition-list+json; version=3.0.0; charset=utf-8',
    );
    expect(stat.json[0].status).toBeUndefined();
    expect(stat.json[0].avg_load).toBeUndefined();
    expect(stat.json[0].properties.qubits).toEqual([0, 1, 2, 3, 4, 6, 7]);
    const dyn = await call(
      'GET',
      'solvers/remote/?filter=none,%2Bidentity,%2Bstatus,%2Bavg_load',
      'application/vnd.dwave.sapi.solver-definition-list+json',
    );
    expect(dyn.json[0]).toEqual({ identity: stat.json[0].identity, status: 'ONLINE', avg_load: 0 });

    // encode_problem_as_qp by hand: h on qubits 0 and 4 (others NaN), J on coupler (0, 4) only
    const qubits: number[] = stat.json[0].properties.qubits;
    const lin = qubits.map((q) => (q === 0 ? 1 : q === 4 ? -0.5 : Number.NaN));
    const problem = {
      solver: stat.json[0].identity,
      data: { format: 'qp', lin: pack(lin), quad: pack([-1]), offset: 2 },
      type: 'ising',
      params: { num_reads: 10 },
      label: 'ocean-style',
    };
    const sub = await call('POST', 'problems/', 'application/vnd.dwave.sapi.problems+json', [problem]);
    expect(sub.status).toBe(200);
    expect(sub.type).toMatch(/^application\/vnd.dwave.sapi.problems\+json; version=3.0.0/);
    expect(sub.json).toHaveLength(1);
    const id = sub.json[0].id;
    expect(sub.json[0]).toMatchObject({
      status: 'PENDING',
      type: 'ising',
      label: 'ocean-style',
      solved_on: null,
    });

    let status = sub.json[0].status;
    for (let k = 0; k < 10 && status !== 'COMPLETED'; k++) {
      const poll = await call(
        'GET',
        `problems/?id=${id}&timeout=30`,
        'application/vnd.dwave.sapi.problems+json',
      );
      status = poll.json[0].status;
    }
    expect(status).toBe('COMPLETED');
    const done = await call('GET', `problems/${id}/`, 'application/vnd.dwave.sapi.problem+json');
    expect(done.type).toMatch(/^application\/vnd.dwave.sapi.problem\+json; version=3.0.0/);
    const a = done.json.answer;
    expect(a).toMatchObject({ format: 'qp', num_variables: 8 });

    // decode_qp_numpy: int32 active variables, float64 energies (+ offset client-side), MSB-first bit rows
    const active = [...Buffer.from(a.active_variables, 'base64').values()].length / 4;
    expect(active).toBe(2);
    const energies = Buffer.from(a.energies, 'base64');
    const occ = Buffer.from(a.num_occurrences, 'base64');
    const bits = Buffer.from(a.solutions, 'base64');
    const rows = energies.length / 8;
    let total = 0;
    const bqm = BinaryQuadraticModel.fromIsing(
      [
        [0, 1],
        [4, -0.5],
      ],
      [[[0, 4], -1]],
      2,
    );
    for (let r = 0; r < rows; r++) {
      const s0 = bits[r]! & 0x80 ? 1 : -1;
      const s4 = bits[r]! & 0x40 ? 1 : -1;
      expect(energies.readDoubleLE(r * 8) + 2).toBeCloseTo(
        bqm.energy(
          new Map([
            [0, s0],
            [4, s4],
          ]),
        ),
        12,
      );
      total += occ.readInt32LE(r * 4);
    }
    expect(total).toBe(10);
  });

  it('a single-object POST (api.resources.Problems.submit_problem) gets a single status back', async () => {
    const stat = await call(
      'GET',
      'solvers/remote/FAKE_QPU',
      'application/vnd.dwave.sapi.solver-definition+json',
    );
    const lin = (stat.json.properties.qubits as number[]).map((q) => (q === 1 ? 0.5 : Number.NaN));
    const one = await call('POST', 'problems/', 'application/vnd.dwave.sapi.problems+json', {
      solver: stat.json.identity,
      data: { format: 'qp', lin: pack(lin), quad: '' },
      type: 'qubo',
      params: {},
    });
    expect(one.status).toBe(200);
    expect(Array.isArray(one.json)).toBe(false);
    expect(one.json.status).toMatch(/PENDING|IN_PROGRESS|COMPLETED/);
    const info = await call(
      'GET',
      `problems/${one.json.id}/info`,
      'application/vnd.dwave.sapi.problem-data+json',
    );
    expect(info.json.metadata).toMatchObject({ type: 'qubo', solver: stat.json.identity });
  });
});
