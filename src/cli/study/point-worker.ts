/** Worker-thread entry of `qaxai study`: evaluates one point single-threaded (points run in parallel). */

import type { JsonLike } from '../../studies/sweep/runner.js';
import { evaluateStudyPoint, type StudyPointSpec } from './point.js';

export default function runStudyPoint(spec: StudyPointSpec): Promise<JsonLike> {
  return evaluateStudyPoint(spec, 1);
}
