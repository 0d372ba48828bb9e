import { describe, expect, it } from 'vitest';
import * as core from './index.js';

describe('public API', () => {
  it('exports exactly these names, so the API changes only on purpose', () => {
    expect(Object.keys(core).sort()).toEqual([
      'CLIENT_ERROR_CODES',
      'ConfideError',
      'DEFAULT_INDEX_FILTERS',
      'applyNewConversation',
      'applyNewMessage',
      'applyServerEvent',
      'browserNetworkStatus',
      'confideKeys',
      'conversationQueries',
      'createComposerStore',
      'createConfideClient',
      'createConnectionStore',
      'createIndexStore',
      'createMemoryBackend',
      'createOutboxStore',
      'demoSeed',
      'findForeignDetails',
      'httpTransport',
      'isConfideErrorCode',
      'isSelectableRecipient',
      'localStorageAdapter',
      'memoryStorage',
      'memoryTransport',
      'mergeFieldValues',
      'messageQueries',
      'notificationQueries',
      'observeInfiniteQuery',
      'observeQuery',
      'partitionRecipients',
      'renderTemplate',
      'retargetText',
      'templateQueries',
      'validateDraft',
      'viewerQueries',
    ]);
  });
});
