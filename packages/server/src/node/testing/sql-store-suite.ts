import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/store.js';
import { describeStoreContract } from '../../store/store-contract.js';
import type { SqlDatabase } from '../sql/database.js';
import { type MigrationReport, runMigrations } from '../sql/migrate.js';
import { MIGRATIONS } from '../sql/migrations.js';
import { createSqlStore } from '../sql/sql-store.js';
import { truncateAllTables } from '../sql/truncate.js';

/** A migrated SQL database a suite opened, and how to close it. */
export interface OpenedSqlDatabase {
  readonly db: SqlDatabase;
  readonly migrations: MigrationReport;
  close(): Promise<void>;
}

/**
 * The store contract and the migration check over one SQL database (PGlite or PostgreSQL), opened once for the
 * block (a new one costs seconds and hundreds of MiB) and emptied before each contract test. `moreTests` adds the
 * block's own tests on the same database.
 */
export function describeSqlStore(
  name: string,
  open: () => Promise<OpenedSqlDatabase>,
  openTimeoutMs: number,
  moreTests: (database: () => OpenedSqlDatabase) => void = () => {},
): void {
  let opened: { database: OpenedSqlDatabase; store: Store } | undefined;
  const ready = () => {
    if (!opened) throw new Error(`${name}: the database did not open`);
    return opened;
  };

  describe(name, () => {
    beforeAll(async () => {
      const database = await open();
      opened = { database, store: createSqlStore(database.db) };
    }, openTimeoutMs);

    afterAll(async () => {
      await opened?.database.close();
    });

    describeStoreContract('contract', async () => {
      await truncateAllTables(ready().database.db);
      return ready().store;
    });

    it('applies every migration once and nothing on a second run', async () => {
      const { database } = ready();
      const versions = MIGRATIONS.map((migration) => migration.version);
      expect(database.migrations.applied).toEqual(versions);
      expect(await runMigrations(database.db)).toEqual({ applied: [], version: Math.max(...versions) });
    });

    moreTests(() => ready().database);
  });
}
