import { describe, expect, it } from 'vitest';
import { createTestClock } from '../testing/test-app.js';
import { createRateLimiter } from './rate-limiter.js';

describe('createRateLimiter', () => {
  it('refuses requests over the limit with the seconds to wait, per identity', () => {
    const clock = createTestClock();
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000 }, clock);
    limiter.take('a');
    limiter.take('a');
    limiter.take('b');
    clock.advance(15_000);
    expect(() => limiter.take('a')).toThrow(
      expect.objectContaining({ code: 'rate_limited', details: { retryAfterSeconds: 45 } }),
    );
    clock.advance(45_000);
    expect(() => limiter.take('a')).not.toThrow();
  });
});
