import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/store.js';
import { describeStoreContract } from '../store/store-contract.js';
import { openPostgresDatabase } from './postgres-store.js';
import { runMigrations } from './sql/migrate.js';
import { MIGRATIONS } from './sql/migrations.js';
import { createSqlStore } from './sql/sql-store.js';
import { truncateAllTables } from './sql/truncate.js';
import {
  dropTestSchema,
  POSTGRES_SKIP_REASON,
  TEST_DATABASE_URL,
  uniqueTestSchema,
} from './testing/postgres-test-schema.js';

const url = TEST_DATABASE_URL;

describe.skipIf(url === undefined)(
  `PostgreSQL store${url === undefined ? ` (${POSTGRES_SKIP_REASON})` : ''}`,
  () => {
    // One schema for this file, dropped at the end: files run in parallel and reruns start clean.
    const schema = uniqueTestSchema('confide_store');
    let opened: Awaited<ReturnType<typeof openPostgresDatabase>> | undefined;
    let store: Store | undefined;

    beforeAll(async () => {
      opened = await openPostgresDatabase({ url: url ?? '', schema });
      store = createSqlStore(opened.db);
    }, 60_000);

    afterAll(async () => {
      await opened?.pool.end();
      if (url !== undefined) await dropTestSchema(url, schema);
    });

    describeStoreContract('contract', async () => {
      if (!opened || !store) throw new Error('PostgreSQL did not open');
      await truncateAllTables(opened.db);
      return store;
    });

    it('applies every migration once and nothing on a second run', async () => {
      if (!opened) throw new Error('PostgreSQL did not open');
      const versions = MIGRATIONS.map((migration) => migration.version);
      expect(opened.migrations.applied).toEqual(versions);
      expect(await runMigrations(opened.db)).toEqual({ applied: [], version: Math.max(...versions) });
    });
  },
);
