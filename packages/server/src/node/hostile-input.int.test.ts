import { afterAll } from 'vitest';
import { describeRouteFuzz } from '../routes/fuzz-contract.js';
import { describeHostileTextRefusals } from '../routes/hostile-text-contract.js';
import { seedDemo } from '../seed/demo.js';
import { createTestApp, TEST_START } from '../testing/test-app.js';
import { openPgliteStore } from './pglite-store.js';
import { openPostgresStore } from './postgres-store.js';
import type { SqlStore } from './sql-store-handle.js';
import { describePostgres } from './testing/postgres-test-schema.js';

// The SQL stores are where a NUL used to become a driver error and a 500, so the hostile-input contracts run over
// them too. One PGlite for the file (a new one costs seconds and hundreds of MiB): the refusals run first, then
// the fuzzer, which changes the data as it goes.
const opened: SqlStore[] = [];

/** Fewer runs than over the memory store: each request is a few PGlite queries. */
const FUZZ_RUNS = 300;

async function openOver(store: SqlStore) {
  opened.push(store);
  await seedDemo(store, { now: TEST_START });
  // The app runs on `store`; the test app's own memory store is not the one to look at.
  return createTestApp({ store }).then((test) => ({ ...test, store }));
}

let pglite: ReturnType<typeof openOver> | undefined;
const openPglite = () => {
  pglite ??= openPgliteStore().then(openOver);
  return pglite;
};

afterAll(async () => {
  for (const store of opened) await store.close();
});

describeHostileTextRefusals('hostile text over PGlite', openPglite);
describeRouteFuzz('the route table under fuzzing (PGlite store)', openPglite, FUZZ_RUNS);

describePostgres('hostile text over PostgreSQL', 'confide_hostile', ({ url, schema }) => {
  describeHostileTextRefusals('contract', async () => openOver(await openPostgresStore({ url, schema })));
});
