/** The web app's API client: JSON requests with clear errors, uploads, and jobs followed over server-sent events. */

export interface ApiErrorBody {
  code: string;
  message: string;
  field?: string;
  status: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

async function parse<T>(res: Response): Promise<T> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    throw new ApiError(res.status, {
      code: 'HTTP',
      message: `${res.status} ${res.statusText}: ${text.slice(0, 200)}`,
      status: res.status,
    });
  }
  if (!res.ok) {
    const e = (json as { error?: ApiErrorBody } | null)?.error;
    throw new ApiError(
      res.status,
      e ?? { code: 'HTTP', message: `${res.status} ${res.statusText}`, status: res.status },
    );
  }
  return json as T;
}

export async function getJson<T>(url: string): Promise<T> {
  return parse<T>(await fetch(url, { headers: { accept: 'application/json' } }));
}

export async function postJson<T>(url: string, body: unknown): Promise<T> {
  return parse<T>(
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }),
  );
}

export async function uploadFile<T>(url: string, file: File): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  return parse<T>(await fetch(url, { method: 'POST', body: form }));
}

export interface Progress {
  done: number;
  total: number;
  label?: string;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobView {
  id: string;
  kind: string;
  status: JobStatus;
  progress: Progress | null;
  error: ApiErrorBody | null;
  queuePosition: number | null;
}

export interface RunningJob<R> {
  id: Promise<string>;
  result: Promise<R>;
  cancel(): void;
}

/**
 * Submits a job and follows it over SSE (falls back to polling if the stream breaks); `onUpdate` gets status and
 * progress; the promise resolves with the result or rejects with the job's error.
 */
export function runJob<R>(
  kind: string,
  body: unknown,
  onUpdate: (job: JobView, p?: Progress) => void,
): RunningJob<R> {
  let jobId: string | undefined;
  let cancelled = false;
  let resolveId!: (id: string) => void;
  const id = new Promise<string>((r) => (resolveId = r));
  const result = (async () => {
    const { job } = await postJson<{ job: JobView }>(`/api/jobs/${kind}`, body);
    jobId = job.id;
    resolveId(job.id);
    onUpdate(job);
    if (cancelled) void fetch(`/api/jobs/${job.id}`, { method: 'DELETE' });
    const final = await new Promise<JobView>((resolve) => {
      const es = new EventSource(`/api/jobs/${job.id}/events`);
      let last: JobView = job;
      let ended = false;
      es.addEventListener('status', (ev) => {
        last = JSON.parse((ev as MessageEvent).data) as JobView;
        onUpdate(last, last.progress ?? undefined);
      });
      es.addEventListener('progress', (ev) => {
        const p = JSON.parse((ev as MessageEvent).data) as Progress;
        last = { ...last, progress: p };
        onUpdate(last, p);
      });
      es.addEventListener('end', (ev) => {
        ended = true;
        es.close();
        resolve(JSON.parse((ev as MessageEvent).data) as JobView);
      });
      es.onerror = () => {
        if (ended) return;
        es.close();
        // poll until the job has finished
        const poll = async () => {
          const { job: j } = await getJson<{ job: JobView }>(`/api/jobs/${job.id}`);
          onUpdate(j, j.progress ?? undefined);
          if (j.status === 'done' || j.status === 'failed' || j.status === 'cancelled') resolve(j);
          else setTimeout(poll, 500);
        };
        void poll();
      };
    });
    if (final.status !== 'done') {
      const err = final.error ?? { code: 'QA_CANCELLED', message: `job ${final.status}`, status: 409 };
      throw new ApiError(err.status, err);
    }
    return getJson<R>(`/api/jobs/${job.id}/result`);
  })();
  return {
    id,
    result,
    cancel() {
      cancelled = true;
      if (jobId) void fetch(`/api/jobs/${jobId}`, { method: 'DELETE' });
    },
  };
}

export interface SamplerInfo {
  name: string;
  summary: string;
  available: boolean;
  reason?: string;
  parameters: Record<
    string,
    { kind: string; doc: string; default?: unknown; min?: number; max?: number; values?: string[] }
  >;
}

export interface Info {
  samplers: SamplerInfo[];
  schedules: { name: string; energyUnit: string; sheet: string; solver: string }[];
  generators: { kind: string; summary: string }[];
  limits: Record<string, unknown>;
  explainer:
    | {
        available: true;
        dataset: string | null;
        classNames: string[] | null;
        numMaps: number | null;
        images: number;
        defaultSampler: string;
      }
    | { available: false; reason: string };
}

let infoPromise: Promise<Info> | undefined;
export function getInfo(): Promise<Info> {
  infoPromise ??= getJson<Info>('/api/info');
  return infoPromise;
}
