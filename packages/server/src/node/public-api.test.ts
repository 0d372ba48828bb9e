import { describe, expect, it } from 'vitest';
import * as node from './index.js';

describe('public API of @confide/server/node', () => {
  it('exports exactly these runtime names', () => {
    expect(Object.keys(node).sort()).toEqual([
      'ConfigError',
      'DEFAULT_DATA_DIR',
      'DEFAULT_HOST',
      'DEFAULT_MAIL_FROM',
      'DEFAULT_OUTBOX_BATCH_SIZE',
      'DEFAULT_OUTBOX_LEASE_MS',
      'DEFAULT_OUTBOX_MAX_ATTEMPTS',
      'DEFAULT_OUTBOX_POLL_INTERVAL_MS',
      'DEFAULT_PORT',
      'DEFAULT_POSTGRES_POOL_SIZE',
      'createClamdScanner',
      'createFolderBlobStore',
      'createOutboxWorker',
      'createPostgresNotifier',
      'createPostgresRateLimiter',
      'createS3BlobStore',
      'createSmtpMailer',
      'createTusUploads',
      'eventChannelName',
      'openPgliteStore',
      'openPostgresStore',
      'outboxRetryDelayMs',
      'parseClamdAddress',
      'readAttachmentConfig',
      'readServerConfig',
      'startServer',
    ]);
  });
});
