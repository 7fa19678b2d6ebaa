/**
 * The `leap` entry of the sampler registry (src/sapi/client/sampler-entry.ts) against the SAPI server over a
 * test double: it is listed without being built, reads its configuration only from the environment the front
 * end lends, and is wrapped in what the front end lends (interrupt handling, raw-answer folder).
 */

import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { leapSamplerEntry } from '../../src/sapi/client/sampler-entry.js';
import { engineSamplerRegistry, type SamplerEntry } from '../../src/sim/registry/index.js';
import type { Sampler } from '../../src/sim/sampler.js';
import { type Harness, startHarness, TOKEN } from './helpers/setup.js';

let h: Harness;
const work = mkdtempSync(join(tmpdir(), 'qaxai-leap-entry-'));
/** An empty dwave.conf, so no configuration file of this machine takes part. */
const conf = join(work, 'dwave.conf');

beforeAll(async () => {
  writeFileSync(conf, '');
  h = await startHarness();
});
afterAll(async () => {
  await h.server.close();
});

describe('the leap registry entry', () => {
  it('is listed with its own and the embedding parameters, and built only on create', async () => {
    const created: string[] = [];
    const counted: SamplerEntry = {
      ...leapSamplerEntry,
      create: (o, env) => {
        created.push(o.solver ?? '');
        return leapSamplerEntry.create(o, env);
      },
    };
    const without = engineSamplerRegistry({ env: { DWAVE_CONFIG_FILE: conf } }).register(counted);
    const listed = without.list().find((s) => s.name === 'leap')!;
    expect(listed.available).toBe(false);
    expect(listed.reason).toMatch(/no SAPI token: set DWAVE_API_TOKEN/);
    expect(Object.keys(listed.parameters)).toEqual(
      expect.arrayContaining(['label', 'save_raw', 'embedding', 'no_embed', 'chain_strength']),
    );
    expect(listed.parametersNote).toMatch(/the chosen solver's own parameters/);
    const env = { DWAVE_CONFIG_FILE: conf, DWAVE_API_TOKEN: TOKEN, DWAVE_API_ENDPOINT: h.server.endpoint };
    const registry = engineSamplerRegistry({ env }).register(counted);
    expect(registry.list().find((s) => s.name === 'leap')!.available).toBe(true);
    expect(created).toEqual([]);
    // its parameters for a solver are known only from the solver: asking builds (and closes) one
    const specs = await registry.parameterSpecs('leap', { solver: 'FAKE_QPU' });
    expect(created).toEqual(['FAKE_QPU']);
    expect(Object.keys(specs)).toEqual(expect.arrayContaining(['num_reads', 'annealing_time', 'label']));
    for (const [name, spec] of Object.entries(leapSamplerEntry.parameters))
      expect(specs[name], name).toEqual(spec);
  });

  it('uses the lent environment and interrupt handling, not the process', async () => {
    const raw = join(work, 'raw');
    let wrapped = 0;
    const cancelOnInterrupt = <S extends Sampler>(s: S): S => {
      wrapped++;
      return s;
    };
    const registry = engineSamplerRegistry({
      env: {
        DWAVE_CONFIG_FILE: conf,
        DWAVE_API_TOKEN: TOKEN,
        DWAVE_API_ENDPOINT: h.server.endpoint,
        QAXAI_LEAP_SAVE_RAW: raw,
      },
      cancelOnInterrupt,
    }).register(leapSamplerEntry);
    expect(process.env.DWAVE_API_TOKEN).not.toBe(TOKEN);
    const sampler = await registry.create('leap', { solver: 'FAKE_QPU' });
    try {
      expect(wrapped).toBe(1);
      const ss = await sampler.sample(BinaryQuadraticModel.fromIsing([[0, 0.5]], [[[0, 4], -1]]), {
        num_reads: 5,
      });
      expect(ss.info.embedding_mode).toBe('direct');
      expect(readdirSync(raw)).toEqual([`${ss.info.problem_id}.json`]);
    } finally {
      await sampler.close?.();
    }
  });
});
