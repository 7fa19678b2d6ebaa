/**
 * Coded errors shared by every layer of qaxai.
 *
 * Every error a user can cause is a {@link QaError} whose `code` is stable and whose message names the
 * offending field and what would be accepted. The CLI maps {@link QaError.exitCode} to the process exit
 * status: 2 for bad input, 1 for a failure of the work itself. Anything that is not a QaError is a bug.
 */

export type QaErrorCode =
  | 'QA_INPUT_INVALID'
  | 'QA_JSON_SYNTAX'
  | 'QA_MODEL_INVALID'
  | 'QA_SAMPLESET_INVALID'
  | 'QA_SCHEDULE_INVALID'
  | 'QA_PARAMETER_INVALID'
  | 'QA_UNKNOWN_PARAMETER'
  | 'QA_STRUCTURE_MISMATCH'
  | 'QA_CAPACITY_EXCEEDED'
  | 'QA_NO_EMBEDDING'
  | 'QA_TOPOLOGY_INVALID'
  | 'QA_BACKEND_UNAVAILABLE'
  | 'QA_HTTP'
  | 'QA_WORK_FAILED'
  | 'QA_CANCELLED'
  | 'QA_INTERNAL';

export interface QaErrorOptions {
  /** The input field (dotted path, flag or file) the error is about, when there is one. */
  field?: string;
  cause?: unknown;
}

/** Base class of every expected qaxai error. */
export class QaError extends Error {
  readonly code: QaErrorCode;
  readonly field: string | undefined;
  /** Process exit status for the CLI: 2 = bad input, 1 = the work failed. */
  readonly exitCode: 1 | 2;

  constructor(code: QaErrorCode, message: string, exitCode: 1 | 2, options: QaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.field = options.field;
    this.exitCode = exitCode;
  }
}

/** Bad input in general (a flag, a file, an argument): exit 2. */
export class InputError extends QaError {
  constructor(message: string, options: QaErrorOptions & { code?: QaErrorCode } = {}) {
    super(options.code ?? 'QA_INPUT_INVALID', message, 2, options);
  }
}

/** Malformed or truncated JSON text; the message carries line and column. */
export class JsonSyntaxError extends InputError {
  constructor(message: string, options: QaErrorOptions = {}) {
    super(message, { ...options, code: 'QA_JSON_SYNTAX' });
  }
}

/** A model (BQM, Ising, QUBO) that is invalid: NaN biases, self-loops, unknown variables… */
export class ModelError extends InputError {
  constructor(message: string, options: QaErrorOptions = {}) {
    super(message, { ...options, code: 'QA_MODEL_INVALID' });
  }
}

/** A sample set that is invalid or does not match its model. */
export class SampleSetError extends InputError {
  constructor(message: string, options: QaErrorOptions = {}) {
    super(message, { ...options, code: 'QA_SAMPLESET_INVALID' });
  }
}

/** An annealing schedule or anneal path that breaks a rule. `rule` names the rule that was broken. */
export class ScheduleError extends InputError {
  readonly rule: string;
  constructor(rule: string, message: string, options: QaErrorOptions = {}) {
    super(message, { ...options, code: 'QA_SCHEDULE_INVALID' });
    this.rule = rule;
  }
}

/** A sampler parameter that is unknown or out of range. */
export class ParameterError extends InputError {
  constructor(message: string, options: QaErrorOptions & { unknown?: boolean } = {}) {
    super(message, { ...options, code: options.unknown ? 'QA_UNKNOWN_PARAMETER' : 'QA_PARAMETER_INVALID' });
  }
}

/** A problem that does not fit a structured sampler's graph. */
export class StructureError extends InputError {
  constructor(message: string, options: QaErrorOptions = {}) {
    super(message, { ...options, code: 'QA_STRUCTURE_MISMATCH' });
  }
}

/** A topology request that is invalid (bad shape, coordinates out of range). */
export class TopologyError extends InputError {
  constructor(message: string, options: QaErrorOptions = {}) {
    super(message, { ...options, code: 'QA_TOPOLOGY_INVALID' });
  }
}

/** A request too large for the method (e.g. statevector memory, exact enumeration size). Exit 2. */
export class CapacityError extends InputError {
  constructor(message: string, options: QaErrorOptions = {}) {
    super(message, { ...options, code: 'QA_CAPACITY_EXCEEDED' });
  }
}

/** The work itself failed (a solver, an HTTP peer, a worker): exit 1. */
export class WorkError extends QaError {
  constructor(message: string, options: QaErrorOptions & { code?: QaErrorCode } = {}) {
    super(options.code ?? 'QA_WORK_FAILED', message, 1, options);
  }
}

/** Work was cancelled through an AbortSignal. */
export class CancelledError extends WorkError {
  constructor(message = 'cancelled', options: QaErrorOptions = {}) {
    super(message, { ...options, code: 'QA_CANCELLED' });
  }
}

/** An internal invariant failed: always a bug in qaxai. */
export class InternalError extends QaError {
  constructor(message: string, options: QaErrorOptions = {}) {
    super('QA_INTERNAL', `${message} (this is a bug in qaxai)`, 1, options);
  }
}

/** Throws an {@link InternalError} when `cond` is false; the message is built lazily. */
export function invariant(cond: unknown, message: () => string): asserts cond {
  if (!cond) throw new InternalError(message());
}

/**
 * `message` with its leading field (engine messages start "field: …" or "field value: …") written as `name`: how
 * a front end names an engine option in its own terms (a CLI flag, a request field).
 */
export function renameLeadingField(message: string, field: string, name: string): string {
  return message.startsWith(`${field}:`) || message.startsWith(`${field} `)
    ? name + message.slice(field.length)
    : message;
}
