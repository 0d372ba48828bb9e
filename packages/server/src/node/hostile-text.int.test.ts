import { afterAll, describe } from 'vitest';
import { describeHostileTextRefusals } from '../routes/hostile-text-contract.js';
import { seedDemo } from '../seed/demo.js';
import { createTestApp, TEST_START } from '../testing/test-app.js';
import { openPgliteStore } from './pglite-store.js';
import { openPostgresStore } from './postgres-store.js';
import type { SqlStore } from './sql-store-handle.js';
import {
  dropTestSchema,
  POSTGRES_SKIP_REASON,
  TEST_DATABASE_URL,
  uniqueTestSchema,
} from './testing/postgres-test-schema.js';

// The SQL stores are where a NUL used to become a driver error and a 500: the same contract runs over both.
const opened: SqlStore[] = [];

async function openOver(store: SqlStore) {
  opened.push(store);
  await seedDemo(store, { now: TEST_START });
  const test = await createTestApp({ store });
  return { store, call: test.call };
}

afterAll(async () => {
  for (const store of opened) await store.close();
});

describeHostileTextRefusals('hostile text over PGlite', async () => openOver(await openPgliteStore()));

const url = TEST_DATABASE_URL;
const schema = uniqueTestSchema('confide_hostile');

describe.skipIf(url === undefined)(
  `hostile text over PostgreSQL${url === undefined ? ` (${POSTGRES_SKIP_REASON})` : ''}`,
  () => {
    afterAll(async () => {
      if (url !== undefined) await dropTestSchema(url, schema);
    });
    describeHostileTextRefusals('contract', async () =>
      openOver(await openPostgresStore({ url: url ?? '', schema })),
    );
  },
);
