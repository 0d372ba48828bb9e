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

  type Step = [seconds: number, key: string, answer: string];

  /** Each step's answer when `key` takes at `seconds` after the start (the clock may go back), limit 1 a minute. */
  async function answersOf(steps: readonly Step[]): Promise<Step[]> {
    const clock = createTestClock();
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000 }, clock);
    const start = clock.now().getTime();
    const answers: Step[] = [];
    for (const [seconds, key] of steps) {
      clock.advance(start + seconds * 1000 - clock.now().getTime());
      const answer = await limiter.take(key).then(
        () => 'allowed',
        (error: { details?: { retryAfterSeconds?: number } }) => `wait ${error.details?.retryAfterSeconds}`,
      );
      answers.push([seconds, key, answer]);
    }
    return answers;
  }

  it('forgets only expired windows, also when a restarted window sits behind older ones', async () => {
    const steps: Step[] = [
      [0, 'a', 'allowed'],
      [30, 'b', 'allowed'],
      [59, 'a', 'wait 1'],
      // a's window is over and dropped; b's (from 30 s) is live and kept.
      [65, 'a', 'allowed'],
      [66, 'b', 'wait 24'],
      // b's window is over and dropped; a's restarted one (from 65 s, now behind b's) is kept.
      [91, 'c', 'allowed'],
      [92, 'a', 'wait 33'],
      [92, 'b', 'allowed'],
      [125, 'a', 'allowed'],
    ];
    expect(await answersOf(steps)).toEqual(steps);
  });

  it('keeps counting each window after the clock steps back', async () => {
    const steps: Step[] = [
      [100, 'x', 'allowed'],
      // The clock steps back: y's window starts before x's but is queued after it.
      [50, 'y', 'allowed'],
      // y's window is over though x's, in front of it, is not.
      [120, 'y', 'allowed'],
      // x's window and y's first one are over; y's second (from 120 s) still counts.
      [165, 'y', 'wait 15'],
      [165, 'x', 'allowed'],
    ];
    expect(await answersOf(steps)).toEqual(steps);
  });

  it('gives a refunded request back to its window', async () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000 }, createTestClock());
    await limiter.take('a');
    await limiter.refund('a');
    await expect(limiter.take('a')).resolves.toBeUndefined();
    await expect(limiter.take('a')).rejects.toMatchObject({ code: 'rate_limited' });
  });
});
