export type { AttachmentConfig } from './attachment-config.js';
export { readAttachmentConfig } from './attachment-config.js';
export { createFolderBlobStore } from './blob/folder-blob-store.js';
export type { S3BlobStoreOptions } from './blob/s3-blob-store.js';
export { createS3BlobStore } from './blob/s3-blob-store.js';
export type { OutboxRound, OutboxWorker, OutboxWorkerOptions } from './outbox-worker.js';
export {
  createOutboxWorker,
  DEFAULT_OUTBOX_BATCH_SIZE,
  DEFAULT_OUTBOX_LEASE_MS,
  DEFAULT_OUTBOX_MAX_ATTEMPTS,
  DEFAULT_OUTBOX_POLL_INTERVAL_MS,
  outboxRetryDelayMs,
} from './outbox-worker.js';
export type { OpenPgliteStoreOptions } from './pglite-store.js';
export { openPgliteStore } from './pglite-store.js';
export type { PostgresNotifierOptions } from './postgres-notifier.js';
export { createPostgresNotifier, eventChannelName } from './postgres-notifier.js';
export {
  createPostgresRateLimiter,
  type PostgresRateLimiter,
  type PostgresRateLimiterOptions,
} from './postgres-rate-limiter.js';
export type { OpenPostgresStoreOptions } from './postgres-store.js';
export { DEFAULT_POSTGRES_POOL_SIZE, openPostgresStore } from './postgres-store.js';
export type { ServerConfig } from './server-config.js';
export {
  ConfigError,
  DEFAULT_DATA_DIR,
  DEFAULT_HOST,
  DEFAULT_PORT,
  readServerConfig,
} from './server-config.js';
export type { SmtpMailer, SmtpMailerOptions } from './smtp-mailer.js';
export { createSmtpMailer, DEFAULT_MAIL_FROM } from './smtp-mailer.js';
export type { SqlStore } from './sql-store-handle.js';
export type { RunningServer, ServerLogger } from './start-server.js';
export { startServer } from './start-server.js';
export type { ClamdAddress } from './uploads/clamd-scanner.js';
export { createClamdScanner, parseClamdAddress } from './uploads/clamd-scanner.js';
export type { TusUploads, TusUploadsOptions } from './uploads/tus-uploads.js';
export { createTusUploads } from './uploads/tus-uploads.js';
