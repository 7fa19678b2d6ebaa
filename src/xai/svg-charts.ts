/**
 * Small dependency-free SVG charts for the HTML report: histograms, lines with error bars, matrices with a
 * colour bar, and the heatmaps' jet colour bar. Text is ≥ 11 px; count axes carry integer ticks only and
 * leave headroom above the tallest bar.
 */

import { jet } from './image-io.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v: number) =>
  v === 0
    ? '0'
    : Math.abs(v) >= 100
      ? v.toFixed(0)
      : Math.abs(v) >= 1
        ? String(Number(v.toFixed(2)))
        : Math.abs(v) < 1e-3
          ? v.toExponential(0)
          : String(Number(v.toPrecision(2)));

export interface Axis {
  label: string;
  log?: boolean;
  min?: number;
  max?: number;
  /** Integer ticks only (counts, d). */
  integer?: boolean;
}

interface Frame {
  w: number;
  h: number;
  left: number;
  top: number;
  pw: number;
  ph: number;
}

const frame = (w = 520, h = 310, right = 20): Frame => ({
  w,
  h,
  left: 64,
  top: 24,
  pw: w - 64 - right,
  ph: h - 24 - 56,
});

function scaler(axis: Axis, lo: number, hi: number, a: number, b: number): (v: number) => number {
  const L = axis.log ? Math.log10 : (v: number) => v;
  const l = L(axis.min ?? lo);
  const u = L(axis.max ?? hi);
  const span = u - l || 1;
  return (v) => a + ((L(v) - l) / span) * (b - a);
}

/** A 1-2-5 step giving at most `most` intervals over [a, b] (at least 1 for integer axes). */
function niceStep(a: number, b: number, integer: boolean, most = 6): number {
  const step = 10 ** Math.floor(Math.log10((b - a) / 4 || 1));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => (b - a) / s <= most) ?? step * 10;
  return integer ? Math.max(1, Math.round(nice)) : nice;
}

export function ticks(axis: Axis, lo: number, hi: number): number[] {
  const a = axis.min ?? lo;
  const b = axis.max ?? hi;
  if (axis.log) {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(a)); e <= Math.ceil(Math.log10(b)); e++)
      if (10 ** e >= a * 0.999 && 10 ** e <= b * 1.001) out.push(10 ** e);
    return out.length >= 2 ? out : [a, b];
  }
  const nice = niceStep(a, b, axis.integer === true);
  const out: number[] = [];
  for (let v = Math.ceil(a / nice) * nice; v <= b + 1e-12; v += nice) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Upper end of a count axis: the next tick above the maximum, so the tallest bar is never at the frame. */
export function countAxisMax(max: number): number {
  const m = Math.max(1, max);
  const step = niceStep(0, m * 1.05, true);
  return Math.ceil((m * 1.05) / step) * step;
}

function axes(
  f: Frame,
  x: Axis,
  y: Axis,
  xr: [number, number],
  yr: [number, number],
  sx: (v: number) => number,
  sy: (v: number) => number,
): string {
  const parts = [
    `<rect x="${f.left}" y="${f.top}" width="${f.pw}" height="${f.ph}" fill="none" stroke="#888"/>`,
    ...ticks(x, ...xr).map(
      (t) =>
        `<line x1="${sx(t)}" x2="${sx(t)}" y1="${f.top + f.ph}" y2="${f.top + f.ph + 4}" stroke="#888"/><text x="${sx(t)}" y="${f.top + f.ph + 17}" font-size="12" text-anchor="middle">${fmt(t)}</text>`,
    ),
    ...ticks(y, ...yr).map(
      (t) =>
        `<line x1="${f.left - 4}" x2="${f.left}" y1="${sy(t)}" y2="${sy(t)}" stroke="#888"/><text x="${f.left - 6}" y="${sy(t) + 4}" font-size="12" text-anchor="end">${fmt(t)}</text>`,
    ),
    `<text x="${f.left + f.pw / 2}" y="${f.h - 12}" font-size="13" text-anchor="middle">${esc(x.label)}</text>`,
    `<text x="16" y="${f.top + f.ph / 2}" font-size="13" text-anchor="middle" transform="rotate(-90 16 ${f.top + f.ph / 2})">${esc(y.label)}</text>`,
  ];
  return parts.join('');
}

/** Histogram of values over bin edges (log axis when `x.log`); the count axis has integer ticks. */
export function histogramSvg(values: readonly number[], edges: readonly number[], x: Axis, y: Axis): string {
  const f = frame();
  const last = edges.length - 2;
  const counts = edges
    .slice(1)
    .map((e, k) => values.filter((v) => v >= edges[k]! && (v < e || (k === last && v <= e))).length);
  const ymax = countAxisMax(Math.max(0, ...counts));
  const xr: [number, number] = [edges[0]!, edges[edges.length - 1]!];
  const sx = scaler(x, ...xr, f.left, f.left + f.pw);
  const sy = scaler({ label: '' }, 0, ymax, f.top + f.ph, f.top);
  const bars = counts
    .map((c, k) => {
      const x0 = sx(edges[k]!);
      const x1 = sx(edges[k + 1]!);
      return `<rect x="${x0}" y="${sy(c)}" width="${Math.max(0.5, x1 - x0 - 1)}" height="${f.top + f.ph - sy(c)}" fill="#4a7bd0"><title>[${fmt(edges[k]!)}, ${fmt(edges[k + 1]!)}): ${c}</title></rect>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${f.w}" height="${f.h}">${axes(f, x, { ...y, min: 0, max: ymax, integer: true }, xr, [0, ymax], sx, sy)}${bars}</svg>`;
}

export interface Series {
  name: string;
  points: { x: number; y: number; lo?: number; hi?: number }[];
  /** Markers only (no connecting line). */
  markersOnly?: boolean;
  dashed?: boolean;
}

/** Series colours, distinguishable in print and by most colour-blind readers (Okabe–Ito). */
export const COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000'];

/** Lines with markers and optional error bars (lo–hi), one colour per series; legend right of the plot. */
export function lineSvg(series: readonly Series[], x: Axis, y: Axis): string {
  const legendW = 130;
  const f = frame(520 + legendW, 310, 20 + legendW);
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = series
    .flatMap((s) => s.points.flatMap((p) => [p.y, p.lo ?? p.y, p.hi ?? p.y]))
    .filter((v) => Number.isFinite(v) && (!y.log || v > 0));
  if (xs.length === 0 || ys.length === 0) return '<p>(no data)</p>';
  const xr: [number, number] = [x.min ?? Math.min(...xs) - 0.5, x.max ?? Math.max(...xs) + 0.5];
  const yr: [number, number] = y.log
    ? [
        y.min ?? 10 ** Math.floor(Math.log10(Math.min(...ys))),
        y.max ?? 10 ** Math.ceil(Math.log10(Math.max(...ys))),
      ]
    : [y.min ?? Math.min(0, ...ys), y.max ?? Math.max(...ys) * 1.05];
  const sx = scaler(x, ...xr, f.left, f.left + f.pw);
  const sy = scaler(y, ...yr, f.top + f.ph, f.top);
  const ok = (v: number) => Number.isFinite(v) && (!y.log || v > 0);
  const body = series
    .map((s, k) => {
      const col = COLORS[k % COLORS.length]!;
      const pts = s.points
        .filter((p) => ok(p.y))
        .map((p) => `${sx(p.x)},${sy(p.y)}`)
        .join(' ');
      const bars = s.points
        .filter((p) => p.lo !== undefined && p.hi !== undefined && ok(p.lo) && ok(p.hi))
        .map(
          (p) =>
            `<line x1="${sx(p.x)}" x2="${sx(p.x)}" y1="${sy(p.lo!)}" y2="${sy(p.hi!)}" stroke="${col}"/>`,
        )
        .join('');
      const dots = s.points
        .filter((p) => ok(p.y))
        .map(
          (p) =>
            `<circle cx="${sx(p.x)}" cy="${sy(p.y)}" r="3.5" fill="${col}"><title>${esc(s.name)}: (${fmt(p.x)}, ${fmt(p.y)})</title></circle>`,
        )
        .join('');
      const lx = f.left + f.pw + 12;
      const ly = f.top + 6 + 18 * k;
      const legend = `<rect x="${lx}" y="${ly}" width="12" height="12" fill="${col}"/><text x="${lx + 17}" y="${ly + 11}" font-size="12">${esc(s.name)}</text>`;
      const line = s.markersOnly
        ? ''
        : `<polyline points="${pts}" fill="none" stroke="${col}" stroke-width="1.5"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>`;
      return `${line}${bars}${dots}${legend}`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${f.w}" height="${f.h}">${axes(f, x, { ...y, min: yr[0], max: yr[1] }, xr, yr, sx, sy)}${body}</svg>`;
}

/** White → red for a value in [0, 1] (the Bhattacharyya matrices). */
const matrixColor = (v: number) => {
  const heat = Math.round(255 * (1 - Math.min(1, Math.max(0, v))));
  return `rgb(255,${heat},${Math.round(heat * 0.8)})`;
};

/** A vertical colour bar of `color` over [0, 1] with ticks, at (x, y), `h` tall. */
function colorBar(x: number, y: number, h: number, color: (v: number) => string, label: string): string {
  const n = 40;
  const cells = Array.from(
    { length: n },
    (_, k) =>
      `<rect x="${x}" y="${y + (h * (n - 1 - k)) / n}" width="14" height="${h / n + 0.5}" fill="${color((k + 0.5) / n)}"/>`,
  ).join('');
  const tk = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (t) =>
        `<line x1="${x + 14}" x2="${x + 18}" y1="${y + h * (1 - t)}" y2="${y + h * (1 - t)}" stroke="#555"/><text x="${x + 21}" y="${y + h * (1 - t) + 4}" font-size="11">${t}</text>`,
    )
    .join('');
  return `${cells}<rect x="${x}" y="${y}" width="14" height="${h}" fill="none" stroke="#888"/>${tk}<text x="${x + 52}" y="${y + h / 2}" font-size="12" text-anchor="middle" transform="rotate(90 ${x + 52} ${y + h / 2})">${esc(label)}</text>`;
}

/**
 * A matrix in [0, 1] as coloured cells with their values (entries below `floor` shown as 0, as the paper
 * does) and a colour bar.
 */
export function matrixSvg(
  m: readonly (readonly number[])[],
  labels: readonly string[],
  floor = 0.1,
  barLabel = 'Bhattacharyya coefficient',
): string {
  const n = m.length;
  const cell = 36;
  const left = 96;
  const top = 10;
  const cells: string[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const raw = m[i]![j]!;
      const v = raw < floor ? 0 : raw;
      cells.push(
        `<rect x="${left + j * cell}" y="${top + i * cell}" width="${cell}" height="${cell}" fill="${matrixColor(v)}" stroke="#fff"><title>${esc(labels[i]!)} × ${esc(labels[j]!)}: ${raw.toFixed(3)}</title></rect>` +
          `<text x="${left + j * cell + cell / 2}" y="${top + i * cell + cell / 2 + 4}" font-size="11" text-anchor="middle" fill="${v > 0.6 ? '#fff' : '#222'}">${v === 0 ? '0' : v.toFixed(2)}</text>`,
      );
    }
  const rowLabels = labels
    .map(
      (l, i) =>
        `<text x="${left - 5}" y="${top + i * cell + cell / 2 + 4}" font-size="12" text-anchor="end">${esc(l)}</text>`,
    )
    .join('');
  const colLabels = labels
    .map(
      (l, j) =>
        `<text x="${left + j * cell + cell / 2}" y="${top + n * cell + 14}" font-size="12" text-anchor="end" transform="rotate(-45 ${left + j * cell + cell / 2} ${top + n * cell + 14})">${esc(l)}</text>`,
    )
    .join('');
  const bar = colorBar(left + n * cell + 16, top, n * cell, matrixColor, barLabel);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${left + n * cell + 90}" height="${top + n * cell + 80}">${cells.join('')}${rowLabels}${colLabels}${bar}</svg>`;
}

/** The heatmaps' jet colour bar, horizontal: normalised saliency 0 (low) … 1 (high). */
export function jetColorBarSvg(width = 320): string {
  const n = 64;
  const h = 14;
  const cells = Array.from({ length: n }, (_, k) => {
    const [r, g, b] = jet((k + 0.5) / n).map((c) => Math.round(255 * c));
    return `<rect x="${10 + (width * k) / n}" y="4" width="${width / n + 0.5}" height="${h}" fill="rgb(${r},${g},${b})"/>`;
  }).join('');
  const tk = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (t) =>
        `<line x1="${10 + width * t}" x2="${10 + width * t}" y1="${4 + h}" y2="${8 + h}" stroke="#555"/><text x="${10 + width * t}" y="${22 + h}" font-size="11" text-anchor="middle">${t}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width + 20}" height="${h + 28}" role="img" aria-label="jet colour bar from 0 (blue, least salient) to 1 (red, most salient)">${cells}<rect x="10" y="4" width="${width}" height="${h}" fill="none" stroke="#888"/>${tk}</svg>`;
}

/** Points on log–log axes with the diagonal y = x (e.g. Δmin against the classical gap). */
export function scatterSvg(
  points: readonly { x: number; y: number; label?: string }[],
  x: Axis,
  y: Axis,
  o: { diagonal?: string } = {},
): string {
  const f = frame(520, 330);
  const pts = points.filter((p) => p.x > 0 && p.y > 0 && Number.isFinite(p.x) && Number.isFinite(p.y));
  if (pts.length === 0) return '<p>(no data)</p>';
  const all = pts.flatMap((p) => [p.x, p.y]);
  const lo = 10 ** Math.floor(Math.log10(Math.min(...all)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...all)));
  const ax = { ...x, log: true, min: lo, max: hi };
  const ay = { ...y, log: true, min: lo, max: hi };
  const sx = scaler(ax, lo, hi, f.left, f.left + f.pw);
  const sy = scaler(ay, lo, hi, f.top + f.ph, f.top);
  const diag = o.diagonal
    ? `<line x1="${sx(lo)}" y1="${sy(lo)}" x2="${sx(hi)}" y2="${sy(hi)}" stroke="#999" stroke-dasharray="5 4"/><text x="${sx(hi) - 6}" y="${sy(hi) + 16}" font-size="12" text-anchor="end" fill="#666">${esc(o.diagonal)}</text>`
    : '';
  const dots = pts
    .map(
      (p) =>
        `<circle cx="${sx(p.x)}" cy="${sy(p.y)}" r="3" fill="${COLORS[0]}" fill-opacity="0.6"><title>${esc(p.label ?? '')} (${fmt(p.x)}, ${fmt(p.y)})</title></circle>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${f.w}" height="${f.h}">${axes(f, ax, ay, [lo, hi], [lo, hi], sx, sy)}${diag}${dots}</svg>`;
}

/** `count + 1` log-spaced edges from lo to hi. */
export function logEdges(lo: number, hi: number, count: number): number[] {
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  return Array.from({ length: count + 1 }, (_, k) => 10 ** (a + ((b - a) * k) / count));
}
