export type { OpenPgliteStoreOptions } from './pglite-store.js';
export { openPgliteStore } from './pglite-store.js';
export type { PostgresNotifierOptions } from './postgres-notifier.js';
export { createPostgresNotifier, eventChannelName } from './postgres-notifier.js';
export type { OpenPostgresStoreOptions } from './postgres-store.js';
export { DEFAULT_POSTGRES_POOL_SIZE, openPostgresStore } from './postgres-store.js';
export type { SqlStore } from './sql-store-handle.js';
