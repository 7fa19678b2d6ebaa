/**
 * h and J of a quadratic model as a matrix view: J as a symmetric grid (blue negative, red positive, white 0),
 * h as a column on the left; each cell names its value on hover.
 */

import { formatNumber } from '../../../src/util/format';

export interface MatrixViewProps {
  labels: string[];
  h: number[];
  J: number[][];
  title?: string;
  /** Highlight these variable indices (e.g. the selected feature maps). */
  highlight?: Set<number>;
  testId?: string;
}

function colour(v: number, scale: number): string {
  if (!(scale > 0) || v === 0) return '#fff';
  const t = Math.max(-1, Math.min(1, v / scale));
  const a = Math.abs(t);
  const [r, g, b] = t > 0 ? [214, 39, 40] : [31, 119, 180];
  const mix = (c: number) => Math.round(255 + (c - 255) * a);
  return `rgb(${mix(r)},${mix(g)},${mix(b)})`;
}

export function MatrixView(p: MatrixViewProps) {
  const n = p.labels.length;
  if (n === 0) return <p class="muted">(no variables)</p>;
  const cell = Math.max(8, Math.min(28, Math.floor(420 / (n + 2))));
  const pad = 34;
  let jMax = 0;
  for (const row of p.J) for (const v of row) jMax = Math.max(jMax, Math.abs(v));
  let hMax = 0;
  for (const v of p.h) hMax = Math.max(hMax, Math.abs(v));
  const W = pad + cell * (n + 1.5);
  const H = pad + cell * n;
  const showText = cell >= 16;
  return (
    <figure class="matrix" data-testid={p.testId}>
      {p.title && <figcaption>{p.title}</figcaption>}
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={p.title ?? 'h and J'}>
        <text x={pad + cell / 2} y={pad - 8} text-anchor="middle" class="axis">
          h
        </text>
        {p.labels.map((l, i) => (
          <g key={`l${i}`}>
            <text
              x={pad - 4}
              y={pad + cell * i + cell * 0.65}
              text-anchor="end"
              class={`axis${p.highlight?.has(i) ? ' hl' : ''}`}
            >
              {l}
            </text>
            <text
              x={pad + cell * (1.5 + i) + cell / 2}
              y={pad - 8}
              text-anchor="middle"
              class={`axis${p.highlight?.has(i) ? ' hl' : ''}`}
            >
              {showText || i % 2 === 0 ? l : ''}
            </text>
            <rect
              x={pad}
              y={pad + cell * i}
              width={cell}
              height={cell}
              fill={colour(p.h[i] ?? 0, hMax)}
              stroke="#ccc"
            >
              <title>{`h[${l}] = ${formatNumber(p.h[i] ?? 0, 4)}`}</title>
            </rect>
          </g>
        ))}
        {p.J.map((row, i) =>
          row.map((v, j) => (
            <rect
              key={`c${i}-${j}`}
              x={pad + cell * (1.5 + j)}
              y={pad + cell * i}
              width={cell}
              height={cell}
              fill={i === j ? '#eee' : colour(v, jMax)}
              stroke="#ddd"
            >
              <title>{`J[${p.labels[i]},${p.labels[j]}] = ${formatNumber(v, 4)}`}</title>
            </rect>
          )),
        )}
      </svg>
      <div class="legend-row muted">
        <span class="swatch" style={{ background: colour(-1, 1) }} /> negative{' '}
        <span class="swatch" style={{ background: colour(1, 1) }} /> positive · |J| ≤ {formatNumber(jMax, 3)},
        |h| ≤ {formatNumber(hMax, 3)}
      </div>
    </figure>
  );
}
