/**
 * The HTML report of `qaxai validate`: settings in words (no JSON dump), P(ground) and P(first excited) side by
 * side with instances off by more than 0.1 flagged, and energy histograms as bars over every level from the
 * ground up (levels no read reached drawn at zero) with binomial error bars.
 */

import { describe, expect, it } from 'vitest';
import type { ValidationReport } from '../../src/studies/validation/compare.js';
import { describeEmulator, histogramSvg, validationHtml } from '../../src/studies/validation/report-html.js';

function report(over: Partial<ValidationReport> = {}): ValidationReport {
  return {
    numVariables: 24,
    groundEnergy: -40,
    groundEnergySource: 'exact',
    groundDegeneracy: 2,
    firstExcitedEnergy: -38,
    pGround: { qpu: 0.73, sim: 0.49 },
    pFirstExcited: { qpu: 0.26, sim: 0.45 },
    flagged: true,
    exactLevels: [-40, -38, -36, -34],
    emulation: {
      engine: 'pimc',
      schedule: 'Advantage_system4.1',
      temperature_mk: 15.4,
      beta_per_ghz: 3.116,
      num_sweeps: 3125,
      trotter_slices: 32,
      auto_scale_factor: 1,
      h_noise_sigma: 0.02,
      j_noise_sigma: 0.02,
      noise: 'per_programming',
      readout_flip_probability: 0,
      programmings: 25,
    },
    energyTvd: 0.24,
    meanResidualEnergy: { qpu: 0.6, sim: 1.3 },
    effectiveBeta: { qpu: 1.2, sim: 0.9 },
    effectiveBetaStderr: { qpu: 0.1, sim: 0.1 },
    chainBreakFraction: { qpu: null, sim: null },
    samples: { qpu: 100, sim: 200 },
    // no read at −36: the level must still be drawn, at zero
    histograms: {
      qpu: { energies: [-40, -38, -34], counts: [73, 26, 1] },
      sim: { energies: [-40, -38, -34], counts: [98, 90, 12] },
    },
    ...over,
  };
}

const settings = {
  method: 'pimc',
  solver: 'Advantage_system4.1',
  annealingTime: 62.5,
  numReads: 200,
  spinReversalTransforms: 25,
  seed: 1,
};

describe('validate HTML report', () => {
  it('states the emulator settings in words', () => {
    const text = describeEmulator(settings, report().emulation);
    expect(text).toMatch(/path-integral Monte Carlo with 32 Trotter slices and 3125 sweeps per read/);
    expect(text).toMatch(/Temperature 15\.4 mK/);
    expect(text).toMatch(
      /standard deviation 0\.02 on every h and 0\.02 on every J, drawn once per programming/,
    );
    expect(text).toMatch(/25 spin-reversal transforms/);
    expect(text).toMatch(/200 reads per instance, seed 1/);
    expect(describeEmulator({ ...settings, method: 'sa', temperature: 12 }, null)).toMatch(
      /the sa sampler on the Advantage_system4\.1 schedule for 62\.5 µs at 12 mK/,
    );
    const page = validationHtml([{ name: 'inst', report: report() }], { settings, qpuFormat: 'bqpjson' });
    expect(page).not.toMatch(/<pre>/);
    expect(page).toContain('Temperature 15.4 mK');
  });

  it('draws bars for every level, zero-count levels included, with binomial error bars', () => {
    const svg = histogramSvg(report(), 'inst');
    // categories: residual energies 0, 2, 4 (no read), 6
    for (const c of ['>0<', '>2<', '>4<', '>6<']) expect(svg).toContain(c);
    const bars = svg.match(/<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)"[^>]*><title>/g) ?? [];
    expect(bars).toHaveLength(8); // 4 levels × (QPU, emulator)
    expect(bars.filter((b) => /height="0"/.test(b))).toHaveLength(2); // the −36 level, both runs
    // QPU at E0: p = 0.73 of 100 reads, error √(0.73·0.27/100) = 0.0444
    expect(svg).toContain('QPU (100 reads), 0: 0.73');
    const errorBars = svg.match(/<line x1="([\d.]+)" y1="([\d.]+)" x2="\1" y2="([\d.]+)" stroke="#222"\/>/g);
    expect(errorBars!.length).toBe(6); // every bar with p > 0
  });

  it('tabulates P(ground) and P(first excited) side by side and flags instances off by more than 0.1', () => {
    const ok = report({
      pGround: { qpu: 0.9, sim: 0.88 },
      pFirstExcited: { qpu: 0.1, sim: 0.11 },
      flagged: false,
    });
    const page = validationHtml(
      [
        { name: 'hard', report: report() },
        { name: 'easy', report: ok },
      ],
      { settings, qpuFormat: 'bqpjson' },
      { spearmanPGround: 1, medianAbsDeltaPGround: 0.13, medianEnergyTvd: 0.1 },
    );
    expect(page).toMatch(/1 instance off by more than 0\.1 in P\(ground\) or P\(first excited\)/);
    expect(page).toMatch(
      /<tr class="flagged"><td>hard<\/td><td>0\.73<\/td><td>0\.49<\/td><td>0\.26<\/td><td>0\.45<\/td>/,
    );
    expect(page).toMatch(/<tr><td>easy<\/td><td>0\.9<\/td><td>0\.88<\/td><td>0\.1<\/td><td>0\.11<\/td>/);
  });
});
