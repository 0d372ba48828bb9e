import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { expect, it } from 'vitest';
import { openPgliteDatabase } from './pglite-store.js';
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
