/**
 * Progress of long CLI work, on stderr only (stdout stays clean for --json). On a terminal: a bar per stage
 * (the `label` of the updates), with the count clamped to its total and an ETA only once one can be estimated.
 * Elsewhere (logs, CI, pipes): one line per finished stage, as npm does (`demo: images explained 200/200 in
 * 12.3 s`). QAXAI_NO_PROGRESS silences both.
 */

import cliProgress from 'cli-progress';
import type { Progress } from '../sim/sampler.js';

export interface ProgressReporter {
  update(p: Progress): void;
  stop(): void;
}

/** Seconds as a short duration: 45 s, 3 min 05 s, 1 h 02 min. */
export function shortDuration(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '';
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(Math.round(s - 60 * m)).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** The bar's text after the bar itself: count (clamped) and the ETA when the rate is known. */
export function barTail(done: number, total: number, elapsedSeconds: number): string {
  const t = Math.max(0, total);
  const v = Math.min(Math.max(0, done), t);
  const pct = t > 0 ? Math.floor((100 * v) / t) : 0;
  const eta = v > 0 && v < t && elapsedSeconds > 0 ? (elapsedSeconds / v) * (t - v) : Number.NaN;
  return `${String(pct).padStart(3)}% | ${v}/${t}${Number.isFinite(eta) ? ` | ETA ${shortDuration(eta)}` : ''}`;
}

export function createProgressReporter(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressReporter {
  if (process.env.QAXAI_NO_PROGRESS) return { update: () => {}, stop: () => {} };
  return stream.isTTY ? barReporter(label, stream) : lineReporter(label, stream);
}

interface Stage {
  name: string;
  done: number;
  total: number;
  started: number;
  reported: boolean;
}

/** One line per stage when it completes (or when the next begins, or at stop when it was cut short). */
export function lineReporter(label: string, stream: NodeJS.WritableStream): ProgressReporter {
  let stage: Stage | undefined;
  const report = (s: Stage, note = '') => {
    if (s.reported) return;
    s.reported = true;
    const secs = (performance.now() - s.started) / 1000;
    stream.write(
      `${label}: ${s.name ? `${s.name} ` : ''}${Math.min(s.done, s.total)}/${s.total} in ${shortDuration(secs)}${note}\n`,
    );
  };
  return {
    update(p: Progress) {
      const name = p.label ?? '';
      if (!stage || stage.name !== name) {
        if (stage) report(stage);
        stage = { name, done: 0, total: p.total, started: performance.now(), reported: false };
      }
      stage.done = p.done;
      stage.total = p.total;
      if (p.done >= p.total) report(stage);
    },
    stop() {
      if (stage && stage.done > 0) report(stage, ' (stopped)');
      stage = undefined;
    },
  };
}

function barReporter(label: string, stream: NodeJS.WriteStream): ProgressReporter {
  let bar: cliProgress.SingleBar | undefined;
  let stage: { name: string; started: number } | undefined;
  const close = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    update(p: Progress) {
      const name = p.label ?? '';
      if (!bar || stage?.name !== name) {
        close();
        stage = { name, started: performance.now() };
        const head = `${label}${name ? ` ${name}` : ''}`;
        const started = stage.started;
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: (options, params) =>
              `${head} [${cliProgress.Format.BarFormat(Math.min(1, Math.max(0, params.progress)), options)}] ${barTail(
                params.value,
                params.total,
                (performance.now() - started) / 1000,
              )}`,
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(Math.max(p.total, p.done), p.done);
      }
      bar.setTotal(Math.max(p.total, 1));
      bar.update(Math.min(p.done, p.total));
    },
    stop() {
      close();
      stage = undefined;
    },
  };
}
