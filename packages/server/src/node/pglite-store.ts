import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { SqlDatabase } from './sql/database.js';
import { runMigrations } from './sql/migrate.js';
import { createSqlStore } from './sql/sql-store.js';
import type { SqlStore } from './sql-store-handle.js';

/** Options of `openPgliteStore`. */
export interface OpenPgliteStoreOptions {
  /** The folder that holds the database; created when missing. Omit it for a database in memory. */
  readonly dataDir?: string | undefined;
}

/** An open PGlite database with the Confide schema migrated (internal: tests reach the drizzle database). */
export async function openPgliteDatabase(options: OpenPgliteStoreOptions = {}) {
  if (options.dataDir !== undefined) await mkdir(options.dataDir, { recursive: true });
  const client = await PGlite.create(options.dataDir === undefined ? {} : { dataDir: options.dataDir });
  const db = drizzle({ client }) as unknown as SqlDatabase;
  try {
    const migrations = await runMigrations(db);
    return { db, client, migrations };
  } catch (error) {
    await client.close();
    throw error;
  }
}

/**
 * Opens the embedded PostgreSQL (PGlite, one process only) in `dataDir`, brings its schema up to date and
 * returns a `Store` over it. Close it when done: PGlite flushes to disk on close.
 */
export async function openPgliteStore(options: OpenPgliteStoreOptions = {}): Promise<SqlStore> {
  const { db, client, migrations } = await openPgliteDatabase(options);
  let closed: Promise<void> | undefined;
  return {
    ...createSqlStore(db),
    driver: 'pglite',
    schemaVersion: migrations.version,
    close: () => {
      closed ??= client.close();
      return closed;
    },
  };
}
