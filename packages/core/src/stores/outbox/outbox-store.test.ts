import type { ConversationId } from '@confide/protocol';
import { describe, expect, it } from 'vitest';
import { createOutboxStore } from './outbox-store.js';

const entry = (id: string) => ({
  kind: 'message' as const,
  id,
  draftId: null,
  conversationId: 'cnv_1' as ConversationId,
  body: `Body ${id}`,
  internal: false,
  createdAt: 0,
});

describe('outbox store', () => {
  it('queues entries in order and ignores a second add of the same key', () => {
    const store = createOutboxStore();
    store.getState().enqueue(entry('key_a'));
    store.getState().enqueue(entry('key_b'));
    store.getState().enqueue(entry('key_a'));
    expect(store.getState().entries.map((item) => [item.id, item.status])).toEqual([
      ['key_a', 'queued'],
      ['key_b', 'queued'],
    ]);
  });

  it('records a failure with its reason and forgets it when queued again', () => {
    const store = createOutboxStore();
    store.getState().enqueue(entry('key_a'));
    store.getState().setStatus('key_a', 'failed', { code: 'forbidden', message: 'No', retryable: false });
    expect(store.getState().entries[0]).toMatchObject({ status: 'failed', failure: { code: 'forbidden' } });
    store.getState().setStatus('key_a', 'queued');
    expect(store.getState().entries[0]).toMatchObject({ status: 'queued', failure: null });
  });
});
