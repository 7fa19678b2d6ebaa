/**
 * Every number of the demo report as CSV: `results.csv` in long form (section, method, class, metric, value)
 * and `per-image.csv` with one row per image. RFC 4180 quoting; numbers in full precision.
 */

import type { EvaluationResult } from './evaluation.js';

const cell = (v: unknown): string => {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const line = (vs: unknown[]) => vs.map(cell).join(',');

/** Long-form CSV of the report's aggregate numbers. */
export function resultsCsv(r: EvaluationResult): string {
  const out: unknown[][] = [['section', 'method', 'class', 'metric', 'value']];
  for (const m of r.methodOrder) {
    const s = r.methods[m]!;
    for (const [metric, v] of [
      ['averageDrop', s.averageDrop],
      ['deletionAuc', s.deletionAuc],
      ['insertionAuc', s.insertionAuc],
    ] as const) {
      v.perClass.forEach((x, c) => out.push(['methods', m, r.classNames[c], metric, x]));
      out.push(['methods', m, '', `${metric}.mean`, v.mean], ['methods', m, '', `${metric}.sem`, v.sem]);
    }
    s.increaseInConfidence.perClass.forEach((x, c) =>
      out.push(['methods', m, r.classNames[c], 'increaseInConfidence', x]),
    );
    out.push(
      ['methods', m, '', 'increaseInConfidence.mean', s.increaseInConfidence.mean],
      ['methods', m, '', 'meanSelectedMaps', s.meanSelectedMaps],
      ['methods', m, '', 'images', s.images],
    );
    if (s.equalsPositive) out.push(['methods', m, '', 'equalsPositive', s.equalsPositive.count]);
    if (s.equalsExact)
      out.push(
        ['methods', m, '', 'equalsExact', s.equalsExact.count],
        ['methods', m, '', 'exactComputed', s.equalsExact.of],
      );
    const d = r.disentanglement[m];
    if (d) {
      out.push(
        ['disentanglement', m, '', 'offDiagonalAtLeast0_1', d.offDiagonalAtLeast0_1],
        ['disentanglement', m, '', 'maxOffDiagonal', d.maxOffDiagonal],
        ['disentanglement', m, '', 'meanOffDiagonal', d.meanOffDiagonal],
      );
      d.matrix.forEach((row, a) =>
        row.forEach((v, b) =>
          out.push(['disentanglement', m, `${r.classNames[a]} × ${r.classNames[b]}`, 'bc', v]),
        ),
      );
    }
  }
  for (const c of r.comparisons) {
    const pair = `${c.a} - ${c.b}`;
    for (const [k, v] of [
      ['n', c.n],
      ['meanDifference', c.meanDifference],
      ['ci95.lo', c.ci95[0]],
      ['ci95.hi', c.ci95[1]],
      ['wilcoxon.statistic', c.wilcoxon.statistic],
      ['wilcoxon.pValue', c.wilcoxon.pValue],
      ['wilcoxon.method', c.wilcoxon.method],
      ['pHolm', c.pHolm],
      ['aLower', c.aLower],
      ['aHigher', c.aHigher],
      ['equal', c.equal],
      ['significant', c.significant],
    ] as const)
      out.push(['comparisons', pair, '', k, v]);
  }
  for (const [half, h] of Object.entries(r.paper.tableI.halves))
    for (const [m, col] of Object.entries(h.methods)) {
      col.perClass.forEach((x, c) =>
        out.push([`paper.${half}`, m, r.paper.tableI.classNames[c], 'averageDrop', x]),
      );
      out.push(
        [`paper.${half}`, m, '', 'averageDrop.mean', col.mean],
        [`paper.${half}`, m, '', 'averageDrop.sem', col.sem],
      );
    }
  const a = r.annealing;
  out.push(
    ['annealing', '', '', 'minGapMedian', a.minGapMedian],
    ['annealing', '', '', 'minGapQ1', a.minGapQuartiles?.[0]],
    ['annealing', '', '', 'minGapQ3', a.minGapQuartiles?.[1]],
    ['annealing', '', '', 'sAtMinMedian', a.sAtMinMedian],
    ['annealing', '', '', 'successProbabilityMedian', a.successProbabilityMedian],
  );
  if (a.gapLocation)
    out.push(
      ['annealing', '', '', 'gapAtEnd', a.gapLocation.atEnd],
      ['annealing', '', '', 'gapImages', a.gapLocation.of],
      ['annealing', '', '', 'gapClassical', a.gapLocation.classical],
      ['annealing', '', '', 'gapClassicalOf', a.gapLocation.classicalOf],
    );
  for (const q of a.successByD)
    out.push(
      ['annealing', '', `d=${q.d}`, `F.median@tau=${a.tau}`, q.median],
      ['annealing', '', `d=${q.d}`, `F.q1@tau=${a.tau}`, q.q1],
      ['annealing', '', `d=${q.d}`, `F.q3@tau=${a.tau}`, q.q3],
    );
  for (const t of a.tauSweep)
    for (const q of t.byD) out.push(['annealing', '', `d=${q.d}`, `F.median@tau=${t.tau}`, q.median]);
  for (const q of a.gapLocation?.gapByD ?? [])
    out.push(['annealing', '', `d=${q.d}`, 'minGap.median', q.median]);
  for (const q of a.gapLocation?.classicalByD ?? [])
    out.push(['annealing', '', `d=${q.d}`, 'classicalGap.median', q.median]);
  for (const h of a.dHistogram) out.push(['annealing', '', `d=${h.d}`, 'images', h.count]);
  return `${out.map(line).join('\n')}\n`;
}

/** One row per image: the image, its QUBO and physics, and every method's maps and scores. */
export function perImageCsv(r: EvaluationResult): string {
  const fixed = [
    'row',
    'testIndex',
    'label',
    'predicted',
    'probability',
    'd',
    'reads',
    'seed',
    'qaEnergy',
    'exactEnergy',
    'groundDegeneracy',
    'classicalGap',
    'minGap',
    'sAtMin',
    'successProbability',
  ] as const;
  const head = [
    ...fixed,
    ...r.methodOrder.flatMap((m) => [
      `${m}.maps`,
      `${m}.averageDrop`,
      `${m}.deletionAuc`,
      `${m}.insertionAuc`,
    ]),
  ];
  const rows = r.perImage.map((p) =>
    line([
      ...fixed.map((k) => p[k]),
      ...r.methodOrder.flatMap((m) => [
        (p.selected[m] ?? []).join(' '),
        p.averageDrop[m],
        p.deletionAuc[m],
        p.insertionAuc[m],
      ]),
    ]),
  );
  return `${line(head)}\n${rows.join('\n')}\n`;
}
