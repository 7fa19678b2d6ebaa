import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInitialState } from '../../src/cli/schedule-flags.js';
import { QaError } from '../../src/errors.js';
import {
  parseAnnealPoints,
  parseAnnealSchedule,
  parseScheduleCsv,
} from '../../src/hamiltonian/schedule/index.js';

/** Runs f; returns 'ok' or 'qa-error', rethrowing anything that is not a QaError (a crash). */
function outcome(f: () => unknown): 'ok' | 'qa-error' {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof QaError) return 'qa-error';
    throw e;
  }
}

const tokenChars = fc.constantFrom(...'0123456789.,;-+eE []NaInfity\t\n#x'.split(''));
const junk = fc.array(tokenChars, { maxLength: 40 }).map((a) => a.join(''));

describe('schedule parsers under random input', () => {
  it('parseAnnealSchedule never crashes: a valid path or a QaError', () => {
    fc.assert(
      fc.property(fc.oneof(junk, fc.string()), (text) => {
        if (outcome(() => parseAnnealSchedule(text, 'us', Int8Array.from([1]))) === 'ok') {
          const p = parseAnnealSchedule(text, 'us', Int8Array.from([1]));
          expect(p.points[0]![0]).toBe(0);
          expect(p.points[p.points.length - 1]![1]).toBe(1);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('formatted points parse back to the same numbers', () => {
    const point = fc.tuple(fc.double({ noNaN: true }), fc.double({ noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(' ', ';', ' ; ', '\n'),
        (pts, sep) => {
          const text = pts.map(([t, s]) => `${t},${s}`).join(sep);
          const back = parseAnnealPoints(text);
          expect(back.map((p) => [Object.is(p[0], -0) ? 0 : p[0], Object.is(p[1], -0) ? 0 : p[1]])).toEqual(
            pts.map(([t, s]) => [Object.is(t, -0) ? 0 : t, Object.is(s, -0) ? 0 : s]),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('parseScheduleCsv never crashes, and reads generated tables exactly', () => {
    fc.assert(
      fc.property(fc.oneof(junk, fc.string()), (text) => {
        outcome(() => parseScheduleCsv(text, 'f'));
      }),
      { numRuns: 3000 },
    );
    const energy = fc.double({ min: 0, max: 100, noNaN: true });
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true, minExcluded: true, maxExcluded: true }), {
          maxLength: 20,
        }),
        fc.array(fc.tuple(energy, energy), { minLength: 22, maxLength: 22 }),
        (inner, ab) => {
          const s = [0, ...inner.filter((x) => x !== 0).sort((a, b) => a - b), 1];
          const rows = s.map((x, k) => `${x},${ab[k]![0]},${ab[k]![1]}`);
          const t = parseScheduleCsv(`s,A,B\n${rows.join('\n')}\n`, 'f');
          expect(Array.from(t.s)).toEqual(s);
          expect(Array.from(t.A)).toEqual(s.map((_, k) => ab[k]![0] + 0));
          expect(Array.from(t.B)).toEqual(s.map((_, k) => ab[k]![1] + 0));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('parseInitialState never crashes and returns only ±1', () => {
    fc.assert(
      fc.property(fc.oneof(junk, fc.string()), (text) => {
        if (text.includes('/') || text.trim() === '.' || text.trim() === '..') return; // would name a file or folder
        if (outcome(() => parseInitialState(text)) === 'ok')
          expect(Array.from(parseInitialState(text)).every((v) => v === 1 || v === -1)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
