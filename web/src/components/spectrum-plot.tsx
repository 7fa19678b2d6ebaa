/** The lowest levels of H(s) along s with the minimum gap marked (a dashed segment from E_0 to E_g at s*). */

import { useMemo, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { formatNumber } from '../../../src/util/format';
import { type Mark, Plot } from './plot';

/** Level colours: E_0 black, then colours distinct from each other (no two levels share one). */
const LEVEL_COLORS = ['#000000', '#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];
export const levelColor = (j: number) =>
  j < LEVEL_COLORS.length ? LEVEL_COLORS[j]! : `hsl(${(j * 137.5) % 360} 60% 42%)`;

/** The s-windows the plot offers (the minimum gap of a linear anneal is often near s = 1). */
export function zoomWindows(sAtMin: number): { label: string; lo: number; hi: number }[] {
  const lo = Math.max(0, sAtMin - 0.05);
  const hi = Math.min(1, sAtMin + 0.05);
  return [
    { label: 's ∈ [0, 1]', lo: 0, hi: 1 },
    { label: 's ≥ 0.8', lo: 0.8, hi: 1 },
    { label: 's ≥ 0.95', lo: 0.95, hi: 1 },
    { label: `around Δmin (s ${formatNumber(lo, 3)}–${formatNumber(hi, 3)})`, lo, hi },
  ];
}

export interface Spectrum {
  s: number[];
  /** levels[i][j]: level j at s[i] */
  levels: number[][];
  minGap: number;
  sAtMin: number;
  groundDegeneracy: number;
  gapLevel: number;
  units: string;
  note?: string;
}

function interp(xs: number[], ys: number[], x: number): number {
  for (let i = 1; i < xs.length; i++)
    if (x <= xs[i]!) {
      const t = (x - xs[i - 1]!) / (xs[i]! - xs[i - 1]! || 1);
      return ys[i - 1]! + t * (ys[i]! - ys[i - 1]!);
    }
  return ys[ys.length - 1]!;
}

export function SpectrumPlot(p: { spectrum: Spectrum; testId?: string; title?: string; zoom?: boolean }) {
  const sp = p.spectrum;
  const [win, setWin] = useState(0);
  const windows = zoomWindows(sp.sAtMin);
  const { lo, hi } = p.zoom ? windows[win]! : { lo: 0, hi: 1 };
  const { data, series, marks } = useMemo(() => {
    const k = sp.levels[0]?.length ?? 0;
    const allCols: number[][] = Array.from({ length: k }, (_, j) => sp.levels.map((row) => row[j]!));
    const e0 = interp(sp.s, allCols[0] ?? [], sp.sAtMin);
    // the window's grid points, plus the ends interpolated so the lines reach the window's edges
    const inside = sp.s.flatMap((s, i) => (s > lo && s < hi ? [i] : []));
    const xs = [lo, ...inside.map((i) => sp.s[i]!), hi];
    const cols = allCols.map((c) => [interp(sp.s, c, lo), ...inside.map((i) => c[i]!), interp(sp.s, c, hi)]);
    const marks: Mark[] = [
      {
        x: sp.sAtMin,
        y0: e0,
        y1: e0 + sp.minGap,
        label: `Δmin = ${formatNumber(sp.minGap, 4)}${sp.units === 'GHz' ? ' GHz' : ''} at s = ${formatNumber(sp.sAtMin, 4)}`,
      },
    ];
    return {
      data: [xs, ...cols] as uPlot.AlignedData,
      series: cols.map((_, j) => ({
        label: `E${j}${j === sp.gapLevel && j > 0 ? ' (gap level)' : ''}`,
        color: levelColor(j),
        width: j === 0 || j === sp.gapLevel ? 2.2 : 1.2,
      })),
      marks: sp.sAtMin >= lo && sp.sAtMin <= hi ? marks : [],
    };
  }, [sp, lo, hi]);
  return (
    <div>
      {p.zoom && (
        <div class="zoom" data-testid={p.testId ? `${p.testId}-zoom` : undefined}>
          {windows.map((w, i) => (
            <button
              type="button"
              key={w.label}
              class={i === win ? 'secondary active' : 'secondary'}
              onClick={() => setWin(i)}
            >
              {w.label}
            </button>
          ))}
          <span class="muted small"> · drag across the plot to zoom, double-click to reset</span>
        </div>
      )}
      <Plot
        title={p.title ?? 'Spectrum of H(s)'}
        xLabel="s"
        yLabel={`energy (${sp.units === 'GHz' ? 'GHz' : 'dimensionless'})`}
        data={data}
        series={series}
        marks={marks}
        {...(p.testId ? { testId: p.testId } : {})}
      />
      <p class="muted small">
        Gap E<sub>{sp.gapLevel}</sub> − E<sub>0</sub>
        {sp.groundDegeneracy > 1 ? ` (H_P's ground level is ${sp.groundDegeneracy}-fold degenerate)` : ''}:
        minimum <strong data-testid="min-gap">{formatNumber(sp.minGap, 5)}</strong>
        {sp.units === 'GHz' ? ' GHz' : ' (dimensionless)'} at s = {formatNumber(sp.sAtMin, 5)}.
      </p>
    </div>
  );
}
