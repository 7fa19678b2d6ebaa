/** The HTML report of `qaxai validate`: the two energy histograms overlaid, and the comparison table. */

import { lineChartSvg } from '../../util/plot/index.js';
import type { ValidationReport } from './compare.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const fmt = (v: number | null | undefined, digits = 4) =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : Number(v.toPrecision(digits)).toString();

/** Overlaid histograms: probability of each residual energy E − E0, QPU and emulator. */
export function histogramSvg(r: ValidationReport, title: string): string {
  const series = (['qpu', 'sim'] as const).map((k, i) => {
    const h = r.histograms[k];
    const total = h.counts.reduce((a, b) => a + b, 0) || 1;
    return {
      name: k === 'qpu' ? 'QPU' : 'emulator',
      x: h.energies.map((e) => e - r.groundEnergy),
      y: h.counts.map((c) => c / total),
      markers: true,
      dashed: i === 1,
    };
  });
  return lineChartSvg({ title, xLabel: 'residual energy E − E₀', yLabel: 'probability', yLog: true, series });
}

export function validationHtml(
  rows: ReadonlyArray<{ name: string; report: ValidationReport }>,
  meta: Record<string, unknown>,
  summary?: Record<string, unknown>,
): string {
  const table = (r: ValidationReport) => `<table>
<tr><th></th><th>QPU</th><th>emulator</th></tr>
<tr><td>P(ground)</td><td>${fmt(r.pGround.qpu)}</td><td>${fmt(r.pGround.sim)}</td></tr>
<tr><td>P(first excited)</td><td>${fmt(r.pFirstExcited.qpu)}</td><td>${fmt(r.pFirstExcited.sim)}</td></tr>
<tr><td>mean residual energy</td><td>${fmt(r.meanResidualEnergy.qpu)}</td><td>${fmt(r.meanResidualEnergy.sim)}</td></tr>
<tr><td>effective β (Boltzmann fit)</td><td>${fmt(r.effectiveBeta.qpu)} ± ${fmt(r.effectiveBetaStderr.qpu, 2)}</td><td>${fmt(r.effectiveBeta.sim)} ± ${fmt(r.effectiveBetaStderr.sim, 2)}</td></tr>
<tr><td>chain-break fraction</td><td>${fmt(r.chainBreakFraction.qpu)}</td><td>${fmt(r.chainBreakFraction.sim)}</td></tr>
<tr><td>reads</td><td>${r.samples.qpu}</td><td>${r.samples.sim}</td></tr>
</table>
<p>Ground energy ${fmt(r.groundEnergy, 10)} (${r.groundEnergySource}${r.groundDegeneracy ? `, degeneracy ${r.groundDegeneracy}` : ''}); energy-histogram total variation distance ${fmt(r.energyTvd)}.</p>`;
  const body = rows
    .map(
      ({ name, report }) =>
        `<section><h2>${esc(name)}</h2>${histogramSvg(report, name)}${table(report)}</section>`,
    )
    .join('\n');
  const summaryHtml = summary
    ? `<section><h2>Summary</h2><pre>${esc(JSON.stringify(summary, null, 2))}</pre></section>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>qaxai validate</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}td:first-child{text-align:left}section{margin-bottom:2.5em}pre{background:#f6f6f6;padding:1em}</style>
</head><body>
<h1>Simulator vs QPU</h1>
<pre>${esc(JSON.stringify(meta, null, 2))}</pre>
${summaryHtml}
${body}
</body></html>
`;
}
