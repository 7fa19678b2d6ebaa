/**
 * `qaxai study MODEL --method … --tau 1,2,5 | --annealing-time 1,2,5 [--pause-positions 0.3,0.5
 * --pause-durations 1,2]`: one anneal per point (duration × pause position × pause length), each a row of
 * anneal outputs with TTS99, plus SVG plots of success probability and TTS99 against anneal time.
 *
 * Every point is computed by {@link runAnnealPoint}, a pure function of (model, point, options): a study can
 * be split, checkpointed and resumed point by point.
 */

import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { pausePath } from '../../hamiltonian/schedule/paths.js';
import { lineChartSvg, type Series } from '../../util/plot/index.js';
import { action, type CommandContext } from '../command.js';
import { emit, readModelFile, writeFileAtomic } from '../output.js';
import { createProgressReporter } from '../progress.js';
import {
  addScheduleOptions,
  parseDurationList,
  type ResolvedSchedule,
  resolveScheduleSweep,
} from '../schedule-flags.js';
import {
  addAnnealOptions,
  annealPointOptions,
  DEFAULT_TAU,
  releaseWorkers,
  runAnnealPoint,
} from './anneal.js';

export interface StudyPoint {
  resolved: ResolvedSchedule;
  /** Anneal time of the ramp (path units). */
  annealTime: number;
  pausePosition?: number;
  pauseDuration?: number;
}

function parseFractions(v: string, flag: string): number[] {
  return v.split(',').map((p) => {
    const x = Number(p.trim());
    if (p.trim() === '' || !Number.isFinite(x) || x < 0 || x > 1)
      throw new InputError(`${flag}: ${JSON.stringify(p)} is not an s value in [0, 1]`, { field: flag });
    return x;
  });
}

/** The study's points in order: durations outermost, then pause positions, then pause lengths. */
export function studyPoints(
  base: ResolvedSchedule[],
  positions?: number[],
  lengths?: number[],
): StudyPoint[] {
  const out: StudyPoint[] = [];
  for (const r of base) {
    const T = r.path.points[r.path.points.length - 1]![0];
    if (!positions) {
      out.push({ resolved: r, annealTime: T });
      continue;
    }
    for (const sp of positions)
      for (const d of lengths ?? [T * 0.1])
        out.push({
          resolved: {
            schedule: r.schedule,
            path: pausePath({ duration: T, sPause: sp, pauseDuration: d, unit: r.path.timeUnit }),
          },
          annealTime: T,
          pausePosition: sp,
          pauseDuration: d,
        });
  }
  return out;
}

function studyPlots(rows: Record<string, unknown>[], prefix: string, unit: string, title: string) {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const r of rows) {
    const key =
      r.pausePosition === undefined ? 'no pause' : `pause s=${r.pausePosition}, ${r.pauseDuration} ${unit}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const series = (field: string): Series[] =>
    [...groups.entries()].map(([name, rs]) => ({
      name,
      x: rs.map((r) => r.annealTime as number),
      y: rs.map((r) => (r[field] as number | null) ?? null),
      markers: true,
    }));
  const success = writeFileAtomic(
    `${prefix}-success.svg`,
    lineChartSvg({
      title: `Success probability — ${title}`,
      xLabel: `anneal time (${unit})`,
      yLabel: 'success probability',
      xLog: true,
      series: series('successProbability'),
    }),
  );
  const tts = writeFileAtomic(
    `${prefix}-tts.svg`,
    lineChartSvg({
      title: `TTS99 — ${title}`,
      xLabel: `anneal time (${unit})`,
      yLabel: `TTS99 (${unit})`,
      xLog: true,
      yLog: true,
      series: series('tts99'),
    }),
  );
  return { success, tts };
}

export const studyCommand = {
  register(program: Command, ctx: CommandContext): void {
    const cmd = program
      .command('study')
      .description('success probability and TTS99 against anneal time (and pause position/length)')
      .argument('<MODEL>', 'model file (dimod BQM JSON, bqpjson, or the simple h/J/Q form)');
    addScheduleOptions(cmd);
    addAnnealOptions(cmd)
      .option('--pause-positions <s,…>', 'pause at each of these s values (one point per position)')
      .option('--pause-durations <d,…>', 'pause lengths, same unit as the anneal time (default 10 % of it)')
      .option('--svg <prefix>', 'write <prefix>-success.svg and <prefix>-tts.svg')
      .option('--json', 'print JSON on stdout')
      .option('--out <file>', 'write the JSON result to a file (atomically)')
      .action(
        action(
          ctx,
          'study',
          async (modelPath: string, opts: Record<string, string | boolean | undefined>) => {
            const bqm = readModelFile(modelPath);
            if (opts.pause !== undefined)
              throw new InputError('--pause: use --pause-positions/--pause-durations in a study', {
                field: '--pause',
              });
            const base = resolveScheduleSweep(opts, bqm, { tau: DEFAULT_TAU });
            const positions =
              typeof opts.pausePositions === 'string'
                ? parseFractions(opts.pausePositions, '--pause-positions')
                : undefined;
            const lengths =
              typeof opts.pauseDurations === 'string'
                ? parseDurationList(opts.pauseDurations, '--pause-durations')
                : undefined;
            if (lengths && !positions)
              throw new InputError('--pause-durations needs --pause-positions', {
                field: '--pause-durations',
              });
            const o = annealPointOptions(opts);
            const points = studyPoints(base, positions, lengths);
            const progress = createProgressReporter(`study (${o.method})`);
            const rows: Record<string, unknown>[] = [];
            try {
              for (const [i, pt] of points.entries()) {
                const row = await runAnnealPoint(bqm, pt.resolved, {
                  ...o,
                  onProgress: (p) =>
                    progress.update({
                      done: i * 1000 + Math.floor((1000 * p.done) / p.total),
                      total: points.length * 1000,
                      label: `point ${i + 1}/${points.length}`,
                    }),
                });
                rows.push({
                  annealTime: pt.annealTime,
                  ...(pt.pausePosition !== undefined
                    ? { pausePosition: pt.pausePosition, pauseDuration: pt.pauseDuration }
                    : {}),
                  ...row,
                });
              }
            } finally {
              progress.stop();
              await releaseWorkers();
            }
            const unit = base[0]!.path.timeUnit === 'us' ? 'µs' : 'τ';
            const plots =
              typeof opts.svg === 'string'
                ? studyPlots(rows, opts.svg, unit, `${o.method}, ${base[0]!.schedule.name}`)
                : undefined;
            const result = {
              method: o.method,
              schedule: base[0]!.schedule.name,
              durationUnit: unit,
              rows,
              ...(plots ? { plots } : {}),
            };
            emit(
              result,
              { json: opts.json === true, ...(typeof opts.out === 'string' ? { out: opts.out } : {}) },
              () =>
                [
                  `anneal time (${unit})  pause  success probability  TTS99 (${unit})`,
                  ...rows.map(
                    (r) =>
                      `${String(r.annealTime).padEnd(16)} ${r.pausePosition === undefined ? '-'.padEnd(6) : `${r.pausePosition}/${r.pauseDuration}`.padEnd(6)} ${(r.successProbability as number).toPrecision(6).padEnd(20)} ${r.tts99 === null ? 'n/a' : (r.tts99 as number).toPrecision(5)}`,
                  ),
                  ...(plots ? [`plots: ${plots.success}, ${plots.tts}`] : []),
                ].join('\n'),
            );
          },
        ),
      );
  },
};
