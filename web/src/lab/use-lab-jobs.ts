/**
 * The lab's job runner: one job slot per kind (gap, anneal, study, sample), each with its live state
 * (queued, progress, error) and its last result; starting a job replaces that kind's result when it ends. A
 * result remembers the inputs it was computed for, so the cards mark it stale when the problem, schedule or
 * path changes afterwards.
 */

import { useRef, useState } from 'preact/hooks';
import type { AnnealJobResult, SampleJobResult, StudyJobResult } from '../../../src/web/jobs/lab-results';
import { ApiError, type RunningJob, runJob } from '../api';
import type { JobState } from '../components/job-status';
import type { Spectrum } from '../components/spectrum-plot';

export type LabJobKind = 'gap' | 'anneal' | 'study' | 'sample';

/** The result each kind of job returns. */
export interface LabResults {
  gap: Spectrum & { wallSeconds: number; method: string; note: string };
  anneal: AnnealJobResult;
  study: StudyJobResult;
  sample: SampleJobResult;
}

/** A finished job: its id (for downloads), result, and the inputs it was computed for (`context`). */
export interface Finished<R> {
  id: string;
  result: R;
  context: string;
}

export interface LabJob<K extends LabJobKind> {
  state: JobState;
  done?: Finished<LabResults[K]>;
  /**
   * Runs a job; `context` names the inputs the result depends on (default: the body), so a card can tell
   * when the problem or schedule changed after the result was computed ({@link LabJob.stale}).
   */
  start(body: Record<string, unknown>, context?: string): void;
  /** Whether the shown result was computed for other inputs than `context`. */
  stale(context: string): boolean;
  cancel(): void;
  /** Shows an error without running anything (a form the job cannot start from). */
  fail(message: string): void;
}

export function errorOf(err: unknown) {
  return err instanceof ApiError ? err.body : String(err);
}

const idle = { running: false };

export function useLabJobs(): { jobs: { [K in LabJobKind]: LabJob<K> } } {
  const [states, setStates] = useState<Record<LabJobKind, JobState>>({
    gap: idle,
    anneal: idle,
    study: idle,
    sample: idle,
  });
  const [results, setResults] = useState<{ [K in LabJobKind]?: Finished<LabResults[K]> }>({});
  const running = useRef<Partial<Record<LabJobKind, RunningJob<unknown>>>>({});
  const patch = (kind: LabJobKind, p: (s: JobState) => JobState) =>
    setStates((s) => ({ ...s, [kind]: p(s[kind]) }));

  function slot<K extends LabJobKind>(kind: K): LabJob<K> {
    return {
      state: states[kind],
      ...(results[kind] ? { done: results[kind] } : {}),
      start(body, context = JSON.stringify(body)) {
        patch(kind, () => ({ running: true }));
        const job = runJob<LabResults[K]>(kind, body, (j, p) =>
          patch(kind, (s) => ({ ...s, job: j, ...(p ? { progress: p } : {}) })),
        );
        running.current[kind] = job;
        void Promise.all([job.id, job.result])
          .then(([id, result]) => {
            setResults((r) => ({ ...r, [kind]: { id, result, context } }));
            patch(kind, (s) => ({ ...s, running: false }));
          })
          .catch((err) => patch(kind, (s) => ({ ...s, running: false, error: errorOf(err) })));
      },
      stale(context) {
        const done = results[kind];
        return done !== undefined && done.context !== context;
      },
      cancel() {
        running.current[kind]?.cancel();
      },
      fail(message) {
        patch(kind, () => ({ running: false, error: message }));
      },
    };
  }

  return {
    jobs: { gap: slot('gap'), anneal: slot('anneal'), study: slot('study'), sample: slot('sample') },
  };
}
