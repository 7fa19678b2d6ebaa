/** Starts a SAPI server over test doubles and builds clients for it (loopback only). */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LeapClient, type LeapClientOptions } from '../../../src/sapi/client/client.js';
import { createLeapSampler, type LeapSampler } from '../../../src/sapi/client/leap-sampler.js';
import { type SapiServer, type SapiServerOptions, startSapiServer } from '../../../src/sapi/server/server.js';
import type { StructuredSampler } from '../../../src/sim/sampler.js';
import { FakeQpu } from './fake-qpu.js';

export const TOKEN = 'DEV-s3cr3t-t0ken-4c9f2e7b1d';

export interface Harness {
  server: SapiServer;
  logs: string[];
  client(o?: Partial<LeapClientOptions>): LeapClient;
  sampler(o?: Partial<LeapClientOptions>, saveRawDir?: string): Promise<LeapSampler>;
}

export async function startHarness(
  solvers: Record<string, StructuredSampler> = { FAKE_QPU: new FakeQpu() },
  o: Partial<SapiServerOptions> = {},
): Promise<Harness> {
  const logs: string[] = [];
  const server = await startSapiServer({
    solvers,
    token: TOKEN,
    log: (l) => logs.push(`server: ${l}`),
    ...o,
  });
  const clientOptions = (extra: Partial<LeapClientOptions> = {}): LeapClientOptions => ({
    endpoint: server.endpoint,
    token: TOKEN,
    pollWaitSeconds: 2,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    lookupPauseMs: 50,
    requestTimeoutMs: 5000,
    log: (l) => logs.push(`client: ${l}`),
    ...extra,
  });
  const empty = mkdtempSync(join(tmpdir(), 'qaxai-leap-env-'));
  return {
    server,
    logs,
    client: (extra) => new LeapClient(clientOptions(extra)),
    sampler: (extra, saveRawDir) =>
      createLeapSampler({
        solver: Object.keys(solvers)[0],
        client: new LeapClient(clientOptions(extra)),
        environment: { env: {}, cwd: empty, home: empty },
        config: { token: TOKEN, endpoint: server.endpoint },
        saveRawDir,
      }),
  };
}
