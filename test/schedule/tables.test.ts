import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ScheduleError } from '../../src/errors.js';
import {
  getSchedule,
  getScheduleTable,
  isKnownSchedule,
  linearSchedule,
  listSchedules,
  scheduleInfo,
  scheduleNames,
} from '../../src/hamiltonian/schedule/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '../../src/hamiltonian/schedule/data');
const sourceDir = join(here, '../../data/schedules');

interface IndexEntry {
  name: string;
  solver: string;
  sheet: string;
  docId: string;
  source: string;
  file: string;
  points: number;
}
const index = JSON.parse(readFileSync(join(dataDir, 'index.json'), 'utf8')) as IndexEntry[];

const SOLVERS = [
  'Advantage_system4.1',
  'Advantage_system4',
  'Advantage_system5.4',
  'Advantage_system6.4',
  'Advantage_system6',
  'Advantage_system7.1',
  'Advantage2_prototype2.6',
  'Advantage2_system1.13',
  'Advantage2_system1',
  'Advantage2_research1',
  'Advantage2_system4',
  'Advantage2_system2',
  'DW_2000Q_6',
];

describe('shipped schedule names', () => {
  it('has a standard sheet for every solver and a fast sheet for every Advantage system', () => {
    const expected = ['linear'];
    for (const s of SOLVERS) expected.push(s, ...(s === 'DW_2000Q_6' ? [] : [`${s}:fast`]));
    expect(scheduleNames().sort()).toEqual(expected.sort());
    expect(scheduleNames()[0]).toBe('linear');
  });

  it('every data file is named by the index and every index file exists', () => {
    const files = readdirSync(dataDir).filter((f) => f !== 'index.json');
    expect(new Set(index.map((e) => e.file))).toEqual(new Set(files));
  });

  it('unknown names are a ScheduleError that lists every known name', () => {
    let err: unknown;
    try {
      getSchedule('Advantage_system9.9');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScheduleError);
    expect((err as ScheduleError).rule).toBe('unknown-schedule');
    expect((err as ScheduleError).exitCode).toBe(2);
    for (const n of scheduleNames()) expect((err as Error).message).toContain(n);
    expect(() => getScheduleTable('linear')).toThrow(ScheduleError);
    expect(isKnownSchedule('DW_2000Q_6:fast')).toBe(false);
    expect(isKnownSchedule('Advantage2_system1:fast')).toBe(true);
  });
});

describe('table interpolation', () => {
  it.each(index.map((e) => [e.name, e] as const))('%s reproduces its table at every point', (name, e) => {
    const raw = JSON.parse(readFileSync(join(dataDir, e.file), 'utf8')) as {
      s: number[];
      A: number[];
      B: number[];
    };
    expect(raw.s.length).toBe(e.points);
    const sch = getSchedule(name);
    expect(sch.name).toBe(name);
    let worst = 0;
    for (let k = 0; k < raw.s.length; k++) {
      const s = raw.s[k]!;
      if (sch.A(s) !== raw.A[k] || sch.B(s) !== raw.B[k]) worst++;
      if (sch.transverse(s) !== raw.A[k]! / 2 || sch.problem(s) !== raw.B[k]! / 2) worst++;
    }
    expect(worst).toBe(0);
    // linear in s between table points: the midpoint value is the mean of its neighbours
    const k = Math.floor(raw.s.length / 3);
    const mid = (raw.s[k]! + raw.s[k + 1]!) / 2;
    expect(sch.A(mid)).toBeCloseTo((raw.A[k]! + raw.A[k + 1]!) / 2, 12);
    expect(sch.B(mid)).toBeCloseTo((raw.B[k]! + raw.B[k + 1]!) / 2, 12);
    // clamped outside [0, 1]
    expect(sch.A(-0.1)).toBe(raw.A[0]);
    expect(sch.B(1.1)).toBe(raw.B[raw.B.length - 1]);
  });

  it('uses GHz, 2π and ns for tables', () => {
    const s = getSchedule('Advantage_system4.1');
    expect([s.energyUnit, s.angularFactor, s.timeUnit]).toEqual(['GHz', 2 * Math.PI, 'ns']);
    expect(s.A(0)).toBe(9.839417);
    expect(s.B(1)).toBe(8.47707);
    expect(s.transverse(0)).toBe(9.839417 / 2);
    expect(getSchedule('Advantage_system4.1')).toBe(s); // cached
  });

  it('reads the fast sheet for NAME:fast', () => {
    const std = getSchedule('Advantage_system4.1');
    const fast = getSchedule('Advantage_system4.1:fast');
    expect(fast.A(0)).toBe(std.A(0));
    expect(fast.B(1)).toBe(std.B(1));
    expect(fast.A(0.3)).not.toBe(std.A(0.3));
  });

  it('linear is the dimensionless schedule of cli.md', () => {
    const l = getSchedule('linear');
    expect(l).toBe(linearSchedule);
    expect([l.A(0.25), l.B(0.25), l.transverse(0.25), l.problem(0.25)]).toEqual([0.75, 0.25, 0.75, 0.25]);
    expect([l.energyUnit, l.angularFactor, l.timeUnit]).toEqual(['dimensionless', 1, 'hbar/energy']);
  });
});

describe('schedule metadata vs schedule_summary.csv', () => {
  const lines = readFileSync(join(here, 'fixtures/schedule_summary.csv'), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1);
  const rows = lines.map((l) => l.split(','));
  const infos = listSchedules();

  it('lists every schedule, linear first', () => {
    expect(infos.map((i) => i.name)).toEqual(scheduleNames());
    expect(infos[0]).toMatchObject({ name: 'linear', A0: 1, B1: 1, crossingS: 0.5, docId: null });
  });

  it.each(rows.map((r) => [r[9]!, r] as const))('%s', (csv, r) => {
    const entries = index.filter((e) => e.source === csv);
    expect(entries.length).toBe(1);
    const info = scheduleInfo(entries[0]!.name);
    expect(info.docId).toBe(r[0]!.slice(0, 10));
    expect(info.sheet).toBe(/Fast/.test(r[1]!) ? 'fast' : 'standard');
    expect(info.points).toBe(Number(r[2]));
    expect([info.A0, info.B0, info.A1, info.B1]).toEqual([
      Number(r[3]),
      Number(r[4]),
      Number(r[5]),
      Number(r[6]),
    ]);
    expect(info.crossingS!.toFixed(4)).toBe(Number(r[7]).toFixed(4));
    expect(info.crossingValue!.toFixed(4)).toBe(Number(r[8]).toFixed(4));
  });

  it('names the solvers whose data D-Wave published twice', () => {
    expect(scheduleInfo('Advantage_system4').sameDataAs).toEqual(['Advantage_system4.1']);
    expect(scheduleInfo('Advantage2_system1:fast').sameDataAs).toEqual(['Advantage2_system1.13:fast']);
    expect(scheduleInfo('DW_2000Q_6').sameDataAs).toEqual([]);
  });
});

// The shipped JSON against the CSV sheets it was generated from (data/schedules, with their provenance).
describe('shipped JSON equals the source CSV sheets', () => {
  it.each(index.map((e) => [e.name, e] as const))('%s', (_name, e) => {
    const text = readFileSync(join(sourceDir, e.source), 'utf8');
    const rows = text
      .split(/\r?\n/)
      .slice(1)
      .filter((l) => l.replace(/,/g, '').trim() !== '')
      .map((l) => l.split(',').map(Number));
    const t = getScheduleTable(e.name);
    expect(Array.from(t.s)).toEqual(rows.map((r) => r[0]));
    expect(Array.from(t.A)).toEqual(rows.map((r) => r[1]));
    expect(Array.from(t.B)).toEqual(rows.map((r) => r[2]));
    expect(Array.from(t.c!)).toEqual(rows.map((r) => r[3]));
  });
});

describe('scripts/gen-schedules.mjs', () => {
  it('regenerates exactly the committed data files', () => {
    const out = mkdtempSync(join(tmpdir(), 'qaxai-gen-'));
    execFileSync(process.execPath, [join(here, '../../scripts/gen-schedules.mjs'), sourceDir, out], {
      stdio: 'pipe',
    });
    const files = readdirSync(out).sort();
    expect(files).toEqual(readdirSync(dataDir).sort());
    for (const f of files)
      expect(readFileSync(join(out, f), 'utf8')).toBe(readFileSync(join(dataDir, f), 'utf8'));
  });
});
