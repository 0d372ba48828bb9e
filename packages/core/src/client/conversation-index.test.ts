import { describe, expect, it, vi } from 'vitest';
import {
  clientFor,
  createMockServer,
  seedConversation,
  seedKey,
  seedMessage,
  transportFor,
} from '../test/mock-clients.js';
import { stateOf, until } from '../test/until.js';

describe('conversation index', () => {
  it('lists conversations newest activity first, page by page', async () => {
    const mock = createMockServer();
    for (let index = 1; index <= 35; index += 1) await seedConversation(mock, `Matter ${index}`);
    const client = await clientFor(mock, 'ben');
    const first = await until(client.conversations, (state) => state.status === 'success');
    expect(first.conversations).toHaveLength(30);
    expect(first.conversations[0]?.subject).toBe('Matter 35');
    expect(first.hasMore).toBe(true);
    await client.conversations.loadMore();
    const all = stateOf(client.conversations);
    const seeded = all.conversations.filter((conversation) => conversation.subject.startsWith('Matter '));
    expect(seeded).toHaveLength(35);
    expect(seeded.at(-1)?.subject).toBe('Matter 1');
    expect(all.hasMore).toBe(false);
  });

  it('filters unread conversations, searches by subject or participant, and selects one, all in the index store', async () => {
    const mock = createMockServer();
    const read = await seedConversation(mock, 'Already read');
    await seedConversation(mock, 'Still unread');
    const client = await clientFor(mock, 'daniel');
    const messages = await client.transport.listMessages(read, {});
    await client.transport.markRead(read, { upTo: messages.items[0]!.id });

    client.conversations.setFilters({ unread: true });
    const unread = await until(
      client.conversations,
      (state) => state.status === 'success' && state.filters.unread,
    );
    const subjects = unread.conversations.map((conversation) => conversation.subject);
    expect(subjects).toContain('Still unread');
    expect(subjects).not.toContain('Already read');
    expect(unread.conversations.every((conversation) => conversation.unreadCount > 0)).toBe(true);

    client.conversations.setFilters({ unread: false, query: 'already' });
    const search = await until(
      client.conversations,
      (state) => state.conversations.length === 1 && state.filters.query === 'already',
    );
    expect(search.conversations[0]?.subject).toBe('Already read');

    client.conversations.select(read);
    expect(stateOf(client.conversations).selectedConversationId).toBe(read);
    expect(client.stores.index.getState().selectedConversationId).toBe(read);
  });

  it('moves a conversation to the top on a live message and adds one a client starts, without refetching the list', async () => {
    const mock = createMockServer();
    const older = await seedConversation(mock, 'Older');
    await seedConversation(mock, 'Newer');
    const client = await clientFor(mock, 'ben');
    const listSpy = vi.spyOn(client.transport, 'listConversations');
    const before = await until(client.conversations, (state) => state.status === 'success');
    const callsAfterLoad = listSpy.mock.calls.length;

    await seedMessage(mock, 'daniel', older, 'Uploaded');
    const updated = await until(client.conversations, (state) => state.conversations[0]?.id === older);
    expect(updated.conversations[0]).toMatchObject({ unreadCount: 1, lastMessage: { text: 'Uploaded' } });
    expect(updated.unreadTotal).toBe(before.unreadTotal + 1);

    await transportFor(mock, 'daniel').startConversation({
      subject: 'New question',
      body: 'Hi',
      idempotencyKey: seedKey(),
    });
    const added = await until(
      client.conversations,
      (state) => state.conversations.length === before.conversations.length + 1,
    );
    expect(added.conversations[0]).toMatchObject({ subject: 'New question', unreadCount: 1 });
    expect(listSpy.mock.calls.length).toBe(callsAfterLoad);
  });
});
