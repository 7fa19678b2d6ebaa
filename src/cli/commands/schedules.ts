/**
 * `qaxai schedules [NAME|FILE]`: lists the annealing schedules qaxai knows (solver, sheet, doc id, A(0), B(1),
 * the A = B crossing), or prints one schedule's table s, A(s), B(s) (GHz; dimensionless for `linear`).
 */

import type { Command } from 'commander';
import {
  getScheduleTable,
  isKnownSchedule,
  listSchedules,
  parseScheduleCsv,
  type ScheduleInfo,
  type ScheduleTable,
  scheduleInfo,
  scheduleMetrics,
} from '../../hamiltonian/schedule/index.js';
import { formatNumber, formatTable, withUnit } from '../../util/format.js';
import { action, type CommandContext } from '../command.js';
import { emit, parseNumberFlag, readTextFile } from '../output.js';
import { scheduleFromNameOrFile } from '../schedule-flags.js';

interface SchedulesFlags {
  points?: string;
  json?: boolean;
  out?: string;
}

export const schedulesCommand = {
  register(program: Command, ctx: CommandContext): void {
    program
      .command('schedules')
      .description('list the annealing schedules (D-Wave tables A(s), B(s) in GHz, and linear), or print one')
      .argument(
        '[name]',
        'a schedule name (e.g. Advantage_system4.1, Advantage_system4.1:fast, linear) or a CSV file',
      )
      .option(
        '--points <n>',
        'print the schedule at n evenly spaced s instead of its table rows (default for linear: 11)',
      )
      .option('--json', 'print JSON on stdout')
      .option('--out <file>', 'also write the JSON result to a file (atomically)')
      .action(
        action(ctx, 'schedules', (name: string | undefined, opts: SchedulesFlags) => {
          const points = parseNumberFlag(opts.points, '--points', { integer: true, min: 2, max: 1_000_000 });
          const output = { json: opts.json === true, ...(opts.out ? { out: opts.out } : {}) };
          if (name === undefined) {
            const schedules = listSchedules();
            emit({ schedules }, output, () => listText(schedules));
            return;
          }
          const one = describeOne(name, points);
          emit(one, output, () => tableText(one));
        }),
      );
  },
};

interface OneSchedule extends Omit<ScheduleInfo, 'points'> {
  points: number | null;
  s: number[];
  A: number[];
  B: number[];
  c?: number[];
}

function describeOne(name: string, points: number | undefined): OneSchedule {
  let info: ScheduleInfo;
  let table: ScheduleTable | undefined;
  const schedule = scheduleFromNameOrFile(name, 'NAME');
  if (isKnownSchedule(name)) {
    info = scheduleInfo(name);
    if (name !== 'linear') table = getScheduleTable(name);
  } else {
    table = parseScheduleCsv(readTextFile(name, 'NAME'), schedule.name);
    info = {
      name: schedule.name,
      solver: 'csv',
      sheet: 'standard',
      docId: null,
      energyUnit: 'GHz',
      points: table.s.length,
      sameDataAs: [],
      ...scheduleMetrics(table),
    };
  }
  if (table && points === undefined)
    return {
      ...info,
      s: Array.from(table.s),
      A: Array.from(table.A),
      B: Array.from(table.B),
      ...(table.c ? { c: Array.from(table.c) } : {}),
    };
  const n = points ?? 11;
  const s = Array.from({ length: n }, (_, k) => (k === n - 1 ? 1 : k / (n - 1)));
  return { ...info, s, A: s.map((x) => schedule.A(x)), B: s.map((x) => schedule.B(x)) };
}

const fmt = (x: number | null) => (x === null ? '-' : formatNumber(x));

function listText(list: ScheduleInfo[]): string {
  const rows = list.map((i) => [
    i.name,
    i.sheet,
    i.docId ?? '-',
    i.points === null ? '-' : String(i.points),
    fmt(i.A0),
    fmt(i.B1),
    i.crossingS === null ? '-' : i.crossingS.toFixed(4),
    fmt(i.crossingValue),
  ]);
  const table = formatTable(['name', 'sheet', 'doc id', 'points', 'A(0)', 'B(1)', 's(A=B)', 'A=B'], rows);
  return `${table}\nA, B in GHz (E/h) for D-Wave tables; H(s) = −A(s)/2 Σσx + B(s)/2 H_P. linear: dimensionless, H = −(1−s)Σσx + s H_P.`;
}

function tableText(o: OneSchedule): string {
  const head = [
    `${o.name}: ${o.sheet} sheet${o.docId ? `, D-Wave doc ${o.docId}` : ''}${o.points ? `, ${o.points} rows` : ''}`,
    `A(0) = ${fmt(o.A0)}, B(1) = ${fmt(o.B1)}; A = B = ${fmt(o.crossingValue)} at s = ${o.crossingS === null ? '-' : o.crossingS.toFixed(4)} (A, B ${o.energyUnit === 'GHz' ? 'in GHz' : 'dimensionless'})`,
  ];
  // the published values have at most 7 significant digits; interpolated ones drop their noise with them
  const table = formatTable(
    ['s', withUnit('A(s)', o.energyUnit), withUnit('B(s)', o.energyUnit)],
    o.s.map((s, k) => [formatNumber(s), formatNumber(o.A[k], 7), formatNumber(o.B[k], 7)]),
  );
  return [...head, table].join('\n');
}
