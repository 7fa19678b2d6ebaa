/**
 * The commands' text (non-`--json`) output, as a new user reads it: meaningful digits, one unit vocabulary,
 * the defaults used, the files written, aligned tables and fits as formulas with their quality. And
 * `qaxai anneal --method pimc --json` reports its sweeps as steps.
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bqmToSimpleJson } from '../../src/hamiltonian/io/simple-json.js';
import { DEFAULT_SWEEPS_PER_TAU } from '../../src/sim/mc/anneal-params.js';
import { formatPowerLaw } from '../../src/util/format.js';
import { repoRoot } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process-cli.js';
import { randomBqm } from '../helpers/random-models.js';

const model = join(repoRoot, 'examples', 'frustrated-ring.json');
const tmp = () => mkdtempSync(join(tmpdir(), 'qaxai-text-'));
/** A number written with floating-point noise, e.g. -5.600000000000001. */
const NOISE = /\d\.\d*(?:0{6,}|9{6,})\d/;

/** The lines of the first aligned table in `text` (from its header to the first line of another width). */
function tableLines(text: string, header: RegExp): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => header.test(l));
  expect(start, text).toBeGreaterThanOrEqual(0);
  const width = lines[start]!.length;
  const out: string[] = [];
  for (const l of lines.slice(start)) {
    if (l.length !== width) break;
    out.push(l);
  }
  return out;
}

describe('qaxai anneal', () => {
  it('text: digits without noise, τ as the unit, the default τ and the plot written', async () => {
    const svg = join(tmp(), 'overlap.svg');
    const r = await runInProcess('anneal', model, '--svg', svg);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('ground energy -5.6 (degeneracy 1)');
    expect(r.out).not.toMatch(NOISE);
    expect(r.out).toMatch(/^\d+ steps of dt = [\d.]+ τ; estimated error/m);
    expect(r.out).toMatch(/^TTS99 [\d.]+ τ$/m);
    expect(r.out.replaceAll('--tau', '')).not.toMatch(/hbar|\btau\b/);
    expect(r.out).toMatch(
      /^defaults used: anneal time 10 τ \(--tau\), dt for a success-probability error ≤ 0\.0001/m,
    );
    expect(r.out).toContain(`wrote overlap plot: ${svg}`);
    expect(readFileSync(svg, 'utf8')).toContain('time (τ)');
    const given = await runInProcess('anneal', model, '--tau', '10', '--steps', '400');
    expect(given.out).not.toContain('defaults used');
  });

  it('--method pimc --json reports its sweeps as steps', async () => {
    const r = await runInProcess('anneal', model, '--method', 'pimc', '--beta', '5', '--seed', '3', '--json');
    expect(r.code, r.err).toBe(0);
    const d = JSON.parse(r.out) as { steps: number; samplerInfo: { parameters: { num_sweeps: number } } };
    expect(d.steps).toBe(10 * DEFAULT_SWEEPS_PER_TAU);
    expect(d.steps).toBe(d.samplerInfo.parameters.num_sweeps);
  });

  it('pimc text: the probability with its binomial error, the defaults with their flags', async () => {
    const r = await runInProcess('anneal', model, '--method', 'pimc', '--beta', '5', '--num-reads', '50');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^success probability [\d.]+( ± [\d.]+)? \(\d+ of 50 reads in the ground set/m);
    expect(r.out).toMatch(/^1000 sweeps$/m);
    expect(r.out).toMatch(
      /^defaults used: anneal time 10 τ \(--tau\), 32 Trotter slices \(--num-slices\), seed \d+ \(random/m,
    );
  });
});

describe('ground, gap, schedules', () => {
  it('ground: energies without floating-point noise in an aligned table', async () => {
    const r = await runInProcess('ground', model);
    expect(r.out).toContain('ground energy -5.6 (degeneracy 1)');
    expect(r.out).not.toMatch(NOISE);
    const t = tableLines(r.out, /^energy {2}degeneracy$/);
    expect(t).toHaveLength(6);
    expect(t[2]).toMatch(/^ +-4\.6 +1$/);
  });

  it('gap: the energy unit in words, the default points, the plot written', async () => {
    const svg = join(tmp(), 'gap.svg');
    const r = await runInProcess('gap', model, '--svg', svg);
    expect(r.out).toMatch(/^minimum gap Δmin = [\d.]+ \(dimensionless\) at s = [\d.]+$/m);
    expect(r.out).toContain('defaults used: 101 scan points (--points)');
    expect(r.out).toContain(`wrote spectrum plot: ${svg}`);
    expect(readFileSync(svg, 'utf8')).toContain('E (dimensionless)');
    const ghz = await runInProcess('gap', model, '--schedule', 'Advantage_system4.1', '--points', '31');
    expect(ghz.out).toMatch(/^minimum gap Δmin = [\d.]+ GHz at s/m);
    expect(ghz.out).not.toContain('defaults used');
  });

  it('schedules: interpolated values without noise, in aligned columns', async () => {
    const r = await runInProcess('schedules', 'linear', '--points', '11');
    expect(r.out).not.toMatch(NOISE);
    const t = tableLines(r.out, /^ *s +A\(s\) \(dimensionless\)/);
    expect(t).toHaveLength(12);
    expect(t[8]).toMatch(/^0\.7 +0\.3 +0\.7$/);
  });
});

describe('qaxai study', () => {
  it('anneal: an aligned table with units in the header', async () => {
    const r = await runInProcess('study', model, '--tau', '1,2,5', '--steps', '100');
    expect(r.code, r.err).toBe(0);
    const t = tableLines(r.out, /^instance +anneal time \(τ\) +success probability +TTS99 \(τ\)$/);
    expect(t).toHaveLength(4);
    expect(r.out).not.toContain('defaults used');
  });

  it('gap: the power-law fit as a formula with r², a warning when poor, and the files written', async () => {
    const dir = tmp();
    const out = join(dir, 'study');
    for (let n = 3; n <= 7; n++)
      writeFileSync(join(dir, `m${n}.json`), JSON.stringify(bqmToSimpleJson(randomBqm(n, 0.8, 100 + n))));
    const r = await runInProcess('study', '--instances', dir, '--metric', 'gap', '--out', out);
    expect(r.code, r.err).toBe(0);
    const fit = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).gap.fit;
    expect(r.out).toContain(formatPowerLaw(fit, { x: 'd', y: 'Δmin' }));
    expect(r.out).toMatch(/Δmin ≈ [\d.]+·d\^-?[\d.]+ \(r² = [\d.]+, 5 points/);
    expect(r.out.includes('poor fit, do not extrapolate')).toBe(fit.r2 < 0.9);
    expect(r.out).not.toContain('{"a"');
    expect(tableLines(r.out, /^instance +n +minimum gap \(dimensionless\) +s at minimum$/)).toHaveLength(6);
    expect(r.out).toContain(`wrote minimum-gap plot: ${join(out, 'gap.svg')}`);
    expect(r.out).toContain(`wrote study folder (results.csv, results.json, summary.json, points/): ${out}`);
  });
});
