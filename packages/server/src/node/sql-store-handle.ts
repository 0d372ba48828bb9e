import type { Store } from '../store/store.js';

/** A `Store` on a SQL database opened by `openPgliteStore` or `openPostgresStore`. */
export interface SqlStore extends Store {
  /** Which database it runs on. */
  readonly driver: 'pglite' | 'postgres';
  /**
   * PostgreSQL: whether a backend process id is one of this store's connections, so a notifier can ignore the
   * `NOTIFY` echo of this process's own commits (it woke its subscribers itself).
   */
  readonly isOwnBackend?: ((processId: number) => boolean) | undefined;
  /** The schema version after the migrations that ran on open. */
  readonly schemaVersion: number;
  /** Closes the database connections (PGlite also flushes to disk). Safe to call more than once. */
  close(): Promise<void>;
}
