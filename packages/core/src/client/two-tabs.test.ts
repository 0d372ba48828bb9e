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

describe('two tabs of one viewer on one storage', () => {
  it.each([
    ['one QueryClient per tab', false],
    ['one QueryClient for both', true],
  ])('send a queued message once, and each shows it once (%s)', async (_name, shared) => {
    const mock = createMockServer();
    const id = await seedConversation(mock, 'Two tabs', 'Hello Daniel');
    const storage = memoryStorage();
    const posts: string[] = [];
    const transport = () =>
      wrappedTransport(mock, 'ben', (fetch) => async (input, init) => {
        const request = new Request(input, init);
        if (request.method === 'POST' && urlOf(input).endsWith('/messages'))
          posts.push(String((await request.clone().json()).idempotencyKey));
        return fetch(request);
      });
    const sharedClient = new QueryClient();
    const queryClient = () => (shared ? sharedClient : new QueryClient());
    const first = await clientFor(mock, 'ben', {
      transport: transport(),
      storage,
      queryClient: queryClient(),
    });
    await until(first.thread(id), (state) => state.status === 'success');
    queueOffline(first, id, 'Queued in the first tab');
    await untilState(first.stores.outbox, (state) => state.entries.length === 1);
    const second = await clientFor(mock, 'ben', {
      transport: transport(),
      storage,
      queryClient: queryClient(),
    });
    second.setOnline(false);
    await until(second.thread(id), (state) => state.status === 'success');
    first.setOnline(true);
    second.setOnline(true);
    for (const tab of [first, second]) {
      await untilState(tab.stores.outbox, (state) => state.entries.length === 0);
      const shown = await until(tab.thread(id), (state) =>
        state.messages.some(
          (message) => message.body === 'Queued in the first tab' && message.state === 'sent',
        ),
      );
      expect(shown.messages.filter((message) => message.body === 'Queued in the first tab')).toHaveLength(1);
    }
    expect(new Set(posts).size).toBe(1);
    expect(await serverBodies(mock, id)).toEqual(['Hello Daniel', 'Queued in the first tab']);
    expect(stateOf(first.thread(id)).messages.map((message) => message.id)).toEqual(
      stateOf(second.thread(id)).messages.map((message) => message.id),
    );
  });
});
