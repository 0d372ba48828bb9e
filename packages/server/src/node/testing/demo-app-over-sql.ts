import { afterAll } from 'vitest';
import { seedDemo } from '../../seed/demo.js';
import { createTestApp, TEST_START } from '../../testing/test-app.js';
import type { SqlStore } from '../sql-store-handle.js';

/**
 * For tables that must run over the SQL stores' own columns: returns `openOver(store)`, which seeds `store` with the
 * demo data and resolves to a test app running on it (with `store` as its `store`, not the test app's own memory
 * store). Call it at a test file's top level: every store it opened is closed after the file's tests.
 */
export function demoAppsOverSql() {
  const opened: SqlStore[] = [];
  afterAll(async () => {
    for (const store of opened) await store.close();
  });
  return async (store: SqlStore) => {
    opened.push(store);
    await seedDemo(store, { now: TEST_START });
    return createTestApp({ store }).then((test) => ({ ...test, store }));
  };
}
