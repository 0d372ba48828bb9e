import { afterAll } from 'vitest';
import { describeRouteFuzz } from '../routes/fuzz-contract.js';
import { seedDemo } from '../seed/demo.js';
import { createTestApp, TEST_START } from '../testing/test-app.js';
import { openPgliteStore } from './pglite-store.js';
import type { SqlStore } from './sql-store-handle.js';

// Fewer runs than over the memory store: each request is a few PGlite queries, and the SQL store is where input
// could once reach a driver error (a NUL in a search query was a 500).
const FUZZ_RUNS = 300;

let store: SqlStore | undefined;

afterAll(async () => {
  await store?.close();
});

describeRouteFuzz(
  'the route table under fuzzing (PGlite store)',
  async () => {
    store = await openPgliteStore();
    await seedDemo(store, { now: TEST_START });
    return createTestApp({ store });
  },
  FUZZ_RUNS,
);
