import pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from '../errors/api-error.js';
import type { RateLimiter, RateLimitRule } from '../http/rate-limiter.js';
import { postgresConnectionConfig } from './postgres-store.js';

/** The table the limiter counts in, beside Confide's tables (in the store's schema, through the search path). */
const RATE_LIMIT_TABLE = 'confide_rate_limits';
/** Where concurrent starts queue to create the table (an arbitrary, fixed advisory-lock key). */
const RATE_LIMIT_TABLE_LOCK_KEY = 727_002;

/** Connections of the limiter's own pool: one statement per send, so few are enough. */
const RATE_LIMIT_POOL_SIZE = 2;

/**
 * How often expired windows are deleted. Each sender leaves one row per window; without the sweep the table
 * keeps a row for every identity that ever sent.
 */
export const RATE_LIMIT_SWEEP_INTERVAL_MS = 10 * 60 * 1000;

/** Options of `createPostgresRateLimiter`. */
export interface PostgresRateLimiterOptions {
  /** The same database URL the store uses. */
  readonly url: string;
  /** The store's schema, when it has one (the limiter's table goes there too). */
  readonly schema?: string | undefined;
  readonly rule: RateLimitRule;
  /** Separates limiters sharing the table. @default "sends" */
  readonly keyPrefix?: string | undefined;
  /** Receives errors of idle pooled connections and of the sweep of expired windows. @default console.error */
  readonly onPoolError?: ((error: Error) => void) | undefined;
}

/** A rate limiter with its own connections, to close at shutdown. */
export interface PostgresRateLimiter extends RateLimiter {
  close(): Promise<void>;
}

/**
 * A rate limiter whose counts live in PostgreSQL, so every server process on the database shares them: N
 * processes allow the limit once, not N times. Counting is `rate-limiter-flexible`'s atomic upsert, one statement
 * per request. Its table is created here under an advisory lock, since concurrent starts would race on
 * `CREATE TABLE IF NOT EXISTS`. Every `RATE_LIMIT_SWEEP_INTERVAL_MS` one statement deletes the expired windows
 * (of every process's keys: deleting an expired row is what the next upsert would do to it anyway).
 */
export async function createPostgresRateLimiter(
  options: PostgresRateLimiterOptions,
): Promise<PostgresRateLimiter> {
  const pool = new pg.Pool({ ...postgresConnectionConfig(options), max: RATE_LIMIT_POOL_SIZE });
  const onError = options.onPoolError ?? ((error) => console.error('confide-server: rate limit pool', error));
  pool.on('error', onError);
  const client = await pool.connect().catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [RATE_LIMIT_TABLE_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${RATE_LIMIT_TABLE} (
      key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    await pool.end();
    throw error;
  }
  client.release();
  const limiter = new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    tableName: RATE_LIMIT_TABLE,
    tableCreated: true,
    // Its own timer deletes only windows expired an hour ago and outlives `close()`; ours stops with the pool.
    clearExpiredByTimeout: false,
    keyPrefix: options.keyPrefix ?? 'sends',
    points: options.rule.limit,
    duration: Math.max(1, Math.ceil(options.rule.windowMs / 1000)),
  });
  const sweep = () =>
    pool
      .query(`DELETE FROM ${RATE_LIMIT_TABLE} WHERE expire <= $1`, [Date.now()])
      .then(() => undefined, onError);
  const sweeper = setInterval(sweep, RATE_LIMIT_SWEEP_INTERVAL_MS);
  sweeper.unref();
  return {
    async take(key) {
      try {
        await limiter.consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        throw new ApiError('rate_limited', 'Too many requests; try again later', {
          retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
        });
      }
    },
    async refund(key) {
      await limiter.reward(key, 1);
    },
    close: () => {
      clearInterval(sweeper);
      return pool.end();
    },
  };
}
