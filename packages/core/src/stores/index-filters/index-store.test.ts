import type { ConversationId } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import { createIndexStore, DEFAULT_INDEX_FILTERS } from './index-store.js';

describe('index store', () => {
  it('merges filter changes and keeps the selection', () => {
    const store = createIndexStore();
    expect(store.getState().filters).toEqual(DEFAULT_INDEX_FILTERS);
    store.getState().setFilters({ unread: true });
    store.getState().setFilters({ query: 'visa' });
    store.getState().select('cnv_1' as ConversationId);
    expect(store.getState()).toMatchObject({
      filters: { unread: true, query: 'visa', matterId: null },
      selectedConversationId: 'cnv_1',
    });
  });
});
