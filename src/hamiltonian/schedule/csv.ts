import { ScheduleError } from '../../errors.js';
import { checkScheduleTable, type ScheduleTable, tableSchedule } from './table.js';
import type { AnnealingSchedule } from './types.js';

/**
 * Parses a user schedule table: CSV rows `s,A,B` with A, B in GHz (a 4th column is read as D-Wave's
 * normalized control bias c; more columns are refused). An optional header line (first cell not a number),
 * blank lines, lines of empty cells (",,,") and `#` comments are skipped; cells may also be tab-separated.
 * Rules: s starts at 0, ends at 1 and strictly increases; A, B finite and ≥ 0. Errors name `source` and the line.
 */
export function parseScheduleCsv(text: string, source: string): ScheduleTable {
  const s: number[] = [];
  const A: number[] = [];
  const B: number[] = [];
  const c: number[] = [];
  const lineOf: number[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  const header = firstContentLine(lines);
  let columns = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const at = `${source} line ${i + 1}`;
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(line.includes(',') ? ',' : /\t|\s+/).map((x) => x.trim());
    if (cells.every((x) => x === '')) continue;
    if (i === header && (cells[0] === '' || Number.isNaN(Number(cells[0])))) continue;
    if (cells.length < 3 || cells.length > 4)
      throw new ScheduleError(
        'csv-columns',
        `${at}: expected 3 columns s,A,B (GHz) or 4 with c, found ${cells.length}`,
        {
          field: source,
        },
      );
    if (columns !== 0 && cells.length !== columns)
      throw new ScheduleError(
        'csv-columns',
        `${at}: ${cells.length} columns, but earlier rows have ${columns}`,
        {
          field: source,
        },
      );
    columns = cells.length;
    const v = cells.map((x) => (x === '' ? Number.NaN : Number(x)));
    const names = ['s', 'A', 'B', 'c'];
    for (let j = 0; j < v.length; j++)
      if (!Number.isFinite(v[j]))
        throw new ScheduleError(
          'table-finite',
          `${at}: ${names[j]} = ${JSON.stringify(cells[j])} is not a finite number`,
          {
            field: source,
          },
        );
    s.push(v[0]!);
    A.push(v[1]!);
    B.push(v[2]!);
    if (columns === 4) c.push(v[3]!);
    lineOf.push(i + 1);
  }
  const table: ScheduleTable = {
    s: Float64Array.from(s),
    A: Float64Array.from(A),
    B: Float64Array.from(B),
    ...(columns === 4 ? { c: Float64Array.from(c) } : {}),
  };
  checkScheduleTable(table, (k) =>
    k < 0 || lineOf[k] === undefined ? source : `${source} line ${lineOf[k]}`,
  );
  return table;
}

function firstContentLine(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (l !== '' && !l.startsWith('#')) return i;
  }
  return -1;
}

/** A GHz schedule from CSV text (see {@link parseScheduleCsv}); `name` is its display name, e.g. "csv:my.csv". */
export function scheduleFromCsv(text: string, name: string): AnnealingSchedule {
  return tableSchedule(name, parseScheduleCsv(text, name));
}
