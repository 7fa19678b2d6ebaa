import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  addScheduleOptions,
  parseInitialState,
  resolveSchedule,
  resolveScheduleFlags,
  resolveScheduleSweep,
  type ScheduleFlagValues,
} from '../../src/cli/schedule-flags.js';
import { InputError, ScheduleError } from '../../src/errors.js';
import { BinaryQuadraticModel } from '../../src/hamiltonian/bqm.js';
import { describeAnnealPath } from '../../src/studies/anneal-point.js';

const dir = mkdtempSync(join(tmpdir(), 'qaxai-schedule-'));
const bqm = BinaryQuadraticModel.fromIsing(
  [
    ['a', 0.5],
    ['b', 0],
    ['c', -1],
  ],
  [[['a', 'b'], -1]],
);

function fails(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('addScheduleOptions', () => {
  it('adds the flags and parses them into ScheduleFlagValues', () => {
    const cmd = addScheduleOptions(new Command('x').exitOverride());
    cmd.parse(['--schedule', 'Advantage_system4.1', '--annealing-time', '5', '--pause', '0.4,10'], {
      from: 'user',
    });
    const o = cmd.opts() as ScheduleFlagValues;
    expect(o).toEqual({ schedule: 'Advantage_system4.1', annealingTime: '5', pause: '0.4,10' });
    const r = resolveScheduleFlags(o);
    expect(r.path.points).toEqual([
      [0, 0],
      [2, 0.4],
      [12, 0.4],
      [15, 1],
    ]);
    const only = addScheduleOptions(new Command('y'), { timing: false });
    expect(only.options.map((x) => x.long)).toEqual(['--schedule']);
    expect(
      (addScheduleOptions(new Command('d')).parse([], { from: 'user' }).opts() as ScheduleFlagValues)
        .schedule,
    ).toBe('linear');
  });
});

describe('resolveScheduleFlags', () => {
  it('linear with --tau', () => {
    const r = resolveScheduleFlags({ schedule: 'linear', tau: '10' });
    expect(r.schedule.name).toBe('linear');
    expect(r.path).toEqual({
      kind: 'forward',
      points: [
        [0, 0],
        [10, 1],
      ],
      timeUnit: 'tau',
    });
    expect(resolveScheduleFlags({}, undefined, { tau: 3 }).path.points).toEqual([
      [0, 0],
      [3, 1],
    ]);
  });

  it('tables with --annealing-time (µs), default 20 µs', () => {
    const r = resolveScheduleFlags({ schedule: 'Advantage2_system1:fast', annealingTime: '0.01' });
    expect(r.schedule.name).toBe('Advantage2_system1:fast');
    expect(r.path).toEqual({
      kind: 'forward',
      points: [
        [0, 0],
        [0.01, 1],
      ],
      timeUnit: 'us',
    });
    expect(resolveScheduleFlags({ schedule: 'DW_2000Q_6' }).path.points).toEqual([
      [0, 0],
      [20, 1],
    ]);
    expect(
      resolveScheduleFlags({ schedule: 'DW_2000Q_6' }, undefined, { annealingTime: 7 }).path.points,
    ).toEqual([
      [0, 0],
      [7, 1],
    ]);
    // no QPU range here: any time > 0
    expect(resolveScheduleFlags({ schedule: 'DW_2000Q_6', annealingTime: '1e-6' }).path.points[1]).toEqual([
      1e-6, 1,
    ]);
  });

  it('--anneal-schedule in the schedule unit', () => {
    expect(resolveScheduleFlags({ schedule: 'linear', annealSchedule: '0,0 3,0.5 5,1' }).path).toEqual({
      kind: 'forward',
      points: [
        [0, 0],
        [3, 0.5],
        [5, 1],
      ],
      timeUnit: 'tau',
    });
    const e = fails(() => resolveScheduleFlags({ annealSchedule: '0,0 3,0.5 3,1' }));
    expect(e).toBeInstanceOf(ScheduleError);
    expect((e as ScheduleError).rule).toBe('path-time-increasing');
    expect(e.message).toMatch(/^--anneal-schedule: point 3 \(t = 3 τ, s = 1\)/);
  });

  it('reverse anneals with --reverse or a schedule starting at s = 1, and --initial-state', () => {
    const r = resolveScheduleFlags(
      { schedule: 'Advantage_system4.1', reverse: '0.45,10,5', initialState: '+1,-1,1' },
      bqm,
    );
    expect(r.path.kind).toBe('reverse');
    expect(r.path.points).toEqual([
      [0, 1],
      [5, 0.45],
      [15, 0.45],
      [20, 1],
    ]);
    expect(Array.from(r.path.initialState!)).toEqual([1, -1, 1]);
    const s = resolveScheduleFlags(
      { schedule: 'linear', annealSchedule: '0,1 2,0.3 4,1', initialState: '1 -1 -1' },
      bqm,
    );
    expect(s.path).toEqual({
      kind: 'reverse',
      points: [
        [0, 1],
        [2, 0.3],
        [4, 1],
      ],
      timeUnit: 'tau',
      initialState: Int8Array.from([1, -1, -1]),
    });
    expect(describeAnnealPath(s)).toEqual({
      schedule: 'linear',
      energyUnit: 'dimensionless',
      pathKind: 'reverse',
      timeUnit: 'tau',
      annealPath: [
        [0, 1],
        [2, 0.3],
        [4, 1],
      ],
      duration: 4,
      initialState: [1, -1, -1],
    });
  });

  it('sweeps comma lists only through resolveScheduleSweep', () => {
    const rows = resolveScheduleSweep({ tau: '1,2,5' });
    expect(rows.map((r) => r.path.points[1])).toEqual([
      [1, 1],
      [2, 1],
      [5, 1],
    ]);
    expect(fails(() => resolveScheduleFlags({ tau: '1,2' })).message).toMatch(/--tau: one value expected/);
    expect(
      resolveScheduleSweep({ schedule: 'Advantage_system6.4', annealingTime: '1, 10', pause: '0.3,5' }).map(
        (r) => r.path.points,
      ),
    ).toEqual([
      [
        [0, 0],
        [0.3, 0.3],
        [5.3, 0.3],
        [6, 1],
      ],
      [
        [0, 0],
        [3, 0.3],
        [8, 0.3],
        [15, 1],
      ],
    ]);
  });

  const bad: [string, ScheduleFlagValues, string, RegExp][] = [
    [
      '--tau with a GHz table',
      { schedule: 'Advantage_system4.1', tau: '5' },
      '--tau',
      /--tau is for --schedule linear.*--annealing-time/,
    ],
    [
      '--annealing-time with linear',
      { annealingTime: '5' },
      '--annealing-time',
      /with --schedule linear give the anneal time with --tau/,
    ],
    ['NaN tau', { tau: 'NaN' }, '--tau', /--tau: "NaN" is not a finite number/],
    ['zero tau', { tau: '0' }, '--tau', /--tau: 0 must be > 0/],
    [
      'negative annealing time',
      { schedule: 'DW_2000Q_6', annealingTime: '-1' },
      '--annealing-time',
      /must be > 0/,
    ],
    [
      'empty annealing time',
      { schedule: 'DW_2000Q_6', annealingTime: '' },
      '--annealing-time',
      /"" is not a finite number/,
    ],
    ['missing tau', {}, '--tau', /--tau τ is required with --schedule linear/],
    [
      'anneal-schedule with tau',
      { tau: '1', annealSchedule: '0,0 1,1' },
      '--anneal-schedule',
      /cannot be combined with --tau/,
    ],
    [
      'anneal-schedule with pause',
      { annealSchedule: '0,0 1,1', pause: '0.5,1' },
      '--anneal-schedule',
      /with --pause/,
    ],
    [
      'reverse with annealing time',
      { schedule: 'DW_2000Q_6', annealingTime: '1', reverse: '0.5,1,1' },
      '--reverse',
      /with --annealing-time/,
    ],
    [
      'reverse without state',
      { reverse: '0.5,1,1' },
      '--initial-state',
      /--initial-state is required for a reverse anneal/,
    ],
    [
      'reverse shape',
      { reverse: '0.5,1', initialState: '1,1,1' },
      '--reverse',
      /expected "s_target,pause,ramp"/,
    ],
    ['pause shape', { tau: '1', pause: '0.5' }, '--pause', /expected "s_p,duration"/],
    ['pause s out of range', { tau: '1', pause: '1.5,2' }, 'pause s', /pause s: 1.5 must be within \[0, 1\]/],
    [
      'state for a forward anneal',
      { tau: '1', initialState: '1,1,1' },
      '--initial-state',
      /only reverse anneals/,
    ],
    [
      'state length',
      { reverse: '0.5,1,1', initialState: '1,1' },
      '--initial-state',
      /2 values given, but the model has 3 variables/,
    ],
    [
      'state values',
      { reverse: '0.5,1,1', initialState: '1,0,1' },
      '--initial-state',
      /value 2 is "0"; use −1 or \+1/,
    ],
    [
      'unknown schedule',
      { schedule: 'Advantage_system99' },
      '--schedule',
      /^--schedule: unknown schedule "Advantage_system99"; known schedules: linear, Advantage_system4.1/,
    ],
    ['missing csv', { schedule: join(dir, 'nope.csv') }, '--schedule', /--schedule .*nope.csv: no such file/],
  ];
  it.each(bad)('%s', (_what, opts, field, message) => {
    const e = fails(() => resolveScheduleFlags(opts, bqm));
    expect(e.exitCode).toBe(2);
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
  });
});

describe('schedule and initial-state files', () => {
  it('reads a CSV schedule file', () => {
    const f = join(dir, 'my.csv');
    writeFileSync(f, 's,A,B\n0,2,0\n1,0,4\n');
    const s = resolveSchedule({ schedule: f });
    expect(s.name).toBe(`csv:${f}`);
    expect([s.A(0.5), s.B(0.5), s.problem(0.5)]).toEqual([1, 2, 1]);
    const r = resolveScheduleFlags({ schedule: f, annealingTime: '2' });
    expect(r.path.timeUnit).toBe('us');
    const badFile = join(dir, 'bad.csv');
    writeFileSync(badFile, 's,A,B\n0,2,0\n0.5,1\n1,0,4\n');
    const e = fails(() => resolveSchedule({ schedule: badFile }));
    expect((e as ScheduleError).rule).toBe('csv-columns');
    expect(e.message).toContain(`csv:${badFile} line 3`);
  });

  it('reads initial states inline, from text, JSON arrays and {label: value} files', () => {
    expect(Array.from(parseInitialState('+1, -1 ,1', bqm))).toEqual([1, -1, 1]);
    const txt = join(dir, 'state.txt');
    writeFileSync(txt, '-1 -1 1\n');
    expect(Array.from(parseInitialState(txt, bqm))).toEqual([-1, -1, 1]);
    const arr = join(dir, 'state.json');
    writeFileSync(arr, '[1, 1, -1]');
    expect(Array.from(parseInitialState(arr, bqm))).toEqual([1, 1, -1]);
    const obj = join(dir, 'state-obj.json');
    writeFileSync(obj, '{"c": -1, "a": 1, "b": -1}');
    expect(Array.from(parseInitialState(obj, bqm))).toEqual([1, -1, -1]);
    const partial = join(dir, 'partial.json');
    writeFileSync(partial, '{"c": -1, "a": 1}');
    expect(fails(() => parseInitialState(partial, bqm)).message).toMatch(/no value for variable b/);
    const stranger = join(dir, 'stranger.json');
    writeFileSync(stranger, '{"a": 1, "b": 1, "c": 1, "d": 1}');
    expect(fails(() => parseInitialState(stranger, bqm)).message).toMatch(
      /"d" is not a variable of the model/,
    );
    // integer labels: the key "0" is the label 0
    const intBqm = BinaryQuadraticModel.fromIsing(
      [
        [0, 1],
        [1, 1],
      ],
      [],
    );
    const ints = join(dir, 'ints.json');
    writeFileSync(ints, '{"1": -1, "0": 1}');
    expect(Array.from(parseInitialState(ints, intBqm))).toEqual([1, -1]);
  });

  it('reads 0/1 as −1/+1 for BINARY models only', () => {
    const q = BinaryQuadraticModel.fromQubo([[['x', 'y'], 1]]);
    expect(Array.from(parseInitialState('0,1', q))).toEqual([-1, 1]);
    expect(fails(() => parseInitialState('0,2', q)).message).toMatch(/value 2 is "2"; use −1\/\+1 or 0\/1/);
  });
});
