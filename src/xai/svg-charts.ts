/** Small dependency-free SVG charts for the HTML report: bars, lines with error bars, and matrices. */

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (v: number) =>
  Math.abs(v) >= 100 || v === 0 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(2);

export interface Axis {
  label: string;
  log?: boolean;
  min?: number;
  max?: number;
}

interface Frame {
  w: number;
  h: number;
  left: number;
  top: number;
  pw: number;
  ph: number;
}

const frame = (w = 520, h = 300): Frame => ({ w, h, left: 60, top: 20, pw: w - 80, ph: h - 70 });

function scaler(axis: Axis, lo: number, hi: number, a: number, b: number): (v: number) => number {
  const L = axis.log ? Math.log10 : (v: number) => v;
  const l = L(axis.min ?? lo);
  const u = L(axis.max ?? hi);
  const span = u - l || 1;
  return (v) => a + ((L(v) - l) / span) * (b - a);
}

function ticks(axis: Axis, lo: number, hi: number): number[] {
  const a = axis.min ?? lo;
  const b = axis.max ?? hi;
  if (axis.log) {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(a)); e <= Math.ceil(Math.log10(b)); e++)
      if (10 ** e >= a * 0.999 && 10 ** e <= b * 1.001) out.push(10 ** e);
    return out.length >= 2 ? out : [a, b];
  }
  const step = 10 ** Math.floor(Math.log10((b - a) / 4 || 1));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => (b - a) / s <= 6) ?? step * 10;
  const out: number[] = [];
  for (let v = Math.ceil(a / nice) * nice; v <= b + 1e-12; v += nice) out.push(Number(v.toPrecision(12)));
  return out;
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
        `<line x1="${sx(t)}" x2="${sx(t)}" y1="${f.top + f.ph}" y2="${f.top + f.ph + 4}" stroke="#888"/><text x="${sx(t)}" y="${f.top + f.ph + 16}" font-size="11" text-anchor="middle">${fmt(t)}</text>`,
    ),
    ...ticks(y, ...yr).map(
      (t) =>
        `<line x1="${f.left - 4}" x2="${f.left}" y1="${sy(t)}" y2="${sy(t)}" stroke="#888"/><text x="${f.left - 6}" y="${sy(t) + 4}" font-size="11" text-anchor="end">${fmt(t)}</text>`,
    ),
    `<text x="${f.left + f.pw / 2}" y="${f.h - 8}" font-size="12" text-anchor="middle">${esc(x.label)}</text>`,
    `<text x="14" y="${f.top + f.ph / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 14 ${f.top + f.ph / 2})">${esc(y.label)}</text>`,
  ];
  return parts.join('');
}

/** Histogram of values over bin edges (log axis when `x.log`). */
export function histogramSvg(values: readonly number[], edges: readonly number[], x: Axis, y: Axis): string {
  const f = frame();
  const counts = edges
    .slice(1)
    .map(
      (e, k) => values.filter((v) => v >= edges[k]! && (v < e || (k === edges.length - 2 && v <= e))).length,
    );
  const ymax = Math.max(1, ...counts);
  const xr: [number, number] = [edges[0]!, edges[edges.length - 1]!];
  const sx = scaler(x, ...xr, f.left, f.left + f.pw);
  const sy = scaler(y, 0, ymax, f.top + f.ph, f.top);
  const bars = counts
    .map((c, k) => {
      const x0 = sx(edges[k]!);
      const x1 = sx(edges[k + 1]!);
      return `<rect x="${x0}" y="${sy(c)}" width="${Math.max(0.5, x1 - x0 - 1)}" height="${f.top + f.ph - sy(c)}" fill="#4a7bd0"><title>[${fmt(edges[k]!)}, ${fmt(edges[k + 1]!)}): ${c}</title></rect>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${f.w}" height="${f.h}">${axes(f, x, { ...y, min: 0, max: ymax }, xr, [0, ymax], sx, sy)}${bars}</svg>`;
}

export interface Series {
  name: string;
  points: { x: number; y: number; lo?: number; hi?: number }[];
}

const COLORS = ['#d0453a', '#3a7bd0', '#2a9d4b', '#a05ad0', '#d08a2a'];

/** Lines with markers and optional error bars (lo–hi), one colour per series, with a legend. */
export function lineSvg(series: readonly Series[], x: Axis, y: Axis): string {
  const f = frame();
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = series.flatMap((s) => s.points.flatMap((p) => [p.y, p.lo ?? p.y, p.hi ?? p.y]));
  if (xs.length === 0) return '<p>(no data)</p>';
  const xr: [number, number] = [Math.min(...xs) - 0.5, Math.max(...xs) + 0.5];
  const yr: [number, number] = [y.min ?? Math.min(0, ...ys), y.max ?? Math.max(...ys)];
  const sx = scaler(x, ...xr, f.left, f.left + f.pw);
  const sy = scaler(y, ...yr, f.top + f.ph, f.top);
  const body = series
    .map((s, k) => {
      const col = COLORS[k % COLORS.length]!;
      const pts = s.points.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ');
      const bars = s.points
        .filter((p) => p.lo !== undefined && p.hi !== undefined)
        .map(
          (p) =>
            `<line x1="${sx(p.x)}" x2="${sx(p.x)}" y1="${sy(p.lo!)}" y2="${sy(p.hi!)}" stroke="${col}"/>`,
        )
        .join('');
      const dots = s.points
        .map(
          (p) =>
            `<circle cx="${sx(p.x)}" cy="${sy(p.y)}" r="3.5" fill="${col}"><title>${esc(s.name)}: (${fmt(p.x)}, ${fmt(p.y)})</title></circle>`,
        )
        .join('');
      const legend = `<rect x="${f.left + f.pw - 110}" y="${f.top + 8 + 16 * k}" width="10" height="10" fill="${col}"/><text x="${f.left + f.pw - 95}" y="${f.top + 17 + 16 * k}" font-size="11">${esc(s.name)}</text>`;
      return `<polyline points="${pts}" fill="none" stroke="${col}" stroke-width="1.5"/>${bars}${dots}${legend}`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${f.w}" height="${f.h}">${axes(f, x, { ...y, min: yr[0], max: yr[1] }, xr, yr, sx, sy)}${body}</svg>`;
}

/** A matrix in [0, 1] as coloured cells with values (entries below `floor` shown as 0, as the paper does). */
export function matrixSvg(m: readonly (readonly number[])[], labels: readonly string[], floor = 0.1): string {
  const n = m.length;
  const cell = 30;
  const left = 90;
  const top = 10;
  const cells: string[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const raw = m[i]![j]!;
      const v = raw < floor ? 0 : raw;
      const heat = Math.round(255 * (1 - v));
      cells.push(
        `<rect x="${left + j * cell}" y="${top + i * cell}" width="${cell}" height="${cell}" fill="rgb(255,${heat},${Math.round(heat * 0.8)})" stroke="#fff"><title>${esc(labels[i]!)} × ${esc(labels[j]!)}: ${raw.toFixed(3)}</title></rect>` +
          `<text x="${left + j * cell + cell / 2}" y="${top + i * cell + cell / 2 + 4}" font-size="9" text-anchor="middle">${v === 0 ? '0' : v.toFixed(2)}</text>`,
      );
    }
  const rowLabels = labels
    .map(
      (l, i) =>
        `<text x="${left - 4}" y="${top + i * cell + cell / 2 + 4}" font-size="10" text-anchor="end">${esc(l)}</text>`,
    )
    .join('');
  const colLabels = labels
    .map(
      (l, j) =>
        `<text x="${left + j * cell + cell / 2}" y="${top + n * cell + 12}" font-size="10" text-anchor="end" transform="rotate(-45 ${left + j * cell + cell / 2} ${top + n * cell + 12})">${esc(l)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${left + n * cell + 10}" height="${top + n * cell + 70}">${cells.join('')}${rowLabels}${colLabels}</svg>`;
}

/** `count + 1` log-spaced edges from lo to hi. */
export function logEdges(lo: number, hi: number, count: number): number[] {
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  return Array.from({ length: count + 1 }, (_, k) => 10 ** (a + ((b - a) * k) / count));
}
