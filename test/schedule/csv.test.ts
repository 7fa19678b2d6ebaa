import { describe, expect, it } from 'vitest';
import { ScheduleError } from '../../src/errors.js';
import { parseScheduleCsv, scheduleFromCsv } from '../../src/hamiltonian/schedule/index.js';

function err(f: () => unknown): ScheduleError {
  try {
    f();
  } catch (e) {
    if (e instanceof ScheduleError) return e;
    throw e;
  }
  throw new Error('expected a ScheduleError');
}

describe('scheduleFromCsv', () => {
  it('reads s,A,B with a header and interpolates in s', () => {
    const sch = scheduleFromCsv('s,A(s) (GHz),B(s) (GHz)\n0,10,0\n0.5,4,2\n1,0,8\n', 'csv:x.csv');
    expect(sch.name).toBe('csv:x.csv');
    expect([sch.energyUnit, sch.angularFactor, sch.timeUnit]).toEqual(['GHz', 2 * Math.PI, 'ns']);
    expect([sch.A(0), sch.A(0.25), sch.A(0.5), sch.B(0.75), sch.B(1)]).toEqual([10, 7, 4, 5, 8]);
    expect([sch.transverse(0.25), sch.problem(0.75)]).toEqual([3.5, 2.5]);
  });

  it('takes no header, CRLF, tabs, comments, blank and empty-cell lines, and a 4th column c', () => {
    const t = parseScheduleCsv('# my schedule\r\n0\t1\t0\r\n\r\n1\t0\t2\r\n', 'f');
    expect(Array.from(t.s)).toEqual([0, 1]);
    expect(t.c).toBeUndefined();
    const c = parseScheduleCsv('s,A,B,c\n0,1,0,0\n1,0,2,1\n,,,\n', 'f');
    expect(Array.from(c.c!)).toEqual([0, 1]);
  });

  const cases: [string, string, RegExp][] = [
    ['table-s-start', 's,A,B\n0.1,1,0\n1,0,1\n', /f line 2: s must start at 0/],
    ['table-s-end', 's,A,B\n0,1,0\n0.9,0,1\n', /f line 3: s must end at 1/],
    ['table-s-increasing', 's,A,B\n0,1,0\n0.5,1,0\n0.5,1,1\n1,0,1\n', /f line 4: s must strictly increase/],
    ['table-negative', 's,A,B\n0,1,0\n0.5,-1,0\n1,0,1\n', /f line 3: A and B must be ≥ 0/],
    ['table-finite', 's,A,B\n0,1,0\n0.5,x,0\n1,0,1\n', /f line 3: A = "x" is not a finite number/],
    ['table-finite', 's,A,B\n0,1,0\n0.5,Infinity,0\n1,0,1\n', /f line 3: A = "Infinity"/],
    ['table-finite', 's,A,B\n0,1,\n1,0,1\n', /f line 2: B = "" is not a finite number/],
    ['csv-columns', 's,A,B\n0,1\n1,0,1\n', /f line 2: expected 3 columns/],
    ['csv-columns', '0,1,0,0\n1,0,1\n', /f line 2: 3 columns, but earlier rows have 4/],
    ['table-points', 's,A,B\n0,1,0\n', /at least 2 rows/],
    ['table-points', '', /at least 2 rows/],
  ];
  it.each(cases)('%s: %j', (rule, text, message) => {
    const e = err(() => scheduleFromCsv(text, 'f'));
    expect(e.rule).toBe(rule);
    expect(e.message).toMatch(message);
    expect(e.exitCode).toBe(2);
  });
});
