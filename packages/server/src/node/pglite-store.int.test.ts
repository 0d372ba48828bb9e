import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { expect, it } from 'vitest';
import { openPgliteDatabase, openPgliteStore } from './pglite-store.js';
import { queryRows } from './sql/database.js';
import * as schema from './sql/schema.js';
import { describeSqlStore } from './testing/sql-store-suite.js';

// A new PGlite takes a few seconds on an idle machine, far longer on a loaded two-core one.
const PGLITE_START_TIMEOUT_MS = 120_000;

// One in-memory PGlite for the whole file (a new one costs seconds and hundreds of MiB).
describeSqlStore(
  'PGlite store',
  async () => {
    const { db, client, migrations } = await openPgliteDatabase();
    return { db, migrations, close: () => client.close() };
  },
  PGLITE_START_TIMEOUT_MS,
  (database) => {
    it('has a drizzle schema that matches the tables and columns the migrations create', async () => {
      const tables = Object.values(schema).filter((value) => value instanceof PgTable);
      const declared = tables.flatMap((table) => {
        const config = getTableConfig(table);
        return config.columns.map(
          (column) => `${config.name}.${column.name} ${column.notNull ? 'NOT NULL' : 'NULL'}`,
        );
      });
      const rows = await queryRows<{ table_name: string; column_name: string; is_nullable: string }>(
        database().db,
        `SELECT table_name, column_name, is_nullable FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name <> 'confide_migrations'`,
      );
      const migrated = rows.map(
        (row) => `${row.table_name}.${row.column_name} ${row.is_nullable === 'YES' ? 'NULL' : 'NOT NULL'}`,
      );
      expect(migrated.sort()).toEqual(declared.sort());
    });
  },
);

// A second PGlite on the folder did not fail: it worked on its own copy and could undo the first one's committed
// writes when it closed (a confirmed message was lost that way).
it(
  'refuses a second opener of a data folder while the first has it, and opens again once it is closed',
  async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'confide-pglite-lock-'));
    try {
      const first = await openPgliteStore({ dataDir });
      await expect(openPgliteStore({ dataDir, lockWaitMs: 0 })).rejects.toThrow(
        /in use by another Confide server/,
      );
      await first.close();
      const again = await openPgliteStore({ dataDir, lockWaitMs: 0 });
      expect(again.schemaVersion).toBe(first.schemaVersion);
      await again.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  },
  PGLITE_START_TIMEOUT_MS,
);
