import { describe, expect, it } from 'vitest';
import { ScheduleError } from '../../src/errors.js';
import {
  ANNEAL_PATH_RULES,
  type AnnealPath,
  annealPath,
  checkInitialStateLength,
  forwardPath,
  parseAnnealPoints,
  parseAnnealSchedule,
  pathDuration,
  pathTimeToEngineTime,
  pausePath,
  piecewiseLinearAt,
  quenchPath,
  reversePath,
  sAt,
  validateAnnealPath,
} from '../../src/hamiltonian/schedule/index.js';

function ruleOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ScheduleError) return e.rule;
    throw e;
  }
  throw new Error('expected a ScheduleError');
}

const state = Int8Array.from([1, -1, 1]);

describe('path builders', () => {
  it('forward', () => {
    const p = forwardPath(20);
    expect(p).toEqual({
      kind: 'forward',
      points: [
        [0, 0],
        [20, 1],
      ],
      timeUnit: 'us',
    });
    expect(pathTimeToEngineTime(p)).toBe(1000);
    expect(pathTimeToEngineTime(forwardPath(5, 'tau'))).toBe(1);
    expect(sAt(p, 5)).toBe(0.25);
  });

  it('pause', () => {
    const p = pausePath({ duration: 10, sPause: 0.4, pauseDuration: 100 });
    expect(p.points).toEqual([
      [0, 0],
      [4, 0.4],
      [104, 0.4],
      [110, 1],
    ]);
    expect(pathDuration(p)).toBe(110);
    expect(sAt(p, 50)).toBe(0.4);
    expect(sAt(p, 107)).toBeCloseTo(0.7, 15);
    // degenerate pauses collapse their zero-length segments
    expect(pausePath({ duration: 10, sPause: 0, pauseDuration: 5 }).points).toEqual([
      [0, 0],
      [5, 0],
      [15, 1],
    ]);
    expect(pausePath({ duration: 10, sPause: 1, pauseDuration: 5 }).points).toEqual([
      [0, 0],
      [10, 1],
      [15, 1],
    ]);
    expect(pausePath({ duration: 10, sPause: 0.5, pauseDuration: 0 }).points).toEqual([
      [0, 0],
      [5, 0.5],
      [10, 1],
    ]);
  });

  it('quench', () => {
    expect(quenchPath({ duration: 100, sQuench: 0.6, quenchDuration: 1 }).points).toEqual([
      [0, 0],
      [60, 0.6],
      [61, 1],
    ]);
    expect(
      quenchPath({ duration: 100, sQuench: 0.5, quenchDuration: 2, pauseDuration: 10, unit: 'tau' }),
    ).toEqual({
      kind: 'forward',
      points: [
        [0, 0],
        [50, 0.5],
        [60, 0.5],
        [62, 1],
      ],
      timeUnit: 'tau',
    });
  });

  it('reverse', () => {
    const p = reversePath({ sTarget: 0.45, pauseDuration: 10, rampDuration: 5, initialState: state });
    expect(p.kind).toBe('reverse');
    expect(p.points).toEqual([
      [0, 1],
      [5, 0.45],
      [15, 0.45],
      [20, 1],
    ]);
    expect(p.initialState).toBe(state);
    expect(
      reversePath({ sTarget: 0.5, pauseDuration: 0, rampDuration: 2, initialState: state }).points,
    ).toEqual([
      [0, 1],
      [2, 0.5],
      [4, 1],
    ]);
  });

  it('refuses bad builder arguments', () => {
    expect(ruleOf(() => forwardPath(0))).toBe('path-duration');
    expect(ruleOf(() => forwardPath(-1))).toBe('path-duration');
    expect(ruleOf(() => forwardPath(Number.NaN))).toBe('path-finite');
    expect(ruleOf(() => pausePath({ duration: 1, sPause: 1.5, pauseDuration: 1 }))).toBe('path-s-range');
    expect(ruleOf(() => pausePath({ duration: 1, sPause: 0.5, pauseDuration: -1 }))).toBe('path-duration');
    expect(ruleOf(() => quenchPath({ duration: 1, sQuench: 0.5, quenchDuration: 0 }))).toBe('path-duration');
    expect(
      ruleOf(() => reversePath({ sTarget: 0.5, pauseDuration: 1, rampDuration: 0, initialState: state })),
    ).toBe('path-duration');
    expect(() => forwardPath(0)).toThrow(/annealing time: 0 must be > 0/);
  });

  it('piecewiseLinearAt interpolates and clamps', () => {
    const pts = [
      [0, 1],
      [10, 0.5],
      [20, 2],
    ] as const;
    expect([
      piecewiseLinearAt(pts, -1),
      piecewiseLinearAt(pts, 5),
      piecewiseLinearAt(pts, 15),
      piecewiseLinearAt(pts, 30),
    ]).toEqual([1, 0.75, 1.25, 2]);
  });
});

describe('parseAnnealSchedule', () => {
  it('reads "t,s" pairs, with spaces or semicolons, and JSON', () => {
    expect(parseAnnealSchedule('0,0 10,0.5 20,1').points).toEqual([
      [0, 0],
      [10, 0.5],
      [20, 1],
    ]);
    expect(parseAnnealPoints(' 0, 0 ;10 ,0.5;  20,1 ')).toEqual([
      [0, 0],
      [10, 0.5],
      [20, 1],
    ]);
    expect(parseAnnealPoints('[[0,0],[2e1,1]]')).toEqual([
      [0, 0],
      [20, 1],
    ]);
    const r = parseAnnealSchedule('0,1 5,0.4 10,1', 'tau', state);
    expect(r).toEqual({
      kind: 'reverse',
      points: [
        [0, 1],
        [5, 0.4],
        [10, 1],
      ],
      timeUnit: 'tau',
      initialState: state,
    });
  });

  it('names the bad token', () => {
    expect(ruleOf(() => parseAnnealPoints('0,0 10'))).toBe('path-syntax');
    expect(() => parseAnnealPoints('0,0 10')).toThrow(/point 2: "10" is not a "t,s" pair/);
    expect(() => parseAnnealPoints('0,0 x,1')).toThrow(/point 2: "x" is not a number/);
    expect(ruleOf(() => parseAnnealPoints('0,0 1,2,3'))).toBe('path-syntax');
    expect(ruleOf(() => parseAnnealPoints('[[0,0],[1]]'))).toBe('path-syntax');
    expect(ruleOf(() => parseAnnealPoints('[[0,0],'))).toBe('path-syntax');
    expect(ruleOf(() => parseAnnealPoints('{"a":1}'))).toBe('path-syntax');
  });
});

describe('every anneal-path rule has its own error', () => {
  const fwd = (points: [number, number][]): AnnealPath => ({ kind: 'forward', points, timeUnit: 'us' });
  const rev = (points: [number, number][], initialState?: Int8Array): AnnealPath => ({
    kind: 'reverse',
    points,
    timeUnit: 'us',
    ...(initialState ? { initialState } : {}),
  });
  const cases: [string, () => unknown, RegExp][] = [
    ['path-syntax', () => parseAnnealSchedule('0,0 a'), /point 2/],
    ['path-points', () => validateAnnealPath(fwd([[0, 0]])), /at least 2 points/],
    ['path-finite', () => parseAnnealSchedule('0,0 NaN,1'), /point 2 \(t = NaN µs, s = 1\)/],
    [
      'path-start-time',
      () => parseAnnealSchedule('1,0 20,1'),
      /point 1 \(t = 1 µs, s = 0\): the first point must be at t = 0/,
    ],
    [
      'path-time-increasing',
      () => parseAnnealSchedule('0,0 10,0.5 10,1'),
      /point 3 \(t = 10 µs, s = 1\): t must increase/,
    ],
    ['path-s-range', () => parseAnnealSchedule('0,0 10,1.2 20,1'), /point 2 .*within \[0, 1\]/],
    ['path-duration', () => forwardPath(-2), /must be > 0/],
    ['forward-start', () => parseAnnealSchedule('0,0.2 20,1'), /point 1 .*forward anneal starts at s = 0/],
    ['forward-end', () => parseAnnealSchedule('0,0 20,0.9'), /point 2 .*ends at s = 1/],
    [
      'reverse-start',
      () =>
        validateAnnealPath(
          rev(
            [
              [0, 0.5],
              [20, 1],
            ],
            state,
          ),
        ),
      /point 1 .*reverse anneal starts at s = 1/,
    ],
    [
      'reverse-end',
      () => parseAnnealSchedule('0,1 10,0.5', 'us', state),
      /point 2 .*reverse anneal ends at s = 1/,
    ],
    ['reverse-initial-state', () => parseAnnealSchedule('0,1 10,0.5 20,1'), /needs an initial state/],
    [
      'initial-state-values',
      () =>
        validateAnnealPath(
          rev(
            [
              [0, 1],
              [20, 1],
            ],
            Int8Array.from([1, 0]),
          ),
        ),
      /value 1 is 0/,
    ],
    [
      'initial-state-length',
      () =>
        checkInitialStateLength(
          reversePath({ sTarget: 0.5, pauseDuration: 1, rampDuration: 1, initialState: state }),
          4,
        ),
      /3 values but the model has 4/,
    ],
    [
      'initial-state-forward',
      () =>
        annealPath(
          [
            [0, 0],
            [1, 1],
          ],
          'us',
          state,
        ),
      /only used by reverse anneals/,
    ],
  ];

  it.each(cases)('%s', (rule, f, message) => {
    expect(ruleOf(f)).toBe(rule);
    expect(f).toThrow(message);
  });

  it('covers every rule, each with a distinct id', () => {
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(Object.keys(ANNEAL_PATH_RULES)));
    expect(new Set(cases.map((c) => c[0])).size).toBe(cases.length);
  });

  it('a forward path starting at s = 1 points to reverse annealing', () => {
    expect(() =>
      validateAnnealPath(
        fwd([
          [0, 1],
          [20, 1],
        ]),
      ),
    ).toThrow(/makes it a reverse anneal/);
  });

  it('accepts non-monotone forward paths (the QPU-only rule is in checkQpuAnnealSchedule)', () => {
    expect(parseAnnealSchedule('0,0 10,0.6 12,0.4 20,1').kind).toBe('forward');
  });

  it('errors are exit 2 with the field named', () => {
    try {
      parseAnnealSchedule('0,0 10,2', 'us', undefined, '--anneal-schedule');
    } catch (e) {
      expect((e as ScheduleError).exitCode).toBe(2);
      expect((e as ScheduleError).field).toBe('--anneal-schedule');
      expect((e as Error).message.startsWith('--anneal-schedule: point 2')).toBe(true);
    }
    expect.assertions(3);
  });
});
