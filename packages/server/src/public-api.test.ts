import { describe, expect, it } from 'vitest';
import * as server from './index.js';
import * as node from './node/index.js';

/** Each entry point with exactly the runtime names it exports, so the API changes only on purpose. */
const ENTRY_POINTS = [
  {
    name: '@confide/server',
    module: server,
    names: [
      'ATTACH_WINDOW_MS',
      'ApiError',
      'AttachmentsUnavailableError',
      'DEFAULT_ALLOWED_MEDIA_TYPES',
      'DEFAULT_CLIENT_STARTED_THREAD',
      'DEFAULT_CLOCK_TOLERANCE_SECONDS',
      'DEFAULT_DEV_TOKEN_RATE_LIMIT',
      'DEFAULT_EVENT_RETENTION_MS',
      'DEFAULT_HEARTBEAT_INTERVAL_MS',
      'DEFAULT_MAX_BACKLOG_BYTES',
      'DEFAULT_MAX_BACKLOG_FRAMES',
      'DEFAULT_MAX_STREAMS_PER_PERSON',
      'DEFAULT_SEND_RATE_LIMIT',
      'DEMO_IDS',
      'DEV_TOKEN_TTL_SECONDS',
      'DOWNLOAD_TICKET_TTL_MS',
      'NEVER_ALLOWED_MEDIA_TYPES',
      'UPLOAD_EXPIRY_MS',
      'checkMailRecipient',
      'consoleRequestLogger',
      'createApp',
      'createEventHub',
      'createInProcessNotifier',
      'createMemoryBlobStore',
      'createMemoryStore',
      'createMemoryUploads',
      'createOutboxMail',
      'createTokenVerifier',
      'loadMessageAttachments',
      'randomId',
      'recordScanResult',
      'renderClientMessageWaitingMail',
      'renderMemberClientStartedMail',
      'resolveAttachmentSettings',
      'seedDemo',
      'signToken',
      'systemClock',
      'toOutgoingMail',
    ],
  },
  {
    name: '@confide/server/node',
    module: node,
    names: [
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
    ],
  },
];

describe('public API', () => {
  it.each(ENTRY_POINTS)('$name exports exactly these runtime names', ({ module, names }) => {
    expect(Object.keys(module).sort()).toEqual(names);
  });

  it('does not export the test-only store contract suite', () => {
    expect(server).not.toHaveProperty('describeStoreContract');
  });
});
