import { describe, expect, it } from 'vitest';
import * as core from './index.js';

describe('public API', () => {
  it('exports exactly these names, so the API changes only on purpose', () => {
    expect(Object.keys(core).sort()).toEqual([
      'CLIENT_ERROR_CODES',
      'ConfideError',
      'DEFAULT_INDEX_FILTERS',
      'PREVIEW_MEDIA_TYPES',
      'QUERY_RETRY_LIMIT',
      'applyServerEvent',
      'browserNetworkStatus',
      'composerStateOf',
      'conversationIndexStateOf',
      'conversationQueries',
      'createComposerStore',
      'createConfideClient',
      'createConfideKeys',
      'createConnectionStore',
      'createIndexStore',
      'createOutboxStore',
      'hasNotificationFeed',
      'httpTransport',
      'isConfideErrorCode',
      'isolateBidi',
      'listParamsOf',
      'localStorageAdapter',
      'memoryStorage',
      'mergeThreadMessages',
      'messageQueries',
      'notificationQueries',
      'notificationsStateOf',
      'observeInfiniteQuery',
      'observeQuery',
      'partitionRecipients',
      'renderTemplate',
      'retargetText',
      'templateQueries',
      'threadStateOf',
      'validateDraft',
      'viewerQueries',
      'wantsRecipients',
    ]);
  });
});
