import { ERROR_CODES, type ErrorCode, type FieldIssue } from '@confide/protocol';

/** Failures that happen on the client side of the wire, next to the server's error codes. */
export const CLIENT_ERROR_CODES = ['network', 'timeout', 'invalid_response', 'aborted'] as const;

/** Every code a `ConfideError` may carry: the protocol's codes plus the client-side ones. Closed: switch on it. */
export type ConfideErrorCode = ErrorCode | (typeof CLIENT_ERROR_CODES)[number];

/** Ids that say which records an error is about. Never message text, subjects or tokens. */
export type ConfideErrorContext = Readonly<Record<string, string | number | boolean | undefined>>;

/** What a `ConfideError` is made from: its fields (each optional; `retryable` defaults by code) and the cause. */
export type ConfideErrorOptions = Partial<
  Pick<ConfideError, 'retryable' | 'context' | 'issues' | 'status' | 'retryAfterSeconds'>
> & {
  /** The underlying error. */
  readonly cause?: unknown;
};

const MARKER = Symbol.for('confide.error');
const RETRYABLE_CODES: ReadonlySet<ConfideErrorCode> = new Set([
  'network',
  'timeout',
  'rate_limited',
  'internal',
]);
const ALL_CODES: ReadonlySet<string> = new Set([...ERROR_CODES, ...CLIENT_ERROR_CODES]);

/**
 * The one error type the SDK throws or reports. Identify it with `ConfideError.is(value)`, which works across
 * duplicate bundles where `instanceof` does not.
 */
export class ConfideError extends Error {
  /** What went wrong, from a closed set. */
  readonly code: ConfideErrorCode;
  /** Whether trying again may succeed; by default true only for network, timeout, rate limits and server faults. */
  readonly retryable: boolean;
  /** Ids of the records involved (never message text). */
  readonly context: ConfideErrorContext | undefined;
  /** The offending fields of an `invalid_input` error. */
  readonly issues: readonly FieldIssue[];
  /** The HTTP status, when the error came from an HTTP answer. */
  readonly status: number | undefined;
  /** The server's hint on how long to wait before retrying, in seconds. */
  readonly retryAfterSeconds: number | undefined;
  readonly [MARKER] = true;

  constructor(code: ConfideErrorCode, message: string, options: ConfideErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConfideError';
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE_CODES.has(code);
    this.context = options.context;
    this.issues = options.issues ?? [];
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** Whether `value` is a `ConfideError`, from this bundle or another copy of the SDK. */
  static is(value: unknown): value is ConfideError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }
}

/** Whether a string is one of the codes a `ConfideError` may carry. */
export function isConfideErrorCode(value: unknown): value is ConfideErrorCode {
  return typeof value === 'string' && ALL_CODES.has(value);
}

// What fetch implementations throw when the network fails (undici, Chromium, Firefox, Safari); any other throw is
// a bug, and retrying a bug forever (the outbox retries network errors without limit) hides it.
const FETCH_FAILURE = /fetch|network|load failed/i;

/**
 * Turns anything thrown by a transport into a `ConfideError`: a `ConfideError` passes through, an abort becomes
 * `aborted`, a timeout `timeout`, a schema failure `invalid_response`, a network failure (ky's or fetch's own)
 * `network`, and anything else `internal`, not retryable.
 */
export function toConfideError(error: unknown, context?: ConfideErrorContext): ConfideError {
  if (ConfideError.is(error)) return error;
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  const wrap = (code: ConfideErrorCode, message: string) =>
    new ConfideError(code, message, { cause: error, context });
  if (name === 'AbortError') return wrap('aborted', 'The request was aborted');
  if (name === 'TimeoutError') return wrap('timeout', 'The server did not answer in time');
  // A custom transport that parses its answers with the protocol's schemas throws zod's error on a bad answer
  // (`$ZodError` from the protocol's zod/mini schemas, `ZodError` from full zod).
  if (name === '$ZodError' || name === 'ZodError')
    return wrap('invalid_response', 'An answer does not match the protocol');
  if (name === 'NetworkError' || (error instanceof TypeError && FETCH_FAILURE.test(error.message))) {
    return wrap('network', 'The request failed before an answer arrived');
  }
  return new ConfideError('internal', 'The transport failed unexpectedly', {
    cause: error,
    context,
    retryable: false,
  });
}
