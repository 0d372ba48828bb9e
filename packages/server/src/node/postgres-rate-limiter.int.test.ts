import pg from 'pg';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { createPostgresRateLimiter, RATE_LIMIT_SWEEP_INTERVAL_MS } from './postgres-rate-limiter.js';
import { postgresConnectionConfig } from './postgres-store.js';
import { describePostgres } from './testing/postgres-test-schema.js';

const WINDOW_MS = 60_000;

describePostgres('the PostgreSQL rate limiter', 'confide_rate_limits', ({ url, schema }) => {
  let client: pg.Client;

  beforeAll(async () => {
    client = new pg.Client(postgresConnectionConfig({ url, schema }));
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
  });

  afterAll(async () => {
    await client?.end();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  const storedKeys = async () =>
    (await client.query<{ key: string }>('SELECT key FROM confide_rate_limits ORDER BY key')).rows.map(
      (row) => row.key,
    );

  it('deletes expired windows on its sweep timer and keeps the current ones, until it is closed', async () => {
    // Only the limiter's timer and clock are faked: the connections' own timeouts stay real.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const errors: Error[] = [];
    const limiter = await createPostgresRateLimiter({
      url,
      schema,
      rule: { limit: 2, windowMs: WINDOW_MS },
      onPoolError: (error) => errors.push(error),
    });
    try {
      await limiter.take('ana');
      await limiter.take('ben');
      await vi.advanceTimersByTimeAsync(RATE_LIMIT_SWEEP_INTERVAL_MS - WINDOW_MS / 2);
      await limiter.take('carla');
      expect(await storedKeys()).toEqual(['sends:ana', 'sends:ben', 'sends:carla']);
      await vi.advanceTimersByTimeAsync(WINDOW_MS / 2);
      await vi.waitFor(async () => expect(await storedKeys()).toEqual(['sends:carla']));
      await limiter.take('carla');
      await expect(limiter.take('carla')).rejects.toMatchObject({ code: 'rate_limited' });
      await limiter.take('ana');
      expect(await storedKeys()).toEqual(['sends:ana', 'sends:carla']);
    } finally {
      await limiter.close();
    }
    expect(vi.getTimerCount()).toBe(0);
    expect(errors).toEqual([]);
  });
});
