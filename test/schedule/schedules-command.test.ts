import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli.js';

const run = runInProcess;

afterEach(() => vi.restoreAllMocks());

describe('qaxai schedules', () => {
  it('--json lists every schedule with its metadata', async () => {
    const r = await run('schedules', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.schedules.length).toBe(26);
    const adv = doc.schedules.find((x: { name: string }) => x.name === 'Advantage_system4.1');
    expect(adv).toMatchObject({
      solver: 'Advantage_system4.1',
      sheet: 'standard',
      docId: '09-1263A-B',
      points: 1000,
      A0: 9.839417,
      B1: 8.47707,
    });
    expect(adv.crossingS).toBeCloseTo(0.2785, 4);
  });

  it('prints one table, or resampled with --points', async () => {
    const r = await run('schedules', 'Advantage2_system1:fast', '--json');
    const doc = JSON.parse(r.out);
    expect(doc.s.length).toBe(1001);
    expect(doc.A[0]).toBe(11.3148161762308);
    expect(doc.c[1000]).toBe(1);
    const p = JSON.parse((await run('schedules', 'DW_2000Q_6', '--points', '3', '--json')).out);
    expect(p.s).toEqual([0, 0.5, 1]);
    expect([p.A[0], p.B[2]]).toEqual([9.965879, 11.97718]);
    const lin = JSON.parse((await run('schedules', 'linear', '--json', '--points', '5')).out);
    expect(lin).toMatchObject({
      s: [0, 0.25, 0.5, 0.75, 1],
      A: [1, 0.75, 0.5, 0.25, 0],
      B: [0, 0.25, 0.5, 0.75, 1],
    });
  });

  it('reads a CSV file and writes --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qaxai-schedules-'));
    const f = join(dir, 's.csv');
    writeFileSync(f, '0,4,0\n0.5,1,1\n1,0,2\n');
    const out = join(dir, 'o.json');
    const r = await run('schedules', f, '--json', '--out', out);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({
      name: `csv:${f}`,
      solver: 'csv',
      crossingS: 0.5,
      crossingValue: 1,
      s: [0, 0.5, 1],
    });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(doc);
  });

  it('exit 2 with the known names for an unknown schedule', async () => {
    const r = await run('schedules', 'Advantage_system8');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(
      /unknown schedule "Advantage_system8"; known schedules: linear, Advantage_system4.1,/,
    );
    expect((await run('schedules', 'linear', '--points', '1')).code).toBe(2);
  });
});
