import { InputError, type QaErrorOptions } from '../errors.js';

/** Why an embedding is invalid or could not be found. */
export type EmbeddingErrorReason =
  | 'missing-chain'
  | 'empty-chain'
  | 'not-a-qubit'
  | 'repeated-qubit'
  | 'disconnected-chain'
  | 'overlapping-chains'
  | 'missing-edge'
  | 'too-large'
  | 'not-found'
  | 'invalid-json';

/** How far a failed embedding search got (the best attempt). */
export interface EmbeddingProgress {
  /** Source variables. */
  variables: number;
  /** Variables whose chains share no qubit with another chain. */
  placed: number;
  /** Qubits used by two or more chains. */
  overlappingQubits: number;
  /** Longest chain of the best attempt, in qubits. */
  maxChainLength: number;
  tries: number;
  timedOut: boolean;
}

/**
 * A problem that cannot be mapped onto a target graph, or a given embedding that does not fit it: bad input
 * (exit 2), code QA_NO_EMBEDDING. The message names the variable, chain or interaction at fault; a failed
 * search carries {@link EmbeddingProgress}.
 */
export class EmbeddingError extends InputError {
  readonly reason: EmbeddingErrorReason;
  readonly progress: EmbeddingProgress | undefined;

  constructor(
    reason: EmbeddingErrorReason,
    message: string,
    options: QaErrorOptions & { progress?: EmbeddingProgress } = {},
  ) {
    super(message, { ...options, code: 'QA_NO_EMBEDDING' });
    this.reason = reason;
    this.progress = options.progress;
  }
}
