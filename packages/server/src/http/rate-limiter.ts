import { ApiError } from '../errors/api-error.js';
import type { Clock } from '../lib/clock.js';

/** At most `limit` requests per `windowMs` for one identity. */
export interface RateLimitRule {
  readonly limit: number;
  readonly windowMs: number;
}

/** Keys kept before expired windows are swept, so memory stays bounded under many identities. */
const SWEEP_THRESHOLD_KEYS = 10_000;

/**
 * Counts requests per identity in fixed windows. Several server processes must share one (the PostgreSQL one
 * from `@confide/server/node`), or each allows the limit again.
 */
export interface RateLimiter {
  /** Uses one request of the key's window; throws `rate_limited` with `retryAfterSeconds` when none is left. */
  take(key: string): Promise<void>;
  /** Gives back a request `take` used for something that caused nothing (a replayed idempotent send). */
  refund(key: string): Promise<void>;
}

/** A fixed-window rate limiter in memory (per server process: right for one process, and for the mocks). */
export function createRateLimiter(rule: RateLimitRule, clock: Clock): RateLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return {
    async take(key) {
      const now = clock.now().getTime();
      if (windows.size > SWEEP_THRESHOLD_KEYS) {
        for (const [storedKey, window] of windows) {
          if (now - window.startedAt >= rule.windowMs) windows.delete(storedKey);
        }
      }
      const window = windows.get(key);
      if (!window || now - window.startedAt >= rule.windowMs) {
        windows.set(key, { startedAt: now, count: 1 });
        return;
      }
      if (window.count >= rule.limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((window.startedAt + rule.windowMs - now) / 1000));
        throw new ApiError('rate_limited', 'Too many requests; try again later', { retryAfterSeconds });
      }
      window.count += 1;
    },
    async refund(key) {
      const window = windows.get(key);
      if (window && window.count > 0) window.count -= 1;
    },
  };
}
