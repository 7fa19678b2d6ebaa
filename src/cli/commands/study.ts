/**
 * `qaxai study MODEL… | --instances DIR | --xai-qubos N  [--metric anneal|gap] [--schedules a,b]
 *   --tau 1,2,5 | --annealing-time 1,2,5 [--pause-positions 0.3,0.5 --pause-durations 1,2]
 *   [--out DIR [--resume]] [--svg PREFIX] [--queue URL]`
 *
 * A sweep over instances × schedules × anneal times × pause positions × pause lengths. `anneal` points are
 * one anneal each (success probability, ⟨H_P⟩, residual energy, TTS99 = t ln(0.01)/ln(1−p)); `gap` points are
 * the minimum gap of each instance under each schedule. Points run in parallel on worker threads. With --out
 * every finished point is written to DIR/points/ atomically, and `--resume` continues an interrupted study
 * with nothing lost and nothing redone (src/studies/sweep/runner.ts); DIR gets results.csv, results.json,
 * summary.json and the plots (success probability and TTS99 against anneal time with quartile bands across
 * instances; minimum gap against d with a fitted power law). With --queue the points run on `qaxai worker`s
 * anywhere (docs/distributed.md), with the same results.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { pausePath } from '../../hamiltonian/schedule/paths.js';
import type { AnnealPath } from '../../hamiltonian/schedule/types.js';
import { defaultThreadCount, getPool } from '../../sim/threads/pool.js';
import { type JsonLike, runSweep, type SweepPoint, sweepFailureError } from '../../studies/sweep/runner.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { action, type CommandContext } from '../command.js';
import { emit, parseNumberFlag, parseNumberListFlag } from '../output.js';
import { createProgressReporter } from '../progress.js';
import { addQueueOption, MAX_IN_FLIGHT, openCommandQueue } from '../queue/command-queue.js';
import {
  addScheduleOptions,
  defaultDurationNote,
  parseDurationList,
  resolveScheduleSweep,
  type ScheduleFlagValues,
} from '../schedule-flags.js';
import { instancesFromFiles, instancesFromXai, type StudyInstance } from '../study/instances.js';
import {
  evaluateStudyPoint,
  type StudyMetric,
  type StudyPointSpec,
  studyPointFiles,
} from '../study/point.js';
import {
  type GapSummary,
  gapPlot,
  type StudyRow,
  type SweepSummary,
  studyPlots,
  summarizeAnneal,
  summarizeGaps,
} from '../study/summary.js';
import { studyAnnealText, studyGapText } from '../study/text.js';
import { addAnnealOptions, annealPointOptions, DEFAULT_TAU, releaseWorkers } from './anneal.js';

const SCHEDULE_DEFAULTS = { tau: DEFAULT_TAU };

/** Points run on worker threads (one single-threaded point each) up to this size; larger ones use the engine's threads. */
const POOL_MAX_QUBITS = 20;

function parseFractions(v: string, flag: string): number[] {
  return v.split(',').map((p) => {
    const x = Number(p.trim());
    if (p.trim() === '' || !Number.isFinite(x) || x < 0 || x > 1)
      throw new InputError(`${flag}: ${JSON.stringify(p)} is not an s value in [0, 1]`, { field: flag });
    return x;
  });
}

const safeId = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_');

interface Flags extends Record<string, string | boolean | undefined> {
  metric?: string;
  schedules?: string;
  instances?: string;
  xaiQubos?: string;
  xaiBeta?: string;
  xaiModel?: string;
  out?: string;
  resume?: boolean;
  concurrency?: string;
  gapPoints?: string;
  svg?: string;
  json?: boolean;
  queue?: string;
}

/** The points of a study: instances outermost, then schedules, durations, pause positions, pause lengths. */
function buildPoints(
  instances: readonly StudyInstance[],
  flags: Flags,
  metric: StudyMetric,
  options: Record<string, JsonLike>,
): { points: SweepPoint[]; unit: string; schedules: string[] } {
  const scheduleValues = flags.schedules
    ? flags.schedules.split(',').map((s) => s.trim())
    : [(flags.schedule as string | undefined) ?? 'linear'];
  const positions =
    typeof flags.pausePositions === 'string'
      ? parseFractions(flags.pausePositions, '--pause-positions')
      : undefined;
  const lengths =
    typeof flags.pauseDurations === 'string'
      ? parseDurationList(flags.pauseDurations, '--pause-durations')
      : undefined;
  if (lengths && !positions)
    throw new InputError('--pause-durations needs --pause-positions', { field: '--pause-durations' });
  const points: SweepPoint[] = [];
  const units = new Set<string>();
  for (const inst of instances)
    for (const sv of scheduleValues) {
      const base: StudyPointSpec = {
        instance: inst.name,
        model: inst.path,
        modelHash: inst.hash,
        n: inst.n,
        metric,
        schedule: sv,
        ...(inst.tags ? { tags: inst.tags } : {}),
        options,
      };
      if (metric === 'gap') {
        points.push({ id: safeId(`${inst.name}.${sv}.gap`), spec: base as unknown as JsonLike });
        continue;
      }
      for (const r of resolveScheduleSweep({ ...flags, schedule: sv }, undefined, SCHEDULE_DEFAULTS)) {
        const T = r.path.points[r.path.points.length - 1]![0];
        units.add(r.path.timeUnit === 'us' ? 'µs' : 'τ');
        const variants: Array<{ path: AnnealPath; pos?: number; len?: number }> = positions
          ? positions.flatMap((sp) =>
              (lengths ?? [T * 0.1]).map((d) => ({
                path: pausePath({ duration: T, sPause: sp, pauseDuration: d, unit: r.path.timeUnit }),
                pos: sp,
                len: d,
              })),
            )
          : [{ path: r.path }];
        for (const v of variants) {
          const spec: StudyPointSpec = {
            ...base,
            path: {
              timeUnit: v.path.timeUnit,
              points: v.path.points.map(([t, s]) => [t, s] as [number, number]),
            },
            annealTime: T,
            ...(v.pos !== undefined ? { pausePosition: v.pos, pauseDuration: v.len! } : {}),
          };
          const pause = v.pos !== undefined ? `.p${v.pos}x${v.len}` : '';
          points.push({ id: safeId(`${inst.name}.${sv}.t${T}${pause}`), spec: spec as unknown as JsonLike });
        }
      }
    }
  if (units.size > 1)
    throw new InputError('--schedules: mix linear (τ) and D-Wave schedules (µs) in separate studies', {
      field: '--schedules',
    });
  return { points, unit: [...units][0] ?? '', schedules: scheduleValues };
}

function rowOf(spec: StudyPointSpec, result: JsonLike): StudyRow {
  return {
    instance: spec.instance,
    n: spec.n,
    schedule: spec.schedule,
    ...(spec.annealTime !== undefined ? { annealTime: spec.annealTime } : {}),
    ...(spec.pausePosition !== undefined
      ? { pausePosition: spec.pausePosition, pauseDuration: spec.pauseDuration }
      : {}),
    ...(spec.tags ?? {}),
    ...(result as Record<string, unknown>),
  } as StudyRow;
}

export const studyCommand = {
  register(program: Command, ctx: CommandContext): void {
    const cmd = program
      .command('study')
      .description(
        'sweeps over instances × schedules × anneal times × pauses: success probability and TTS99, or minimum gaps; resumable',
      )
      .argument('[MODEL...]', 'model files (dimod BQM JSON, bqpjson, or the simple h/J/Q form)');
    addScheduleOptions(cmd);
    addAnnealOptions(cmd)
      .option(
        '--metric <m>',
        'anneal (success probability, TTS99) or gap (minimum gap per instance)',
        'anneal',
      )
      .option('--schedules <list>', 'schedule family sweep: several --schedule values, comma-separated')
      .option('--instances <dir>', 'every .json model file in this folder')
      .option('--xai-qubos <n>', "the paper's feature-selection QUBOs of n images of the embedded XAI model")
      .option('--xai-beta <list>', 'β values of the XAI QUBOs', '0.7')
      .option('--xai-model <dir>', 'XAI model folder (default: the embedded model)')
      .option('--pause-positions <s,…>', 'pause at each of these s values (one point per position)')
      .option('--pause-durations <d,…>', 'pause lengths, same unit as the anneal time (default 10 % of it)')
      .option('--gap-points <n>', 'gap: coarse scan points in s')
      .option(
        '--out <dir>',
        'study folder: each finished point saved atomically, results.csv/json, summary and plots',
      )
      .option('--resume', 'continue the study already in --out (nothing lost, nothing redone)')
      .option('--concurrency <n>', 'points run at once on worker threads (default: all cores)')
      .option('--svg <prefix>', 'also write <prefix>-success.svg and <prefix>-tts.svg (or <prefix>-gap.svg)')
      .option('--json', 'print JSON on stdout');
    addQueueOption(cmd, 'points').action(
      action(ctx, 'study', async (modelPaths: string[], flags: Flags) => {
        const metric = (flags.metric ?? 'anneal') as StudyMetric;
        if (metric !== 'anneal' && metric !== 'gap')
          throw new InputError(`--metric: ${JSON.stringify(flags.metric)} is not anneal or gap`, {
            field: '--metric',
          });
        if (flags.pause !== undefined)
          throw new InputError('--pause: use --pause-positions/--pause-durations in a study', {
            field: '--pause',
          });
        if (flags.resume && !flags.out)
          throw new InputError('--resume needs --out DIR (the study folder to continue)', {
            field: '--resume',
          });
        const xaiImages = parseNumberFlag(flags.xaiQubos, '--xai-qubos', {
          integer: true,
          min: 1,
          max: 10_000,
        });
        if (modelPaths.length === 0 && flags.instances === undefined && xaiImages === undefined)
          throw new InputError('MODEL: give model files, --instances DIR or --xai-qubos N', {
            field: 'MODEL',
          });
        const dir = flags.out ? resolve(flags.out) : undefined;
        // the sweep's folder: --out, or a temporary one (XAI instances and points both go there)
        const work = dir ?? mkdtempSync(join(tmpdir(), 'qaxai-study-'));
        const instances = instancesFromFiles(modelPaths, flags.instances);
        if (xaiImages !== undefined) {
          const betas = parseNumberListFlag(flags.xaiBeta ?? '0.7', '--xai-beta', { min: 0, max: 1 });
          instances.push(
            ...(await instancesFromXai(work, {
              images: xaiImages,
              betas,
              ...(flags.xaiModel !== undefined ? { modelDir: flags.xaiModel } : {}),
            })),
          );
        }
        const o = annealPointOptions(flags);
        const { threads, onProgress: _p, ...rest } = o;
        const options = JSON.parse(JSON.stringify(rest)) as Record<string, JsonLike>;
        const gapPoints = parseNumberFlag(flags.gapPoints, '--gap-points', { integer: true, min: 3 });
        if (gapPoints !== undefined) options.gapPoints = gapPoints;
        const { points, unit, schedules } = buildPoints(instances, flags, metric, options);
        const maxN = Math.max(...instances.map((i) => i.n));
        const usePool = !flags.queue && points.length > 1 && maxN <= POOL_MAX_QUBITS;
        const concurrency = usePool
          ? (parseNumberFlag(flags.concurrency, '--concurrency', { integer: true, min: 1 }) ??
            threads ??
            defaultThreadCount())
          : 1;
        const pool = usePool ? getPool('../study/point-worker.js', import.meta.url, concurrency) : undefined;
        const progress = createProgressReporter(`study (${metric === 'gap' ? 'gap' : o.method})`);
        // with --queue every point is a job for qaxai workers (their files travel with it)
        const queue = flags.queue ? await openCommandQueue(flags.queue, progress) : undefined;
        const evaluate = queue
          ? queue.evaluator('study', (spec) => studyPointFiles(spec as unknown as StudyPointSpec))
          : (spec: JsonLike, signal: AbortSignal): Promise<JsonLike> =>
              pool
                ? (pool.run(spec, { signal }) as Promise<JsonLike>)
                : evaluateStudyPoint(spec as unknown as StudyPointSpec, threads);
        let rows: StudyRow[];
        let files: { resultsJson?: string; resultsCsv?: string; reused?: number } = {};
        try {
          const sweep = await runSweep({
            dir: work,
            points,
            evaluate,
            concurrency: queue ? Math.min(points.length, MAX_IN_FLIGHT) : concurrency,
            keepGoing: queue !== undefined,
            resume: flags.resume === true,
            description: { command: 'qaxai study', metric, method: o.method, schedules },
            toRow: (rec) =>
              rowOf(rec.spec as unknown as StudyPointSpec, rec.result) as Record<string, JsonLike>,
            onProgress: (p) => (queue ?? progress).update({ done: p.done, total: p.total, label: 'points' }),
          });
          if (sweep.failures.length > 0)
            throw sweepFailureError(
              sweep,
              dir ? 'fix the input and run again with --resume' : 'fix the input and run again',
            );
          rows = sweep.records.map((rec) => rowOf(rec.spec as unknown as StudyPointSpec, rec.result));
          if (dir)
            files = { resultsJson: sweep.resultsJson, resultsCsv: sweep.resultsCsv, reused: sweep.reused };
        } finally {
          progress.stop();
          await queue?.close();
          await releaseWorkers();
        }
        const title = `${metric === 'gap' ? 'gap' : o.method}, ${schedules.join(', ')}`;
        const plots: Record<string, string> = {};
        const writePlot = (name: string, svg: string) => {
          if (dir) plots[name] = writeFileAtomic(join(dir, `${name}.svg`), svg);
          if (typeof flags.svg === 'string') plots[name] = writeFileAtomic(`${flags.svg}-${name}.svg`, svg);
        };
        let result: Record<string, unknown>;
        if (metric === 'gap') {
          const gap = summarizeGaps(rows);
          const units = String(rows.find((r) => typeof r.units === 'string')?.units ?? '');
          writePlot('gap', gapPlot(rows, gap, title, units));
          result = { metric, schedules, instances: instances.length, rows, gap, plots };
        } else {
          const summary = summarizeAnneal(rows);
          const svgs = studyPlots(summary, unit, title);
          writePlot('success', svgs.success);
          writePlot('tts', svgs.tts);
          result = {
            metric,
            method: o.method,
            schedule: schedules[0],
            schedules,
            durationUnit: unit,
            instances: instances.length,
            rows,
            summary,
            plots,
          };
        }
        if (dir) {
          result.out = dir;
          result.resultsCsv = files.resultsCsv;
          result.resultsJson = files.resultsJson;
          result.pointsReused = files.reused;
          writeFileAtomic(
            join(dir, 'summary.json'),
            `${JSON.stringify({ ...result, rows: undefined }, null, 2)}\n`,
          );
        }
        const defaults =
          metric === 'anneal'
            ? [
                defaultDurationNote(
                  flags as ScheduleFlagValues,
                  unit === 'µs' ? 'us' : 'tau',
                  SCHEDULE_DEFAULTS,
                ),
              ].filter((d): d is string => d !== undefined)
            : [];
        const textOptions = { unit, plots, defaults, ...(dir ? { out: dir } : {}) };
        emit(result, { json: flags.json === true }, () =>
          metric === 'gap'
            ? studyGapText(rows, result.gap as GapSummary, {
                ...textOptions,
                units: String(rows.find((r) => typeof r.units === 'string')?.units ?? ''),
              })
            : studyAnnealText(rows, result.summary as SweepSummary[], textOptions),
        );
      }),
    );
  },
};
