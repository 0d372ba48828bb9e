import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles per attempt up to the ceiling, keeping at least half of each delay', () => {
    const low = { baseDelayMs: 100, maxDelayMs: 1_000, random: () => 0 };
    const high = { ...low, random: () => 0.999 };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, low))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, high))).toEqual([
      100, 200, 400, 800, 1_000,
    ]);
  });
});
