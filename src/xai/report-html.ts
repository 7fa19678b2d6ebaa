/**
 * The demo's HTML report (one self-contained file): the Average Drop table for the three methods like the
 * paper's Table I, the other faithfulness scores, the Bhattacharyya matrices, a heatmap grid, the minimum-gap
 * histogram and F versus d.
 */

import type { EvaluationResult } from './evaluation.js';
import { EXPLAIN_METHODS, type ExplainMethod } from './explainer.js';
import { histogramSvg, lineSvg, logEdges, matrixSvg } from './svg-charts.js';

const NAMES: Record<ExplainMethod, string> = {
  gradcam: 'Grad-CAM',
  'gradcam++': 'Grad-CAM++',
  qa: 'QA-fGradCAM',
};
const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);
const png = (b: Uint8Array) => `data:image/png;base64,${Buffer.from(b).toString('base64')}`;

export interface ReportContext {
  title: string;
  model: { dir: string; dataset?: string; testAccuracy?: number };
  tfBackend: string;
  command: string;
}

function tableI(r: EvaluationResult): string {
  const head = `<tr><th>class</th>${EXPLAIN_METHODS.map((m) => `<th>${NAMES[m]}</th>`).join('')}</tr>`;
  const rows = r.classNames.map((name, c) => {
    const vals = EXPLAIN_METHODS.map((m) => r.methods[m].averageDrop.perClass[c]!);
    const best = Math.min(...vals.filter(Number.isFinite));
    return `<tr><td>${c} ${esc(name)}</td>${vals.map((v) => `<td class="${v === best ? 'best' : ''}">${num(v)}</td>`).join('')}</tr>`;
  });
  const means = EXPLAIN_METHODS.map((m) => r.methods[m].averageDrop.mean);
  const bestMean = Math.min(...means);
  const foot = `<tr class="foot"><td>x̄ ± σ<sub>x̄</sub></td>${EXPLAIN_METHODS.map(
    (m, k) =>
      `<td class="${means[k] === bestMean ? 'best' : ''}">${num(r.methods[m].averageDrop.mean)} ± ${num(r.methods[m].averageDrop.sem)}</td>`,
  ).join('')}</tr>`;
  return `<table>${head}${rows.join('')}${foot}</table>`;
}

function otherScores(r: EvaluationResult): string {
  const row = (label: string, f: (m: ExplainMethod) => string) =>
    `<tr><td>${label}</td>${EXPLAIN_METHODS.map((m) => `<td>${f(m)}</td>`).join('')}</tr>`;
  return `<table><tr><th>score</th>${EXPLAIN_METHODS.map((m) => `<th>${NAMES[m]}</th>`).join('')}</tr>
${row('Increase in Confidence % (higher is better)', (m) => num(r.methods[m].increaseInConfidence.mean))}
${row('Deletion AUC (lower is better)', (m) => `${num(r.methods[m].deletionAuc.mean, 3)} ± ${num(r.methods[m].deletionAuc.sem, 3)}`)}
${row('Insertion AUC (higher is better)', (m) => `${num(r.methods[m].insertionAuc.mean, 3)} ± ${num(r.methods[m].insertionAuc.sem, 3)}`)}
${row('Maps per heatmap (mean)', (m) => num(r.methods[m].meanSelectedMaps, 2))}
${row('Off-diagonal BC ≥ 0.1 (of 45)', (m) => String(r.disentanglement[m].offDiagonalAtLeast0_1))}
${row('Max / mean off-diagonal BC', (m) => `${num(r.disentanglement[m].maxOffDiagonal, 3)} / ${num(r.disentanglement[m].meanOffDiagonal, 3)}`)}
</table>`;
}

function grid(r: EvaluationResult): string {
  const head = `<tr><th>class</th><th>image</th>${EXPLAIN_METHODS.map((m) => `<th>${NAMES[m]}</th>`).join('')}<th>QA maps</th></tr>`;
  const rows = r.grid.map((g) => {
    const rec = r.perImage.find((p) => p.row === g.row);
    return `<tr><td>${g.label} ${esc(r.classNames[g.label]!)}</td><td><img src="${png(g.image)}" alt="image"></td>${EXPLAIN_METHODS.map(
      (m) => `<td><img src="${png(g.overlays[m])}" alt="${NAMES[m]}"></td>`,
    ).join('')}<td>[${(rec?.selected.qa ?? []).join(', ')}] of d = ${rec?.d ?? '–'}</td></tr>`;
  });
  return `<table class="grid">${head}${rows.join('')}</table>`;
}

function annealingSection(r: EvaluationResult): string {
  const a = r.annealing;
  if (!a.available || a.minGaps.length === 0)
    return `<p>${esc(a.note ?? 'No annealing statistics.')}</p>${dHist(r)}`;
  const lo = Math.min(...a.minGaps);
  const hi = Math.max(...a.minGaps);
  const edges = logEdges(Math.max(lo * 0.9, 1e-6), hi * 1.1, 24);
  const gapSvg = histogramSvg(
    a.minGaps,
    edges,
    { label: 'minimum gap Δmin (energy units of H_P)', log: true },
    { label: 'images' },
  );
  const sSvg = histogramSvg(
    a.sAtMin,
    Array.from({ length: 21 }, (_, k) => k / 20),
    { label: 's = t/τ at Δmin' },
    { label: 'images' },
  );
  const series = [
    { name: `τ = ${a.tau}`, points: a.successByD.map((q) => ({ x: q.d, y: q.median, lo: q.q1, hi: q.q3 })) },
    ...a.tauSweep
      .filter((t) => t.tau !== a.tau)
      .map((t) => ({
        name: `τ = ${t.tau}`,
        points: t.byD.map((q) => ({ x: q.d, y: q.median, lo: q.q1, hi: q.q3 })),
      })),
  ].sort((p, q) => Number(p.name.slice(4)) - Number(q.name.slice(4)));
  const fSvg = lineSvg(
    series,
    { label: 'd (qubits = maps with α > 0)' },
    { label: 'success probability F (median, quartiles)', min: 0, max: 1 },
  );
  return `<p>Engine: ${esc(a.engine ?? '–')}. Median Δmin ${num(a.minGapMedian, 4)} (quartiles ${num(a.minGapQuartiles?.[0], 4)}–${num(a.minGapQuartiles?.[1], 4)}),
median s at Δmin ${num(a.sAtMinMedian, 3)}, median F at τ = ${a.tau}: ${num(a.successProbabilityMedian, 3)}.</p>
<div class="row"><figure>${gapSvg}<figcaption>Distribution of minimum gaps</figcaption></figure>
<figure>${sSvg}<figcaption>Where the minimum gap falls</figcaption></figure></div>
<div class="row"><figure>${fSvg}<figcaption>F versus d (median with 1st–3rd quartile bars)</figcaption></figure>${dHist(r)}</div>`;
}

function dHist(r: EvaluationResult): string {
  const ds = r.perImage.map((p) => p.d);
  const lo = Math.min(...ds);
  const hi = Math.max(...ds);
  const edges = Array.from({ length: hi - lo + 2 }, (_, k) => lo - 0.5 + k);
  return `<figure>${histogramSvg(ds, edges, { label: 'd = maps with α > 0' }, { label: 'images' })}<figcaption>QUBO sizes d</figcaption></figure>`;
}

export function renderReport(r: EvaluationResult, ctx: ReportContext): string {
  const mats = EXPLAIN_METHODS.map(
    (m) =>
      `<figure>${matrixSvg(r.disentanglement[m].matrix, r.classNames)}<figcaption>${NAMES[m]}: ${r.disentanglement[m].offDiagonalAtLeast0_1} of 45 pairs ≥ 0.1, max ${num(r.disentanglement[m].maxOffDiagonal, 3)}</figcaption></figure>`,
  ).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(ctx.title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
th{background:#f2f2f2}td:first-child{text-align:left}.best{font-weight:bold;background:#eaf5ea}.foot td{border-top:2px solid #555}
.grid img{image-rendering:pixelated;width:112px;height:112px}.row{display:flex;flex-wrap:wrap;gap:1em}
figure{margin:0.5em}figcaption{font-size:0.9em;color:#555;text-align:center}code{background:#f4f4f4;padding:1px 4px}
</style></head><body>
<h1>${esc(ctx.title)}</h1>
<p>Model <code>${esc(ctx.model.dir)}</code>${ctx.model.dataset ? ` (${esc(ctx.model.dataset)}` : ''}${ctx.model.testAccuracy !== undefined ? `, test accuracy ${(100 * ctx.model.testAccuracy).toFixed(2)}%)` : ctx.model.dataset ? ')' : ''},
layer <code>${esc(r.layer)}</code> with N<sub>f</sub> = ${r.numMaps}; ${r.images} images (${r.perClass} per class); TensorFlow.js backend ${esc(ctx.tfBackend)}.
QUBO β = ${r.qubo.beta} (${esc(r.qubo.form)} form), solved by <code>${esc(r.sampler.name)}</code> with ${esc(JSON.stringify(r.sampler.parameters))}, keeping the lowest-energy read.
${r.misclassified > 0 ? `<strong>${r.misclassified} images are misclassified by this model.</strong>` : ''} Run: <code>${esc(ctx.command)}</code>, ${r.wallSeconds.toFixed(1)} s.</p>
<h2>Average Drop % per class (lower is better; like the paper's Table I)</h2>
<p>Per image 100·max(0, Y − O)/Y with Y the softmax probability of the class on the image and O on the image multiplied by the heatmap;
mean ± standard error over the classes (population std / √10).</p>
${tableI(r)}
<h2>Other scores</h2>${otherScores(r)}
<h2>Class disentanglement (Bhattacharyya coefficients of per-class map histograms; values below 0.1 shown as 0)</h2>
<div class="row">${mats}</div>
<h2>Heatmaps</h2>${grid(r)}
<h2>Annealing statistics</h2>${annealingSection(r)}
</body></html>
`;
}
