/**
 * Errors of the Leap adapter. Everything the SAPI peer does wrong, or refuses, is a {@link WorkError} with code
 * `QA_HTTP` (exit 1) that says what was asked, what came back and what to do; bad local configuration is an
 * {@link InputError} (exit 2). No message ever carries the API token: every text that may have come from the
 * network or from configuration goes through {@link Redactor} first.
 */

import { InputError, WorkError } from '../../errors.js';

/** Replaces every occurrence of the secrets it knows (API tokens) with `***`. */
export class Redactor {
  private readonly secrets: string[];

  constructor(secrets: Iterable<string | undefined> = []) {
    this.secrets = [...secrets].filter((s): s is string => typeof s === 'string' && s.length >= 4);
  }

  add(secret: string | undefined): void {
    if (typeof secret === 'string' && secret.length >= 4 && !this.secrets.includes(secret))
      this.secrets.push(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('***');
    return out;
  }
}

export interface LeapHttpErrorInit {
  /** HTTP status, or undefined when no response came (connection, timeout). */
  status?: number | undefined;
  /** SAPI's error_code when the body had one. */
  errorCode?: number | undefined;
  method: string;
  /** Path relative to the SAPI base (never a full URL with credentials). */
  path: string;
  cause?: unknown;
}

/** A request to SAPI that failed: an HTTP error status, a dropped connection, a timeout or a bad body. */
export class LeapHttpError extends WorkError {
  readonly status: number | undefined;
  readonly errorCode: number | undefined;
  readonly method: string;
  readonly path: string;

  constructor(message: string, init: LeapHttpErrorInit) {
    super(message, { code: 'QA_HTTP', field: 'leap', cause: init.cause });
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.method = init.method;
    this.path = init.path;
  }
}

/** A SAPI answer or status body that does not follow the documented format. */
export class SapiFormatError extends WorkError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(`invalid SAPI response: ${message}`, { code: 'QA_HTTP', field: 'leap', ...options });
  }
}

/** A submitted problem ended FAILED (the solver's error_message) or was refused at submission. */
export class ProblemFailedError extends WorkError {
  constructor(
    readonly problemId: string | undefined,
    readonly solverMessage: string,
    readonly errorCode?: number,
  ) {
    super(
      problemId
        ? `problem ${problemId} failed on the solver: ${solverMessage}`
        : `the solver refused the problem${errorCode ? ` (error ${errorCode})` : ''}: ${solverMessage}`,
      { code: 'QA_HTTP', field: 'leap' },
    );
  }
}

/** A problem that ended CANCELLED (by us on abort, or by someone else). */
export class ProblemCancelledError extends WorkError {
  constructor(readonly problemId: string) {
    super(`problem ${problemId} was cancelled`, { code: 'QA_CANCELLED', field: 'leap' });
  }
}

/** Configuration that cannot be used (no token, an unreadable dwave.conf, an unknown profile…). */
export class LeapConfigError extends InputError {}
