/** The lowest levels of H(s) along s with the minimum gap marked (a dashed segment from E_0 to E_g at s*). */

import { useMemo } from 'preact/hooks';
import type uPlot from 'uplot';
import { formatNumber } from '../../../src/util/format';
import { color, type Mark, Plot } from './plot';

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

export function SpectrumPlot(p: { spectrum: Spectrum; testId?: string; title?: string }) {
  const sp = p.spectrum;
  const { data, series, marks } = useMemo(() => {
    const k = sp.levels[0]?.length ?? 0;
    const cols: number[][] = Array.from({ length: k }, (_, j) => sp.levels.map((row) => row[j]!));
    const e0 = interp(sp.s, cols[0] ?? [], sp.sAtMin);
    const marks: Mark[] = [
      {
        x: sp.sAtMin,
        y0: e0,
        y1: e0 + sp.minGap,
        label: `Δmin = ${formatNumber(sp.minGap, 4)}${sp.units === 'GHz' ? ' GHz' : ''} at s = ${formatNumber(sp.sAtMin, 4)}`,
      },
    ];
    return {
      data: [sp.s, ...cols] as uPlot.AlignedData,
      series: cols.map((_, j) => ({
        label: `E${j}`,
        color: j === 0 ? '#000' : j === sp.gapLevel ? '#d62728' : color(j),
        width: j === 0 || j === sp.gapLevel ? 2 : 1.2,
      })),
      marks,
    };
  }, [sp]);
  return (
    <div>
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
