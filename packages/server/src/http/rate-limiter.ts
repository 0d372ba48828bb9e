import { ApiError } from '../errors/api-error.js';
import type { Clock } from '../lib/clock.js';

/** At most `limit` requests per `windowMs` for one identity. */
export interface RateLimitRule {
  readonly limit: number;
  readonly windowMs: number;
}

/** Keys kept before expired windows are swept, so memory stays bounded under many identities. */
const SWEEP_THRESHOLD_KEYS = 10_000;

/** Counts requests per identity in fixed windows; `take` throws `rate_limited` with `retryAfterSeconds`. */
export interface RateLimiter {
  take(key: string): void;
}

/** A fixed-window rate limiter in memory (per server process). */
export function createRateLimiter(rule: RateLimitRule, clock: Clock): RateLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return {
    take(key) {
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
  };
}
