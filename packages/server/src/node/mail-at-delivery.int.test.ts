import { afterAll } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { createTestApp, TEST_START } from '../testing/test-app.js';
import { describeMailAtDelivery } from './mail-at-delivery-contract.js';
import { openPgliteStore } from './pglite-store.js';
import { openPostgresStore } from './postgres-store.js';
import type { SqlStore } from './sql-store-handle.js';
import { describePostgres } from './testing/postgres-test-schema.js';

// The recipient is read back from the SQL stores' own columns, so the table runs over them too.
const opened: SqlStore[] = [];

async function openOver(store: SqlStore) {
  opened.push(store);
  await seedDemo(store, { now: TEST_START });
  // The app runs on `store`; the test app's own memory store is not the one to look at.
  return createTestApp({ store }).then((test) => ({ ...test, store }));
}

afterAll(async () => {
  for (const store of opened) await store.close();
});

describeMailAtDelivery('mail checked again at delivery (PGlite store)', async () =>
  openOver(await openPgliteStore()),
);

describePostgres(
  'mail checked again at delivery (PostgreSQL store)',
  'confide_mail_delivery',
  ({ url, schema }) => {
    describeMailAtDelivery('contract', async () => openOver(await openPostgresStore({ url, schema })));
  },
);
