import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import lockfile from 'proper-lockfile';
import type { SqlDatabase } from './sql/database.js';
import { runMigrations } from './sql/migrate.js';
import { createSqlStore } from './sql/sql-store.js';
import type { SqlStore } from './sql-store-handle.js';

/** Options of `openPgliteStore`. */
export interface OpenPgliteStoreOptions {
  /** The folder that holds the database; created when missing. Omit it for a database in memory. */
  readonly dataDir?: string | undefined;
  /**
   * How long to wait for another process to let go of `dataDir`, in milliseconds. @default 12000 (a killed
   * process's lock goes stale after 10 s)
   */
  readonly lockWaitMs?: number;
}

/**
 * How long the lock of a process that stopped without closing the folder (killed) keeps it, in milliseconds; a
 * running server renews its lock every half of it.
 */
const STALE_LOCK_MS = 10_000;
/** How long opening waits for a folder's lock by default, in milliseconds: long enough for a killed process's lock. */
const LOCK_WAIT_MS = STALE_LOCK_MS + 2_000;

/**
 * Takes the data folder for this process alone. PGlite is one process per folder, and a second one opening it
 * does not fail: it works on its own copy and can undo the first one's committed writes when it closes (a
 * confirmed message was lost that way). The lock is proper-lockfile's (a lock directory renewed while the process
 * runs, released on exit); a second opener waits for a killed process's lock to go stale, and is refused with
 * an error saying why when the folder stays in use.
 */
async function lockDataDir(dataDir: string, waitMs: number): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: join(dataDir, 'confide-server.lock'),
      stale: STALE_LOCK_MS,
      realpath: false,
      retries: { retries: Math.ceil(waitMs / 1_000), factor: 1, minTimeout: 1_000, maxTimeout: 1_000 },
      // A renewal that came too late (the event loop blocked for the whole stale time) must not crash the server
      // in a timer; the folder is still this process's unless another one started meanwhile.
      onCompromised: (error) => console.error(`confide-server: the data folder's lock: ${error.message}`),
    });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ELOCKED') throw error;
    throw new Error(
      `The data folder ${dataDir} is in use by another Confide server. Stop the other process, use another ` +
        '--data folder, or set DATABASE_URL to share a PostgreSQL database between processes.',
    );
  }
}

/** An open PGlite database with the Confide schema migrated (internal: tests reach the drizzle database). */
export async function openPgliteDatabase(options: OpenPgliteStoreOptions = {}) {
  let unlock = async () => {};
  if (options.dataDir !== undefined) {
    await mkdir(options.dataDir, { recursive: true });
    unlock = await lockDataDir(options.dataDir, options.lockWaitMs ?? LOCK_WAIT_MS);
  }
  try {
    const client = await PGlite.create(options.dataDir === undefined ? {} : { dataDir: options.dataDir });
    const close = async () => {
      try {
        await client.close();
      } finally {
        await unlock();
      }
    };
    const db = drizzle({ client }) as unknown as SqlDatabase;
    try {
      const migrations = await runMigrations(db);
      return { db, client, close, migrations };
    } catch (error) {
      await client.close();
      throw error;
    }
  } catch (error) {
    await unlock();
    throw error;
  }
}

/**
 * Opens the embedded PostgreSQL (PGlite, one process only) in `dataDir`, brings its schema up to date and
 * returns a `Store` over it. Close it when done: PGlite flushes to disk on close, and the folder's lock is
 * released. Rejects when another process has the folder open.
 */
export async function openPgliteStore(options: OpenPgliteStoreOptions = {}): Promise<SqlStore> {
  const { db, close, migrations } = await openPgliteDatabase(options);
  let closed: Promise<void> | undefined;
  return {
    ...createSqlStore(db),
    driver: 'pglite',
    schemaVersion: migrations.version,
    close: () => {
      closed ??= close();
      return closed;
    },
  };
}
