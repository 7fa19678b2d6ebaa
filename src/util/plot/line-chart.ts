/**
 * Line charts as standalone SVG text (no DOM, no canvas): several series with optional markers, labelled
 * axes, linear or log axes, point markers with labels and vertical reference lines. Non-finite points and,
 * on log axes, points ≤ 0 are skipped (a series breaks there).
 */

import { linearScale, logScale, type Scale } from './scale.js';

export interface Series {
  name: string;
  x: readonly number[];
  y: readonly (number | null)[];
  color?: string;
  dashed?: boolean;
  /** Draw a dot at every point. */
  markers?: boolean;
  /** Leave out of the legend (e.g. the many levels of a spectrum). */
  hideInLegend?: boolean;
  width?: number;
}

export interface PointMarker {
  x: number;
  y: number;
  label?: string;
  color?: string;
}

export interface ChartOptions {
  title?: string;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  width?: number;
  height?: number;
  series: readonly Series[];
  points?: readonly PointMarker[];
  /** Vertical lines at x with a label. */
  vLines?: readonly { x: number; label?: string; color?: string }[];
  /** A vertical segment between two y values at x (e.g. the gap), with a label. */
  spans?: readonly { x: number; y0: number; y1: number; label?: string; color?: string }[];
}

export const PALETTE = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
];

/** XML text escape for SVG labels. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A coordinate rounded to 0.01 px. */
export const r2 = (v: number) => Math.round(v * 100) / 100;

export function lineChartSvg(o: ChartOptions): string {
  const W = o.width ?? 720;
  const H = o.height ?? 440;
  const m = { left: 72, right: 160, top: o.title ? 40 : 16, bottom: 56 };
  const ok = (v: number | null | undefined, log?: boolean): v is number =>
    typeof v === 'number' && Number.isFinite(v) && (!log || v > 0);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of o.series)
    s.x.forEach((x, i) => {
      const y = s.y[i];
      if (ok(x, o.xLog) && ok(y, o.yLog)) {
        xs.push(x);
        ys.push(y);
      }
    });
  for (const p of o.points ?? [])
    if (ok(p.x, o.xLog) && ok(p.y, o.yLog)) {
      xs.push(p.x);
      ys.push(p.y);
    }
  if (xs.length === 0) xs.push(o.xLog ? 1 : 0, o.xLog ? 10 : 1);
  if (ys.length === 0) ys.push(o.yLog ? 1 : 0, o.yLog ? 10 : 1);
  const minMax = (a: number[]): [number, number] => {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const v of a) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return [lo, hi];
  };
  const [x0, x1] = minMax(xs);
  const [y0, y1] = minMax(ys);
  const X: Scale = o.xLog
    ? logScale(x0!, x1!, m.left, W - m.right)
    : linearScale(x0, x1, m.left, W - m.right);
  const Y: Scale = o.yLog
    ? logScale(y0!, y1!, H - m.bottom, m.top)
    : linearScale(y0, y1, H - m.bottom, m.top);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
  );
  if (o.title)
    out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${esc(o.title)}</text>`);
  // grid and ticks
  const [bx, by, ex, ey] = [m.left, H - m.bottom, W - m.right, m.top];
  for (const t of X.ticks) {
    const x = r2(X(t));
    out.push(`<line x1="${x}" y1="${by}" x2="${x}" y2="${ey}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${x}" y="${by + 16}" text-anchor="middle">${esc(X.format(t))}</text>`);
  }
  for (const t of Y.ticks) {
    const y = r2(Y(t));
    out.push(`<line x1="${bx}" y1="${y}" x2="${ex}" y2="${y}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${bx - 6}" y="${y + 4}" text-anchor="end">${esc(Y.format(t))}</text>`);
  }
  out.push(`<rect x="${bx}" y="${ey}" width="${ex - bx}" height="${by - ey}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${(bx + ex) / 2}" y="${H - 14}" text-anchor="middle">${esc(o.xLabel)}</text>`);
  out.push(
    `<text transform="translate(18 ${(by + ey) / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`,
  );
  out.push(
    `<clipPath id="plot"><rect x="${bx}" y="${ey}" width="${ex - bx}" height="${by - ey}"/></clipPath>`,
  );
  // series
  let legendRow = 0;
  o.series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length]!;
    let d = '';
    let pen = false;
    const dots: string[] = [];
    s.x.forEach((x, i) => {
      const y = s.y[i];
      if (!ok(x, o.xLog) || !ok(y, o.yLog)) {
        pen = false;
        return;
      }
      const px = r2(X(x));
      const py = r2(Y(y));
      d += `${pen ? 'L' : 'M'}${px} ${py}`;
      pen = true;
      if (s.markers) dots.push(`<circle cx="${px}" cy="${py}" r="3" fill="${color}"/>`);
    });
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    if (d)
      out.push(
        `<path d="${d}" fill="none" stroke="${color}" stroke-width="${s.width ?? 1.6}"${dash} clip-path="url(#plot)"/>`,
      );
    out.push(...dots);
    if (!s.hideInLegend) {
      const ly = ey + 8 + legendRow++ * 18;
      out.push(
        `<line x1="${ex + 12}" y1="${ly}" x2="${ex + 36}" y2="${ly}" stroke="${color}" stroke-width="2"${dash}/>`,
      );
      out.push(`<text x="${ex + 42}" y="${ly + 4}">${esc(s.name)}</text>`);
    }
  });
  for (const v of o.vLines ?? []) {
    if (!ok(v.x, o.xLog)) continue;
    const x = r2(X(v.x));
    const c = v.color ?? '#555';
    out.push(`<line x1="${x}" y1="${by}" x2="${x}" y2="${ey}" stroke="${c}" stroke-dasharray="3 3"/>`);
    if (v.label) out.push(`<text x="${x + 4}" y="${ey + 14}" fill="${c}">${esc(v.label)}</text>`);
  }
  for (const sp of o.spans ?? []) {
    if (!ok(sp.x, o.xLog) || !ok(sp.y0, o.yLog) || !ok(sp.y1, o.yLog)) continue;
    const x = r2(X(sp.x));
    const c = sp.color ?? '#d62728';
    out.push(
      `<line x1="${x}" y1="${r2(Y(sp.y0))}" x2="${x}" y2="${r2(Y(sp.y1))}" stroke="${c}" stroke-width="2.5"/>`,
    );
    if (sp.label)
      out.push(
        `<text x="${x + 6}" y="${r2((Y(sp.y0) + Y(sp.y1)) / 2) + 4}" fill="${c}">${esc(sp.label)}</text>`,
      );
  }
  for (const p of o.points ?? []) {
    if (!ok(p.x, o.xLog) || !ok(p.y, o.yLog)) continue;
    const c = p.color ?? '#d62728';
    const px = r2(X(p.x));
    const py = r2(Y(p.y));
    out.push(`<circle cx="${px}" cy="${py}" r="4.5" fill="none" stroke="${c}" stroke-width="2"/>`);
    if (p.label) out.push(`<text x="${px + 7}" y="${py - 7}" fill="${c}">${esc(p.label)}</text>`);
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
