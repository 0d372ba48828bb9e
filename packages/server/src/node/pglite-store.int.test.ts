import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { describeStoreContract } from '../store/store-contract.js';
import { openPgliteDatabase } from './pglite-store.js';
import { queryRows } from './sql/database.js';
import { runMigrations } from './sql/migrate.js';
import { MIGRATIONS } from './sql/migrations.js';
import * as schema from './sql/schema.js';
import { createSqlStore } from './sql/sql-store.js';
import { truncateAllTables } from './sql/truncate.js';

// One in-memory PGlite for the whole file (a new one costs seconds and hundreds of MiB); tables are emptied
// before each test instead.
let opened: Awaited<ReturnType<typeof openPgliteDatabase>> | undefined;
let store: Store | undefined;

// A new PGlite takes a few seconds on an idle machine, far longer on a loaded two-core one.
const PGLITE_START_TIMEOUT_MS = 120_000;

beforeAll(async () => {
  opened = await openPgliteDatabase();
  store = createSqlStore(opened.db);
}, PGLITE_START_TIMEOUT_MS);

afterAll(async () => {
  await opened?.client.close();
});

describeStoreContract('PGlite store', async () => {
  if (!opened || !store) throw new Error('PGlite did not open');
  await truncateAllTables(opened.db);
  return store;
});

describe('PGlite migrations', () => {
  it('applies every migration once and nothing on a second run', async () => {
    if (!opened) throw new Error('PGlite did not open');
    const versions = MIGRATIONS.map((migration) => migration.version);
    expect(opened.migrations.applied).toEqual(versions);
    expect(await runMigrations(opened.db)).toEqual({ applied: [], version: Math.max(...versions) });
  });
});

describe('the drizzle schema', () => {
  it('matches the tables and columns the migrations create', async () => {
    if (!opened) throw new Error('PGlite did not open');
    const tables = Object.values(schema).filter((value) => value instanceof PgTable);
    const declared = tables.flatMap((table) => {
      const config = getTableConfig(table);
      return config.columns.map(
        (column) => `${config.name}.${column.name} ${column.notNull ? 'NOT NULL' : 'NULL'}`,
      );
    });
    const rows = await queryRows<{ table_name: string; column_name: string; is_nullable: string }>(
      opened.db,
      `SELECT table_name, column_name, is_nullable FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name <> 'confide_migrations'`,
    );
    const migrated = rows.map(
      (row) => `${row.table_name}.${row.column_name} ${row.is_nullable === 'YES' ? 'NULL' : 'NOT NULL'}`,
    );
    expect(migrated.sort()).toEqual(declared.sort());
  });
});
