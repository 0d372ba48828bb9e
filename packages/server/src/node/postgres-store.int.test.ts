import { openPostgresDatabase } from './postgres-store.js';
import { describePostgres } from './testing/postgres-test-schema.js';
import { describeSqlStore } from './testing/sql-store-suite.js';

// One schema for this file, dropped at the end: files run in parallel and reruns start clean.
describePostgres('PostgreSQL', 'confide_store', ({ url, schema }) => {
  describeSqlStore(
    'PostgreSQL store',
    async () => {
      const { db, pool, migrations } = await openPostgresDatabase({ url, schema });
      return { db, migrations, close: () => pool.end() };
    },
    60_000,
  );
});
