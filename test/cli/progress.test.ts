import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { barTail, lineReporter, shortDuration } from '../../src/cli/progress.js';

function sink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { stream, lines };
}

describe('progress', () => {
  it('without a terminal: one line per stage, when it completes or the next begins, none per update', () => {
    const { stream, lines } = sink();
    const r = lineReporter('demo', stream);
    for (let i = 1; i <= 200; i++) r.update({ done: i, total: 200, label: 'images explained' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^demo: images explained 200\/200 in [\d.]+ s\n$/);
    r.update({ done: 5, total: 83, label: 'heatmaps scored' });
    r.update({ done: 1, total: 10, label: 'F at τ = 10' });
    expect(lines[1]).toMatch(/^demo: heatmaps scored 5\/83 in /);
    r.stop();
    expect(lines[2]).toMatch(/^demo: F at τ = 10 1\/10 in .* \(stopped\)\n$/);
    expect(lines).toHaveLength(3);
  });

  it('the bar clamps the count to its total and shows an ETA only once the rate is known', () => {
    expect(barTail(84, 83, 10)).toBe('100% | 83/83');
    expect(barTail(0, 83, 0)).toBe('  0% | 0/83');
    expect(barTail(10, 40, 5)).toBe(' 25% | 10/40 | ETA 15 s');
    expect(barTail(1, 2, 100)).toMatch(/ETA 1 min 40 s$/);
    expect(shortDuration(3725)).toBe('1 h 02 min');
    expect(shortDuration(4.25)).toBe('4.3 s');
  });
});
