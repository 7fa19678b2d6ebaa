/**
 * The schedule flags every simulating command shares (anneal, gap, study, sample …) and their resolution into an
 * {@link AnnealingSchedule} and an {@link AnnealPath}. Files (a CSV schedule, an initial-state file) are read here,
 * in the CLI layer. Any duration > 0 is accepted: only qpu-sim and leap enforce a QPU's ranges.
 *
 *   --schedule NAME|FILE    linear (default), a solver table (Advantage_system4.1, …:fast) or a CSV s,A,B in GHz
 *   --tau τ                 linear only: anneal time in ħ/energy units
 *   --annealing-time µs     tables only: anneal time in µs (default 20 µs, D-Wave's default_annealing_time)
 *   --anneal-schedule "t,s …"   piecewise-linear s(t) (µs for tables, τ for linear)
 *   --pause "s_p,duration"  pause at s_p during the --tau/--annealing-time ramp
 *   --reverse "s_target,pause,ramp"  reverse anneal 1 → s_target → 1 (needs --initial-state)
 *   --initial-state "+1,-1,…"|FILE   reverse-anneal start state, one value per model variable
 */

import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { InputError, ScheduleError } from '../errors.js';
import type { BinaryQuadraticModel } from '../hamiltonian/bqm.js';
import { labelFromKeyToken } from '../hamiltonian/labels.js';
import {
  annealPath,
  forwardPath,
  getSchedule,
  isKnownSchedule,
  parseAnnealPoints,
  pausePath,
  reversePath,
  scheduleFromCsv,
} from '../hamiltonian/schedule/index.js';
import type { AnnealingSchedule, AnnealPath } from '../hamiltonian/schedule/types.js';
import { parseStrictJson } from '../util/strict-json.js';
import { readTextFile } from './output.js';

/** The raw option values commander produces for {@link addScheduleOptions}. */
export interface ScheduleFlagValues {
  schedule?: string;
  tau?: string;
  annealingTime?: string;
  annealSchedule?: string;
  pause?: string;
  reverse?: string;
  initialState?: string;
}

/** Defaults a command may supply when no duration flag is given. */
export interface ScheduleDefaults {
  /** τ for `linear` (no built-in default: without it, --tau is required). */
  tau?: number;
  /** µs for tables (default 20, D-Wave's default_annealing_time). */
  annealingTime?: number;
}

export interface ResolvedSchedule {
  schedule: AnnealingSchedule;
  path: AnnealPath;
}

/** D-Wave's default_annealing_time, µs. */
export const DEFAULT_ANNEALING_TIME_US = 20;

/**
 * Adds the schedule flags to a command. With `{ timing: false }` only --schedule is added (e.g. for `gap`,
 * which needs the shape A(s), B(s) but no path).
 */
export function addScheduleOptions<C extends Command>(cmd: C, o: { timing?: boolean } = {}): C {
  cmd.option(
    '--schedule <name|file>',
    'annealing schedule: linear, a D-Wave solver name (NAME = standard sheet, NAME:fast), or a CSV file s,A,B (GHz); `qaxai schedules` lists them',
    'linear',
  );
  if (o.timing === false) return cmd;
  cmd
    .option('--tau <tau>', 'anneal time τ for --schedule linear (units of ħ/energy)')
    .option('--annealing-time <us>', 'anneal time in µs for a D-Wave schedule (default 20)')
    .option(
      '--anneal-schedule <points>',
      'piecewise-linear s(t): "t0,s0 t1,s1 …" (µs for D-Wave schedules, τ for linear)',
    )
    .option('--pause <s,duration>', 'pause at s for duration (same unit as the anneal time) during the ramp')
    .option(
      '--reverse <s,pause,ramp>',
      'reverse anneal: ramp 1 → s, hold for pause, ramp back to 1 (needs --initial-state)',
    )
    .option(
      '--initial-state <values|file>',
      'reverse-anneal start state: "+1,-1,…" in model variable order, or a JSON file',
    );
  return cmd;
}

/** --schedule alone: `linear`, a shipped table, or a CSV file (s,A,B in GHz). */
export function resolveSchedule(opts: Pick<ScheduleFlagValues, 'schedule'>): AnnealingSchedule {
  return scheduleFromNameOrFile(opts.schedule ?? 'linear', '--schedule');
}

/**
 * A schedule by name (`linear`, a shipped table) or from a CSV file (s,A,B in GHz); `field` (a flag or argument
 * name) prefixes error messages. An unknown name that does not look like a file lists every known name.
 */
/** Whether a --schedule value names a CSV file (rather than linear or a solver). */
export function scheduleIsFile(value: string): boolean {
  const v = value.trim();
  if (v === '' || isKnownSchedule(v)) return false;
  const isFile = existsSync(v) && statSync(v).isFile();
  return isFile || /\.(csv|txt|tsv)$/i.test(v) || v.includes('/') || v.includes('\\');
}

export function scheduleFromNameOrFile(value: string, field: string): AnnealingSchedule {
  const v = value.trim();
  if (v === '')
    throw new InputError(`${field}: empty value; use linear, a solver name or a CSV file`, { field });
  if (isKnownSchedule(v)) return getSchedule(v);
  if (scheduleIsFile(v)) return scheduleFromCsv(readTextFile(v, field), `csv:${v}`);
  try {
    return getSchedule(v);
  } catch (e) {
    if (e instanceof ScheduleError) throw new ScheduleError(e.rule, `${field}: ${e.message}`, { field });
    throw e;
  }
}

/** Parses a comma list of positive durations ("1,2,5"); `flag` names the flag in errors. */
export function parseDurationList(value: string, flag: string): number[] {
  const parts = value.split(',').map((x) => x.trim());
  return parts.map((p) => {
    const v = Number(p);
    if (p === '' || !Number.isFinite(v))
      throw new InputError(`${flag}: ${JSON.stringify(p)} is not a finite number`, { field: flag });
    if (v <= 0) throw new InputError(`${flag}: ${v} must be > 0`, { field: flag });
    return v;
  });
}

function numbers(value: string, flag: string, count: number, shape: string): number[] {
  const parts = value.split(',').map((x) => x.trim());
  if (parts.length !== count)
    throw new InputError(
      `${flag}: expected "${shape}" (${count} comma-separated numbers), found ${JSON.stringify(value)}`,
      {
        field: flag,
      },
    );
  return parts.map((p) => {
    const v = Number(p);
    if (p === '' || !Number.isFinite(v))
      throw new InputError(`${flag}: ${JSON.stringify(p)} is not a finite number (expected "${shape}")`, {
        field: flag,
      });
    return v;
  });
}

/**
 * Resolves every schedule flag into one schedule and one path. `--tau`/`--annealing-time` lists are refused
 * here (see {@link resolveScheduleSweep}). A reverse anneal needs `bqm` to check the initial state's length.
 */
export function resolveScheduleFlags(
  opts: ScheduleFlagValues,
  bqm?: BinaryQuadraticModel,
  defaults: ScheduleDefaults = {},
): ResolvedSchedule {
  for (const [flag, v] of [
    ['--tau', opts.tau],
    ['--annealing-time', opts.annealingTime],
  ] as const)
    if (v?.includes(','))
      throw new InputError(
        `${flag}: one value expected here, found the list ${JSON.stringify(v)} (use qaxai study for a sweep)`,
        {
          field: flag,
        },
      );
  return resolveScheduleSweep(opts, bqm, defaults)[0]!;
}

/**
 * Like {@link resolveScheduleFlags}, but `--tau`/`--annealing-time` may be comma lists ("1,2,5"): one resolved
 * schedule per value, in the given order (a single one for --anneal-schedule and --reverse).
 */
export function resolveScheduleSweep(
  opts: ScheduleFlagValues,
  bqm?: BinaryQuadraticModel,
  defaults: ScheduleDefaults = {},
): ResolvedSchedule[] {
  const schedule = resolveSchedule(opts);
  const table = schedule.energyUnit === 'GHz';
  const unit = table ? 'us' : 'tau';
  const given = (k: keyof ScheduleFlagValues) => opts[k] !== undefined;
  if (table && given('tau'))
    throw new InputError(
      `--tau is for --schedule linear (units of ħ/energy); ${schedule.name} is a GHz table, so give its anneal time with --annealing-time µs`,
      { field: '--tau' },
    );
  if (!table && given('annealingTime'))
    throw new InputError(
      '--annealing-time (µs) is for D-Wave schedules in GHz; with --schedule linear give the anneal time with --tau τ (ħ/energy)',
      { field: '--annealing-time' },
    );
  const durationFlag = table ? '--annealing-time' : '--tau';
  const durationText = table ? opts.annealingTime : opts.tau;
  const exclusive = (flag: string, others: [keyof ScheduleFlagValues, string][]) => {
    for (const [k, name] of others)
      if (given(k)) throw new InputError(`${flag} cannot be combined with ${name}`, { field: flag });
  };

  if (given('annealSchedule')) {
    exclusive('--anneal-schedule', [
      [table ? 'annealingTime' : 'tau', durationFlag],
      ['pause', '--pause'],
      ['reverse', '--reverse'],
    ]);
    const points = parseAnnealPoints(opts.annealSchedule!, '--anneal-schedule');
    const reverse = points.length > 0 && points[0]![1] === 1;
    const state = initialStateFor(opts, bqm, reverse);
    return [{ schedule, path: annealPath(points, unit, state, '--anneal-schedule') }];
  }
  if (given('reverse')) {
    exclusive('--reverse', [
      [table ? 'annealingTime' : 'tau', durationFlag],
      ['pause', '--pause'],
    ]);
    const [sTarget, pauseDuration, rampDuration] = numbers(
      opts.reverse!,
      '--reverse',
      3,
      's_target,pause,ramp',
    );
    const initialState = initialStateFor(opts, bqm, true)!;
    return [
      {
        schedule,
        path: reversePath({
          sTarget: sTarget!,
          pauseDuration: pauseDuration!,
          rampDuration: rampDuration!,
          initialState,
          unit,
        }),
      },
    ];
  }
  initialStateFor(opts, bqm, false);
  let durations: number[];
  if (durationText !== undefined) durations = parseDurationList(durationText, durationFlag);
  else {
    const d = table ? (defaults.annealingTime ?? DEFAULT_ANNEALING_TIME_US) : defaults.tau;
    if (d === undefined)
      throw new InputError(
        '--tau τ is required with --schedule linear (the anneal time in units of ħ/energy, > 0)',
        {
          field: '--tau',
        },
      );
    durations = [d];
  }
  const pause = opts.pause === undefined ? undefined : numbers(opts.pause, '--pause', 2, 's_p,duration');
  return durations.map((T) => ({
    schedule,
    path:
      pause === undefined
        ? forwardPath(T, unit)
        : pausePath({ duration: T, sPause: pause[0]!, pauseDuration: pause[1]!, unit }),
  }));
}

/** The initial state when `reverse`; refuses --initial-state for forward anneals. */
function initialStateFor(opts: ScheduleFlagValues, bqm: BinaryQuadraticModel | undefined, reverse: boolean) {
  const flag = '--initial-state';
  if (!reverse) {
    if (opts.initialState !== undefined)
      throw new ScheduleError(
        'initial-state-forward',
        `${flag}: only reverse anneals (--reverse, or --anneal-schedule starting at s = 1) take an initial state`,
        {
          field: flag,
        },
      );
    return undefined;
  }
  if (opts.initialState === undefined)
    throw new ScheduleError(
      'reverse-initial-state',
      `${flag} is required for a reverse anneal ("+1,-1,…" in model variable order, or a JSON file)`,
      {
        field: flag,
      },
    );
  return parseInitialState(opts.initialState, bqm);
}

/**
 * Parses --initial-state: inline values "+1,-1,…" (commas or spaces), or a file holding the same text, a JSON
 * array, or a JSON object {label: value}. Values are ±1; 0 and 1 are also read as −1 and +1 for BINARY models.
 * With `bqm` the state must have one value per variable (in the model's variable order).
 */
export function parseInitialState(value: string, bqm?: BinaryQuadraticModel): Int8Array {
  const flag = '--initial-state';
  const binary = bqm?.vartype === 'BINARY';
  const accepted = binary ? '−1/+1 or 0/1' : '−1 or +1';
  const convert = (v: unknown, where: string): number => {
    const x = typeof v === 'string' ? Number(v.trim()) : v;
    if (x === 1 || x === -1) return x;
    if (x === 0 && binary) return -1;
    throw new ScheduleError(
      'initial-state-values',
      `${flag}: ${where} is ${JSON.stringify(v)}; use ${accepted}`,
      {
        field: flag,
      },
    );
  };
  const isFile = existsSync(value) && statSync(value).isFile();
  const text = isFile ? readTextFile(value, flag) : value;
  const src = isFile ? `${flag} ${value}` : flag;
  const trimmed = text.trim();
  let values: number[];
  if (isFile && (trimmed.startsWith('[') || trimmed.startsWith('{'))) {
    const json = parseStrictJson(trimmed, { source: src });
    if (Array.isArray(json)) values = json.map((v, i) => convert(v, `value ${i + 1}`));
    else if (json !== null && typeof json === 'object') {
      if (!bqm) throw new InputError(`${src}: a {label: value} object needs the model`, { field: flag });
      values = new Array<number>(bqm.numVariables).fill(0);
      for (const [key, v] of Object.entries(json)) {
        const i = bqm.variables.indexOf(labelFromKeyToken(key, flag));
        if (i === undefined)
          throw new ScheduleError(
            'initial-state-length',
            `${src}: ${JSON.stringify(key)} is not a variable of the model`,
            {
              field: flag,
            },
          );
        values[i] = convert(v, `the value of ${JSON.stringify(key)}`);
      }
      const missing = values.indexOf(0);
      if (missing >= 0)
        throw new ScheduleError(
          'initial-state-length',
          `${src}: no value for variable ${String(bqm.variables.at(missing))}`,
          {
            field: flag,
          },
        );
    } else
      throw new InputError(`${src}: expected an array of values or a {label: value} object`, { field: flag });
  } else {
    const tokens = trimmed.split(/[\s,]+/).filter((t) => t !== '');
    if (tokens.length === 0) throw new InputError(`${src}: no values; expected "+1,-1,…"`, { field: flag });
    values = tokens.map((t, i) => convert(t, `value ${i + 1}`));
  }
  if (bqm && values.length !== bqm.numVariables)
    throw new ScheduleError(
      'initial-state-length',
      `${src}: ${values.length} values given, but the model has ${bqm.numVariables} variables`,
      { field: flag },
    );
  return Int8Array.from(values);
}

/**
 * When no flag gave the anneal's duration, the default that was used, in words with the flag that sets it
 * ("anneal time 10 τ (--tau)", "annealing time 20 µs (--annealing-time)"); undefined when a flag gave it.
 */
export function defaultDurationNote(
  opts: ScheduleFlagValues,
  timeUnit: AnnealPath['timeUnit'],
  defaults: ScheduleDefaults,
): string | undefined {
  if ([opts.tau, opts.annealingTime, opts.annealSchedule, opts.reverse].some((v) => v !== undefined))
    return undefined;
  return timeUnit === 'us'
    ? `annealing time ${defaults.annealingTime ?? DEFAULT_ANNEALING_TIME_US} µs (--annealing-time)`
    : `anneal time ${defaults.tau} τ (--tau)`;
}
