/**
 * The one anneal point (src/studies/anneal-point.ts): pimc reports its sweeps as steps, the ground level is the
 * enumerated one, TTS99 follows its formula, and the web lab's anneal job returns the point the CLI prints.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bqmToDimodJson } from '../../src/hamiltonian/io/dimod-bqm.js';
import { modelFromJsonText } from '../../src/hamiltonian/io/model-json.js';
import { getSchedule } from '../../src/hamiltonian/schedule/catalog.js';
import { forwardPath, reversePath } from '../../src/hamiltonian/schedule/paths.js';
import { solveExact } from '../../src/sim/exact/solve-exact.js';
import { DEFAULT_SWEEPS_PER_TAU } from '../../src/sim/mc/anneal-params.js';
import { annealPoint, annealPointWithSamples, tts99 } from '../../src/studies/anneal-point.js';
import { runAnneal } from '../../src/web/jobs/run-lab.js';
import { repoRoot } from '../helpers/cli.js';

const text = readFileSync(`${repoRoot}/examples/frustrated-ring.json`, 'utf8');
const bqm = modelFromJsonText(text, 'frustrated-ring.json').bqm;
const linear = (tau: number) => ({ schedule: getSchedule('linear'), path: forwardPath(tau, 'tau') });
const withoutTimes = (p: object) =>
  JSON.parse(JSON.stringify(p, (k, v) => (k === 'wallSeconds' || k === 'timing' ? undefined : v)));

describe('annealPoint', () => {
  it('tts99 = t·ln(0.01)/ln(1 − p); t at p ≥ 0.99; null at p = 0', () => {
    expect(tts99(10, 0.5)).toBeCloseTo((10 * Math.log(0.01)) / Math.log(0.5), 12);
    expect(tts99(10, 0.995)).toBe(10);
    expect(tts99(10, 0)).toBeNull();
  });

  it('pimc: steps are the sweeps the sampler ran (100 per τ by default), with the enumerated ground level', async () => {
    const exact = await solveExact(bqm, { levels: 1, maxGroundStates: 0, threads: 1 });
    const { point, sampleSet } = await annealPointWithSamples(bqm, linear(5), {
      method: 'pimc',
      beta: 5,
      seed: 11,
      numReads: 40,
      threads: 1,
    });
    if (point.method !== 'pimc') throw new Error('expected a pimc point');
    expect(point.steps).toBe(5 * DEFAULT_SWEEPS_PER_TAU);
    expect(point.steps).toBe((point.samplerInfo.parameters as { num_sweeps: number }).num_sweeps);
    expect(point.groundEnergyExact).toBe(true);
    expect(point.groundEnergy).toBeCloseTo(exact.groundEnergy, 12);
    expect(point.groundDegeneracy).toBe(exact.degeneracy);
    // the success probability is the fraction of reads on the ground level
    let hits = 0;
    for (let r = 0; r < sampleSet!.numRows; r++)
      if (Math.abs(sampleSet!.energy[r]! - exact.groundEnergy) < 1e-9) hits += sampleSet!.numOccurrences[r]!;
    expect(point.successProbability).toBe(hits / 40);
    expect(point.numReads).toBe(40);
    expect(point.tts99).toBe(tts99(5, point.successProbability));
  });

  it('statevector: the path’s keys; a reverse anneal’s start state in place of "plus"', async () => {
    const p = await annealPoint(bqm, linear(2), { method: 'statevector', steps: 200, threads: 1 });
    expect(p).toMatchObject({
      steps: 200,
      duration: 2,
      durationUnit: 'τ',
      initialState: 'plus',
      pathKind: 'forward',
    });
    const start = Int8Array.from([1, -1, 1, -1, 1, -1]);
    const rev = await annealPoint(
      bqm,
      {
        schedule: getSchedule('linear'),
        path: reversePath({
          sTarget: 0.5,
          pauseDuration: 1,
          rampDuration: 1,
          initialState: start,
          unit: 'tau',
        }),
      },
      { method: 'statevector', steps: 100, threads: 1 },
    );
    expect(rev).toMatchObject({ initialState: [1, -1, 1, -1, 1, -1], pathKind: 'reverse', duration: 3 });
  });

  it('the web lab’s anneal job returns the same point as annealPoint', async () => {
    const input = {
      problem: { name: 'ring', dimod: bqmToDimodJson(bqm) as unknown as Record<string, unknown> },
      method: 'pimc' as const,
      schedule: 'linear',
      path: { kind: 'forward' as const, duration: 3 },
      numReads: 30,
      seed: 4,
      beta: 4,
    };
    const web = await runAnneal(input, { signal: new AbortController().signal, onProgress: () => {} });
    const cli = await annealPoint(bqm, linear(3), { method: 'pimc', numReads: 30, seed: 4, beta: 4 });
    const { problem, sampleSet, ...point } = web;
    expect(problem).toBe('ring');
    expect(sampleSet).toMatchObject({ type: 'SampleSet' });
    expect(withoutTimes(point)).toEqual(withoutTimes(cli));
  });
});
