/** How a backoff grows: the first delay, its ceiling and the randomness source (injectable for tests). */
export interface BackoffOptions {
  /** Delay before the first retry, in milliseconds. */
  readonly baseDelayMs: number;
  /** Ceiling of any delay, in milliseconds. */
  readonly maxDelayMs: number;
  /** Returns a number in [0, 1); `Math.random` unless a test pins it. */
  readonly random?: () => number;
}

/**
 * Exponential backoff with "equal jitter": half the exponential delay is kept, the other half is random, so
 * retries from many clients spread out without any of them retrying immediately.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const random = options.random ?? Math.random;
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const half = exponential / 2;
  return Math.round(half + random() * half);
}
