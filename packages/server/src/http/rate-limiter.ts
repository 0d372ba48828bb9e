import { ApiError } from '../errors/api-error.js';
import type { Clock } from '../lib/clock.js';

/** At most `limit` requests per `windowMs` for one identity. */
export interface RateLimitRule {
  readonly limit: number;
  readonly windowMs: number;
}

/** Dropped queue entries kept before the queue is compacted (a splice of that many is cheap, done rarely). */
const COMPACT_AFTER_STARTS = 1_024;

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

/**
 * A fixed-window rate limiter in memory (per server process: right for one process, and for the mocks). Fixed
 * windows let a key make up to twice the limit across a window boundary. It keeps only the keys seen in the last
 * window, at a constant cost per request however many there are.
 */
export function createRateLimiter(rule: RateLimitRule, clock: Clock): RateLimiter {
  const windows = new Map<string, { startedAt: number; count: number }>();
  // Every window start in order, so the expired ones are at the front: each take drops those up to the first
  // live one (scripts/bench-rate-limiter.ts: a few µs a take at 3,000 to 300,000 live keys, where a scan of every
  // key cost 0.2 to 5 ms). A queue rather than the map's own order: iterating a map from the front also walks
  // the entries deleted there until it rehashes (about 60 µs a take at 30,000 live keys).
  const starts: Array<{ readonly key: string; readonly startedAt: number }> = [];
  let head = 0;
  function dropExpired(now: number) {
    for (let start = starts[head]; start && now - start.startedAt >= rule.windowMs; start = starts[head]) {
      // A key whose window restarted since has a later entry further back; only its current window counts.
      if (windows.get(start.key)?.startedAt === start.startedAt) windows.delete(start.key);
      head += 1;
    }
    if (head > COMPACT_AFTER_STARTS && head * 2 > starts.length) {
      starts.splice(0, head);
      head = 0;
    }
  }
  return {
    async take(key) {
      const now = clock.now().getTime();
      dropExpired(now);
      const window = windows.get(key);
      // Still checked: after the clock stepped back, an expired window can sit behind a live one in the queue.
      if (!window || now - window.startedAt >= rule.windowMs) {
        windows.set(key, { startedAt: now, count: 1 });
        starts.push({ key, startedAt: now });
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
