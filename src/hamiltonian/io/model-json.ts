/**
 * Reads a model from JSON text, detecting the format by content: dimod BQM serializable, LANL bqpjson, or the
 * simple h/J/Q form. Errors are ModelErrors naming the field (exit 2 in the CLI).
 */

import { ModelError } from '../../errors.js';
import { parseStrictJson } from '../../util/strict-json.js';
import { type BinaryQuadraticModel, checkEnergyBound } from '../bqm.js';
import { bqmFromBqpJson, isBqpJson } from './bqpjson.js';
import { bqmFromDimodJson, isDimodBqmJson } from './dimod-bqm.js';
import { bqmFromSimpleJson, isSimpleModelJson } from './simple-json.js';

export type ModelFormat = 'dimod' | 'bqpjson' | 'simple';

export function detectModelFormat(doc: unknown): ModelFormat | undefined {
  if (isDimodBqmJson(doc)) return 'dimod';
  if (isBqpJson(doc)) return 'bqpjson';
  if (isSimpleModelJson(doc)) return 'simple';
  return undefined;
}

export function modelFromJsonValue(
  doc: unknown,
  source = 'model',
): { bqm: BinaryQuadraticModel; format: ModelFormat } {
  const format = detectModelFormat(doc);
  let bqm: BinaryQuadraticModel;
  switch (format) {
    case 'dimod':
      bqm = bqmFromDimodJson(doc);
      break;
    case 'bqpjson':
      bqm = bqmFromBqpJson(doc);
      break;
    case 'simple':
      bqm = bqmFromSimpleJson(doc);
      break;
    default:
      throw new ModelError(
        `${source}: not a model this reader knows; expected a dimod BinaryQuadraticModel ("type": "BinaryQuadraticModel"), ` +
          'a LANL bqpjson document ("variable_domain", "linear_terms", …) or the simple form {"vartype", "h", "J"} / {"Q"}',
        { field: source },
      );
  }
  checkModelForUse(bqm, source);
  return { bqm, format };
}

/** The checks every model read from a file passes: energies within range, at least one variable. */
export function checkModelForUse(bqm: BinaryQuadraticModel, source: string): void {
  checkEnergyBound(bqm, source);
  if (bqm.numVariables === 0)
    throw new ModelError(
      `${source}: the model has no variables; give at least one linear or quadratic term`,
      { field: source },
    );
}

export function modelFromJsonText(
  text: string,
  source = 'model',
): { bqm: BinaryQuadraticModel; format: ModelFormat } {
  return modelFromJsonValue(parseStrictJson(text, { source }), source);
}
