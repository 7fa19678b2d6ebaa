/**
 * The HTML report of `qaxai validate`: the emulator's settings in words, a table of every instance with P(ground)
 * and P(first excited) of the QPU and the emulator side by side (instances off by more than 0.1 flagged), and per
 * instance the energy histograms as bars — every level from the ground level up, zero-count levels included —
 * with ±1 binomial standard errors √(p(1 − p)/N).
 */

import { energiesEqual } from '../../sim/exact/enumerate.js';
import { barChartSvg } from '../../util/plot/bar-chart.js';
import { FLAG_DELTA_P, type ValidationReport } from './compare.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const fmt = (v: number | null | undefined, digits = 4) =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : Number(v.toPrecision(digits)).toString();

/** Most histogram levels drawn; the rest are summed into one "higher" bar. */
const MAX_LEVELS = 24;

/** The residual-energy levels of a report: exact levels up to the highest read, and every level a run reached. */
function levels(r: ValidationReport): number[] {
  const seen = [...r.histograms.qpu.energies, ...r.histograms.sim.energies];
  const top = Math.max(...seen, r.groundEnergy);
  const all = [...seen, ...(r.exactLevels ?? []).filter((e) => e <= top)].sort((a, b) => a - b);
  const out: number[] = [];
  for (const e of all) if (!out.length || !energiesEqual(out[out.length - 1]!, e)) out.push(e);
  return out;
}

/** Bars of the two energy histograms over residual energy E − E0, with binomial error bars. */
export function histogramSvg(r: ValidationReport, title: string): string {
  const lv = levels(r);
  const shown = lv.length > MAX_LEVELS ? lv.slice(0, MAX_LEVELS - 1) : lv;
  const categories = shown.map((e) => fmt(e - r.groundEnergy, 6));
  if (shown.length < lv.length) categories.push(`> ${fmt(shown[shown.length - 1]! - r.groundEnergy, 6)}`);
  const series = (['qpu', 'sim'] as const).map((k) => {
    const h = r.histograms[k];
    const total = h.counts.reduce((a, b) => a + b, 0);
    const p = categories.map(() => 0);
    h.energies.forEach((e, j) => {
      let i = shown.findIndex((x) => energiesEqual(x, e));
      if (i < 0) i = shown.length; // past the shown levels: the "higher" bar
      p[i]! += total ? h.counts[j]! / total : 0;
    });
    return {
      name: `${k === 'qpu' ? 'QPU' : 'emulator'} (${total} reads)`,
      values: p,
      errors: p.map((x) => (total ? Math.sqrt((x * (1 - x)) / total) : 0)),
    };
  });
  return barChartSvg({
    title,
    xLabel: 'residual energy E − E₀ (levels no read reached shown as zero)',
    yLabel: 'probability (± 1 standard error)',
    categories,
    series,
  });
}

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** The emulator's temperature, noise and engine settings as sentences. */
export function describeEmulator(
  settings: Record<string, unknown>,
  emulation: Record<string, unknown> | null,
): string {
  const parts: string[] = [];
  const reads = num(settings.numReads);
  const time = num(settings.annealingTime);
  const solver = typeof settings.solver === 'string' ? settings.solver : undefined;
  const srt = num(settings.spinReversalTransforms) ?? 0;
  if (emulation) {
    const engine = String(emulation.engine ?? 'pimc');
    const engineWords: Record<string, string> = {
      pimc: `path-integral Monte Carlo with ${fmt(num(emulation.trotter_slices))} Trotter slices and ${fmt(num(emulation.num_sweeps), 8)} sweeps per read`,
      svmc: `spin-vector Monte Carlo with ${fmt(num(emulation.num_sweeps), 8)} sweeps per read`,
      'svmc-tf': `spin-vector Monte Carlo (transverse-field steps) with ${fmt(num(emulation.num_sweeps), 8)} sweeps per read`,
      statevector: 'closed-system Schrödinger evolution (statevector), reads drawn from the final state',
    };
    parts.push(
      `The emulator is qpu-sim on the ${esc(solver ?? String(emulation.schedule ?? ''))} profile: ${engineWords[engine] ?? esc(engine)}, along the published schedule ${esc(String(emulation.schedule ?? ''))}${time !== undefined ? ` for ${fmt(time)} µs` : ''}.`,
      `Temperature ${fmt(num(emulation.temperature_mk))} mK (β = ${fmt(num(emulation.beta_per_ghz))} per GHz).`,
      `Programming noise: Gaussian errors of standard deviation ${fmt(num(emulation.h_noise_sigma))} on every h and ${fmt(num(emulation.j_noise_sigma))} on every J, drawn ${emulation.noise === 'per_read' ? 'afresh for every read' : 'once per programming'}; readout flips each spin with probability ${fmt(num(emulation.readout_flip_probability))}.`,
      `auto_scale factor ${fmt(num(emulation.auto_scale_factor))}; ${srt} spin-reversal transform${srt === 1 ? '' : 's'} (${fmt(num(emulation.programmings))} programming${emulation.programmings === 1 ? '' : 's'}).`,
    );
  } else {
    const temp = num(settings.temperature);
    parts.push(
      `The emulator is the ${esc(String(settings.method ?? ''))} sampler${solver ? ` on the ${esc(solver)} schedule` : ''}${time !== undefined ? ` for ${fmt(time)} µs` : ''}${temp !== undefined ? ` at ${fmt(temp)} mK` : ''}, with ${srt} spin-reversal transform${srt === 1 ? '' : 's'}; it models no programming noise.`,
    );
  }
  parts.push(
    `${reads !== undefined ? `${reads} reads per instance` : 'Reads as the QPU run'}, seed ${fmt(num(settings.seed), 12)}.`,
  );
  return parts.join(' ');
}

function flagCell(on: boolean): string {
  return on ? `<td class="flag">off by &gt; ${FLAG_DELTA_P}</td>` : '<td></td>';
}

/** The instances table: P(ground) and P(first excited), QPU and emulator side by side. */
function instancesTable(rows: ReadonlyArray<{ name: string; report: ValidationReport }>): string {
  const body = rows
    .map(
      ({ name, report: r }) =>
        `<tr${r.flagged ? ' class="flagged"' : ''}><td>${esc(name)}</td><td>${fmt(r.pGround.qpu)}</td><td>${fmt(r.pGround.sim)}</td><td>${fmt(r.pFirstExcited.qpu)}</td><td>${fmt(r.pFirstExcited.sim)}</td><td>${fmt(r.energyTvd)}</td>${flagCell(r.flagged)}</tr>`,
    )
    .join('\n');
  return `<table>
<tr><th rowspan="2">instance</th><th colspan="2">P(ground)</th><th colspan="2">P(first excited)</th><th rowspan="2">energy TVD</th><th rowspan="2"></th></tr>
<tr><th>QPU</th><th>emulator</th><th>QPU</th><th>emulator</th></tr>
${body}
</table>`;
}

function details(r: ValidationReport): string {
  return `<table>
<tr><th></th><th>QPU</th><th>emulator</th></tr>
<tr><td>mean residual energy</td><td>${fmt(r.meanResidualEnergy.qpu)}</td><td>${fmt(r.meanResidualEnergy.sim)}</td></tr>
<tr><td>effective β (Boltzmann fit)</td><td>${fmt(r.effectiveBeta.qpu)} ± ${fmt(r.effectiveBetaStderr.qpu, 2)}</td><td>${fmt(r.effectiveBeta.sim)} ± ${fmt(r.effectiveBetaStderr.sim, 2)}</td></tr>
<tr><td>chain-break fraction</td><td>${fmt(r.chainBreakFraction.qpu)}</td><td>${fmt(r.chainBreakFraction.sim)}</td></tr>
</table>
<p>Ground energy ${fmt(r.groundEnergy, 10)} (${r.groundEnergySource}${r.groundDegeneracy ? `, degeneracy ${r.groundDegeneracy}` : ''}).</p>`;
}

function summaryText(s: Record<string, unknown>, flagged: number, total: number): string {
  const fit = s.fit as { temperature?: number; noiseSigma?: number | null } | undefined;
  return `<p>Over ${total} instance${total === 1 ? '' : 's'}: Spearman rank correlation of P(ground) ${fmt(num(s.spearmanPGround), 3)}, median |ΔP(ground)| ${fmt(num(s.medianAbsDeltaPGround))}, median energy TVD ${fmt(num(s.medianEnergyTvd))}; ${flagged} instance${flagged === 1 ? '' : 's'} off by more than ${FLAG_DELTA_P} in P(ground) or P(first excited).${fit ? ` Fitted temperature ${fmt(fit.temperature)} mK, noise σ ${fit.noiseSigma === null || fit.noiseSigma === undefined ? '—' : fmt(fit.noiseSigma)}.` : ''}</p>`;
}

export function validationHtml(
  rows: ReadonlyArray<{ name: string; report: ValidationReport }>,
  meta: Record<string, unknown>,
  summary?: Record<string, unknown>,
): string {
  const settings = (meta.settings ?? {}) as Record<string, unknown>;
  const flagged = rows.filter((r) => r.report.flagged).length;
  const head = `<p>${describeEmulator(settings, rows[0]?.report.emulation ?? null)}</p>
<p>QPU result format: ${esc(String(meta.qpuFormat ?? ''))}${typeof meta.embedding === 'string' ? `; embedding ${esc(meta.embedding)}` : ''}.</p>`;
  const body = rows
    .map(
      ({ name, report }) =>
        `<section><h2>${esc(name)}${report.flagged ? ` <span class="flag">(off by more than ${FLAG_DELTA_P})</span>` : ''}</h2>${histogramSvg(report, name)}${instancesTable([{ name, report }])}${details(report)}</section>`,
    )
    .join('\n');
  const summaryHtml = summary
    ? `<section><h2>Summary</h2>${summaryText(summary, flagged, rows.length)}${instancesTable(rows)}</section>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>qaxai validate</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;color:#222}table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}td:first-child{text-align:left}section{margin-bottom:2.5em}.flag{color:#b00}tr.flagged td{background:#fff0f0}</style>
</head><body>
<h1>Emulator vs QPU</h1>
${head}
${summaryHtml}
${body}
</body></html>
`;
}
