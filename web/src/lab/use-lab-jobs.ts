/**
 * The lab's job runner: one job slot per kind (gap, anneal, study, sample), each with its live state
 * (queued, progress, error) and its last result; starting a job replaces that kind's result when it ends.
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

/** A finished job: its id (for downloads) and result. */
export interface Finished<R> {
  id: string;
  result: R;
}

export interface LabJob<K extends LabJobKind> {
  state: JobState;
  done?: Finished<LabResults[K]>;
  start(body: Record<string, unknown>): void;
  cancel(): void;
  /** Shows an error without running anything (a form the job cannot start from). */
  fail(message: string): void;
}

export function errorOf(err: unknown) {
  return err instanceof ApiError ? err.body : String(err);
}

const idle = { running: false };

export function useLabJobs(): { jobs: { [K in LabJobKind]: LabJob<K> }; clear(): void } {
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
      start(body) {
        patch(kind, () => ({ running: true }));
        const job = runJob<LabResults[K]>(kind, body, (j, p) =>
          patch(kind, (s) => ({ ...s, job: j, ...(p ? { progress: p } : {}) })),
        );
        running.current[kind] = job;
        void Promise.all([job.id, job.result])
          .then(([id, result]) => {
            setResults((r) => ({ ...r, [kind]: { id, result } }));
            patch(kind, (s) => ({ ...s, running: false }));
          })
          .catch((err) => patch(kind, (s) => ({ ...s, running: false, error: errorOf(err) })));
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
    clear: () => setResults({}),
  };
}
