import { describe, expect, it } from 'vitest';
import { ScheduleError } from '../../src/errors.js';
import {
  checkHGainSchedule,
  checkQpuAnnealingTime,
  checkQpuAnnealSchedule,
  parseAnnealPoints,
  QPU_SCHEDULE_RULES,
  type QpuScheduleProperties,
} from '../../src/hamiltonian/schedule/index.js';

// Limits of the shape Advantage solvers report (annealing_time_range [0.5, 2000] µs, 12 points).
const props: QpuScheduleProperties = {
  annealing_time_range: [0.5, 2000],
  max_anneal_schedule_points: 12,
  fast_anneal_time_range: [0.005, 83],
  h_gain_schedule_range: [-4, 4],
  max_h_gain_schedule_points: 20,
};
const noFast: QpuScheduleProperties = { annealing_time_range: [0.5, 2000], max_anneal_schedule_points: 12 };

function ruleOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof ScheduleError) return e.rule;
    throw e;
  }
  return undefined;
}

const pts = (t: string) => parseAnnealPoints(t);
const ramp = (n: number, s0: number) => {
  // n points from s0 through the middle to 1, 10 µs apart
  const out: [number, number][] = [];
  for (let k = 0; k < n; k++) out.push([10 * k, k === 0 ? s0 : k === n - 1 ? 1 : 0.5]);
  return out;
};

describe('checkQpuAnnealSchedule', () => {
  it('accepts valid forward, pause and reverse schedules', () => {
    expect(ruleOf(() => checkQpuAnnealSchedule(pts('0,0 20,1'), props))).toBeUndefined();
    expect(ruleOf(() => checkQpuAnnealSchedule(pts('0,0 10,0.4 110,0.4 120,1'), props))).toBeUndefined();
    expect(ruleOf(() => checkQpuAnnealSchedule(pts('0,1 5,0.45 15,0.45 20,1'), props))).toBeUndefined();
    expect(ruleOf(() => checkQpuAnnealSchedule(pts('0,0 2000,1'), props))).toBeUndefined();
  });

  it('counts points: max_anneal_schedule_points, one more for reverse anneals', () => {
    expect(ruleOf(() => checkQpuAnnealSchedule(ramp(12, 0), props))).toBeUndefined();
    expect(ruleOf(() => checkQpuAnnealSchedule(ramp(13, 0), props))).toBe('qpu-points');
    expect(ruleOf(() => checkQpuAnnealSchedule(ramp(13, 1), props))).toBeUndefined();
    expect(ruleOf(() => checkQpuAnnealSchedule(ramp(14, 1), props))).toBe('qpu-points');
    expect(ruleOf(() => checkQpuAnnealSchedule([[0, 0]], props))).toBe('qpu-points');
    expect(() => checkQpuAnnealSchedule(ramp(14, 1), props)).toThrow(/between 2 and 13 points/);
  });

  it('limits the last time to the maximum annealing time', () => {
    expect(ruleOf(() => checkQpuAnnealSchedule(pts('0,0 2000.01,1'), props))).toBe('qpu-max-time');
    expect(() => checkQpuAnnealSchedule(pts('0,0 2000.01,1'), props)).toThrow(
      /point 2 .*longer than 2000 µs/,
    );
  });

  it('limits the slope to 1/min_annealing_time, rounded to 10 decimals as dwave-system does', () => {
    expect(ruleOf(() => checkQpuAnnealSchedule(pts('0,0 0.5,1'), props))).toBeUndefined(); // slope 2 = 1/0.5
    expect(ruleOf(() => checkQpuAnnealSchedule(pts('0,0 0.4,1'), props))).toBe('qpu-max-slope');
    // 1/0.49999999999999 = 2.00000000000004 rounds to 2.0000000000: accepted
    expect(ruleOf(() => checkQpuAnnealSchedule(pts('0,0 0.49999999999999,1'), props))).toBeUndefined();
    // 1/0.4999999999 = 2.0000000004 stays above 2 after rounding: refused
    expect(ruleOf(() => checkQpuAnnealSchedule(pts('0,0 0.4999999999,1'), props))).toBe('qpu-max-slope');
    // a steep backward ramp of a reverse anneal is refused too (|Δs/Δt|)
    expect(ruleOf(() => checkQpuAnnealSchedule(pts('0,1 0.1,0.5 10,1'), props))).toBe('qpu-max-slope');
  });

  it('forward anneals may not decrease s; starts and ends as D-Wave requires', () => {
    expect(ruleOf(() => checkQpuAnnealSchedule(pts('0,0 10,0.6 12,0.4 20,1'), props))).toBe(
      'qpu-forward-monotonic',
    );
    expect(ruleOf(() => checkQpuAnnealSchedule(pts('0,0.3 20,1'), props))).toBe('qpu-start');
    expect(ruleOf(() => checkQpuAnnealSchedule(pts('0,0 20,0.9'), props))).toBe('qpu-end');
    expect(ruleOf(() => checkQpuAnnealSchedule(pts('0,0 20,0.5 20,1'), props))).toBe('qpu-time-increasing');
  });

  it('fast_anneal: 2 points only, within fast_anneal_time_range, if the solver has one', () => {
    expect(
      ruleOf(() => checkQpuAnnealSchedule(pts('0,0 0.01,1'), props, { fastAnneal: true })),
    ).toBeUndefined();
    expect(
      ruleOf(() => checkQpuAnnealSchedule(pts('0,0 0.01,0.5 0.02,1'), props, { fastAnneal: true })),
    ).toBe('qpu-fast-anneal-points');
    expect(ruleOf(() => checkQpuAnnealSchedule(pts('0,0 84,1'), props, { fastAnneal: true }))).toBe(
      'qpu-max-time',
    );
    expect(ruleOf(() => checkQpuAnnealSchedule(pts('0,0 0.004,1'), props, { fastAnneal: true }))).toBe(
      'qpu-max-slope',
    );
    expect(ruleOf(() => checkQpuAnnealSchedule(pts('0,0 1,1'), noFast, { fastAnneal: true }))).toBe(
      'qpu-fast-anneal-unsupported',
    );
  });
});

describe('checkQpuAnnealingTime', () => {
  it('uses annealing_time_range or fast_anneal_time_range', () => {
    expect(ruleOf(() => checkQpuAnnealingTime(0.5, props))).toBeUndefined();
    expect(ruleOf(() => checkQpuAnnealingTime(0.49, props))).toBe('qpu-annealing-time');
    expect(ruleOf(() => checkQpuAnnealingTime(2001, props))).toBe('qpu-annealing-time');
    expect(ruleOf(() => checkQpuAnnealingTime(Number.NaN, props))).toBe('qpu-annealing-time');
    expect(ruleOf(() => checkQpuAnnealingTime(0.01, props, { fastAnneal: true }))).toBeUndefined();
    expect(() => checkQpuAnnealingTime(100, props, { fastAnneal: true })).toThrow(
      /annealing_time: 100 µs is outside fast_anneal_time_range \[0.005, 83\] µs/,
    );
  });
});

describe('checkHGainSchedule', () => {
  const cases: [string, () => void][] = [
    ['h-gain-points', () => checkHGainSchedule([[0, 1]], 20, props)],
    [
      'h-gain-finite',
      () =>
        checkHGainSchedule(
          [
            [0, 1],
            [20, Number.NaN],
          ],
          20,
          props,
        ),
    ],
    ['h-gain-start-time', () => checkHGainSchedule(pts('1,1 20,1'), 20, props)],
    ['h-gain-time-increasing', () => checkHGainSchedule(pts('0,1 10,1 10,2 20,1'), 20, props)],
    ['h-gain-end-time', () => checkHGainSchedule(pts('0,1 19,1'), 20, props)],
    ['h-gain-range', () => checkHGainSchedule(pts('0,1 10,5 20,1'), 20, props)],
    // on h_gain_schedule_range [−4, 4] the bound is 8/0.02 = 400 per µs: −4 → 4 in 0.01 µs is 800
    ['h-gain-max-slope', () => checkHGainSchedule(pts('0,1 10,-4 10.01,4 20,1'), 20, props)],
    ['h-gain-fast-anneal', () => checkHGainSchedule(pts('0,1 20,1'), 20, props, { fastAnneal: true })],
  ];
  it.each(cases)('%s', (rule, f) => expect(ruleOf(f)).toBe(rule));

  it('accepts a valid gain schedule and respects max_h_gain_schedule_points', () => {
    expect(ruleOf(() => checkHGainSchedule(pts('0,0 10,2 20,1'), 20, props))).toBeUndefined();
    // D-Wave's example step [10, 0] → [10.01, 3] (300 per µs) is within the bound of a [−4, 4] range
    expect(ruleOf(() => checkHGainSchedule(pts('0,1 10,0 10.01,3 20,1'), 20, props))).toBeUndefined();
    const many: [number, number][] = Array.from({ length: 21 }, (_, k) => [k, 1]);
    expect(ruleOf(() => checkHGainSchedule(many, 20, props))).toBe('h-gain-points');
  });

  it('QPU rule ids are distinct from the general path rules and all exercised', () => {
    const ids = Object.keys(QPU_SCHEDULE_RULES);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith('qpu-') || id.startsWith('h-gain-'))).toBe(true);
  });
});
