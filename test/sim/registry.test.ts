/**
 * The engine's sampler registry (src/sim/registry): listing states every sampler's parameters as data without
 * building one, the data agree with what a built sampler declares, and files are read only through the
 * reader a front end lends (none lent: a file name is refused and nothing is read).
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { InputError } from '../../src/errors.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { QPU_PROFILES } from '../../src/sim/qpu/profiles.js';
import {
  ENGINE_SAMPLER_ENTRIES,
  engineSamplerRegistry,
  type SamplerEntry,
  SamplerRegistry,
  solverNamesFile,
} from '../../src/sim/registry/index.js';
import { findStructuredChild } from '../../src/sim/sampler.js';
import { closeAllPools } from '../../src/sim/threads/pool.js';

const ENGINE_NAMES = ['exact', 'sa', 'pimc', 'pimc-ct', 'svmc', 'svmc-tf', 'statevector', 'qpu-sim'];

/** A small Leap solver description: Advantage_system4.1's profile with three working qubits, one coupler. */
const DESCRIPTION = {
  identity: { name: 'Advantage_system4.1' },
  properties: { topology: { type: 'pegasus', shape: [16] }, qubits: [30, 31, 45], couplers: [[30, 31]] },
};
const quick = { num_reads: 4, seed: 7, x_num_sweeps: 50, x_trotter_slices: 4 };

/** The engine's entries with every `create` counted. */
function countingEntries(): { entries: SamplerEntry[]; created: string[] } {
  const created: string[] = [];
  const entries = ENGINE_SAMPLER_ENTRIES.map((e) => ({
    ...e,
    create: (o: Parameters<SamplerEntry['create']>[0], env: Parameters<SamplerEntry['create']>[1]) => {
      created.push(e.name);
      return e.create(o, env);
    },
  }));
  return { entries, created };
}

describe('the sampler registry', () => {
  it('lists every engine sampler with its parameters and builds none', async () => {
    const { entries, created } = countingEntries();
    const registry = new SamplerRegistry(entries);
    const listed = registry.list();
    expect(listed.map((s) => s.name)).toEqual(ENGINE_NAMES);
    for (const s of listed) {
      expect(s.available, s.name).toBe(true);
      expect(s.summary.length).toBeGreaterThan(20);
      expect(Object.keys(s.parameters).length, s.name).toBeGreaterThan(0);
    }
    expect(Object.keys(listed.find((s) => s.name === 'sa')!.parameters)).toContain('beta_range');
    expect(Object.keys(listed.find((s) => s.name === 'qpu-sim')!.parameters)).toEqual(
      expect.arrayContaining(['num_reads', 'annealing_time', 'x_temperature_mk', 'embedding', 'no_embed']),
    );
    // the parameters for another qpu-sim profile are data too
    for (const name of registry.names) await registry.parameterSpecs(name);
    const dw = await registry.parameterSpecs('qpu-sim', { solver: 'DW_2000Q_6' });
    expect(dw.num_reads!.max).toBe(QPU_PROFILES.find((p) => p.name === 'DW_2000Q_6')!.num_reads_range[1]);
    expect(dw.fast_anneal!.doc).toMatch(/not available on this solver/);
    expect(created).toEqual([]);
  });

  it("states the same parameters a built sampler declares (qpu-sim: every profile's)", async () => {
    const registry = engineSamplerRegistry();
    try {
      for (const entry of registry.entries()) {
        const sampler = await registry.create(entry.name, { threads: 1 });
        expect(sampler.name).toBe(entry.name);
        expect(entry.parameters, entry.name).toEqual(sampler.parameters);
        await sampler.close?.();
      }
      for (const p of QPU_PROFILES) {
        const sampler = await registry.create('qpu-sim', { solver: p.name, threads: 1 });
        expect(await registry.parameterSpecs('qpu-sim', { solver: p.name }), p.name).toEqual(
          sampler.parameters,
        );
        await sampler.close?.();
      }
    } finally {
      await closeAllPools();
    }
  });

  it('names unknown samplers and refuses a second entry of one name', async () => {
    const registry = engineSamplerRegistry();
    expect(registry.has('exact')).toBe(true);
    expect(registry.has('nope')).toBe(false);
    const err = await registry.create('nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe('sampler');
    expect((err as Error).message).toMatch(/unknown sampler "nope"; available: exact, sa, .*qpu-sim/);
    expect(() => registry.register(ENGINE_SAMPLER_ENTRIES[0]!)).toThrow(/exact is already registered/);
  });

  it('takes a further entry with register (as the Leap client adds leap)', async () => {
    const extra: SamplerEntry = {
      name: 'twin-exact',
      summary: 'the exact solver under a second name',
      parameters: ENGINE_SAMPLER_ENTRIES[0]!.parameters,
      create: (o, env) => ENGINE_SAMPLER_ENTRIES[0]!.create(o, env),
    };
    const registry = engineSamplerRegistry().register(extra);
    expect(registry.names).toEqual([...ENGINE_NAMES, 'twin-exact']);
    const s = await registry.create('twin-exact', { threads: 1 });
    const ss = await s.sample(BinaryQuadraticModel.fromIsing([['a', 1]], []));
    expect(ss.energy[ss.lowestIndex()]).toBe(-1);
    await s.close?.();
  });
});

describe('file access is lent by the front end', () => {
  it('tells solver names from file names', () => {
    for (const name of ['Advantage_system4.1', 'DW_2000Q_6', 'Advantage2_system1.13'])
      expect(solverNamesFile(name), name).toBe(false);
    for (const file of ['solver.json', './solver', '/etc/x.json', 'C:\\data\\adv'])
      expect(solverNamesFile(file), file).toBe(true);
  });

  it('reads a --solver description only through the lent reader; without one it is refused unread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qaxai-registry-'));
    const path = join(dir, 'solver.json');
    writeFileSync(path, JSON.stringify(DESCRIPTION));
    // a valid description on disk: building from it would succeed, so a refusal shows it was not read
    const bare = engineSamplerRegistry();
    const err = await bare.create('qpu-sim', { solver: path }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe('solver');
    expect((err as Error).message).toMatch(
      /names a file, and files are not read here; give a qpu-sim profile/,
    );
    expect(() => bare.entries().at(-1)!.parametersFor!({ solver: path }, bare.env)).toThrow(/names a file/);

    const readTextFile = vi.fn((_path: string, _field: string) => JSON.stringify(DESCRIPTION));
    const lent = engineSamplerRegistry({ readTextFile });
    const sampler = await lent.create('qpu-sim', { solver: path, threads: 1 });
    expect(readTextFile).toHaveBeenCalledWith(path, 'solver');
    const qpu = findStructuredChild(sampler)!; // the emulator behind auto-embedding has the description's graph
    expect(qpu.nodelist).toEqual([30, 31, 45]);
    expect(qpu.edgelist).toEqual([[30, 31]]);
    await sampler.close?.();
  });

  it('reads an embedding given as a file name only through the lent reader', async () => {
    const bqm = BinaryQuadraticModel.fromIsing([['a', 0.5]], [[['a', 'b'], -1]]);
    const bare = await engineSamplerRegistry().create('qpu-sim', {
      solver: 'Advantage_system4.1',
      threads: 1,
    });
    const refused = await bare
      .sample(bqm, { ...quick, embedding: '/no/such/embedding.json' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InputError);
    expect((refused as InputError).field).toBe('embedding');
    expect((refused as Error).message).toMatch(/files are not read here; give the embedding itself/);
    await bare.close?.();

    const readTextFile = vi.fn(() => JSON.stringify({ a: [30], b: [31] }));
    const lent = await engineSamplerRegistry({ readTextFile }).create('qpu-sim', { threads: 1 });
    const ss = await lent.sample(bqm, { ...quick, embedding: 'emb.json' });
    expect(readTextFile).toHaveBeenCalledWith('emb.json', 'embedding');
    expect(ss.info.embedding_mode).toBe('fixed');
    expect([...ss.variables]).toEqual(['a', 'b']);
    await lent.close?.();
    await closeAllPools();
  });
});
