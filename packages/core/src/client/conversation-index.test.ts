import { describe, expect, it, vi } from 'vitest';
import { BEN, clientFor, createMemoryBackend, DANIEL, seedConversation } from '../test/memory-clients.js';
import { until } from '../test/until.js';

describe('conversation index', () => {
  it('lists conversations newest activity first, page by page', async () => {
    const backend = createMemoryBackend();
    for (let index = 1; index <= 35; index += 1) seedConversation(backend, `Matter ${index}`);
    const client = await clientFor(backend, BEN);
    const first = await until(client.conversations, (state) => state.status === 'success');
    expect(first.conversations).toHaveLength(30);
    expect(first.conversations[0]?.subject).toBe('Matter 35');
    expect(first.hasMore).toBe(true);
    await client.conversations.loadMore();
    const all = client.conversations.getSnapshot();
    expect(all.conversations).toHaveLength(35);
    expect(all.conversations.at(-1)?.subject).toBe('Matter 1');
    expect(all.hasMore).toBe(false);
    client.dispose();
  });

  it('filters unread conversations and searches by subject or participant', async () => {
    const backend = createMemoryBackend();
    const read = seedConversation(backend, 'Already read');
    seedConversation(backend, 'Still unread');
    const client = await clientFor(backend, DANIEL);
    const messages = await client.transport.listMessages(read, {});
    await client.transport.markRead(read, { upTo: messages.items[0]!.id });

    client.conversations.setFilters({ unread: true });
    const unread = await until(
      client.conversations,
      (state) => state.status === 'success' && state.filters.unread,
    );
    expect(unread.conversations.map((conversation) => conversation.subject)).toEqual(['Still unread']);
    expect(unread.unreadTotal).toBe(1);

    client.conversations.setFilters({ unread: false, query: 'already' });
    const search = await until(
      client.conversations,
      (state) => state.conversations.length === 1 && state.filters.query === 'already',
    );
    expect(search.conversations[0]?.subject).toBe('Already read');
    client.dispose();
  });

  it('moves a conversation to the top and bumps unread on a live message without refetching the list', async () => {
    const backend = createMemoryBackend();
    const older = seedConversation(backend, 'Older');
    seedConversation(backend, 'Newer');
    const client = await clientFor(backend, BEN);
    const listSpy = vi.spyOn(client.transport, 'listConversations');
    await until(client.conversations, (state) => state.conversations.length === 2);
    const callsAfterLoad = listSpy.mock.calls.length;

    backend.as(DANIEL).sendMessage(older, { body: 'Uploaded', idempotencyKey: 'key_live_0001' });
    const updated = await until(client.conversations, (state) => state.conversations[0]?.id === older);
    expect(updated.conversations[0]).toMatchObject({ unreadCount: 1, lastMessage: { text: 'Uploaded' } });
    expect(updated.unreadTotal).toBe(1);
    expect(listSpy.mock.calls.length).toBe(callsAfterLoad);
    client.dispose();
  });

  it('adds a conversation the client starts live at the top', async () => {
    const backend = createMemoryBackend();
    seedConversation(backend, 'Existing');
    const client = await clientFor(backend, BEN);
    await until(client.conversations, (state) => state.conversations.length === 1);
    backend
      .as(DANIEL)
      .startConversation({ subject: 'New question', body: 'Hi', idempotencyKey: 'key_new_00001' });
    const updated = await until(client.conversations, (state) => state.conversations.length === 2);
    expect(updated.conversations[0]).toMatchObject({ subject: 'New question', unreadCount: 1 });
    client.dispose();
  });

  it('keeps the selection in the index store', async () => {
    const backend = createMemoryBackend();
    const id = seedConversation(backend);
    const client = await clientFor(backend, BEN);
    client.conversations.select(id);
    expect(client.conversations.getSnapshot().selectedConversationId).toBe(id);
    expect(client.stores.index.getState().selectedConversationId).toBe(id);
    client.dispose();
  });
});
