import { describe, expect, it } from 'vitest';
import * as server from './index.js';

describe('public API', () => {
  it('exports exactly these runtime names', () => {
    expect(Object.keys(server).sort()).toEqual([
      'ATTACH_WINDOW_MS',
      'ApiError',
      'AttachmentsUnavailableError',
      'DEFAULT_ALLOWED_MEDIA_TYPES',
      'DEFAULT_CLIENT_STARTED_THREAD',
      'DEFAULT_CLOCK_TOLERANCE_SECONDS',
      'DEFAULT_DEV_TOKEN_RATE_LIMIT',
      'DEFAULT_HEARTBEAT_INTERVAL_MS',
      'DEFAULT_SEND_RATE_LIMIT',
      'DEMO_IDS',
      'DEV_TOKEN_TTL_SECONDS',
      'DOWNLOAD_TICKET_TTL_MS',
      'NEVER_ALLOWED_MEDIA_TYPES',
      'UPLOAD_EXPIRY_MS',
      'consoleRequestLogger',
      'createApp',
      'createInProcessNotifier',
      'createMemoryBlobStore',
      'createMemoryStore',
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
    ]);
  });

  it('does not export the test-only store contract suite', () => {
    expect(server).not.toHaveProperty('describeStoreContract');
  });
});
