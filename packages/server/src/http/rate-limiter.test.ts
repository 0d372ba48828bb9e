import { describe, expect, it } from 'vitest';
import { createTestClock } from '../testing/test-app.js';
import { createRateLimiter } from './rate-limiter.js';

describe('createRateLimiter', () => {
  it('refuses requests over the limit with the seconds to wait, per identity', async () => {
    const clock = createTestClock();
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000 }, clock);
    await limiter.take('a');
    await limiter.take('a');
    await limiter.take('b');
    clock.advance(15_000);
    await expect(limiter.take('a')).rejects.toMatchObject({
      code: 'rate_limited',
      details: { retryAfterSeconds: 45 },
    });
    clock.advance(45_000);
    await expect(limiter.take('a')).resolves.toBeUndefined();
  });

  it('gives a refunded request back to its window', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000 }, createTestClock());
    await limiter.take('a');
    await limiter.refund('a');
    await expect(limiter.take('a')).resolves.toBeUndefined();
    await expect(limiter.take('a')).rejects.toMatchObject({ code: 'rate_limited' });
  });
});
