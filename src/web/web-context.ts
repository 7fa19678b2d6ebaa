/** What the web app's route plugins share: the job queue, the problem and upload stores, the explainer, limits. */

import type { ExplainerAssets } from './explainer-assets.js';
import type { RequestContext } from './job-requests.js';
import type { JobQueue } from './jobs/queue.js';
import type { ProblemStore } from './problems.js';
import type { UploadStore } from './uploads.js';

export interface WebContext {
  queue: JobQueue;
  problems: ProblemStore;
  uploads: UploadStore;
  /** What job requests are resolved against (problems, uploads, the explainer's model). */
  requests: RequestContext;
  explainer: ExplainerAssets;
  limits: {
    /** JSON body limit, bytes. */
    bodyBytes: number;
    /** Upload limit per file, bytes. */
    uploadBytes: number;
    workers: number;
  };
}
