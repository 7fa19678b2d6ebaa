/** Worker-thread entry for exact enumeration: runs a batch of chunks over one compiled model. */

import type { CompiledModel } from '../../hamiltonian/compiled.js';
import { type ChunkRequest, type ChunkResult, enumerateChunk } from './enumerate.js';

export interface ExactTask {
  model: CompiledModel;
  requests: ChunkRequest[];
}

export default function runExactTask(task: ExactTask): ChunkResult[] {
  return task.requests.map((r) => enumerateChunk(task.model, r));
}
