/**
 * The text (non-`--json`) output of `qaxai study`: aligned tables of the points, the medians across instances,
 * the gap's power-law fit as a formula with its quality, the defaults used and the files written.
 */

import {
  defaultsLine,
  formatNumber,
  formatPowerLaw,
  formatTable,
  formatWithError,
  NO_VALUE,
  withUnit,
  wroteLine,
} from '../../util/format.js';
import type { GapSummary, StudyRow, SweepSummary } from './summary.js';

export interface StudyTextOptions {
  /** Path-time unit of the anneal times (τ or µs). */
  unit: string;
  /** Plots written, by name (success, tts, gap). */
  plots: Record<string, string>;
  /** The study folder (--out). */
  out?: string;
  defaults: string[];
}

const cell = (x: unknown, digits = 6) => (typeof x === 'number' ? formatNumber(x, digits) : NO_VALUE);

function successCell(r: StudyRow): string {
  const p = r.successProbability;
  if (typeof p !== 'number') return NO_VALUE;
  return typeof r.successProbabilityStdErr === 'number'
    ? formatWithError(p, r.successProbabilityStdErr)
    : formatNumber(p);
}

const PLOT_NAMES: Record<string, string> = {
  success: 'success-probability plot',
  tts: 'TTS99 plot',
  gap: 'minimum-gap plot',
};

function footer(o: StudyTextOptions): string[] {
  return [
    defaultsLine(o.defaults),
    ...Object.entries(o.plots).map(([name, path]) => wroteLine(PLOT_NAMES[name] ?? `${name} plot`, path)),
    o.out && wroteLine('study folder (results.csv, results.json, summary.json, points/)', o.out),
  ].filter((l): l is string => Boolean(l));
}

export function studyAnnealText(
  rows: readonly StudyRow[],
  summary: readonly SweepSummary[],
  o: StudyTextOptions,
): string {
  const schedules = new Set(rows.map((r) => r.schedule)).size > 1;
  const pauses = rows.some((r) => r.pausePosition !== undefined);
  const header = [
    'instance',
    ...(schedules ? ['schedule'] : []),
    withUnit('anneal time', o.unit),
    ...(pauses ? [withUnit('pause s/length', o.unit)] : []),
    'success probability',
    withUnit('TTS99', o.unit),
  ];
  const body = rows.map((r) => [
    r.instance,
    ...(schedules ? [r.schedule] : []),
    cell(r.annealTime),
    ...(pauses ? [r.pausePosition === undefined ? NO_VALUE : `${r.pausePosition}/${r.pauseDuration}`] : []),
    successCell(r),
    r.tts99 === null ? `${NO_VALUE} (p = 0)` : cell(r.tts99, 5),
  ]);
  const lines = [formatTable(header, body)];
  if (summary.some((s) => s.instances > 1)) {
    lines.push(
      '',
      'across instances (median [interquartile range]):',
      formatTable(
        [
          ...(schedules ? ['schedule'] : []),
          withUnit('anneal time', o.unit),
          ...(pauses ? [withUnit('pause s/length', o.unit)] : []),
          'instances',
          'success probability',
          withUnit('TTS99', o.unit),
        ],
        summary.map((s) => [
          ...(schedules ? [s.schedule] : []),
          cell(s.annealTime),
          ...(pauses ? [s.pausePosition === null ? NO_VALUE : `${s.pausePosition}/${s.pauseDuration}`] : []),
          String(s.instances),
          `${cell(s.successProbability.median, 4)} [${cell(s.successProbability.q1, 4)}, ${cell(s.successProbability.q3, 4)}]`,
          `${cell(s.tts99.median, 4)} [${cell(s.tts99.q1, 4)}, ${cell(s.tts99.q3, 4)}]`,
        ]),
      ),
    );
  }
  return [...lines, ...footer(o)].join('\n');
}

export function studyGapText(
  rows: readonly StudyRow[],
  gap: GapSummary,
  o: StudyTextOptions & { units: string },
): string {
  const schedules = new Set(rows.map((r) => r.schedule)).size > 1;
  const table = formatTable(
    ['instance', ...(schedules ? ['schedule'] : []), 'n', withUnit('minimum gap', o.units), 's at minimum'],
    rows.map((r) => [
      r.instance,
      ...(schedules ? [r.schedule] : []),
      String(r.n),
      cell(r.minGap),
      cell(r.sAtMin, 4),
    ]),
  );
  const fit = gap.fit
    ? `power-law fit over problem size d (variables): ${formatPowerLaw(gap.fit, { x: 'd', y: 'Δmin' })}`
    : 'power-law fit: needs minimum gaps at two or more problem sizes';
  return [table, fit, ...footer(o)].join('\n');
}
