import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as z from 'zod';
import type { SqlDatabase } from './sql/database.js';
import { runMigrations } from './sql/migrate.js';
import { createSqlStore } from './sql/sql-store.js';
import type { SqlStore } from './sql-store-handle.js';

/** A PostgreSQL schema name Confide may create and put first on the search path (lower-case identifier). */
export const PostgresSchemaNameSchema = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, {
  error: 'Use a lower-case identifier: letters, digits and underscores, at most 63 characters',
});

/** The notification channel of a schema's event table. */
export function eventChannelName(schema: string | undefined): string {
  return schema === undefined ? 'confide_events' : `confide_events_${PostgresSchemaNameSchema.parse(schema)}`;
}

/** Connections per server process: enough for concurrent requests, few enough for many processes. */
export const DEFAULT_POSTGRES_POOL_SIZE = 10;

/** Options of `openPostgresStore`. */
export interface OpenPostgresStoreOptions {
  /** A PostgreSQL connection URL (`postgres://user@host:port/database`). */
  readonly url: string;
  /** Keep Confide's tables in this schema (created when missing) instead of `public`. */
  readonly schema?: string | undefined;
  /** @default 10 */
  readonly poolSize?: number | undefined;
  /** Receives errors of idle pooled connections (a restarted database, say). @default console.error */
  readonly onPoolError?: ((error: Error) => void) | undefined;
}

/** The pg connection settings for a Confide database: UTC times and, with a schema, that schema first. */
export function postgresConnectionConfig(options: OpenPostgresStoreOptions): pg.PoolConfig {
  const settings = ['-c TimeZone=UTC'];
  if (options.schema !== undefined) {
    settings.push(`-c search_path=${PostgresSchemaNameSchema.parse(options.schema)}`);
  }
  return { connectionString: options.url, options: settings.join(' ') };
}

/** Where concurrent starts queue to create the schema (an arbitrary, fixed advisory-lock key). */
const SCHEMA_LOCK_KEY = 727_001;

/**
 * Creates the schema unless it exists. `CREATE SCHEMA IF NOT EXISTS` alone is not safe against a second
 * process doing the same at the same moment (one of them fails on the catalog's unique index), so starts take
 * turns under an advisory lock held for the transaction.
 */
async function createSchema(pool: pg.Pool, schema: string) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK_KEY]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** An open pool with the Confide schema migrated (internal: tests reach the drizzle database). */
export async function openPostgresDatabase(options: OpenPostgresStoreOptions) {
  const pool = new pg.Pool({
    ...postgresConnectionConfig(options),
    max: options.poolSize ?? DEFAULT_POSTGRES_POOL_SIZE,
  });
  pool.on('error', options.onPoolError ?? ((error) => console.error('confide-server: database pool', error)));
  // The backends of this pool: a NOTIFY one of them sent is this process's own (see `isOwnBackend`).
  const backends = new Set<number>();
  pool.on('connect', (client) => {
    const { processID } = client as unknown as { processID: number | null };
    if (processID !== null) backends.add(processID);
    client.once('end', () => {
      if (processID !== null) backends.delete(processID);
    });
  });
  try {
    if (options.schema !== undefined)
      await createSchema(pool, PostgresSchemaNameSchema.parse(options.schema));
    const db = drizzle({ client: pool }) as unknown as SqlDatabase;
    const migrations = await runMigrations(db);
    return { db, pool, migrations, isOwnBackend: (processId: number) => backends.has(processId) };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/**
 * Connects to PostgreSQL at `url`, brings the schema up to date (concurrent starts wait for each other) and
 * returns a `Store` over a connection pool. Several server processes may share one database.
 */
export async function openPostgresStore(options: OpenPostgresStoreOptions): Promise<SqlStore> {
  const { db, pool, migrations, isOwnBackend } = await openPostgresDatabase(options);
  let closed: Promise<void> | undefined;
  return {
    ...createSqlStore(db, { eventChannel: eventChannelName(options.schema) }),
    driver: 'postgres',
    isOwnBackend,
    schemaVersion: migrations.version,
    close: () => {
      closed ??= pool.end();
      return closed;
    },
  };
}
