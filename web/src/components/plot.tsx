/** A uPlot chart that follows its container's width; `marks` draws vertical markers (the minimum gap). */

import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Mark {
  x: number;
  /** Optional span in y (data units) to draw instead of the full height. */
  y0?: number;
  y1?: number;
  label: string;
}

export interface PlotProps {
  title?: string;
  xLabel: string;
  yLabel: string;
  data: uPlot.AlignedData;
  series: { label: string; color: string; dash?: number[]; points?: boolean; width?: number }[];
  logX?: boolean;
  logY?: boolean;
  marks?: Mark[];
  height?: number;
  testId?: string;
}

const PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];
export const color = (i: number) => PALETTE[i % PALETTE.length]!;

export function Plot(p: PlotProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const marks = p.marks ?? [];
    const opts: uPlot.Options = {
      width: Math.max(240, el.clientWidth),
      height: p.height ?? 280,
      ...(p.title ? { title: p.title } : {}),
      scales: { x: { time: false, ...(p.logX ? { distr: 3 } : {}) }, y: p.logY ? { distr: 3 } : {} },
      axes: [{ label: p.xLabel }, { label: p.yLabel, size: 60 }],
      legend: { show: true },
      series: [
        { label: p.xLabel },
        ...p.series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: s.width ?? 1.5,
          ...(s.dash ? { dash: s.dash } : {}),
          points: { show: s.points ?? false, size: 6 },
          spanGaps: false,
        })),
      ],
      hooks: {
        draw: [
          (u: uPlot) => {
            const ctx = u.ctx;
            for (const m of marks) {
              const x = u.valToPos(m.x, 'x', true);
              const top = m.y1 !== undefined ? u.valToPos(m.y1, 'y', true) : u.bbox.top;
              const bottom = m.y0 !== undefined ? u.valToPos(m.y0, 'y', true) : u.bbox.top + u.bbox.height;
              ctx.save();
              ctx.strokeStyle = '#000';
              ctx.fillStyle = '#000';
              ctx.lineWidth = 2 * devicePixelRatio;
              ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
              ctx.beginPath();
              ctx.moveTo(x, top);
              ctx.lineTo(x, bottom);
              ctx.stroke();
              ctx.setLineDash([]);
              for (const y of [top, bottom]) {
                ctx.beginPath();
                ctx.arc(x, y, 3 * devicePixelRatio, 0, 2 * Math.PI);
                ctx.fill();
              }
              ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
              const w = ctx.measureText(m.label).width;
              // the label sits beside the marker, right of it (left of it near the right edge): at the middle
              // of a marked span, else at the bottom of the plot area
              const right = x + 6 * devicePixelRatio + w <= u.bbox.left + u.bbox.width;
              const tx = right
                ? x + 6 * devicePixelRatio
                : Math.max(u.bbox.left + 4, x - 6 * devicePixelRatio - w);
              const mid = (top + bottom) / 2 + 4 * devicePixelRatio;
              const ty =
                m.y0 !== undefined && m.y1 !== undefined
                  ? Math.min(Math.max(mid, u.bbox.top + 14 * devicePixelRatio), u.bbox.top + u.bbox.height - 4)
                  : u.bbox.top + u.bbox.height - 8 * devicePixelRatio;
              ctx.fillStyle = 'rgba(255,255,255,0.85)';
              ctx.fillRect(tx - 2, ty - 13 * devicePixelRatio, w + 4, 17 * devicePixelRatio);
              ctx.fillStyle = '#000';
              ctx.fillText(m.label, tx, ty);
              ctx.restore();
            }
          },
        ],
      },
    };
    const plot = new uPlot(opts, p.data, el);
    const ro = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(240, el.clientWidth), height: p.height ?? 280 }),
    );
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [p.data, p.series, p.marks, p.logX, p.logY, p.title]);
  return <div class="plot" ref={box} data-testid={p.testId} />;
}
