import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../storage/storage.js';
import {
  clientFor,
  createMockServer,
  queueOffline,
  seedConversation,
  serverBodies,
  urlOf,
  wrappedTransport,
} from '../test/mock-clients.js';
import { stateOf, until, untilState } from '../test/until.js';

describe('one QueryClient and one storage across sign-ins', () => {
  it("removes Ben's queries and gives Daniel nothing of Ben's: not his viewer, data or queued send, and sends nothing with Daniel's token", async () => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Shared device', 'Hello Daniel');
    const queryClient = new QueryClient();
    const storage = memoryStorage();

    const ben = await clientFor(mock, 'ben', { queryClient, storage });
    await until(ben.conversations, (state) => state.status === 'success');
    queueOffline(ben, id, 'Queued by Ben');
    await untilState(ben.stores.outbox, (state) => state.entries.length === 1);
    expect(queryClient.getQueryCache().findAll({ queryKey: ben.keys.all }).length).toBeGreaterThan(0);
    ben.dispose();
    expect(queryClient.getQueryCache().findAll({ queryKey: ['confide'] })).toEqual([]);

    const sends: string[] = [];
    const transport = wrappedTransport(mock, 'daniel', (fetch) => (input, init) => {
      if ((input instanceof Request ? input.method : init?.method) === 'POST') sends.push(urlOf(input));
      return fetch(input, init);
    });
    const daniel = await clientFor(mock, 'daniel', { transport, queryClient, storage });
    expect(await daniel.ready).toMatchObject({ role: 'client', id: 'con_daniel' });
    expect(daniel.stores.outbox.getState().entries).toEqual([]);
    const index = await until(daniel.conversations, (state) => state.status === 'success');
    expect(index.conversations.every((conversation) => conversation.contact.id === 'con_daniel')).toBe(true);
    expect(stateOf(daniel.thread(id)).messages.map((message) => message.body)).not.toContain('Queued by Ben');
    expect(sends.filter((url) => url.includes('/messages'))).toEqual([]);
    expect(await serverBodies(mock, id)).toEqual(['Hello Daniel']);
  });
});
