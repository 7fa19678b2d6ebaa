/**
 * Engine errors name the engine's options (src/cli/option-flags.ts has the convention); where a job request
 * spells one differently, the job's error names the request field instead, so a failed job says what to change
 * in the request. The model an engine refuses (`model`) is the request's `problem`; the explainer's `model` is
 * the server's model folder, not part of the request, and keeps its name.
 */

import { renameLeadingField } from '../../errors.js';
import type { ErrorRecord } from '../http-error.js';
import type { JobKind } from './protocol.js';

const REQUEST_FIELDS: Readonly<Record<JobKind, Readonly<Record<string, string>>>> = {
  explain: {},
  gap: { model: 'problem' },
  anneal: { model: 'problem', num_reads: 'numReads' },
  study: { model: 'problem', num_reads: 'numReads' },
  sample: { model: 'problem' },
};

/** The error of a `kind` job with its field (and the message's leading field) as the request names it. */
export function inRequestTerms(kind: JobKind, record: ErrorRecord): ErrorRecord {
  const field = record.field;
  const name = field === undefined ? undefined : REQUEST_FIELDS[kind][field];
  if (field === undefined || name === undefined) return record;
  return { ...record, field: name, message: renameLeadingField(record.message, field, name) };
}
