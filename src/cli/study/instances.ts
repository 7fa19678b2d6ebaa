/**
 * The instances a study runs over: model files named on the command line, every model file in a folder, or
 * the paper's feature-selection QUBOs of the embedded XAI model (written into the study folder so every point
 * refers to a file). Each instance carries a content hash so a resumed study notices a changed file.
 */

import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { bqmToDimodJson } from '../../hamiltonian/io/dimod-bqm.js';
import { modelFromBytes } from '../../hamiltonian/io/model-file.js';
import { contentHash, type JsonLike } from '../../studies/sweep/runner.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { readBytesFile } from '../output.js';

export interface StudyInstance {
  name: string;
  path: string;
  hash: string;
  n: number;
  tags?: { [key: string]: JsonLike };
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);

function instanceFromFile(path: string, tags?: StudyInstance['tags']): StudyInstance {
  const abs = resolve(path);
  const bytes = readBytesFile(abs, 'MODEL');
  const { bqm } = modelFromBytes(bytes, abs);
  return {
    name: safe(basename(abs, extname(abs))),
    path: abs,
    hash: contentHash(bytes),
    n: bqm.numVariables,
    ...(tags ? { tags } : {}),
  };
}

/** Model files given as arguments, plus every .json file of `dir` (sorted by name). */
export function instancesFromFiles(files: readonly string[], dir?: string): StudyInstance[] {
  const paths = [...files];
  if (dir !== undefined) {
    let names: string[];
    try {
      if (!statSync(dir).isDirectory()) throw new Error('not a folder');
      names = readdirSync(dir);
    } catch {
      throw new InputError(`--instances: ${dir} is not a readable folder of model files`, {
        field: '--instances',
      });
    }
    const json = names.filter((f) => f.endsWith('.json')).sort();
    if (json.length === 0)
      throw new InputError(`--instances: ${dir} holds no .json model files`, { field: '--instances' });
    paths.push(...json.map((f) => join(dir, f)));
  }
  const out = paths.map((p) => instanceFromFile(p));
  const seen = new Map<string, number>();
  for (const inst of out) {
    const k = seen.get(inst.name) ?? 0;
    seen.set(inst.name, k + 1);
    if (k > 0) inst.name = `${inst.name}-${k}`;
  }
  return out;
}

/** The XAI feature-selection QUBOs of the embedded model, written as dimod BQM files into `dir`. */
export async function instancesFromXai(
  dir: string,
  o: { images: number; betas: number[]; modelDir?: string },
): Promise<StudyInstance[]> {
  const { featureQubosForStudy } = await import('../../xai/study-qubos.js');
  const qubos = await featureQubosForStudy({
    images: o.images,
    betas: o.betas,
    ...(o.modelDir !== undefined ? { modelDir: o.modelDir } : {}),
  });
  if (qubos.length === 0)
    throw new InputError('--xai-qubos: every selected image has d = 0 (no map with a positive weight)', {
      field: '--xai-qubos',
    });
  return qubos.map((q) => {
    const path = writeFileAtomic(
      join(dir, 'instances', `${q.name}.json`),
      `${JSON.stringify(bqmToDimodJson(q.bqm, { image: q.image, beta: q.beta, label: q.label }))}\n`,
    );
    return instanceFromFile(path, { beta: q.beta, image: q.image, label: q.label });
  });
}
