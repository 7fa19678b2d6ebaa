/**
 * The Leap client, the SAPI server and qpu-sim apply one set of QPU rules (src/sim/qpu/rules): each refuses
 * the same bad problem with the same message.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { encodeQpProblem, problemTypeOf } from '../../src/sapi/client/qp-coders.js';
import { QpuSimulator } from '../../src/sim/qpu/qpu-simulator.js';
import { type Harness, startHarness, TOKEN } from './helpers/setup.js';

const NAME = 'Advantage_system4.1';
const sim = new QpuSimulator({ threads: 1 });
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ [NAME]: sim });
});
afterAll(async () => {
  await h.server.close();
});

const message = (e: unknown) => (e instanceof Error ? e.message : `resolved: ${JSON.stringify(e)}`);

/** What the SAPI server answers to a POST of the problem (error_msg of its 400 reply). */
async function serverMessage(bqm: BinaryQuadraticModel, params: Record<string, unknown>): Promise<string> {
  const entry = h.server.solvers.get(NAME)!;
  const res = await fetch(new URL('problems/', h.server.endpoint), {
    method: 'POST',
    headers: { 'X-Auth-Token': TOKEN, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      solver: entry.description.identity,
      type: problemTypeOf(bqm.vartype),
      data: encodeQpProblem(entry.encoding, bqm, NAME),
      params,
    }),
  });
  expect(res.status).toBe(400);
  return ((await res.json()) as { error_msg: string }).error_msg;
}

const cases: Array<[string, BinaryQuadraticModel, Record<string, unknown>, RegExp]> = [
  [
    'h outside h_range with auto_scale false',
    BinaryQuadraticModel.fromIsing([[30, 5]], []),
    { auto_scale: false },
    /^auto_scale is false and h\[30\] = 5 is outside h_range \[-4, 4\]; give values within the ranges or set auto_scale true$/,
  ],
  [
    'a QUBO coupling outside extended_j_range in its Ising form',
    BinaryQuadraticModel.fromQubo([[[30, 31], 12]]),
    { auto_scale: false },
    /^auto_scale is false and J\[30, 31\] = 3 is outside extended_j_range \[-2, 1\] \(Ising form of the QUBO\)/,
  ],
  [
    'an anneal_schedule steeper than the solver allows',
    BinaryQuadraticModel.fromIsing([[30, 1]], []),
    {
      anneal_schedule: [
        [0, 0],
        [0.1, 1],
      ],
    },
    /^anneal_schedule: point 2 .*exceeds the maximum slope 2/,
  ],
  [
    'a reverse anneal without initial_state',
    BinaryQuadraticModel.fromIsing([[30, 1]], []),
    {
      anneal_schedule: [
        [0, 1],
        [5, 0.5],
        [10, 1],
      ],
    },
    /^initial_state: a reverse anneal \(anneal_schedule starting at s = 1\) needs an initial_state$/,
  ],
];

describe('one set of QPU rules', () => {
  it.each(cases)(
    '%s: the Leap client, the SAPI server and qpu-sim refuse it alike',
    async (_, bqm, params, re) => {
      const posts = () => h.server.requests.filter((r) => r.method === 'POST').length;
      const fromSim = message(await sim.sample(bqm, params).catch((e) => e));
      const before = posts();
      const sampler = await h.sampler();
      const fromClient = message(await sampler.sample(bqm, params).catch((e) => e));
      // the client refused before sending anything
      expect(posts()).toBe(before);
      const fromServer = await serverMessage(bqm, params);
      expect(fromSim).toMatch(re);
      expect(fromClient).toBe(fromSim);
      expect(fromServer).toBe(fromSim);
    },
  );
});
