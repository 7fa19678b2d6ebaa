/**
 * Tables and plots of a study over many instances: per sweep point (schedule, pause, anneal time) the
 * quartiles of the success probability and TTS99 across instances, with plots of the median and the
 * interquartile band against anneal time; and the minimum gap against problem size d with a fitted power
 * law gap ≈ a·d^b.
 */

import { type PowerLawFit, powerLawFit, type Quartiles, quartiles } from '../../studies/summary-stats.js';
import { lineChartSvg, PALETTE, type Series } from '../../util/plot/index.js';

export interface StudyRow {
  instance: string;
  n: number;
  schedule: string;
  annealTime?: number;
  pausePosition?: number;
  pauseDuration?: number;
  successProbability?: number;
  tts99?: number | null;
  minGap?: number;
  [key: string]: unknown;
}

export interface SweepSummary {
  schedule: string;
  pausePosition: number | null;
  pauseDuration: number | null;
  annealTime: number;
  instances: number;
  successProbability: Quartiles;
  tts99: Quartiles;
}

const groupKey = (r: StudyRow) => `${r.schedule}|${r.pausePosition ?? ''}|${r.pauseDuration ?? ''}`;

export function summarizeAnneal(rows: readonly StudyRow[]): SweepSummary[] {
  const groups = new Map<string, StudyRow[]>();
  for (const r of rows) {
    const k = `${groupKey(r)}|${r.annealTime}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return [...groups.values()].map((rs) => ({
    schedule: rs[0]!.schedule,
    pausePosition: rs[0]!.pausePosition ?? null,
    pauseDuration: rs[0]!.pauseDuration ?? null,
    annealTime: rs[0]!.annealTime!,
    instances: rs.length,
    successProbability: quartiles(rs.map((r) => r.successProbability ?? Number.NaN)),
    tts99: quartiles(rs.map((r) => (r.tts99 === null || r.tts99 === undefined ? Number.NaN : r.tts99))),
  }));
}

function bandSeries(
  summary: readonly SweepSummary[],
  field: 'successProbability' | 'tts99',
  multi: boolean,
): Series[] {
  const lines = new Map<string, SweepSummary[]>();
  for (const s of summary) {
    const name =
      s.pausePosition === null
        ? s.schedule
        : `${s.schedule}, pause s=${s.pausePosition} for ${s.pauseDuration}`;
    lines.set(name, [...(lines.get(name) ?? []), s]);
  }
  const out: Series[] = [];
  [...lines.entries()].forEach(([name, ss], k) => {
    const sorted = [...ss].sort((a, b) => a.annealTime - b.annealTime);
    const color = PALETTE[k % PALETTE.length]!;
    const x = sorted.map((s) => s.annealTime);
    const q = (f: keyof Quartiles) => sorted.map((s) => (Number.isFinite(s[field][f]) ? s[field][f] : null));
    out.push({ name: multi ? `${name} (median)` : name, x, y: q('median'), color, markers: true });
    if (multi) {
      out.push({ name: `${name} (quartiles)`, x, y: q('q1'), color, dashed: true, width: 1 });
      out.push({ name: '', x, y: q('q3'), color, dashed: true, width: 1, hideInLegend: true });
    }
  });
  return out;
}

export function studyPlots(
  summary: readonly SweepSummary[],
  unit: string,
  title: string,
): { success: string; tts: string } {
  const multi = summary.some((s) => s.instances > 1);
  return {
    success: lineChartSvg({
      title: `Success probability — ${title}`,
      xLabel: `anneal time (${unit})`,
      yLabel: 'success probability',
      xLog: true,
      series: bandSeries(summary, 'successProbability', multi),
    }),
    tts: lineChartSvg({
      title: `TTS99 — ${title}`,
      xLabel: `anneal time (${unit})`,
      yLabel: `TTS99 (${unit})`,
      xLog: true,
      yLog: true,
      series: bandSeries(summary, 'tts99', multi),
    }),
  };
}

export interface GapSummary {
  fit: PowerLawFit | null;
  perSize: Array<{ n: number } & Quartiles>;
}

export function summarizeGaps(rows: readonly StudyRow[]): GapSummary {
  const ok = rows.filter((r) => typeof r.minGap === 'number' && r.minGap > 0);
  const sizes = [...new Set(ok.map((r) => r.n))].sort((a, b) => a - b);
  return {
    fit:
      powerLawFit(
        ok.map((r) => r.n),
        ok.map((r) => r.minGap!),
      ) ?? null,
    perSize: sizes.map((n) => ({ n, ...quartiles(ok.filter((r) => r.n === n).map((r) => r.minGap!)) })),
  };
}

export function gapPlot(rows: readonly StudyRow[], g: GapSummary, title: string, units: string): string {
  const ok = rows.filter((r) => typeof r.minGap === 'number' && r.minGap > 0);
  const series: Series[] = [
    { name: 'instances', x: ok.map((r) => r.n), y: ok.map((r) => r.minGap!), markers: true, width: 0 },
    {
      name: 'median',
      x: g.perSize.map((p) => p.n),
      y: g.perSize.map((p) => p.median),
      markers: true,
      color: PALETTE[2],
    },
  ];
  if (g.fit && g.perSize.length > 0) {
    const lo = g.perSize[0]!.n;
    const hi = g.perSize[g.perSize.length - 1]!.n;
    const xs = Array.from({ length: 40 }, (_, k) => lo * (hi / lo) ** (k / 39));
    series.push({
      name: `fit ${g.fit.a.toPrecision(3)}·d^${g.fit.b.toFixed(2)}`,
      x: xs,
      y: xs.map((x) => g.fit!.a * x ** g.fit!.b),
      dashed: true,
      color: PALETTE[1],
    });
  }
  return lineChartSvg({
    title: `Minimum gap — ${title}`,
    xLabel: 'problem size d (variables)',
    yLabel: `minimum gap (${units})`,
    xLog: true,
    yLog: true,
    series,
  });
}
