import { afterAll } from 'vitest';
import { describePortalInactiveRefusals } from '../routes/portal-inactive-contract.js';
import { seedDemo } from '../seed/demo.js';
import { createTestApp, TEST_START } from '../testing/test-app.js';
import { openPgliteStore } from './pglite-store.js';
import { openPostgresStore } from './postgres-store.js';
import type { SqlStore } from './sql-store-handle.js';
import { describePostgres } from './testing/postgres-test-schema.js';

// The rule reads the portal status the SQL stores load with a conversation, so the table runs over them too.
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

describePortalInactiveRefusals('sending to a client whose portal is not active (PGlite store)', async () =>
  openOver(await openPgliteStore()),
);

describePostgres(
  'sending to a client whose portal is not active (PostgreSQL store)',
  'confide_portal',
  ({ url, schema }) => {
    describePortalInactiveRefusals('contract', async () =>
      openOver(await openPostgresStore({ url, schema })),
    );
  },
);
