/**
 * The demo's HTML report (one self-contained file, to read on screen or print): run metadata, Average Drop per
 * class for every method, the other faithfulness scores, the paired comparisons that say what the annealer
 * adds, the paper's Table I beside ours, Bhattacharyya matrices, a gallery of heatmaps, and the annealing
 * statistics. Every table and figure has a caption in plain words; every number is also in results.json and
 * the CSV files the report links to.
 */

import type { EvaluationResult } from './evaluation.js';
import { methodName } from './evaluation.js';
import { PAPER_TABLE_I } from './paper-table.js';
import {
  histogramSvg,
  jetColorBarSvg,
  lineSvg,
  logEdges,
  matrixSvg,
  type Series,
  scatterSvg,
} from './svg-charts.js';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);
const png = (b: Uint8Array) => `data:image/png;base64,${Buffer.from(b).toString('base64')}`;
/** mean ± sem, or '–' when not computed. */
const pm = (v: { mean: number; sem: number }, digits = 2) =>
  Number.isFinite(v.mean) ? `${num(v.mean, digits)} ± ${num(v.sem, digits)}` : '–';
const pval = (p: number) =>
  !Number.isFinite(p) ? '–' : p < 1e-4 ? p.toExponential(1) : p < 0.01 ? p.toFixed(4) : p.toFixed(3);

export interface ReportContext {
  title: string;
  model: { dir: string; dataset?: string; arch?: string; testAccuracy?: number };
  tfBackend: string;
  /** The command line as it was run. */
  command: string;
  /** Relative links to the data files written beside the report. */
  downloads?: { label: string; href: string }[];
}

const figure = (body: string, caption: string) =>
  `<figure>${body}<figcaption>${caption}</figcaption></figure>`;
const table = (inner: string, caption: string, cls = '') =>
  `<table${cls ? ` class="${cls}"` : ''}>${inner}</table><p class="caption">${caption}</p>`;

function metadata(r: EvaluationResult, ctx: ReportContext): string {
  const rows: [string, string][] = [
    ['command', `<code>${esc(ctx.command)}</code>`],
    [
      'model',
      `<code>${esc(ctx.model.dir)}</code>${ctx.model.arch ? `, architecture ${esc(ctx.model.arch)}` : ''}${ctx.model.dataset ? `, ${esc(ctx.model.dataset)}` : ''}${ctx.model.testAccuracy !== undefined ? `, test accuracy ${(100 * ctx.model.testAccuracy).toFixed(2)} %` : ''}`,
    ],
    [
      'target layer',
      `<code>${esc(r.layer)}</code>: N<sub>f</sub> = ${r.numMaps} maps of ${r.mapSize[0]}×${r.mapSize[1]}`,
    ],
    [
      'images',
      `${r.images} (${r.perClass} per class, the first correctly classified test images of each class)${r.misclassified > 0 ? `; <strong>${r.misclassified} misclassified by this model</strong>` : ''}`,
    ],
    ['QUBO', `β = ${r.qubo.beta}, ${esc(r.qubo.form)} form; d = the maps with α &gt; 0`],
    [
      'sampler',
      `<code>${esc(r.sampler.name)}</code> with ${esc(JSON.stringify(r.sampler.parameters))}, keeping the lowest-energy read${r.sampler.notApplicable.length ? `; not taken by this sampler: ${esc(r.sampler.notApplicable.join(', '))}` : ''}`,
    ],
    [
      'reads per image',
      `${esc(r.sampler.reads.rule)}${r.sampler.reads.min === r.sampler.reads.max ? '' : `: ${r.sampler.reads.min}–${r.sampler.reads.max} over the images`}`,
    ],
    ['seeds', esc(r.sampler.seeds)],
    ['TensorFlow.js backend', esc(ctx.tfBackend)],
    ['wall time', `${r.wallSeconds.toFixed(1)} s`],
  ];
  const dl = (ctx.downloads ?? [])
    .map((d) => `<a href="${esc(d.href)}" download>${esc(d.label)}</a>`)
    .join(' · ');
  return `${table(
    rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join(''),
    'How this report was made: the command as run, the model and layer explained, the images, and the QUBO solver with its settings (reads and seeds differ per image; every image’s are in the downloads).',
    'meta',
  )}${dl ? `<p>Every number of this report: ${dl}</p>` : ''}`;
}

function averageDropTable(r: EvaluationResult): string {
  const ms = r.methodOrder;
  const head = `<tr><th>class</th>${ms.map((m) => `<th>${esc(methodName(m))}</th>`).join('')}</tr>`;
  const rows = r.classNames.map((name, c) => {
    const vals = ms.map((m) => r.methods[m]!.averageDrop.perClass[c]!);
    const best = Math.min(...vals.filter(Number.isFinite));
    return `<tr><td>${c} ${esc(name)}</td>${vals.map((v) => `<td class="${v === best ? 'best' : ''}">${num(v)}</td>`).join('')}</tr>`;
  });
  const means = ms.map((m) => r.methods[m]!.averageDrop.mean);
  const bestMean = Math.min(...means.filter(Number.isFinite));
  const foot = `<tr class="foot"><td>x̄ ± σ<sub>x̄</sub></td>${ms
    .map((m, k) => `<td class="${means[k] === bestMean ? 'best' : ''}">${pm(r.methods[m]!.averageDrop)}</td>`)
    .join('')}</tr>`;
  return table(
    `${head}${rows.join('')}${foot}`,
    `Average Drop %: per image 100·max(0, Y − O)/Y, with Y the softmax probability of the class on the image and O on the image multiplied by the heatmap (how much of the class evidence the highlighted region alone misses). <strong>Lower is better.</strong> Each cell is the mean over the class's images; the last row is the mean over the ${r.classNames.length} classes ± its standard error (population std / √${r.classNames.length}, as the paper's Table I). The lowest value of each row is shaded. The four columns after QA-fGradCAM use QA's heatmap formula Σ ReLU(α<sub>a</sub>A<sup>a</sup>) over other map subsets: all maps with α &gt; 0 (positive), the k of largest α (top-k, k = QA's count), k random positive maps (random-k, mean of 10 seeded draws), and the QUBO's exact minimiser.`,
  );
}

function scoresTable(r: EvaluationResult): string {
  const ms = r.methodOrder;
  const row = (label: string, f: (m: string) => string) =>
    `<tr><td>${label}</td>${ms.map((m) => `<td>${f(m)}</td>`).join('')}</tr>`;
  const s = (m: string) => r.methods[m]!;
  const frac = (x?: { count: number; of: number }) => (x ? `${x.count} / ${x.of}` : '');
  return table(
    `<tr><th>score</th>${ms.map((m) => `<th>${esc(methodName(m))}</th>`).join('')}</tr>
${row('Average Drop % (lower is better)', (m) => pm(s(m).averageDrop))}
${row('Increase in Confidence % (higher is better)', (m) => num(s(m).increaseInConfidence.mean, 1))}
${row('Deletion AUC (lower is better)', (m) => pm(s(m).deletionAuc, 3))}
${row('Insertion AUC (higher is better)', (m) => pm(s(m).insertionAuc, 3))}
${row('Maps per heatmap (mean)', (m) => num(s(m).meanSelectedMaps, 2))}
${row('Images scored', (m) => String(s(m).images))}
${row('Selection = positive (images)', (m) => frac(s(m).equalsPositive))}
${row('Selection is a QUBO ground state (images)', (m) => frac(s(m).equalsExact))}`,
    `Faithfulness scores, mean ± SEM over classes. Increase in Confidence: share of images whose class probability rises when only the highlighted region is kept. Deletion / insertion AUC: area under the class probability as pixels are removed from the image (deletion) or added to a black image (insertion) in the heatmap's order, 28 steps; a faithful heatmap makes the probability fall fast (low deletion AUC) and rise fast (high insertion AUC). The last two rows count, for the QA rows, the images whose selection is every map with α &gt; 0, and those where the sampler returned a ground state of the QUBO (checked by exhaustive enumeration for d ≤ 20).${ms
      .map((m) => s(m).note)
      .filter((n) => n)
      .map((n) => ` Note: ${esc(n!)}.`)
      .join('')}`,
  );
}

function selectionByD(r: EvaluationResult): string {
  const qa = r.perImage;
  const ds = [...new Set(qa.map((p) => p.d))].sort((a, b) => a - b);
  const rows = ds.map((d) => {
    const of = qa.filter((p) => p.d === d);
    const k = of.reduce((a, p) => a + (p.selected.qa?.length ?? 0), 0) / of.length;
    const eqPos = of.filter((p) => (p.selected.qa?.length ?? -1) === d).length;
    const withExact = of.filter((p) => p.exactEnergy !== null);
    const eqExact = withExact.filter(
      (p) =>
        p.qaEnergy !== null &&
        Math.abs(p.qaEnergy - p.exactEnergy!) <= 1e-9 * Math.max(1, Math.abs(p.exactEnergy!)),
    ).length;
    const mean = (m: string) => {
      const v = of.map((p) => p.averageDrop[m]).filter((x): x is number => x !== undefined);
      return v.length ? v.reduce((a, b) => a + b, 0) / v.length : Number.NaN;
    };
    return `<tr><td>${d}</td><td>${of.length}</td><td>${num(k, 2)}</td><td>${eqPos}</td><td>${withExact.length ? `${eqExact} / ${withExact.length}` : '–'}</td><td>${num(mean('qa'), 1)}</td><td>${num(mean('positive'), 1)}</td><td>${num(mean('gradcam'), 1)}</td><td>${num(mean('gradcam++'), 1)}</td></tr>`;
  });
  return table(
    `<tr><th>d</th><th>images</th><th>QA maps k (mean)</th><th>QA = positive</th><th>QA = ground state</th><th>drop QA</th><th>drop positive</th><th>drop Grad-CAM</th><th>drop Grad-CAM++</th></tr>${rows.join('')}`,
    'The QA selection by QUBO size d: how many maps it keeps, how often it keeps all d candidates (then its heatmap is the positive-subset Grad-CAM and the annealer made no choice), how often it found the exact minimiser, and the mean per-image Average Drop % of four methods on those images (lower is better).',
  );
}

function comparisonsSection(r: EvaluationResult): string {
  if (r.comparisons.length === 0) return '';
  const rows = r.comparisons.map((c) => {
    const pair = `<td>${esc(methodName(c.a))} − ${esc(methodName(c.b))}</td>`;
    if (c.n === 0)
      return `<tr>${pair}<td>0</td><td colspan="6">not computed: no image has both scores</td></tr>`;
    const tested = Number.isFinite(c.wilcoxon.pValue);
    return `<tr>${pair}<td>${c.n}</td><td>${num(c.meanDifference, 2)}</td><td>${num(c.ci95[0], 2)} to ${num(c.ci95[1], 2)}</td><td>${c.aLower} / ${c.aHigher} / ${c.equal}</td><td>${tested ? `${pval(c.wilcoxon.pValue)} (${c.wilcoxon.method})` : 'all equal'}</td><td>${pval(c.pHolm)}</td><td class="${c.significant ? 'sig' : ''}">${c.significant ? 'yes' : 'no'}</td></tr>`;
  });
  return `${table(
    `<tr><th>pair (a − b)</th><th>images</th><th>mean difference (points)</th><th>95 % bootstrap CI</th><th>a lower / higher / equal</th><th>Wilcoxon p (method)</th><th>Holm p</th><th>p &lt; 0.05</th></tr>${rows.join('')}`,
    `Paired comparisons of per-image Average Drop on the same images: a − b in percentage points, so a <strong>negative</strong> difference means method a keeps more of the class evidence (is more faithful). The CI is a percentile bootstrap of the mean difference (${r.comparisons[0]!.bootstrapResamples} resamples, seeded); p is the two-sided Wilcoxon signed-rank test as scipy.stats.wilcoxon with its defaults (equal images are dropped; exact distribution for small samples, else the normal approximation with tie correction); Holm adjusts the p-values for the ${r.comparisons.length} comparisons. Significance is read at 5 %.`,
  )}<ul class="findings">${r.comparisons.map((c) => `<li>${esc(c.summary)}</li>`).join('')}</ul>`;
}

function paperSection(r: EvaluationResult): string {
  const t = PAPER_TABLE_I;
  const h16 = t.halves.nf16.methods;
  const h512 = t.halves.nf512.methods;
  const half = r.paper.comparedHalf;
  const ours = r.paper.ours.methods;
  const cols = ['gradcam', 'gradcam++', 'qa'] as const;
  const head = `<tr><th rowspan="2">class (paper / ours)</th><th colspan="3">paper, N<sub>f</sub> = 16 (STL-10, ResNet-18)</th><th colspan="3">paper, N<sub>f</sub> = 512 (STL-10, ResNet-18)</th><th colspan="3">ours, N<sub>f</sub> = ${r.numMaps} (${esc(r.paper.ours.dataset ?? 'our data')}, our model)</th></tr>
<tr><th>Grad-CAM</th><th>Grad-CAM++</th><th>QA-fGradCAM</th><th>Grad-CAM</th><th>Grad-CAM++</th><th>SA-fGradCAM</th><th>Grad-CAM</th><th>Grad-CAM++</th><th>QA (${esc(r.sampler.name)})</th></tr>`;
  const rows = t.classNames.map(
    (pn, c) =>
      `<tr><td>${c} ${pn} / ${esc(r.classNames[c] ?? '–')}</td>${cols.map((m) => `<td class="paper">${h16[m].perClass[c]}</td>`).join('')}${cols.map((m) => `<td class="paper">${h512[m].perClass[c]}</td>`).join('')}${cols.map((m) => `<td>${num(ours[m]?.perClass[c])}</td>`).join('')}</tr>`,
  );
  const foot = `<tr class="foot"><td>x̄ ± σ<sub>x̄</sub></td>${cols.map((m) => `<td class="paper">${h16[m].mean} ± ${h16[m].sem}</td>`).join('')}${cols.map((m) => `<td class="paper">${h512[m].mean} ± ${h512[m].sem}</td>`).join('')}${cols.map((m) => `<td>${num(ours[m]?.mean)} ± ${num(ours[m]?.sem)}</td>`).join('')}</tr>`;
  const order = (ms: readonly string[], qaName = methodName('qa')) =>
    ms.map((m) => (m === 'qa' ? qaName : methodName(m))).join(' < ');
  return `${table(
    `${head}${rows.join('')}${foot}`,
    `Average Drop % per class (lower is better). Shaded columns: the paper's Table I verbatim (${esc(t.source)}; STL-10 classes, ResNet-18 models; QA with τ = 50 and d² shots; the N<sub>f</sub> = 512 half solved by simulated annealing). Unshaded: this run, on ${esc(r.paper.ours.dataset ?? 'our data')} with our model, N<sub>f</sub> = ${r.numMaps}, solved by ${esc(r.sampler.name)}; it corresponds to the paper's N<sub>f</sub> = ${half === 'nf16' ? '16' : '512'} half. The data sets differ, so rows of the same index are different classes: compare orderings and magnitudes, not rows. ${esc(t.notes[0])}`,
    'paper-table',
  )}<p>Ordering by mean Average Drop (lowest first): the paper (N<sub>f</sub> = ${half === 'nf16' ? '16' : '512'}) ${esc(order(r.paper.ordering.paper, t.halves[half].qaName))}; ours ${esc(order(r.paper.ordering.ours, `QA-fGradCAM (${r.sampler.name})`))} — ${r.paper.ordering.same ? 'the same ordering' : 'a different ordering'}.</p>`;
}

function matrices(r: EvaluationResult): string {
  const shown = ['gradcam', 'gradcam++', 'qa', ...r.methodOrder.filter((m) => m.startsWith('qa-'))].filter(
    (m) => r.disentanglement[m],
  );
  const mats = shown
    .map((m) => {
      const d = r.disentanglement[m]!;
      return figure(
        matrixSvg(d.matrix, r.classNames),
        `${esc(methodName(m))}: ${d.offDiagonalAtLeast0_1} of ${(r.classNames.length * (r.classNames.length - 1)) / 2} class pairs with BC ≥ 0.1, largest ${num(d.maxOffDiagonal, 3)}, mean ${num(d.meanOffDiagonal, 3)}.`,
      );
    })
    .join('');
  return `<div class="row">${mats}</div><p class="caption">Class disentanglement: for each class, the histogram of which of the N<sub>f</sub> maps the method's heatmaps use; each cell is the Bhattacharyya coefficient Σ√(p q) of two classes' histograms (1: the two classes use the same maps in the same proportions, 0: disjoint maps). Values below 0.1 are shown as 0, as in the paper. Fewer and smaller off-diagonal values mean the explanations of different classes rest on different maps. Grad-CAM's maps are the positive set (α &gt; 0), so the <em>positive</em> baseline has the same matrix; Grad-CAM++ weights nearly every map positively, so its matrix is all ones. The other baselines' matrices are in results.json.</p>`;
}

function gallery(r: EvaluationResult): string {
  const ms = r.methodOrder;
  const head = `<tr><th>class</th><th>input</th>${ms.map((m) => `<th>${esc(methodName(m))}</th>`).join('')}<th>QA maps (of d)</th></tr>`;
  const rows = r.grid.map((g) => {
    const rec = r.perImage.find((p) => p.row === g.row);
    const cell = (m: string) => {
      const img = g.overlays[m];
      const drop = rec?.averageDrop[m];
      return img
        ? `<td><img src="${png(img)}" alt="${esc(methodName(m))}"><br><span class="drop">${num(drop, 1)} %</span></td>`
        : '<td>–</td>';
    };
    return `<tr><td>${g.label} ${esc(r.classNames[g.label]!)}<br><span class="drop">row ${g.row}</span></td><td><img src="${png(g.image)}" alt="input"></td>${ms.map(cell).join('')}<td>[${(rec?.selected.qa ?? []).join(', ')}] of ${rec?.d ?? '–'}</td></tr>`;
  });
  return `<div class="colorbar">${jetColorBarSvg()}<span>heatmap value: min–max normalised saliency, 0 (blue, least) to 1 (red, most), drawn over the image at opacity 0.5</span></div>${table(
    `${head}${rows.join('')}`,
    `Gallery: ${r.grid.length / Math.max(1, r.classNames.length)} images per class, the input and every method's heatmap over it (jet colours as the bar above: red = most salient, blue = least; each heatmap is min–max normalised on its own). Under each overlay, that image's Average Drop % (lower is better). random-k shows its first draw; its score is the mean of all draws.`,
    'grid',
  )}`;
}

function annealingSection(r: EvaluationResult): string {
  const a = r.annealing;
  const dh = dHist(r);
  if (!a.available || a.minGaps.length === 0)
    return `<p>${esc(a.note ?? 'No annealing statistics (the QUBOs were too large for the state-vector engine, or the statistics were switched off).')}</p><div class="row">${dh}</div>`;
  const lo = Math.min(...a.minGaps);
  const hi = Math.max(...a.minGaps);
  const gapSvg = histogramSvg(
    a.minGaps,
    logEdges(Math.max(lo * 0.9, 1e-6), hi * 1.1, 24),
    { label: 'minimum gap Δmin (energy units of H_P, log scale)', log: true },
    { label: 'images' },
  );
  const g = a.gapLocation;
  const oneMinusS = (g?.oneMinusS ?? []).map((v) => Math.max(v, 1e-6));
  const omsSvg = oneMinusS.length
    ? histogramSvg(
        oneMinusS,
        logEdges(1e-6, 1, 24),
        { label: '1 − s at Δmin (log scale; values below 1e-6 drawn at 1e-6)', log: true },
        { label: 'images' },
      )
    : '';
  const toSeries = (
    name: string,
    rows: { d: number; median: number; q1: number; q3: number }[],
    dashed = false,
  ): Series => ({
    name,
    points: rows.map((q) => ({ x: q.d, y: q.median, lo: q.q1, hi: q.q3 })),
    dashed,
  });
  const gapD = g
    ? lineSvg(
        [toSeries('Δmin', g.gapByD), toSeries('E₁ − E₀ of H_P', g.classicalByD, true)],
        { label: 'd (qubits = maps with α > 0)', integer: true },
        { label: 'gap (median, quartile bars; log scale)', log: true },
      )
    : '';
  const pairs = r.perImage.filter((p) => p.minGap !== null && p.classicalGap !== null);
  const scatter = pairs.length
    ? scatterSvg(
        pairs.map((p) => ({ x: p.classicalGap!, y: p.minGap!, label: `row ${p.row}, d = ${p.d}` })),
        { label: 'classical gap E₁ − E₀ of H_P (log scale)' },
        { label: 'minimum gap Δmin (log scale)' },
        { diagonal: 'Δmin = E₁ − E₀' },
      )
    : '';
  const series = [
    toSeries(`τ = ${a.tau}`, a.successByD),
    ...a.tauSweep.filter((t) => t.tau !== a.tau).map((t) => toSeries(`τ = ${t.tau}`, t.byD)),
  ].sort((p, q) => Number(p.name.slice(4)) - Number(q.name.slice(4)));
  const fSvg = lineSvg(
    series,
    { label: 'd (qubits = maps with α > 0)', integer: true },
    { label: 'success probability F', min: 0, max: 1 },
  );
  return `<p>Engine: ${esc(a.engine ?? '–')}. Median Δmin ${num(a.minGapMedian, 4)} (quartiles ${num(a.minGapQuartiles?.[0], 4)}–${num(a.minGapQuartiles?.[1], 4)}); median F at τ = ${a.tau}: ${num(a.successProbabilityMedian, 3)}.</p>
${g ? `<p class="finding">${esc(g.summary)}</p>` : ''}
<div class="row">${figure(gapSvg, 'Distribution of the minimum gap Δmin of H(s) = −(1 − s)Σσ<sup>x</sup> + s·H<sub>P</sub> over the images (log scale). Small gaps need slow anneals (τ ∝ Δmin<sup>−2</sup>); the paper reports a median near 0.1.')}
${omsSvg ? figure(omsSvg, 'Where the minimum gap falls: 1 − s on a log scale, so minima at the very end of the anneal (s → 1, left) are told apart from minima inside it (right).') : ''}</div>
<div class="row">${scatter ? figure(scatter, 'Each image: the minimum gap Δmin of the anneal against the classical gap E₁ − E₀ of H<sub>P</sub> (energy of the second-best subset minus the best). Points on the dashed diagonal have their minimum at s = 1: there the gap is a property of the QUBO, not of the quantum path; points below it have an avoided crossing inside the anneal.') : ''}
${gapD ? figure(gapD, 'Δmin against d (median with quartile bars) beside the classical gap E₁ − E₀ of H<sub>P</sub> (dashed; the lines coincide where the minimum is at s = 1).') : ''}</div>
<div class="row">
${figure(fSvg, 'Success probability F (probability of the QUBO ground set at the end of a linear anneal of time τ) against d: median with 1st–3rd quartile bars. Higher is better; F falls with d at fixed τ and rises with τ.')}
${dh}</div>`;
}

function dHist(r: EvaluationResult): string {
  const ds = r.perImage.map((p) => p.d);
  const lo = Math.min(...ds);
  const hi = Math.max(...ds);
  const edges = Array.from({ length: hi - lo + 2 }, (_, k) => lo - 0.5 + k);
  return figure(
    histogramSvg(ds, edges, { label: 'd = maps with α > 0', integer: true }, { label: 'images' }),
    'QUBO sizes: how many maps have a positive Grad-CAM weight α (the candidates, and the qubits of the anneal).',
  );
}

export function renderReport(r: EvaluationResult, ctx: ReportContext): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(ctx.title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;max-width:1400px;color:#222;font-size:15px}
table{border-collapse:collapse;margin:1em 0 0.3em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right;font-size:13px}
th{background:#f2f2f2}td:first-child{text-align:left}.meta th{text-align:left;vertical-align:top}.meta td{text-align:left}
.best{font-weight:bold;background:#eaf5ea}.foot td{border-top:2px solid #555}.sig{font-weight:bold}
td.paper{background:#f3f0fa}.caption,figcaption{font-size:13px;color:#444;max-width:1100px;margin:0.2em 0 1.2em}
.grid img{image-rendering:pixelated;width:84px;height:84px}.grid td{text-align:center}.drop{font-size:12px;color:#444}
.row{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start}figure{margin:0.5em}figure figcaption{max-width:600px}
code{background:#f4f4f4;padding:1px 4px}.finding{background:#fff8e0;padding:0.5em 0.8em;border-left:4px solid #e0b000}
.findings li{margin:0.3em 0}.colorbar{display:flex;align-items:center;gap:0.8em;font-size:13px;color:#444}
@media print{body{margin:0.5cm;max-width:none}h2{break-after:avoid}figure,table{break-inside:avoid}}
</style></head><body>
<h1>${esc(ctx.title)}</h1>
${metadata(r, ctx)}
<h2>Average Drop % per class</h2>
${averageDropTable(r)}
<h2>Faithfulness scores</h2>
${scoresTable(r)}
<h2>What the annealer adds: ablations and paired tests</h2>
${selectionByD(r)}
${comparisonsSection(r)}
<h2>The paper's Table I beside ours</h2>
${paperSection(r)}
<h2>Class disentanglement</h2>
${matrices(r)}
<h2>Gallery</h2>
${gallery(r)}
<h2>Annealing statistics</h2>
${annealingSection(r)}
</body></html>
`;
}
