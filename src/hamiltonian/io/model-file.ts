/**
 * Reads a model file's bytes, detecting the format by content: dimod's binary `BQM.to_file()` (the DIMODBQM
 * magic string), otherwise UTF-8 JSON in one of the forms of ./model-json.ts. Pure: the caller reads the file.
 */

import { ModelError } from '../../errors.js';
import type { BinaryQuadraticModel } from '../bqm.js';
import { bqmFromDimodFile, isDimodBqmFile } from './dimod-bqm-file.js';
import { checkModelForUse, type ModelFormat, modelFromJsonText } from './model-json.js';

export type ModelFileFormat = ModelFormat | 'dimod-binary';

/** dimod's other model files (QM.to_file(), DQM.to_file(), CQM.to_file()), named in the refusal. */
const OTHER_DIMOD_FILES: Record<string, string> = {
  DIMODQM: 'QuadraticModel',
  DIMODDQM: 'DiscreteQuadraticModel',
  DIMODCQM: 'ConstrainedQuadraticModel',
};

export function modelFromBytes(
  bytes: Uint8Array,
  source = 'model',
): { bqm: BinaryQuadraticModel; format: ModelFileFormat } {
  if (isDimodBqmFile(bytes)) {
    const bqm = bqmFromDimodFile(bytes, source);
    checkModelForUse(bqm, source);
    return { bqm, format: 'dimod-binary' };
  }
  const start = new TextDecoder().decode(bytes.subarray(0, 8));
  for (const [magic, kind] of Object.entries(OTHER_DIMOD_FILES))
    if (start.startsWith(magic))
      throw new ModelError(
        `${source}: a dimod ${kind} file (${magic}); qaxai reads binary quadratic models (BQM.to_file(), DIMODBQM, or JSON)`,
        { field: source },
      );
  return modelFromJsonText(new TextDecoder().decode(bytes), source);
}
