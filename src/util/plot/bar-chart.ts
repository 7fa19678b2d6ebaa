/**
 * Grouped bar charts as standalone SVG text: one group per category (every category drawn, zero-height bars
 * included), one bar per series, each with an optional ± error bar, on a linear y axis from 0.
 */

import { esc, PALETTE, r2 } from './line-chart.js';
import { linearScale } from './scale.js';

export interface BarSeries {
  name: string;
  /** One value per category. */
  values: readonly number[];
  /** Half-length of each bar's error bar (same units), or none. */
  errors?: readonly number[];
  color?: string;
}

export interface BarChartOptions {
  title?: string;
  xLabel: string;
  yLabel: string;
  /** Category labels, left to right. */
  categories: readonly string[];
  series: readonly BarSeries[];
  width?: number;
  height?: number;
}

export function barChartSvg(o: BarChartOptions): string {
  const W = o.width ?? 720;
  const H = o.height ?? 360;
  const m = { left: 64, right: 140, top: o.title ? 40 : 16, bottom: 64 };
  let top = 0;
  for (const s of o.series)
    s.values.forEach((v, i) => {
      const t = v + (s.errors?.[i] ?? 0);
      if (Number.isFinite(t) && t > top) top = t;
    });
  const Y = linearScale(0, top > 0 ? top : 1, H - m.bottom, m.top);
  const [bx, by, ex, ey] = [m.left, H - m.bottom, W - m.right, m.top];
  const nc = Math.max(1, o.categories.length);
  const groupW = (ex - bx) / nc;
  const barW = (groupW * 0.8) / Math.max(1, o.series.length);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
  ];
  if (o.title)
    out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${esc(o.title)}</text>`);
  for (const t of Y.ticks) {
    const y = r2(Y(t));
    out.push(`<line x1="${bx}" y1="${y}" x2="${ex}" y2="${y}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${bx - 6}" y="${y + 4}" text-anchor="end">${esc(Y.format(t))}</text>`);
  }
  // category labels: every one when they fit, else every k-th
  const every = Math.max(1, Math.ceil((nc * 28) / (ex - bx)));
  o.categories.forEach((c, i) => {
    if (i % every !== 0) return;
    const x = r2(bx + (i + 0.5) * groupW);
    out.push(`<text x="${x}" y="${by + 16}" text-anchor="middle">${esc(c)}</text>`);
  });
  o.series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length]!;
    s.values.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      const x = bx + i * groupW + groupW * 0.1 + k * barW;
      const y = Y(v);
      out.push(
        `<rect x="${r2(x)}" y="${r2(y)}" width="${r2(barW)}" height="${r2(Math.max(0, by - y))}" fill="${color}" fill-opacity="0.75"><title>${esc(`${s.name}, ${o.categories[i]}: ${v}`)}</title></rect>`,
      );
      const e = s.errors?.[i];
      if (e !== undefined && e > 0) {
        const cx = r2(x + barW / 2);
        const y0 = r2(Y(Math.max(0, v - e)));
        const y1 = r2(Y(v + e));
        out.push(
          `<line x1="${cx}" y1="${y0}" x2="${cx}" y2="${y1}" stroke="#222"/>`,
          `<line x1="${r2(cx - 3)}" y1="${y1}" x2="${r2(cx + 3)}" y2="${y1}" stroke="#222"/>`,
          `<line x1="${r2(cx - 3)}" y1="${y0}" x2="${r2(cx + 3)}" y2="${y0}" stroke="#222"/>`,
        );
      }
    });
    const ly = ey + 8 + k * 18;
    out.push(
      `<rect x="${ex + 12}" y="${ly - 6}" width="24" height="12" fill="${color}" fill-opacity="0.75"/>`,
      `<text x="${ex + 42}" y="${ly + 4}">${esc(s.name)}</text>`,
    );
  });
  out.push(`<rect x="${bx}" y="${ey}" width="${ex - bx}" height="${by - ey}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${(bx + ex) / 2}" y="${H - 14}" text-anchor="middle">${esc(o.xLabel)}</text>`);
  out.push(
    `<text transform="translate(18 ${(by + ey) / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`,
  );
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
