#!/usr/bin/env node
// Converts D-Wave's published annealing-schedule sheets (CSV exports in data/schedules) into the compact
// JSON tables shipped in src/hamiltonian/schedule/data/ (one file per distinct table, plus index.json naming them).
// Values keep full double precision (each cell is parsed once and written with JavaScript's shortest round-trip
// form). Sheets that are byte-identical data for two solver names are stored once; index.json maps both names.
// Usage: node scripts/gen-schedules.mjs [SOURCE_DIR [OUT_DIR]]
//   (defaults: data/schedules, src/hamiltonian/schedule/data)
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = process.argv[2] ?? join(root, 'data', 'schedules');
const outDir = process.argv[3] ?? join(root, 'src', 'hamiltonian', 'schedule', 'data');

/** Solver name -> doc id of its spreadsheet (the file-name prefix). */
const SOLVERS = [
  ['Advantage_system4.1', '09-1263A-B'],
  ['Advantage_system4', '09-1263A-C'],
  ['Advantage_system5.4', '09-1265A-E'],
  ['Advantage_system6.4', '09-1273A-E'],
  ['Advantage_system6', '09-1273A-F'],
  ['Advantage_system7.1', '09-1276A-A'],
  ['Advantage2_prototype2.6', '09-1302A-G'],
  ['Advantage2_system1.13', '09-1312A-M'],
  ['Advantage2_system1', '09-1312A-N'],
  ['Advantage2_research1', '09-1317A-F'],
  ['Advantage2_system4', '09-1323A-D'],
  ['Advantage2_system2', '09-1324A-B'],
  ['DW_2000Q_6', '09-1216A-A'],
];
const SHEETS = [
  ['standard', /__(Standard-Annealing_Schedule|annealing_schedule)\.csv$/],
  ['fast', /__Fast-Annealing_Schedule\.csv$/],
];

function fail(msg) {
  console.error(`gen-schedules: ${msg}`);
  process.exit(1);
}

/** Parses one sheet: header line, then rows s,A,B,c; trailing all-empty rows (",,,") are dropped. */
function parseSheet(text, file) {
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(',');
  if (header[0] !== 's' || !/^A\(s\)/.test(header[1]) || !/^B\(s\)/.test(header[2]))
    fail(`${file}: unexpected header ${lines[0]}`);
  const s = [];
  const A = [];
  const B = [];
  const c = [];
  for (let k = 1; k < lines.length; k++) {
    const cells = lines[k].split(',');
    if (cells.every((x) => x.trim() === '')) continue;
    const v = cells.slice(0, 4).map(Number);
    if (cells.length < 4 || v.some((x, i) => !Number.isFinite(x) || cells[i].trim() === ''))
      fail(`${file}:${k + 1}: bad row ${lines[k]}`);
    if (s.length > 0 && !(v[0] > s[s.length - 1])) fail(`${file}:${k + 1}: s does not increase`);
    if (v[1] < 0 || v[2] < 0) fail(`${file}:${k + 1}: negative energy`);
    s.push(v[0]);
    A.push(v[1]);
    B.push(v[2]);
    c.push(v[3]);
  }
  if (s[0] !== 0 || s[s.length - 1] !== 1) fail(`${file}: s must run from 0 to 1`);
  return { s, A, B, c };
}

const files = readdirSync(source).filter((f) => f.endsWith('.csv') && f !== 'schedule_summary.csv');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const byContent = new Map(); // table JSON text -> data file name
const index = [];
for (const [solver, docId] of SOLVERS) {
  for (const [sheet, pattern] of SHEETS) {
    const csv = files.find((f) => f.startsWith(`${docId}_`) && pattern.test(f));
    if (!csv) {
      if (sheet === 'fast' && solver === 'DW_2000Q_6') continue;
      fail(`no ${sheet} sheet for ${solver} (${docId}) in ${source}`);
    }
    const table = parseSheet(readFileSync(join(source, csv), 'utf8'), csv);
    const body = JSON.stringify(table);
    let file = byContent.get(body);
    if (!file) {
      file = `${solver}${sheet === 'fast' ? '.fast' : ''}.json`;
      byContent.set(body, file);
      writeFileSync(join(outDir, file), `${body}\n`);
    }
    const name = sheet === 'fast' ? `${solver}:fast` : solver;
    index.push({ name, solver, sheet, docId, source: csv, file, points: table.s.length });
  }
}
const unused = files.filter((f) => !index.some((e) => e.source === f));
if (unused.length > 0) fail(`sheets with no solver name: ${unused.join(', ')}`);
writeFileSync(join(outDir, 'index.json'), `${JSON.stringify(index, null, 1)}\n`);
console.error(`gen-schedules: ${index.length} schedules, ${byContent.size} distinct tables -> ${outDir}`);
