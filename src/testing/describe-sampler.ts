/**
 * `describeSampler`: a conformance suite for any sampler, after dimod's testing/sampler.py
 * (load_sampler_bqm_tests). It registers its tests through the runner functions it is given (vitest's
 * `describe`/`it`/`afterAll`, or node:test's), so this module imports no test framework:
 *
 *   import { afterAll, describe, it } from 'vitest';
 *   describeSampler(() => new MySampler(), { test: { describe, it, afterAll }, maxVariables: 3 });
 *
 * The tests: the sampler (composite, structured) API; dimod's models (empty, one variable, a path of two and of
 * three) with integer, string and tuple labels, as SPIN and BINARY models with offsets and through
 * sampleIsing/sampleQubo, energies checked; an unknown parameter (a ParameterError naming it); seed
 * determinism; an aborted signal (CancelledError); info.timing and snake_case info keys.
 */

import { AssertionError } from 'node:assert';
import { CancelledError, InputError, ParameterError } from '../errors.js';
import { BinaryQuadraticModel } from '../hamiltonian/bqm.js';
import type { Label } from '../hamiltonian/labels.js';
import type { SampleSet } from '../hamiltonian/sample-set.js';
import { isComposite, isStructured, type SampleParams, type Sampler } from '../sim/sampler.js';
import {
  assertCompositeApi,
  assertSamplerApi,
  assertSamplerInfo,
  assertSampleSetEnergies,
  assertStructuredApi,
  sampleValue,
} from './asserts.js';

/** The runner's test functions (vitest's and node:test's fit). */
export interface SamplerTestApi {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void> | void): unknown;
  /** Used to close the sampler after the suite. */
  afterAll?(body: () => Promise<void> | void): unknown;
}

/** Builds the sampler under test (once per suite, on first use). */
export type SamplerFactory = () => Sampler | Promise<Sampler>;

export interface DescribeSamplerOptions {
  /** The runner's describe/it (and afterAll, to close the sampler). */
  test: SamplerTestApi;
  /** Suite name (default "sampler conformance"). */
  name?: string;
  /** The largest model to sample, 0 to 3 variables (dimod's max_num_variables; default 3). */
  maxVariables?: number;
  /** Parameters added to every call (few reads and sweeps keep the suite fast). */
  params?: SampleParams;
  /**
   * Parameters that make two runs give the same rows; default `{seed: 2024}` when the sampler declares `seed`,
   * else the determinism test is skipped; `false` skips it.
   */
  seedParams?: SampleParams | false;
  /** What the empty model gives: a sample set (dimod's rule; default) or an InputError ("rejects"). */
  emptyModel?: 'samples' | 'rejects';
}

/** One of dimod's test models: Ising h, J and QUBO Q over the labels u = [["a"]] (a tuple), v = 0, w = "c". */
interface TestModel {
  title: string;
  size: number;
  h: [Label, number][];
  J: [[Label, Label], number][];
  Q: [[Label, Label], number][];
  spinOffset: number;
  binaryOffset: number;
}

const u: Label = [['a']];
const v: Label = 0;
const w: Label = 'c';

const MODELS: readonly TestModel[] = [
  { title: 'the empty model', size: 0, h: [], J: [], Q: [], spinOffset: 1.5, binaryOffset: 1.5 },
  {
    title: 'one variable (a tuple label)',
    size: 1,
    h: [[u, 6]],
    J: [],
    Q: [[[u, u], 6]],
    spinOffset: 1.5,
    binaryOffset: 1.5,
  },
  {
    title: 'a path of two (tuple and integer labels)',
    size: 2,
    h: [[u, 6]],
    J: [[[u, v], -3]],
    Q: [
      [[u, u], 6],
      [[u, v], -3],
    ],
    spinOffset: 3,
    binaryOffset: 8,
  },
  {
    title: 'a path of three (tuple, integer and string labels)',
    size: 3,
    h: [[u, 6]],
    J: [
      [[u, v], -3],
      [[v, w], 105],
    ],
    Q: [
      [[u, u], 6],
      [[u, v], -3],
      [[v, w], 105],
    ],
    spinOffset: -4,
    binaryOffset: 16,
  },
];

function ensure(ok: unknown, message: string): asserts ok {
  if (!ok) throw new AssertionError({ message });
}

/** Σ h s + Σ J s s (or Σ Q x x) of each row, computed here, against the row's energy. */
function assertPolynomialEnergies(ss: SampleSet, terms: [Label[], number][], what: string): void {
  for (const row of ss.data({ fields: ['sample', 'energy'] })) {
    let e = 0;
    for (const [labels, c] of terms)
      e += labels.reduce<number>((acc, l) => acc * sampleValue(row.sample, l), c);
    ensure(
      Math.round((e - row.energy) * 1e7) === 0,
      `${what}: a row has energy ${row.energy}, the model gives ${e}`,
    );
  }
}

async function rejection(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (e) {
    return e;
  }
  throw new AssertionError({ message: 'expected the call to fail, but it returned a sample set' });
}

/** Registers the conformance tests of the sampler `factory` builds. */
export function describeSampler(factory: SamplerFactory, options: DescribeSamplerOptions): void {
  const { test } = options;
  const params = options.params ?? {};
  const maxVariables = options.maxVariables ?? 3;
  let built: Promise<Sampler> | undefined;
  const sampler = (): Promise<Sampler> => {
    built ??= Promise.resolve(factory());
    return built;
  };
  const models = MODELS.filter((m) => m.size <= maxVariables);
  const largest = models[models.length - 1]!;
  const largestBqm = (): BinaryQuadraticModel =>
    BinaryQuadraticModel.fromIsing(largest.h, largest.J, largest.spinOffset);

  test.describe(options.name ?? 'sampler conformance', () => {
    test.afterAll?.(async () => {
      if (built) await (await built).close?.();
    });

    test.it('has the sampler API (and the composite and structured APIs it claims)', async () => {
      const s = await sampler();
      assertSamplerApi(s);
      if (isComposite(s)) assertCompositeApi(s);
      if (isStructured(s)) assertStructuredApi(s);
    });

    for (const m of models)
      test.it(`samples ${m.title}: SPIN and BINARY with offsets, sampleIsing, sampleQubo`, async () => {
        const s = await sampler();
        const spin = BinaryQuadraticModel.fromIsing(m.h, m.J, m.spinOffset);
        const binary = BinaryQuadraticModel.fromQubo(m.Q, m.binaryOffset);
        if (m.size === 0 && options.emptyModel === 'rejects') {
          for (const bqm of [spin, binary]) {
            const e = await rejection(s.sample(bqm, params));
            ensure(e instanceof InputError, `the empty model should give an InputError, not ${String(e)}`);
          }
          return;
        }
        for (const bqm of [spin, binary]) assertSampleSetEnergies(await s.sample(bqm, params), bqm);
        const ising = await s.sampleIsing(m.h, m.J, params);
        ensure(ising.vartype === 'SPIN', `sampleIsing returned a ${ising.vartype} sample set`);
        assertPolynomialEnergies(
          ising,
          [...m.h.map(([l, c]): [Label[], number] => [[l], c]), ...m.J],
          'sampleIsing',
        );
        const qubo = await s.sampleQubo(m.Q, params);
        ensure(qubo.vartype === 'BINARY', `sampleQubo returned a ${qubo.vartype} sample set`);
        assertPolynomialEnergies(
          qubo,
          m.Q.map(([[a, b], c]): [Label[], number] => [a === b ? [a] : [a, b], c]),
          'sampleQubo',
        );
      });

    test.it('rejects an unknown parameter with a ParameterError that names it', async () => {
      const s = await sampler();
      const name = 'qaxai_conformance_unknown';
      const e = await rejection(s.sample(largestBqm(), { ...params, [name]: 1 }));
      ensure(e instanceof ParameterError, `expected a ParameterError, got ${String(e)}`);
      ensure(e.message.includes(name), `the ParameterError does not name ${name}: ${e.message}`);
    });

    test.it('gives the same rows for the same seed', async () => {
      const s = await sampler();
      const seeded = options.seedParams ?? ('seed' in s.parameters ? { seed: 2024 } : false);
      if (seeded === false) return;
      const bqm = largestBqm();
      const [a, b] = [
        await s.sample(bqm, { ...params, ...seeded }),
        await s.sample(bqm, { ...params, ...seeded }),
      ];
      ensure(
        JSON.stringify([a.variables, [...a.samples], a.energy, a.numOccurrences]) ===
          JSON.stringify([b.variables, [...b.samples], b.energy, b.numOccurrences]),
        `two runs with ${JSON.stringify(seeded)} gave different rows`,
      );
    });

    test.it('rejects an aborted signal with a CancelledError', async () => {
      const s = await sampler();
      const ctl = new AbortController();
      ctl.abort(new Error('conformance test'));
      const e = await rejection(s.sample(largestBqm(), params, { signal: ctl.signal }));
      ensure(e instanceof CancelledError, `expected a CancelledError, got ${String(e)}`);
    });

    test.it('records info.timing, with snake_case info keys', async () => {
      const s = await sampler();
      assertSamplerInfo((await s.sample(largestBqm(), params)).info);
    });
  });
}
