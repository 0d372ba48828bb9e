import type { ErrorCode, FieldIssue } from '@confide/protocol';

const API_ERROR_MARKER = Symbol.for('confide.server.api-error');

/** Extra facts an error envelope may carry. */
export interface ApiErrorDetails {
  readonly issues?: FieldIssue[];
  readonly retryAfterSeconds?: number;
  readonly reason?: string;
}

/**
 * An expected failure with a protocol error code; the HTTP layer turns it into the error envelope with the
 * matching status. Messages describe the problem, never message text or tokens.
 */
export class ApiError extends Error {
  readonly [API_ERROR_MARKER] = true;
  readonly code: ErrorCode;
  readonly details: ApiErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ApiErrorDetails) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }

  /** Whether a value is an `ApiError`, also across duplicate copies of this package. */
  static is(value: unknown): value is ApiError {
    return typeof value === 'object' && value !== null && API_ERROR_MARKER in value;
  }
}

/** A `not_found` error that says nothing about whether the record exists elsewhere. */
export function notFound(what: string): ApiError {
  return new ApiError('not_found', `${what} not found`);
}

/** A `forbidden` error. */
export function forbidden(message: string, reason?: string): ApiError {
  return new ApiError('forbidden', message, reason === undefined ? undefined : { reason });
}

/** An `invalid_input` error about one field. */
export function invalidInput(path: Array<string | number>, message: string): ApiError {
  return new ApiError('invalid_input', 'The request is invalid', { issues: [{ path, message }] });
}
