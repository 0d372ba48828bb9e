import type { Store } from '../store/store.js';

/** A `Store` on a SQL database opened by `openPgliteStore` or `openPostgresStore`. */
export interface SqlStore extends Store {
  /** Which database it runs on. */
  readonly driver: 'pglite' | 'postgres';
  /** The schema version after the migrations that ran on open. */
  readonly schemaVersion: number;
  /** Closes the database connections (PGlite also flushes to disk). Safe to call more than once. */
  close(): Promise<void>;
}
