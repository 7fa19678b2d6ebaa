/** A job's live status: a progress bar with its label, the queue position, a cancel button, and errors. */

import type { ApiErrorBody, JobView, Progress } from '../api';

export interface JobState {
  job?: JobView;
  progress?: Progress;
  error?: ApiErrorBody | string;
  running: boolean;
}

export function JobStatus(p: { state: JobState; onCancel?: () => void; testId?: string }) {
  const { job, progress, error, running } = p.state;
  if (!job && !error && !running) return null;
  const frac = progress && progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  return (
    <div class="job" data-testid={p.testId}>
      {running && (
        <div class="job-row">
          <progress max={1} value={job?.status === 'queued' ? undefined : frac} />
          <span class="muted">
            {job?.status === 'queued'
              ? `queued${job.queuePosition ? ` (#${job.queuePosition})` : ''}`
              : `${Math.round(frac * 100)}% ${progress?.label ?? ''}`}
          </span>
          {p.onCancel && (
            <button type="button" class="secondary" onClick={p.onCancel}>
              Cancel
            </button>
          )}
        </div>
      )}
      {error && (
        <div class="error" role="alert">
          {typeof error === 'string'
            ? error
            : `${error.field ? `${error.field}: ` : ''}${error.message.replace(/^[\w.[\]]+: /, '')}`}
        </div>
      )}
    </div>
  );
}
