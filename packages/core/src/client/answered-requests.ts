import { ConfideError } from '../errors/confide-error.js';

/**
 * Watches a client's transport calls for proof that the backend is reachable again: a call begun after the latest
 * one that failed for a passing reason (network, timeout, 5xx) that then gets its answer. A call begun earlier may
 * have been answered before the way closed, so it proves nothing; the event stream's own `requests` watch applies
 * the same rule to `httpTransport`'s requests.
 */
export function createAnsweredRequests() {
  let started = 0;
  let failedAt = 0;
  const listeners = new Set<() => void>();
  return {
    /** Runs one transport call, counting it; resolves and rejects as it does. */
    async watch<Result>(call: () => Promise<Result>): Promise<Result> {
      started += 1;
      const startedAt = started;
      try {
        const result = await call();
        if (startedAt > failedAt) for (const listener of [...listeners]) listener();
        return result;
      } catch (error) {
        // A rate limit or a refusal is an answer, not a closed way: only passing failures mark the way as closed.
        if (ConfideError.is(error) && error.retryable && error.code !== 'rate_limited') failedAt = started;
        throw error;
      }
    },
    /** Calls `listener` each time a call begun after the latest passing failure is answered; returns a stop. */
    onAnswered(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
